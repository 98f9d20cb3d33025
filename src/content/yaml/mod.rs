//! With [`super::positions`], the only module that touches the YAML crates. serde_yaml deserialises typed
//! records (archived upstream: keeping every use here lets a maintained fork replace it
//! in one place); yaml-rust2's event parser finds positions for diagnostics, only when
//! a diagnostic needs one, and looks at a file's structure (anchors, duplicate keys,
//! depth, script addresses, HTML) when its text gives a reason to. `explain.rs` words
//! serde's errors for people.
//!
//! Here: deserialising and serde's errors in words; [`structure`] (the scan before
//! deserialising), [`warnings`] (markup and unknown languages in texts).
//! [`super::positions`] (where each value is written) is beside it, as source files
//! keep their index.

mod structure;
mod warnings;

pub use crate::content::positions::{index_positions, PositionIndex, Span};
pub use warnings::{markup_warnings, unknown_languages};

use crate::content::explain::{explain, SEPARATOR};
use crate::content::source::SourceFile;
use crate::diagnostics::{tr, Diagnostic, Position};
use serde::de::DeserializeOwned;
use structure::scan_structure;

/// Content needs a few levels of nesting (a list of entries holding texts by
/// language); anything deeper than this is a mistake or an attack.
pub const MAX_DEPTH: usize = 32;

/// Deserialises the YAML part of `file` into `T`, turning any failure into a
/// diagnostic with the file, line, column and a hint.
pub fn parse<T: DeserializeOwned>(file: &SourceFile) -> Result<T, Diagnostic> {
    let text = file.yaml_text();
    if is_blank(text) {
        let (message, hint) = if file.yaml_line_offset > 0 {
            (
                tr!(
                    "Phần đầu tệp (front matter) để trống",
                    "the front matter is empty"
                ),
                tr!(
                    "viết ít nhất `title: …` giữa hai dòng `---`",
                    "write at least `title: …` between the two `---` lines"
                ),
            )
        } else {
            (
                tr!("Tệp không có nội dung", "the file is empty"),
                tr!(
                    "viết nội dung mà tệp này cần có, hoặc xóa tệp",
                    "write the content this file should hold, or delete the file"
                ),
            )
        };
        return Err(Diagnostic::error(file.path.clone(), message)
            .at(Position {
                line: 1 + file.yaml_line_offset,
                column: 1,
            })
            .hint(hint));
    }
    let scanned = needs_scan(text);
    if scanned {
        if let Some(problem) = scan_structure(text) {
            return Err(problem.diagnostic(file));
        }
    }
    serde_yaml::from_str(text).map_err(|err| {
        // A structural problem explains a failure better than serde does (its message
        // for a duplicate key has no line, for deep nesting no cause).
        let structural = if scanned { None } else { scan_structure(text) };
        match structural {
            Some(problem) => problem.diagnostic(file),
            None => to_diagnostic(file, &err),
        }
    })
}

/// Deserialises a standalone YAML text (a theme's translation file).
pub fn parse_str<T: DeserializeOwned>(text: &str) -> Result<T, (String, Position)> {
    serde_yaml::from_str(text).map_err(|err| {
        let position = err
            .location()
            .map(|l| Position {
                line: l.line(),
                column: l.column(),
            })
            .unwrap_or_default();
        (strip_location(&err.to_string()), position)
    })
}

/// Nothing but blank lines, comments and document markers.
fn is_blank(text: &str) -> bool {
    text.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#') || line == "---" || line == "..."
    })
}

/// Whether the text could hold an anchor, an alias, a script address or deep nesting:
/// only then is the
/// structure looked at before deserialising (duplicate keys and depth are found by
/// serde too, and explained by the scan when it fails).
fn needs_scan(text: &str) -> bool {
    // A backslash: a double-quoted escape can make a control character (`"\x01"`).
    text.contains(['&', '*', '\\']) || has_script_colon(text) || may_nest_deeply(text)
}

/// Whether `script:` appears, in any case (`javascript:`, `VBScript:`). Looked for at
/// each colon, which are few, rather than at each byte.
fn has_script_colon(text: &str) -> bool {
    let bytes = text.as_bytes();
    text.match_indices(':')
        .any(|(i, _)| i >= 6 && bytes[i - 6..i].eq_ignore_ascii_case(b"script"))
}

