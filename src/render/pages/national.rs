//! The national portal's pages: the provinces with their figures (home), every
//! National Assembly unit by province, one page per unit, and the candidates by
//! province and unit. A candidate links to their page on the province's portal
//! rather than a copy of it. The statistics, search and 404 pages are the province
//! portals' own, over the country's figures and index.

use super::{date_view, erase, loc, plain, results, statistics, units, PageInput, PageView};
use crate::content::records::ResultStatus;
use crate::national::{Nation, NationalUnit, ProvinceEntry};
use crate::render::view::*;
use crate::routes::PageKind;
use crate::text::format_percent;

pub(super) fn build(p: &PageInput, nation: &Nation, kind: &PageKind) -> PageView {
    match kind {
        PageKind::Home => home(p, nation),
        PageKind::UnitsIndex => list(p, nation, false),
        PageKind::Candidates => list(p, nation, true),
        PageKind::NationalUnit { province, number } => {
            match nation
                .province(province)
                .and_then(|e| Some((e, e.units.iter().find(|u| u.number == *number)?)))
            {
                Some((entry, unit)) => unit_page(p, nation, entry, unit),
                None => super::build(
                    &PageInput {
                        national: None,
                        ..*p
                    },
                    &PageKind::NotFound,
                ),
            }
        }
        PageKind::Search => super::search::search(p),
        other => super::build(
            &PageInput {
                national: None,
                ..*p
            },
            other,
        ),
    }
}

fn unit_label(p: &PageInput, number: u32) -> String {
    p.cx.tr
        .format(p.lang(), "unit_label", &[("n", &number.to_string())])
}

/// A page of the province's own portal, as an absolute address.
fn on_portal(entry: &ProvinceEntry, url: String) -> String {
    format!("{}{url}", entry.base_url)
}

fn home(p: &PageInput, nation: &Nation) -> PageView {
    let lang = p.lang();
    let level = nation.level;
    let row = |name: Loc, portal_url: String, units: &[&NationalUnit]| {
        let seats: u64 = units.iter().map(|u| u64::from(u.seats)).sum();
        let candidates: Vec<_> = units.iter().flat_map(|u| &u.candidates).collect();
        let women = candidates.iter().filter(|c| c.gender == "female").count() as u64;
        ProvinceRow {
            name,
            portal_url,
            units: p.count(units.len() as u64),
            seats: p.count(seats),
            candidates: p.count(candidates.len() as u64),
            women: format_percent(women, candidates.len() as u64, lang).unwrap_or_default(),
        }
    };
    let provinces: Vec<ProvinceRow> = nation
        .provinces
        .iter()
        .map(|e| {
            let units: Vec<&NationalUnit> = e.units.iter().collect();
            row(loc(&e.name, lang), on_portal(e, p.cx.urls.home()), &units)
        })
        .collect();
    let all: Vec<&NationalUnit> = nation.provinces.iter().flat_map(|e| &e.units).collect();
    let total = row(plain(p.ui("national_total")), String::new(), &all);
    let summary = p
        .ui("national_summary")
        .replace("{provinces}", &p.count(nation.provinces.len() as u64))
        .replace("{units}", &total.units)
        .replace("{seats}", &total.seats)
        .replace("{candidates}", &total.candidates);
    let view = NationalHomeView {
        election: loc(&p.election.name, lang),
        date: date_view(p.election.date, lang),
        summary,
        stats: statistics::short_summary(p, level),
        stats_url: statistics::level_url(p, level),
        provinces,
        total,
    };
    PageView {
        template: "national_home.html",
        meta_title: p.ui("national_title"),
        section: "home",
        description: None,
        breadcrumbs: Vec::new(),
        data: erase(view),
    }
}

