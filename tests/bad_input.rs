//! Input that must never break a portal: encodings, empty and huge files, YAML bombs,
//! deep nesting, duplicate keys, impossible dates, paths leading outside the content,
//! names a web address cannot hold, HTML and scripts in text, private data. Each is
//! either accepted silently (a byte-order mark, CRLF) or refused with its file, line
//! and a message that names the problem — and never a panic: the last tests feed
//! arbitrary and mutated bytes to every parser.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const NA_UNITS: &str = "content/quang-ninh/units/quoc-hoi.yaml";
const NA_CANDIDATES: &str = "content/quang-ninh/candidates/quoc-hoi.yaml";
const NA_RESULTS: &str = "content/quang-ninh/results/quoc-hoi.yaml";
const COUNCIL_UNITS: &str = "content/quang-ninh/units/hdnd-tinh.yaml";
const FAQ: &str = "content/quang-ninh/faq/quang-ninh.yaml";
const DOCUMENTS: &str = "content/quang-ninh/documents.yaml";
const NEWS: &str = "content/quang-ninh/news/2026-01-08-tap-huan-nghiep-vu-bau-cu.md";
const PAGE: &str = "content/quang-ninh/pages/huong-dan-bo-phieu.md";
const CONFIG: &str = "baucu.yaml";

// ---------------------------------------------------------------------------
// Encodings

#[test]
fn a_byte_order_mark_and_crlf_line_endings_are_accepted() {
    let (project, report) = broken(|root| {
        for file in [
            NA_CANDIDATES,
            NEWS,
            CONFIG,
            "content/quang-ninh/province.yaml",
        ] {
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
    let mut line = 0;
    let (project, report) = broken(|root| {
        let path = root.join(NEWS);
        let text = std::fs::read(&path).unwrap();
        let needle = "Tập huấn".as_bytes();
        let at = text
            .windows(needle.len())
            .position(|w| w == needle)
            .unwrap();
        line = text[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        // "Tập" as Windows-1258 would write it.
        let mut bytes = text[..at].to_vec();
        bytes.extend_from_slice(b"T\xe2p");
        bytes.extend_from_slice(&text[at + "Tập".len()..]);
        std::fs::write(path, bytes).unwrap();
    });
    let e = error_at(&report, NEWS, line, "the file is not valid UTF-8 text");
    assert_eq!(e.column, 9);
    assert!(e.message.vi.contains("không phải là văn bản UTF-8"), "{e}");
    assert_build_refused(project.path());
}

// ---------------------------------------------------------------------------
// Empty files, files of only front matter

#[test]
fn an_empty_file() {
    let (_project, report) = broken(|root| write_file(root, COUNCIL_UNITS, ""));
    let e = error_at(&report, COUNCIL_UNITS, 1, "the file is empty");
    assert_eq!(e.message.vi, "Tệp không có nội dung");
}

#[test]
fn a_file_of_only_comments_is_empty() {
    let (_project, report) = broken(|root| {
        write_file(
            root,
            COUNCIL_UNITS,
            "# Đơn vị bầu cử HĐND tỉnh\n\n# (chưa có)\n",
        )
    });
    error_at(&report, COUNCIL_UNITS, 1, "the file is empty");
}

#[test]
fn a_news_item_of_only_front_matter() {
    let (_project, report) = broken(|root| {
        write_file(
            root,
            NEWS,
            "---\ntitle: Tập huấn nghiệp vụ\ndate: 2026-01-08\ncategory: tap-huan\n---\n\n",
        )
    });
    let e = error_at(
        &report,
        NEWS,
        5,
        "the file has only front matter and no text",
    );
    assert_eq!(
        e.message.vi,
        "Tệp chỉ có phần đầu (front matter), chưa có nội dung"
    );
}

#[test]
fn a_page_without_front_matter_takes_its_title_from_its_heading() {
    let project = sample_copy();
    write_file(
        project.path(),
        PAGE,
        "# Hướng dẫn bỏ phiếu\n\nMang theo *thẻ cử tri*.\n",
    );
    let built = build_into(project.path(), false);
    let page = built.page("quang-ninh", "/huong-dan-bo-phieu/");
    let h1: Vec<String> = select(&page, "main h1").iter().map(text_of).collect();
    assert_eq!(h1, ["Hướng dẫn bỏ phiếu"], "one h1, the heading");
    let em: Vec<String> = select(&page, "main em").iter().map(text_of).collect();
    assert_eq!(em, ["thẻ cử tri"]);
    // Without a heading either, nothing names the page.
    let (_project, report) = broken(|root| write_file(root, PAGE, "Nội dung.\n"));
    error_at(&report, PAGE, 1, "the file has no front matter");
}

#[test]
fn front_matter_that_is_never_closed() {
    let (_project, report) =
        broken(|root| write_file(root, PAGE, "---\ntitle: Hướng dẫn bỏ phiếu\nNội dung.\n"));
    error_at(
        &report,
        PAGE,
        1,
        "the front matter has no closing `---` line",
    );
}

#[test]
fn empty_front_matter() {
    let (_project, report) = broken(|root| write_file(root, PAGE, "---\n---\nNội dung.\n"));
    error_at(&report, PAGE, 2, "the front matter is empty");
}

// ---------------------------------------------------------------------------
// YAML bombs, huge files, deep nesting

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
fn a_single_anchor_and_alias_are_refused_too() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        replace_in(
            root,
            NA_UNITS,
            "  - number: 2\n    seats: 3",
            "  - number: 2\n    seats: *ba",
        );
        line = replace_in(root, NA_UNITS, "    seats: 3\n", "    seats: &ba 3\n");
    });
    let e = error_at(&report, NA_UNITS, line, "anchors");
    assert_eq!((e.column, e.length), (12, 3));
    assert!(e.message.vi.contains("neo"), "{e}");
}

#[test]
fn a_value_starting_with_a_star_is_explained() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = replace_in(
            root,
            NA_CANDIDATES,
            "political_theory: Trung cấp",
            "political_theory: *Trung cấp*",
        );
    });
    let e = report
        .diagnostics
        .iter()
        .find(|d| d.file == Path::new(NA_CANDIDATES))
        .unwrap_or_else(|| panic!("{}", listing(&report)));
    assert!(e.message.en.contains("aliases"), "{e}");
    assert!(e.hint.as_ref().unwrap().en.contains("double quotes"), "{e}");
    assert_eq!(e.line, line);
}

