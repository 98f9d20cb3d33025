//! Images on pages: the view of a published image (the fallback `src` with its size,
//! `srcset` of each format, the file shared on social networks), and its
//! `<picture>` markup for images inside Markdown texts. Templates write the same
//! markup with the `picture` macro of `macros.html`.

use super::escape;
use crate::model::SourceImage;
use serde::Serialize;

/// `sizes` of an image in the text column (a news item's image, images in Markdown):
/// the column is 62rem wide at most, else the viewport less its 1rem margins.
pub const COLUMN_SIZES: &str = "(min-width: 64rem) 62rem, calc(100vw - 2rem)";

#[derive(Debug, Clone, Serialize)]
pub struct ImageView {
    /// The `src`: the widest fallback (JPEG or PNG), also the image shared on Zalo
    /// and Facebook (`og:image`), which do not all read WebP.
    pub url: String,
    /// The size of `url`, for `width` and `height` (the page keeps the image's room
    /// before it arrives).
    pub width: u32,
    pub height: u32,
    /// `image/jpeg` or `image/png`.
    pub mime: String,
    /// Every fallback width: `/media/a-320.….jpg 320w, …`.
    pub srcset: String,
    /// Every WebP width; empty when the image has no WebP (it would not be smaller).
    pub webp_srcset: String,
    pub alt: String,
}

impl ImageView {
    /// The view of `image` with `alt`; `None` when it was not published (a check,
    /// which renders nothing, leaves images unpublished).
    pub fn of(image: &SourceImage, alt: &str) -> Option<ImageView> {
        let published = image.published.as_ref()?;
        let widest = published.fallback.last()?;
        let srcset = |variants: &[crate::model::ImageVariant]| {
            variants
                .iter()
                .map(|v| format!("{} {}w", v.url, v.width))
                .collect::<Vec<_>>()
                .join(", ")
        };
        Some(ImageView {
            url: widest.url.clone(),
            width: widest.width,
            height: widest.height,
            mime: widest.format.mime().to_string(),
            srcset: srcset(&published.fallback),
            webp_srcset: srcset(&published.webp),
            alt: alt.to_string(),
        })
    }

    /// `<picture>` with a WebP `<source>` (when there is one) and the fallback
    /// `<img>`; `lazy` for an image below the fold; `title` when not empty. What the
    /// `picture` macro of the default theme writes.
    pub fn picture(&self, sizes: &str, lazy: bool, title: &str) -> String {
        let mut html = String::from("<picture>");
        if !self.webp_srcset.is_empty() {
            html.push_str(&format!(
                "<source type=\"image/webp\" srcset=\"{}\" sizes=\"{}\">",
                escape(&self.webp_srcset),
                escape(sizes)
            ));
        }
        html.push_str(&format!(
            "<img src=\"{}\" srcset=\"{}\" sizes=\"{}\" width=\"{}\" height=\"{}\" alt=\"{}\"{}{} decoding=\"async\"></picture>",
            escape(&self.url),
            escape(&self.srcset),
            escape(sizes),
            self.width,
            self.height,
            escape(&self.alt),
            if title.is_empty() {
                String::new()
            } else {
                format!(" title=\"{}\"", escape(title))
            },
            if lazy { " loading=\"lazy\"" } else { "" }
        ));
        html
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(webp: bool) -> ImageView {
        ImageView {
            url: "/media/a-640.0123456789.jpg".into(),
            width: 640,
            height: 336,
            mime: "image/jpeg".into(),
            srcset: "/media/a-320.1111111111.jpg 320w, /media/a-640.0123456789.jpg 640w".into(),
            webp_srcset: if webp {
                "/media/a-320.2222222222.webp 320w".into()
            } else {
                String::new()
            },
            alt: "Cử tri \"bỏ phiếu\" <b>".into(),
        }
    }

    #[test]
    fn picture_has_the_webp_source_and_an_escaped_sized_fallback() {
        let html = view(true).picture(COLUMN_SIZES, true, "");
        let doc = scraper::Html::parse_fragment(&html);
        let source = scraper::Selector::parse("picture > source[type='image/webp']").unwrap();
        let source = doc.select(&source).next().expect("a WebP source");
        assert_eq!(
            source.value().attr("srcset"),
            Some("/media/a-320.2222222222.webp 320w")
        );
        assert_eq!(source.value().attr("sizes"), Some(COLUMN_SIZES));
        let img = scraper::Selector::parse("picture > img").unwrap();
        let img = doc.select(&img).next().expect("the fallback");
        assert_eq!(img.value().attr("src"), Some("/media/a-640.0123456789.jpg"));
        assert_eq!(img.value().attr("width"), Some("640"));
        assert_eq!(img.value().attr("height"), Some("336"));
        assert_eq!(img.value().attr("alt"), Some("Cử tri \"bỏ phiếu\" <b>"));
        assert_eq!(img.value().attr("loading"), Some("lazy"));
        assert_eq!(img.value().attr("decoding"), Some("async"));
        assert!(!html.contains("<b>"), "{html}");

        let eager = view(false).picture("9rem", false, "");
        assert!(!eager.contains("<source"), "{eager}");
        assert!(!eager.contains("loading="), "{eager}");
    }
}
