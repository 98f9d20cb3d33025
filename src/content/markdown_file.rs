//! A Markdown file of news or pages: its name (date prefix, slug, language) and its
//! front matter, split from the body.

use super::records::*;
use super::source::SourceFile;
use super::{yaml, MarkdownSource};
use crate::diagnostics::{tr, Diagnostic, Position};
use std::sync::Arc;

/// Splits a Markdown file into front matter and body, and its name into date
/// prefix, slug and language.
pub(super) fn parse_markdown<F: FrontMatter>(
    file: SourceFile,
    languages: &[String],
) -> Result<MarkdownSource<F>, Diagnostic> {
    let name = file
        .path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_string();
    let default_languages = ["vi".to_string(), "en".to_string()];
    let languages = if languages.is_empty() {
        &default_languages[..]
    } else {
        languages
    };
    let (date_prefix, slug, lang) = split_markdown_name(&name, languages).map_err(|message| {
        Diagnostic::error(file.path.clone(), message).hint(tr!(
            "đặt tên tệp như 2026-01-14-hoi-nghi-ban-bau-cu.md (chữ thường không dấu, chữ số và dấu gạch ngang), bản tiếng Anh là 2026-01-14-hoi-nghi-ban-bau-cu.en.md",
            "name files like 2026-01-14-hoi-nghi-ban-bau-cu.md (lowercase ASCII letters, digits and dashes), and the English translation 2026-01-14-hoi-nghi-ban-bau-cu.en.md"
        ))
    })?;
    if let Some((front, body)) = without_front_matter::<F>(&file.text) {
        return Ok(MarkdownSource {
            file: Arc::new(file),
            slug,
            lang,
            date_prefix,
            front,
            body,
        });
    }
    let (yaml_range, body_start) = front_matter_range(&file.text).ok_or_else(|| {
        let closing = file.text.starts_with("---\n");
        let (message, hint) = if closing {
            (
                tr!(
                    "Phần đầu tệp (front matter) không có dòng `---` đóng lại",
                    "the front matter has no closing `---` line"
                ),
                tr!(
                    "thêm một dòng `---` sau trường cuối cùng của phần đầu tệp, trước phần nội dung",
                    "add a line `---` after the last field of the front matter, before the text"
                ),
            )
        } else {
            (
                tr!(
                    "Tệp không có phần đầu (front matter)",
                    "the file has no front matter"
                ),
                tr!(
                    "bắt đầu tệp bằng một dòng `---`, tiếp theo là `title: …` và các trường khác, rồi một dòng `---`, sau đó là nội dung",
                    "start the file with a line `---`, then `title: …` and the other fields, then a line `---`, then the text"
                ),
            )
        };
        Diagnostic::error(file.path.clone(), message)
            .at(Position { line: 1, column: 1 })
            .expected(tr!(
                "`---`, các trường, `---`, rồi nội dung",
                "`---`, the fields, `---`, then the text"
            ))
            .hint(hint)
    })?;
    let body = file.text[body_start..].to_string();
    let file = Arc::new(file.with_yaml_part(yaml_range, 1));
    let front = yaml::parse::<F>(&file)?;
    if body.trim().is_empty() {
        // At the closing `---`: the text belongs after it.
        let line = file.text[..body_start].matches('\n').count().max(1);
        return Err(Diagnostic::error(
            file.path.clone(),
            tr!(
                "Tệp chỉ có phần đầu (front matter), chưa có nội dung",
                "the file has only front matter and no text"
            ),
        )
        .at(Position { line, column: 1 })
        .span(3)
        .expected(tr!(
            "nội dung bài viết sau dòng `---` thứ hai",
            "the text of the item after the second `---` line"
        ))
        .hint(tr!(
            "viết nội dung sau dòng `---` thứ hai, hoặc xóa tệp nếu chưa dùng đến",
            "write the text after the second `---` line, or delete the file until it is ready"
        )));
    }
    Ok(MarkdownSource {
        file,
        slug,
        lang,
        date_prefix,
        front,
        body,
    })
}

