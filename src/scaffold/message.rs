//! What `baucu new` tells its user when it is done: each file written, what it holds,
//! and what to do next.

use super::Created;
use crate::diagnostics::{tr, Localized};
use std::path::Path;

impl Created {
    /// The files written, one line each (the shared ones as their folder), then the
    /// next steps, in both languages.
    pub fn message(&self) -> Localized {
        let (id, name, name_en) = (&self.province, &self.name, &self.name_en);
        let shown = self.dir.display();
        let heading = if self.new_project {
            tr!(
                "Đã tạo dự án cổng thông tin bầu cử {name} trong {shown}:",
                "Made the election portal project of {name_en} in {shown}:"
            )
        } else {
            tr!(
                "Đã thêm {name} vào dự án {shown} (baucu.yaml, content/_shared/ và các tỉnh khác giữ nguyên):",
                "Added {name_en} to the project in {shown} (baucu.yaml, content/_shared/ and the other provinces are unchanged):"
            )
        };
        let rows = self.rows();
        let width = rows
            .iter()
            .map(|(p, _)| p.chars().count())
            .max()
            .unwrap_or(0);
        let mut lines = vec![heading];
        for (path, what) in rows {
            let (vi, en) = (&what.vi, &what.en);
            lines.push(tr!("  {path:<width$}  {vi}", "  {path:<width$}  {en}"));
        }
        let root = if self.dir == Path::new(".") {
            String::new()
        } else {
            format!(" --root {}", shell_word(&self.dir.to_string_lossy()))
        };
        let only = if self.new_project {
            String::new()
        } else {
            format!(" --province {id}")
        };
        let check = format!("baucu check{root}{only}");
        let serve = format!("baucu serve{root}{only}");
        let width = serve.chars().count().max(check.chars().count());
        lines.push(tr!("Việc tiếp theo:", "Next:"));
        lines.push(tr!(
            "  1. sửa base_url và điền contact (liên hệ) trong content/{id}/province.yaml",
            "  1. set base_url and fill in contact in content/{id}/province.yaml"
        ));
        lines.push(tr!(
            "  2. {check:<width$}  kiểm tra nội dung (chưa có đơn vị bầu cử và người ứng cử: không phải lỗi)",
            "  2. {check:<width$}  check the content (no units or candidates yet: not an error)"
        ));
        lines.push(tr!(
            "  3. {serve:<width$}  xem trước cổng thông tin trong trình duyệt khi sửa",
            "  3. {serve:<width$}  preview the portal in a browser while editing"
        ));
        lines
            .iter()
            .skip(1)
            .fold(lines[0].clone(), |text, line| text.join("\n", line))
    }

    /// Each file written and what it holds; `content/_shared/` as one row.
    fn rows(&self) -> Vec<(String, Localized)> {
        let mut rows: Vec<(String, Localized)> = Vec::new();
        for file in &self.files {
            let path = file.to_string_lossy().replace('\\', "/");
            let what = if path == "baucu.yaml" {
                tr!(
                    "cuộc bầu cử, các cấp bầu cử và các con số của luật",
                    "the election, its levels and the law's numbers"
                )
            } else if path.starts_with("content/_shared/") {
                if rows.iter().any(|(p, _)| p == "content/_shared/") {
                    continue;
                }
                rows.push((
                    "content/_shared/".into(),
                    tr!(
                        "hỏi đáp, lịch trình và văn bản chung của cả nước",
                        "the national FAQ, timeline and documents"
                    ),
                ));
                continue;
            } else if path.ends_with("/province.yaml") {
                let n = self.communes;
                tr!(
                    "tên, cơ quan, địa chỉ trang và {n} xã, phường, đặc khu",
                    "names, agency, address and the {n} communes and wards"
                )
            } else if path.ends_with(".en.md") {
                tr!("bản tiếng Anh của tin đó", "its English version")
            } else {
                tr!(
                    "tin đầu tiên, báo cổng thông tin đã mở: để sửa lại",
                    "a first news item, saying the portal is open: to edit"
                )
            };
            rows.push((path, what));
        }
        rows
    }
}

/// A path as a shell reads it back: quoted when it holds anything but plain characters.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || "/._-+,:@%".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn created(new_project: bool, dir: &str) -> Created {
        let mut files: Vec<PathBuf> = Vec::new();
        if new_project {
            files.push("baucu.yaml".into());
            files.push("content/_shared/timeline.yaml".into());
            files.push("content/_shared/faq/cu-tri.yaml".into());
        }
        files.push("content/hue/province.yaml".into());
        files.push("content/hue/news/2025-12-07-mo-cong-thong-tin-bau-cu.md".into());
        Created {
            dir: dir.into(),
            province: "hue".into(),
            name: "thành phố Huế".into(),
            name_en: "Hue City".into(),
            communes: 40,
            new_project,
            news: files.last().unwrap().clone(),
            files,
        }
    }

    #[test]
    fn the_message_lists_what_was_written_and_what_to_do_next() {
        let made = created(true, "my portal").message();
        assert!(made
            .en
            .starts_with("Made the election portal project of Hue City in my portal:"));
        assert_eq!(made.en.matches("content/_shared/").count(), 1);
        assert!(made.en.contains("the 40 communes and wards"));
        assert!(made.en.contains("baucu check --root 'my portal'  "));
        assert!(made.vi.contains("Việc tiếp theo:"));
        let added = created(false, ".").message();
        assert!(added.vi.starts_with("Đã thêm thành phố Huế vào dự án ."));
        assert!(added.en.contains("baucu serve --province hue"));
        assert!(!added.en.contains("--root"));
    }
}
