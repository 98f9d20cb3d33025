//! HTML and script written where plain text belongs. The portal escapes every text
//! (an HTML tag is shown as its letters, a script never runs), so a tag in content is
//! a mistake — usually text pasted from a word processor or another site — that
//! `check` points at with a warning; an address that runs code when followed
//! (`javascript:`) is an error.

/// Markup found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Markup {
    /// Byte offset in the text.
    pub offset: usize,
    /// What was found, as written (`<script>`, `javascript:`), at most 40 characters.
    pub found: String,
    /// A script (a `<script>` tag, an event handler, a `javascript:` address) rather
    /// than harmless formatting.
    pub script: bool,
}

/// Tags that carry or load code, or embed another page.
const SCRIPT_TAGS: &[&str] = &[
    "script", "iframe", "object", "embed", "applet", "frame", "frameset", "base", "meta", "link",
    "style", "form", "svg", "math",
];

/// The first HTML tag, comment or script address in `text`.
pub fn find_markup(text: &str) -> Option<Markup> {
    let tag = find_tag(text);
    let address = find_script_address(text);
    match (tag, address) {
        (Some(t), Some(a)) => Some(if a.offset < t.offset { a } else { t }),
        (t, a) => t.or(a),
    }
}

/// The first HTML tag or comment in `text`.
pub fn find_tag(text: &str) -> Option<Markup> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = text[from..].find('<').map(|i| i + from) {
        from = i + 1;
        let rest = &bytes[i + 1..];
        let (name_start, closing) = match rest.first() {
            Some(b'/') => (1, true),
            Some(b'!')
                if rest.starts_with(b"!--")
                    || rest[1..].first().is_some_and(u8::is_ascii_alphabetic) =>
            {
                return Some(markup(text, i, false));
            }
            Some(b'?') => return Some(markup(text, i, false)),
            _ => (0, false),
        };
        let name: Vec<u8> = rest[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .copied()
            .collect();
        if name.is_empty() || !name[0].is_ascii_alphabetic() {
            continue;
        }
        let after = rest.get(name_start + name.len()).copied();
        let ends_tag = match after {
            None => false,
            Some(b'>') | Some(b' ') | Some(b'\t') | Some(b'\n') => true,
            Some(b'/') => !closing,
            _ => false,
        };
        if !ends_tag {
            continue;
        }
        let name = String::from_utf8_lossy(&name).to_ascii_lowercase();
        let tag_text = &text[i..];
        let end = tag_text.find('>').map_or(tag_text.len(), |e| e + 1);
        let has_handler = tag_text[..end]
            .to_ascii_lowercase()
            .split(|c: char| c.is_whitespace() || c == '/')
            .any(|attr| attr.starts_with("on") && attr.contains('='));
        return Some(markup(
            text,
            i,
            SCRIPT_TAGS.contains(&name.as_str()) || has_handler,
        ));
    }
    None
}

fn markup(text: &str, offset: usize, script: bool) -> Markup {
    let rest = &text[offset..];
    let end = rest.find('>').map_or(rest.len(), |e| e + 1);
    let found: String = rest[..end].chars().take(40).collect();
    Markup {
        offset,
        found,
        script,
    }
}

/// `javascript:` or `vbscript:` (any case): an address that runs code when followed.
pub fn find_script_address(text: &str) -> Option<Markup> {
    let lower = text.to_ascii_lowercase();
    ["javascript:", "vbscript:"]
        .iter()
        .filter_map(|scheme| lower.find(scheme).map(|i| (i, scheme.len())))
        .min()
        .map(|(offset, len)| Markup {
            offset,
            found: text[offset..offset + len].to_string(),
            script: true,
        })
}

/// True for a link address that runs code (`javascript:…`) or smuggles a document in
/// (`data:text/html…`).
pub fn is_script_address(url: &str) -> bool {
    let compact: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    compact.starts_with("javascript:")
        || compact.starts_with("vbscript:")
        || compact.starts_with("data:text/html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_tags_and_scripts() {
        let m = find_markup("Xin chào <script>alert(1)</script>").unwrap();
        assert_eq!(
            (m.offset, m.found.as_str(), m.script),
            (10, "<script>", true)
        );
        let m = find_markup("a <b>đậm</b>").unwrap();
        assert_eq!((m.found.as_str(), m.script), ("<b>", false));
        assert!(find_markup("<img src=x onerror=alert(1)>").unwrap().script);
        assert!(find_markup("<!-- note -->").is_some());
        assert!(find_markup("[x](JavaScript:alert(1))").unwrap().script);
    }

    #[test]
    fn leaves_ordinary_text_alone() {
        for text in [
            "tuổi < 21",
            "a<b",
            "<https://baucu.quangninh.gov.vn>",
            "<baucu@quangninh.gov.vn>",
            "1 < 2 > 0",
            "",
            "<",
            "<3",
        ] {
            assert_eq!(find_markup(text), None, "{text}");
        }
    }

    #[test]
    fn script_addresses() {
        assert!(is_script_address(" JavaScript:alert(1)"));
        assert!(is_script_address("java\tscript:alert(1)"));
        assert!(is_script_address("data:text/html;base64,AAAA"));
        assert!(!is_script_address("https://example.org/javascript:"));
        assert!(!is_script_address("/tin-tuc/"));
    }
}
