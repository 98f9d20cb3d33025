//! Values that must not reach a portal as written: impossible dates, names a web
//! address cannot hold, paths leading outside the content (`..`, absolute paths,
//! symbolic links), news files named otherwise, and private data (identity numbers,
//! phones, street addresses). Each is refused, or warned about, at its file, line
//! and column with a message that names the problem.

mod common;

use common::table::*;
use common::*;

#[test]
#[rustfmt::skip]
fn dates() {
    run(vec![
        error(NA_CANDIDATES, sub("birth_date: 1986-11-20", "birth_date: 31/02/1986"), here(0), 17,
            "`31/02/1986` is not a date; write dates as YYYY-MM-DD, for example 2026-03-15").length(10),
        error(NA_CANDIDATES, sub("birth_date: 1986-11-20", "birth_date: 1986-02-31"), here(0), 17,
            "`1986-02-31` does not exist: February 1986 has 28 days")
            .vi_starts("Ngày `1986-02-31` không có thật: tháng 2/1986 có 28 ngày"),
        error(NEWS, sub("date: 2026-01-08T17:00:00+07:00", "date: 2026-02-30"), here(0), 7, "`2026-02-30` does not exist").length(10),
        // A milestone offset beyond any calendar.
        error(TIMELINE, append("\n- offset_days: 9223372036854775807\n  title: Mốc không có thật\n"),
            of("offset_days: 9223372036854775807"), 16, "this offset leads to no real date"),
    ]);
}

// ---------------------------------------------------------------------------
// Names a web address cannot hold

#[test]
#[rustfmt::skip]
fn names_a_web_address_cannot_hold() {
    run(vec![
        error(NA_CANDIDATES, sub("- id: bui-thi-ngoc-anh-1986", "- id: Bùi Thị Ngọc Ánh"), here(0), 9,
            "the id `Bùi Thị Ngọc Ánh` cannot be used in a web address")
            .hint_has("bui-thi-ngoc-anh")
            .vi("Mã `Bùi Thị Ngọc Ánh` không dùng được trong địa chỉ trang web"),
        error(FAQ, sub("- id: quang-ninh-so-don-vi-bau-cu", "- id: so don vi/bau cu"), here(0), 7,
            "the id `so don vi/bau cu` cannot be used in a web address"),
        error("content/quang-ninh/news/2026-01-09-Tập huấn.md", with(|root| {
            std::fs::rename(root.join(NEWS), root.join("content/quang-ninh/news/2026-01-09-Tập huấn.md")).unwrap();
        }), line(0), 0, "`Tập huấn` cannot be used in a web address"),
        error("content/Đà Nẵng/province.yaml", with(|root| {
            std::fs::rename(root.join("content/da-nang"), root.join("content/Đà Nẵng")).unwrap();
        }), of("id: da-nang"), 5, "the province folder name `Đà Nẵng` cannot be used in a web address")
            .hint("rename the folder to `da-nang` and write `id: da-nang`"),
        error(CONFIG, sub("id: hdnd-xa", "id: HDND_xa"), here(0), 11, "level id `HDND_xa` cannot be used in a web address"),
        error(CONFIG, sub("bau-cu-bo-sung:", "bầu cử bổ sung:"), here(0), 5,
            "the code `bầu cử bổ sung` cannot be used in a web address").hint_has("bau-cu-bo-sung"),
        error(CONFIG, sub("  news_category:", "  news_categroy:"), here(0), 3, "`news_categroy` is not a field that takes codes")
            .hint("did you mean `news_category`?"),
        error(CONFIG, sub("theme: default", "theme: ../../etc"), here(0), 8, "the theme name `../../etc` is not valid"),
        error(CONFIG, sub("languages: [vi, en]", "languages: [vi, en/../x]"), here(0), 17, "`en/../x` is not a language code"),
        error(DOCUMENTS, with(|root| {
            let folder = root.join("content/quang-ninh/documents");
            std::fs::copy(folder.join("ke-hoach-168-kh-ubnd.pdf"), folder.join("Kế hoạch 168.pdf")).unwrap();
            replace_in(root, DOCUMENTS, "file: documents/ke-hoach-168-kh-ubnd.pdf", "file: documents/Kế hoạch 168.pdf");
        }), of("file: documents/Kế hoạch 168.pdf"), 9, "the file name `Kế hoạch 168.pdf` cannot be used in a web address")
            .has("ke-hoach-168.pdf"),
    ]);
}

