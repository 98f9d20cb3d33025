//! Views of the national portal's own pages (its unit pages use [`super::UnitView`]).

use super::{DateView, Loc, UnitSummary};
use serde::Serialize;

/// `national_home.html` (`/` of the national portal).
#[derive(Debug, Clone, Serialize)]
pub struct NationalHomeView {
    pub election: Loc,
    pub date: DateView,
    /// "34 provinces and cities · 182 electoral units · …".
    pub summary: String,
    /// The National Assembly candidates' composition in short.
    pub stats: Option<String>,
    pub stats_url: String,
    pub provinces: Vec<ProvinceRow>,
    /// The sums of the provinces' rows.
    pub total: ProvinceRow,
}

/// One province on the national home page.
#[derive(Debug, Clone, Serialize)]
pub struct ProvinceRow {
    pub name: Loc,
    /// Its own portal.
    pub portal_url: String,
    pub units: String,
    pub seats: String,
    pub candidates: String,
    /// The share of women among its candidates ("" when none).
    pub women: String,
}

/// `national_units.html` (`/don-vi-bau-cu/`) and `national_candidates.html`
/// (`/ung-cu-vien/`): every province, with its units (and their candidates).
#[derive(Debug, Clone, Serialize)]
pub struct NationalListView {
    /// The level shown ("Đại biểu Quốc hội").
    pub level: Loc,
    pub provinces: Vec<ProvinceUnits>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProvinceUnits {
    /// The anchor of its section (its id).
    pub id: String,
    pub name: Loc,
    pub portal_url: String,
    /// "8 đơn vị · 24 ứng cử viên".
    pub counts: String,
    pub units: Vec<UnitSummary>,
    /// Candidates page: each unit with its candidates, linking to the province's
    /// pages.
    pub candidates: Vec<UnitNames>,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnitNames {
    pub label: String,
    pub url: String,
    pub names: Vec<NameLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NameLink {
    pub name: String,
    pub url: String,
    pub elected: bool,
}