#[test]
fn a_huge_file_is_refused_before_it_is_read() {
    let file = "content/quang-ninh/candidates/hdnd-xa/6985.yaml";
    let (_project, report) = broken(|root| {
        let f = std::fs::OpenOptions::new()
            .write(true)
            .open(root.join(file))
            .unwrap();
        f.set_len(17 * 1024 * 1024).unwrap();
    });
    let e = report
        .diagnostics
        .iter()
        .find(|d| d.file == Path::new(file))
        .unwrap_or_else(|| panic!("{}", listing(&report)));
    assert!(e.is_error());
    assert_eq!(
        e.message.en,
        "the file is too large (17 MB); content files are at most 16 MB"
    );
    assert_eq!(
        e.message.vi,
        "Tệp quá lớn (17 MB); mỗi tệp nội dung tối đa 16 MB"
    );
}

#[test]
fn deeply_nested_flow_yaml() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        let deep = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
        line = 1 + replace_in(
            root,
            NA_UNITS,
            "  - number: 3\n    seats: 2",
            &format!("  - number: 3\n    seats: {deep}"),
        );
    });
    let e = error_at(&report, NA_UNITS, line, "the YAML is nested too deeply");
    assert!(e.message.en.contains("more than 32 levels"), "{e}");
}

#[test]
fn deeply_nested_block_yaml() {
    let mut deep = String::from("level: quoc-hoi\nunits:\n");
    for depth in 1..2_000 {
        deep.push_str(&" ".repeat(depth * 2));
        deep.push_str("- a:\n");
    }
    let (_project, report) = broken(|root| write_file(root, NA_UNITS, &deep));
    let e = report
        .diagnostics
        .iter()
        .find(|d| d.file == Path::new(NA_UNITS))
        .unwrap_or_else(|| panic!("{}", listing(&report)));
    assert!(e.message.en.contains("nested too deeply"), "{e}");
    assert!(e.line > 2 && e.line < 40, "{e}");
}

// ---------------------------------------------------------------------------
// Duplicate keys

#[test]
fn a_field_written_twice_in_an_entry() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = 1 + replace_in(
            root,
            NA_CANDIDATES,
            "    gender: female\n",
            "    gender: female\n    gender: male\n",
        );
    });
    let e = error_at(
        &report,
        NA_CANDIDATES,
        line,
        &format!(
            "`gender` is written twice in the same entry (first on line {})",
            line - 1
        ),
    );
    assert_eq!((e.column, e.length), (5, 6));
    assert!(
        e.message.vi.starts_with("`gender` được viết hai lần"),
        "{e}"
    );
}

#[test]
fn a_candidate_written_twice_in_the_votes() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = 1 + replace_in(
            root,
            NA_RESULTS,
            "      bui-thi-ngoc-anh-1986: 266637\n",
            "      bui-thi-ngoc-anh-1986: 266637\n      bui-thi-ngoc-anh-1986: 266673\n",
        );
    });
    error_at(
        &report,
        NA_RESULTS,
        line,
        "`bui-thi-ngoc-anh-1986` is written twice in the same entry",
    );
}

#[test]
fn a_language_written_twice_in_a_text() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = 1 + replace_in(
            root,
            COUNCIL_UNITS,
            "      vi: Gồm các phường Hạ Long",
            "      vi: Gồm các phường Hạ Long\n      vi: Gồm các phường Hạ Long",
        );
    });
    error_at(
        &report,
        COUNCIL_UNITS,
        line,
        "`vi` is written twice in the same entry",
    );
}

// ---------------------------------------------------------------------------
// Dates

#[test]
fn a_date_written_day_first() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = replace_in(
            root,
            NA_CANDIDATES,
            "birth_date: 1986-11-20",
            "birth_date: 31/02/1986",
        );
    });
    let e = error_at(
        &report,
        NA_CANDIDATES,
        line,
        "`31/02/1986` is not a date; write dates as YYYY-MM-DD, for example 2026-03-15",
    );
    assert_eq!((e.column, e.length), (17, 10));
}

#[test]
fn a_date_that_does_not_exist() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = replace_in(
            root,
            NA_CANDIDATES,
            "birth_date: 1986-11-20",
            "birth_date: 1986-02-31",
        );
    });
    let e = error_at(
        &report,
        NA_CANDIDATES,
        line,
        "`1986-02-31` does not exist: February 1986 has 28 days",
    );
    assert!(
        e.message
            .vi
            .starts_with("Ngày `1986-02-31` không có thật: tháng 2/1986 có 28 ngày"),
        "{}",
        e.message.vi
    );
}

