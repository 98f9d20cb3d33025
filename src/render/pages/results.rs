//! The results page: every unit's result and each level's totals.

use super::{erase, plain, result_status, PageInput, PageView};
use crate::content::records::ResultStatus;
use crate::model::UnitResult;
use crate::render::view::*;
use crate::routes::PageKind;
use crate::text::format_percent;

pub(super) fn results(p: &PageInput) -> PageView {
    let lang = p.lang();
    let mut levels = Vec::new();
    for level in 0..p.election.levels.len() {
        let mut units = Vec::new();
        let (mut voters, mut cast, mut valid, mut elected_total, mut seats) =
            (0u64, 0u64, 0u64, 0usize, 0u32);
        let mut complete = true;
        for (i, unit) in p.portal.units_of_level(level) {
            seats += unit.seats;
            let Some(res) = &unit.result else {
                complete = false;
                continue;
            };
            match (res.voters, res.ballots_cast, res.valid_ballots) {
                (Some(v), Some(c), Some(ok)) => {
                    voters += v;
                    cast += c;
                    valid += ok;
                }
                _ => complete = false,
            }
            elected_total += res.elected.len();
            units.push(UnitResultSummary {
                label: p.unit_label(unit),
                number: unit.number,
                url: p.unit_url(i),
                commune: unit.commune.map(|c| p.commune_name(c)),
                status_label: result_status(p, res.status),
                provisional: res.status == ResultStatus::Provisional,
                voters: p.maybe_count(res.voters),
                ballots_cast: p.maybe_count(res.ballots_cast),
                turnout: p.percent(res.ballots_cast, res.voters),
                valid_ballots: p.maybe_count(res.valid_ballots),
                seats: unit.seats,
                rows: result_rows(p, res),
                elected: res
                    .elected
                    .iter()
                    .map(|&person| Link {
                        label: plain(p.portal.people[person].record.name.clone()),
                        url: p.url(&PageKind::Candidate(person)),
                    })
                    .collect(),
            });
        }
        // A level without results stays on the page, saying so, once another has some.
        let unknown = p.ui("unknown");
        let known = |n: u64| {
            if complete {
                p.count(n)
            } else {
                format!("{} ({unknown})", p.count(n))
            }
        };
        levels.push(LevelResults {
            name: p.level_name(level),
            anchor: p.election.levels[level].id.clone(),
            by_commune: units.iter().any(|u| u.commune.is_some()),
            units,
            total: ResultTotals {
                voters: known(voters),
                ballots_cast: known(cast),
                turnout: if complete {
                    format_percent(cast, voters, lang).unwrap_or(unknown.clone())
                } else {
                    unknown.clone()
                },
                valid_ballots: known(valid),
                elected: elected_total,
                seats,
            },
        });
    }
    let expected = p
        .expected(&["ket qua"])
        .or((p.today <= p.election.date).then_some(p.election.date));
    if levels.iter().all(|l| l.units.is_empty()) {
        levels.clear();
    }
    let view = ResultsView {
        empty: levels
            .is_empty()
            .then(|| p.empty("empty_results", expected)),
        levels,
    };
    PageView {
        template: "results.html",
        meta_title: p.ui("title_results"),
        section: "results",
        description: None,
        breadcrumbs: p.crumbs(&[]),
        data: erase(view),
    }
}

/// Every candidate's votes and share of the valid ballots: the elected first, then
/// the others, each by votes, most first (unknown votes last).
pub(super) fn result_rows(p: &PageInput, res: &UnitResult) -> Vec<ResultRow> {
    elected_first(
        res.votes
            .iter()
            .map(|&(person, votes)| {
                let elected = res.is_elected(person);
                let row = ResultRow {
                    name: p.portal.people[person].record.name.clone(),
                    url: p.url(&PageKind::Candidate(person)),
                    votes: p.maybe_count(votes),
                    percent: p.percent(votes, res.valid_ballots),
                    elected,
                };
                (elected, votes.unwrap_or(0), row)
            })
            .collect(),
    )
}

/// Result rows (each with whether elected and its votes) in the order a unit's
/// results show them: the elected first, then by votes, most first.
pub(super) fn elected_first(mut rows: Vec<(bool, u64, ResultRow)>) -> Vec<ResultRow> {
    rows.sort_by_key(|r| (std::cmp::Reverse(r.0), std::cmp::Reverse(r.1)));
    rows.into_iter().map(|(_, _, row)| row).collect()
}
