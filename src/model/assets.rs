//! Files that content refers to (news images, candidate photos, document files):
//! resolved relative to the file that names them, refused when they lead outside the
//! content root, and given the URL they are published at.
//!
//! Images are read here as far as their header (format, size, orientation), so that
//! `check` refuses what cannot be published; the write stage
//! ([`crate::assets::images`]) resizes and encodes them and fills in
//! [`SourceImage::published`].

use crate::diagnostics::{tr, Diagnostic, Localized};
use crate::hash::fnv1a;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

#[derive(Debug, Default)]
pub struct AssetMap {
    /// Canonical source path → site URL, for files published as they are.
    urls: BTreeMap<PathBuf, String>,
    /// Images, in the order they were first named.
    images: Vec<SourceImage>,
    /// Canonical source path → index into `images`.
    image_index: BTreeMap<PathBuf, usize>,
}

/// Where a referenced file is published.
pub enum Publish {
    /// `<dir>/<file name>`, as it is (documents keep their names).
    AsIs(&'static str),
    /// `<dir>/<name>.<hash>.<ext>`, as it is, named by the hash of its bytes (the
    /// province's emblem, logo and favicon: `/media/` is cached for good).
    Hashed(&'static str),
}

/// An image of the portal: an index into [`AssetMap::images`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ImageId(pub usize);

/// How the theme shows an image, which decides the widths it is published at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageUse {
    /// A candidate's photo.
    Photo,
    /// A news item's image (on its page and on cards) or an image in a Markdown text.
    News,
}

/// The encodings baucu reads (and publishes as the fallback of WebP).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Jpeg,
    Png,
    WebP,
}

impl ImageFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Jpeg => "jpg",
            ImageFormat::Png => "png",
            ImageFormat::WebP => "webp",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            ImageFormat::Jpeg => "image/jpeg",
            ImageFormat::Png => "image/png",
            ImageFormat::WebP => "image/webp",
        }
    }
}

/// An image file named by the content, as its header describes it.
#[derive(Debug, Clone)]
pub struct SourceImage {
    /// Canonical path, inside the content root.
    pub source: PathBuf,
    /// The file name's stem as a slug: the start of every published name.
    pub name: String,
    /// FNV-1a of the file's bytes.
    pub hash: u64,
    pub format: ImageFormat,
    /// Pixels as shown, the EXIF orientation applied (a portrait photo taken sideways
    /// is taller than wide).
    pub width: u32,
    pub height: u32,
    /// The EXIF orientation (1–8; 1 = as stored).
    pub orientation: u8,
    /// Whether it has transparency (then its fallback is PNG).
    pub alpha: bool,
    pub photo: bool,
    pub news: bool,
    /// Where the content first names it: build-time errors about the image point there.
    pub referrer: Referrer,
    /// What the write stage made of it; `None` until then.
    pub published: Option<PublishedImage>,
}

/// Where the content names an image. A field of a YAML record is located only when
/// an error needs it: locating indexes the whole file, as big as a candidate list.
#[derive(Debug, Clone)]
pub enum Referrer {
    Field(crate::content::source::Origin, &'static str),
    At(Diagnostic),
}

impl Referrer {
    /// An error at the reference, with no message yet.
    pub fn diagnostic(&self) -> Diagnostic {
        match self {
            Referrer::Field(origin, field) => origin.error(field, ""),
            Referrer::At(diagnostic) => diagnostic.clone(),
        }
    }
}

/// The files an image is published as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedImage {
    /// In the source's format (JPEG or PNG; a WebP source gets JPEG, or PNG when it
    /// has transparency), narrowest first.
    pub fallback: Vec<ImageVariant>,
    /// The same widths as WebP; empty when WebP would not be smaller.
    pub webp: Vec<ImageVariant>,
}

/// One published file of an image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageVariant {
    pub width: u32,
    pub height: u32,
    pub format: ImageFormat,
    /// `/media/<name>-<width>.<hash>.<ext>`.
    pub url: String,
    /// Where its bytes are: the source itself, or the encoded copy in the build cache.
    pub file: PathBuf,
    pub bytes: u64,
}

