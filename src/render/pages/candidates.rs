//! The candidate pages: the list of every candidate by level and unit, and each
//! candidate's own page.

use super::{erase, loc, plain, result_status, PageInput, PageView};
use crate::content::records::{CandidateStatus, Text};
use crate::model::residence;
use crate::render::view::*;
use crate::routes::PageKind;
use crate::text::format_short_date;

pub(super) fn candidates(p: &PageInput) -> PageView {
    let levels: Vec<CandidatesLevel> = (0..p.election.levels.len())
        .map(|level| {
            let scope_commune =
                p.election.levels[level].scope == crate::content::records::Scope::Commune;
            let mut units = Vec::new();
            let mut communes: Vec<CommuneUnitsLinks> = Vec::new();
            let mut count = 0;
            for (i, unit) in p.portal.units_of_level(level) {
                count += unit.standings.len();
                if scope_commune {
                    let code = unit.commune.unwrap_or_default();
                    let link = Link {
                        label: plain(p.unit_label(unit)),
                        url: p.unit_url(i),
                    };
                    match communes.last_mut() {
                        Some(c)
                            if c.url
                                == p.url(&PageKind::CommuneUnits {
                                    level,
                                    commune: code,
                                }) =>
                        {
                            c.units.push(link)
                        }
                        _ => communes.push(CommuneUnitsLinks {
                            name: p.commune_name(code),
                            url: p.url(&PageKind::CommuneUnits {
                                level,
                                commune: code,
                            }),
                            units: vec![link],
                        }),
                    }
                } else if !unit.standings.is_empty() {
                    units.push(UnitCandidates {
                        label: p.unit_label(unit),
                        url: p.unit_url(i),
                        seats: unit.seats,
                        number: unit.number,
                        communes: unit.communes.len(),
                        candidates: unit.standings.iter().map(|&s| p.candidate_row(s)).collect(),
                    });
                }
            }
            CandidatesLevel {
                name: p.level_name(level),
                anchor: p.election.levels[level].id.clone(),
                units_url: p.url(&PageKind::UnitsLevel(level)),
                units,
                communes,
                candidates: count,
            }
        })
        .collect();
    let nobody = p.portal.standings.is_empty();
    let view = CandidatesIndexView {
        levels,
        script: p.cx.published.filter_js.clone(),
        empty: nobody.then(|| {
            p.empty(
                "empty_candidates",
                p.expected(&["danh sach chinh thuc", "danh sach nhung nguoi ung cu"]),
            )
        }),
    };
    PageView {
        template: "candidates.html",
        meta_title: p.ui("title_candidates"),
        section: "candidates",
        description: None,
        breadcrumbs: p.crumbs(&[]),
        data: erase(view),
    }
}

pub(super) fn candidate(p: &PageInput, index: usize) -> PageView {
    let lang = p.lang();
    let person = &p.portal.people[index];
    let r = &person.record;
    let tr = &p.cx.tr;
    let mut fields: Vec<Field> = Vec::new();
    let mut add = |key: &str, value: Option<Loc>| {
        if let Some(value) = value {
            fields.push(Field {
                label: p.ui(key),
                value,
            });
        }
    };
    let text = |t: &Option<Text>| t.as_ref().map(|t| loc(t, lang));
    add(
        "field_birth_date",
        Some(plain(format_short_date(r.birth_date.0, lang))),
    );
    add("field_gender", Some(tr.code(lang, "gender", &r.gender)));
    add("field_nationality", Some(plain(p.ui("nationality_vn"))));
    add(
        "field_ethnicity",
        r.ethnicity.as_ref().map(|c| tr.code(lang, "ethnicity", c)),
    );
    add(
        "field_religion",
        r.religion.as_ref().map(|c| tr.code(lang, "religion", c)),
    );
    add("field_hometown", text(&r.hometown));
    add(
        "field_residence",
        r.residence
            .as_ref()
            .and_then(|t| residence(t, p.portal.residence_privacy))
            .map(|t| loc(&t, lang)),
    );
    add(
        "field_education",
        r.education.as_ref().map(|e| plain(e.0.clone())),
    );
    add("field_qualification", text(&r.qualification));
    add("field_academic_title", text(&r.academic_title));
    add("field_political_theory", text(&r.political_theory));
    add("field_foreign_language", text(&r.foreign_language));
    add("field_occupation", text(&r.occupation));
    add("field_workplace", text(&r.workplace));
    add(
        "field_party_join_date",
        Some(match r.party_join_date {
            Some(d) => plain(format_short_date(d.0, lang)),
            None => plain(p.ui("not_party_member")),
        }),
    );
    let incumbent: Vec<String> = r
        .incumbent
        .iter()
        .filter_map(|id| p.election.level_index(id))
        .map(|l| p.level_name(l).text)
        .collect();
    add(
        "field_incumbent",
        Some(plain(if incumbent.is_empty() {
            p.ui("no")
        } else {
            incumbent.join("; ")
        })),
    );
    add(
        "field_self_nominated",
        Some(plain(p.ui(if r.self_nominated { "yes" } else { "no" }))),
    );

    let standings = person
        .standings
        .iter()
        .map(|&s| {
            let standing = &p.portal.standings[s];
            let unit = &p.portal.units[standing.unit];
            let withdrawn = standing.status == CandidateStatus::Withdrawn;
            let result = unit.result.as_ref().and_then(|res| {
                let votes = res.votes_of(index)?;
                Some(CandidateResult {
                    votes: p.count(votes),
                    percent: p.percent(Some(votes), res.valid_ballots),
                    elected: res.is_elected(index),
                    status_label: result_status(p, res.status),
                })
            });
            Standing {
                level: p.level_name(unit.level),
                unit: Link {
                    label: plain(p.unit_label(unit)),
                    url: p.unit_url(standing.unit),
                },
                commune: unit.commune.map(|c| p.commune_name(c)),
                ballot_order: standing.ballot_order,
                withdrawn,
                status_label: p.ui(if withdrawn {
                    "status_withdrawn"
                } else {
                    "status_official"
                }),
                note: standing.note.as_ref().map(|n| loc(n, lang)),
                result,
            }
        })
        .collect::<Vec<Standing>>();
    // "Người ứng cử · Đại biểu Quốc hội, Đơn vị bầu cử số 1": who and where.
    let description = std::iter::once(p.ui("candidate"))
        .chain(
            standings
                .iter()
                .map(|s| format!("{}, {}", s.level.text, s.unit.label.text)),
        )
        .collect::<Vec<_>>()
        .join(" · ");
    let view = CandidateView {
        name: r.name.clone(),
        photo: person
            .photo
            .and_then(|id| ImageView::of(p.portal.assets.image(id), &r.name)),
        fields,
        standings,
        bio: r.bio.as_ref().map(|b| p.rich_text(b, 3)),
    };
    PageView {
        template: "candidate.html",
        meta_title: r.name.clone(),
        section: "candidates",
        description: Some(description),
        breadcrumbs: p.crumbs(&[("nav_candidates", p.cx.urls.candidates())]),
        data: erase(view),
    }
}