#[test]
fn a_milestone_offset_beyond_any_calendar() {
    let file = "content/quang-ninh/timeline.yaml";
    let (project, report) = broken(|root| {
        let path = root.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(
            path,
            text + "\n- offset_days: 9223372036854775807\n  title: Mốc không có thật\n",
        )
        .unwrap();
    });
    let line = line_of(project.path(), file, "offset_days: 9223372036854775807", 0);
    error_at(&report, file, line, "this offset leads to no real date");
}

// ---------------------------------------------------------------------------
// Paths leading outside the content root

#[test]
fn a_photo_path_leading_outside_the_content() {
    let mut line = 0;
    let (project, report) = broken(|root| {
        write_file(root, "secret.jpg", "not for publishing");
        line = replace_in(
            root,
            NA_CANDIDATES,
            "photo: photos/nguyen-thi-hong-hanh-1976.jpg",
            "photo: ../../../secret.jpg",
        );
    });
    error_at(
        &report,
        NA_CANDIDATES,
        line,
        "`../../../secret.jpg` leads outside the content folder",
    );
    assert_build_refused(project.path());
}

#[test]
fn an_image_given_as_an_absolute_path() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = replace_in(
            root,
            NEWS,
            "image: images/tap-huan.jpg",
            "image: /etc/passwd",
        );
    });
    error_at(
        &report,
        NEWS,
        line,
        "`/etc/passwd` must be a path relative to this file",
    );
}

#[cfg(unix)]
#[test]
fn an_image_that_is_a_symbolic_link_outside_the_project() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("private.jpg"), "private").unwrap();
    let (_project, report) = broken(|root| {
        std::os::unix::fs::symlink(
            outside.path().join("private.jpg"),
            root.join("content/quang-ninh/news/images/link.jpg"),
        )
        .unwrap();
        replace_in(
            root,
            NEWS,
            "image: images/tap-huan.jpg",
            "image: images/link.jpg",
        );
    });
    error_at(
        &report,
        "content/quang-ninh/news/images/link.jpg",
        0,
        "this symbolic link leads outside the content folder and is not read",
    );
    let line = line_of(_project.path(), NEWS, "image: images/link.jpg", 0);
    error_at(
        &report,
        NEWS,
        line,
        "`images/link.jpg` leads outside the content folder",
    );
}

#[cfg(unix)]
#[test]
fn a_document_that_is_a_symbolic_link_outside_the_content() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        write_file(root, "notes/private.pdf", "private");
        std::os::unix::fs::symlink(
            root.join("notes/private.pdf"),
            root.join("content/quang-ninh/documents/private.pdf"),
        )
        .unwrap();
        line = replace_in(
            root,
            DOCUMENTS,
            "file: documents/ke-hoach-168-kh-ubnd.pdf",
            "file: documents/private.pdf",
        );
    });
    error_at(
        &report,
        DOCUMENTS,
        line,
        "`documents/private.pdf` leads outside the content folder",
    );
}

#[cfg(unix)]
#[test]
fn a_content_file_that_is_a_symbolic_link_outside_the_content() {
    let (_project, report) = broken(|root| {
        std::fs::rename(root.join(NA_CANDIDATES), root.join("quoc-hoi.yaml")).unwrap();
        std::os::unix::fs::symlink(root.join("quoc-hoi.yaml"), root.join(NA_CANDIDATES)).unwrap();
    });
    error_at(
        &report,
        NA_CANDIDATES,
        0,
        "this symbolic link leads outside the content folder and is not read",
    );
    // What refers into the refused file (the results) is not reported again.
    let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
    assert_eq!(errors, 1, "{}", listing(&report));
}

#[test]
fn a_document_path_with_dot_dot() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = replace_in(
            root,
            DOCUMENTS,
            "file: documents/ke-hoach-168-kh-ubnd.pdf",
            "file: ../../baucu.yaml",
        );
    });
    error_at(
        &report,
        DOCUMENTS,
        line,
        "`../../baucu.yaml` leads outside the content folder",
    );
}

// ---------------------------------------------------------------------------
// Names a web address cannot hold

#[test]
fn a_candidate_id_with_diacritics() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = replace_in(
            root,
            NA_CANDIDATES,
            "- id: bui-thi-ngoc-anh-1986",
            "- id: Bùi Thị Ngọc Ánh",
        );
    });
    let e = error_at(
        &report,
        NA_CANDIDATES,
        line,
        "the id `Bùi Thị Ngọc Ánh` cannot be used in a web address",
    );
    assert!(
        e.hint.as_ref().unwrap().en.contains("bui-thi-ngoc-anh"),
        "{e}"
    );
    assert_eq!(
        e.message.vi,
        "Mã `Bùi Thị Ngọc Ánh` không dùng được trong địa chỉ trang web"
    );
}

#[test]
fn a_question_id_with_a_space() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = replace_in(
            root,
            FAQ,
            "- id: quang-ninh-so-don-vi-bau-cu",
            "- id: so don vi/bau cu",
        );
    });
    error_at(
        &report,
        FAQ,
        line,
        "the id `so don vi/bau cu` cannot be used in a web address",
    );
}

#[test]
fn a_news_file_name_with_diacritics() {
    let file = "content/quang-ninh/news/2026-01-09-Tập huấn.md";
    let (_project, report) = broken(|root| {
        std::fs::rename(root.join(NEWS), root.join(file)).unwrap();
    });
    error_at(
        &report,
        file,
        0,
        "`Tập huấn` cannot be used in a web address",
    );
}

