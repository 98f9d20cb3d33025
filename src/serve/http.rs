//! A small HTTP/1.1 server for one portal on a loopback port: `GET` and `HEAD` of the
//! files inside the site folder, the live-reload script and event stream, one thread
//! per connection (at most [`MAX_CONNECTIONS`] at once), `Connection: close`.
//!
//! A request path is percent-decoded and refused (404) when it holds `..` or `.`
//! segments, empty segments, a NUL or a backslash; the file found is canonicalized
//! and must lie inside the canonical site folder, so a symbolic link cannot lead out.

use super::live;
use super::Site;
use std::fs;
use std::io::{self, BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::RecvTimeoutError;
use std::sync::Arc;
use std::time::Duration;

/// Connections served at once; more are answered 503.
pub const MAX_CONNECTIONS: usize = 256;
/// The longest request head read (request line and headers).
const MAX_HEAD: usize = 16 * 1024;
/// How often an idle event stream sends a comment, to notice closed pages.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Accepts connections on `listener` for `site` until the process ends.
pub fn run(listener: TcpListener, site: Arc<Site>) {
    let active = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else {
            // Out of file descriptors, most likely: let some connections end.
            std::thread::sleep(Duration::from_millis(20));
            continue;
        };
        if active.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            active.fetch_sub(1, Ordering::SeqCst);
            let _ = respond(
                &mut stream,
                &Response::text(503, "503 Service Unavailable\n"),
                false,
            );
            continue;
        }
        // Given back when the connection's thread ends, or when it cannot start.
        let slot = Slot(Arc::clone(&active));
        let site = Arc::clone(&site);
        let _ = std::thread::Builder::new()
            .name("baucu-http".into())
            .spawn(move || {
                let _slot = slot;
                let _ = handle(stream, &site);
            });
    }
}

/// One of the [`MAX_CONNECTIONS`] taken.
struct Slot(Arc<AtomicUsize>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// What a request asks for.
#[derive(Debug, PartialEq, Eq)]
struct Request {
    method: String,
    /// The path as sent (still percent-encoded), without query or fragment.
    path: String,
    /// `?…` as sent, or empty.
    query: String,
}

/// A complete response.
pub struct Response {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Response {
    fn new(status: u16, content_type: &str, body: Vec<u8>) -> Response {
        Response {
            status,
            headers: vec![("Content-Type", content_type.to_string())],
            body,
        }
    }

    fn text(status: u16, body: &str) -> Response {
        Response::new(
            status,
            "text/plain; charset=utf-8",
            body.as_bytes().to_vec(),
        )
    }
}

fn handle(mut stream: TcpStream, site: &Site) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.set_write_timeout(Some(Duration::from_secs(30)))?;
    let request = match read_request(&mut BufReader::new(&stream)) {
        Ok(Some(request)) => request,
        Ok(None) => {
            return respond(
                &mut stream,
                &Response::text(400, "400 Bad Request\n"),
                false,
            )
        }
        Err(e) => return Err(e),
    };
    let head_only = request.method == "HEAD";
    if request.method != "GET" && !head_only {
        let mut response = Response::text(405, "405 Method Not Allowed\n");
        response.headers.push(("Allow", "GET, HEAD".into()));
        return respond(&mut stream, &response, false);
    }
    if request.path == live::EVENTS_URL && !head_only {
        return event_stream(stream, site);
    }
    let response = answer(&request, site);
    respond(&mut stream, &response, head_only)
}

/// Reads the request line and headers; `None` when they are not HTTP.
fn read_request(reader: &mut impl BufRead) -> io::Result<Option<Request>> {
    let mut read = 0;
    let mut line = String::new();
    let mut first = String::new();
    loop {
        line.clear();
        let n = io::Read::take(&mut *reader, MAX_HEAD as u64).read_line(&mut line)?;
        read += n;
        if n == 0 || read > MAX_HEAD {
            return Ok(None);
        }
        if first.is_empty() {
            first = line.trim_end().to_string();
            if first.is_empty() {
                return Ok(None);
            }
        } else if line.trim_end().is_empty() {
            break;
        }
    }
    let mut parts = first.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Ok(None);
    };
    if !version.starts_with("HTTP/1.") || !target.starts_with('/') {
        return Ok(None);
    }
    let target = target.split('#').next().unwrap_or_default();
    let (path, query) = match target.find('?') {
        Some(at) => (&target[..at], &target[at..]),
        None => (target, ""),
    };
    Ok(Some(Request {
        method: method.to_string(),
        path: path.to_string(),
        query: query.to_string(),
    }))
}

