//! What `baucu check` prints for people, whole, in both languages: a copy of the
//! sample project with six kinds of mistake (a YAML syntax error, an unknown field
//! with the closest name, an impossible date, too few candidates for a unit, a
//! warning, and a link that runs a script on a line of Vietnamese text), run through
//! the binary and compared with the snapshots in `tests/snapshots/` (insta: after a
//! deliberate change of the output, `cargo insta review`, or `INSTA_UPDATE=always`).
//! The link check runs only on content without errors: no wrong link is among them.

mod common;

use common::*;
use std::path::Path;

const TIMELINE: &str = "content/quang-ninh/timeline.yaml";
const COUNCIL_CANDIDATES: &str = "content/quang-ninh/candidates/hdnd-tinh.yaml";
const NA_UNITS: &str = "content/quang-ninh/units/quoc-hoi.yaml";
const NEWS: &str = "content/quang-ninh/news/2026-01-08-tap-huan-nghiep-vu-bau-cu.md";
const LATER_NEWS: &str = "content/quang-ninh/news/2026-01-20-dua-thong-tin-bau-cu-den-ban-lang.md";

/// The sample project with the six mistakes.
fn project_with_mistakes() -> tempfile::TempDir {
    let project = sample_copy();
    let root = project.path();
    // YAML syntax: text after a closing quote.
    replace_in(
        root,
        TIMELINE,
        "vi: \"Quyết định số 3712/QĐ-UBND của UBND tỉnh Quảng Ninh\"",
        "vi: \"Quyết định số 3712/QĐ-UBND\" của UBND tỉnh Quảng Ninh",
    );
    // An unknown field, close to a known one.
    replace_in(root, COUNCIL_CANDIDATES, "    hometown:", "    home_town:");
    // A day that does not exist.
    replace_in(root, LATER_NEWS, "date: 2026-01-20", "date: 2026-02-30");
    // The law: 3 seats need 5 candidates; unit 3 has 4.
    replace_in(
        root,
        NA_UNITS,
        "  - number: 3\n    seats: 2",
        "  - number: 3\n    seats: 3",
    );
    // After Vietnamese text on their lines: HTML in the text (a warning), and a link
    // that runs a script.
    let text = std::fs::read_to_string(root.join(NEWS)).unwrap();
    write_file(
        root,
        NEWS,
        text + "\nCử tri lưu ý: <mark>mang theo căn cước</mark> khi đi bầu.\n\n\
                Có thể xem [danh sách người ứng cử](javascript:alert(1)) trước ngày bầu cử.\n",
    );
    project
}

/// `baucu check` in `lang` on `root`: its standard error, with the project folder
/// written `[PROJECT]`; standard output is empty and the exit code 1.
fn check_output(root: &Path, lang: &str) -> String {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_baucu"))
        .args(["check", "--lang", lang, "--root"])
        .arg(root)
        // Today's date, for any rule that reads it.
        .env("SOURCE_DATE_EPOCH", "1795305600")
        .output()
        .expect("the baucu binary runs");
    let stderr = String::from_utf8(output.stderr).expect("UTF-8 output");
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(output.stdout.is_empty(), "{:?}", output.stdout);
    // Not a terminal: no colour.
    assert!(!stderr.contains('\u{1b}'), "{stderr}");
    let mut text = stderr;
    for path in [root.to_path_buf(), root.canonicalize().unwrap()] {
        text = text.replace(&path.display().to_string(), "[PROJECT]");
    }
    text
}

#[test]
fn check_prints_every_mistake_with_its_source_line_in_english_and_vietnamese() {
    let project = project_with_mistakes();
    let english = check_output(project.path(), "en");
    let vietnamese = check_output(project.path(), "vi");
    // The same run twice prints the same bytes.
    assert_eq!(check_output(project.path(), "en"), english);
    insta::assert_snapshot!("check_english", english);
    insta::assert_snapshot!("check_vietnamese", vietnamese);
}