/// The units of every province (`/don-vi-bau-cu/`), or their candidates
/// (`/ung-cu-vien/`).
fn list(p: &PageInput, nation: &Nation, candidates: bool) -> PageView {
    let lang = p.lang();
    let provinces = nation
        .provinces
        .iter()
        .map(|entry| {
            let unit_url = |u: &NationalUnit| {
                p.url(&PageKind::NationalUnit {
                    province: entry.id.clone(),
                    number: u.number,
                })
            };
            let counts = format!(
                "{}: {} · {}: {}",
                p.ui("col_units"),
                p.count(entry.units.len() as u64),
                p.ui("col_candidates"),
                p.count(entry.candidates() as u64)
            );
            ProvinceUnits {
                id: entry.id.clone(),
                name: loc(&entry.name, lang),
                portal_url: on_portal(entry, p.cx.urls.home()),
                counts,
                units: match candidates {
                    true => Vec::new(),
                    false => entry
                        .units
                        .iter()
                        .map(|u| UnitSummary {
                            label: unit_label(p, u.number),
                            url: unit_url(u),
                            seats: u.seats,
                            candidates: u.candidates.len(),
                            communes: u.communes.iter().map(|c| loc(&c.name, lang)).collect(),
                            area: None,
                        })
                        .collect(),
                },
                candidates: match candidates {
                    false => Vec::new(),
                    true => entry
                        .units
                        .iter()
                        .map(|u| UnitNames {
                            label: unit_label(p, u.number),
                            url: unit_url(u),
                            names: u
                                .candidates
                                .iter()
                                .map(|c| NameLink {
                                    name: c.name.clone(),
                                    url: on_portal(entry, p.cx.urls.candidate(&c.id)),
                                    elected: c.elected,
                                })
                                .collect(),
                        })
                        .collect(),
                },
            }
        })
        .collect();
    let view = NationalListView {
        level: p.level_name(nation.level),
        provinces,
    };
    let (template, title, section) = match candidates {
        true => ("national_candidates.html", "title_candidates", "candidates"),
        false => ("national_units.html", "title_units", "units"),
    };
    PageView {
        template,
        meta_title: p.ui(title),
        section,
        description: None,
        breadcrumbs: p.crumbs(&[]),
        data: erase(view),
    }
}

fn unit_page(
    p: &PageInput,
    nation: &Nation,
    entry: &ProvinceEntry,
    unit: &NationalUnit,
) -> PageView {
    let lang = p.lang();
    let level_id = &p.election.levels[nation.level].id;
    let lookup = on_portal(entry, p.cx.urls.lookup());
    let candidate_url = |id: &str| on_portal(entry, p.cx.urls.candidate(id));
    let result = unit.result.as_ref().map(|res| {
        let rows = unit
            .candidates
            .iter()
            .map(|c| {
                let row = ResultRow {
                    name: c.name.clone(),
                    url: candidate_url(&c.id),
                    votes: p.maybe_count(c.votes),
                    percent: p.percent(c.votes, res.valid_ballots),
                    elected: c.elected,
                };
                (c.elected, c.votes.unwrap_or(0), row)
            })
            .collect();
        let status = match res.official {
            true => ResultStatus::Official,
            false => ResultStatus::Provisional,
        };
        let figures = (res.voters, res.ballots_cast, res.valid_ballots);
        units::unit_result(p, status, figures, results::elected_first(rows))
    });
    let label = unit_label(p, unit.number);
    let province = loc(&entry.name, lang);
    let view = UnitView {
        level: p.level_name(nation.level),
        label: label.clone(),
        seats: unit.seats,
        communes: unit
            .communes
            .iter()
            .map(|c| Link {
                label: loc(&c.name, lang),
                url: format!("{lookup}#{}", c.slug),
            })
            .collect(),
        commune: Some(province.clone()),
        area: None,
        description: unit.description.as_ref().map(|t| loc(t, lang)),
        candidates: unit
            .candidates
            .iter()
            .map(|c| CandidateRow {
                ballot_order: c.ballot_order,
                name: c.name.clone(),
                url: candidate_url(&c.id),
                birth_year: c.birth_year,
                gender: p.cx.tr.code(lang, "gender", &c.gender).text,
                occupation: c.occupation.as_ref().map(|t| loc(t, lang)),
                workplace: c.workplace.as_ref().map(|t| loc(t, lang)),
                withdrawn: false,
                status_label: None,
                elected: c.elected,
            })
            .collect(),
        result,
        empty: None,
        portal_link: Some(Link {
            label: plain(
                p.ui("national_on_portal")
                    .replace("{province}", &province.text),
            ),
            url: on_portal(entry, p.cx.urls.unit(level_id, None, unit.number)),
        }),
    };
    let mut crumbs = p.crumbs(&[("nav_units", p.cx.urls.units_index())]);
    crumbs.push(Link {
        label: province.clone(),
        url: format!("{}#{}", p.cx.urls.units_index(), entry.id),
    });
    PageView {
        template: "unit.html",
        meta_title: format!("{label} · {}", province.text),
        section: "units",
        description: None,
        breadcrumbs: crumbs,
        data: erase(view),
    }
}
