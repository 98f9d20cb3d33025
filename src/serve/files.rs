//! What a request path is answered with, from the files of one portal's preview
//! folder: baucu's path safety ([`resolve`]), content types (mime_guess), the
//! portal's own 404 pages, and the live-reload script (and error overlay) added to
//! HTML as it is sent.
//!
//! A path is percent-decoded (percent-encoding) and refused (404) when it holds a
//! malformed escape, `..` or `.` segments, empty segments, a NUL or a backslash; the
//! file found is canonicalized and must lie inside the canonical site folder, so a
//! symbolic link cannot lead out.

use super::live;
use super::Site;
use std::fs;
use std::path::{Path, PathBuf};

/// A complete response.
pub struct Response {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16, content_type: &str, body: Vec<u8>) -> Response {
        Response {
            status,
            headers: vec![("Content-Type", content_type.to_string())],
            body,
        }
    }

    pub fn text(status: u16, body: &str) -> Response {
        Response::new(
            status,
            "text/plain; charset=utf-8",
            body.as_bytes().to_vec(),
        )
    }
}

/// The answer to a `GET` or `HEAD` of `path` (as sent, percent-encoded) and `query`
/// (`?…` or empty), the event stream aside.
pub fn answer(path: &str, query: &str, site: &Site) -> Response {
    if path == live::SCRIPT_URL {
        return Response::new(
            200,
            "text/javascript; charset=utf-8",
            live::SCRIPT.as_bytes().to_vec(),
        );
    }
    if path.starts_with("/__baucu/") {
        return Response::text(404, "404 Not Found\n");
    }
    match resolve(&site.dir, path) {
        Resolved::File { file, url } => match fs::read(&file) {
            Ok(bytes) => page_or_file(site, &file, &url, bytes, 200),
            Err(_) => not_found(site, path),
        },
        Resolved::Directory => {
            let location = format!("{}/{}", path, query);
            let mut response = Response::text(301, &format!("301 → {location}\n"));
            response.headers.push(("Location", location));
            response
        }
        Resolved::NotFound => not_found(site, path),
    }
}

/// A file as served: HTML gets the live-reload script (and the overlay while the
/// last build failed).
fn page_or_file(site: &Site, file: &Path, url: &str, bytes: Vec<u8>, status: u16) -> Response {
    let content_type = content_type(file);
    if content_type.starts_with("text/html") {
        let problems = live::lock(&site.problems).clone();
        let body = live::inject(&bytes, url, &problems, site.lang);
        Response::new(status, &content_type, body)
    } else {
        Response::new(status, &content_type, bytes)
    }
}

/// 404 with the portal's own page in the language of the path: `<lang>/404.html`
/// under a language folder (`/en/404.html`), else `404.html` (the first language's);
/// a placeholder when the site has no output.
fn not_found(site: &Site, path: &str) -> Response {
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    let is_language = (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && path.len() > first.len() + 1;
    let mut candidates = Vec::new();
    if is_language {
        candidates.push(format!("/{first}/404.html"));
    }
    candidates.push("/404.html".to_string());
    for candidate in candidates {
        if let Resolved::File { file, url } = resolve(&site.dir, &candidate) {
            if let Ok(bytes) = fs::read(&file) {
                return page_or_file(site, &file, &url, bytes, 404);
            }
        }
    }
    let problems = live::lock(&site.problems).clone();
    let page = live::placeholder_page(site.lang);
    Response::new(
        404,
        "text/html; charset=utf-8",
        live::inject(&page, path, &problems, site.lang),
    )
}

/// Where a request path leads inside the site folder.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// A file inside the site (canonical path), and the URL it is served for
    /// (`/tin-tuc/` for `tin-tuc/index.html`).
    File {
        file: PathBuf,
        url: String,
    },
    /// A folder asked for without its trailing slash: redirect to it.
    Directory,
    NotFound,
}

/// Resolves a request path (percent-encoded, starting with `/`) inside `site`.
pub fn resolve(site: &Path, path: &str) -> Resolved {
    let Some(decoded) = percent_decode(path) else {
        return Resolved::NotFound;
    };
    let Some(relative) = decoded.strip_prefix('/') else {
        return Resolved::NotFound;
    };
    if decoded.contains(['\0', '\\']) {
        return Resolved::NotFound;
    }
    let is_dir_url = relative.is_empty() || relative.ends_with('/');
    let mut inside = PathBuf::new();
    let segments = relative.strip_suffix('/').unwrap_or(relative);
    if !segments.is_empty() {
        for segment in segments.split('/') {
            if segment.is_empty() || segment == "." || segment == ".." {
                return Resolved::NotFound;
            }
            inside.push(segment);
        }
    }
    let Ok(root) = site.canonicalize() else {
        return Resolved::NotFound;
    };
    let Some(found) = canonical_inside(&root, &root.join(&inside)) else {
        return Resolved::NotFound;
    };
    if found.is_dir() {
        if !is_dir_url {
            return Resolved::Directory;
        }
        return match canonical_inside(&root, &found.join("index.html")) {
            Some(index) if index.is_file() => Resolved::File {
                file: index,
                url: decoded.clone(),
            },
            _ => Resolved::NotFound,
        };
    }
    if is_dir_url || !found.is_file() {
        return Resolved::NotFound;
    }
    Resolved::File {
        file: found,
        url: decoded,
    }
}

