//! The `_headers` file of a site (the format Netlify and Cloudflare Pages read):
//! security headers for every response, `immutable` caching for the folders whose
//! files are named by their content hash, and a short, revalidated cache for the rest.
//!
//! Both hosts add up the headers of every rule a path matches, joining repeated
//! headers with commas, so the `Cache-Control` rules must never overlap: the rest of
//! the site is listed by its top-level entries instead of with `/*`.

use crate::routes::IMMUTABLE_DIRS;
use std::fs;
use std::io;
use std::path::Path;

pub const CACHE_FOREVER: &str = "public, max-age=31536000, immutable";
/// Pages, feeds, sitemaps and open data: five minutes, then ask again (results and
/// news change on election night).
pub const CACHE_SHORT: &str = "public, max-age=300, must-revalidate";

/// No inline script or style runs; images may come from other https sites (Markdown
/// may show them); forms submit only to the portal; only the portal may frame it.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' data: https:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";
/// The portal uses none of these browser features.
pub const PERMISSIONS_POLICY: &str = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

/// Headers every response gets.
pub fn security_headers() -> [(&'static str, &'static str); 4] {
    [
        ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("Permissions-Policy", PERMISSIONS_POLICY),
    ]
}

/// The `_headers` file for the finished site in `dir`.
pub fn headers_file(dir: &Path) -> io::Result<String> {
    let mut entries: Vec<(String, bool)> = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        // Precompressed copies are served under their original's address: they need
        // no rule of their own (and are not there yet in a full build).
        let copy = name.ends_with(".br") || name.ends_with(".gz");
        if name.starts_with('.') || name == "_headers" || copy {
            continue;
        }
        entries.push((name, entry.file_type()?.is_dir()));
    }
    entries.sort();
    let mut out = String::from(
        "# Written by baucu for Netlify and Cloudflare Pages. Files named by their content\n\
         # hash are cached forever; everything else is revalidated after five minutes.\n\n/*\n",
    );
    for (name, value) in security_headers() {
        out.push_str(&format!("  {name}: {value}\n"));
    }
    let rule = |out: &mut String, path: &str, cache: &str| {
        out.push_str(&format!("\n{path}\n  Cache-Control: {cache}\n"));
    };
    for (name, is_dir) in &entries {
        if *is_dir && IMMUTABLE_DIRS.contains(&name.as_str()) {
            rule(&mut out, &format!("/{name}/*"), CACHE_FOREVER);
        }
    }
    rule(&mut out, "/", CACHE_SHORT);
    for (name, is_dir) in &entries {
        if *is_dir && !IMMUTABLE_DIRS.contains(&name.as_str()) {
            rule(&mut out, &format!("/{name}/*"), CACHE_SHORT);
        } else if !is_dir {
            rule(&mut out, &format!("/{name}"), CACHE_SHORT);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_folders_are_immutable_and_the_rest_short_without_overlap() {
        let dir = tempfile::tempdir().unwrap();
        for folder in ["static", "media", "_search/vi", "tin-tuc", "en/news"] {
            fs::create_dir_all(dir.path().join(folder)).unwrap();
        }
        for file in [
            "index.html",
            "sitemap.xml",
            "robots.txt",
            ".baucu-manifest.json",
        ] {
            fs::write(dir.path().join(file), "x").unwrap();
        }
        let text = headers_file(dir.path()).unwrap();
        assert!(text.contains("/static/*\n  Cache-Control: public, max-age=31536000, immutable"));
        assert!(text.contains("/_search/*\n  Cache-Control: public, max-age=31536000, immutable"));
        assert!(text.contains("/tin-tuc/*\n  Cache-Control: public, max-age=300"));
        assert!(text.contains("/en/*\n  Cache-Control: public, max-age=300"));
        assert!(text.contains("\n/\n  Cache-Control: public, max-age=300"));
        assert!(text.contains("/sitemap.xml\n"));
        assert!(!text.contains("manifest"), "dot files are not served");
        assert_eq!(text.matches("Cache-Control").count(), 9, "{text}");
        assert!(text.starts_with("# Written by baucu"));
        assert_eq!(text.matches("Content-Security-Policy").count(), 1);
    }
}
