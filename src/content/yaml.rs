//! The only module that touches the YAML crates. serde_yaml deserialises typed
//! records (archived upstream: keeping every use here lets a maintained fork replace it
//! in one place); yaml-rust2's event parser finds positions for diagnostics, and
//! only when a diagnostic needs one.

use crate::content::source::SourceFile;
use crate::diagnostics::{Diagnostic, Position};
use crate::text::closest;
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// Field names that identify a person privately: refused wherever they appear.
pub const PRIVATE_FIELDS: &[&str] = &[
    "national_id",
    "id_number",
    "identity_card",
    "cccd",
    "cmnd",
    "can_cuoc",
    "phone",
    "phone_number",
    "mobile",
    "so_dien_thoai",
    "dien_thoai",
    "passport",
];

/// Deserialises the YAML part of `file` into `T`, turning any failure into a
/// diagnostic with the file, line, column and a hint.
pub fn parse<T: DeserializeOwned>(file: &SourceFile) -> Result<T, Diagnostic> {
    let text = file.yaml_text();
    if text.trim().is_empty() {
        return Err(Diagnostic::error(file.path.clone(), "the file is empty")
            .at(Position {
                line: 1 + file.yaml_line_offset,
                column: 1,
            })
            .hint("write the content this file should hold, or delete the file"));
    }
    serde_yaml::from_str(text).map_err(|err| to_diagnostic(file, &err))
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
    let (message, hint) = explain(&raw);
    // serde_yaml places errors in a value (a bad date, a wrong type) at the start of
    // the enclosing entry; the path in its message finds the value itself.
    let position = match error_path(&raw) {
        Some(path) if !message.starts_with("unknown field") => {
            let found = file.locate(&path);
            let found = if found.line >= position.line {
                found
            } else {
                position
            };
            // The path may stop at the entry: find the offending value inside it.
            match backticked(&message).first() {
                Some(value) => find_value(file, found, value).unwrap_or(found),
                None => found,
            }
        }
        _ => position,
    };
    Diagnostic::error(file.path.clone(), message)
        .at(position)
        .maybe_hint(hint)
}

/// The first place at or after `from` where `value` is written, within 60 lines.
fn find_value(file: &SourceFile, from: Position, value: &str) -> Option<Position> {
    let text = file.yaml_text();
    let first_line = from.line.checked_sub(1 + file.yaml_line_offset)?;
    for (n, line) in text.lines().enumerate().skip(first_line).take(60) {
        if let Some(col) = line.find(value) {
            return Some(Position {
                line: n + 1 + file.yaml_line_offset,
                column: line[..col].chars().count() + 1,
            });
        }
    }
    None
}

/// The path serde_yaml puts before its message: `candidates[3].birth_date: …`.
fn error_path(raw: &str) -> Option<crate::content::source::YamlPath> {
    let (context, _) = raw.split_once(": ")?;
    if context.contains(' ') || context.is_empty() {
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

/// Rewrites serde's messages into what a non-programmer can act on.
fn explain(raw: &str) -> (String, Option<String>) {
    // serde_yaml prefixes the path inside the document: "candidates[3]: …".
    let (context, detail) = match raw.find(": ") {
        Some(i) if !raw[..i].contains(' ') => (Some(&raw[..i]), &raw[i + 2..]),
        _ => (None, raw),
    };
    let place = context.map(|c| format!(" (in {c})")).unwrap_or_default();

    if let Some(rest) = detail.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or_default();
        let expected = backticked(rest.split_once(", expected").map_or("", |x| x.1));
        if PRIVATE_FIELDS.contains(&field) {
            return (
                format!("`{field}` is private personal data and must not be published{place}"),
                Some(format!(
                    "delete the `{field}` line: the portal publishes no identity numbers or phone numbers of candidates"
                )),
            );
        }
        let hint = match closest(field, expected.iter().map(String::as_str)) {
            Some(name) => format!("did you mean `{name}`?"),
            None if !expected.is_empty() => {
                format!("the fields allowed here are: {}", expected.join(", "))
            }
            None => "remove this field".to_string(),
        };
        return (format!("unknown field `{field}`{place}"), Some(hint));
    }
    if let Some(rest) = detail.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or_default();
        return (
            format!("required field `{field}` is missing{place}"),
            Some(format!("add a line `{field}: …` to this entry")),
        );
    }
    if let Some(rest) = detail.strip_prefix("unknown variant `") {
        let value = rest.split('`').next().unwrap_or_default();
        let expected = backticked(rest.split_once(", expected").map_or("", |x| x.1));
        let hint = match closest(value, expected.iter().map(String::as_str)) {
            Some(v) => format!("did you mean `{v}`?"),
            None => format!("use one of: {}", expected.join(", ")),
        };
        return (
            format!("`{value}` is not an allowed value{place}"),
            Some(hint),
        );
    }
    if let Some(rest) = detail.strip_prefix("invalid type: ") {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "another type"));
        return (
            format!("wrong kind of value{place}: found {found}, expected {expected}"),
            Some(type_hint(expected)),
        );
    }
    if detail.contains("duplicate entry") || detail.contains("duplicate field") {
        return (
            format!("{detail}{place}"),
            Some("each key may appear only once in a mapping: remove or rename one of them".into()),
        );
    }
    if detail.contains("recursion limit exceeded") {
        return (
            format!("the YAML is nested too deeply{place}"),
            Some("content files need only a few levels of indentation".into()),
        );
    }
    if detail.contains("repetition limit exceeded") {
        return (
            format!("the YAML expands to too much data through anchors and aliases{place}"),
            Some("write the data out instead of using `&anchor` and `*alias`".into()),
        );
    }
    let hint = if detail.contains("mapping values are not allowed")
        || detail.contains("did not find expected")
        || detail.contains("could not find expected")
    {
        Some("check the indentation and that text containing `: ` or `#` is put in quotes".into())
    } else {
        None
    };
    (format!("{detail}{place}"), hint)
}

