//! A content file as read from disk, and where each record came from in it.
//!
//! Records remember their [`Origin`] (file + path inside the YAML) rather than a line
//! number: positions are looked up only when a diagnostic needs one, so the happy
//! path never pays for them.

use crate::diagnostics::{Diagnostic, Localized, Position};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

pub struct SourceFile {
    /// Path relative to the project root, as shown to users.
    pub path: PathBuf,
    /// Full path on disk.
    pub disk_path: PathBuf,
    /// The text, with a byte-order mark removed and CRLF turned into LF.
    pub text: String,
    /// Where the YAML part is: the whole file, or a Markdown file's front matter.
    pub yaml: Range<usize>,
    /// Lines before the YAML part (1 for front matter after its `---`).
    pub yaml_line_offset: usize,
    positions: OnceLock<crate::content::positions::PositionIndex>,
}

impl std::fmt::Debug for SourceFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SourceFile({})", self.path.display())
    }
}

impl SourceFile {
    pub fn new(path: PathBuf, disk_path: PathBuf, text: String) -> Self {
        let len = text.len();
        SourceFile {
            path,
            disk_path,
            text,
            yaml: 0..len,
            yaml_line_offset: 0,
            positions: OnceLock::new(),
        }
    }

    pub fn with_yaml_part(mut self, yaml: Range<usize>, line_offset: usize) -> Self {
        self.yaml = yaml;
        self.yaml_line_offset = line_offset;
        self
    }

    pub fn yaml_text(&self) -> &str {
        &self.text[self.yaml.clone()]
    }

    /// Position of the value at `path` inside the YAML part, or of the closest
    /// enclosing value that exists.
    pub fn locate(&self, path: &YamlPath) -> Position {
        self.locate_span(path).0
    }

    /// Like [`SourceFile::locate`], with the length of the value in characters when
    /// the value itself was found and is written on one line (0 otherwise).
    pub fn locate_span(&self, path: &YamlPath) -> (Position, usize) {
        let index = self.index();
        let mut key = path.key();
        if let Some(span) = index.get(&key) {
            return (self.shift(span.position), span.length);
        }
        (self.locate_enclosing(&mut key), 0)
    }

    /// Every position of the YAML part, indexed once (see `yaml::index_positions`).
    pub(crate) fn index(&self) -> &crate::content::positions::PositionIndex {
        self.positions
            .get_or_init(|| crate::content::positions::index_positions(self.yaml_text()))
    }

    /// A position in the YAML part as a position in the file.
    pub fn shift(&self, position: Position) -> Position {
        Position {
            line: position.line + self.yaml_line_offset,
            column: position.column,
        }
    }

    fn locate_enclosing(&self, key: &mut String) -> Position {
        let index = self.index();
        loop {
            if let Some(span) = index.get(key.as_str()) {
                return self.shift(span.position);
            }
            match key.rfind('.') {
                Some(dot) => key.truncate(dot),
                None if !key.is_empty() => key.clear(),
                None => {
                    return Position {
                        line: 1 + self.yaml_line_offset,
                        column: 1,
                    }
                }
            }
        }
    }

    /// Position of byte `offset` of `body`, a suffix of this file's text (the Markdown
    /// body after the front matter).
    pub fn body_position(&self, body: &str, offset: usize) -> Position {
        let mut start = (self.text.len().saturating_sub(body.len()) + offset).min(self.text.len());
        while !self.text.is_char_boundary(start) {
            start -= 1;
        }
        let before = &self.text[..start];
        Position {
            line: before.matches('\n').count() + 1,
            column: before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1,
        }
    }

    /// Position of the key (not the value) at `path`: where a field name is written,
    /// with the key's length.
    pub fn locate_key(&self, path: &YamlPath) -> (Position, usize) {
        match self.index().get(&format!("{}@", path.key())) {
            Some(span) => (self.shift(span.position), span.length),
            None => self.locate_span(path),
        }
    }

    /// The first place at or after `from` (a position in the file) where `needle` is
    /// written, looking at most `max_lines` lines ahead.
    pub fn find_after(&self, from: Position, needle: &str, max_lines: usize) -> Option<Position> {
        if needle.is_empty() {
            return None;
        }
        let first = from.line.max(1) - 1;
        for (n, line) in self.text.lines().enumerate().skip(first).take(max_lines) {
            let start = if n == first {
                line.char_indices()
                    .nth(from.column.saturating_sub(1))
                    .map_or(line.len(), |(i, _)| i)
            } else {
                0
            };
            if let Some(col) = line[start..].find(needle) {
                return Some(Position {
                    line: n + 1,
                    column: line[..start + col].chars().count() + 1,
                });
            }
        }
        None
    }
}

/// A path inside a YAML document: `candidates.3.unit`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YamlPath(Vec<String>);

impl YamlPath {
    pub fn root() -> Self {
        YamlPath(Vec::new())
    }

    pub fn key(&self) -> String {
        self.0.join(".")
    }

    pub fn field(&self, name: &str) -> Self {
        let mut p = self.clone();
        p.0.push(name.to_string());
        p
    }

    pub fn item(&self, index: usize) -> Self {
        let mut p = self.clone();
        p.0.push(index.to_string());
        p
    }
}

/// Where a record came from: the file and the path of the record inside it.
#[derive(Debug, Clone)]
pub struct Origin {
    pub file: Arc<SourceFile>,
    pub path: YamlPath,
}

impl Origin {
    pub fn new(file: &Arc<SourceFile>, path: YamlPath) -> Self {
        Origin {
            file: Arc::clone(file),
            path,
        }
    }

    pub fn file_path(&self) -> &Path {
        &self.file.path
    }

    /// An error pointing at field `field` of this record (or at the record when
    /// `field` is empty), underlining the value when it is written on one line.
    pub fn error(&self, field: &str, message: impl Into<Localized>) -> Diagnostic {
        let (position, length) = self.span(field);
        Diagnostic::error(self.file.path.clone(), message)
            .at(position)
            .span(length)
    }

    pub fn warning(&self, field: &str, message: impl Into<Localized>) -> Diagnostic {
        let (position, length) = self.span(field);
        Diagnostic::warning(self.file.path.clone(), message)
            .at(position)
            .span(length)
    }

    /// An error at the first place `needle` is written in field `field` (a word
    /// inside a longer text), or at the field when it cannot be found.
    pub fn error_at_text(
        &self,
        field: &str,
        needle: &str,
        message: impl Into<Localized>,
    ) -> Diagnostic {
        let (position, _) = self.span(field);
        match self.file.find_after(position, needle, 400) {
            Some(found) => Diagnostic::error(self.file.path.clone(), message)
                .at(found)
                .span(needle.chars().count()),
            None => self.error(field, message),
        }
    }

    /// An error pointing at the name of field `field` (`votes:`), for a problem of
    /// the field as a whole rather than of a value in it.
    pub fn key_error(&self, field: &str, message: impl Into<Localized>) -> Diagnostic {
        let (position, length) = self.file.locate_key(&self.field_path(field));
        Diagnostic::error(self.file.path.clone(), message)
            .at(position)
            .span(length)
    }

    pub fn position(&self, field: &str) -> Position {
        self.span(field).0
    }

    /// Position and length of field `field` (the record itself when empty).
    pub fn span(&self, field: &str) -> (Position, usize) {
        self.file.locate_span(&self.field_path(field))
    }

    fn field_path(&self, field: &str) -> YamlPath {
        let mut path = self.path.clone();
        if !field.is_empty() {
            for part in field.split('.') {
                path = path.field(part);
            }
        }
        path
    }
}
