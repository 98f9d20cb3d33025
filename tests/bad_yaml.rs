//! Files that are not what a content file must be: encodings (a byte-order mark and
//! CRLF accepted, invalid UTF-8 refused, decomposed Unicode read as composed), empty
//! files and front matter, YAML anchors and bombs, huge files, deep nesting, tabs,
//! several documents, keys written twice, blank and empty values. Each is accepted
//! or refused with its file, line, column and a message that names the problem.

mod common;

use common::table::*;
use common::*;
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------
// Encodings

#[test]
fn a_byte_order_mark_and_crlf_line_endings_are_accepted() {
    let (project, report) = broken(|root| {
        for file in [NA_CANDIDATES, NEWS, CONFIG, PROVINCE] {
            let text = std::fs::read_to_string(root.join(file)).unwrap();
            let crlf = format!("\u{feff}{}", text.replace('\n', "\r\n"));
            std::fs::write(root.join(file), crlf).unwrap();
        }
    });
    assert_clean(&report);
    // Positions in such a file are still right, and so is the source line shown.
    let line = replace_in(
        project.path(),
        NA_CANDIDATES,
        "gender: female",
        "gender: femal",
    );
    let report = check(project.path());
    let e = error_at(
        &report,
        NA_CANDIDATES,
        line,
        "`femal` is not a known gender code",
    );
    assert_eq!(e.column, 13);
    let output = run_baucu(&["check"], project.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("{line} |     gender: femal\n")),
        "{stderr}"
    );
}

#[test]
fn invalid_utf8_is_refused_at_its_line() {
    let project = sample_copy();
    let path = project.path().join(NEWS);
    let text = std::fs::read(&path).unwrap();
    let needle = "Tập huấn".as_bytes();
    let at = text
        .windows(needle.len())
        .position(|w| w == needle)
        .unwrap();
    let line = text[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    // "Tập" as Windows-1258 would write it.
    let mut bytes = text[..at].to_vec();
    bytes.extend_from_slice(b"T\xe2p");
    bytes.extend_from_slice(&text[at + "Tập".len()..]);
    std::fs::write(path, bytes).unwrap();
    let report = check(project.path());
    let e = error_at(&report, NEWS, line, "the file is not valid UTF-8 text");
    assert_eq!(e.column, 9);
    assert!(e.message.vi.contains("không phải là văn bản UTF-8"), "{e}");
    assert_build_refused(project.path());
}

#[test]
fn a_file_in_decomposed_unicode_is_read_as_composed() {
    use unicode_normalization::UnicodeNormalization;
    let project = sample_copy();
    let path = project.path().join(NA_CANDIDATES);
    let composed = std::fs::read_to_string(&path).unwrap();
    let decomposed: String = composed.nfd().collect();
    assert_ne!(composed, decomposed, "the sample has Vietnamese letters");
    std::fs::write(&path, decomposed).unwrap();
    // The same person in another level's file (still composed) is still the same.
    assert_clean(&check(project.path()));
    let built = build_province(project.path(), "quang-ninh");
    let page = built.page("quang-ninh", "/ung-cu-vien/nguyen-thi-hong-hanh-1976/");
    let h1 = text_of(&select(&page, "main h1")[0]);
    assert_eq!(h1, "Nguyễn Thị Hồng Hạnh");
    assert!(h1.chars().eq("Nguyễn Thị Hồng Hạnh".nfc()));
}

// ---------------------------------------------------------------------------
// Empty files, files of only front matter

#[test]
#[rustfmt::skip]
fn empty_files_and_front_matter() {
    run(vec![
        error(COUNCIL_UNITS, write(""), line(1), 1, "the file is empty").vi("Tệp không có nội dung"),
        error(COUNCIL_UNITS, write("# Đơn vị bầu cử HĐND tỉnh\n\n# (chưa có)\n"), line(1), 1, "the file is empty"),
        error(NEWS, write("---\ntitle: Tập huấn nghiệp vụ\ndate: 2026-01-08\ncategory: tap-huan\n---\n\n"), line(5), 1,
            "the file has only front matter and no text")
            .vi("Tệp chỉ có phần đầu (front matter), chưa có nội dung"),
        // A page without front matter takes its title from its heading (below); without
        // a heading either, nothing names it.
        error(PAGE, write("Nội dung.\n"), line(1), 1, "the file has no front matter"),
        error(PAGE, write("---\ntitle: Hướng dẫn bỏ phiếu\nNội dung.\n"), line(1), 1, "the front matter has no closing `---` line"),
        error(PAGE, write("---\n---\nNội dung.\n"), line(2), 1, "the front matter is empty"),
    ]);
}

#[test]
fn a_page_without_front_matter_takes_its_title_from_its_heading() {
    let project = sample_copy();
    let text = "# Hướng dẫn bỏ phiếu\n\nMang theo *thẻ cử tri*.\n";
    write_file(project.path(), PAGE, text);
    let built = build_province(project.path(), "quang-ninh");
    let page = built.page("quang-ninh", "/huong-dan-bo-phieu/");
    let h1: Vec<String> = select(&page, "main h1").iter().map(text_of).collect();
    assert_eq!(h1, ["Hướng dẫn bỏ phiếu"], "one h1, the heading");
    let em: Vec<String> = select(&page, "main em").iter().map(text_of).collect();
    assert_eq!(em, ["thẻ cử tri"]);
}

// ---------------------------------------------------------------------------
// YAML anchors and bombs, huge files, deep nesting, tabs, several documents

#[test]
fn yaml_anchors_and_aliases_are_refused_before_they_expand() {
    // A billion laughs: 9^9 copies of the text if expanded.
    let mut bomb =
        String::from("- id: a\n  category: cu-tri\n  question: x\n  answer: &a0 \"ha\"\n");
    for i in 1..=9 {
        let previous = format!("*a{}", i - 1);
        let list = [previous.as_str(); 9].join(", ");
        bomb.push_str(&format!(
            "- id: b{i}\n  category: cu-tri\n  question: &a{i} [{list}]\n  answer: x\n"
        ));
    }
    bomb.push_str("- id: z\n  category: cu-tri\n  question: x\n  answer: *a9\n");
    let started = Instant::now();
    let (project, report) = broken(|root| write_file(root, FAQ, &bomb));
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "refused quickly"
    );
    let e = error_at(
        &report,
        FAQ,
        4,
        "YAML anchors (`&…`) and aliases (`*…`) are not allowed in content files",
    );
    assert_eq!((e.column, e.length), (11, 3));
    assert_build_refused(project.path());
}

