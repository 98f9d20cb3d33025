//! One diagnostic for people, drawn by annotate-snippets the way rustc draws its own:
//! the severity and message in the chosen language, `--> file:line:column`, the
//! source line with a marker under the span, then what was expected and a hint. The
//! crate lines the marker up under accented and wide characters and tabs; this module
//! reads the source lines as the loader read them and turns a diagnostic's column and
//! length (in characters) into the byte span the crate wants.

use crate::diagnostics::{Diagnostic, Lang, Severity};
use annotate_snippets::{normalize_untrusted_str, AnnotationKind, Group, Level};
use annotate_snippets::{Origin, Renderer, Snippet};
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// The lines of the files diagnostics point into, read once each, as the loader reads
/// them: a byte-order mark dropped, any line ending, composed to NFC (the columns
/// count the characters of that text), and bytes that are not UTF-8 shown as `�`.
pub struct Sources<'a> {
    root: &'a Path,
    files: HashMap<PathBuf, Option<Vec<String>>>,
}

impl<'a> Sources<'a> {
    pub fn new(root: &'a Path) -> Self {
        Sources {
            root,
            files: HashMap::new(),
        }
    }

    /// Line `line` (1-based) of `file` (relative to the root), when it can be read.
    pub fn line(&mut self, file: &Path, line: usize) -> Option<&str> {
        let root = self.root;
        let lines = self
            .files
            .entry(file.to_path_buf())
            .or_insert_with(|| read_lines(&root.join(file)));
        lines
            .as_ref()?
            .get(line.checked_sub(1)?)
            .map(String::as_str)
    }
}

fn read_lines(path: &Path) -> Option<Vec<String>> {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    let bytes = std::fs::read(path).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text = match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text,
        _ => text.nfc().collect(),
    };
    Some(text.split('\n').map(str::to_string).collect())
}

/// The diagnostic for people, without a trailing line break; `colour` for a terminal.
pub fn render(d: &Diagnostic, sources: &mut Sources, lang: Lang, colour: bool) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let (expected_label, hint_label) = match lang {
        Lang::Vi => ("yêu cầu", "gợi ý"),
        Lang::En => ("expected", "hint"),
    };
    let path = d.file.display().to_string();
    let title = level
        .with_name(d.severity.label(lang))
        .primary_title(d.message.get(lang));
    let mut group = Group::with_title(title);
    let source = match d.line {
        0 => None,
        line => sources
            .line(&d.file, line)
            .and_then(|text| Some((text, marked(text, d.column, d.length)?))),
    };
    group = match source {
        Some((text, span)) => group.element(
            Snippet::source(text)
                .line_start(d.line)
                .path(path)
                .annotation(AnnotationKind::Primary.span(span)),
        ),
        // The whole file, or a line that is no longer there: the place alone.
        None if d.line == 0 => group.element(Origin::path(path)),
        None if d.column == 0 => group.element(Origin::path(path).line(d.line)),
        None => group.element(Origin::path(path).line(d.line).char_column(d.column)),
    };
    // The crate shows messages as they are given (they may be styled): texts that
    // quote the content are made printable, as it does with titles and source lines.
    if let Some(expected) = &d.expected {
        let text = normalize_untrusted_str(expected.get(lang));
        group = group.element(Level::NOTE.with_name(expected_label).message(text));
    }
    if let Some(hint) = &d.hint {
        let text = normalize_untrusted_str(hint.get(lang));
        group = group.element(Level::HELP.with_name(hint_label).message(text));
    }
    let renderer = if colour {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    renderer.render(&[group])
}

