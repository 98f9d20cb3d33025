//! The province's emblem, logo and favicon (`emblem:`, `logo:`, `favicon:` of
//! province.yaml): SVG or PNG files the province supplies, relative to its folder,
//! published as they are under a name carrying their hash. A missing file, another
//! format, or an SVG that could run a script is an error at its line.

use super::Linker;
use crate::content::source::Origin;
use crate::diagnostics::{tr, Localized};
use crate::model::assets::{resolve, Publish};
use crate::model::{Brand, BrandImage, Portal};
use std::path::Path;

impl Linker<'_> {
    pub(super) fn link_brand(
        &mut self,
        portal: &mut Portal,
        origin: &Origin,
        fields: [(&'static str, Option<&String>); 3],
    ) {
        let base_dir = origin
            .file
            .disk_path
            .parent()
            .unwrap_or(Path::new("."))
            .to_path_buf();
        let mut brand = Brand::default();
        for (field, reference) in fields {
            let Some(reference) = reference else {
                continue;
            };
            let image = resolve(self.content_root, &base_dir, reference)
                .and_then(|path| {
                    std::fs::read(path).map_err(|e| {
                        let e = e.to_string();
                        tr!(
                            "Không đọc được `{reference}`: {e}",
                            "cannot read `{reference}`: {e}"
                        )
                    })
                })
                .and_then(|bytes| brand_image(&bytes, reference))
                .and_then(|mut image| {
                    image.url = portal.assets.register(
                        self.content_root,
                        &base_dir,
                        reference,
                        Publish::Hashed("/media/"),
                    )?;
                    Ok(image)
                });
            match image {
                Ok(image) => match field {
                    "emblem" => brand.emblem = Some(image),
                    "logo" => brand.logo = Some(image),
                    _ => brand.favicon = Some(image),
                },
                Err(message) => self.diagnostics.push(origin.error(field, message)),
            }
        }
        portal.brand = brand;
    }
}

/// What a brand file is: PNG (by its signature) or SVG (text with an `<svg` element
/// and nothing that runs), with its size when it says it.
pub fn brand_image(bytes: &[u8], reference: &str) -> Result<BrandImage, Localized> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.len() >= 24 {
        let width = u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]);
        let height = u32::from_be_bytes([bytes[20], bytes[21], bytes[22], bytes[23]]);
        return Ok(BrandImage {
            url: String::new(),
            mime: "image/png".into(),
            width: width.max(1),
            height: height.max(1),
        });
    }
    let not_an_image = || {
        tr!(
            "`{reference}` không phải là ảnh SVG hay PNG: biểu tượng, logo và favicon phải là tệp SVG hoặc PNG",
            "`{reference}` is not an SVG or PNG image: the emblem, logo and favicon must be SVG or PNG files"
        )
    };
    let text = std::str::from_utf8(bytes).map_err(|_| not_an_image())?;
    let lower = text.to_ascii_lowercase();
    let Some(start) = lower.find("<svg") else {
        return Err(not_an_image());
    };
    let runs = [
        "<script",
        "javascript:",
        "<foreignobject",
        "<iframe",
        "<embed",
        "<object",
    ]
    .iter()
    .any(|w| lower.contains(w))
        || has_event_handler(&lower);
    if runs {
        return Err(tr!(
            "`{reference}` chứa mã lệnh (script, on…=, javascript:): hãy xuất lại ảnh SVG không có mã lệnh, hoặc dùng PNG",
            "`{reference}` holds code (script, on…=, javascript:): export the SVG again without it, or use PNG"
        ));
    }
    let tag_end = lower[start..].find('>').map_or(lower.len(), |e| start + e);
    let tag = &text[start..tag_end];
    let (width, height) = svg_size(tag).unwrap_or((1, 1));
    Ok(BrandImage {
        url: String::new(),
        mime: "image/svg+xml".into(),
        width,
        height,
    })
}

/// An `on…=` attribute (`onload=`, `onclick =`, `<svg/onload=`) anywhere in the
/// lowercased text: after a space, a slash or a quote, as browsers read attributes.
fn has_event_handler(lower: &str) -> bool {
    let bytes = lower.as_bytes();
    lower.match_indices("on").any(|(at, _)| {
        let before_space = at > 0
            && (bytes[at - 1].is_ascii_whitespace()
                || matches!(bytes[at - 1], b'/' | b'"' | b'\''));
        let name_end = bytes[at + 2..]
            .iter()
            .position(|b| !b.is_ascii_alphabetic())
            .map_or(bytes.len(), |p| at + 2 + p);
        let rest = lower[name_end..].trim_start();
        before_space && name_end > at + 2 && rest.starts_with('=')
    })
}

/// The size an `<svg …>` tag gives: `width` and `height` in plain numbers (or px),
/// else its `viewBox`.
fn svg_size(tag: &str) -> Option<(u32, u32)> {
    let attribute = |name: &str| -> Option<&str> {
        let at = tag
            .find(&format!(" {name}="))
            .or_else(|| tag.find(&format!("\n{name}=")))?;
        let rest = &tag[at + name.len() + 2..];
        let quote = rest.chars().next()?;
        let rest = &rest[1..];
        rest.find(quote).map(|end| &rest[..end])
    };
    let number = |s: &str| -> Option<f64> { s.trim().trim_end_matches("px").parse().ok() };
    let size = match (
        attribute("width").and_then(number),
        attribute("height").and_then(number),
    ) {
        (Some(w), Some(h)) => Some((w, h)),
        _ => {
            let view_box: Vec<f64> = attribute("viewBox")?
                .split([' ', ','])
                .filter(|s| !s.is_empty())
                .filter_map(|s| s.parse().ok())
                .collect();
            (view_box.len() == 4).then(|| (view_box[2], view_box[3]))
        }
    }?;
    let round = |v: f64| (v.round() as u32).max(1);
    (size.0 > 0.0 && size.1 > 0.0).then(|| (round(size.0), round(size.1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_and_svg_are_read_with_their_size() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend(64u32.to_be_bytes());
        png.extend(32u32.to_be_bytes());
        let image = brand_image(&png, "a.png").unwrap();
        assert_eq!(
            (image.mime.as_str(), image.width, image.height),
            ("image/png", 64, 32)
        );
        let svg = br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40"><path d="M0 0h1"/></svg>"#;
        let image = brand_image(svg, "a.svg").unwrap();
        assert_eq!((image.width, image.height), (120, 40));
        let svg = br#"<svg width="48px" height="48" xmlns="http://www.w3.org/2000/svg"></svg>"#;
        assert_eq!(brand_image(svg, "a.svg").unwrap().width, 48);
    }

    #[test]
    fn scripts_and_other_formats_are_refused() {
        for bad in [
            &b"<svg><script>alert(1)</script></svg>"[..],
            b"<svg onload=\"alert(1)\"></svg>",
            b"<svg/onload=alert(1)>",
            b"<svg><g id=\"a\"onclick=\"x()\"/></svg>",
            b"<svg><a href=\"javascript:alert(1)\">x</a></svg>",
            b"GIF89a....",
            b"\xff\xd8\xff\xe0 jpeg",
        ] {
            assert!(
                brand_image(bad, "x").is_err(),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
        // Words that merely contain "on" are fine.
        assert!(brand_image(b"<svg><g id=\"icon\" font=\"x\"></g></svg>", "x").is_ok());
    }
}
