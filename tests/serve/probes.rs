//! The HTTP side of `baucu serve` against hostile or clumsy clients: paths that try to
//! leave the preview folder, requests that are not HTTP or not `GET`/`HEAD`, idle and
//! slow clients, a flood of connections and many requests at once. Every request is
//! written by hand, byte for byte, so that nothing normalises it on the way.

use super::common::*;
use super::harness::*;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// Paths that must not lead to a file outside the site folder (nor, for the dot and
/// empty segments, to any file at all). Each is answered 400, 403 or 404.
const TRAVERSALS: [&str; 48] = [
    "/../secret.txt",
    "/../../secret.txt",
    "/../../etc/passwd",
    "/..%2fsecret.txt",
    "/..%2f..%2fsecret.txt",
    "/..%2F..%2Fetc%2Fpasswd",
    "/%2e%2e/secret.txt",
    "/%2e%2e/%2e%2e/secret.txt",
    "/%2E%2E/%2E%2E/etc/passwd",
    "/%2e%2e%2f%2e%2e%2fsecret.txt",
    "/.%2e/secret.txt",
    "/%2e./secret.txt",
    "/tin-tuc/../../secret.txt",
    "/tin-tuc/../../../etc/passwd",
    "/tin-tuc/%2e%2e/%2e%2e/secret.txt",
    "/tin-tuc/..%2f..%2fsecret.txt",
    "/..\\secret.txt",
    "/..%5csecret.txt",
    "/..%5c..%5cetc%5cpasswd",
    "/%5c..%5csecret.txt",
    "/tin-tuc\\..\\..\\secret.txt",
    "//secret.txt",
    "///etc/passwd",
    "/%2fetc/passwd",
    "/%2f%2fetc%2fpasswd",
    "/.//secret.txt",
    "/./index.html",
    "/tin-tuc/./index.html",
    "/tin-tuc//index.html",
    "/index.html/",
    "/index.html%00",
    "/index.html%00.txt",
    "/%00/secret.txt",
    "/%252e%252e/secret.txt",
    "/..%252fsecret.txt",
    "/%c0%ae%c0%ae/secret.txt",
    "/%e0%80%ae%e0%80%ae/secret.txt",
    "/..%c0%afsecret.txt",
    "/..;/secret.txt",
    "/leak.txt",
    "/up",
    "/up/",
    "/up/secret.txt",
    "/up/.baucu-serve/secret.txt",
    "/up/content/quang-ninh/province.yaml",
    "/%2e%2e/quang-ninh/index.html",
    "/../secret.txt?x=1",
    "/..%2fsecret.txt#x",
];

