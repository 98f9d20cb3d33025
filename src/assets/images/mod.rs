//! Images as the theme shows them: each source image named by the content is
//! published at the widths the theme displays it at (never wider than the source),
//! as WebP and in its own format (JPEG or PNG) as the fallback, every file named by
//! the hash of its bytes (`/media/<name>-<width>.<hash>.<ext>`, cacheable forever).
//!
//! - **Widths**: a candidate photo is shown 9rem (144 CSS pixels) wide: 144 and 288
//!   (1× and 2× screens); a news image fills a card (up to 20rem) or the text column
//!   (up to 62rem): 320, 640, 960 and 1280. A source narrower than a step is
//!   published at its own width instead; narrower steps stay.
//! - **Encodings**: the fallback at the source's width, when the source is a JPEG or
//!   PNG shown as stored, is the source file itself; other fallbacks are encoded
//!   (JPEG quality 82, PNG at its best compression). WebP comes from libwebp: lossy
//!   (quality 80) for JPEG sources, lossless for PNG (drawings and charts, which
//!   lossy WebP would blur); it is published only when it is smaller than the
//!   fallback at every width, else the page offers the fallback alone. A narrower
//!   file that is not lighter than a wider one is left out (resizing a small palette
//!   PNG adds colours and can make it heavier).
//! - **Reproducible**: the encoders are deterministic (single-threaded libwebp, pure
//!   Rust JPEG and PNG): two builds give the same bytes, hence the same names.
//! - **Cached**: encoding is the slowest part of a build. Each encoded file is kept in
//!   `<out>/.baucu-cache/<province>.images/<key>-<width>.<ext>`, the key being a hash
//!   of the source's bytes and of the encoding settings ([`ENCODING`]); a build encodes
//!   only what is not there (a `--clean` build encodes everything again) and removes
//!   the files no image of the province uses any more.
//! - **Whole or refused**: an image is decoded completely before anything is
//!   published, within [`MAX_DECODED_BYTES`] and [`MAX_SIDE`]; a file cut short or
//!   whose header claims more pixels than it holds is an error, not a grey picture
//!   (see [`jpeg::whole`] for JPEG; the PNG and WebP decoders report a short file
//!   themselves). A cached file was encoded from a source that decoded whole.

use crate::diagnostics::{tr, Diagnostic, Localized};
use crate::hash::fnv1a;
use crate::model::{
    damaged_image, ImageFormat, ImageVariant, Portal, PublishedImage, SourceImage,
    MAX_DECODED_BYTES, MAX_SIDE,
};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

mod jpeg;

/// The widths of a candidate photo: `.photo` is 9rem wide, at 1× and 2×.
pub const PHOTO_WIDTHS: [u32; 2] = [144, 288];
/// The widths of a news image: a card (up to 20rem) at 1× and 2×, the text column
/// (up to 62rem) at 1× and about 1.3×.
pub const NEWS_WIDTHS: [u32; 4] = [320, 640, 960, 1280];
/// The width the `src` of an `<img>` prefers (the other widths are in its `srcset`).
pub const PHOTO_DEFAULT_WIDTH: u32 = 144;
pub const NEWS_DEFAULT_WIDTH: u32 = 640;

const JPEG_QUALITY: u8 = 82;
const WEBP_QUALITY: f32 = 80.0;

/// Every setting that shapes an encoded file: part of each cache key, so that a
/// baucu that encodes differently never reuses what an older one cached.
/// Version 2 decodes whole or refuses: files cached by version 1 may come from a
/// source cut short, so they are not reused.
pub const ENCODING: &str =
    "baucu-images 2; lanczos3; jpeg q82; png best adaptive; libwebp 1.6.0 lossy q80 / lossless";

/// What publishing the images of a province did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ImageStats {
    /// Source images.
    pub images: usize,
    /// Files published (fallbacks and WebP).
    pub files: usize,
    /// Files encoded by this build (the others came from the cache or are sources).
    pub encoded: usize,
    /// Bytes of the source images.
    pub source_bytes: u64,
}