impl AssetMap {
    /// Resolves `reference` (relative to `base_dir`) and registers it. `content_root`
    /// must be canonical.
    pub fn register(
        &mut self,
        content_root: &Path,
        base_dir: &Path,
        reference: &str,
        publish: Publish,
    ) -> Result<String, Localized> {
        let source = resolve(content_root, base_dir, reference)?;
        if let Some(url) = self.urls.get(&source) {
            return Ok(url.clone());
        }
        let name = source
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("file")
            .to_string();
        let url = match publish {
            Publish::AsIs(dir) => {
                if !is_url_file_name(&name) {
                    let stem_ext = name.rsplit_once('.');
                    let suggested = match stem_ext {
                        Some((stem, ext)) => format!(
                            "{}.{}",
                            crate::text::slugify(stem),
                            crate::text::slugify(ext)
                        ),
                        None => crate::text::slugify(&name),
                    };
                    return Err(tr!(
                        "Tên tệp `{name}` không dùng được trong địa chỉ trang web (tệp được công bố tại {dir}{name}); đổi tên thành `{suggested}`",
                        "the file name `{name}` cannot be used in a web address (the file is published at {dir}{name}): rename it to `{suggested}`"
                    ));
                }
                let url = format!("{dir}{name}");
                if let Some((other, _)) = self.urls.iter().find(|(_, u)| **u == url) {
                    let other = other.display();
                    return Err(tr!(
                        "Hai tệp khác nhau cùng được công bố tại {url} (tệp kia: {other}); đổi tên một tệp",
                        "two different files would be published at {url} (the other is {other}): rename one of them"
                    ));
                }
                url
            }
            Publish::Hashed(dir) => {
                let bytes = std::fs::read(&source).map_err(|e| {
                    let e = e.to_string();
                    tr!(
                        "Không đọc được `{reference}`: {e}",
                        "cannot read `{reference}`: {e}"
                    )
                })?;
                let digest = crate::hash::sha256(&bytes);
                let hash: String = digest[..5].iter().map(|b| format!("{b:02x}")).collect();
                let (stem, ext) = name.rsplit_once('.').unwrap_or((name.as_str(), ""));
                let stem = match crate::text::slugify(stem) {
                    s if s.is_empty() => "file".to_string(),
                    s => s,
                };
                format!("{dir}{stem}.{hash}.{}", crate::text::slugify(ext))
            }
        };
        self.urls.insert(source, url.clone());
        Ok(url)
    }

    /// Resolves image `reference` (relative to `base_dir`), reads its header and
    /// registers it for `used_as`. `referrer` is where the content names it (made
    /// only for an image not seen before). `content_root` must be canonical.
    pub fn register_image(
        &mut self,
        content_root: &Path,
        base_dir: &Path,
        reference: &str,
        used_as: ImageUse,
        referrer: impl FnOnce() -> Referrer,
    ) -> Result<ImageId, Localized> {
        let source = resolve(content_root, base_dir, reference)?;
        let index = match self.image_index.get(&source) {
            Some(&index) => index,
            None => {
                let bytes = std::fs::read(&source).map_err(|e| {
                    tr!(
                        "Không đọc được `{reference}`: {e}",
                        "cannot read `{reference}`: {e}"
                    )
                })?;
                let header = probe_image(&bytes, reference)?;
                let stem = source
                    .file_stem()
                    .and_then(|n| n.to_str())
                    .unwrap_or("image");
                let name = match crate::text::slugify(stem) {
                    s if s.is_empty() => "image".to_string(),
                    s => s,
                };
                self.images.push(SourceImage {
                    name,
                    hash: fnv1a(&bytes),
                    format: header.format,
                    width: header.width,
                    height: header.height,
                    orientation: header.orientation,
                    alpha: header.alpha,
                    photo: false,
                    news: false,
                    referrer: referrer(),
                    published: None,
                    source: source.clone(),
                });
                self.image_index.insert(source, self.images.len() - 1);
                self.images.len() - 1
            }
        };
        let image = &mut self.images[index];
        match used_as {
            ImageUse::Photo => image.photo = true,
            ImageUse::News => image.news = true,
        }
        Ok(ImageId(index))
    }

    /// The image registered earlier by its reference from `base_dir`.
    pub fn image_for(
        &self,
        content_root: &Path,
        base_dir: &Path,
        reference: &str,
    ) -> Option<&SourceImage> {
        let source = resolve(content_root, base_dir, reference).ok()?;
        self.image_index.get(&source).map(|&i| &self.images[i])
    }

    pub fn image(&self, id: ImageId) -> &SourceImage {
        &self.images[id.0]
    }

    pub fn images(&self) -> &[SourceImage] {
        &self.images
    }

    pub fn images_mut(&mut self) -> &mut [SourceImage] {
        &mut self.images
    }

    /// Every file to publish as (where its bytes are, URL), in a stable order:
    /// documents, then every published variant of every image.
    pub fn iter(&self) -> impl Iterator<Item = (&Path, &str)> {
        let images = self
            .images
            .iter()
            .filter_map(|i| i.published.as_ref())
            .flat_map(|p| p.fallback.iter().chain(&p.webp))
            .map(|v| (v.file.as_path(), v.url.as_str()));
        self.urls
            .iter()
            .map(|(p, u)| (p.as_path(), u.as_str()))
            .chain(images)
    }
}

