//! Views of the lookup and results pages, and the script of a filter box.

use super::{EmptyNote, Link, Loc, ResultRow};
use serde::Serialize;

/// A theme script published by its hash (`filter.js`), with its Subresource
/// Integrity value: the page loads it with `defer`.
#[derive(Debug, Clone, Serialize, Default)]
pub struct ScriptView {
    pub url: String,
    pub integrity: String,
}

/// `lookup.html` (`/tra-cuu/`): every commune, alphabetically, with its unit at
/// each level.
#[derive(Debug, Clone, Serialize)]
pub struct LookupView {
    /// Level names, the column headers.
    pub levels: Vec<Loc>,
    pub communes: Vec<LookupCommune>,
    pub vneid: Option<String>,
    /// Set while no unit is published: the communes are listed, their units not yet.
    pub empty: Option<EmptyNote>,
    /// The filter box's script.
    pub script: ScriptView,
}

#[derive(Debug, Clone, Serialize)]
pub struct LookupCommune {
    /// Anchor id: `<commune-slug>-<code>`; unit pages link to `/tra-cuu/#<anchor>`.
    pub anchor: String,
    pub name: Loc,
    pub kind: String,
    /// One cell per level, in `levels` order: the unit(s), or empty when none.
    pub cells: Vec<Vec<Link>>,
}

/// `results.html` (`/ket-qua/`).
#[derive(Debug, Clone, Serialize)]
pub struct ResultsView {
    pub levels: Vec<LevelResults>,
    pub empty: Option<EmptyNote>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LevelResults {
    pub name: Loc,
    pub anchor: String,
    /// Some unit names its commune: the table has a commune column.
    pub by_commune: bool,
    pub units: Vec<UnitResultSummary>,
    /// Totals over the units whose numbers are known.
    pub total: ResultTotals,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnitResultSummary {
    pub label: String,
    /// The unit's number: with the level, the card's anchor (`<level>-<number>`) on
    /// province-wide levels.
    pub number: u32,
    pub url: String,
    /// For commune-wide levels, the commune.
    pub commune: Option<Loc>,
    pub status_label: String,
    pub provisional: bool,
    pub voters: String,
    pub ballots_cast: String,
    pub turnout: String,
    pub valid_ballots: String,
    pub elected: Vec<Link>,
    pub seats: u32,
    /// Every candidate's votes and share, the elected first (most votes first).
    pub rows: Vec<ResultRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ResultTotals {
    pub voters: String,
    pub ballots_cast: String,
    pub turnout: String,
    pub valid_ballots: String,
    pub elected: usize,
    pub seats: u32,
}
