//! The HTTP/1.1 server of one portal on a loopback port: one thread per connection (at
//! most [`MAX_CONNECTIONS`] at once; more are answered 503 and closed), the request
//! head read within [`HEAD_TIMEOUT`] and parsed by httparse, `GET` and `HEAD` answered
//! from the site's files ([`super::files`]), the live-reload event stream kept open,
//! `Connection: close`.
//!
//! The connections are handled here rather than by a server crate: tiny_http, the
//! small synchronous one, reads request heads of any size, sets no timeout, caps no
//! connections and stops accepting for good after one failed `accept` (out of file
//! descriptors), so a few hundred idle clients would end the preview.

use super::files::{self, Response};
use super::live;
use super::Site;
use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::RecvTimeoutError;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Connections served at once; more are answered 503.
pub const MAX_CONNECTIONS: usize = 256;
/// The longest request head (request line and headers).
const MAX_HEAD: usize = 16 * 1024;
/// The most header fields in a request head.
const MAX_HEADERS: usize = 100;
/// How long a client may take to send its request head, in all.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// How long one write to a client may wait.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);
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
            let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
            let _ = respond(&mut stream, &status_page(503), false);
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

/// Why a request is not answered as asked.
#[derive(Debug, PartialEq, Eq)]
enum Refused {
    /// The client left before sending anything, or the connection failed.
    Gone,
    /// Answered with this status: 400, 408 (too slow), 431 (head too large).
    Status(u16),
}

fn handle(mut stream: TcpStream, site: &Site) -> io::Result<()> {
    stream.set_write_timeout(Some(WRITE_TIMEOUT))?;
    let mut reader = Until {
        stream: &stream,
        deadline: Instant::now() + HEAD_TIMEOUT,
    };
    let request = match read_request(&mut reader) {
        Ok(request) => request,
        Err(Refused::Gone) => return Ok(()),
        Err(Refused::Status(status)) => return respond(&mut stream, &status_page(status), false),
    };
    let head_only = request.method == "HEAD";
    if request.method != "GET" && !head_only {
        let mut response = status_page(405);
        response.headers.push(("Allow", "GET, HEAD".into()));
        return respond(&mut stream, &response, false);
    }
    if request.path == live::EVENTS_URL && !head_only {
        return event_stream(stream, site);
    }
    let response = files::answer(&request.path, &request.query, site);
    respond(&mut stream, &response, head_only)
}

/// A connection read until a deadline: each read waits at most the time left.
struct Until<'a> {
    stream: &'a TcpStream,
    deadline: Instant,
}

impl Read for Until<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        let mut stream = self.stream;
        stream.read(buf)
    }
}

/// Reads and parses (httparse) the request head: the request line and headers, at
/// most [`MAX_HEAD`] bytes and [`MAX_HEADERS`] fields. Only paths (`/…`) are
/// answered: no absolute URL, authority or `*`.
fn read_request(reader: &mut impl Read) -> Result<Request, Refused> {
    let mut head = vec![0; MAX_HEAD];
    let mut filled = 0;
    loop {
        match reader.read(&mut head[filled..]) {
            Ok(0) if filled == 0 => return Err(Refused::Gone),
            Ok(0) => return Err(Refused::Status(400)),
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) if is_timeout(&e) => return Err(Refused::Status(408)),
            Err(_) => return Err(Refused::Gone),
        }
        let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
        let mut parsed = httparse::Request::new(&mut headers);
        match parsed.parse(&head[..filled]) {
            Ok(httparse::Status::Complete(_)) => {
                let method = parsed.method.unwrap_or_default();
                let target = parsed.path.unwrap_or_default();
                return request_of(method, target).ok_or(Refused::Status(400));
            }
            Ok(httparse::Status::Partial) if filled == MAX_HEAD => {
                return Err(Refused::Status(431))
            }
            Ok(httparse::Status::Partial) => {}
            Err(httparse::Error::TooManyHeaders) => return Err(Refused::Status(431)),
            Err(_) => return Err(Refused::Status(400)),
        }
    }
}

/// A read that waited too long (`WouldBlock` on Unix, `TimedOut` elsewhere).
fn is_timeout(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
    )
}

/// The request for `target` when it is a path: its fragment dropped, its query apart.
fn request_of(method: &str, target: &str) -> Option<Request> {
    if !target.starts_with('/') {
        return None;
    }
    let target = target.split('#').next().unwrap_or_default();
    let (path, query) = target.split_at(target.find('?').unwrap_or(target.len()));
    Some(Request {
        method: method.to_string(),
        path: path.to_string(),
        query: query.to_string(),
    })
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

/// A plain-text page saying `status` and its reason.
fn status_page(status: u16) -> Response {
    Response::text(status, &format!("{status} {}\n", reason(status)))
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
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

    fn request(text: &[u8]) -> Result<Request, Refused> {
        read_request(&mut &text[..])
    }

    #[test]
    fn reads_request_heads() {
        let r = request(b"GET /tin-tuc/?q=a#x HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        assert_eq!(r.method, "GET");
        assert_eq!(r.path, "/tin-tuc/");
        assert_eq!(r.query, "?q=a");
        let r = request(b"HEAD /a%20b HTTP/1.0\n\n").unwrap();
        assert_eq!((r.method.as_str(), r.path.as_str()), ("HEAD", "/a%20b"));
        assert_eq!(request(b""), Err(Refused::Gone));
        for (bad, status) in [
            (&b"GET http://example.com/ HTTP/1.1\r\n\r\n"[..], 400),
            (b"OPTIONS * HTTP/1.1\r\n\r\n", 400),
            (b"GET / HTTP/1.1\r\n", 400),
            (b"nonsense\r\n\r\n", 400),
            (b"GET / HTTP/2.0\r\n\r\n", 400),
            (b"GET / HTTP/1.1\r\nHost x\r\n\r\n", 400),
            (b"GET /\x01 HTTP/1.1\r\n\r\n", 400),
            (b"GET /\xff HTTP/1.1\r\n\r\n", 400),
        ] {
            assert_eq!(request(bad), Err(Refused::Status(status)), "{bad:?}");
        }
        let long = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MAX_HEAD));
        assert_eq!(request(long.as_bytes()), Err(Refused::Status(431)));
        let many = format!(
            "GET / HTTP/1.1\r\n{}\r\n",
            "X: y\r\n".repeat(MAX_HEADERS + 1)
        );
        assert_eq!(request(many.as_bytes()), Err(Refused::Status(431)));
    }

    #[test]
    fn a_head_sent_slowly_is_read_whole() {
        /// Gives one byte per read.
        struct Trickle<'a>(&'a [u8]);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let Some((first, rest)) = self.0.split_first() else {
                    return Ok(0);
                };
                buf[0] = *first;
                self.0 = rest;
                Ok(1)
            }
        }
        let mut slow = Trickle(b"GET /a HTTP/1.1\r\nHost: x\r\n\r\nbody");
        assert_eq!(read_request(&mut slow).unwrap().path, "/a");
    }
}
