//! End-to-end: candidate photos and news images as a reader's browser gets them
//! (`<picture>` with WebP and the fallback, sizes, lazy loading), as a CDN caches
//! them (named by their bytes), as Zalo and Facebook share them (JPEG or PNG), and
//! as an editor's mistakes about them are reported.

mod common;

use common::*;
use std::path::Path;

/// `(url, width)` of each entry of a `srcset`.
fn srcset(value: &str) -> Vec<(String, u32)> {
    value
        .split(", ")
        .map(|entry| {
            let (url, width) = entry.rsplit_once(' ').expect("`url width`");
            let width = width.strip_suffix('w').expect("a width descriptor");
            (url.to_string(), width.parse().unwrap())
        })
        .collect()
}

/// The bytes of a published file, with its size in pixels.
fn published(site: &Path, url: &str) -> (Vec<u8>, (u32, u32)) {
    let bytes = std::fs::read(file_of(site, url)).unwrap_or_else(|e| panic!("{url}: {e}"));
    let image = image::load_from_memory(&bytes).unwrap_or_else(|e| panic!("{url}: {e}"));
    (bytes, (image.width(), image.height()))
}

/// Checks one `<picture>`: every file exists at the width its descriptor says, is
/// named by its bytes, WebP is WebP and lighter than the fallback at the same width,
/// the fallback is the source's format, `width`/`height` are the `src` file's. Returns
/// the `<img>`'s attributes.
fn check_picture<'a>(
    site: &Path,
    picture: &scraper::ElementRef<'a>,
    fallback_ext: &str,
    source_width: u32,
) -> scraper::node::Element {
    let webp = select_in(picture, "source[type='image/webp']");
    let img = select_in(picture, "img");
    assert_eq!(img.len(), 1, "one fallback <img>");
    let img = img[0].value().clone();
    let mut fallback_sizes = std::collections::HashMap::new();
    for (url, width) in srcset(img.attr("srcset").expect("srcset")) {
        assert!(url.ends_with(&format!(".{fallback_ext}")), "{url}");
        let (bytes, size) = published(site, &url);
        assert_eq!(size.0, width, "{url} is {width} pixels wide");
        assert!(width <= source_width, "{url}: never wider than the source");
        assert_hashed(&url, &bytes);
        fallback_sizes.insert(width, bytes.len());
    }
    let src = img.attr("src").expect("src");
    let (_, size) = published(site, src);
    assert_eq!(img.attr("width"), Some(size.0.to_string().as_str()));
    assert_eq!(img.attr("height"), Some(size.1.to_string().as_str()));
    assert_eq!(img.attr("decoding"), Some("async"));
    assert!(img.attr("sizes").is_some());
    for source in webp {
        assert_eq!(source.value().attr("sizes"), img.attr("sizes"));
        for (url, width) in srcset(source.value().attr("srcset").unwrap()) {
            assert!(url.ends_with(".webp"), "{url}");
            let (bytes, size) = published(site, &url);
            assert_eq!(&bytes[8..12], b"WEBP", "{url} is WebP");
            assert_eq!(size.0, width, "{url} is {width} pixels wide");
            assert_hashed(&url, &bytes);
            if let Some(&fallback) = fallback_sizes.get(&width) {
                assert!(bytes.len() < fallback, "{url}: WebP only when lighter");
            }
        }
    }
    img
}

fn select_in<'a>(
    element: &scraper::ElementRef<'a>,
    selector: &str,
) -> Vec<scraper::ElementRef<'a>> {
    let selector = scraper::Selector::parse(selector).unwrap();
    element.select(&selector).collect()
}

/// `/media/<name>-<width>.<hash>.<ext>`, the hash being that of the bytes.
fn assert_hashed(url: &str, bytes: &[u8]) {
    let name = url.strip_prefix("/media/").expect("under /media/");
    let parts: Vec<&str> = name.split('.').collect();
    let hash = format!("{:016x}", baucu::hash::fnv1a(bytes));
    assert_eq!(parts.len(), 3, "{url}");
    assert_eq!(parts[1], &hash[..10], "{url} is named by its bytes");
}

fn meta(page: &scraper::Html, property: &str) -> Option<String> {
    select(page, &format!("meta[property='{property}']"))
        .first()
        .and_then(|m| m.value().attr("content"))
        .map(str::to_string)
}