#[test]
fn a_province_folder_name_with_diacritics() {
    let (project, report) = broken(|root| {
        std::fs::rename(root.join("content/da-nang"), root.join("content/Đà Nẵng")).unwrap();
    });
    let file = "content/Đà Nẵng/province.yaml";
    let line = line_of(project.path(), file, "id: da-nang", 0);
    let e = error_at(
        &report,
        file,
        line,
        "the province folder name `Đà Nẵng` cannot be used in a web address",
    );
    assert_eq!(
        e.hint.as_ref().unwrap().en,
        "rename the folder to `da-nang` and write `id: da-nang`"
    );
}

#[test]
fn a_level_id_with_capitals() {
    let (project, report) = broken(|root| {
        let text = std::fs::read_to_string(root.join(CONFIG)).unwrap();
        std::fs::write(
            root.join(CONFIG),
            text.replace("id: hdnd-xa", "id: HDND_xa"),
        )
        .unwrap();
    });
    let line = line_of(project.path(), CONFIG, "id: HDND_xa", 0);
    error_at(
        &report,
        CONFIG,
        line,
        "level id `HDND_xa` cannot be used in a web address",
    );
}

#[test]
fn a_code_of_baucu_yaml_with_diacritics() {
    let (project, report) = broken(|root| {
        replace_in(root, CONFIG, "bau-cu-bo-sung:", "bầu cử bổ sung:");
    });
    let line = line_of(project.path(), CONFIG, "bầu cử bổ sung:", 0);
    let e = error_at(
        &report,
        CONFIG,
        line,
        "the code `bầu cử bổ sung` cannot be used in a web address",
    );
    assert!(e.hint.as_ref().unwrap().en.contains("bau-cu-bo-sung"));
}

#[test]
fn a_misspelt_code_field_in_baucu_yaml() {
    let (project, report) = broken(|root| {
        replace_in(root, CONFIG, "  news_category:", "  news_categroy:");
    });
    let line = line_of(project.path(), CONFIG, "news_categroy", 0);
    let e = error_at(
        &report,
        CONFIG,
        line,
        "`news_categroy` is not a field that takes codes",
    );
    assert_eq!(e.hint.as_ref().unwrap().en, "did you mean `news_category`?");
}

#[test]
fn a_theme_name_leading_out_of_the_project() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = replace_in(root, CONFIG, "theme: default", "theme: ../../etc");
    });
    error_at(
        &report,
        CONFIG,
        line,
        "the theme name `../../etc` is not valid",
    );
}

#[test]
fn a_language_code_that_is_not_one() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = replace_in(
            root,
            CONFIG,
            "languages: [vi, en]",
            "languages: [vi, en/../x]",
        );
    });
    error_at(&report, CONFIG, line, "`en/../x` is not a language code");
}

#[test]
fn a_document_file_name_with_spaces() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        std::fs::copy(
            root.join("content/quang-ninh/documents/ke-hoach-168-kh-ubnd.pdf"),
            root.join("content/quang-ninh/documents/Kế hoạch 168.pdf"),
        )
        .unwrap();
        line = replace_in(
            root,
            DOCUMENTS,
            "file: documents/ke-hoach-168-kh-ubnd.pdf",
            "file: documents/Kế hoạch 168.pdf",
        );
    });
    let e = error_at(
        &report,
        DOCUMENTS,
        line,
        "the file name `Kế hoạch 168.pdf` cannot be used in a web address",
    );
    assert!(e.message.en.contains("ke-hoach-168.pdf"), "{e}");
}

// ---------------------------------------------------------------------------
// HTML and scripts: markup in a text field, and a script anywhere, is an error; raw
// HTML in a Markdown body is a warning (it shows as its letters).

#[test]
fn a_script_in_a_candidate_name_is_refused() {
    let project = sample_copy();
    let root = project.path();
    let line = replace_in(
        root,
        NA_CANDIDATES,
        "name: Bùi Thị Ngọc Ánh",
        "name: Bùi Thị Ngọc Ánh<script>alert(1)</script>",
    );
    let report = check(root);
    let e = error_at(
        &report,
        NA_CANDIDATES,
        line,
        "script `<script>` is not allowed in a text field",
    );
    assert_eq!((e.column, e.length), (27, 8));
    assert_eq!(
        e.message.vi,
        "Không được có mã script `<script>` trong nội dung chữ"
    );
    assert_build_refused(root);
}

#[test]
fn html_in_a_news_title() {
    let (_project, report) = broken(|root| {
        replace_in(root, NEWS, "title: Tập huấn", "title: <b>Tập huấn</b>");
    });
    let e = error_at(
        &report,
        NEWS,
        2,
        "HTML `<b>` is not allowed in a text field: the page would show it as written",
    );
    assert_eq!(e.column, 8);
}

#[test]
fn html_in_a_bio_written_as_a_block() {
    let file = "content/quang-ninh/candidates/hdnd-tinh.yaml";
    let (project, report) = broken(|root| {
        replace_in(
            root,
            file,
            "        **Quá trình công tác**",
            "        <img src=x onerror=alert(1)> **Quá trình công tác**",
        );
    });
    let line = line_of(project.path(), file, "<img", 0);
    let e = error_at(
        &report,
        file,
        line,
        "script `<img src=x onerror=alert(1)>` is not allowed in a text field",
    );
    assert_eq!(e.column, 9);
}

