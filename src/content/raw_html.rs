//! Raw HTML in Markdown, for provinces that allow it (`markdown: {raw_html: true}`):
//! one allow-list of tags, attributes and link schemes, enforced by ammonia (an
//! HTML5-parsing sanitiser) on the rendered body, and read by `check` to tell the
//! editor, at the line they wrote, what the published page leaves out.
//!
//! A deny-list cannot win against browsers' parsing (entities, spacing, comments,
//! mutation XSS); an allow-list of inert markup run through a real parser can.

use html5ever::buffer_queue::BufferQueue;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Tags whose content goes with them: what is inside is code, not text.
const DROPPED_WITH_CONTENT: &[&str] = &["script", "style"];

/// Attributes any allowed tag may carry. `class` can only pick the theme's styles;
/// `style` is out (the Content-Security-Policy blocks inline styles).
const ANY_TAG: &[&str] = &["class", "dir", "lang", "title"];

/// Inert tags and the attributes of each, beyond [`ANY_TAG`]: formatting, tables,
/// lists, links and images, and what baucu's own Markdown output uses (`picture`,
/// `source`, sized lazy images, footnotes with ids).
const TAGS: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang"]),
    ("abbr", &[]),
    ("b", &[]),
    ("bdi", &[]),
    ("bdo", &[]),
    ("blockquote", &["cite"]),
    ("br", &[]),
    ("caption", &[]),
    ("cite", &[]),
    ("code", &[]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("data", &["value"]),
    ("dd", &[]),
    ("del", &["cite", "datetime"]),
    ("details", &[]),
    ("dfn", &[]),
    ("div", &["id"]),
    ("dl", &[]),
    ("dt", &[]),
    ("em", &[]),
    ("figcaption", &[]),
    ("figure", &[]),
    ("h1", &[]),
    ("h2", &[]),
    ("h3", &[]),
    ("h4", &[]),
    ("h5", &[]),
    ("h6", &[]),
    ("hr", &[]),
    ("i", &[]),
    (
        "img",
        &[
            "alt", "decoding", "height", "loading", "sizes", "src", "srcset", "width",
        ],
    ),
    ("ins", &["cite", "datetime"]),
    ("kbd", &[]),
    ("li", &["value"]),
    ("mark", &[]),
    ("ol", &["reversed", "start", "type"]),
    ("p", &[]),
    ("picture", &[]),
    ("pre", &[]),
    ("q", &["cite"]),
    ("rp", &[]),
    ("rt", &[]),
    ("ruby", &[]),
    ("s", &[]),
    ("samp", &[]),
    ("small", &[]),
    ("source", &["sizes", "srcset", "type"]),
    ("span", &[]),
    ("strong", &[]),
    ("sub", &[]),
    ("summary", &[]),
    ("sup", &[]),
    ("table", &[]),
    ("tbody", &[]),
    ("td", &["colspan", "headers", "rowspan"]),
    ("tfoot", &[]),
    ("th", &["abbr", "colspan", "headers", "rowspan", "scope"]),
    ("thead", &[]),
    ("time", &["datetime"]),
    ("tr", &[]),
    ("u", &[]),
    ("ul", &[]),
    ("var", &[]),
    ("wbr", &[]),
];

/// Schemes a link or image may use; an address without one (`/tin-tuc/`, `#muc-1`)
/// stays within the portal.
const SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::empty();
    builder
        .tags(TAGS.iter().map(|(tag, _)| *tag).collect())
        .clean_content_tags(DROPPED_WITH_CONTENT.iter().copied().collect())
        .generic_attributes(ANY_TAG.iter().copied().collect())
        .tag_attributes(
            TAGS.iter()
                .map(|(tag, attributes)| (*tag, attributes.iter().copied().collect()))
                .collect(),
        )
        .url_schemes(SCHEMES.iter().copied().collect())
        .url_relative(ammonia::UrlRelative::PassThrough)
        // Links keep what the editor wrote: no rel is added, none may be written.
        .link_rel(None)
        .strip_comments(true);
    builder
});