fn type_hint(expected: &str) -> String {
    if expected.contains("u32") || expected.contains("u64") || expected.contains("integer") {
        "write a whole number without quotes, e.g. `3`".into()
    } else if expected.contains("bool") {
        "write `true` or `false`".into()
    } else if expected.contains("sequence") {
        "write a list: `[a, b]` or one `- item` per line".into()
    } else if expected.contains("date") {
        "write the date as YYYY-MM-DD, e.g. 2026-03-15".into()
    } else {
        format!("write {expected}")
    }
}

fn backticked(text: &str) -> Vec<String> {
    text.split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s.to_string())
        .collect()
}

/// Positions of every value (`a.3.b`) and every key (`a.3.b@`) in a YAML text.
pub type PositionIndex = HashMap<String, Position>;

pub fn index_positions(text: &str) -> PositionIndex {
    let mut builder = PositionBuilder::default();
    let mut parser = Parser::new_from_str(text);
    // A syntax error simply ends the index: positions found so far still help.
    let _ = parser.load(&mut builder, false);
    builder.index
}

enum Frame {
    Sequence { next: usize },
    Mapping { key: Option<String> },
}

/// What a node is to its parent.
enum Role {
    Root,
    /// A value in a sequence or a mapping, with its path segment.
    Child(String),
    /// A mapping key.
    Key,
}

#[derive(Default)]
struct PositionBuilder {
    stack: Vec<Frame>,
    /// For each open container: whether it pushed a segment onto `path`.
    pushed: Vec<bool>,
    path: Vec<String>,
    index: PositionIndex,
}

impl PositionBuilder {
    fn role(&mut self, scalar: Option<&str>, position: Position) -> Role {
        match self.stack.last_mut() {
            None => Role::Root,
            Some(Frame::Sequence { next }) => {
                *next += 1;
                Role::Child((*next - 1).to_string())
            }
            Some(Frame::Mapping { key }) => match key.take() {
                Some(k) => Role::Child(k),
                None => {
                    let name = scalar.unwrap_or("?").to_string();
                    let mut full = self.path.clone();
                    full.push(name.clone());
                    self.index.insert(format!("{}@", full.join(".")), position);
                    *key = Some(name);
                    Role::Key
                }
            },
        }
    }

    fn record(&mut self, segment: Option<&str>, position: Position) {
        let mut key = self.path.join(".");
        if let Some(seg) = segment {
            if !key.is_empty() {
                key.push('.');
            }
            key.push_str(seg);
        }
        self.index.entry(key).or_insert(position);
    }

    fn leaf(&mut self, scalar: Option<&str>, mark: Marker) {
        let position = to_position(mark);
        match self.role(scalar, position) {
            Role::Root => self.record(None, position),
            Role::Child(seg) => self.record(Some(&seg), position),
            Role::Key => {}
        }
    }

    fn open(&mut self, frame: Frame, mark: Marker) {
        let position = to_position(mark);
        let pushed = match self.role(None, position) {
            Role::Root => {
                self.record(None, position);
                false
            }
            Role::Child(seg) => {
                self.record(Some(&seg), position);
                self.path.push(seg);
                true
            }
            Role::Key => {
                self.path.push("?".into());
                true
            }
        };
        self.pushed.push(pushed);
        self.stack.push(frame);
    }

    fn close(&mut self) {
        self.stack.pop();
        if self.pushed.pop() == Some(true) {
            self.path.pop();
        }
    }
}

fn to_position(mark: Marker) -> Position {
    Position {
        line: mark.line(),
        column: mark.col() + 1,
    }
}

impl MarkedEventReceiver for PositionBuilder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        match event {
            Event::Scalar(value, ..) => self.leaf(Some(&value), mark),
            Event::Alias(_) => self.leaf(None, mark),
            Event::SequenceStart(..) => self.open(Frame::Sequence { next: 0 }, mark),
            Event::MappingStart(..) => self.open(Frame::Mapping { key: None }, mark),
            Event::SequenceEnd | Event::MappingEnd => self.close(),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_values_and_keys() {
        let text = "level: quoc-hoi\ncandidates:\n  - id: a\n    unit: 1\n  - id: b\n    unit: 2\n";
        let index = index_positions(text);
        assert_eq!(index["level"], Position { line: 1, column: 8 });
        assert_eq!(
            index["candidates.1.unit"],
            Position {
                line: 6,
                column: 11
            }
        );
        assert_eq!(index["candidates.1.unit@"], Position { line: 6, column: 5 });
        assert_eq!(index["candidates.0"].line, 3);
    }

    #[test]
    fn indexes_flow_style() {
        let text = "units:\n  - {number: 1, seats: 3, communes: [1, 2]}\n";
        let index = index_positions(text);
        assert_eq!(index["units.0.seats"].line, 2);
        assert_eq!(index["units.0.communes.1"].line, 2);
    }

    #[test]
    fn explains_unknown_field_with_closest_name() {
        let (message, hint) = explain(
            "candidates[0]: unknown field `brith_date`, expected one of `id`, `birth_date`",
        );
        assert!(message.contains("unknown field `brith_date`"), "{message}");
        assert_eq!(hint.as_deref(), Some("did you mean `birth_date`?"));
    }

    #[test]
    fn explains_private_fields() {
        let (message, _) = explain("candidates[0]: unknown field `national_id`, expected `id`");
        assert!(message.contains("private"), "{message}");
    }
}
