//! What baucu tells its users about their content: one [`Diagnostic`] per problem,
//! naming the file, line and column, what is wrong, what was expected and, where one
//! can be computed, how to fix it — in Vietnamese and in English ([`Localized`]).

use serde::Serialize;
use std::fmt;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// "lỗi" / "error", "cảnh báo" / "warning".
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Error, Lang::Vi) => "lỗi",
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::Vi) => "cảnh báo",
            (Severity::Warning, Lang::En) => "warning",
        }
    }
}

/// The language baucu speaks to its users in (not the languages of the portals).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// The language of a POSIX locale (`LC_ALL`, `LC_MESSAGES`, `LANG`): English for
    /// `en…`, Vietnamese for everything else.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Vi
        }
    }

    /// The language from the environment, the way POSIX picks a message locale: the
    /// first of `LC_ALL`, `LC_MESSAGES` and `LANG` that is set and not empty.
    pub fn from_env() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.is_empty())
            .map_or(Lang::Vi, |value| Lang::from_locale(&value))
    }
}

/// A text for people, in both languages baucu speaks.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Localized {
    pub vi: String,
    pub en: String,
}

impl Localized {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Localized {
            vi: vi.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }

    /// True when either language contains `needle`.
    pub fn contains(&self, needle: &str) -> bool {
        self.vi.contains(needle) || self.en.contains(needle)
    }

    /// Joins two texts with `separator` in each language.
    pub fn join(&self, separator: &str, other: &Localized) -> Localized {
        Localized::new(
            format!("{}{separator}{}", self.vi, other.vi),
            format!("{}{separator}{}", self.en, other.en),
        )
    }
}

/// A text that exists in one language only (a message from a library, a theme or a
/// stage that is not translated): shown as it is in both.
impl From<String> for Localized {
    fn from(text: String) -> Self {
        Localized {
            vi: text.clone(),
            en: text,
        }
    }
}

impl From<&str> for Localized {
    fn from(text: &str) -> Self {
        Localized::from(text.to_string())
    }
}

/// English: `Display` is for programmers and logs; people get [`Localized::get`].
impl fmt::Display for Localized {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

/// `tr!("… {x} …", "… {x} …")`: a [`Localized`] from a Vietnamese and an English
/// format string (both may capture variables).
macro_rules! tr {
    ($vi:literal, $en:literal $(,)?) => {
        $crate::diagnostics::Localized::new(format!($vi), format!($en))
    };
    ($vi:literal, $en:literal, $($arg:tt)*) => {
        $crate::diagnostics::Localized::new(format!($vi, $($arg)*), format!($en, $($arg)*))
    };
}
pub(crate) use tr;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, relative to the project root.
    pub file: PathBuf,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based; 0 when unknown.
    pub column: usize,
    /// How many characters from `column` the problem spans (what to underline); 0
    /// when unknown.
    pub length: usize,
    /// What is wrong.
    pub message: Localized,
    /// What was expected instead, when it can be said (boxed, as the hint: they are
    /// rare, and a small diagnostic is cheap to return).
    pub expected: Option<Box<Localized>>,
    /// How to fix it, when it can be computed.
    pub hint: Option<Box<Localized>>,
}

impl Diagnostic {
    pub fn error(file: impl Into<PathBuf>, message: impl Into<Localized>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line: 0,
            column: 0,
            length: 0,
            message: message.into(),
            expected: None,
            hint: None,
        }
    }

    pub fn warning(file: impl Into<PathBuf>, message: impl Into<Localized>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    pub fn at(mut self, position: Position) -> Self {
        self.line = position.line;
        self.column = position.column;
        self
    }

    /// The number of characters the problem spans from its column.
    pub fn span(mut self, length: usize) -> Self {
        self.length = length;
        self
    }

    pub fn hint(mut self, hint: impl Into<Localized>) -> Self {
        self.hint = Some(Box::new(hint.into()));
        self
    }

    pub fn maybe_hint(mut self, hint: Option<Localized>) -> Self {
        self.hint = hint.map(Box::new);
        self
    }

    pub fn expected(mut self, expected: impl Into<Localized>) -> Self {
        self.expected = Some(Box::new(expected.into()));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column` as far as known.
    pub fn place(&self) -> String {
        let mut place = self.file.display().to_string();
        if self.line > 0 {
            place.push_str(&format!(":{}", self.line));
            if self.column > 0 {
                place.push_str(&format!(":{}", self.column));
            }
        }
        place
    }

    /// One line per part, in `lang`, without the source line: for logs and tests.
    pub fn describe(&self, lang: Lang) -> String {
        let mut out = format!(
            "{}: {}: {}",
            self.place(),
            self.severity.label(lang),
            self.message.get(lang)
        );
        if let Some(expected) = &self.expected {
            let label = match lang {
                Lang::Vi => "yêu cầu",
                Lang::En => "expected",
            };
            out.push_str(&format!("\n  {label}: {}", expected.get(lang)));
        }
        if let Some(hint) = &self.hint {
            let label = match lang {
                Lang::Vi => "gợi ý",
                Lang::En => "hint",
            };
            out.push_str(&format!("\n  {label}: {}", hint.get(lang)));
        }
        out
    }
}

/// A 1-based line and column in a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// In English, for programmers and logs.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

/// Sorts diagnostics by file, line and column so that output is stable.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.severity, &a.message)
            .cmp(&(&b.file, b.line, b.column, b.severity, &b.message))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_from_the_locale() {
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("vi_VN.UTF-8"), Lang::Vi);
        assert_eq!(Lang::from_locale("C.UTF-8"), Lang::Vi);
        assert_eq!(Lang::from_locale(""), Lang::Vi);
    }

    #[test]
    fn tr_captures_variables_in_both_languages() {
        let n = 3;
        let text = tr!("đơn vị {n}", "unit {n}");
        assert_eq!(text.get(Lang::Vi), "đơn vị 3");
        assert_eq!(text.get(Lang::En), "unit 3");
        let text = tr!("{} ứng cử viên", "{} candidates", n + 1);
        assert_eq!(text.en, "4 candidates");
    }

    #[test]
    fn describes_in_the_chosen_language() {
        let d = Diagnostic::error("a.yaml", tr!("thiếu trường", "missing field"))
            .at(Position { line: 2, column: 3 })
            .hint(tr!("thêm vào", "add it"));
        assert_eq!(
            d.describe(Lang::Vi),
            "a.yaml:2:3: lỗi: thiếu trường\n  gợi ý: thêm vào"
        );
        assert_eq!(
            d.to_string(),
            "a.yaml:2:3: error: missing field\n  hint: add it"
        );
    }
}
