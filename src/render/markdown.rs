//! Markdown to HTML with pulldown-cmark: tables, footnotes, strikethrough; raw HTML
//! escaped unless the province allows it, and then sanitised by an allow-list;
//! headings shifted below the page's `h1`; local images shown as `<picture>` of their published files.

use super::images::{ImageView, COLUMN_SIZES};
use crate::markdown::{is_local, options};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};

/// Renders `markdown`, its highest heading at `top` (`#`, or `##` when the body has no
/// `#`, becomes `<h{top}>`) and the others below it as written, so that a body never
/// repeats the page's `h1`, jumps above its section or skips a level under it.
/// `image` gives the published image of a local reference: it is shown as a
/// `<picture>` (WebP and fallback, sized, loaded lazily: a text's images are below
/// its start), its alt text kept.
pub fn to_html(
    markdown: &str,
    raw_html: bool,
    top: u8,
    image: &dyn Fn(&str) -> Option<ImageView>,
) -> String {
    let parsed: Vec<Event> = Parser::new_ext(markdown, options()).collect();
    // The body's highest heading goes to `top`, whether the editor began at `#` or
    // at `##` (a first-line `# Title` is the page's title, so `##` is natural).
    let highest = parsed
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as u8),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    let top = top.max(1);
    let shift = |level: HeadingLevel| heading((level as u8 + top).saturating_sub(highest));
    let events = parsed.into_iter().map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) if !raw_html => Event::Text(html),
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: shift(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(shift(level))),
        other => other,
    });
    let events = Pictures { events, image };
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    if html.contains(" style=\"text-align: ") {
        html = alignment_classes(&html);
    }
    if raw_html {
        // The editor's HTML went through as written: keep only the inert part of it.
        html = crate::content::raw_html::sanitize(&html);
    }
    html
}

/// Turns each local image with a published view into its `<picture>`: the events
/// from its start to its end (the alt text) become one HTML event.
struct Pictures<'f, I> {
    events: I,
    image: &'f dyn Fn(&str) -> Option<ImageView>,
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Pictures<'_, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        let event = self.events.next()?;
        let Event::Start(Tag::Image {
            dest_url, title, ..
        }) = &event
        else {
            return Some(event);
        };
        let Some(view) = is_local(dest_url).then(|| (self.image)(dest_url)).flatten() else {
            return Some(event);
        };
        // The alt text: the text inside, nested images included, as pulldown-cmark
        // writes it.
        let mut alt = String::new();
        let mut depth = 1;
        for inner in self.events.by_ref() {
            match inner {
                Event::Start(Tag::Image { .. }) => depth += 1,
                Event::End(TagEnd::Image) => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                    alt.push_str(&t)
                }
                Event::Html(t) | Event::InlineHtml(t) => alt.push_str(&t),
                Event::SoftBreak | Event::HardBreak => alt.push(' '),
                _ => {}
            }
        }
        let view = ImageView { alt, ..view };
        Some(Event::InlineHtml(CowStr::from(view.picture(
            COLUMN_SIZES,
            true,
            title,
        ))))
    }
}

/// Table column alignment as classes (`al-right`…) instead of the `style` attributes
/// pulldown-cmark writes, which a strict Content-Security-Policy blocks.
fn alignment_classes(html: &str) -> String {
    ["left", "center", "right"]
        .iter()
        .fold(html.to_string(), |html, align| {
            html.replace(
                &format!(" style=\"text-align: {align}\""),
                &format!(" class=\"al-{align}\""),
            )
        })
}

fn heading(level: u8) -> HeadingLevel {
    match level.clamp(1, 6) {
        1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none(_: &str) -> Option<ImageView> {
        None
    }

    #[test]
    fn raw_html_is_escaped_by_default() {
        let html = to_html("Hi <script>alert(1)</script>", false, 2, &none);
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        let allowed = to_html("<b>bold</b>", true, 2, &none);
        assert!(allowed.contains("<b>bold</b>"));
    }

    #[test]
    fn tables_footnotes_strikethrough_and_shifted_headings() {
        let md = "# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1] ~~old~~\n\n[^1]: Note.\n";
        let html = to_html(md, false, 2, &none);
        assert!(html.contains("<h2>Title</h2>"), "{html}");
        assert!(to_html("# A", false, 4, &none).contains("<h4>A</h4>"));
        // A body that starts at `##` starts at `top` all the same (no skipped level).
        let from_two = to_html("## A\n\n### B", false, 2, &none);
        assert!(
            from_two.contains("<h2>A</h2>") && from_two.contains("<h3>B</h3>"),
            "{from_two}"
        );
        assert!(html.contains("<table>"));
        assert!(html.contains("<del>old</del>"));
        assert!(html.contains("footnote"));
    }

    #[test]
    fn table_alignment_uses_classes_not_styles() {
        let none = |_: &str| None;
        let html = to_html(
            "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n",
            false,
            2,
            &none,
        );
        assert!(!html.contains("style="), "{html}");
        for align in ["left", "center", "right"] {
            assert!(
                html.contains(&format!("<td class=\"al-{align}\">")),
                "{html}"
            );
        }
    }

    #[test]
    fn local_images_become_pictures_with_their_alt_text() {
        let map = |s: &str| {
            (s == "images/a.png").then(|| ImageView {
                url: "/media/a-720.0123456789.png".into(),
                width: 720,
                height: 378,
                mime: "image/png".into(),
                srcset: "/media/a-320.1111111111.png 320w, /media/a-720.0123456789.png 720w".into(),
                webp_srcset: "/media/a-320.2222222222.webp 320w".into(),
                alt: String::new(),
            })
        };
        let html = to_html(
            "![Ảnh *cử tri* & \"hộp\"](images/a.png \"t\") ![x](https://e.vn/b.png) ![y](images/missing.png)",
            false,
            2,
            &map,
        );
        let doc = scraper::Html::parse_fragment(&html);
        let img = scraper::Selector::parse("picture > img").unwrap();
        let imgs: Vec<_> = doc.select(&img).collect();
        assert_eq!(imgs.len(), 1, "{html}");
        let img = imgs[0].value();
        assert_eq!(img.attr("src"), Some("/media/a-720.0123456789.png"));
        assert_eq!(img.attr("alt"), Some("Ảnh cử tri & \"hộp\""));
        assert_eq!(img.attr("width"), Some("720"));
        assert_eq!(img.attr("height"), Some("378"));
        assert_eq!(img.attr("loading"), Some("lazy"));
        assert_eq!(img.attr("title"), Some("t"));
        let source = scraper::Selector::parse("picture > source[type='image/webp']").unwrap();
        assert_eq!(doc.select(&source).count(), 1, "{html}");
        assert!(html.contains("src=\"https://e.vn/b.png\""), "{html}");
        assert!(html.contains("src=\"images/missing.png\""), "{html}");
        assert_eq!(
            crate::markdown::local_images("![a](images/a.png)")[0].0,
            "images/a.png"
        );
    }
}