/// `2026-01-14-hoi-nghi.en.md` → (2026-01-14, `hoi-nghi`, `en`).
fn split_markdown_name(
    name: &str,
    languages: &[String],
) -> Result<(Option<Date>, String, String), crate::diagnostics::Localized> {
    let stem = name.strip_suffix(".md").unwrap_or(name);
    let (stem, lang) = match stem.rsplit_once('.') {
        Some((rest, lang)) if languages.iter().any(|l| l == lang) => (rest, lang.to_string()),
        Some((_, other)) => {
            let list = languages.join(", ");
            return Err(tr!(
                "`.{other}` trong tên tệp không phải là ngôn ngữ của dự án ({list})",
                "`.{other}` in the file name is not one of the project's languages ({list})"
            ));
        }
        None => (
            stem,
            languages.first().cloned().unwrap_or_else(|| "vi".into()),
        ),
    };
    let (date, slug) = match stem.get(..11) {
        Some(prefix) if prefix.ends_with('-') && prefix.as_bytes()[4] == b'-' => {
            let date = Date::parse(&prefix[..10]).map_err(|e| {
                tr!("Ngày trong tên tệp: ", "the date in the file name: ").join("", &e)
            })?;
            (Some(date), &stem[11..])
        }
        _ => (None, stem),
    };
    if !crate::text::is_slug(slug) {
        let suggested = crate::text::slugify(slug);
        return Err(tr!(
            "`{slug}` không dùng được trong địa chỉ trang web: chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang đơn (gợi ý: `{suggested}`)",
            "`{slug}` cannot be used in a web address: use lowercase ASCII letters, digits and single dashes (suggested: `{suggested}`)"
        ));
    }
    Ok((date, slug.to_string(), lang))
}

/// A file with no front matter that starts with a `# Title` line, where its kind
/// allows that: the front matter, and the text after the title.
fn without_front_matter<F: FrontMatter>(text: &str) -> Option<(F, String)> {
    if text.starts_with("---") {
        return None;
    }
    let start = text.len() - text.trim_start().len();
    let rest = &text[start..];
    let (line, body) = rest.split_once('\n').unwrap_or((rest, ""));
    let title = line
        .trim_end()
        .strip_prefix("# ")?
        .trim()
        .trim_end_matches('#')
        .trim();
    if title.is_empty() || body.trim().is_empty() {
        return None;
    }
    Some((F::from_heading(title)?, body.to_string()))
}

/// The byte range of the YAML between the `---` lines, and where the body starts.
fn front_matter_range(text: &str) -> Option<(std::ops::Range<usize>, usize)> {
    let rest = text.strip_prefix("---\n")?;
    let start = 4;
    let mut offset = start;
    for line in rest.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Some((start..offset, offset + line.len()));
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs() -> Vec<String> {
        vec!["vi".into(), "en".into()]
    }

    #[test]
    fn markdown_names() {
        let (date, slug, lang) =
            split_markdown_name("2021-01-14-hoi-nghi.en.md", &langs()).unwrap();
        assert_eq!(date.unwrap().0.to_string(), "2021-01-14");
        assert_eq!(slug, "hoi-nghi");
        assert_eq!(lang, "en");
        let (date, slug, lang) = split_markdown_name("gioi-thieu.md", &langs()).unwrap();
        assert!(date.is_none());
        assert_eq!((slug.as_str(), lang.as_str()), ("gioi-thieu", "vi"));
        assert!(split_markdown_name("Hội nghị.md", &langs())
            .unwrap_err()
            .en
            .contains("web address"));
        assert!(split_markdown_name("a.fr.md", &langs()).is_err());
    }

    #[test]
    fn front_matter_is_found() {
        let text = "---\ntitle: A\n---\nBody\n";
        let (range, body) = front_matter_range(text).unwrap();
        assert_eq!(&text[range], "title: A\n");
        assert_eq!(&text[body..], "Body\n");
        assert!(front_matter_range("no front matter").is_none());
        assert!(front_matter_range("---\ntitle: A\n").is_none());
    }
}