#[test]
fn a_javascript_address_in_a_bio() {
    let file = "content/quang-ninh/candidates/hdnd-tinh.yaml";
    let (project, report) = broken(|root| {
        replace_in(
            root,
            file,
            "        **Quá trình công tác**",
            "        **Quá trình công tác** [xem](javascript:alert(1))",
        );
    });
    let line = line_of(project.path(), file, "javascript:", 0);
    let e = error_at(
        &report,
        file,
        line,
        "the script address `javascript:` in a text field would run code",
    );
    assert_eq!((e.column, e.length), (38, 11));
    assert_build_refused(project.path());
}

#[test]
fn a_script_in_a_news_body_is_refused() {
    let (project, report) = broken(|root| {
        let path = root.join(NEWS);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(path, text + "\n<script>alert(1)</script>\n").unwrap();
    });
    let line = line_of(project.path(), NEWS, "<script>", 0);
    let e = error_at(
        &report,
        NEWS,
        line,
        "script `<script>` in the text: the portal runs no scripts from content",
    );
    assert_eq!(e.column, 1);
    assert_build_refused(project.path());
}

#[test]
fn html_in_a_news_body_is_shown_as_text() {
    let (project, report) = broken(|root| {
        let path = root.join(NEWS);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(path, text + "\nCử tri <b>lưu ý</b> mang căn cước.\n").unwrap();
    });
    assert_clean(&report);
    let line = line_of(project.path(), NEWS, "<b>", 0);
    let w = warning_at(
        &report,
        NEWS,
        line,
        "HTML `<b>` in the text is shown as written, not as formatting",
    );
    assert_eq!(w.column, 8);
    assert!(w.hint.as_ref().unwrap().en.contains("raw_html"), "{w}");
}

#[test]
fn a_script_in_a_body_where_raw_html_is_allowed() {
    let (project, report) = broken(|root| {
        replace_in(
            root,
            "content/quang-ninh/province.yaml",
            "links:\n",
            "markdown: {raw_html: true}\nlinks:\n",
        );
        let path = root.join(NEWS);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(
            path,
            text + "\n<div class=\"ghi-chu\">Được phép.</div>\n\n<script>document.location='https://x'</script>\n",
        )
        .unwrap();
    });
    let line = line_of(project.path(), NEWS, "<script>", 0);
    let e = error_at(
        &report,
        NEWS,
        line,
        "script `<script>` in the text: the portal runs no scripts from content",
    );
    assert_eq!(e.column, 1);
    let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
    assert_eq!(
        errors,
        1,
        "the allowed <div> is not refused: {}",
        listing(&report)
    );
}

#[test]
fn a_javascript_link_in_a_page() {
    let (project, report) = broken(|root| {
        let path = root.join(PAGE);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(path, text + "\n[Tra cứu](javascript:alert(1))\n").unwrap();
    });
    let line = line_of(project.path(), PAGE, "javascript:", 0);
    let e = error_at(
        &report,
        PAGE,
        line,
        "the link `javascript:alert(1)` runs a script",
    );
    assert_eq!(e.column, 11);
    assert_eq!(
        e.message.vi,
        "Liên kết `javascript:alert(1)` chạy mã script: cổng thông tin không cho phép"
    );
}

#[test]
fn text_that_only_looks_like_markup_is_published_escaped() {
    let project = sample_copy();
    let root = project.path();
    replace_in(
        root,
        NA_CANDIDATES,
        "occupation: Phó Giám đốc Bệnh viện Bãi Cháy",
        "occupation: Phó Giám đốc Bệnh viện Bãi Cháy (tuổi <40 & \"trẻ\")",
    );
    let built = build_into(root, false);
    let html = built.text("quang-ninh", "/ung-cu-vien/bui-thi-ngoc-anh-1986/");
    // `<` is escaped; the minifier may leave a lone `&` as it is (valid HTML).
    assert!(html.contains("(tuổi &lt;40 &"), "the text is escaped");
    assert!(!html.contains("<40"), "and never raw");
}

// ---------------------------------------------------------------------------
// Private data

#[test]
fn a_national_id_field_is_refused() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = 1 + replace_in(
            root,
            NA_CANDIDATES,
            "    gender: female\n",
            "    gender: female\n    national_id: \"022186001234\"\n",
        );
    });
    let e = error_at(
        &report,
        NA_CANDIDATES,
        line,
        "`national_id` is private personal data and must not be published",
    );
    assert_eq!((e.column, e.length), (5, 11));
    assert!(e.message.vi.contains("thông tin cá nhân riêng tư"), "{e}");
}

#[test]
fn a_phone_field_is_refused() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = 1 + replace_in(
            root,
            NA_CANDIDATES,
            "    gender: female\n",
            "    gender: female\n    phone: 0912 345 678\n",
        );
    });
    error_at(
        &report,
        NA_CANDIDATES,
        line,
        "`phone` is private personal data",
    );
}

#[test]
fn a_phone_number_written_into_a_biography() {
    let file = "content/quang-ninh/candidates/hdnd-tinh.yaml";
    let (project, report) = broken(|root| {
        replace_in(
            root,
            file,
            "        **Quá trình công tác**",
            "        **Quá trình công tác** (liên hệ: 0912.345.678)",
        );
    });
    let line = line_of(project.path(), file, "0912.345.678", 0);
    let e = error_at(
        &report,
        file,
        line,
        "`bio` of Đặng Quang Huy seems to hold a phone number (`0912.345.678`)",
    );
    assert_eq!((e.column, e.length), (42, 12));
}