/// The folder of a province's encoded images in the build cache.
pub fn cache_dir(out: &Path, province: &str) -> PathBuf {
    out.join(".baucu-cache").join(format!("{province}.images"))
}

/// Resizes and encodes every image of `portal` (reusing the cache under `out` unless
/// `clean`) and records what was published in [`SourceImage::published`]. An image
/// that cannot be decoded is an error at the place that names it.
pub fn publish_images(
    portal: &mut Portal,
    out: &Path,
    clean: bool,
) -> Result<ImageStats, Vec<Diagnostic>> {
    let dir = cache_dir(out, &portal.id);
    if portal.assets.images().is_empty() && !dir.exists() {
        return Ok(ImageStats::default());
    }
    let outcomes: Vec<Result<(PublishedImage, usize), Diagnostic>> = portal
        .assets
        .images()
        .par_iter()
        .map(|image| {
            publish_one(image, &dir, !clean).map_err(|failure| {
                let mut diagnostic = image.referrer.diagnostic();
                diagnostic.message = failure.message;
                diagnostic.hint = failure.hint.map(Box::new);
                diagnostic
            })
        })
        .collect();
    let mut stats = ImageStats::default();
    let mut errors = Vec::new();
    let mut published = Vec::new();
    for outcome in outcomes {
        match outcome {
            Ok((image, encoded)) => {
                stats.encoded += encoded;
                published.push(image);
            }
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut used = BTreeSet::new();
    for (image, result) in portal.assets.images_mut().iter_mut().zip(published) {
        stats.images += 1;
        stats.source_bytes += fs::metadata(&image.source).map(|m| m.len()).unwrap_or(0);
        stats.files += result.fallback.len() + result.webp.len();
        // Files left out (heavier than a wider one, or WebP not smaller) stay cached
        // too: they were encoded to be measured.
        for width in variant_widths(image) {
            for format in [fallback_format(image), ImageFormat::WebP] {
                used.insert(dir.join(cache_name(image, width, format)));
            }
        }
        image.published = Some(result);
    }
    prune(&dir, &used);
    Ok(stats)
}

/// Removes the files of `dir` that are not in `used` (images no longer published).
fn prune(dir: &Path, used: &BTreeSet<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if !used.contains(&path) {
            // Only a cache: a file that cannot be removed costs disk space, nothing else.
            let _ = fs::remove_file(&path);
        }
    }
}

/// The widths `image` is published at, narrowest first: the steps of each way it is
/// shown that are narrower than the source, and the source's own width when a step is
/// as wide or wider (never upscaled).
pub fn variant_widths(image: &SourceImage) -> Vec<u32> {
    let mut steps = Vec::new();
    if image.photo {
        steps.extend(PHOTO_WIDTHS);
    }
    if image.news {
        steps.extend(NEWS_WIDTHS);
    }
    let mut widths: Vec<u32> = steps.iter().copied().filter(|&w| w < image.width).collect();
    if steps.iter().any(|&w| w >= image.width) {
        widths.push(image.width);
    }
    widths.sort_unstable();
    widths.dedup();
    widths
}

/// The height of `image` shown `width` pixels wide.
fn height_at(image: &SourceImage, width: u32) -> u32 {
    let height = (u64::from(image.height) * u64::from(width) + u64::from(image.width) / 2)
        / u64::from(image.width);
    (height as u32).max(1)
}

/// The format of the fallback: the source's, except for WebP sources.
pub fn fallback_format(image: &SourceImage) -> ImageFormat {
    match image.format {
        ImageFormat::WebP if image.alpha => ImageFormat::Png,
        ImageFormat::WebP => ImageFormat::Jpeg,
        other => other,
    }
}

/// The name of an encoded file in the cache.
fn cache_name(image: &SourceImage, width: u32, format: ImageFormat) -> String {
    let mut key = crate::hash::Fnv1a::default();
    key.write_bytes(ENCODING.as_bytes());
    key.write_bytes(&image.hash.to_le_bytes());
    format!("{:016x}-{width}.{}", key.finish(), format.extension())
}

/// Why an image cannot be published, and what to do when it can be said.
struct Failure {
    message: Localized,
    hint: Option<Localized>,
}

impl From<Localized> for Failure {
    fn from(message: Localized) -> Self {
        Failure {
            message,
            hint: None,
        }
    }
}

/// A source whose pixels cannot all be read: published, the missing part would be
/// grey (or garbage), so it is refused.
fn cut_short(shown: &str, reason: Localized) -> Failure {
    let (vi, en) = (reason.vi, reason.en);
    Failure {
        message: tr!(
            "Không đọc được ảnh `{shown}`: tệp bị hỏng hoặc bị cắt cụt ({vi})",
            "cannot read the image `{shown}`: the file is damaged or cut short ({en})"
        ),
        hint: Some(tr!(
            "xuất lại ảnh từ bản gốc (máy ảnh, điện thoại, trình sửa ảnh) rồi chép lại trọn tệp; hoặc mở ảnh bằng trình sửa ảnh và lưu lại thành JPEG hoặc PNG",
            "export it again from the original (camera, phone, image editor) and copy the whole file; or open it in an image editor and save it again as JPEG or PNG"
        )),
    }
}

/// The pixels of a source image, upright, decoded once when the first file to
/// encode needs them.
struct Pixels<'a> {
    image: &'a SourceImage,
    decoded: Option<image::DynamicImage>,
}