/// The bytes of `line` to mark: `length` characters from the 1-based character
/// `column`, cut at the end of the line, and empty (a single caret) when the length is
/// 0 or the column is just past the end. An unknown column (0) marks the line's text.
/// None when the column lies beyond the line (the file changed since it was read).
fn marked(line: &str, column: usize, length: usize) -> Option<Range<usize>> {
    if column == 0 {
        let start = line.len() - line.trim_start().len();
        return Some(start..line.trim_end().len().max(start));
    }
    let byte = |chars: usize| {
        line.char_indices()
            .nth(chars)
            .map_or(line.len(), |(i, _)| i)
    };
    if column - 1 > line.chars().count() {
        return None;
    }
    Some(byte(column - 1)..byte(column - 1 + length))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Localized, Position};

    fn project(file: &str, text: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(file), text).unwrap();
        dir
    }

    fn shown(dir: &tempfile::TempDir, d: &Diagnostic, lang: Lang) -> String {
        render(d, &mut Sources::new(dir.path()), lang, false)
    }

    fn at(line: usize, column: usize, length: usize) -> Diagnostic {
        Diagnostic::error("a.yaml", Localized::new("sai", "wrong"))
            .at(Position { line, column })
            .span(length)
    }

    #[test]
    fn marks_the_span_under_its_characters_in_either_language() {
        let dir = project("a.yaml", "id: a\n    gender: femal\n");
        let d = at(2, 13, 5)
            .expected(Localized::new("một mã", "a code"))
            .hint(Localized::new(
                "có phải `female`?",
                "did you mean `female`?",
            ));
        assert_eq!(
            shown(&dir, &d, Lang::En),
            "error: wrong\n \
             --> a.yaml:2:13\n  \
             |\n\
             2 |     gender: femal\n  \
             |             ^^^^^\n  \
             |\n  \
             = expected: a code\n  \
             = hint: did you mean `female`?"
        );
        let vi = shown(&dir, &d, Lang::Vi);
        assert!(vi.starts_with("lỗi: sai\n --> a.yaml:2:13\n"), "{vi}");
        assert!(vi.ends_with("= yêu cầu: một mã\n  = gợi ý: có phải `female`?"));
    }

    #[test]
    fn lines_up_under_accents_wide_characters_and_decomposed_text() {
        // Written decomposed (NFD): the loader composes it, and so do the columns.
        let dir = project("a.yaml", "name: Nguye\u{302}\u{303}n 漢字 Hạnh\n");
        let d = at(1, 17, 4);
        let out = shown(&dir, &d, Lang::En);
        assert!(out.contains("--> a.yaml:1:17\n"), "{out}");
        let lines: Vec<&str> = out.lines().collect();
        // "Hạnh" is the 17th character, and 19 columns in: "漢" and "字" are two wide.
        assert_eq!(lines[3], "1 | name: Nguyễn 漢字 Hạnh");
        assert_eq!(lines[4], "  |                   ^^^^");
    }

    #[test]
    fn a_single_caret_for_no_length_and_past_the_end() {
        let dir = project("a.yaml", "a: b\n");
        let out = shown(&dir, &at(1, 4, 0), Lang::En);
        assert!(out.ends_with("1 | a: b\n  |    ^"), "{out}");
        let out = shown(&dir, &at(1, 5, 3), Lang::En);
        assert!(out.contains("--> a.yaml:1:5\n"), "{out}");
        assert!(out.contains("1 | a: b\n  |     ^"), "{out}");
    }

    #[test]
    fn the_place_alone_when_there_is_no_line_to_show() {
        let dir = project("a.yaml", "a: b\n");
        let out = shown(&dir, &at(0, 0, 0), Lang::En);
        assert_eq!(out, "error: wrong\n--> a.yaml");
        let out = shown(&dir, &at(1, 9, 1), Lang::En);
        assert!(out.contains("--> a.yaml:1:9"), "{out}");
        assert!(!out.contains("a: b"), "{out}");
        let out = shown(&dir, &at(7, 2, 1), Lang::En);
        assert!(out.contains("--> a.yaml:7:2"), "{out}");
    }

    #[test]
    fn control_characters_in_the_texts_are_made_visible() {
        let dir = project("a.yaml", "a: b\n");
        let d = Diagnostic::warning("a.yaml", Localized::from("bell \u{7}"))
            .hint(Localized::from("escape \u{1b}[31m"));
        let out = shown(&dir, &d, Lang::En);
        assert!(!out.contains(['\u{7}', '\u{1b}']), "{out:?}");
        assert!(out.starts_with("warning: bell "), "{out}");
    }
}