fn respond(stream: &mut TcpStream, response: &Response, head_only: bool) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        response.status,
        reason(response.status),
        response.body.len()
    );
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(&response.body)?;
    }
    stream.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// The answer to a `GET` or `HEAD` of anything but the event stream.
fn answer(request: &Request, site: &Site) -> Response {
    if request.path == live::SCRIPT_URL {
        return Response::new(
            200,
            "text/javascript; charset=utf-8",
            live::SCRIPT.as_bytes().to_vec(),
        );
    }
    if request.path.starts_with("/__baucu/") {
        return Response::text(404, "404 Not Found\n");
    }
    match resolve(&site.dir, &request.path) {
        Resolved::File { file, url } => match fs::read(&file) {
            Ok(bytes) => page_or_file(site, &file, &url, bytes, 200),
            Err(_) => not_found(site, &request.path),
        },
        Resolved::Directory => {
            let location = format!("{}/{}", request.path, request.query);
            let mut response = Response::text(301, &format!("301 → {location}\n"));
            response.headers.push(("Location", location));
            response
        }
        Resolved::NotFound => not_found(site, &request.path),
    }
}

/// A file as served: HTML gets the live-reload script (and the overlay while the
/// last build failed).
fn page_or_file(site: &Site, file: &Path, url: &str, bytes: Vec<u8>, status: u16) -> Response {
    let content_type = content_type(file);
    if content_type.starts_with("text/html") {
        let problems = live::lock(&site.problems).clone();
        let body = live::inject(&bytes, url, &problems, site.lang);
        Response::new(status, content_type, body)
    } else {
        Response::new(status, content_type, bytes)
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

/// Decodes `%XX` escapes; `None` for a bad escape or bytes that are not UTF-8.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The `Content-Type` of a file, by its extension.
pub fn content_type(file: &Path) -> &'static str {
    let extension = file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "webp" => "image/webp",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "webmanifest" => "application/manifest+json",
        "gz" => "application/gzip",
        "br" => "application/x-brotli",
        _ => "application/octet-stream",
    }
}

/// `text/event-stream` for the live-reload client: the current state first, then
/// every event of the portal, with a comment when idle to notice closed pages.
fn event_stream(mut stream: TcpStream, site: &Site) -> io::Result<()> {
    let events = site.hub.subscribe();
    let problems = live::lock(&site.problems).clone();
    let first = if problems.is_empty() {
        live::ok_event()
    } else {
        live::error_event(&problems, site.lang)
    };
    stream.write_all(
        format!("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\nretry: 1000\n\n{first}")
            .as_bytes(),
    )?;
    stream.flush()?;
    loop {
        match events.recv_timeout(KEEP_ALIVE) {
            Ok(event) => stream.write_all(event.as_bytes())?,
            Err(RecvTimeoutError::Timeout) => stream.write_all(b": keep-alive\n\n")?,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        }
        stream.flush()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(text: &str) -> Option<Request> {
        read_request(&mut text.as_bytes()).unwrap()
    }

    #[test]
    fn reads_request_lines() {
        let r = request("GET /tin-tuc/?q=a#x HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        assert_eq!(r.method, "GET");
        assert_eq!(r.path, "/tin-tuc/");
        assert_eq!(r.query, "?q=a");
        assert!(request("GET http://example.com/ HTTP/1.1\r\n\r\n").is_none());
        assert!(request("GET / HTTP/1.1\r\n").is_none(), "no end of headers");
        assert!(request("nonsense\r\n\r\n").is_none());
        let long = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MAX_HEAD));
        assert!(request(&long).is_none());
    }

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
            ("sitemap.xml", "application/xml"),
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
            ("noextension", "application/octet-stream"),
        ] {
            assert_eq!(content_type(Path::new(name)), expected, "{name}");
        }
    }
}