impl Pixels<'_> {
    fn get(&mut self) -> Result<&image::DynamicImage, Failure> {
        if self.decoded.is_none() {
            self.decoded = Some(decode(self.image)?);
        }
        Ok(self.decoded.as_ref().expect("decoded above"))
    }
}

fn read_source(image: &SourceImage) -> Result<Vec<u8>, Localized> {
    let shown = image.source.display();
    fs::read(&image.source).map_err(|e| {
        tr!(
            "Không đọc được `{shown}`: {e}",
            "cannot read `{shown}`: {e}"
        )
    })
}

/// Writes an encoded file into the cache through a temporary file of its own (two
/// images with the same bytes share cache files and may be encoded side by side).
fn write_cached(file: &Path, bytes: &[u8], hash: u64) -> Result<(), Localized> {
    let failed = |e: std::io::Error| {
        let shown = file.display();
        tr!(
            "Không ghi được ảnh đã mã hóa vào bộ nhớ đệm `{shown}`: {e}",
            "cannot write the encoded image into the build cache `{shown}`: {e}"
        )
    };
    if let Some(parent) = file.parent() {
        fs::create_dir_all(parent).map_err(failed)?;
    }
    let mut temporary = file.as_os_str().to_owned();
    temporary.push(format!(
        ".{hash:016x}-{:?}.baucu-tmp",
        std::thread::current().id()
    ));
    fs::write(&temporary, bytes).map_err(failed)?;
    fs::rename(&temporary, file).map_err(failed)
}

/// The decoder's limits: `check` refuses an image beyond them (`probe_image`), so
/// they are met here unless the file changed since; a header that lies within them
/// costs at most [`MAX_DECODED_BYTES`] (the pixels are allocated before they are read).
fn limits() -> image::Limits {
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODED_BYTES);
    limits
}

fn decode(image: &SourceImage) -> Result<image::DynamicImage, Failure> {
    let shown = image.source.display().to_string();
    let bytes = read_source(image)?;
    if image.format == ImageFormat::Jpeg {
        jpeg::whole(&bytes).map_err(|reason| cut_short(&shown, reason))?;
    }
    let decoder_said = |e: image::ImageError| {
        let reason = e.to_string();
        cut_short(&shown, Localized::new(reason.clone(), reason))
    };
    let mut reader = image::ImageReader::new(std::io::Cursor::new(&bytes))
        .with_guessed_format()
        .map_err(|e| damaged_image(&shown, &e.to_string()))?;
    reader.limits(limits());
    let mut decoded = reader.decode().map_err(decoder_said)?;
    if let Some(orientation) = image::metadata::Orientation::from_exif(image.orientation) {
        decoded.apply_orientation(orientation);
    }
    if (decoded.width(), decoded.height()) != (image.width, image.height) {
        return Err(Failure::from(damaged_image(
            &shown,
            &format!(
                "{}×{} pixels, its header says {}×{}",
                decoded.width(),
                decoded.height(),
                image.width,
                image.height
            ),
        )));
    }
    // `into_`: an RGB decoding is kept as it is, not copied (a 6000 × 4000 photo is
    // 72 MB).
    Ok(
        if fallback_format(image) == ImageFormat::Png && decoded.color().has_alpha() {
            image::DynamicImage::ImageRgba8(decoded.into_rgba8())
        } else {
            image::DynamicImage::ImageRgb8(decoded.into_rgb8())
        },
    )
}

