//! Where each value and key of a YAML text is written (`a.3.b`, `a.3.b@`), indexed
//! once per file and only when a diagnostic needs a position.

use crate::diagnostics::Position;
use std::collections::HashMap;
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// Where a value or key is written, and how many characters it takes on its line (0
/// when unknown or spread over several lines).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub position: Position,
    pub length: usize,
}

/// Positions of every value (`a.3.b`) and every key (`a.3.b@`) in a YAML text.
pub type PositionIndex = HashMap<String, Span>;

/// Every position of a YAML text. Iterative, so any nesting is safe; a syntax error
/// simply ends the index, and the positions found so far still help.
pub fn index_positions(text: &str) -> PositionIndex {
    let mut builder = PositionBuilder::default();
    let mut parser = Parser::new_from_str(text);
    while let Ok((event, mark)) = parser.next_token() {
        if event == Event::StreamEnd {
            break;
        }
        builder.on_event(event, mark);
    }
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
    fn role(&mut self, scalar: Option<&str>, span: Span) -> Role {
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
                    self.index.insert(format!("{}@", full.join(".")), span);
                    *key = Some(name);
                    Role::Key
                }
            },
        }
    }

    fn record(&mut self, segment: Option<&str>, span: Span) {
        let mut key = self.path.join(".");
        if let Some(seg) = segment {
            if !key.is_empty() {
                key.push('.');
            }
            key.push_str(seg);
        }
        self.index.entry(key).or_insert(span);
    }

    /// Just after the `key:` whose value comes next, when one does.
    fn after_pending_key(&self) -> Option<Position> {
        let Some(Frame::Mapping { key: Some(name) }) = self.stack.last() else {
            return None;
        };
        let mut full = self.path.clone();
        full.push(name.clone());
        let key = self.index.get(&format!("{}@", full.join(".")))?;
        Some(Position {
            line: key.position.line,
            column: key.position.column + key.length + 1,
        })
    }

    fn leaf(&mut self, scalar: Option<&str>, span: Span) {
        match self.role(scalar, span) {
            Role::Root => self.record(None, span),
            Role::Child(seg) => self.record(Some(&seg), span),
            Role::Key => {}
        }
    }

    fn open(&mut self, frame: Frame, span: Span) {
        let pushed = match self.role(None, span) {
            Role::Root => {
                self.record(None, span);
                false
            }
            Role::Child(seg) => {
                self.record(Some(&seg), span);
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

    fn on_event(&mut self, event: Event, mark: Marker) {
        let at = |length| Span {
            position: to_position(mark),
            length,
        };
        match event {
            Event::Scalar(value, style, ..) => {
                let length = scalar_length(&value, style);
                let mut span = at(length);
                // A value left blank (`name:`) is marked where the next token starts,
                // often the next line: place it right after its key instead.
                if value.is_empty() && style == TScalarStyle::Plain {
                    if let Some(after) = self.after_pending_key() {
                        span.position = after;
                    }
                }
                self.leaf(Some(&value), span)
            }
            Event::Alias(_) => self.leaf(None, at(0)),
            Event::SequenceStart(..) => self.open(Frame::Sequence { next: 0 }, at(0)),
            Event::MappingStart(..) => self.open(Frame::Mapping { key: None }, at(0)),
            Event::SequenceEnd | Event::MappingEnd => self.close(),
            _ => {}
        }
    }
}

pub(crate) fn to_position(mark: Marker) -> Position {
    Position {
        line: mark.line(),
        column: mark.col() + 1,
    }
}

/// The written length of a scalar on one line, when it can be told from its value.
pub(crate) fn scalar_length(value: &str, style: TScalarStyle) -> usize {
    if value.contains(['\n', '\r']) {
        return 0;
    }
    match style {
        TScalarStyle::Plain => value.chars().count(),
        TScalarStyle::SingleQuoted if !value.contains('\'') => value.chars().count() + 2,
        TScalarStyle::DoubleQuoted if !value.contains(['"', '\\']) && value.is_ascii() => {
            value.chars().count() + 2
        }
        TScalarStyle::DoubleQuoted if !value.contains(['"', '\\']) => value.chars().count() + 2,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_values_and_keys() {
        let text = "level: quoc-hoi\ncandidates:\n  - id: a\n    unit: 1\n  - id: b\n    unit: 2\n";
        let index = index_positions(text);
        assert_eq!(index["level"].position, Position { line: 1, column: 8 });
        assert_eq!(index["level"].length, 8);
        assert_eq!(
            index["candidates.1.unit"].position,
            Position {
                line: 6,
                column: 11
            }
        );
        assert_eq!(
            index["candidates.1.unit@"].position,
            Position { line: 6, column: 5 }
        );
        assert_eq!(index["candidates.1.unit@"].length, 4);
        assert_eq!(index["candidates.0"].position.line, 3);
    }

    #[test]
    fn indexes_flow_style() {
        let text = "units:\n  - {number: 1, seats: 3, communes: [1, 2]}\n";
        let index = index_positions(text);
        assert_eq!(index["units.0.seats"].position.line, 2);
        assert_eq!(index["units.0.communes.1"].position.line, 2);
    }

    #[test]
    fn quoted_values_are_underlined_with_their_quotes() {
        let index = index_positions("a: \"xyz\"\nb: 'q'\n");
        assert_eq!(index["a"].position.column, 4);
        assert_eq!(index["a"].length, 5);
        assert_eq!(index["b"].length, 3);
    }
}