/// The most bytes one image may take decoded, as its decoder gives it and as the
/// RGB (RGBA with transparency) it is resized from: 100 MB, which a header that lies
/// about the size cannot make baucu allocate beyond. A 33-megapixel photo passes
/// (RGB, 3 bytes a pixel: a 6000 × 4000 camera photo takes 72 MB), 25 megapixels with
/// transparency; larger photos gain nothing on a web page.
pub const MAX_DECODED_BYTES: u64 = 100_000_000;
/// The widest or tallest image decoded (the `image` crate's width and height limits).
pub const MAX_SIDE: u32 = 20_000;

/// What an image's header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageHeader {
    pub format: ImageFormat,
    /// As shown (orientation applied).
    pub width: u32,
    pub height: u32,
    pub orientation: u8,
    pub alpha: bool,
}

/// Reads the header of an image file (`reference` names it in messages): its format
/// from its first bytes (not its name), its size and EXIF orientation.
pub fn probe_image(bytes: &[u8], reference: &str) -> Result<ImageHeader, Localized> {
    use image::ImageDecoder;
    let reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| damaged_image(reference, &e.to_string()))?;
    let format = match reader.format() {
        Some(image::ImageFormat::Jpeg) => ImageFormat::Jpeg,
        Some(image::ImageFormat::Png) => ImageFormat::Png,
        Some(image::ImageFormat::WebP) => ImageFormat::WebP,
        Some(other) => {
            let kind = other.extensions_str().first().copied().unwrap_or("?");
            let kind = kind.to_ascii_uppercase();
            return Err(tr!(
                "`{reference}` là ảnh {kind}; trang web chỉ đăng được ảnh JPEG, PNG hoặc WebP: lưu ảnh thành JPEG (ảnh chụp) hoặc PNG (hình vẽ, biểu đồ) rồi sửa đường dẫn",
                "`{reference}` is a {kind} image; only JPEG, PNG and WebP images can be published: save it as JPEG (photos) or PNG (drawings, charts) and change the path"
            ));
        }
        None => {
            return Err(tr!(
                "`{reference}` không phải là ảnh JPEG, PNG hay WebP: hãy chọn đúng tệp ảnh, hoặc mở ảnh bằng trình sửa ảnh và lưu lại thành JPEG hoặc PNG",
                "`{reference}` is not a JPEG, PNG or WebP image: point to the right file, or open it in an image editor and save it again as JPEG or PNG"
            ))
        }
    };
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| damaged_image(reference, &e.to_string()))?;
    let (stored_width, stored_height) = decoder.dimensions();
    if stored_width == 0 || stored_height == 0 {
        return Err(damaged_image(reference, "0 pixels"));
    }
    // What the decoder allocates, and what the picture takes once made RGB or RGBA.
    let pixels = u64::from(stored_width) * u64::from(stored_height);
    let per_pixel = if decoder.color_type().has_alpha() {
        4
    } else {
        3
    };
    let per_pixel = per_pixel.max(decoder.total_bytes() / pixels);
    if pixels * per_pixel > MAX_DECODED_BYTES || stored_width.max(stored_height) > MAX_SIDE {
        let millions = MAX_DECODED_BYTES / per_pixel / 1_000_000;
        return Err(tr!(
            "`{reference}` có {stored_width} × {stored_height} điểm ảnh, quá lớn để đăng (với loại ảnh này tối đa {millions} triệu điểm ảnh, mỗi cạnh tối đa {MAX_SIDE}): lưu một bản nhỏ hơn, rộng chừng 2000 điểm ảnh",
            "`{reference}` has {stored_width} × {stored_height} pixels, too many to publish (for this kind of image at most {millions} million, and {MAX_SIDE} a side): save a smaller copy, about 2000 pixels wide"
        ));
    }
    let orientation = decoder
        .orientation()
        .map(|o| o.to_exif())
        .unwrap_or(1)
        .clamp(1, 8);
    // Orientations 5 to 8 turn the picture a quarter.
    let (width, height) = if orientation >= 5 {
        (stored_height, stored_width)
    } else {
        (stored_width, stored_height)
    };
    Ok(ImageHeader {
        format,
        width,
        height,
        orientation,
        alpha: decoder.color_type().has_alpha(),
    })
}

/// The message for an image that cannot be read, `reason` as the decoder gave it.
pub fn damaged_image(reference: &str, reason: &str) -> Localized {
    tr!(
        "Không đọc được ảnh `{reference}` ({reason}): tệp bị hỏng hoặc không phải loại ảnh như tên gọi; mở ảnh bằng trình sửa ảnh, lưu lại thành JPEG hoặc PNG rồi đăng lại",
        "cannot read the image `{reference}` ({reason}): the file is damaged or not the kind of image its name says; open it in an image editor, save it again as JPEG or PNG and use that file"
    )
}