/// Publishes one image: every width, as fallback and WebP, from the cache when
/// `reuse` and it is there. Returns what was published and how many files were
/// encoded.
fn publish_one(
    image: &SourceImage,
    dir: &Path,
    reuse: bool,
) -> Result<(PublishedImage, usize), Failure> {
    let fallback_format = fallback_format(image);
    let mut pixels = Pixels {
        image,
        decoded: None,
    };
    let mut encoded = 0;
    let mut fallback = Vec::new();
    let mut webp = Vec::new();
    for width in variant_widths(image) {
        let height = height_at(image, width);
        let as_stored =
            width == image.width && fallback_format == image.format && image.orientation == 1;
        for format in [fallback_format, ImageFormat::WebP] {
            let (file, bytes) = if as_stored && format == fallback_format {
                (image.source.clone(), read_source(image)?)
            } else {
                let file = dir.join(cache_name(image, width, format));
                match fs::read(&file).ok().filter(|_| reuse) {
                    Some(bytes) => (file, bytes),
                    None => {
                        let resized = resize(pixels.get()?, width, height);
                        let bytes = encode(&resized, format, fallback_format)?;
                        write_cached(&file, &bytes, image.hash)?;
                        encoded += 1;
                        (file, bytes)
                    }
                }
            };
            let hash = format!("{:016x}", fnv1a(&bytes));
            let variant = ImageVariant {
                width,
                height,
                format,
                url: format!(
                    "/media/{}-{width}.{}.{}",
                    image.name,
                    &hash[..10],
                    format.extension()
                ),
                file,
                bytes: bytes.len() as u64,
            };
            if format == ImageFormat::WebP {
                webp.push(variant);
            } else {
                fallback.push(variant);
            }
        }
    }
    lighter_when_narrower(&mut fallback);
    lighter_when_narrower(&mut webp);
    let smaller = webp.iter().all(|w| {
        fallback
            .iter()
            .find(|f| f.width == w.width)
            .is_none_or(|f| w.bytes < f.bytes)
    });
    if !smaller {
        webp.clear();
    }
    Ok((PublishedImage { fallback, webp }, encoded))
}

/// Drops each variant that is not lighter than every wider one: a drawing stored as
/// a small palette PNG can grow when resized (smoothing adds colours), and a smaller
/// picture in more bytes helps no one. The widest always stays.
fn lighter_when_narrower(variants: &mut Vec<ImageVariant>) {
    let mut lightest = u64::MAX;
    let mut kept: Vec<ImageVariant> = variants
        .drain(..)
        .rev()
        .filter(|v| {
            let lighter = v.bytes < lightest;
            lightest = lightest.min(v.bytes);
            lighter
        })
        .collect();
    kept.reverse();
    *variants = kept;
}

fn resize(pixels: &image::DynamicImage, width: u32, height: u32) -> image::DynamicImage {
    if (pixels.width(), pixels.height()) == (width, height) {
        return pixels.clone();
    }
    pixels.resize_exact(width, height, image::imageops::FilterType::Lanczos3)
}

