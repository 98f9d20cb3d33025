//! Table tests of broken copies of the sample project. A row is one mistake:
//!
//! ```ignore
//! error(NA_CANDIDATES, sub("gender: female", "gender: femal"), here(0), 13,
//!     "`femal` is not a known gender code").hint("did you mean `female`?"),
//! ```
//!
//! — the file the diagnostic must be in; the edit (`sub`: the first `from` replaced,
//! `sub_in` the same in another file, `write`, `append`, or `with` a function); the
//! line (`here(n)`: n lines below where the edit starts, `line(n)`, or `of(needle)`:
//! the first line holding `needle` after the edit); the column; and a text the
//! English message holds (`.whole()`, `.starts()` to match more). `warning(…)` is the
//! same for a warning, `accepted(file, edit)` a row `check` must accept. Options add
//! the Vietnamese message, the hint, the expected value, the length, no other error,
//! and a refused `baucu build`.
//!
//! [`run`] checks every row of a table on its own copy of the sample, several at a
//! time, and reports every failing row at once, each with its place in the test file
//! and what `check` found.

use super::{assert_build_refused, check, line_of, listing, replace_in, sample_copy, write_file};
use std::panic::{AssertUnwindSafe, Location};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

// Files of the sample project the tables break.
pub const CONFIG: &str = "baucu.yaml";
pub const PROVINCE: &str = "content/quang-ninh/province.yaml";
pub const NA_UNITS: &str = "content/quang-ninh/units/quoc-hoi.yaml";
pub const NA_CANDIDATES: &str = "content/quang-ninh/candidates/quoc-hoi.yaml";
pub const NA_RESULTS: &str = "content/quang-ninh/results/quoc-hoi.yaml";
pub const COUNCIL_UNITS: &str = "content/quang-ninh/units/hdnd-tinh.yaml";
pub const COUNCIL_CANDIDATES: &str = "content/quang-ninh/candidates/hdnd-tinh.yaml";
pub const COMMUNE_CANDIDATES: &str = "content/quang-ninh/candidates/hdnd-xa/6688.yaml";
pub const FAQ: &str = "content/quang-ninh/faq/quang-ninh.yaml";
pub const DOCUMENTS: &str = "content/quang-ninh/documents.yaml";
pub const TIMELINE: &str = "content/quang-ninh/timeline.yaml";
pub const NEWS: &str = "content/quang-ninh/news/2026-01-08-tap-huan-nghiep-vu-bau-cu.md";
pub const PAGE: &str = "content/quang-ninh/pages/huong-dan-bo-phieu.md";

/// How a row breaks its copy of the sample project.
pub enum Edit {
    /// The first `from` in `file` (the row's file when `None`) replaced by `to`.
    Replace {
        file: Option<&'static str>,
        from: &'static str,
        to: String,
    },
    /// The row's file written with this text.
    Write(String),
    /// This text added at the end of the row's file.
    Append(&'static str),
    /// Anything else, given the root of the copy.
    With(fn(&Path)),
}

/// The first `from` in the row's file replaced by `to`.
pub fn sub(from: &'static str, to: impl Into<String>) -> Edit {
    Edit::Replace {
        file: None,
        from,
        to: to.into(),
    }
}

/// The first `from` in `file` (not the row's) replaced by `to`.
pub fn sub_in(file: &'static str, from: &'static str, to: impl Into<String>) -> Edit {
    Edit::Replace {
        file: Some(file),
        from,
        to: to.into(),
    }
}

/// The row's file written with `text`.
pub fn write(text: impl Into<String>) -> Edit {
    Edit::Write(text.into())
}

/// `text` added at the end of the row's file.
pub fn append(text: &'static str) -> Edit {
    Edit::Append(text)
}

/// Any other edit of the copy at `root`.
pub fn with(edit: fn(&Path)) -> Edit {
    Edit::With(edit)
}

/// Where the diagnostic must be.
pub enum Line {
    /// This many lines below the line the edit starts on (`from` of a replacement,
    /// line 1 of a written file, the first added line).
    Edit(usize),
    /// This line.
    At(usize),
    /// The first line holding this text, in the row's file after the edit.
    Of(&'static str),
}

/// `below` lines under the line the edit starts on: `here(0)` is that line.
pub fn here(below: usize) -> Line {
    Line::Edit(below)
}

/// Line `n` (0 for the file as a whole).
pub fn line(n: usize) -> Line {
    Line::At(n)
}

/// The first line holding `needle`, after the edit.
pub fn of(needle: &'static str) -> Line {
    Line::Of(needle)
}

#[derive(Clone, Copy)]
enum Match {
    Has,
    Starts,
    Whole,
}

impl Match {
    fn test(self, text: &str, want: &str) -> bool {
        match self {
            Match::Has => text.contains(want),
            Match::Starts => text.starts_with(want),
            Match::Whole => text == want,
        }
    }