#[test]
fn a_candidate_photo_is_a_picture_at_1x_and_2x_shown_at_once() {
    let built = sample();
    let site = built.site("quang-ninh");
    let page = built.page("quang-ninh", "/ung-cu-vien/nguyen-thi-hong-hanh-1976/");
    let pictures = select(&page, "picture.photo");
    assert_eq!(pictures.len(), 1);
    assert_eq!(
        select_in(&pictures[0], "source[type='image/webp']").len(),
        1,
        "the photo has WebP"
    );
    // The source is 240 × 320: 144 (9rem at 1×) and 240 (2× would be 288: never
    // upscaled).
    let img = check_picture(&site, &pictures[0], "jpg", 240);
    let widths: Vec<u32> = srcset(img.attr("srcset").unwrap())
        .iter()
        .map(|(_, w)| *w)
        .collect();
    assert_eq!(widths, [144, 240]);
    assert_eq!(img.attr("sizes"), Some("9rem"));
    assert_eq!(img.attr("alt"), Some("Nguyễn Thị Hồng Hạnh"));
    assert_ne!(
        img.attr("loading"),
        Some("lazy"),
        "the photo at the top is not lazy"
    );
    // Shared as the JPEG, with its size.
    let base = "https://baucu.quangninh.gov.vn";
    let shared = meta(&page, "og:image").unwrap();
    assert_eq!(shared, format!("{base}{}", img.attr("src").unwrap()));
    assert!(shared.ends_with(".jpg"), "{shared}");
    assert_eq!(meta(&page, "og:image:type").as_deref(), Some("image/jpeg"));
    assert_eq!(meta(&page, "og:image:width").as_deref(), img.attr("width"));
    assert_eq!(
        meta(&page, "og:image:height").as_deref(),
        img.attr("height")
    );
    // Smaller than the source, as WebP at 1×.
    let source = std::fs::metadata(
        repo_root().join("content/quang-ninh/candidates/photos/nguyen-thi-hong-hanh-1976.jpg"),
    )
    .unwrap()
    .len();
    let webp = srcset(
        select_in(&pictures[0], "source")[0]
            .value()
            .attr("srcset")
            .unwrap(),
    );
    let (bytes, _) = published(&site, &webp[0].0);
    assert!(
        (bytes.len() as u64) < source / 2,
        "{} of {source}",
        bytes.len()
    );
}

#[test]
fn news_images_are_eager_on_top_lazy_in_the_text_and_on_cards() {
    let built = sample();
    let site = built.site("quang-ninh");
    let page = built.page("quang-ninh", "/tin-tuc/cu-tri-quang-ninh-di-bau-cu/");
    // The image of the item, at the top: not lazy, alt = the title.
    let hero = select(&page, "article figure picture");
    assert_eq!(hero.len(), 1);
    let img = check_picture(&site, &hero[0], "png", 720);
    assert_ne!(img.attr("loading"), Some("lazy"));
    assert_eq!(img.attr("alt"), Some("Cử tri Quảng Ninh nô nức đi bầu cử"));
    assert!(img.attr("sizes").unwrap().contains("62rem"));
    // The same image in the Markdown text: lazy, with the Markdown's alt text.
    let inline = select(&page, ".body picture");
    assert_eq!(inline.len(), 1);
    let img = check_picture(&site, &inline[0], "png", 720);
    assert_eq!(img.attr("loading"), Some("lazy"));
    assert_eq!(
        img.attr("alt"),
        Some("Cử tri bỏ phiếu tại một khu vực bỏ phiếu ở phường Hạ Long")
    );
    // Shared as the PNG, never WebP.
    let shared = meta(&page, "og:image").unwrap();
    assert!(shared.ends_with(".png"), "{shared}");

    // Cards: lazy, decorative (the title says it), on the home page and lists.
    for url in ["/", "/tin-tuc/", "/en/", "/en/news/"] {
        let list = built.page("quang-ninh", url);
        let cards = select(&list, ".card picture");
        assert!(!cards.is_empty(), "{url} shows images on cards");
        for card in &cards {
            let ext = if select_in(card, "img")[0]
                .value()
                .attr("src")
                .unwrap()
                .ends_with(".png")
            {
                "png"
            } else {
                "jpg"
            };
            let img = check_picture(&site, card, ext, 720);
            assert_eq!(img.attr("loading"), Some("lazy"), "{url}");
            assert_eq!(img.attr("alt"), Some(""), "{url}");
        }
    }

    // A JPEG news image of 640 pixels: 320 and 640, as JPEG and WebP.
    let page = built.page("quang-ninh", "/tin-tuc/tap-huan-nghiep-vu-bau-cu/");
    let hero = select(&page, "article figure picture");
    let img = check_picture(&site, &hero[0], "jpg", 640);
    let widths: Vec<u32> = srcset(img.attr("srcset").unwrap())
        .iter()
        .map(|(_, w)| *w)
        .collect();
    assert_eq!(widths, [320, 640]);
    assert_eq!(select_in(&hero[0], "source[type='image/webp']").len(), 1);
}