/// A request as sent, what it is, and the statuses allowed for it (`None`: the
/// connection may be closed without a reply).
type Case = (&'static str, Vec<u8>, Vec<Option<u16>>);

/// Requests that are not what the server answers.
fn malformed() -> Vec<Case> {
    let long_head = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(20_000));
    let many_headers = format!(
        "GET / HTTP/1.1\r\n{}\r\n",
        (0..200)
            .map(|i| format!("X-{i}: {i}\r\n"))
            .collect::<String>()
    );
    let tls_hello = b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03\x00\x01\x02\x03".to_vec();
    vec![
        (
            "an empty request line",
            b"\r\n\r\n".to_vec(),
            vec![Some(400)],
        ),
        ("a method alone", b"GET\r\n\r\n".to_vec(), vec![Some(400)]),
        ("no version", b"GET /\r\n\r\n".to_vec(), vec![Some(400)]),
        (
            "four words",
            b"GET / HTTP/1.1 x\r\n\r\n".to_vec(),
            vec![Some(400)],
        ),
        (
            "two spaces",
            b"GET  / HTTP/1.1\r\n\r\n".to_vec(),
            vec![Some(400)],
        ),
        (
            "tabs",
            b"GET\t/\tHTTP/1.1\r\n\r\n".to_vec(),
            vec![Some(400)],
        ),
        (
            "an absolute URL",
            b"GET http://127.0.0.1/ HTTP/1.1\r\n\r\n".to_vec(),
            vec![Some(400)],
        ),
        (
            "an asterisk",
            b"OPTIONS * HTTP/1.1\r\n\r\n".to_vec(),
            vec![Some(400)],
        ),
        (
            "an authority",
            b"CONNECT 127.0.0.1:80 HTTP/1.1\r\n\r\n".to_vec(),
            vec![Some(400)],
        ),
        (
            "HTTP/2",
            b"GET / HTTP/2.0\r\n\r\n".to_vec(),
            vec![Some(400), Some(505)],
        ),
        (
            "not HTTP",
            b"GET / FTP/1.1\r\n\r\n".to_vec(),
            vec![Some(400)],
        ),
        (
            "a lower-case method",
            b"get / HTTP/1.1\r\n\r\n".to_vec(),
            vec![Some(405)],
        ),
        (
            "POST",
            b"POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello".to_vec(),
            vec![Some(405)],
        ),
        (
            "DELETE",
            b"DELETE /index.html HTTP/1.1\r\n\r\n".to_vec(),
            vec![Some(405)],
        ),
        (
            "a header without a colon",
            b"GET / HTTP/1.1\r\nHost x\r\n\r\n".to_vec(),
            vec![Some(400)],
        ),
        (
            "a NUL in a header",
            b"GET / HTTP/1.1\r\nHost: a\0b\r\n\r\n".to_vec(),
            vec![Some(400)],
        ),
        (
            "a control byte in the path",
            b"GET /\x01 HTTP/1.1\r\n\r\n".to_vec(),
            vec![Some(400)],
        ),
        (
            "bytes that are not UTF-8 in the path",
            b"GET /\xff\xfe HTTP/1.1\r\n\r\n".to_vec(),
            vec![Some(400), Some(404)],
        ),
        (
            "a head that never ends",
            b"GET / HTTP/1.1\r\nHost: x\r\n".to_vec(),
            vec![Some(400), None],
        ),
        (
            "a head over 16 KiB",
            long_head.into_bytes(),
            vec![Some(400), Some(431), None],
        ),
        (
            "two hundred headers",
            many_headers.into_bytes(),
            vec![Some(400), Some(431)],
        ),
        ("a TLS handshake", tls_hello, vec![Some(400), None]),
    ]
}

/// The preview folder of a [`Serving`] of the sample, with a secret beside it and
/// symbolic links leading out.
fn plant_secrets(root: &std::path::Path) {
    let preview = root.join(".baucu-serve");
    std::fs::write(root.join("secret.txt"), "TOP SECRET").unwrap();
    std::fs::write(preview.join("secret.txt"), "TOP SECRET").unwrap();
    #[cfg(unix)]
    {
        let site = preview.join("quang-ninh");
        std::os::unix::fs::symlink(root.join("secret.txt"), site.join("leak.txt")).unwrap();
        std::os::unix::fs::symlink(root, site.join("up")).unwrap();
    }
}

