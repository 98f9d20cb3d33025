//! Texts of a YAML file that parsed but would not show as written: HTML tags and
//! scripts (shown as letters, never run), and texts in a language the project does
//! not publish.

use super::structure::{node_done, ScanFrame};
use crate::content::markup::find_tag;
use crate::content::positions::to_position;
use crate::content::source::SourceFile;
use crate::diagnostics::{tr, Diagnostic, Position};
use std::collections::HashMap;
use yaml_rust2::parser::{Event, Parser};

/// HTML tags and scripts in the text values of a YAML text that parsed: errors (the
/// portal would show them escaped, as their letters; they are never markup and never
/// run). At most 20 per file.
pub fn markup_warnings(file: &SourceFile) -> Vec<Diagnostic> {
    let text = file.yaml_text();
    if !text.contains('<') {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<ScanFrame> = Vec::new();
    while let Ok((event, mark)) = parser.next_token() {
        match event {
            Event::StreamEnd => break,
            Event::Scalar(value, ..) => {
                let is_key = matches!(stack.last(), Some(ScanFrame::Mapping { at_key: true, .. }));
                if !is_key {
                    if let Some(tag) = find_tag(&value) {
                        found.push(markup_warning(file, file.shift(to_position(mark)), tag));
                        if found.len() == 20 {
                            break;
                        }
                    }
                }
                node_done(&mut stack);
            }
            Event::Alias(_) => node_done(&mut stack),
            Event::SequenceStart(..) => stack.push(ScanFrame::Sequence),
            Event::MappingStart(..) => stack.push(ScanFrame::Mapping {
                keys: HashMap::new(),
                at_key: true,
            }),
            Event::SequenceEnd | Event::MappingEnd => {
                stack.pop();
                node_done(&mut stack);
            }
            _ => {}
        }
    }
    found
}

/// Texts by language (`{vi: …, fr: …}`) naming a language the project does not
/// publish: that text would silently never be shown. Errors, at the language key.
pub fn unknown_languages(file: &SourceFile, languages: &[String]) -> Vec<Diagnostic> {
    let text = file.yaml_text();
    if languages.is_empty() || !has_other_short_key(text, languages) {
        return Vec::new();
    }
    // The file's own index: an error elsewhere in it reuses it.
    let index = file.index();
    let mut found: Vec<(Position, String)> = index
        .iter()
        .filter_map(|(key, span)| {
            let path = key.strip_suffix('@')?;
            let (parent, name) = path.rsplit_once('.').unwrap_or(("", path));
            let sibling = if parent.is_empty() {
                "vi@".to_string()
            } else {
                format!("{parent}.vi@")
            };
            let foreign = crate::content::records::is_language_code(name)
                && !languages.iter().any(|l| l == name)
                && index.contains_key(&sibling);
            foreign.then(|| (file.shift(span.position), name.to_string()))
        })
        .collect();
    found.sort_by_key(|(p, lang)| (p.line, p.column, lang.clone()));
    let list = languages.join(", ");
    found
        .into_iter()
        .map(|(position, lang)| {
            Diagnostic::error(
                file.path.clone(),
                tr!(
                    "`{lang}` không phải là ngôn ngữ của cổng ({list}): đoạn chữ này sẽ không được hiển thị",
                    "`{lang}` is not one of the portal's languages ({list}): this text would never be shown"
                ),
            )
            .at(position)
            .span(lang.len())
            .expected(tr!("một trong: {list}", "one of: {list}"))
            .hint(tr!(
                "sửa mã ngôn ngữ (ví dụ `en`), hoặc thêm `{lang}` vào `languages:` trong baucu.yaml",
                "correct the language code (e.g. `en`), or add `{lang}` to `languages:` in baucu.yaml"
            ))
        })
        .collect()
}

/// A key of two or three lowercase letters other than a project language and the
/// format's own short field names (`id`, `url`, `bio`): only then can a text name a
/// language the project lacks.
fn has_other_short_key(text: &str, languages: &[String]) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(colon, &b)| {
        if b != b':' {
            return false;
        }
        let start = bytes[..colon]
            .iter()
            .rposition(|c| !c.is_ascii_lowercase())
            .map_or(0, |i| i + 1);
        let word = &text[start..colon];
        let before = bytes[..start].last().copied();
        (2..=3).contains(&word.len())
            && matches!(before, None | Some(b' ' | b'{' | b',' | b'\n' | b'\t'))
            && !matches!(word, "id" | "url" | "bio")
            && !languages.iter().any(|l| l == word)
    })
}

fn markup_warning(
    file: &SourceFile,
    value_at: Position,
    tag: crate::content::markup::Markup,
) -> Diagnostic {
    let found = &tag.found;
    let position = file.find_after(value_at, found, 400).unwrap_or(value_at);
    // A portal never shows a script or markup typed into a name or a title: the page
    // would only show its letters, so it is refused before it is published.
    let message = if tag.script {
        tr!(
            "Không được có mã script `{found}` trong nội dung chữ",
            "script `{found}` is not allowed in a text field"
        )
    } else {
        tr!(
            "Không được dùng thẻ HTML `{found}` trong nội dung chữ: trang sẽ hiện nguyên văn các ký tự này",
            "HTML `{found}` is not allowed in a text field: the page would show it as written"
        )
    };
    Diagnostic::error(file.path.clone(), message)
        .at(position)
        .span(found.chars().count())
        .expected(tr!(
            "chữ thuần, hoặc Markdown ở các trường cho phép định dạng",
            "plain text, or Markdown in the fields that allow formatting"
        ))
        .hint(tr!(
            "xóa thẻ này; định dạng bằng Markdown (`**đậm**`, `[liên kết](https://…)`)",
            "remove the tag; format with Markdown (`**bold**`, `[link](https://…)`)"
        ))
}
