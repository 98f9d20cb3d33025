//! HTML minification (minify-html). Templates are minified once, when the theme is
//! loaded, so that pages come out small without a minifier pass per page; a theme
//! whose templates the minifier cannot keep intact falls back to minifying each page.

use minify_html::Cfg;

fn config() -> Cfg {
    let mut cfg = Cfg::new();
    cfg.keep_html_and_head_opening_tags = true;
    cfg.keep_closing_tags = true;
    cfg.minify_css = false;
    cfg.minify_js = false;
    cfg
}

/// Minifies a rendered HTML page.
pub fn page(html: &[u8]) -> Vec<u8> {
    minify_html::minify(html, &config())
}

/// Minifies a Tera template, keeping every `{{ }}`, `{% %}` and `{# #}` as written.
/// End tags that HTML lets a page leave out (`</li>`, `</dt>`, `</dd>`, `</p>`,
/// `</tr>`, `</td>`…) are left out where the next tag closes the element anyway: a
/// Tera tag after an end tag keeps it (the minifier cannot know what comes next).
/// `None` when the result is not valid UTF-8 (it always is for UTF-8 input).
pub fn template(source: &str) -> Option<String> {
    let mut cfg = config();
    cfg.keep_closing_tags = false;
    cfg.preserve_brace_template_syntax = true;
    String::from_utf8(minify_html::minify(source.as_bytes(), &cfg)).ok()
}