#[test]
fn serve_refuses_paths_out_of_the_site_and_requests_it_does_not_answer() {
    let project = sample_copy();
    let root = project.path();
    let serving = Serving::start(root, &["--province", "quang-ninh"]);
    let qn = serving.url("quang-ninh").to_string();
    plant_secrets(root);

    let mut wrong = Vec::new();
    for path in TRAVERSALS {
        let reply = get(&qn, path);
        if ![400, 403, 404].contains(&reply.status)
            || reply.body.contains("root:")
            || reply.body.contains("TOP SECRET")
        {
            wrong.push(format!("{path}: {}", reply.status));
        }
    }
    assert!(wrong.is_empty(), "served:\n{}", wrong.join("\n"));
    // What is inside is served, escaped or not; a query is no part of the path.
    let robots = get(&qn, "/robots.txt");
    assert_eq!(robots.status, 200);
    assert_eq!(get(&qn, "/%72obots.txt").body, robots.body);
    assert_eq!(get(&qn, "/tin-tuc/?q=..%2f..%2f").status, 200);
    let folder = get(&qn, "/tin-tuc?q=1");
    assert_eq!(folder.status, 301);
    assert_eq!(folder.header("Location"), Some("/tin-tuc/?q=1"));

    let cases = malformed();
    assert_eq!(cases.len(), 22);
    let mut wrong = Vec::new();
    for (what, request, allowed) in cases {
        let status = send(&qn, &request).map(|reply| reply.status);
        if !allowed.contains(&status) {
            wrong.push(format!("{what}: {status:?}, expected one of {allowed:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let post = send(&qn, b"POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n").unwrap();
    assert_eq!(post.header("Allow"), Some("GET, HEAD"));

    // HEAD: the head of GET, no body.
    let page = get(&qn, "/");
    let head = send(&qn, b"HEAD / HTTP/1.1\r\nConnection: close\r\n\r\n").unwrap();
    assert_eq!(head.status, 200);
    assert_eq!(head.body, "");
    assert_eq!(head.header("Content-Type"), page.header("Content-Type"));
    assert_eq!(
        head.header("Content-Length"),
        Some(page.body.len().to_string().as_str())
    );
    // HTTP/1.0 and bare line feeds are still HTTP.
    assert_eq!(
        send(&qn, b"GET /robots.txt HTTP/1.0\r\n\r\n")
            .unwrap()
            .status,
        200
    );
    assert_eq!(
        send(&qn, b"GET /robots.txt HTTP/1.1\n\n").unwrap().status,
        200
    );

    // After all that, the portal is served as before.
    assert_eq!(get(&qn, "/").body, page.body);
    stop(serving);
}

#[test]
fn serve_stays_open_to_everyone_while_clients_are_idle_slow_or_many() {
    let project = sample_copy();
    let serving = Serving::start(project.path(), &["--province", "quang-ninh"]);
    let qn = serving.url("quang-ninh").to_string();
    let robots = get(&qn, "/robots.txt").body;

    // Clients that connect and say nothing, one that sends its head a byte at a time,
    // and event streams nobody reads.
    let idle: Vec<TcpStream> = (0..32)
        .map(|_| TcpStream::connect(address(&qn)).unwrap())
        .collect();
    let slow = {
        let mut stream = TcpStream::connect(address(&qn)).unwrap();
        std::thread::spawn(move || {
            for byte in b"GET /robots.txt HTTP/1.1\r\nHost: x\r\n" {
                if stream.write_all(&[*byte]).is_err() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            stream
        })
    };
    let unread: Vec<TcpStream> = (0..8)
        .map(|_| {
            let mut stream = TcpStream::connect(address(&qn)).unwrap();
            stream
                .write_all(b"GET /__baucu/events HTTP/1.1\r\n\r\n")
                .unwrap();
            stream
        })
        .collect();

    // Meanwhile, 400 requests from 16 clients at once are all answered.
    let clients: Vec<_> = (0..16)
        .map(|_| {
            let qn = qn.clone();
            std::thread::spawn(move || {
                (0..25)
                    .map(|_| get(&qn, "/robots.txt"))
                    .map(|reply| (reply.status, reply.body))
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut answered = 0;
    for client in clients {
        for (status, body) in client.join().unwrap() {
            assert_eq!(status, 200);
            assert_eq!(body, robots);
            answered += 1;
        }
    }
    assert_eq!(answered, 400);

    // Idle clients are let go after a while: closed, with a 408 at most.
    for mut stream in idle {
        stream.set_read_timeout(Some(DEADLINE)).unwrap();
        let mut bytes = Vec::new();
        let _ = stream.read_to_end(&mut bytes);
        let status = reply_of(&bytes).map(|r| r.status);
        assert!(
            status.is_none() || status == Some(408),
            "an idle client got {status:?}"
        );
    }
    drop(slow.join().unwrap());
    drop(unread);

    // A flood of connections beyond the limit is turned away at once, and does not
    // stop the server: once the flood is gone, pages are served again.
    let flood: Vec<TcpStream> = (0..300)
        .map(|_| TcpStream::connect(address(&qn)).unwrap())
        .collect();
    let mut last = flood.last().unwrap().try_clone().unwrap();
    last.set_read_timeout(Some(DEADLINE)).unwrap();
    let mut bytes = Vec::new();
    let _ = last.read_to_end(&mut bytes);
    assert_eq!(reply_of(&bytes).map(|r| r.status), Some(503));
    drop(last);
    drop(flood);
    serving.eventually("served again after the flood", || {
        (get(&qn, "/robots.txt").status == 200).then_some(())
    });
    stop(serving);
}
