//! The pages of electoral units: the index of levels, each level's units, the units
//! of one commune, each unit with its candidates and result, and the commune lookup.

use super::{erase, loc, plain, result_status, PageInput, PageView};
use crate::content::records::ResultStatus;
use crate::render::view::*;
use crate::routes::PageKind;
use crate::text::text_key;

impl PageInput<'_> {
    fn unit_summary(&self, unit_index: usize) -> UnitSummary {
        let unit = &self.portal.units[unit_index];
        UnitSummary {
            label: self.unit_label(unit),
            url: self.unit_url(unit_index),
            seats: unit.seats,
            candidates: unit.standings.len(),
            communes: unit
                .communes
                .iter()
                .map(|&c| self.commune_name(c))
                .collect(),
            area: unit.area.as_ref().map(|t| loc(t, self.lang())),
        }
    }
}

pub(super) fn units_index(p: &PageInput) -> PageView {
    let view = UnitsIndexView {
        levels: (0..p.election.levels.len())
            .map(|l| p.level_summary(l))
            .collect(),
        pending: p.pending(),
    };
    PageView {
        template: "units_index.html",
        meta_title: p.ui("title_units"),
        section: "units",
        description: None,
        breadcrumbs: p.crumbs(&[]),
        data: erase(view),
    }
}

pub(super) fn units_level(p: &PageInput, level: usize) -> PageView {
    let mut units = Vec::new();
    let mut communes: Vec<CommuneUnits> = Vec::new();
    for (i, unit) in p.portal.units_of_level(level) {
        match unit.commune {
            None => units.push(p.unit_summary(i)),
            Some(code) => {
                let url = p.url(&PageKind::CommuneUnits {
                    level,
                    commune: code,
                });
                match communes.last_mut() {
                    Some(c) if c.url == url => c.units.push(p.unit_summary(i)),
                    _ => communes.push(CommuneUnits {
                        name: p.commune_name(code),
                        url,
                        units: vec![p.unit_summary(i)],
                    }),
                }
            }
        }
    }
    let seats = p.portal.units_of_level(level).map(|(_, u)| u.seats).sum();
    let nothing = units.is_empty() && communes.is_empty();
    let name = p.level_name(level);
    let view = UnitsLevelView {
        level: name.clone(),
        units,
        communes,
        seats,
        empty: nothing.then(|| p.empty("empty_units", None)),
        stats: super::statistics::short_summary(p, level),
        stats_url: super::statistics::level_url(p, level),
    };
    PageView {
        template: "units_level.html",
        meta_title: format!("{} · {}", p.ui("title_units"), name.text),
        section: "units",
        description: None,
        breadcrumbs: p.crumbs(&[("nav_units", p.cx.urls.units_index())]),
        data: erase(view),
    }
}

pub(super) fn commune_units(p: &PageInput, level: usize, commune: u32) -> PageView {
    let units: Vec<UnitSummary> = p
        .portal
        .units_of_level(level)
        .filter(|(_, u)| u.commune == Some(commune))
        .map(|(i, _)| p.unit_summary(i))
        .collect();
    let name = p.level_name(level);
    let commune_name = p.commune_name(commune);
    let view = CommuneUnitsView {
        level: name.clone(),
        commune: commune_name.clone(),
        units,
    };
    let level_url = p.url(&PageKind::UnitsLevel(level));
    let mut crumbs = p.crumbs(&[("nav_units", p.cx.urls.units_index())]);
    crumbs.push(Link {
        label: name.clone(),
        url: level_url,
    });
    PageView {
        template: "commune_units.html",
        meta_title: format!("{} · {}", commune_name.text, name.text),
        section: "units",
        description: None,
        breadcrumbs: crumbs,
        data: erase(view),
    }
}

