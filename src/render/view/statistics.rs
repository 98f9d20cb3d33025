//! The statistics page's view: per level, the candidates and the elected, each with
//! a chart, a sentence and the table of its figures.

use super::Loc;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct StatisticsView {
    pub levels: Vec<LevelStatisticsView>,
    /// Said when no level has a candidate list yet.
    pub empty: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LevelStatisticsView {
    pub name: Loc,
    pub anchor: String,
    /// "14 candidates for 8 seats in 3 units: 1.75 per seat."
    pub per_seat: String,
    pub groups: Vec<GroupView>,
}

/// The candidates or the elected of a level.
#[derive(Debug, Clone, Serialize)]
pub struct GroupView {
    pub title: String,
    pub anchor: String,
    /// The figures in a sentence, for a quick read and for screen readers.
    pub summary: String,
    /// SVG drawn at build time.
    pub chart: String,
    pub rows: Vec<MeasureView>,
    pub education: Vec<MeasureView>,
    pub age_chart: String,
    pub age: Vec<MeasureView>,
    pub ethnicity: Vec<MeasureView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MeasureView {
    pub label: Loc,
    pub count: String,
    pub percent: String,
    /// The law's target beside the figure ("at least 35%"), when it has one.
    pub target: Option<String>,
    /// The target is missed.
    pub below_target: bool,
}
