//! Text that would crash baucu or break a published format (issue 21): dates beyond
//! the calendar, control characters written or escaped, entities that make them, and
//! spreadsheet formulas in a candidate's record. Each is an error at its place, or is
//! published so that the format stays what it claims to be.

mod common;

use common::*;

const NEWS: &str = "content/quang-ninh/news/2026-01-08-tap-huan-nghiep-vu-bau-cu.md";
const CANDIDATES: &str = "content/quang-ninh/candidates/hdnd-tinh.yaml";

#[test]
fn dates_beyond_the_calendar_are_errors_not_crashes() {
    // (file, as written, made into)
    let table = [
        (
            NEWS,
            "date: 2026-01-08T17:00:00+07:00",
            "date: 9999-12-31T23:59:59-12:00",
        ),
        (
            NEWS,
            "date: 2026-01-08T17:00:00+07:00",
            "date: 0000-01-01T00:00:00+14:00",
        ),
        (
            CANDIDATES,
            "birth_date: 1974-12-22",
            "birth_date: 0001-01-01",
        ),
        (
            CANDIDATES,
            "party_join_date: 2002-08-26",
            "party_join_date: 9999-12-31",
        ),
    ];
    for (file, from, to) in table {
        let project = sample_copy();
        let line = replace_in(project.path(), file, from, to);
        let stderr = assert_build_refused(project.path());
        assert!(
            stderr.contains(&format!("{file}:{line}:")),
            "{to}: no place {file}:{line} in\n{stderr}"
        );
        assert!(
            stderr.contains("outside the years 1900–2199"),
            "{to}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn control_characters_are_errors_at_their_place() {
    // (file, as written, made into, column of the character)
    let table = [
        (NEWS, "Ngày 8/1,", "Ngày 8/1,\u{0}", 10),
        (CANDIDATES, "vi: Phó Chánh án", "vi: Phó\u{7} Chánh án", 14),
        (
            CANDIDATES,
            "name: Phùng Huy An",
            "name: Phùng\u{1b}[1m Huy An",
            16,
        ),
    ];
    for (file, from, to, column) in table {
        let (project, report) = broken(|root| {
            replace_in(root, file, from, to);
        });
        let line = line_of(project.path(), file, to, 0);
        let error = error_at(&report, file, line, "control character");
        assert_eq!(error.column, column, "{to:?}");
    }
    // Made by a YAML escape: the error is at the text that holds it.
    let (project, report) = broken(|root| {
        replace_in(
            root,
            CANDIDATES,
            "name: Phùng Huy An",
            "name: \"Phùng Huy\\x01 An\"",
        );
    });
    let line = line_of(project.path(), CANDIDATES, "Phùng Huy\\x01", 0);
    error_at(&report, CANDIDATES, line, "control character U+0001");
}

/// Every `.xml` file of a built site parses as XML.
fn assert_xml_parses(site: &std::path::Path) -> usize {
    let mut parsed = 0;
    for entry in walkdir::WalkDir::new(site).into_iter().flatten() {
        if entry.path().extension().is_some_and(|e| e == "xml") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            if let Err(e) = roxmltree::Document::parse(&text) {
                panic!("{} is not XML: {e}", entry.path().display());
            }
            parsed += 1;
        }
    }
    parsed
}

#[test]
fn feeds_and_sitemaps_stay_xml_when_markdown_makes_a_control_character() {
    let project = sample_copy();
    // A character reference CommonMark turns into U+0001 and U+001B, in the first
    // paragraph: the feed's summary once the written summary is gone.
    let news = project.path().join(NEWS);
    let text = std::fs::read_to_string(&news).unwrap();
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with("summary:"))
        .collect();
    std::fs::write(&news, kept.join("\n")).unwrap();
    replace_in(project.path(), NEWS, "Ngày 8/1,", "Ngày 8/1&#1;,&#x1b;");
    let built = build_into(project.path(), false);
    let site = built.out.join("quang-ninh");
    assert!(assert_xml_parses(&site) >= 3);
    let feed = std::fs::read_to_string(site.join("tin-tuc/feed.xml")).unwrap();
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let summary = doc
        .descendants()
        .filter(|n| n.has_tag_name("summary"))
        .filter_map(|n| n.text())
        .find(|t| t.starts_with("Ngày 8/1"))
        .expect("the edited item's summary");
    assert!(summary.starts_with("Ngày 8/1,"), "{summary:?}");
}

#[test]
fn a_formula_in_a_candidates_record_is_text_in_the_csv() {
    let project = sample_copy();
    let formula = "=HYPERLINK(\"https://x.example/\",\"Bấm\")";
    replace_in(
        project.path(),
        CANDIDATES,
        "vi: Phó Chánh án Tòa án nhân dân tỉnh Quảng Ninh",
        &format!("vi: '{formula}'"),
    );
    replace_in(
        project.path(),
        CANDIDATES,
        "name: Phùng Huy An",
        "name: \"@Phùng Huy An\"",
    );
    let built = build_into(project.path(), false);
    let data = built.out.join("quang-ninh/du-lieu");
    let csv = std::fs::read_to_string(data.join("ung-cu-vien.csv")).unwrap();
    let row = csv
        .lines()
        .find(|l| l.contains("phung-huy-an-1974"))
        .expect("the candidate's row");
    assert!(
        row.contains("\"'=HYPERLINK(\"\"https://x.example/\"\",\"\"Bấm\"\")\""),
        "{row}"
    );
    assert!(row.contains(",\"'@Phùng Huy An\","), "{row}");
    // No cell of the file starts a formula, whatever its quoting.
    for line in csv.lines() {
        for cell in line.split(',') {
            let cell = cell.trim_start_matches('"');
            assert!(!cell.starts_with(['=', '+', '@']), "{cell} in {line}");
        }
    }
    // The JSON keeps the text as written.
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(data.join("ung-cu-vien.json")).unwrap())
            .unwrap();
    let record = json
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "phung-huy-an-1974")
        .unwrap();
    assert_eq!(record["occupation"], formula);
    assert_eq!(record["name"], "@Phùng Huy An");
}