#[test]
#[rustfmt::skip]
fn yaml_syntax_and_size() {
    let deep_flow = format!("  - number: 3\n    seats: {}1{}", "[".repeat(100_000), "]".repeat(100_000));
    let mut deep_block = String::from("level: quoc-hoi\nunits:\n");
    for depth in 1..2_000 {
        deep_block.push_str(&format!("{}- a:\n", " ".repeat(depth * 2)));
    }
    run(vec![
        // A single anchor and alias are refused too.
        error(NA_UNITS, with(|root| {
            replace_in(root, NA_UNITS, "  - number: 2\n    seats: 3", "  - number: 2\n    seats: *ba");
            replace_in(root, NA_UNITS, "    seats: 3\n", "    seats: &ba 3\n");
        }), of("&ba"), 12, "anchors").length(3).vi_has("neo"),
        // A value starting with a star is explained.
        error(NA_CANDIDATES, sub("political_theory: Trung cấp", "political_theory: *Trung cấp*"), here(0), 23, "aliases")
            .hint_has("double quotes"),
        // A huge file is refused before it is read.
        error("content/quang-ninh/candidates/hdnd-xa/6985.yaml", with(|root| {
            let file = root.join("content/quang-ninh/candidates/hdnd-xa/6985.yaml");
            let f = std::fs::OpenOptions::new().write(true).open(file).unwrap();
            f.set_len(17 * 1024 * 1024).unwrap();
        }), line(0), 0, "the file is too large (17 MB); content files are at most 16 MB").whole()
            .vi("Tệp quá lớn (17 MB); mỗi tệp nội dung tối đa 16 MB"),
        error(NA_UNITS, sub("  - number: 3\n    seats: 2", deep_flow), here(1), 267, "the YAML is nested too deeply")
            .has("more than 32 levels"),
        error(NA_UNITS, write(deep_block), line(18), 36, "nested too deeply"),
        // A tab used for indentation.
        error(NA_UNITS, sub("  - number: 2\n    seats: 3", "  - number: 2\n\tseats: 3"), here(1), 1, "the YAML cannot be read").starts()
            .vi_starts("Không đọc được YAML"),
        error(NA_UNITS, sub("  - number: 2\n", "---\n  - number: 2\n"), here(0), 1, "the file holds more than one YAML document"),
    ]);
}

// ---------------------------------------------------------------------------
// Keys written twice

#[test]
#[rustfmt::skip]
fn keys_written_twice() {
    run(vec![
        error(NA_CANDIDATES, sub("    gender: female\n", "    gender: female\n    gender: male\n"), here(1), 5,
            "`gender` is written twice in the same entry (first on line 11)").length(6)
            .vi_starts("`gender` được viết hai lần"),
        error(NA_RESULTS, sub("      bui-thi-ngoc-anh-1986: 266637\n", "      bui-thi-ngoc-anh-1986: 266637\n      bui-thi-ngoc-anh-1986: 266673\n"),
            here(1), 7, "`bui-thi-ngoc-anh-1986` is written twice in the same entry"),
        error(COUNCIL_UNITS, sub("      vi: Gồm các phường Hạ Long", "      vi: Gồm các phường Hạ Long\n      vi: Gồm các phường Hạ Long"),
            here(1), 7, "`vi` is written twice in the same entry"),
    ]);
}

// ---------------------------------------------------------------------------
// Blank and empty values

#[test]
#[rustfmt::skip]
fn blank_and_empty_values() {
    run(vec![
        // libyaml marks a blank value where the next line starts: the error is placed
        // right after the key instead.
        error(NA_CANDIDATES, sub("birth_date: 1986-11-20", "birth_date:"), here(0), 16, "found an empty value"),
        error(NA_CANDIDATES, sub("name: Bùi Thị Ngọc Ánh", "name: \"\""), here(0), 11, "this field is empty"),
        error(NEWS, sub("title: Tập huấn nghiệp vụ bầu cử cho 54 xã, phường, đặc khu", "title: \" \""), here(0), 8, "this field is empty"),
        error(DOCUMENTS, sub("vi: \"Ủy ban nhân dân tỉnh Quảng Ninh\"", "vi: \"\""), here(0), 7, "the text is empty: write the Vietnamese text"),
        // An optional text written empty is absent.
        accepted(NA_CANDIDATES, with(|root| {
            replace_in(root, NA_CANDIDATES, "academic_title: null", "academic_title: \"\"");
            replace_in(root, NA_CANDIDATES, "academic_title: null", "academic_title:");
        })),
        // A text in a language the portal does not publish.
        error(FAQ, sub("    en:", "    fr:"), here(0), 5, "`fr` is not one of the portal's languages (vi, en)").length(2),
    ]);
}