#[test]
fn a_residence_that_would_publish_a_street_address() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = replace_in(
            root,
            NA_CANDIDATES,
            "residence: Số 8, đường Hạ Long, Phường Bãi Cháy, tỉnh Quảng Ninh",
            "residence: Số 8 đường Hạ Long, Bãi Cháy",
        );
    });
    let e = error_at(
        &report,
        NA_CANDIDATES,
        line,
        "the residence of Bùi Thị Ngọc Ánh would be published with a street address (`Số 8 đường Hạ Long`)",
    );
    assert_eq!(e.column, 16);
}

#[test]
fn hidden_residences_appear_nowhere_in_the_output() {
    let project = sample_copy();
    let root = project.path();
    replace_in(
        root,
        "content/quang-ninh/province.yaml",
        "residence: commune",
        "residence: hidden",
    );
    let built = build_into(root, false);
    let site = built.site("quang-ninh");
    for entry in walkdir::WalkDir::new(&site).into_iter().flatten() {
        if !entry.file_type().is_file() {
            continue;
        }
        let bytes = std::fs::read(entry.path()).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        for private in [
            "Số 12, phố Lê Thánh Tông",
            "Lê Thánh Tông",
            "Số 8, đường Hạ Long",
        ] {
            assert!(
                !text.contains(private),
                "{} reveals `{private}`",
                entry.path().display()
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Other YAML mistakes

#[test]
fn a_tab_used_for_indentation() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = 1 + replace_in(
            root,
            NA_UNITS,
            "  - number: 2\n    seats: 3",
            "  - number: 2\n\tseats: 3",
        );
    });
    let e = report
        .diagnostics
        .iter()
        .find(|d| d.file == Path::new(NA_UNITS))
        .unwrap_or_else(|| panic!("{}", listing(&report)));
    assert!(e.message.en.starts_with("the YAML cannot be read"), "{e}");
    assert!(e.message.vi.starts_with("Không đọc được YAML"), "{e}");
    assert!(e.line == line || e.line == line - 1, "{e} (line {line})");
}

#[test]
fn two_documents_in_one_file() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = replace_in(root, NA_UNITS, "  - number: 2\n", "---\n  - number: 2\n");
    });
    let e = error_at(
        &report,
        NA_UNITS,
        line,
        "the file holds more than one YAML document",
    );
    assert_eq!(e.column, 1);
}

