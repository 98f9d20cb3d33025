//! What a run found and did: diagnostics, translation coverage, each province's site,
//! timings.

use crate::check::Coverage;
use crate::diagnostics::Diagnostic;
use crate::timings::Timings;
use std::path::PathBuf;

/// What a build or check found and did.
#[derive(Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    pub coverage: Vec<Coverage>,
    pub sites: Vec<SiteReport>,
    /// Time of each pipeline stage, in order, summed over provinces (which are made
    /// side by side, so the stages can add up to more than the wall time).
    pub timings: Timings,
}

#[derive(Debug, Clone)]
pub struct SiteReport {
    pub province: String,
    pub path: PathBuf,
    /// Pages of the site.
    pub pages: usize,
    /// Files of the site (pages included).
    pub files: usize,
    /// Nothing the site is made from changed since the last build: not even loaded.
    pub unchanged: bool,
    /// Pages rendered by this build (the others were unchanged).
    pub rendered: usize,
    /// Files written by this build, their bytes, and files deleted.
    pub written: usize,
    pub bytes: u64,
    pub deleted: usize,
    /// The site-relative paths this build wrote or deleted (`tin-tuc/index.html`),
    /// sorted: what a live preview reloads.
    pub changed: Vec<String>,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}