#[test]
fn every_published_image_is_on_a_page_and_every_image_of_a_page_is_published() {
    let built = sample();
    let site = built.site("quang-ninh");
    let mut named = std::collections::BTreeSet::new();
    for file in html_files(&site) {
        let page = scraper::Html::parse_document(&std::fs::read_to_string(&file).unwrap());
        for img in select(&page, "img") {
            let img = img.value();
            assert!(img.attr("width").is_some(), "{}: width", file.display());
            assert!(img.attr("height").is_some(), "{}: height", file.display());
            named.insert(img.attr("src").unwrap().to_string());
        }
        for element in select(&page, "img[srcset], source[srcset]") {
            for (url, _) in srcset(element.value().attr("srcset").unwrap()) {
                assert!(file_of(&site, &url).is_file(), "{url}");
                named.insert(url);
            }
        }
    }
    let media: std::collections::BTreeSet<String> = std::fs::read_dir(site.join("media"))
        .unwrap()
        .map(|e| format!("/media/{}", e.unwrap().file_name().to_string_lossy()))
        // A text file (an SVG emblem) of 1 KiB or more has precompressed copies.
        .filter(|name| !name.ends_with(".br") && !name.ends_with(".gz"))
        .collect();
    assert_eq!(media, named, "no image published in vain");
}

#[test]
fn encoded_images_are_cached_and_reused_and_a_clean_build_encodes_again() {
    let project = sample_copy();
    let root = project.path();
    let options = options_for(root);
    let report = baucu::build(&options).unwrap();
    assert_clean(&report);
    let cache = root.join("public/.baucu-cache/quang-ninh.images");
    let site = root.join("public/quang-ninh");
    let page = |url: &str| {
        scraper::Html::parse_document(&std::fs::read_to_string(file_of(&site, url)).unwrap())
    };
    let webp_of = |html: &scraper::Html| {
        select(html, "picture.photo source")[0]
            .value()
            .attr("srcset")
            .map(|s| srcset(s)[0].0.clone())
            .unwrap()
    };
    let person = "/ung-cu-vien/nguyen-thi-hong-hanh-1976/";
    let first = webp_of(&page(person));
    let real = std::fs::read(file_of(&site, &first)).unwrap();
    let cached = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| std::fs::read(p).unwrap() == real)
        .expect("the encoded WebP is in the build cache");

    // Tamper with the cached file: a build that reuses the cache publishes it.
    let mut other = Vec::new();
    image::DynamicImage::new_rgb8(144, 192)
        .write_to(
            &mut std::io::Cursor::new(&mut other),
            image::ImageFormat::WebP,
        )
        .unwrap();
    std::fs::write(&cached, &other).unwrap();
    replace_in(
        root,
        "content/quang-ninh/news/2026-01-08-tap-huan-nghiep-vu-bau-cu.md",
        "---\n",
        "---\n# edited\n",
    );
    let report = baucu::build(&options).unwrap();
    assert_clean(&report);
    let reused = webp_of(&page(person));
    assert_ne!(reused, first, "the cached bytes, under their own name");
    assert_eq!(std::fs::read(file_of(&site, &reused)).unwrap(), other);
    assert!(!file_of(&site, &first).exists(), "the old file is gone");

    // --clean encodes everything again: the real bytes and name come back.
    let report = baucu::build(&baucu::Options {
        clean: true,
        ..options.clone()
    })
    .unwrap();
    assert_clean(&report);
    assert_eq!(webp_of(&page(person)), first);
    assert_eq!(std::fs::read(&cached).unwrap(), real);

    // A photo no longer named leaves the cache too.
    let before = std::fs::read_dir(&cache).unwrap().count();
    replace_in(
        root,
        "content/quang-ninh/candidates/hdnd-tinh.yaml",
        "    photo: photos/pham-quang-duc-1986.jpg\n",
        "",
    );
    assert_clean(&baucu::build(&options).unwrap());
    let after = std::fs::read_dir(&cache).unwrap().count();
    assert!(
        after < before,
        "{after} files in the cache, {before} before"
    );
}

