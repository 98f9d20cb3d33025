//! Live reload: the events sent to open pages (Server-Sent Events), the client script,
//! and what is injected into HTML responses in serve mode only: the script tag and,
//! while the last build failed, the error overlay. Files on disk never get any of it.

use crate::diagnostics::{Diagnostic, Lang, Localized};
use crate::render::escape;
use serde::Serialize;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};

/// Where the client script is served.
pub const SCRIPT_URL: &str = "/__baucu/live.js";
/// Where the event stream is served.
pub const EVENTS_URL: &str = "/__baucu/events";
/// The `id` of the error overlay, server-side and client-side.
pub const OVERLAY_ID: &str = "baucu-overlay";

/// The client script: listens to [`EVENTS_URL`], reloads the page when it changed,
/// shows the overlay on `error` events (built with DOM APIs and `textContent`).
pub const SCRIPT: &str = include_str!("live.js");

/// A mistake of the last build, as the overlay shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The file, relative to the project root; empty when no file is to blame.
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: Option<String>,
}

impl Problem {
    pub fn from_diagnostic(d: &Diagnostic, lang: Lang) -> Problem {
        Problem {
            file: d.file.to_string_lossy().replace('\\', "/"),
            line: d.line,
            column: d.column,
            message: d.message.get(lang).to_string(),
            hint: d.hint.as_ref().map(|h| h.get(lang).to_string()),
        }
    }

    /// `file:line:column` as far as known.
    pub fn place(&self) -> String {
        let mut place = self.file.clone();
        if self.line > 0 {
            place.push_str(&format!(":{}", self.line));
            if self.column > 0 {
                place.push_str(&format!(":{}", self.column));
            }
        }
        place
    }
}

/// The words of the overlay, in the language of `baucu serve --lang`.
#[derive(Debug, Clone, Serialize)]
struct OverlayText {
    title: String,
    close: String,
}

fn overlay_text(lang: Lang) -> OverlayText {
    let title = Localized::new(
        "baucu: nội dung có lỗi, trang đang hiển thị bản dựng không lỗi gần nhất. Sửa lỗi và lưu tệp để xem lại.",
        "baucu: the content has errors; this is the last good build. Fix them and save to see your changes.",
    );
    let close = Localized::new("Đóng", "Close");
    OverlayText {
        title: title.get(lang).to_string(),
        close: close.get(lang).to_string(),
    }
}

/// An event for the open pages of one portal, in the `text/event-stream` format.
pub fn reload_event(changed: &[String]) -> String {
    let urls: Vec<String> = changed.iter().map(|p| url_of_path(p)).collect();
    sse("reload", &serde_json::json!({ "changed": urls }))
}

/// The last build failed: the pages show `problems` over the last good output.
pub fn error_event(problems: &[Problem], lang: Lang) -> String {
    let style = serde_json::json!({
        "box": OVERLAY_STYLE,
        "button": BUTTON_STYLE,
        "place": PLACE_STYLE,
    });
    sse(
        "error",
        &serde_json::json!({ "text": overlay_text(lang), "style": style, "problems": problems }),
    )
}

/// Sent on connecting when the last build succeeded: a page still showing an overlay
/// (the fix came before it connected) reloads.
pub fn ok_event() -> String {
    sse("ok", &serde_json::json!({}))
}

fn sse(event: &str, data: &serde_json::Value) -> String {
    // serde_json never writes a raw line break, so the data is one `data:` line.
    format!("event: {event}\ndata: {data}\n\n")
}

/// The URL a site file is served at: `tin-tuc/index.html` → `/tin-tuc/`,
/// `index.html` → `/`, `sitemap.xml` → `/sitemap.xml`.
pub fn url_of_path(path: &str) -> String {
    if path == "index.html" {
        "/".to_string()
    } else if let Some(dir) = path.strip_suffix("/index.html") {
        format!("/{dir}/")
    } else {
        format!("/{path}")
    }
}

/// The open event streams of one portal.
#[derive(Default)]
pub struct Hub {
    clients: Mutex<Vec<Sender<Arc<str>>>>,
}

impl Hub {
    /// A new stream: receives every event sent from now on.
    pub fn subscribe(&self) -> Receiver<Arc<str>> {
        let (tx, rx) = mpsc::channel();
        lock(&self.clients).push(tx);
        rx
    }

    /// Sends `event` to every open stream, forgetting the closed ones.
    pub fn send(&self, event: &str) {
        let event: Arc<str> = Arc::from(event);
        lock(&self.clients).retain(|client| client.send(Arc::clone(&event)).is_ok());
    }

    /// How many streams are open (closed ones are noticed on the next send).
    pub fn clients(&self) -> usize {
        lock(&self.clients).len()
    }
}

/// Locks `mutex`, going on after a panic of another thread (the data are plain lists).
pub fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

const OVERLAY_STYLE: &str = "position:fixed;left:0;right:0;bottom:0;z-index:2147483647;max-height:60vh;overflow:auto;margin:0;padding:1rem 1.25rem;background:#7d0a0a;color:#fff;font:15px/1.5 -apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,'Noto Sans',Arial,sans-serif;border-top:4px solid #fd0;box-shadow:0 -2px 12px rgba(0,0,0,.4)";
const BUTTON_STYLE: &str = "float:right;margin:0 0 .5rem 1rem;padding:.25rem .75rem;font:inherit;color:#0b0c0c;background:#fd0;border:0;border-radius:3px;cursor:pointer";
const PLACE_STYLE: &str = "font-family:ui-monospace,monospace;font-weight:700";