/// Encodes `pixels` (RGB8 or RGBA8) as `format`; WebP is lossy when the fallback is
/// JPEG, lossless when it is PNG.
fn encode(
    pixels: &image::DynamicImage,
    format: ImageFormat,
    fallback: ImageFormat,
) -> Result<Vec<u8>, Localized> {
    let failed = |e: String| {
        tr!(
            "Không mã hóa được ảnh ({e})",
            "cannot encode the image ({e})"
        )
    };
    let mut out = Vec::new();
    match format {
        ImageFormat::Jpeg => {
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
                .encode_image(&pixels.to_rgb8())
                .map_err(|e| failed(e.to_string()))?;
        }
        ImageFormat::Png => {
            use image::ImageEncoder;
            image::codecs::png::PngEncoder::new_with_quality(
                &mut out,
                image::codecs::png::CompressionType::Best,
                image::codecs::png::FilterType::Adaptive,
            )
            .write_image(
                pixels.as_bytes(),
                pixels.width(),
                pixels.height(),
                pixels.color().into(),
            )
            .map_err(|e| failed(e.to_string()))?;
        }
        ImageFormat::WebP => {
            out = webp(pixels, fallback == ImageFormat::Png)
                .ok_or_else(|| failed("libwebp".into()))?;
        }
    }
    Ok(out)
}

/// libwebp's one-call encoders: lossy at [`WEBP_QUALITY`] or lossless, RGB or RGBA.
fn webp(pixels: &image::DynamicImage, lossless: bool) -> Option<Vec<u8>> {
    use libwebp_sys as ffi;
    let (data, channels) = match pixels {
        image::DynamicImage::ImageRgb8(rgb) => (rgb.as_raw(), 3),
        image::DynamicImage::ImageRgba8(rgba) => (rgba.as_raw(), 4),
        _ => return None,
    };
    let width = i32::try_from(pixels.width()).ok()?;
    let height = i32::try_from(pixels.height()).ok()?;
    let stride = width.checked_mul(channels)?;
    let mut output: *mut u8 = std::ptr::null_mut();
    // SAFETY: `data` holds `height` rows of `stride` bytes (an ImageBuffer of that
    // size and layout); libwebp writes the address of a buffer it allocated into
    // `output` and returns its length (0 on failure); we copy it and free it with
    // WebPFree, as its documentation asks.
    unsafe {
        let ptr = data.as_ptr();
        let length = match (channels, lossless) {
            (3, false) => ffi::WebPEncodeRGB(ptr, width, height, stride, WEBP_QUALITY, &mut output),
            (_, false) => {
                ffi::WebPEncodeRGBA(ptr, width, height, stride, WEBP_QUALITY, &mut output)
            }
            (3, true) => ffi::WebPEncodeLosslessRGB(ptr, width, height, stride, &mut output),
            (_, true) => ffi::WebPEncodeLosslessRGBA(ptr, width, height, stride, &mut output),
        };
        if output.is_null() {
            return None;
        }
        let bytes = (length > 0).then(|| std::slice::from_raw_parts(output, length).to_vec());
        ffi::WebPFree(output.cast());
        bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostic;

    fn source(width: u32, height: u32, photo: bool, news: bool) -> SourceImage {
        SourceImage {
            source: PathBuf::from("x.jpg"),
            name: "x".into(),
            hash: 1,
            format: ImageFormat::Jpeg,
            width,
            height,
            orientation: 1,
            alpha: false,
            photo,
            news,
            referrer: crate::model::Referrer::At(Diagnostic::error("news/a.md", "")),
            published: None,
        }
    }

    #[test]
    fn widths_follow_the_theme_and_never_upscale() {
        assert_eq!(variant_widths(&source(240, 320, true, false)), [144, 240]);
        assert_eq!(variant_widths(&source(2000, 1500, true, false)), [144, 288]);
        assert_eq!(variant_widths(&source(100, 100, true, false)), [100]);
        assert_eq!(
            variant_widths(&source(4000, 3000, false, true)),
            [320, 640, 960, 1280]
        );
        assert_eq!(
            variant_widths(&source(720, 378, false, true)),
            [320, 640, 720]
        );
        assert_eq!(variant_widths(&source(640, 336, false, true)), [320, 640]);
        assert_eq!(
            variant_widths(&source(1000, 500, true, true)),
            [144, 288, 320, 640, 960, 1000]
        );
        assert_eq!(height_at(&source(720, 378, false, true), 320), 168);
    }
}