/// Leaves out the quotes around attribute values that HTML lets stand unquoted
/// (non-empty, none of whitespace, `"`, `'`, `=`, `<`, `>`, `` ` ``): the template
/// minifier cannot, for a value written by a Tera tag (`href="{{ url }}"`). Only start
/// tags are touched: text, comments, end tags and the raw text of `<script>`,
/// `<style>`, `<textarea>` and `<title>` are copied as they are.
pub fn unquote_attributes(html: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(html.len());
    let n = html.len();
    let mut i = 0;
    while i < n {
        let b = html[i];
        if b != b'<' {
            // Copy the text up to the next `<`.
            let next = html[i..]
                .iter()
                .position(|&c| c == b'<')
                .map_or(n, |p| i + p);
            out.extend_from_slice(&html[i..next]);
            i = next;
            continue;
        }
        if html[i..].starts_with(b"<!--") {
            let end = find(html, i + 4, b"-->").map_or(n, |p| p + 3);
            out.extend_from_slice(&html[i..end]);
            i = end;
            continue;
        }
        if i + 1 >= n || !html[i + 1].is_ascii_alphabetic() {
            // An end tag, a doctype or a lone `<`: copied up to its `>`.
            let end = if i + 1 < n && (html[i + 1] == b'/' || html[i + 1] == b'!') {
                find(html, i, b">").map_or(n, |p| p + 1)
            } else {
                i + 1
            };
            out.extend_from_slice(&html[i..end]);
            i = end;
            continue;
        }
        // A start tag: its name, then attributes up to `>`.
        let name_end = html[i + 1..]
            .iter()
            .position(|c| !c.is_ascii_alphanumeric())
            .map_or(n, |p| i + 1 + p);
        let name = html[i + 1..name_end].to_ascii_lowercase();
        out.extend_from_slice(&html[i..name_end]);
        i = name_end;
        while i < n && html[i] != b'>' {
            let c = html[i];
            if c == b'"' || c == b'\'' {
                let close = html[i + 1..]
                    .iter()
                    .position(|&q| q == c)
                    .map_or(n, |p| i + 1 + p);
                let value = &html[i + 1..close.min(n)];
                let after_eq = out.last() == Some(&b'=');
                if after_eq
                    && close < n
                    && !value.is_empty()
                    && value.iter().all(|&v| unquotable(v))
                {
                    out.extend_from_slice(value);
                    // `a="x"b` would read as one value unquoted: keep them apart.
                    if close + 1 < n
                        && !matches!(html[close + 1], b'>' | b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
                    {
                        out.push(b' ');
                    }
                } else {
                    out.extend_from_slice(&html[i..(close + 1).min(n)]);
                }
                i = close + 1;
                continue;
            }
            out.push(c);
            i += 1;
        }
        if i < n {
            out.push(b'>');
            i += 1;
        }
        if matches!(
            name.as_slice(),
            b"script" | b"style" | b"textarea" | b"title"
        ) {
            // Raw text up to the element's end tag.
            let mut close = b"</".to_vec();
            close.extend_from_slice(&name);
            let end = find_ci(html, i, &close).unwrap_or(n);
            out.extend_from_slice(&html[i..end]);
            i = end;
        }
    }
    out
}

fn unquotable(b: u8) -> bool {
    !matches!(
        b,
        b' ' | b'\t' | b'\n' | b'\r' | 0x0c | b'"' | b'\'' | b'=' | b'<' | b'>' | b'`'
    )
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_values_lose_quotes_only_where_html_allows() {
        let html = "<!doctype html><html lang=\"vi\"><title>a=\"b\"</title><a href=\"/x/\" class=\"a b\" title=\"\" data-x='y'>t=\"u\"</a><p class=\"x\"id=y><!-- <a href=\"/\"> --><script>let a = '<b class=\"c\">';</script><img alt=\"a=b\" src=\"/i.png\">";
        let out = String::from_utf8(unquote_attributes(html.as_bytes())).unwrap();
        assert_eq!(
            out,
            "<!doctype html><html lang=vi><title>a=\"b\"</title><a href=/x/ class=\"a b\" title=\"\" data-x=y>t=\"u\"</a><p class=x id=y><!-- <a href=\"/\"> --><script>let a = '<b class=\"c\">';</script><img alt=\"a=b\" src=/i.png>"
        );
    }

    #[test]
    fn unquoting_leaves_every_edge_case_reading_the_same() {
        // (page, after the pass)
        let table = [
            // A value before `/>` keeps a space, or the slash would join the value.
            ("<img src=\"a.png\"/>", "<img src=a.png />"),
            // A path ending in a slash stays whole: `/x/` is the value, `>` ends the tag.
            ("<a href=\"/x/\">x</a>", "<a href=/x/>x</a>"),
            // Spaces around `=`: left quoted, as written.
            ("<a href = \"/x/\">", "<a href = \"/x/\">"),
            // Boolean attributes and empty values stay as they are.
            ("<input disabled title=\"\">", "<input disabled title=\"\">"),
            // Characters an unquoted value cannot hold keep the quotes.
            (
                "<a title=\"a b\" alt=\"x=y\" data-q=\"'\" data-b=\"`\" data-l=\"<\">",
                "<a title=\"a b\" alt=\"x=y\" data-q=\"'\" data-b=\"`\" data-l=\"<\">",
            ),
            // Vietnamese text is fine unquoted.
            (
                "<html lang=\"vi\" title=\"Việt\">",
                "<html lang=vi title=Việt>",
            ),
            // Single quotes are unquoted the same way.
            ("<p class='x'>", "<p class=x>"),
            // Raw text, in any letter case, is copied as it is.
            (
                "<SCRIPT>a = \"<b c=\\\"d\\\">\";</SCRIPT><p id=\"z\">",
                "<SCRIPT>a = \"<b c=\\\"d\\\">\";</SCRIPT><p id=z>",
            ),
            (
                "<style>a[href=\"x\"]{}</style>",
                "<style>a[href=\"x\"]{}</style>",
            ),
            (
                "<textarea name=\"t\">\"q\"</textarea>",
                "<textarea name=t>\"q\"</textarea>",
            ),
            // Unterminated quotes and tags: copied, never lost.
            ("<a title=\"x>y", "<a title=\"x>y"),
            ("<a href=\"x\"", "<a href=x"),
            ("a < b and c > d", "a < b and c > d"),
            (
                "<!doctype html><!-- <a href=\"/\"> --></p>",
                "<!doctype html><!-- <a href=\"/\"> --></p>",
            ),
        ];
        for (page, after) in table {
            assert_eq!(
                String::from_utf8(unquote_attributes(page.as_bytes())).unwrap(),
                after,
                "{page}"
            );
        }
    }

    #[test]
    fn minified_page_keeps_the_language() {
        let html = "<!doctype html><html lang=\"vi\"><head><title>A</title></head><body><p>Xin  chào</p></body></html>";
        let out = String::from_utf8(page(html.as_bytes())).unwrap();
        assert!(
            out.contains("<html lang=vi>") || out.contains("<html lang=\"vi\">"),
            "{out}"
        );
    }

    #[test]
    fn minified_template_keeps_tera_syntax() {
        let source = "<ul>\n  {% for a in list %}\n    <li class=\"x{% if a.on %} on{% endif %}\">{{ a.name | replace(from=\"a\", to=\"b\") }}</li>\n  {% endfor %}\n</ul>\n";
        let out = template(source).unwrap();
        assert!(out.contains("{% for a in list %}"), "{out}");
        assert!(
            out.contains("{{ a.name | replace(from=\"a\", to=\"b\") }}"),
            "{out}"
        );
        assert!(out.contains("{% if a.on %} on{% endif %}"), "{out}");
        assert!(
            !out.contains("\n  "),
            "whitespace between tags is gone: {out}"
        );
    }
}