/// A news text spelled otherwise or in a subfolder is named, not lost.
#[test]
#[rustfmt::skip]
fn news_files_named_otherwise() {
    const TEXT: &str = "---\ntitle: Tin\n---\nNội dung.\n";
    const NOT_CONTENT: &str = "is not part of the content format";
    run(vec![
        warning("content/quang-ninh/news/2026-02-01-tin-moi.MD", write(TEXT), line(0), 0, NOT_CONTENT)
            .hint_starts("rename the file `2026-02-01-tin-moi.md`"),
        warning("content/quang-ninh/news/2026-02-02-tin-khac.markdown", write(TEXT), line(0), 0, NOT_CONTENT)
            .hint_starts("rename the file `2026-02-02-tin-khac.md`"),
        warning("content/quang-ninh/news/2026/2026-02-03-tin-thang-hai.md", write(TEXT), line(0), 0, NOT_CONTENT)
            .hint_starts("move the file directly into news/"),
    ]);
}

// ---------------------------------------------------------------------------
// Paths leading outside the content

#[test]
#[rustfmt::skip]
fn paths_leading_outside_the_content() {
    run(vec![
        error(NA_CANDIDATES, with(|root| {
            write_file(root, "secret.jpg", "not for publishing");
            replace_in(root, NA_CANDIDATES, "photo: photos/nguyen-thi-hong-hanh-1976.jpg", "photo: ../../../secret.jpg");
        }), of("photo: ../../../secret.jpg"), 12, "`../../../secret.jpg` leads outside the content folder").refuses_build(),
        error(NEWS, sub("image: images/tap-huan.jpg", "image: /etc/passwd"), here(0), 8, "`/etc/passwd` must be a path relative to this file"),
        error(DOCUMENTS, sub("file: documents/ke-hoach-168-kh-ubnd.pdf", "file: ../../baucu.yaml"), here(0), 9,
            "`../../baucu.yaml` leads outside the content folder"),
    ]);
}

#[cfg(unix)]
#[test]
fn an_image_that_is_a_symbolic_link_outside_the_project() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("private.jpg"), "private").unwrap();
    let project = sample_copy();
    let link = "content/quang-ninh/news/images/link.jpg";
    std::os::unix::fs::symlink(
        outside.path().join("private.jpg"),
        project.path().join(link),
    )
    .unwrap();
    let line = replace_in(
        project.path(),
        NEWS,
        "image: images/tap-huan.jpg",
        "image: images/link.jpg",
    );
    let report = check(project.path());
    error_at(
        &report,
        link,
        0,
        "this symbolic link leads outside the content folder and is not read",
    );
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
    let project = sample_copy();
    let root = project.path();
    write_file(root, "notes/private.pdf", "private");
    let link = root.join("content/quang-ninh/documents/private.pdf");
    std::os::unix::fs::symlink(root.join("notes/private.pdf"), link).unwrap();
    let from = "file: documents/ke-hoach-168-kh-ubnd.pdf";
    let line = replace_in(root, DOCUMENTS, from, "file: documents/private.pdf");
    let report = check(root);
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
    let message = "this symbolic link leads outside the content folder and is not read";
    error_at(&report, NA_CANDIDATES, 0, message);
    // What refers into the refused file (the results) is not reported again.
    let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
    assert_eq!(errors, 1, "{}", listing(&report));
}

// ---------------------------------------------------------------------------
// Private data

#[test]
#[rustfmt::skip]
fn private_data() {
    run(vec![
        error(NA_CANDIDATES, sub("    gender: female\n", "    gender: female\n    national_id: \"022186001234\"\n"), here(1), 5,
            "`national_id` is private personal data and must not be published").length(11)
            .vi_has("thông tin cá nhân riêng tư"),
        error(NA_CANDIDATES, sub("    gender: female\n", "    gender: female\n    phone: 0912 345 678\n"), here(1), 5,
            "`phone` is private personal data"),
        // A phone number written into a biography.
        error(COUNCIL_CANDIDATES, sub("        **Quá trình công tác**", "        **Quá trình công tác** (liên hệ: 0912.345.678)"), here(0), 42,
            "`bio` of Đặng Quang Huy seems to hold a phone number (`0912.345.678`)").length(12),
        error(NA_CANDIDATES, sub("residence: Số 8, đường Hạ Long, Phường Bãi Cháy, tỉnh Quảng Ninh", "residence: Số 8 đường Hạ Long, Bãi Cháy"),
            here(0), 16, "the residence of Bùi Thị Ngọc Ánh would be published with a street address (`Số 8 đường Hạ Long`)"),
    ]);
}

#[test]
fn hidden_residences_appear_nowhere_in_the_output() {
    let project = sample_copy();
    let root = project.path();
    replace_in(root, PROVINCE, "residence: commune", "residence: hidden");
    let built = build_province(root, "quang-ninh");
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
            let file = entry.path().display();
            assert!(!text.contains(private), "{file} reveals `{private}`");
        }
    }
}
