//! The [`Report`] of `check`, `build` and the preview as the command line prints it:
//! for people, each diagnostic with its source line ([`snippet`]), the translation
//! summary and a closing line; for programs, one JSON document.

pub mod snippet;

use crate::build::Report;
use crate::diagnostics::{tr, Diagnostic, Lang};
use std::path::Path;

/// How to print a report for people.
#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    /// The language of the messages.
    pub lang: Lang,
    /// A build (the closing line says nothing was published when there are errors,
    /// and names each site built), not a check.
    pub building: bool,
    /// Add the translation summary.
    pub coverage: bool,
    /// Colours for a terminal.
    pub colour: bool,
}

/// The report for people (standard error), each line ended.
pub fn human_report(report: &Report, root: &Path, options: &HumanOptions) -> String {
    let lang = options.lang;
    let (errors, warnings) = counts(report);
    let mut out = String::new();
    let mut sources = snippet::Sources::new(root);
    for d in &report.diagnostics {
        out.push_str(&snippet::render(d, &mut sources, lang, options.colour));
        out.push_str("\n\n");
    }
    let translation = match lang {
        Lang::Vi => "bản dịch",
        Lang::En => "translation",
    };
    for c in report.coverage.iter().filter(|_| options.coverage) {
        out.push_str(&format!("{translation}: {}\n", c.describe().get(lang)));
    }
    let summary = if errors > 0 {
        if options.building {
            tr!(
                "{errors} lỗi, {warnings} cảnh báo: chưa công bố gì; nội dung đã công bố trước đó giữ nguyên.",
                "{errors} error(s), {warnings} warning(s): nothing was published; the previous output is unchanged."
            )
        } else {
            tr!(
                "{errors} lỗi, {warnings} cảnh báo.",
                "{errors} error(s), {warnings} warning(s)."
            )
        }
    } else {
        for site in &report.sites {
            let (province, pages, files, path) =
                (&site.province, site.pages, site.files, site.path.display());
            let built = if site.unchanged {
                tr!(
                    "{province} không đổi: {pages} trang, {files} tệp tại {path}",
                    "{province} unchanged: {pages} pages, {files} files in {path}"
                )
            } else {
                let (rendered, written, deleted, kb) =
                    (site.rendered, site.written, site.deleted, site.bytes / 1024);
                tr!(
                    "đã xây dựng {province}: {pages} trang ({rendered} trang dựng lại), {files} tệp ({written} tệp ghi, {kb} KB; {deleted} tệp xóa) tại {path}",
                    "built {province}: {pages} pages ({rendered} rendered), {files} files ({written} written, {kb} KB; {deleted} deleted) in {path}"
                )
            };
            out.push_str(built.get(lang));
            out.push('\n');
        }
        tr!(
            "không có lỗi, {warnings} cảnh báo.",
            "no errors, {warnings} warning(s)."
        )
    };
    out.push_str(summary.get(lang));
    out.push('\n');
    out
}

/// The report for programs (standard output): `{lang, diagnostics, coverage, errors,
/// warnings}`, pretty-printed, without a trailing line break.
pub fn json_report(report: &Report, lang: Lang) -> String {
    let (errors, warnings) = counts(report);
    let diagnostics: Vec<serde_json::Value> = report
        .diagnostics
        .iter()
        .map(|d| json_diagnostic(d, lang))
        .collect();
    let coverage: Vec<serde_json::Value> = report
        .coverage
        .iter()
        .map(|c| {
            let mut value = serde_json::to_value(c).unwrap_or_default();
            value["text"] = c.describe().get(lang).into();
            value
        })
        .collect();
    let json = serde_json::json!({
        "lang": lang.code(),
        "diagnostics": diagnostics,
        "coverage": coverage,
        "errors": errors,
        "warnings": warnings,
    });
    serde_json::to_string_pretty(&json).unwrap_or_default()
}

/// Errors and warnings.
fn counts(report: &Report) -> (usize, usize) {
    let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
    (errors, report.diagnostics.len() - errors)
}

/// A diagnostic for programs: the texts in the chosen language, and both languages
/// under `translations`.
fn json_diagnostic(d: &Diagnostic, lang: Lang) -> serde_json::Value {
    let texts = |l: Lang| {
        serde_json::json!({
            "message": d.message.get(l),
            "expected": d.expected.as_ref().map(|e| e.get(l)),
            "hint": d.hint.as_ref().map(|h| h.get(l)),
        })
    };
    serde_json::json!({
        "severity": d.severity,
        "file": d.file.to_string_lossy().replace('\\', "/"),
        "line": d.line,
        "column": d.column,
        "length": d.length,
        "message": d.message.get(lang),
        "expected": d.expected.as_ref().map(|e| e.get(lang)),
        "hint": d.hint.as_ref().map(|h| h.get(lang)),
        "translations": { "vi": texts(Lang::Vi), "en": texts(Lang::En) },
    })
}