/// The overlay as HTML, every text escaped. The client builds the same element with
/// DOM APIs (see `live.js`).
pub fn overlay_html(problems: &[Problem], lang: Lang) -> String {
    let text = overlay_text(lang);
    let mut html = format!(
        "<div id=\"{OVERLAY_ID}\" role=\"alert\" style=\"{OVERLAY_STYLE}\"><button type=\"button\" data-baucu-close style=\"{BUTTON_STYLE}\">{}</button><p style=\"margin:0 0 .5rem;font-weight:700\">{}</p><ul style=\"margin:0;padding-left:1.25rem\">",
        escape(&text.close),
        escape(&text.title)
    );
    for problem in problems {
        html.push_str("<li style=\"margin:.25rem 0\">");
        if !problem.file.is_empty() {
            html.push_str(&format!(
                "<span class=\"baucu-place\" style=\"{PLACE_STYLE}\">{}</span>: ",
                escape(&problem.place())
            ));
        }
        html.push_str(&format!(
            "<span class=\"baucu-message\">{}</span>",
            escape(&problem.message)
        ));
        if let Some(hint) = &problem.hint {
            html.push_str(&format!(
                "<br><span class=\"baucu-hint\">→ {}</span>",
                escape(hint)
            ));
        }
        html.push_str("</li>");
    }
    html.push_str("</ul></div>");
    html
}

/// The HTML of a page as served: the live-reload script tag (naming the URL the
/// file was served for) and, when there are problems, the overlay, inserted before
/// the last `</body>` (appended when there is none).
pub fn inject(html: &[u8], served_url: &str, problems: &[Problem], lang: Lang) -> Vec<u8> {
    let mut extra = String::new();
    if !problems.is_empty() {
        extra.push_str(&overlay_html(problems, lang));
    }
    extra.push_str(&format!(
        "<script src=\"{SCRIPT_URL}\" data-url=\"{}\" defer></script>",
        escape(served_url)
    ));
    let at = rfind_ascii_case_insensitive(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn rfind_ascii_case_insensitive(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.len() > haystack.len() {
        return None;
    }
    (0..=haystack.len() - needle.len())
        .rev()
        .find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// A page for when a portal has no output at all yet (its first build failed).
pub fn placeholder_page(lang: Lang) -> Vec<u8> {
    let title = Localized::new("Chưa có bản dựng", "Nothing built yet");
    format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head><body><h1>{}</h1></body></html>",
        lang.code(),
        escape(title.get(lang)),
        escape(title.get(lang))
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(message: &str) -> Problem {
        Problem {
            file: "content/quang-ninh/province.yaml".into(),
            line: 3,
            column: 7,
            message: message.into(),
            hint: Some("<b>hint</b>".into()),
        }
    }

    #[test]
    fn urls_of_site_paths() {
        assert_eq!(url_of_path("index.html"), "/");
        assert_eq!(url_of_path("tin-tuc/index.html"), "/tin-tuc/");
        assert_eq!(url_of_path("en/news/a/index.html"), "/en/news/a/");
        assert_eq!(url_of_path("sitemap.xml"), "/sitemap.xml");
        assert_eq!(url_of_path("404.html"), "/404.html");
    }

    #[test]
    fn reload_events_name_urls_on_one_data_line() {
        let event = reload_event(&["tin-tuc/a/index.html".into(), "style.1.css".into()]);
        assert_eq!(
            event,
            "event: reload\ndata: {\"changed\":[\"/tin-tuc/a/\",\"/style.1.css\"]}\n\n"
        );
        let event = error_event(&[problem("line\nbreak")], Lang::En);
        assert!(event.starts_with("event: error\ndata: {"));
        assert_eq!(event.matches('\n').count(), 3, "{event}");
    }

    #[test]
    fn the_overlay_escapes_everything() {
        let html = overlay_html(&[problem("<script>alert(1)</script> & \"x\"")], Lang::En);
        assert!(html.contains("role=\"alert\""));
        assert!(html.contains("content/quang-ninh/province.yaml:3:7"));
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"));
    }

    #[test]
    fn injects_before_the_last_body_end() {
        let page = b"<html><body><p>x</p></BODY></html>";
        let out = String::from_utf8(inject(page, "/a\"b/", &[], Lang::Vi)).unwrap();
        assert_eq!(
            out,
            "<html><body><p>x</p><script src=\"/__baucu/live.js\" data-url=\"/a&quot;b/\" defer></script></BODY></html>"
        );
        let out = String::from_utf8(inject(b"<p>x", "/", &[problem("m")], Lang::Vi)).unwrap();
        assert!(out.starts_with("<p>x<div id=\"baucu-overlay\""), "{out}");
        assert!(out.ends_with("defer></script>"), "{out}");
    }

    #[test]
    fn the_hub_forgets_closed_streams() {
        let hub = Hub::default();
        let open = hub.subscribe();
        drop(hub.subscribe());
        hub.send("event: ok\n\n");
        assert_eq!(hub.clients(), 1);
        assert_eq!(&*open.recv().unwrap(), "event: ok\n\n");
    }
}