#[test]
fn an_image_that_cannot_be_decoded_stops_the_build_at_the_line_naming_it() {
    let project = sample_copy();
    let root = project.path();
    let file = "content/quang-ninh/candidates/quoc-hoi.yaml";
    let line = line_of(root, file, "photo: photos/nguyen-thi-hong-hanh-1976.jpg", 0);
    // A PNG whose header is right and whose pixels are not: `check` reads headers
    // only, so the build finds it when it decodes.
    let mut png = Vec::new();
    image::DynamicImage::new_rgb8(64, 64)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let idat = png.windows(4).position(|w| w == b"IDAT").unwrap();
    for byte in &mut png[idat + 4..idat + 20] {
        *byte = 0xff;
    }
    write_file(
        root,
        "content/quang-ninh/candidates/photos/nguyen-thi-hong-hanh-1976.jpg",
        &png,
    );
    // What is published stays as it was (the build cache may keep the images that
    // were encoded: they are right).
    let published = |root: &Path| -> Vec<_> {
        snapshot(&root.join("public"))
            .into_iter()
            .filter(|(path, _)| !path.starts_with(".baucu-cache"))
            .collect()
    };
    assert_clean(&check(root));
    fake_public(root);
    let before = published(root);
    let report = baucu::build(&options_for(root)).unwrap();
    let error = error_at(&report, file, line, "cannot read the image");
    assert!(
        error.message.en.contains("nguyen-thi-hong-hanh-1976.jpg"),
        "{}",
        error.message.en
    );
    let hint = error.hint.as_deref().expect("a hint");
    assert!(hint.en.contains("save it again as JPEG or PNG"));
    assert!(hint.vi.contains("lưu lại thành JPEG hoặc PNG"));
    assert_eq!(published(root), before, "nothing published");

    // A file that is no image at all is refused by `check` already.
    write_file(
        root,
        "content/quang-ninh/candidates/photos/nguyen-thi-hong-hanh-1976.jpg",
        "GIF89a",
    );
    let report = check(root);
    error_at(&report, file, line, "is a GIF image");
}

/// A photo-like picture (every pixel different), so that its compressed data fills
/// the file and a file cut at half lacks pixels.
fn picture(width: u32, height: u32) -> image::RgbImage {
    image::RgbImage::from_fn(width, height, |x, y| {
        let noise = (x.wrapping_mul(2_654_435_761) ^ y.wrapping_mul(40_503)) >> 7;
        image::Rgb([(x + noise) as u8, (y ^ noise) as u8, (x * y + noise) as u8])
    })
}

fn encoded(format: image::ImageFormat) -> Vec<u8> {
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(picture(400, 300))
        .write_to(&mut std::io::Cursor::new(&mut bytes), format)
        .unwrap();
    bytes
}

/// Lossy WebP (the `image` crate writes lossless only), as libwebp makes it.
fn lossy_webp() -> Vec<u8> {
    let pixels = picture(400, 300);
    let mut output: *mut u8 = std::ptr::null_mut();
    // SAFETY: `pixels` holds 300 rows of 400 × 3 bytes; libwebp allocates `output`,
    // which is copied and freed with WebPFree.
    unsafe {
        let length =
            libwebp_sys::WebPEncodeRGB(pixels.as_raw().as_ptr(), 400, 300, 1200, 80.0, &mut output);
        assert!(length > 0 && !output.is_null());
        let bytes = std::slice::from_raw_parts(output, length).to_vec();
        libwebp_sys::WebPFree(output.cast());
        bytes
    }
}