#[test]
fn bad_arguments_exit_with_2() {
    let project = sample_copy();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_baucu"))
        .args(["check", "--lang", "fr", "--root"])
        .arg(project.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let output = run_baucu(&["check", "--province", "ha-noi"], project.path());
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no province named `ha-noi`"));
}

// ---------------------------------------------------------------------------
// Fuzzing: arbitrary and mutated bytes never make a parser panic

/// SplitMix64: a small, fast, deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// How many inputs the parser fuzz test tries (`BAUCU_FUZZ_ITERATIONS`, or
/// `default`); the project fuzz test checks a five-hundredth as many projects.
fn iterations(default: usize) -> usize {
    std::env::var("BAUCU_FUZZ_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn seed() -> u64 {
    std::env::var("BAUCU_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x00ba_0c00)
}

/// Pieces that YAML, Markdown and baucu give meaning to.
const TOKENS: &[&str] = &[
    "&a ",
    "*a",
    "[",
    "]",
    "{",
    "}",
    ": ",
    "- ",
    "\n---\n",
    "---\n",
    "\t",
    "\r\n",
    "\r",
    "\u{feff}",
    "'",
    "\"",
    "#",
    "|\n",
    ">-\n",
    "!!str ",
    "!!binary ",
    "? ",
    "<<: *a\n",
    "\n  ",
    "99999999999999999999",
    "18446744073709551615",
    "-1",
    "null",
    "~",
    "2026-02-31",
    "31/02/2026",
    "<script>",
    "</b>",
    "javascript:",
    "\\u0000",
    "\0",
    "é",
    "Ạ",
    "𝔸",
    "0912 345 678",
    "..",
    "../../",
    "%",
    "@",
    "`",
    "vi: ",
    "en: ",
    "id: ",
    "unit: ",
    "seats: ",
    "votes: ",
    "elected: [",
    "level: ",
    "commune: ",
    "title: ",
    "date: ",
    "photo: ",
    "file: ",
    "url: ",
    "[1, 2, 3]",
    "{vi: x}",
    "{1: 1}",
    "- id: x\n",
    "\n",
    " ",
    "0",
    "4294967296",
    "1e400",
    ".nan",
    "true",
    "yes",
    "![x](../../x.png)",
    "[x](/khong-co/)",
    "**",
    "<!-- ",
    "&#x3c;",
    "9223372036854775807",
    "-9223372036854775808",
    "4294967295",
    "offset_days: ",
    "min_extra_candidates: {1: 4294967295}",
    "max_seats_per_unit: 0",
    "min_candidate_age: ",
    "9999-12-31",
    "0000-01-01",
    "T23:59:59-23:59",
];

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut bytes = input.to_vec();
    for _ in 0..1 + rng.below(6) {
        let len = bytes.len();
        let at = rng.below(len + 1);
        match rng.below(11) {
            0 if len > 0 => {
                let i = rng.below(len);
                bytes[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                bytes[i] = rng.next() as u8;
            }
            2 => {
                let n = 1 + rng.below(8);
                let random: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
                bytes.splice(at..at, random);
            }
            3 if len > 0 => {
                let end = (at + 1 + rng.below(64)).min(len);
                bytes.drain(at.min(end)..end);
            }
            4 if len > 0 => {
                let start = rng.below(len);
                let end = (start + 1 + rng.below(256)).min(len);
                let copy = bytes[start..end].to_vec();
                bytes.splice(at..at, copy);
            }
            5 | 6 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes().to_vec();
                bytes.splice(at..at, token);
            }
            7 => {
                let depth = 1 + rng.below(200);
                let open = if rng.below(2) == 0 { b'[' } else { b'{' };
                bytes.splice(at..at, std::iter::repeat_n(open, depth));
            }
            8 => bytes.truncate(at),
            9 => {
                // Duplicate a line (a duplicate key, a repeated entry).
                let text = bytes.clone();
                let lines: Vec<&[u8]> = text.split_inclusive(|&b| b == b'\n').collect();
                if !lines.is_empty() {
                    let i = rng.below(lines.len());
                    let mut out = Vec::with_capacity(bytes.len() + lines[i].len());
                    for (j, line) in lines.iter().enumerate() {
                        out.extend_from_slice(line);
                        if j == i {
                            out.extend_from_slice(line);
                        }
                    }
                    bytes = out;
                }
            }
            _ => {
                // Swap two lines (indentation and order change).
                let text = bytes.clone();
                let mut lines: Vec<&[u8]> = text.split_inclusive(|&b| b == b'\n').collect();
                if lines.len() > 1 {
                    let (i, j) = (rng.below(lines.len()), rng.below(lines.len()));
                    lines.swap(i, j);
                    bytes = lines.concat();
                }
            }
        }
    }
    bytes
}

/// The YAML and Markdown files of the sample project, by path from the root.
fn sample_texts() -> Vec<(PathBuf, Vec<u8>)> {
    let root = repo_root();
    let mut files = vec![(
        PathBuf::from(CONFIG),
        std::fs::read(root.join(CONFIG)).unwrap(),
    )];
    for entry in walkdir::WalkDir::new(root.join("content"))
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        let path = entry.path();
        let is_text = path.extension().is_some_and(|e| e == "yaml" || e == "md");
        if entry.file_type().is_file() && is_text {
            let rel = path.strip_prefix(&root).unwrap().to_path_buf();
            files.push((rel, std::fs::read(path).unwrap()));
        }
    }
    files
}

/// Where a failing input is kept, to reproduce it.
fn keep_crash(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("fuzz-crashes");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name.replace('/', "__"));
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn parsers_never_panic_on_arbitrary_or_mutated_bytes() {
    let languages = vec!["vi".to_string(), "en".to_string()];
    let samples = sample_texts();
    // Every kind of file, once with random bytes and once as a mutated sample.
    let kinds: Vec<PathBuf> = [
        "baucu.yaml",
        "content/_shared/faq/x.yaml",
        "content/_shared/documents.yaml",
        "content/_shared/timeline.yaml",
        "content/p/province.yaml",
        "content/p/units/quoc-hoi.yaml",
        "content/p/units/hdnd-xa/6688.yaml",
        "content/p/candidates/quoc-hoi.yaml",
        "content/p/candidates/hdnd-xa/6688.yaml",
        "content/p/results/quoc-hoi.yaml",
        "content/p/faq/x.yaml",
        "content/p/timeline.yaml",
        "content/p/documents.yaml",
        "content/p/news/2026-01-08-x.md",
        "content/p/news/2026-01-08-x.en.md",
        "content/p/pages/x.md",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    let mut rng = Rng(seed());
    let n = iterations(5000);
    let started = Instant::now();
    for i in 0..n {
        let (path, bytes) = if i % 8 == 0 {
            let len = rng.below(512);
            let random: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
            (kinds[rng.below(kinds.len())].clone(), random)
        } else {
            let (path, original) = &samples[rng.below(samples.len())];
            // Parse as its own kind mostly, sometimes as another kind.
            let path = if rng.below(4) == 0 {
                kinds[rng.below(kinds.len())].clone()
            } else {
                path.clone()
            };
            (path, mutate(&mut rng, original))
        };
        let input = bytes.clone();
        let result =
            std::panic::catch_unwind(|| baucu::content::parse_in_memory(&path, input, &languages));
        match result {
            Ok(found) => {
                for d in found {
                    assert!(d.is_error() || !d.message.en.is_empty());
                    assert!(!d.message.vi.is_empty() && !d.message.en.is_empty());
                }
            }
            Err(_) => {
                let kept = keep_crash(&format!("{i}-{}", path.display()), &bytes);
                panic!(
                    "parsing {} panicked on input {i} (kept in {})",
                    path.display(),
                    kept.display()
                );
            }
        }
    }
    eprintln!(
        "fuzz: {n} inputs through the parsers in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

#[test]
fn check_never_panics_on_mutated_projects() {
    let project = sample_copy();
    let root = project.path();
    let samples = sample_texts();
    let mut rng = Rng(seed() ^ 0x5eed);
    let n = iterations(5000) / 500 + 2;
    let started = Instant::now();
    for i in 0..n {
        // One to three files mutated at once (a mistake in one shows up in others).
        let touched: Vec<usize> = (0..1 + rng.below(3))
            .map(|_| rng.below(samples.len()))
            .collect();
        let mut kept = Vec::new();
        for &t in &touched {
            let (path, original) = &samples[t];
            let mutated = mutate(&mut rng, original);
            std::fs::write(root.join(path), &mutated).unwrap();
            kept.push((path.clone(), mutated));
        }
        // Only the provinces touched (all of them for baucu.yaml and _shared/).
        let mut options = options_for(root);
        for (path, _) in &kept {
            let parts: Vec<String> = path
                .iter()
                .map(|p| p.to_string_lossy().into_owned())
                .collect();
            match parts.get(1).map(String::as_str) {
                Some("_shared") | None => options.provinces.clear(),
                Some(province) if parts.len() > 2 => options.provinces.push(province.to_string()),
                Some(_) => options.provinces.clear(),
            }
        }
        if kept
            .iter()
            .any(|(p, _)| p == Path::new(CONFIG) || p.starts_with("content/_shared"))
        {
            options.provinces.clear();
        }
        options.provinces.sort();
        options.provinces.dedup();
        let result = std::panic::catch_unwind(|| baucu::check_project(&options));
        if result.is_err() {
            let names: Vec<String> = kept
                .iter()
                .map(|(path, bytes)| {
                    keep_crash(&format!("project-{i}-{}", path.display()), bytes)
                        .display()
                        .to_string()
                })
                .collect();
            panic!(
                "check panicked on mutated project {i}: {}",
                names.join(", ")
            );
        }
        for &t in &touched {
            let (path, original) = &samples[t];
            std::fs::write(root.join(path), original).unwrap();
        }
    }
    eprintln!(
        "fuzz: {n} mutated projects checked in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

// ---------------------------------------------------------------------------
// Blank and empty values

#[test]
fn a_value_left_blank_is_refused_at_its_own_line() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = replace_in(root, NA_CANDIDATES, "birth_date: 1986-11-20", "birth_date:");
    });
    // libyaml marks a blank value where the next line starts: the error is placed
    // right after the key instead.
    let e = error_at(&report, NA_CANDIDATES, line, "found an empty value");
    assert_eq!(e.column, "    birth_date:".len() + 1);
}

#[test]
fn an_empty_name_or_title_is_refused() {
    let (mut name_line, mut title_line) = (0, 0);
    let (_project, report) = broken(|root| {
        name_line = replace_in(root, NA_CANDIDATES, "name: Bùi Thị Ngọc Ánh", "name: \"\"");
        title_line = replace_in(
            root,
            NEWS,
            "title: Tập huấn nghiệp vụ bầu cử cho 54 xã, phường, đặc khu",
            "title: \" \"",
        );
    });
    error_at(&report, NA_CANDIDATES, name_line, "this field is empty");
    let e = error_at(&report, NEWS, title_line, "this field is empty");
    assert_eq!(e.column, "title: ".len() + 1);
}

#[test]
fn an_empty_vietnamese_text_is_refused() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = replace_in(
            root,
            DOCUMENTS,
            "vi: \"Ủy ban nhân dân tỉnh Quảng Ninh\"",
            "vi: \"\"",
        );
    });
    error_at(
        &report,
        DOCUMENTS,
        line,
        "the text is empty: write the Vietnamese text",
    );
}

