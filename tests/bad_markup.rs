//! HTML and scripts in content: markup in a text field, and a script anywhere, is an
//! error (and `baucu build` then publishes nothing); raw HTML in a Markdown body is a
//! warning (it shows as its letters) unless the province allows it; text that only
//! looks like markup is published escaped.

mod common;

use common::table::*;
use common::*;

#[test]
#[rustfmt::skip]
fn markup_in_text_fields() {
    run(vec![
        error(NA_CANDIDATES, sub("name: Bùi Thị Ngọc Ánh", "name: Bùi Thị Ngọc Ánh<script>alert(1)</script>"), here(0), 27,
            "script `<script>` is not allowed in a text field").length(8)
            .vi("Không được có mã script `<script>` trong nội dung chữ")
            .refuses_build(),
        error(NEWS, sub("title: Tập huấn", "title: <b>Tập huấn</b>"), line(2), 8,
            "HTML `<b>` is not allowed in a text field: the page would show it as written"),
        // In a biography written as a block.
        error(COUNCIL_CANDIDATES, sub("        **Quá trình công tác**", "        <img src=x onerror=alert(1)> **Quá trình công tác**"),
            here(0), 9, "script `<img src=x onerror=alert(1)>` is not allowed in a text field"),
        error(COUNCIL_CANDIDATES, sub("        **Quá trình công tác**", "        **Quá trình công tác** [xem](javascript:alert(1))"),
            here(0), 38, "the script address `javascript:` in a text field would run code").length(11)
            .refuses_build(),
    ]);
}

#[test]
#[rustfmt::skip]
fn markup_in_bodies() {
    run(vec![
        error(NEWS, append("\n<script>alert(1)</script>\n"), of("<script>"), 1,
            "script `<script>` in the text: the portal runs no scripts from content")
            .refuses_build(),
        warning(NEWS, append("\nCử tri <b>lưu ý</b> mang căn cước.\n"), of("<b>"), 8,
            "HTML `<b>` in the text is shown as written, not as formatting")
            .hint_has("raw_html")
            .no_errors(),
        // Where raw HTML is allowed, the <div> is, and the script is not.
        error(NEWS, with(|root| {
            replace_in(root, PROVINCE, "links:\n", "markdown: {raw_html: true}\nlinks:\n");
            let body = "\n<div class=\"ghi-chu\">Được phép.</div>\n\n<script>document.location='https://x'</script>\n";
            let text = std::fs::read_to_string(root.join(NEWS)).unwrap();
            std::fs::write(root.join(NEWS), text + body).unwrap();
        }), of("<script>"), 1, "script `<script>` in the text: the portal runs no scripts from content")
            .only_error(),
        error(PAGE, append("\n[Tra cứu](javascript:alert(1))\n"), of("javascript:"), 11, "the link `javascript:alert(1)` runs a script")
            .vi("Liên kết `javascript:alert(1)` chạy mã script: cổng thông tin không cho phép"),
    ]);
}

#[test]
fn text_that_only_looks_like_markup_is_published_escaped() {
    let project = sample_copy();
    let root = project.path();
    let occupation = "occupation: Phó Giám đốc Bệnh viện Bãi Cháy";
    let written = format!("{occupation} (tuổi <40 & \"trẻ\")");
    replace_in(root, NA_CANDIDATES, occupation, &written);
    let built = build_province(root, "quang-ninh");
    let html = built.text("quang-ninh", "/ung-cu-vien/bui-thi-ngoc-anh-1986/");
    // `<` is escaped; the minifier may leave a lone `&` as it is (valid HTML).
    assert!(html.contains("(tuổi &lt;40 &"), "the text is escaped");
    assert!(!html.contains("<40"), "and never raw");
}