/// Builds `root` with `bytes` as the photo of Nguyễn Thị Hồng Hạnh: an error at the
/// line that names it, naming the file, and what was published stays as it was.
/// Returns the error.
fn refused(root: &Path, bytes: &[u8], saying: &str) -> baucu::diagnostics::Diagnostic {
    let file = "content/quang-ninh/candidates/quoc-hoi.yaml";
    let line = line_of(root, file, "photo: photos/nguyen-thi-hong-hanh-1976.jpg", 0);
    let photo = "content/quang-ninh/candidates/photos/nguyen-thi-hong-hanh-1976.jpg";
    write_file(root, photo, bytes);
    let published = || -> Vec<_> {
        snapshot(&root.join("public"))
            .into_iter()
            .filter(|(path, _)| !path.starts_with(".baucu-cache"))
            .collect()
    };
    let before = published();
    let report = baucu::build(&options_for(root)).unwrap();
    let error = error_at(&report, file, line, saying).clone();
    assert!(
        error.message.en.contains("nguyen-thi-hong-hanh-1976.jpg")
            && error.message.vi.contains("nguyen-thi-hong-hanh-1976.jpg"),
        "{:?}",
        error.message
    );
    assert_eq!(published(), before, "nothing published");
    error
}

#[test]
fn an_image_cut_short_is_refused_not_published_grey() {
    let project = sample_copy();
    let root = project.path();
    fake_public(root);
    let whole = [
        ("JPEG", encoded(image::ImageFormat::Jpeg)),
        ("PNG", encoded(image::ImageFormat::Png)),
        ("lossless WebP", encoded(image::ImageFormat::WebP)),
        ("lossy WebP", lossy_webp()),
    ];
    for (kind, bytes) in &whole {
        // Whole, it is published.
        write_file(
            root,
            "content/quang-ninh/candidates/photos/nguyen-thi-hong-hanh-1976.jpg",
            bytes,
        );
        assert_clean(&baucu::build(&options_for(root)).unwrap());
        // Cut at half: `check` reads its header only; `build` decodes it.
        let cut = &bytes[..bytes.len() / 2];
        let error = refused(root, cut, "cannot read the image");
        assert!(
            error.message.en.contains("damaged or cut short"),
            "{kind}: {}",
            error.message.en
        );
        assert!(error.message.vi.contains("bị cắt cụt"), "{kind}");
        let hint = error.hint.as_deref().expect("a hint");
        assert!(
            hint.en.contains("export it again from the original"),
            "{kind}"
        );
        assert!(hint.vi.contains("xuất lại ảnh từ bản gốc"), "{kind}");
    }
}

/// `bytes` with the size in the JPEG's frame header (SOF0) replaced.
fn claiming(bytes: &[u8], width: u16, height: u16) -> Vec<u8> {
    let mut bytes = bytes.to_vec();
    let sof = bytes.windows(2).position(|w| w == [0xff, 0xc0]).unwrap();
    bytes[sof + 5..sof + 7].copy_from_slice(&height.to_be_bytes());
    bytes[sof + 7..sof + 9].copy_from_slice(&width.to_be_bytes());
    bytes
}

#[test]
fn a_jpeg_whose_header_claims_more_pixels_than_it_holds_is_refused_before_decoding() {
    let project = sample_copy();
    let root = project.path();
    fake_public(root);
    // A few KB claiming 49 megapixels: beyond what baucu decodes, `check` refuses it.
    let small = {
        let mut bytes = Vec::new();
        image::DynamicImage::ImageRgb8(picture(64, 48))
            .write_to(
                &mut std::io::Cursor::new(&mut bytes),
                image::ImageFormat::Jpeg,
            )
            .unwrap();
        bytes
    };
    assert!(small.len() < 8000, "{} bytes", small.len());
    let huge = claiming(&small, 7000, 7000);
    refused(root, &huge, "7000 × 7000 pixels, too many to publish");
    write_file(
        root,
        "content/quang-ninh/candidates/photos/nguyen-thi-hong-hanh-1976.jpg",
        &huge,
    );
    error_at(
        &check(root),
        "content/quang-ninh/candidates/quoc-hoi.yaml",
        line_of(
            root,
            "content/quang-ninh/candidates/quoc-hoi.yaml",
            "photo: photos/nguyen-thi-hong-hanh-1976.jpg",
            0,
        ),
        "too many to publish",
    );
    // Claiming 25 megapixels, within what baucu decodes: its compressed data cannot
    // hold them, so it is refused before its pixels are allocated.
    let error = refused(
        root,
        &claiming(&small, 5000, 5000),
        "its header says 5000 × 5000 pixels, more than",
    );
    assert!(error.message.en.contains("damaged or cut short"));
    assert!(error.hint.is_some());
}