/// `html` (a rendered body) with everything outside the allow-list removed.
pub fn sanitize(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

/// Something the sanitiser removes from a chunk of raw HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    /// Byte offset in the chunk where the tag or attribute is written.
    pub offset: usize,
    /// What is removed, as a reader would name it: `<script>`, `onerror` on `<img>`.
    pub what: Removal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Removal {
    /// A tag not in the list (its text stays, unless it is a script or style).
    Tag { tag: String, with_content: bool },
    /// An attribute the tag may not carry (event handlers, `style`, `formaction`…).
    Attribute { tag: String, attribute: String },
    /// An address with a scheme outside the list (`javascript:`, `data:`).
    Address {
        tag: String,
        attribute: String,
        value: String,
    },
    /// A tag cut short (no `>` before the end of the HTML block): dropped whole.
    Unfinished { tag: String },
}

impl Removal {
    /// The characters to underline, as written (in any case): the tag's opening
    /// (`<script`) or the attribute's name.
    pub fn written(&self) -> String {
        match self {
            Removal::Tag { tag, .. } => format!("<{tag}"),
            Removal::Unfinished { tag } => tag.clone(),
            Removal::Attribute { attribute, .. } | Removal::Address { attribute, .. } => {
                attribute.clone()
            }
        }
    }
}

static ALLOWED: LazyLock<HashMap<&'static str, HashSet<&'static str>>> = LazyLock::new(|| {
    TAGS.iter()
        .map(|(tag, attributes)| (*tag, attributes.iter().copied().collect()))
        .collect()
});

/// Everything [`sanitize`] would remove from `chunk`, a piece of raw HTML as written
/// in a Markdown body (an HTML block, or one inline tag), in order.
pub fn removed(chunk: &str) -> Vec<Removed> {
    let sink = Collector::default();
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from_slice(chunk));
    let tokenizer = Tokenizer::new(sink, Default::default());
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    let mut found = tokenizer.sink.found.take();
    if tokenizer.sink.unfinished.get() {
        // The last tag opened: `<` followed by a letter.
        let opened = chunk
            .match_indices('<')
            .rev()
            .find(|(at, _)| chunk[at + 1..].starts_with(|c: char| c.is_ascii_alphabetic()));
        if let Some((at, _)) = opened {
            let tag: String = chunk[at..]
                .chars()
                .take_while(|c| !c.is_whitespace())
                .take(40)
                .collect();
            let line = chunk[..at].matches('\n').count() as u64 + 1;
            found.push((line, Removal::Unfinished { tag }));
        }
    }
    // The tokenizer tells lines only: find each name on its line, after the last.
    let mut located = Vec::with_capacity(found.len());
    let mut from = 0;
    for (line, what) in found {
        let line_start = nth_line_start(chunk, line).max(from).min(chunk.len());
        let offset = find_ignoring_case(&chunk[line_start..], &what.written())
            .map_or(line_start, |i| line_start + i);
        from = offset;
        located.push(Removed { offset, what });
    }
    located
}

#[derive(Default)]
struct Collector {
    found: RefCell<Vec<(u64, Removal)>>,
    /// The chunk ended inside a tag, which the tokenizer then drops.
    unfinished: std::cell::Cell<bool>,
}

/// The tokenizer's states inside a tag: an end of input there loses the tag.
const IN_TAG: &[&str] = &[
    "TagName",
    "BeforeAttributeName",
    "AttributeName",
    "AfterAttributeName",
    "AttributeValue",
    "AfterAttributeValueQuoted",
    "SelfClosingStartTag",
];

