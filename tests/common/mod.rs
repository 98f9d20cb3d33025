//! Shared helpers for the end-to-end tests: build the sample content once, read
//! pages, parse HTML.

#![allow(dead_code)]

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
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let report = baucu::build(&baucu::Options {
        root: root.to_path_buf(),
        out: Some(out.clone()),
        provinces: Vec::new(),
        drafts,
        today: Some(test_day()),
    })
    .expect("baucu runs");
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