/// `path` canonicalized, when it exists and lies inside `root` (itself canonical).
fn canonical_inside(root: &Path, path: &Path) -> Option<PathBuf> {
    let canonical = path.canonicalize().ok()?;
    canonical.starts_with(root).then_some(canonical)
}

/// Decodes `%XX` escapes; `None` for a malformed escape or bytes that are not UTF-8.
pub fn percent_decode(text: &str) -> Option<String> {
    let well_formed = text.split('%').skip(1).all(|after| {
        after
            .get(..2)
            .is_some_and(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()))
    });
    if !well_formed {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .ok()?;
    Some(decoded.into_owned())
}

/// The `Content-Type` of a file, by its extension (mime_guess); text is UTF-8, as
/// baucu writes it.
pub fn content_type(file: &Path) -> String {
    let mime = mime_guess::from_path(file)
        .first_raw()
        .unwrap_or("application/octet-stream");
    if mime.starts_with("text/") {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("/a%20b").as_deref(), Some("/a b"));
        assert_eq!(percent_decode("/%e1%BA%A1").as_deref(), Some("/ạ"));
        assert_eq!(percent_decode("/%2"), None);
        assert_eq!(percent_decode("/%zz"), None);
        assert_eq!(percent_decode("/%ff"), None);
    }

    #[test]
    fn resolves_only_inside_the_site() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        fs::create_dir_all(site.join("tin-tuc/a")).unwrap();
        fs::write(site.join("index.html"), "home").unwrap();
        fs::write(site.join("tin-tuc/a/index.html"), "a").unwrap();
        fs::write(site.join("style.css"), "css").unwrap();
        fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        let root = site.canonicalize().unwrap();
        let file = |path: &str, url: &str| Resolved::File {
            file: root.join(path),
            url: url.into(),
        };
        assert_eq!(resolve(&site, "/"), file("index.html", "/"));
        assert_eq!(
            resolve(&site, "/tin-tuc/a/"),
            file("tin-tuc/a/index.html", "/tin-tuc/a/")
        );
        assert_eq!(resolve(&site, "/tin-tuc/a"), Resolved::Directory);
        assert_eq!(resolve(&site, "/tin-tuc/"), Resolved::NotFound, "no index");
        assert_eq!(
            resolve(&site, "/style.css"),
            file("style.css", "/style.css")
        );
        assert_eq!(resolve(&site, "/style.css/"), Resolved::NotFound);
        for bad in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/..%2fsecret.txt",
            "/tin-tuc/../../secret.txt",
            "//secret.txt",
            "/%2fetc/passwd",
            "/.%2e/secret.txt",
            "/..\\secret.txt",
            "/..%5csecret.txt",
            "/style.css%00.html",
            "/./style.css",
            "/missing.html",
        ] {
            assert_eq!(resolve(&site, bad), Resolved::NotFound, "{bad}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.txt"), site.join("leak.txt"))
                .unwrap();
            std::os::unix::fs::symlink(dir.path(), site.join("up")).unwrap();
            assert_eq!(resolve(&site, "/leak.txt"), Resolved::NotFound);
            assert_eq!(resolve(&site, "/up/secret.txt"), Resolved::NotFound);
            assert_eq!(resolve(&site, "/up"), Resolved::NotFound);
        }
    }

    #[test]
    fn content_types() {
        for (name, expected) in [
            ("a.html", "text/html; charset=utf-8"),
            ("a.CSS", "text/css; charset=utf-8"),
            ("a.js", "text/javascript; charset=utf-8"),
            ("sitemap.xml", "text/xml; charset=utf-8"),
            ("a.json", "application/json"),
            ("a.csv", "text/csv; charset=utf-8"),
            ("a.txt", "text/plain; charset=utf-8"),
            ("a.svg", "image/svg+xml"),
            ("a.webp", "image/webp"),
            ("a.png", "image/png"),
            ("a.jpg", "image/jpeg"),
            ("a.jpeg", "image/jpeg"),
            ("a.gif", "image/gif"),
            ("a.pdf", "application/pdf"),
            ("a.ico", "image/x-icon"),
            ("a.woff2", "font/woff2"),
            ("a.woff", "application/font-woff"),
            ("a.avif", "image/avif"),
            ("a.webmanifest", "application/manifest+json"),
            ("a.br", "application/octet-stream"),
            ("noextension", "application/octet-stream"),
        ] {
            assert_eq!(content_type(Path::new(name)), expected, "{name}");
        }
    }
}
