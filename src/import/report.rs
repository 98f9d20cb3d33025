//! What an import found and did, told to people (the problems at their cells,
//! then one closing line) and to programs (JSON).

use super::problems::Problem;
use crate::diagnostics::{tr, Diagnostic, Lang, Localized};
use std::path::{Path, PathBuf};

/// What was imported.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Imported {
    #[default]
    Candidates,
    Units,
    Results,
}

/// What an import found and did.
#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    pub kind: Imported,
    /// Problems of the spreadsheet, at their cells.
    pub problems: Vec<Problem>,
    /// New problems the file would bring to other content files.
    pub content: Vec<Diagnostic>,
    /// The file written (or that would have been), relative to the root.
    pub target: PathBuf,
    /// Whether the file was written (false on errors, or when unchanged).
    pub written: bool,
    /// The file already held exactly this.
    pub unchanged: bool,
    pub candidates: usize,
    pub units: usize,
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
    /// Results: units of the file the workbook did not give, kept as they were.
    pub kept: usize,
}

impl ImportReport {
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Problem::is_error) || self.content.iter().any(Diagnostic::is_error)
    }

    fn counts(&self) -> (usize, usize) {
        let errors = self.problems.iter().filter(|p| p.is_error()).count()
            + self.content.iter().filter(|d| d.is_error()).count();
        let all = self.problems.len() + self.content.len();
        (errors, all - errors)
    }

    /// The report for people (standard error), each line ended.
    pub fn human(&self, root: &Path, lang: Lang) -> String {
        let mut out = String::new();
        for p in &self.problems {
            out.push_str(&p.human(lang));
            out.push_str("\n\n");
        }
        let mut sources = crate::report::snippet::Sources::new(root);
        for d in &self.content {
            out.push_str(&crate::report::snippet::render(
                d,
                &mut sources,
                lang,
                false,
            ));
            out.push_str("\n\n");
        }
        out.push_str(self.summary().get(lang));
        out.push('\n');
        out
    }

    /// The closing line.
    pub fn summary(&self) -> Localized {
        let (errors, warnings) = self.counts();
        let target = self.target.display();
        let (n, units, added, updated, removed, kept) = (
            self.candidates,
            self.units,
            self.added,
            self.updated,
            self.removed,
            self.kept,
        );
        if errors > 0 {
            tr!(
                "{errors} lỗi, {warnings} cảnh báo: chưa ghi gì; {target} giữ nguyên.",
                "{errors} error(s), {warnings} warning(s): nothing was written; {target} is unchanged."
            )
        } else if self.kind == Imported::Results {
            if self.unchanged {
                tr!(
                    "{target} không đổi: kết quả của {units} đơn vị bầu cử; {warnings} cảnh báo.",
                    "{target} unchanged: results of {units} units; {warnings} warning(s)."
                )
            } else {
                tr!(
                    "đã ghi {target}: kết quả của {units} đơn vị bầu cử, {n} người ứng cử ({added} đơn vị mới, {updated} cập nhật, {kept} giữ nguyên từ tệp); {warnings} cảnh báo.",
                    "wrote {target}: results of {units} units, {n} candidates ({added} new units, {updated} updated, {kept} kept from the file); {warnings} warning(s)."
                )
            }
        } else if self.kind == Imported::Units {
            if self.unchanged {
                tr!(
                    "{target} không đổi: {units} đơn vị bầu cử; {warnings} cảnh báo.",
                    "{target} unchanged: {units} units; {warnings} warning(s)."
                )
            } else {
                tr!(
                    "đã ghi {target}: {units} đơn vị bầu cử ({added} mới, {updated} cập nhật, {removed} bỏ); {warnings} cảnh báo.",
                    "wrote {target}: {units} units ({added} new, {updated} updated, {removed} removed); {warnings} warning(s)."
                )
            }
        } else if self.unchanged {
            tr!(
                "{target} không đổi: {n} người ứng cử ở {units} đơn vị; {warnings} cảnh báo.",
                "{target} unchanged: {n} candidates in {units} units; {warnings} warning(s)."
            )
        } else {
            tr!(
                "đã ghi {target}: {n} người ứng cử ở {units} đơn vị ({added} mới, {updated} cập nhật, {removed} bỏ khỏi danh sách); {warnings} cảnh báo.",
                "wrote {target}: {n} candidates in {units} units ({added} new, {updated} updated, {removed} removed); {warnings} warning(s)."
            )
        }
    }

    /// The report for programs.
    pub fn json(&self, lang: Lang) -> String {
        let value = serde_json::json!({
            "problems": self.problems.iter().map(|p| p.json(lang)).collect::<Vec<_>>(),
            "content": self.content,
            "target": self.target,
            "written": self.written,
            "unchanged": self.unchanged,
            "candidates": self.candidates,
            "units": self.units,
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "kept": self.kept,
            "summary": self.summary().get(lang),
        });
        serde_json::to_string_pretty(&value).unwrap_or_default()
    }
}
