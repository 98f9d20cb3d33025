//! Shared helpers for the end-to-end tests: build the sample content once, read
//! pages, parse HTML.

#![allow(dead_code)]

pub mod table;

use scraper::{Html, Selector};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The day the sample portals are built for in tests: after election day.
pub fn test_day() -> time::Date {
    time::Date::from_calendar_date(2026, time::Month::November, 22).unwrap()
}

pub struct Built {
    _dir: tempfile::TempDir,
    pub out: PathBuf,
    pub report: baucu::Report,
}

/// The sample content of the repository, built once per test binary.
pub fn sample() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| build_into(&repo_root(), false))
}

pub fn build_into(root: &Path, drafts: bool) -> Built {
    build_with(root, |options| options.drafts = drafts)
}

/// Only `province` of the project at `root`, without the precompressed copies: for
/// tests that read a few of its pages.
pub fn build_province(root: &Path, province: &str) -> Built {
    build_with(root, |options| {
        options.provinces = vec![province.to_string()];
        options.no_precompress = true;
    })
}

fn build_with(root: &Path, set: impl FnOnce(&mut baucu::Options)) -> Built {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let mut options = baucu::Options {
        root: root.to_path_buf(),
        out: Some(out.clone()),
        provinces: Vec::new(),
        drafts: false,
        today: Some(test_day()),
        clean: false,
        no_precompress: false,
        national: false,
        progress: false,
    };
    set(&mut options);
    let report = baucu::build(&options).expect("baucu runs");
    let errors: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    assert!(
        errors.is_empty(),
        "the sample content must build:\n{}",
        errors.join("\n")
    );
    Built {
        _dir: dir,
        out,
        report,
    }
}

impl Built {
    pub fn site(&self, province: &str) -> PathBuf {
        self.out.join(province)
    }

    /// The HTML of a page by its URL, e.g. `/tin-tuc/`.
    pub fn page(&self, province: &str, url: &str) -> Html {
        Html::parse_document(&self.text(province, url))
    }

    pub fn text(&self, province: &str, url: &str) -> String {
        let path = file_of(&self.site(province), url);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{url} ({}): {e}", path.display()))
    }

    pub fn exists(&self, province: &str, url: &str) -> bool {
        file_of(&self.site(province), url).is_file()
    }
}

