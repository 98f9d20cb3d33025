//! What the tests of `baucu serve` share: the binary started on a copy of the sample
//! project ([`Serving`], killed when dropped), plain HTTP requests written by hand
//! ([`get`], [`send`]), and the live-reload event stream ([`events`]).

use super::common::*;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long anything may take: a debug build on a busy 2-core machine is slow.
pub const DEADLINE: Duration = Duration::from_secs(30);
/// The first build of the whole sample, in a debug build.
pub const FIRST_BUILD: Duration = Duration::from_secs(180);

/// A running `baucu serve`, killed when dropped (also when a test panics).
pub struct Serving {
    pub child: Child,
    /// Province → `http://127.0.0.1:PORT/`.
    pub urls: HashMap<String, String>,
    /// Everything it printed to stderr so far, for failure messages.
    pub log: Arc<Mutex<String>>,
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Serving {
    pub fn start(root: &Path, extra: &[&str]) -> Serving {
        let mut child = Command::new(env!("CARGO_BIN_EXE_baucu"))
            .arg("serve")
            .arg("--root")
            .arg(root)
            .args(["--port", "0", "--lang", "en"])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the baucu binary runs");
        let log = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().unwrap();
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut log = sink.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let (tx, lines) = mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut serving = Serving {
            child,
            urls: HashMap::new(),
            log,
        };
        let start = Instant::now();
        loop {
            let left = FIRST_BUILD.saturating_sub(start.elapsed());
            let line = lines.recv_timeout(left).unwrap_or_else(|_| {
                panic!("no `Watching` line on stdout; stderr:\n{}", serving.log())
            });
            let words: Vec<&str> = line.split_whitespace().collect();
            if let [province, url] = words.as_slice() {
                if url.starts_with("http://127.0.0.1:") {
                    serving.urls.insert(province.to_string(), url.to_string());
                }
            }
            if line.starts_with("Watching") {
                break;
            }
        }
        serving
    }

    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    pub fn url(&self, province: &str) -> &str {
        self.urls
            .get(province)
            .unwrap_or_else(|| panic!("no URL printed for {province}: {:?}", self.urls))
    }

    /// Polls `check` until it gives a value, failing after [`DEADLINE`].
    pub fn eventually<T>(&self, what: &str, mut check: impl FnMut() -> Option<T>) -> T {
        let start = Instant::now();
        loop {
            if let Some(value) = check() {
                return value;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "{what}: not within {DEADLINE:?}; baucu serve said:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// An HTTP response.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// `host:port` of a `http://host:port/` URL.
pub fn address(base: &str) -> &str {
    base.trim_start_matches("http://").trim_end_matches('/')
}

/// GET `path` (sent exactly as given) from the server at `base`.
pub fn get(base: &str, path: &str) -> Reply {
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        address(base)
    );
    send(base, request.as_bytes()).expect("a response")
}

/// Sends `request` as it is, ends the sending side and reads what comes back: the
/// reply, or `None` when the server closed the connection without one.
pub fn send(base: &str, request: &[u8]) -> Option<Reply> {
    let mut stream = TcpStream::connect(address(base)).expect("connects");
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    // A server may answer a bad request before reading all of it: the reply counts.
    let _ = stream.write_all(request);
    let _ = stream.shutdown(Shutdown::Write);
    let mut bytes = Vec::new();
    // Bytes read before an error (a reset after the reply) stay in `bytes`.
    let _ = stream.read_to_end(&mut bytes);
    reply_of(&bytes)
}

/// A response as bytes, parsed; `None` when there is no status line.
pub fn reply_of(bytes: &[u8]) -> Option<Reply> {
    let text = String::from_utf8_lossy(bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .filter(|l| l.starts_with("HTTP/1."))
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    Some(Reply {
        status,
        headers,
        body: body.to_string(),
    })
}

/// An open live-reload event stream: (event name, data) as they come.
pub fn events(base: &str) -> Receiver<(String, String)> {
    let mut stream = TcpStream::connect(address(base)).expect("connects");
    write!(
        stream,
        "GET /__baucu/events HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
        address(base)
    )
    .unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        // The response head.
        loop {
            line.clear();
            if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                break;
            }
        }
        let (mut event, mut data) = (String::new(), String::new());
        for line in reader.lines().map_while(Result::ok) {
            if let Some(name) = line.strip_prefix("event: ") {
                event = name.to_string();
            } else if let Some(d) = line.strip_prefix("data: ") {
                data = d.to_string();
            } else if line.is_empty() && !event.is_empty() {
                let complete = (std::mem::take(&mut event), std::mem::take(&mut data));
                if tx.send(complete).is_err() {
                    break;
                }
            }
        }
    });
    rx
}

/// Waits for an event named `name` whose data satisfies `check`, skipping others.
pub fn wait_for_event(
    serving: &Serving,
    events: &Receiver<(String, String)>,
    name: &str,
    check: impl Fn(&str) -> bool,
) -> String {
    let start = Instant::now();
    let mut seen = Vec::new();
    loop {
        let left = DEADLINE.saturating_sub(start.elapsed());
        match events.recv_timeout(left) {
            Ok((event, data)) if event == name && check(&data) => return data,
            Ok(other) => seen.push(other),
            Err(_) => panic!(
                "no `{name}` event as expected; got {seen:?}; baucu serve said:\n{}",
                serving.log()
            ),
        }
    }
}

pub fn h1(html: &str) -> String {
    let page = scraper::Html::parse_document(html);
    select(&page, "h1").first().map(text_of).unwrap_or_default()
}

/// Stops the server as Ctrl-C would (SIGTERM here): it exits with 0.
pub fn stop(mut serving: Serving) {
    #[cfg(unix)]
    {
        let pid = serving.child.id().to_string();
        let sent = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        assert!(sent.success());
        let start = Instant::now();
        let status = loop {
            if let Some(status) = serving.child.try_wait().unwrap() {
                break status;
            }
            assert!(start.elapsed() < DEADLINE, "baucu serve did not stop");
            std::thread::sleep(Duration::from_millis(50));
        };
        assert!(
            status.success(),
            "exit status {status}; said:\n{}",
            serving.log()
        );
    }
}