impl TokenSink for Collector {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        match token {
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => {
                let mut found = self.found.borrow_mut();
                found.extend(removals(&tag).into_iter().map(|r| (line, r)));
            }
            Token::ParseError(error) => {
                let state = error.strip_prefix("Saw EOF in state ").unwrap_or("");
                if IN_TAG.iter().any(|s| state.starts_with(s)) {
                    self.unfinished.set(true);
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

fn removals(tag: &Tag) -> Vec<Removal> {
    let name = tag.name.to_string();
    let Some(allowed) = ALLOWED.get(name.as_str()) else {
        return vec![Removal::Tag {
            with_content: DROPPED_WITH_CONTENT.contains(&name.as_str()),
            tag: name,
        }];
    };
    let mut found = Vec::new();
    for attribute in &tag.attrs {
        let attribute_name = attribute.name.local.to_string();
        let known =
            ANY_TAG.contains(&attribute_name.as_str()) || allowed.contains(attribute_name.as_str());
        if !known {
            found.push(Removal::Attribute {
                tag: name.clone(),
                attribute: attribute_name,
            });
        } else if is_address(&attribute_name) && !allowed_address(&attribute.value) {
            found.push(Removal::Address {
                tag: name.clone(),
                attribute: attribute_name,
                value: attribute.value.chars().take(40).collect(),
            });
        }
    }
    found
}

/// Attributes whose value is followed or loaded as an address (ammonia checks these).
fn is_address(attribute: &str) -> bool {
    matches!(attribute, "href" | "src" | "cite")
}

/// True when the sanitiser keeps `value` as an address: relative, or absolute with an
/// allowed scheme. Parsed as ammonia does, by the URL standard (which drops tabs and
/// line breaks, as browsers do: `java\tscript:` is `javascript:`).
fn allowed_address(value: &str) -> bool {
    match url::Url::parse(value) {
        Ok(url) => SCHEMES.contains(&url.scheme()),
        Err(url::ParseError::RelativeUrlWithoutBase) => true,
        Err(_) => false,
    }
}

/// Byte offset where line `line` (1-based) of `text` starts.
fn nth_line_start(text: &str, line: u64) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => break,
        }
    }
    start
}

fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    if needle.is_empty() {
        return None;
    }
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(chunk: &str) -> Vec<String> {
        removed(chunk)
            .into_iter()
            .map(|r| match r.what {
                Removal::Tag { tag, .. } => format!("<{tag}>"),
                Removal::Attribute { tag, attribute } => format!("{tag}@{attribute}"),
                Removal::Address { tag, attribute, .. } => format!("{tag}@{attribute}:"),
                Removal::Unfinished { tag } => format!("{tag}…"),
            })
            .collect()
    }

    #[test]
    fn what_is_removed_is_named_wherever_it_hides() {
        let cases: &[(&str, &[&str])] = &[
            (
                "<div><b>x</b><img src=x onerror=alert(1)></div>",
                &["img@onerror"],
            ),
            ("<!-- n --><img src=x onerror=alert(2)>", &["img@onerror"]),
            ("a <img src=x onerror =alert(4)> b", &["img@onerror"]),
            ("<a href=\"java&#115;cript:alert(8)\">x</a>", &["a@href:"]),
            ("<a href=\"java\tscript:alert(8)\">x</a>", &["a@href:"]),
            (
                "<button formaction=\"javascript:alert(16)\">",
                &["<button>"],
            ),
            ("<script>alert(1)</script>", &["<script>"]),
            (
                "<p style=\"color:red\" onclick=x>t</p>",
                &["p@style", "p@onclick"],
            ),
            (
                "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
                &["img@src:"],
            ),
            ("<SVG/ONLOAD=alert(1)>", &["<svg>"]),
            ("<iframe src=http://x.vn/a.html <", &["<iframe…"]),
            ("<div class=\"ghi-chu\" lang=en>Được phép.</div>", &[]),
            (
                "<a href=\"/tin-tuc/\">tin</a> <a href=\"https://x.vn\">x</a>",
                &[],
            ),
            ("<table><tr><td colspan=2>1</td></tr></table>", &[]),
        ];
        for (chunk, expected) in cases {
            assert_eq!(names(chunk), *expected, "{chunk}");
        }
    }

    #[test]
    fn offsets_point_at_the_name_on_its_line() {
        let chunk = "<div>\n  <img src=x\n    onerror=alert(1)>\n</div>";
        let found = removed(chunk);
        assert_eq!(found.len(), 1);
        assert_eq!(&chunk[found[0].offset..found[0].offset + 7], "onerror");
    }

    #[test]
    fn the_sanitiser_keeps_what_the_list_allows_and_drops_the_rest() {
        let kept = "<p class=\"al-right\">a <strong>b</strong> <a href=\"/x/\">c</a></p>";
        assert_eq!(sanitize(kept), kept);
        let cleaned = sanitize("<p>a<img src=x onerror=alert(1)><script>bad()</script></p>");
        assert_eq!(cleaned, "<p>a<img src=\"x\"></p>");
        assert_eq!(
            sanitize("<a href=\"java&#115;cript:alert(8)\">x</a>"),
            "<a>x</a>"
        );
    }
}