#[test]
fn an_optional_text_written_empty_is_absent() {
    let (_project, report) = broken(|root| {
        replace_in(
            root,
            NA_CANDIDATES,
            "academic_title: null",
            "academic_title: \"\"",
        );
        replace_in(
            root,
            NA_CANDIDATES,
            "academic_title: null",
            "academic_title:",
        );
    });
    assert_clean(&report);
}

#[test]
fn a_bad_news_date_is_shown_on_its_own_line() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = replace_in(
            root,
            NEWS,
            "date: 2026-01-08T17:00:00+07:00",
            "date: 2026-02-30",
        );
    });
    let e = error_at(&report, NEWS, line, "`2026-02-30` does not exist");
    assert_eq!((e.column, e.length), (7, 10));
}

#[test]
fn a_news_text_spelled_otherwise_or_in_a_subfolder_is_named_not_lost() {
    let upper = "content/quang-ninh/news/2026-02-01-tin-moi.MD";
    let long = "content/quang-ninh/news/2026-02-02-tin-khac.markdown";
    let nested = "content/quang-ninh/news/2026/2026-02-03-tin-thang-hai.md";
    let (_project, report) = broken(|root| {
        for file in [upper, long, nested] {
            write_file(root, file, "---\ntitle: Tin\n---\nNội dung.\n");
        }
    });
    for (file, hint) in [
        (upper, "rename the file `2026-02-01-tin-moi.md`"),
        (long, "rename the file `2026-02-02-tin-khac.md`"),
        (nested, "move the file directly into news/"),
    ] {
        let w = warning_at(&report, file, 0, "is not part of the content format");
        assert!(
            w.hint.as_ref().unwrap().en.starts_with(hint),
            "{file}: {w:?}"
        );
    }
}

#[test]
fn a_text_in_a_language_the_portal_does_not_publish() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        let text = std::fs::read_to_string(root.join(FAQ)).unwrap();
        let at = text.find("    en:").expect("an English text in the FAQ");
        line = text[..at].matches('\n').count() + 1;
        std::fs::write(
            root.join(FAQ),
            format!("{}    fr:{}", &text[..at], &text[at + 7..]),
        )
        .unwrap();
    });
    let e = error_at(
        &report,
        FAQ,
        line,
        "`fr` is not one of the portal's languages (vi, en)",
    );
    assert_eq!((e.column, e.length), (5, 2));
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
    let built = build_into(project.path(), false);
    let page = built.page("quang-ninh", "/ung-cu-vien/nguyen-thi-hong-hanh-1976/");
    let h1 = text_of(&select(&page, "main h1")[0]);
    assert_eq!(h1, "Nguyễn Thị Hồng Hạnh");
    assert!(h1.chars().eq("Nguyễn Thị Hồng Hạnh".nfc()));
}
