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

#[cfg(test)]
mod tests {
    use super::*;

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
