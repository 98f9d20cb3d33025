//! Files published as they are made, not rendered: the theme's static files and the
//! portal's images ([`images`]), each named by a hash of its bytes so that it can be
//! cached forever.
//!
//! Theme files: stylesheets minified, every file named by a hash of the bytes served
//! (`static/style.<hash>.css`) and given its Subresource Integrity value
//! (`sha256-…`). Scripts lose their comments and needless whitespace ([`js`]), and
//! nothing else, so that builds stay reproducible.

pub mod images;
mod js;

use crate::hash::integrity;

/// A static file ready to write.
#[derive(Debug, Clone)]
pub struct StaticAsset {
    /// Site-relative path: `static/style.3f2a9c1b0d.css`.
    pub path: String,
    pub bytes: Vec<u8>,
    /// `sha256-<base64>` of `bytes`, for `integrity="…"`.
    pub integrity: String,
}

/// Minifies (CSS, JavaScript), fingerprints and hashes theme file `name`.
pub fn static_asset(name: &str, bytes: &[u8]) -> StaticAsset {
    let bytes = match name.rsplit_once('.').map(|(_, ext)| ext) {
        Some("css") => minify_css(bytes),
        Some("js") => std::str::from_utf8(bytes)
            .ok()
            .and_then(js::minify_js)
            .filter(|js| js.len() < bytes.len())
            .map(String::into_bytes),
        _ => None,
    }
    .unwrap_or_else(|| bytes.to_vec());
    let hash = format!("{:016x}", crate::hash::fnv1a(&bytes));
    let path = match name.rsplit_once('.') {
        Some((stem, ext)) => format!("static/{stem}.{}.{ext}", &hash[..10]),
        None => format!("static/{name}.{}", &hash[..10]),
    };
    StaticAsset {
        integrity: integrity(&bytes),
        path,
        bytes,
    }
}

/// `style.css` → `static/style.<hash>.css`: the path [`static_asset`] publishes it at.
pub fn fingerprinted_name(name: &str, bytes: &[u8]) -> String {
    static_asset(name, bytes).path
}

/// lightningcss (which minify-html already brings along), with no browser targets:
/// rules are merged and shortened, nothing is added or dropped for old browsers.
/// `None` when the stylesheet does not parse or would not shrink: it is then
/// published as written.
fn minify_css(bytes: &[u8]) -> Option<Vec<u8>> {
    use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};
    let text = std::str::from_utf8(bytes).ok()?;
    let mut sheet = StyleSheet::parse(text, ParserOptions::default()).ok()?;
    sheet.minify(MinifyOptions::default()).ok()?;
    let printed = sheet
        .to_css(PrinterOptions {
            minify: true,
            ..PrinterOptions::default()
        })
        .ok()?;
    (printed.code.len() < bytes.len()).then(|| printed.code.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_is_minified_and_named_by_the_bytes_served() {
        let css = b"/* theme */\nbody {\n  margin: 0;\n  color: #ff0000;\n}\n\n.a { color: red }\n";
        let asset = static_asset("style.css", css);
        let text = String::from_utf8(asset.bytes.clone()).unwrap();
        assert!(!text.contains("theme"), "comments go: {text}");
        assert!(!text.contains('\n'), "{text}");
        assert!(text.contains("margin:0"), "{text}");
        let hash = format!("{:016x}", crate::hash::fnv1a(&asset.bytes));
        assert_eq!(asset.path, format!("static/style.{}.css", &hash[..10]));
        assert_eq!(fingerprinted_name("style.css", css), asset.path);
    }

    #[test]
    fn css_that_does_not_parse_is_kept_as_written() {
        let css = b"body { color: red; ";
        let asset = static_asset("broken.css", css);
        assert!(asset.bytes == css || asset.bytes.len() < css.len());
        let other = static_asset("logo.svg", b"<svg/>");
        assert_eq!(other.bytes, b"<svg/>");
    }

    #[test]
    fn scripts_are_minified_the_same_on_every_run() {
        let source = include_bytes!("../../themes/default/static/search.js");
        let runs: Vec<StaticAsset> = (0..3).map(|_| static_asset("search.js", source)).collect();
        let text = String::from_utf8(runs[0].bytes.clone()).unwrap();
        assert!(
            text.len() < source.len() * 3 / 4,
            "{} of {}",
            text.len(),
            source.len()
        );
        assert!(!text.contains("// baucu search"), "comments go");
        assert!(
            text.contains("export function fold(text){"),
            "{}",
            &text[..200]
        );
        for run in &runs[1..] {
            assert_eq!(run.bytes, runs[0].bytes, "byte-identical");
            assert_eq!(run.path, runs[0].path);
        }
        let hash = format!("{:016x}", crate::hash::fnv1a(&runs[0].bytes));
        assert_eq!(runs[0].path, format!("static/search.{}.js", &hash[..10]));
        let unreadable = b"const s = 'open";
        assert_eq!(static_asset("x.js", unreadable).bytes, unreadable);
    }

    #[test]
    fn integrity_is_sha256_in_base64() {
        // The digest of the empty string, as `openssl dgst -sha256 -binary | base64`.
        assert_eq!(
            integrity(b""),
            "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
        );
        assert_eq!(
            integrity(b"abc"),
            "sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="
        );
    }
}