/// The file a URL is served from.
pub fn file_of(site: &Path, url: &str) -> PathBuf {
    let path = url
        .split(['#', '?'])
        .next()
        .unwrap_or_default()
        .trim_start_matches('/');
    let path = percent_decode(path);
    if path.is_empty() || path.ends_with('/') {
        site.join(path).join("index.html")
    } else {
        site.join(path)
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub fn select<'a>(html: &'a Html, selector: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector =
        Selector::parse(selector).unwrap_or_else(|e| panic!("selector {selector}: {e:?}"));
    html.select(&selector).collect()
}

pub fn text_of(element: &scraper::ElementRef) -> String {
    element
        .text()
        .collect::<Vec<_>>()
        .join("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every HTML file under a site.
pub fn html_files(site: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(site)
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.path().to_path_buf())
        .collect();
    files.sort();
    files
}

/// Copies a directory tree (for broken copies of the sample project).
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().flatten() {
        let relative = entry.path().strip_prefix(from).unwrap();
        let target = to.join(relative);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A copy of the sample project (baucu.yaml, content/, themes/) in a temporary folder.
pub fn sample_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = repo_root();
    std::fs::copy(root.join("baucu.yaml"), dir.path().join("baucu.yaml")).unwrap();
    copy_tree(&root.join("content"), &dir.path().join("content"));
    copy_tree(&root.join("themes"), &dir.path().join("themes"));
    dir
}

/// Every file under a folder with its bytes, for byte-for-byte comparisons.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

// ---------------------------------------------------------------------------
// Broken copies of the sample project

/// Options for checking or building the project at `root` (output in `root/public`).
pub fn options_for(root: &Path) -> baucu::Options {
    baucu::Options {
        root: root.to_path_buf(),
        out: Some(root.join("public")),
        provinces: Vec::new(),
        drafts: false,
        today: Some(test_day()),
        clean: false,
        no_precompress: false,
        national: false,
        progress: false,
    }
}

/// Checks the project at `root` as `baucu check` does.
pub fn check(root: &Path) -> baucu::Report {
    baucu::check_project(&options_for(root)).expect("baucu runs")
}

/// A copy of the sample project with `mistake` applied, and what `check` says of it.
pub fn broken(mistake: impl FnOnce(&Path)) -> (tempfile::TempDir, baucu::Report) {
    let project = sample_copy();
    mistake(project.path());
    let report = check(project.path());
    (project, report)
}

/// Replaces the first `from` in `file` (relative to `root`) by `to`; returns the line
/// `from` started on.
pub fn replace_in(root: &Path, file: &str, from: &str, to: &str) -> usize {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let at = text
        .find(from)
        .unwrap_or_else(|| panic!("`{from}` in {file}"));
    std::fs::write(
        &path,
        format!("{}{to}{}", &text[..at], &text[at + from.len()..]),
    )
    .unwrap();
    text[..at].matches('\n').count() + 1
}

/// The line `needle` is first written on in `file`, after line `after`.
pub fn line_of(root: &Path, file: &str, needle: &str, after: usize) -> usize {
    let text = std::fs::read_to_string(root.join(file)).unwrap();
    text.lines()
        .enumerate()
        .skip(after)
        .find(|(_, l)| l.contains(needle))
        .map(|(i, _)| i + 1)
        .unwrap_or_else(|| panic!("`{needle}` in {file} after line {after}"))
}

/// Writes `text` to `file` (relative to `root`), creating folders.
pub fn write_file(root: &Path, file: &str, text: impl AsRef<[u8]>) {
    let path = root.join(file);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Every diagnostic, one per line, for failure messages.
pub fn listing(report: &baucu::Report) -> String {
    report
        .diagnostics
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The one error at `file` and `line` whose English message contains `text`; fails
/// the test, listing what was found, when there is none.
pub fn error_at<'a>(
    report: &'a baucu::Report,
    file: &str,
    line: usize,
    text: &str,
) -> &'a baucu::diagnostics::Diagnostic {
    report
        .diagnostics
        .iter()
        .find(|d| {
            d.is_error()
                && d.file == Path::new(file)
                && d.line == line
                && d.message.en.contains(text)
        })
        .unwrap_or_else(|| {
            panic!(
                "no error at {file}:{line} saying `{text}`; found:\n{}",
                listing(report)
            )
        })
}

/// Like [`error_at`] for a warning.
pub fn warning_at<'a>(
    report: &'a baucu::Report,
    file: &str,
    line: usize,
    text: &str,
) -> &'a baucu::diagnostics::Diagnostic {
    report
        .diagnostics
        .iter()
        .find(|d| {
            !d.is_error()
                && d.file == Path::new(file)
                && d.line == line
                && d.message.en.contains(text)
        })
        .unwrap_or_else(|| {
            panic!(
                "no warning at {file}:{line} saying `{text}`; found:\n{}",
                listing(report)
            )
        })
}

/// Asserts that the report has no error at all.
pub fn assert_clean(report: &baucu::Report) {
    assert!(
        !report.has_errors(),
        "expected no errors, found:\n{}",
        listing(report)
    );
}

/// A stand-in for a previously published site under `root/public`, returned as a
/// snapshot to compare with after a failed build.
pub fn fake_public(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let public = root.join("public");
    write_file(
        &public,
        "quang-ninh/index.html",
        "<!doctype html><title>Bầu cử Quảng Ninh</title>\n",
    );
    write_file(
        &public,
        "quang-ninh/tin-tuc/index.html",
        [0xe1u8, 0xba, 0xa1, 0],
    );
    write_file(&public, "da-nang/sitemap.xml", "<urlset/>");
    snapshot(&public)
}

/// Runs the baucu binary with `args` in English.
pub fn run_baucu(args: &[&str], root: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_baucu"))
        .args(args)
        .arg("--root")
        .arg(root)
        .arg("--lang")
        .arg("en")
        .output()
        .expect("the baucu binary runs")
}

/// `baucu build` on a broken project with a previous output in public/: exit code 1,
/// and the previous output byte for byte as it was. Returns the error output.
pub fn assert_build_refused(root: &Path) -> String {
    let before = fake_public(root);
    let output = run_baucu(&["build"], root);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        snapshot(&root.join("public")) == before,
        "a refused build must leave public/ byte-identical"
    );
    stderr
}