/// A file name that a URL holds as it is: ASCII letters, digits, `-`, `_` and `.`,
/// not starting with a dot.
fn is_url_file_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// The canonical path of `reference`, which must exist inside `content_root`.
pub fn resolve(
    content_root: &Path,
    base_dir: &Path,
    reference: &str,
) -> Result<PathBuf, Localized> {
    let relative = Path::new(reference);
    if reference.is_empty()
        || relative.is_absolute()
        || reference.contains("://")
        || relative
            .components()
            .any(|c| matches!(c, Component::Prefix(_)))
    {
        return Err(tr!(
            "`{reference}` phải là đường dẫn tính từ thư mục của tệp này, ví dụ images/anh.jpg",
            "`{reference}` must be a path relative to this file, like images/photo.jpg"
        ));
    }
    let joined = base_dir.join(relative);
    let canonical = joined.canonicalize().map_err(|_| {
        tr!(
            "Không có tệp `{reference}`",
            "the file `{reference}` does not exist"
        )
    })?;
    if !canonical.starts_with(content_root) {
        return Err(tr!(
            "`{reference}` dẫn ra ngoài thư mục content/; chỉ các tệp trong content/ mới được công bố",
            "`{reference}` leads outside the content folder; only files inside content/ are published"
        ));
    }
    if !canonical.is_file() {
        return Err(tr!(
            "`{reference}` không phải là một tệp",
            "`{reference}` is not a file"
        ));
    }
    Ok(canonical)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A real 2 × 1 PNG, made by the encoder baucu uses.
    fn png() -> Vec<u8> {
        let mut bytes = Vec::new();
        image::DynamicImage::new_rgb8(2, 1)
            .write_to(
                &mut std::io::Cursor::new(&mut bytes),
                image::ImageFormat::Png,
            )
            .unwrap();
        bytes
    }

    fn register(
        assets: &mut AssetMap,
        root: &Path,
        base: &Path,
        r: &str,
    ) -> Result<ImageId, Localized> {
        assets.register_image(root, base, r, ImageUse::News, || {
            Referrer::At(Diagnostic::error("p/news/a.md", ""))
        })
    }

    #[test]
    fn refuses_paths_outside_the_content_root() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir_all(content.join("p/news/images")).unwrap();
        std::fs::write(content.join("p/news/images/Ảnh A.png"), png()).unwrap();
        std::fs::write(dir.path().join("secret.png"), png()).unwrap();
        let root = content.canonicalize().unwrap();
        let base = content.join("p/news");
        let mut assets = AssetMap::default();
        let id = register(&mut assets, &root, &base, "images/Ảnh A.png").unwrap();
        let image = assets.image(id);
        assert_eq!(image.name, "anh-a");
        assert_eq!((image.width, image.height), (2, 1));
        assert_eq!(image.format, ImageFormat::Png);
        assert!(image.news && !image.photo);
        assert_eq!(
            register(&mut assets, &root, &base, "./images/Ảnh A.png").unwrap(),
            id
        );
        let err = register(&mut assets, &root, &base, "../../../secret.png").unwrap_err();
        assert!(err.en.contains("outside"), "{err}");
        assert!(register(&mut assets, &root, &base, "/etc/passwd").is_err());
        assert!(register(&mut assets, &root, &base, "images/missing.png")
            .unwrap_err()
            .en
            .contains("does not exist"));
    }

    #[test]
    fn images_that_cannot_be_published_are_refused_with_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir_all(content.join("p/news/images")).unwrap();
        let files: [(&str, Vec<u8>); 3] = [
            (
                "images/a.gif",
                b"GIF89a\x01\x00\x01\x00\x00\x00\x00;".to_vec(),
            ),
            ("images/b.jpg", b"not an image at all".to_vec()),
            ("images/c.png", png()[..30].to_vec()),
        ];
        for (name, bytes) in &files {
            std::fs::write(content.join("p/news").join(name), bytes).unwrap();
        }
        let root = content.canonicalize().unwrap();
        let base = content.join("p/news");
        let mut assets = AssetMap::default();
        let gif = register(&mut assets, &root, &base, "images/a.gif").unwrap_err();
        assert!(gif.en.contains("`images/a.gif` is a GIF image"), "{gif}");
        assert!(gif.en.contains("save it as JPEG"), "{gif}");
        assert!(gif.vi.contains("lưu ảnh thành JPEG"), "{}", gif.vi);
        let text = register(&mut assets, &root, &base, "images/b.jpg").unwrap_err();
        assert!(
            text.en
                .contains("`images/b.jpg` is not a JPEG, PNG or WebP image"),
            "{text}"
        );
        let cut = register(&mut assets, &root, &base, "images/c.png").unwrap_err();
        assert!(
            cut.en.contains("cannot read the image `images/c.png`"),
            "{cut}"
        );
        assert!(cut.en.contains("save it again as JPEG or PNG"), "{cut}");
        assert!(assets.images().is_empty());
    }
}
