//! A content file as read from disk, and where each record came from in it.
//!
//! Records remember their [`Origin`] (file + path inside the YAML) rather than a line
//! number: positions are looked up only when a diagnostic needs one, so the happy
//! path never pays for them.

use crate::diagnostics::{Diagnostic, Position};
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
    positions: OnceLock<crate::content::yaml::PositionIndex>,
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
        let index = self
            .positions
            .get_or_init(|| crate::content::yaml::index_positions(self.yaml_text()));
        let mut key = path.key();
        loop {
            if let Some(p) = index.get(&key) {
                return Position {
                    line: p.line + self.yaml_line_offset,
                    column: p.column,
                };
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
        let start = self.text.len().saturating_sub(body.len()) + offset;
        let before = &self.text[..start.min(self.text.len())];
        Position {
            line: before.matches('\n').count() + 1,
            column: before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1,
        }
    }

    /// Position of the key (not the value) at `path`: where a field name is written.
    pub fn locate_key(&self, path: &YamlPath) -> Position {
        let index = self
            .positions
            .get_or_init(|| crate::content::yaml::index_positions(self.yaml_text()));
        match index.get(&format!("{}@", path.key())) {
            Some(p) => Position {
                line: p.line + self.yaml_line_offset,
                column: p.column,
            },
            None => self.locate(path),
        }
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
    /// `field` is empty).
    pub fn error(&self, field: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(self.file.path.clone(), message).at(self.position(field))
    }

    pub fn warning(&self, field: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(self.file.path.clone(), message).at(self.position(field))
    }

    pub fn position(&self, field: &str) -> Position {
        if field.is_empty() {
            self.file.locate(&self.path)
        } else {
            let mut path = self.path.clone();
            for part in field.split('.') {
                path = path.field(part);
            }
            self.file.locate(&path)
        }
    }
}