pub(super) fn unit(p: &PageInput, index: usize) -> PageView {
    let lang = p.lang();
    let unit = &p.portal.units[index];
    let lookup = p.cx.urls.lookup();
    let communes = unit
        .communes
        .iter()
        .map(|&code| Link {
            label: p.commune_name(code),
            url: format!(
                "{lookup}#{}",
                p.portal
                    .commune(code)
                    .map(|c| c.slug.as_str())
                    .unwrap_or_default()
            ),
        })
        .collect();
    let result = unit.result.as_ref().map(|res| {
        let figures = (res.voters, res.ballots_cast, res.valid_ballots);
        unit_result(p, res.status, figures, super::results::result_rows(p, res))
    });
    let label = p.unit_label(unit);
    let level = p.level_name(unit.level);
    let view = UnitView {
        level: level.clone(),
        label: label.clone(),
        seats: unit.seats,
        communes,
        commune: unit.commune.map(|c| p.commune_name(c)),
        area: unit.area.as_ref().map(|t| loc(t, lang)),
        description: unit.description.as_ref().map(|t| loc(t, lang)),
        candidates: unit.standings.iter().map(|&s| p.candidate_row(s)).collect(),
        result,
        empty: unit.standings.is_empty().then(|| {
            p.empty(
                "empty_candidates",
                p.expected(&["danh sach chinh thuc", "danh sach nhung nguoi ung cu"]),
            )
        }),
        portal_link: None,
    };
    let mut crumbs = p.crumbs(&[("nav_units", p.cx.urls.units_index())]);
    crumbs.push(Link {
        label: level.clone(),
        url: p.url(&PageKind::UnitsLevel(unit.level)),
    });
    if let Some(code) = unit.commune {
        crumbs.push(Link {
            label: p.commune_name(code),
            url: p.url(&PageKind::CommuneUnits {
                level: unit.level,
                commune: code,
            }),
        });
    }
    let mut meta_title = format!("{label} · {}", level.text);
    if let Some(code) = unit.commune {
        meta_title = format!("{label} · {} · {}", p.commune_name(code).text, level.text);
    }
    PageView {
        template: "unit.html",
        meta_title,
        section: "units",
        description: None,
        breadcrumbs: crumbs,
        data: erase(view),
    }
}

pub(super) fn lookup(p: &PageInput) -> PageView {
    let lang = p.lang();
    let levels = &p.election.levels;
    let mut communes: Vec<(crate::text::NameKey, LookupCommune)> = p
        .portal
        .communes
        .iter()
        .map(|c| {
            let cells: Vec<Vec<Link>> = vec![Vec::new(); levels.len()];
            (
                text_key(&c.name.vi),
                LookupCommune {
                    anchor: c.slug.clone(),
                    name: loc(&c.name, lang),
                    kind: p.cx.tr.code(lang, "commune_type", &c.kind).text,
                    cells,
                },
            )
        })
        .collect();
    // One pass over the units fills every commune's cells.
    let row_of: std::collections::HashMap<u32, usize> = p
        .portal
        .communes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.code, i))
        .collect();
    for (i, unit) in p.portal.units.iter().enumerate() {
        let link = Link {
            label: plain(p.unit_label(unit)),
            url: p.unit_url(i),
        };
        let codes: Vec<u32> = match unit.commune {
            Some(code) => vec![code],
            None => unit.communes.clone(),
        };
        for code in codes {
            if let Some(&row) = row_of.get(&code) {
                communes[row].1.cells[unit.level].push(link.clone());
            }
        }
    }
    communes.sort_by(|a, b| a.0.cmp(&b.0));
    let view = LookupView {
        levels: (0..levels.len()).map(|l| p.level_name(l)).collect(),
        communes: communes.into_iter().map(|(_, c)| c).collect(),
        vneid: p.portal.vneid.then(|| p.ui("vneid")),
        empty: p
            .portal
            .units
            .is_empty()
            .then(|| p.empty("empty_units", None)),
        script: p.cx.published.filter_js.clone(),
    };
    PageView {
        template: "lookup.html",
        meta_title: p.ui("title_lookup"),
        section: "lookup",
        description: None,
        breadcrumbs: p.crumbs(&[]),
        data: erase(view),
    }
}

/// A unit's result as its page shows it, on a province's portal or the national one:
/// `figures` are the voters, ballots cast and valid ballots; `rows` the candidates'
/// votes, the elected first.
pub(super) fn unit_result(
    p: &PageInput,
    status: ResultStatus,
    (voters, ballots_cast, valid_ballots): (Option<u64>, Option<u64>, Option<u64>),
    rows: Vec<ResultRow>,
) -> UnitResult {
    UnitResult {
        status_label: result_status(p, status),
        provisional: status == ResultStatus::Provisional,
        voters: p.maybe_count(voters),
        ballots_cast: p.maybe_count(ballots_cast),
        turnout: p.percent(ballots_cast, voters),
        valid_ballots: p.maybe_count(valid_ballots),
        invalid_ballots: p.maybe_count(match (ballots_cast, valid_ballots) {
            (Some(c), Some(v)) => c.checked_sub(v),
            _ => None,
        }),
        rows,
    }
}