/// Whether brackets or indentation could nest deeper than [`MAX_DEPTH`]: then the
/// scan must run first, as libyaml takes time quadratic in the depth of `[[[…`.
fn may_nest_deeply(text: &str) -> bool {
    let mut depth: usize = 0;
    for b in text.bytes() {
        match b {
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    text.lines()
        .any(|line| line.len() - line.trim_start_matches(' ').len() > 2 * MAX_DEPTH)
}

// ---------------------------------------------------------------------------
// serde's errors, explained

fn to_diagnostic(file: &SourceFile, err: &serde_yaml::Error) -> Diagnostic {
    let position = err
        .location()
        .map(|l| Position {
            line: l.line() + file.yaml_line_offset,
            column: l.column(),
        })
        .unwrap_or(Position {
            line: 1 + file.yaml_line_offset,
            column: 1,
        });
    let raw = strip_location(&err.to_string());
    let explained = explain(&raw);
    // serde_yaml places errors in a value (a bad date, a wrong type) at the start of
    // the enclosing entry; the path in its message finds the value itself.
    let (position, length) = match error_path(&raw) {
        Some(path) if !explained.at_key => {
            let (found, length) = file.locate_span(&path);
            let (found, length) = if found.line >= position.line || is_blank_at(file, found) {
                (found, length)
            } else {
                (position, 0)
            };
            // The path may stop at the entry: find the offending value inside it.
            match &explained.subject {
                Some(value) => file
                    .find_after(found, value, 60)
                    .map(|p| (p, value.chars().count()))
                    .unwrap_or((found, length)),
                None => (found, length),
            }
        }
        None if !explained.at_key => {
            // A top-level field (no path in the message): serde_yaml places the error
            // at the start of the document; the value named in the message is below.
            match &explained.subject {
                Some(value) => file
                    .find_after(position, value, 200)
                    .map(|p| (p, value.chars().count()))
                    .unwrap_or((position, 0)),
                None => (position, 0),
            }
        }
        _ => {
            // At a field name: underline it when it is written there.
            let length = explained
                .subject
                .as_deref()
                .filter(|name| file.find_after(position, name, 1) == Some(position))
                .map_or(0, |name| name.chars().count());
            (position, length)
        }
    };
    let mut d = Diagnostic::error(file.path.clone(), explained.message)
        .at(position)
        .span(length)
        .maybe_hint(explained.hint);
    if let Some(expected) = explained.expected {
        d = d.expected(expected);
    }
    d
}

/// True when nothing but blanks or a comment follows `at` on its line: a value
/// left empty.
fn is_blank_at(file: &SourceFile, at: Position) -> bool {
    let Some(line) = file.text.lines().nth(at.line.saturating_sub(1)) else {
        return false;
    };
    let rest: String = line.chars().skip(at.column.saturating_sub(1)).collect();
    let rest = rest.trim_start();
    rest.is_empty() || rest.starts_with('#')
}

/// The path serde_yaml puts before its message: `candidates[3].birth_date: …`.
fn error_path(raw: &str) -> Option<crate::content::source::YamlPath> {
    let (context, _) = raw.split_once(": ")?;
    if context.contains(' ') || context.is_empty() || context.contains(SEPARATOR) {
        return None;
    }
    let mut path = crate::content::source::YamlPath::root();
    for part in context.replace('[', ".").replace(']', "").split('.') {
        if part.is_empty() {
            continue;
        }
        path = match part.parse::<usize>() {
            Ok(i) => path.item(i),
            Err(_) => path.field(part),
        };
    }
    Some(path)
}

/// serde_yaml appends " at line 3 column 5"; the diagnostic carries that itself.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_script_address_in_any_case_asks_for_the_scan() {
        for text in [
            "bio: \"[x](javascript:alert(1))\"\n",
            "bio: \"VBScript:x\"\n",
            "bio: SCRIPT:x\n",
            "script: x\n",
        ] {
            assert!(has_script_colon(text), "{text}");
            assert!(needs_scan(text), "{text}");
        }
        for text in [
            "name: Nguyễn Văn An\nnote: \"script x: y\"\n",
            "scrip: x\n",
            ": script\n",
            "",
        ] {
            assert!(!has_script_colon(text), "{text}");
            assert!(!needs_scan(text), "{text}");
        }
    }
}
