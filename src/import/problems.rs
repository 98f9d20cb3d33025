//! What an import tells its user: each problem with its file, sheet and cell (`B17`),
//! in Vietnamese and English, with what was expected and a hint; printed for people
//! (as `check` prints, the place after `-->`) or as JSON for programs.

use crate::diagnostics::{Lang, Localized, Severity};
use std::path::{Path, PathBuf};

/// Where in a spreadsheet a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The spreadsheet, as the user named it.
    pub file: PathBuf,
    /// The sheet's name; none for a CSV file.
    pub sheet: Option<String>,
    /// The row as the spreadsheet numbers it (1-based); 0 for the whole sheet.
    pub row: usize,
    /// The column letters (`B`), when one cell is meant.
    pub column: Option<String>,
}

impl Place {
    /// The cell's name (`B17`), or the row's number.
    pub fn cell(&self) -> String {
        match &self.column {
            Some(letters) => format!("{letters}{}", self.row),
            None => self.row.to_string(),
        }
    }

    /// `ds.xlsx, sheet "ĐV 1", cell B17` / `ds.xlsx, trang tính "ĐV 1", ô B17`.
    pub fn describe(&self, lang: Lang) -> String {
        let mut out = self.file.display().to_string();
        if let Some(sheet) = &self.sheet {
            match lang {
                Lang::Vi => out.push_str(&format!(", trang tính \"{sheet}\"")),
                Lang::En => out.push_str(&format!(", sheet \"{sheet}\"")),
            }
        }
        if self.row > 0 {
            let cell = self.cell();
            match (lang, &self.column) {
                (Lang::Vi, Some(_)) => out.push_str(&format!(", ô {cell}")),
                (Lang::En, Some(_)) => out.push_str(&format!(", cell {cell}")),
                (Lang::Vi, None) => out.push_str(&format!(", dòng {cell}")),
                (Lang::En, None) => out.push_str(&format!(", row {cell}")),
            }
        }
        out
    }
}

/// One problem found while importing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub place: Place,
    pub message: Localized,
    pub expected: Option<Localized>,
    pub hint: Option<Localized>,
}

impl Problem {
    pub fn error(place: Place, message: Localized) -> Problem {
        Problem {
            severity: Severity::Error,
            place,
            message,
            expected: None,
            hint: None,
        }
    }

    pub fn warning(place: Place, message: Localized) -> Problem {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(place, message)
        }
    }

    pub fn expected(mut self, expected: Localized) -> Problem {
        self.expected = Some(expected);
        self
    }

    pub fn hint(mut self, hint: Localized) -> Problem {
        self.hint = Some(hint);
        self
    }

    pub fn maybe_hint(mut self, hint: Option<Localized>) -> Problem {
        self.hint = hint;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// For people: `error: …`, `  --> place`, `  = expected: …`, `  = hint: …`.
    pub fn human(&self, lang: Lang) -> String {
        let mut out = format!(
            "{}: {}\n  --> {}",
            self.severity.label(lang),
            self.message.get(lang),
            self.place.describe(lang)
        );
        let labels = match lang {
            Lang::Vi => ("yêu cầu", "gợi ý"),
            Lang::En => ("expected", "hint"),
        };
        if let Some(expected) = &self.expected {
            out.push_str(&format!("\n   = {}: {}", labels.0, expected.get(lang)));
        }
        if let Some(hint) = &self.hint {
            out.push_str(&format!("\n   = {}: {}", labels.1, hint.get(lang)));
        }
        out
    }

    /// For programs: the fields in `lang`, both languages under `translations`.
    pub fn json(&self, lang: Lang) -> serde_json::Value {
        let get = |t: &Option<Localized>| t.as_ref().map(|t| t.get(lang).to_string());
        serde_json::json!({
            "severity": self.severity,
            "file": self.place.file,
            "sheet": self.place.sheet,
            "row": self.place.row,
            "column": self.place.column,
            "cell": self.place.column.as_ref().map(|_| self.place.cell()),
            "message": self.message.get(lang),
            "expected": get(&self.expected),
            "hint": get(&self.hint),
            "translations": {
                "vi": {"message": self.message.vi, "expected": self.expected.as_ref().map(|t| &t.vi), "hint": self.hint.as_ref().map(|t| &t.vi)},
                "en": {"message": self.message.en, "expected": self.expected.as_ref().map(|t| &t.en), "hint": self.hint.as_ref().map(|t| &t.en)},
            },
        })
    }
}

/// Sorts problems by file, sheet order (as given), row and column.
pub fn sort(problems: &mut [Problem], sheet_order: &[String]) {
    let sheet_index = |p: &Problem| {
        p.place
            .sheet
            .as_ref()
            .and_then(|s| sheet_order.iter().position(|o| o == s))
            .unwrap_or(0)
    };
    problems.sort_by(|a, b| {
        let key = |p: &Problem| {
            let col = p.place.column.clone().unwrap_or_default();
            (
                p.place.file.clone(),
                sheet_index(p),
                p.place.row,
                col.len(),
                col,
                p.severity,
            )
        };
        key(a).cmp(&key(b))
    });
}

/// A place for a problem of the whole file (no sheet, no row).
pub fn whole_file(file: &Path) -> Place {
    Place {
        file: file.to_path_buf(),
        sheet: None,
        row: 0,
        column: None,
    }
}