    fn says(self) -> &'static str {
        match self {
            Match::Has => "holds",
            Match::Starts => "starts with",
            Match::Whole => "is",
        }
    }
}

enum More {
    Vi(Match, &'static str),
    Hint(Match, &'static str),
    HintVi(&'static str),
    Expected(&'static str),
    Length(usize),
    Has(&'static str),
    OnlyError,
    NoErrors,
    BuildRefused,
}

struct Expect {
    error: bool,
    line: Line,
    column: usize,
    message: &'static str,
    matching: Match,
    more: Vec<More>,
}

/// One row: a copy of the sample with one mistake, and what `check` must say of it.
pub struct Case {
    row: &'static Location<'static>,
    file: &'static str,
    edit: Edit,
    expect: Option<Expect>,
}

/// A row expecting an error in `file` at `line` and `column` whose English message
/// holds `message`.
#[track_caller]
pub fn error(
    file: &'static str,
    edit: Edit,
    line: Line,
    column: usize,
    message: &'static str,
) -> Case {
    expecting(true, file, edit, line, column, message)
}

/// Like [`error`] for a warning.
#[track_caller]
pub fn warning(
    file: &'static str,
    edit: Edit,
    line: Line,
    column: usize,
    message: &'static str,
) -> Case {
    expecting(false, file, edit, line, column, message)
}

/// A row whose edit `check` must accept: no error at all.
#[track_caller]
pub fn accepted(file: &'static str, edit: Edit) -> Case {
    Case {
        row: Location::caller(),
        file,
        edit,
        expect: None,
    }
}

#[track_caller]
fn expecting(
    error: bool,
    file: &'static str,
    edit: Edit,
    line: Line,
    column: usize,
    message: &'static str,
) -> Case {
    Case {
        row: Location::caller(),
        file,
        edit,
        expect: Some(Expect {
            error,
            line,
            column,
            message,
            matching: Match::Has,
            more: Vec::new(),
        }),
    }
}

impl Case {
    fn more(mut self, more: More) -> Self {
        self.expect
            .as_mut()
            .expect("an accepted row expects no diagnostic")
            .more
            .push(more);
        self
    }

    fn matching(mut self, matching: Match) -> Self {
        self.expect.as_mut().expect("a diagnostic").matching = matching;
        self
    }

    /// The English message is `message` exactly.
    pub fn whole(self) -> Self {
        self.matching(Match::Whole)
    }

    /// The English message starts with `message`.
    pub fn starts(self) -> Self {
        self.matching(Match::Starts)
    }

    /// The English message also holds `text`.
    pub fn has(self, text: &'static str) -> Self {
        self.more(More::Has(text))
    }

    /// The Vietnamese message, exactly.
    pub fn vi(self, text: &'static str) -> Self {
        self.more(More::Vi(Match::Whole, text))
    }

    /// The Vietnamese message starts with `text`.
    pub fn vi_starts(self, text: &'static str) -> Self {
        self.more(More::Vi(Match::Starts, text))
    }

    /// The Vietnamese message holds `text`.
    pub fn vi_has(self, text: &'static str) -> Self {
        self.more(More::Vi(Match::Has, text))
    }

    /// The English hint, exactly.
    pub fn hint(self, text: &'static str) -> Self {
        self.more(More::Hint(Match::Whole, text))
    }

    /// The English hint starts with `text`.
    pub fn hint_starts(self, text: &'static str) -> Self {
        self.more(More::Hint(Match::Starts, text))
    }

    /// The English hint holds `text`.
    pub fn hint_has(self, text: &'static str) -> Self {
        self.more(More::Hint(Match::Has, text))
    }

    /// The Vietnamese hint, exactly.
    pub fn hint_vi(self, text: &'static str) -> Self {
        self.more(More::HintVi(text))
    }

    /// The English "expected", exactly.
    pub fn expected(self, text: &'static str) -> Self {
        self.more(More::Expected(text))
    }

    /// How many characters are underlined.
    pub fn length(self, length: usize) -> Self {
        self.more(More::Length(length))
    }

    /// The report has no other error.
    pub fn only_error(self) -> Self {
        self.more(More::OnlyError)
    }

    /// The report has no error at all (for a warning).
    pub fn no_errors(self) -> Self {
        self.more(More::NoErrors)
    }

    /// And `baucu build` refuses the project: exit code 1, a previous public/ left
    /// byte for byte as it was.
    pub fn refuses_build(self) -> Self {
        self.more(More::BuildRefused)
    }

    /// The row's place and edit, to name it in a failure.
    fn name(&self) -> String {
        let edit = match &self.edit {
            Edit::Replace { file, from, to } => {
                let short = |s: &str| {
                    let s: String = s.chars().take(60).collect();
                    s.replace('\n', "\\n")
                };
                format!(
                    "{}: `{}` → `{}`",
                    file.unwrap_or(self.file),
                    short(from),
                    short(to)
                )
            }
            Edit::Write(_) => format!("{} written", self.file),
            Edit::Append(_) => format!("{} added to", self.file),
            Edit::With(_) => format!("{}: edited by a function", self.file),
        };
        format!("{}:{} ({edit})", self.row.file(), self.row.line())
    }

    /// Applies the edit; returns the line it starts on, when it has one.
    fn apply(&self, root: &Path) -> Option<usize> {
        match &self.edit {
            Edit::Replace { file, from, to } => {
                Some(replace_in(root, file.unwrap_or(self.file), from, to))
            }
            Edit::Write(text) => {
                write_file(root, self.file, text);
                Some(1)
            }
            Edit::Append(text) => {
                let path = root.join(self.file);
                let old = std::fs::read_to_string(&path).unwrap();
                std::fs::write(&path, format!("{old}{text}")).unwrap();
                Some(old.matches('\n').count() + 1)
            }
            Edit::With(edit) => {
                edit(root);
                None
            }
        }
    }

    /// Every way the row fails, none when it passes.
    fn problems(&self) -> Vec<String> {
        let project = sample_copy();
        let root = project.path();
        let edited = self.apply(root);
        let report = check(root);
        let Some(expect) = &self.expect else {
            return if report.has_errors() {
                vec![format!("expected no error, found:\n{}", listing(&report))]
            } else {
                Vec::new()
            };
        };
        let line = match expect.line {
            Line::Edit(below) => edited.expect("`here` needs an edit with a line") + below,
            Line::At(n) => n,
            Line::Of(needle) => line_of(root, self.file, needle, 0),
        };
        let kind = if expect.error { "error" } else { "warning" };
        let found = report.diagnostics.iter().find(|d| {
            d.is_error() == expect.error
                && d.file == Path::new(self.file)
                && d.line == line
                && expect.matching.test(&d.message.en, expect.message)
        });
        let Some(d) = found else {
            return vec![format!(
                "no {kind} at {}:{line} whose message {} `{}`; found:\n{}",
                self.file,
                expect.matching.says(),
                expect.message,
                listing(&report)
            )];
        };
        let mut problems = Vec::new();
        if d.column != expect.column {
            problems.push(format!(
                "column {}, expected {}{}",
                d.column,
                expect.column,
                marked(root, d)
            ));
        }
        let none = String::new();
        for more in &expect.more {
            let problem = match *more {
                More::Vi(m, want) => mismatch("Vietnamese message", &d.message.vi, m, want),
                More::Has(want) => mismatch("message", &d.message.en, Match::Has, want),
                More::Hint(m, want) => {
                    let hint = d.hint.as_ref().map_or(&none, |h| &h.en);
                    mismatch("hint", hint, m, want)
                }
                More::HintVi(want) => {
                    let hint = d.hint.as_ref().map_or(&none, |h| &h.vi);
                    mismatch("Vietnamese hint", hint, Match::Whole, want)
                }
                More::Expected(want) => {
                    let expected = d.expected.as_ref().map_or(&none, |e| &e.en);
                    mismatch("expected value", expected, Match::Whole, want)
                }
                More::Length(want) => (d.length != want)
                    .then(|| format!("length {}, expected {want}{}", d.length, marked(root, d))),
                More::OnlyError | More::NoErrors => {
                    let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
                    let allowed = usize::from(matches!(more, More::OnlyError));
                    (errors != allowed).then(|| {
                        format!("{errors} errors, expected {allowed}:\n{}", listing(&report))
                    })
                }
                More::BuildRefused => {
                    let refused =
                        std::panic::catch_unwind(AssertUnwindSafe(|| assert_build_refused(root)));
                    refused
                        .err()
                        .map(|panic| format!("build: {}", panic_text(&*panic)))
                }
            };
            problems.extend(problem);
        }
        problems
    }
}

/// What is wrong when `got` does not match `want`.
fn mismatch(what: &str, got: &str, matching: Match, want: &str) -> Option<String> {
    (!matching.test(got, want)).then(|| {
        format!(
            "the {what} is `{got}`; expected one that {} `{want}`",
            matching.says()
        )
    })
}

/// The source line of a diagnostic with what its column and length mark, for failures.
fn marked(root: &Path, d: &baucu::diagnostics::Diagnostic) -> String {
    let text = std::fs::read_to_string(root.join(&d.file)).unwrap_or_default();
    let Some(source) = text.lines().nth(d.line.wrapping_sub(1)) else {
        return String::new();
    };
    // Around the column only, for long lines.
    let skip = d.column.saturating_sub(60);
    let chars: Vec<char> = source.chars().skip(skip).take(100).collect();
    let pad: String = chars
        .iter()
        .take(d.column.saturating_sub(1 + skip))
        .map(|&c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    let source: String = chars.into_iter().collect();
    let marker = "^".repeat(d.length.clamp(1, 40));
    format!("\n    {source}\n    {pad}{marker}")
}

fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

/// How many rows are checked at once: the copies and checks wait on the disk more than
/// they compute.
fn workers() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get() * 2)
}

/// Checks every row, several at a time, and fails listing every failing row.
pub fn run(cases: Vec<Case>) {
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..workers().min(cases.len()) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(case) = cases.get(i) else { break };
                let problems = std::panic::catch_unwind(AssertUnwindSafe(|| case.problems()))
                    .unwrap_or_else(|panic| vec![format!("panicked: {}", panic_text(&*panic))]);
                if !problems.is_empty() {
                    let text = format!("{}\n  {}", case.name(), problems.join("\n  "));
                    failures.lock().unwrap().push((i, text));
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap();
    failures.sort();
    let texts: Vec<String> = failures.into_iter().map(|(_, t)| t).collect();
    assert!(
        texts.is_empty(),
        "{} of {} rows failed:\n\n{}",
        texts.len(),
        cases.len(),
        texts.join("\n\n")
    );
}
