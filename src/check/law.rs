//! The election law's numbers (Law No. 85/2015/QH13 as amended by No. 83/2025/QH15).

use crate::content::records::{CandidateRecord, Scope};
use crate::diagnostics::Diagnostic;
use crate::model::{Election, Portal};
use std::collections::HashMap;

/// Minimum age on election day (Art. 2).
const MIN_AGE: i32 = 21;
/// Levels one person may stand at (Art. 36(3)).
const MAX_LEVELS: usize = 2;
/// Women's share of the National Assembly list (Art. 8(3)), in percent.
const WOMEN_SHARE: usize = 35;

/// Every commune is in exactly one unit of each province-wide level (Art. 10).
pub fn communes_covered(portal: &Portal, election: &Election, found: &mut Vec<Diagnostic>) {
    for (level_index, level) in election.levels.iter().enumerate() {
        if level.scope != Scope::Province {
            continue;
        }
        let mut units_of: HashMap<u32, Vec<u32>> = HashMap::new();
        let mut any = false;
        for (_, unit) in portal.units_of_level(level_index) {
            any = true;
            for (j, &code) in unit.communes.iter().enumerate() {
                let earlier = units_of.entry(code).or_default();
                if let Some(&first) = earlier.first() {
                    found.push(unit.origin.error(&format!("communes.{j}"), format!(
                        "commune {code} is in unit {first} and again in unit {} of level `{}`", unit.number, level.id
                    )).hint("each commune belongs to exactly one unit of a level: remove it from one of them"));
                }
                earlier.push(unit.number);
            }
        }
        if !any {
            continue;
        }
        for commune in &portal.communes {
            if !units_of.contains_key(&commune.code) {
                found.push(
                    commune
                        .origin
                        .error(
                            "code",
                            format!(
                                "commune {} ({}) is in no unit of level `{}`",
                                commune.code, commune.name.vi, level.id
                            ),
                        )
                        .hint(format!(
                            "add {} to the `communes:` of one unit in units/{}.yaml",
                            commune.code, level.id
                        )),
                );
            }
        }
    }
}

/// Seats in a unit ≤ the level's maximum (Art. 10(4)).
pub fn seats_within_limit(portal: &Portal, election: &Election, found: &mut Vec<Diagnostic>) {
    for unit in &portal.units {
        let level = &election.levels[unit.level];
        if unit.seats > level.max_seats_per_unit {
            found.push(
                unit.origin
                    .error(
                        "seats",
                        format!(
                            "unit {} elects {} deputies; a unit of `{}` elects at most {}",
                            unit.number, unit.seats, level.id, level.max_seats_per_unit
                        ),
                    )
                    .hint("split the unit, or correct the number of seats"),
            );
        }
    }
}

/// How many more candidates than seats a unit needs (Art. 57(6), Art. 58(3)).
pub fn required_surplus(level_id: &str, seats: u32) -> u32 {
    if level_id == "quoc-hoi" {
        2
    } else {
        match seats {
            0..=2 => 1,
            3 => 2,
            _ => 3,
        }
    }
}

/// More candidates than seats in every unit with a published list.
pub fn enough_candidates(portal: &Portal, election: &Election, found: &mut Vec<Diagnostic>) {
    for unit in &portal.units {
        let listed = unit.standings.len() as u32;
        if listed == 0 {
            continue; // the list is not published yet
        }
        let level = &election.levels[unit.level];
        let needed = unit.seats + required_surplus(&level.id, unit.seats);
        if listed < needed {
            let first = &portal.standings[unit.standings[0]];
            found.push(
                first
                    .origin
                    .error(
                        "unit",
                        format!(
                "unit {} of `{}` elects {} and has {} candidates; the law needs at least {}",
                unit.number, level.id, unit.seats, listed, needed
            ),
                    )
                    .hint(format!(
                        "add {} candidate(s) to unit {}, or check the unit's seats",
                        needed - listed,
                        unit.number
                    )),
            );
        }
    }
}

/// A candidate is at least 21 on election day (Art. 2).
pub fn minimum_age(portal: &Portal, election: &Election, found: &mut Vec<Diagnostic>) {
    for standing in &portal.standings {
        let birth = portal.people[standing.person].record.birth_date.0;
        let day = election.date;
        let mut age = day.year() - birth.year();
        if (day.month() as u8, day.day()) < (birth.month() as u8, birth.day()) {
            age -= 1;
        }
        if age < MIN_AGE {
            found.push(
                standing
                    .origin
                    .error(
                        "birth_date",
                        format!(
                            "{} is {age} on election day; a candidate must be at least {MIN_AGE}",
                            portal.people[standing.person].record.name
                        ),
                    )
                    .hint("check the year of birth"),
            );
        }
    }
}

/// One person stands at no more than two levels (Art. 36(3)).
pub fn at_most_two_levels(portal: &Portal, election: &Election, found: &mut Vec<Diagnostic>) {
    for person in &portal.people {
        if person.standings.len() > MAX_LEVELS {
            let extra = &portal.standings[person.standings[MAX_LEVELS]];
            let levels: Vec<&str> = person
                .standings
                .iter()
                .map(|&s| {
                    election.levels[portal.units[portal.standings[s].unit].level]
                        .id
                        .as_str()
                })
                .collect();
            found.push(extra.origin.error("id", format!(
                "{} stands at {} levels ({}); one person may stand at no more than {MAX_LEVELS}",
                person.record.name, levels.len(), levels.join(", ")
            )).hint("remove the person from one level, or give a different person a different id"));
        }
    }
}

/// One id at two levels carries the same biography: only unit, ballot order, status
/// and note may differ.
pub fn same_biography(portal: &Portal, found: &mut Vec<Diagnostic>) {
    for standing in &portal.standings {
        let Some(record) = &standing.repeated_record else {
            continue;
        };
        let first = &portal.people[standing.person].record;
        for field in differing_fields(first, record) {
            found.push(
                standing
                    .origin
                    .error(
                        field,
                        format!(
                            "{} stands at two levels but `{field}` differs between the two lists",
                            first.name
                        ),
                    )
                    .hint("one person has one biography: copy the same value into both files"),
            );
        }
    }
}

fn differing_fields(a: &CandidateRecord, b: &CandidateRecord) -> Vec<&'static str> {
    let mut out = Vec::new();
    macro_rules! cmp {
        ($($f:ident),*) => { $( if a.$f != b.$f { out.push(stringify!($f)); } )* };
    }
    cmp!(
        name,
        birth_date,
        gender,
        hometown,
        residence,
        ethnicity,
        religion,
        education,
        qualification,
        academic_title,
        political_theory,
        foreign_language,
        occupation,
        workplace,
        party_join_date,
        incumbent,
        self_nominated,
        bio,
        photo
    );
    out
}

/// Results: cast ≤ voters; valid ≤ cast; votes ≤ valid; elected ≤ seats; a unit's
/// votes sum to at most seats × valid ballots.
pub fn results_add_up(portal: &Portal, found: &mut Vec<Diagnostic>) {
    for unit in &portal.units {
        let Some(res) = &unit.result else { continue };
        let o = &res.origin;
        if let (Some(cast), Some(voters)) = (res.ballots_cast, res.voters) {
            if cast > voters {
                found.push(
                    o.error(
                        "ballots_cast",
                        format!("{cast} ballots cast but only {voters} registered voters"),
                    )
                    .hint("ballots cast cannot exceed registered voters"),
                );
            }
        }
        if let (Some(valid), Some(cast)) = (res.valid_ballots, res.ballots_cast) {
            if valid > cast {
                found.push(
                    o.error(
                        "valid_ballots",
                        format!("{valid} valid ballots but only {cast} ballots cast"),
                    )
                    .hint("valid ballots cannot exceed ballots cast"),
                );
            }
        }
        if let Some(valid) = res.valid_ballots {
            let mut total: u64 = 0;
            for &(person, votes) in &res.votes {
                let Some(votes) = votes else { continue };
                total += votes;
                if votes > valid {
                    let id = &portal.people[person].id;
                    found.push(o.error(
                        &format!("votes.{id}"),
                        format!("{id} has {votes} votes, more than the {valid} valid ballots"),
                    ));
                }
            }
            let ceiling = valid * u64::from(unit.seats);
            if total > ceiling {
                found.push(o.error("votes", format!(
                    "the votes add up to {total}, more than seats × valid ballots = {} × {valid} = {ceiling}", unit.seats
                )).hint("a ballot keeps at most as many names as there are seats: check the vote counts"));
            }
        }
        if res.elected.len() as u32 > unit.seats {
            found.push(o.error(
                "elected",
                format!(
                    "{} elected but unit {} has only {} seats",
                    res.elected.len(),
                    unit.number,
                    unit.seats
                ),
            ));
        }
    }
}

/// An elected candidate has more than half of the valid votes, and turnout is over
/// half (Art. 78).
pub fn winners_have_majority(portal: &Portal, found: &mut Vec<Diagnostic>) {
    for unit in &portal.units {
        let Some(res) = &unit.result else { continue };
        if let (Some(cast), Some(voters)) = (res.ballots_cast, res.voters) {
            if !res.elected.is_empty() && cast * 2 <= voters {
                found.push(res.origin.error("ballots_cast", format!(
                    "only {cast} of {voters} voters voted (half or less), so nobody can be elected in unit {}", unit.number
                )).hint("the law requires a repeat vote when turnout is not over half"));
            }
        }
        let Some(valid) = res.valid_ballots else {
            continue;
        };
        for (j, &person) in res.elected.iter().enumerate() {
            let votes = res.votes_of(person).unwrap_or(0);
            if votes * 2 <= valid {
                found.push(res.origin.error(&format!("elected.{j}"), format!(
                    "{} is marked elected with {votes} of {valid} valid votes; a winner needs more than half",
                    portal.people[person].record.name
                )));
            }
        }
    }
}

/// Women are at least 35% of a province's National Assembly list (a warning).
pub fn women_share(portal: &Portal, election: &Election, found: &mut Vec<Diagnostic>) {
    let Some(level) = election.level_index("quoc-hoi") else {
        return;
    };
    let list: Vec<usize> = portal
        .units_of_level(level)
        .flat_map(|(_, u)| u.standings.iter().copied())
        .collect();
    if list.is_empty() {
        return;
    }
    let women = list
        .iter()
        .filter(|&&s| portal.people[portal.standings[s].person].record.gender == "female")
        .count();
    if women * 100 < list.len() * WOMEN_SHARE {
        let first = &portal.standings[list[0]];
        found.push(first.origin.warning("", format!(
            "women are {women} of the {} National Assembly candidates ({}%); the law's target is at least {WOMEN_SHARE}%",
            list.len(), women * 100 / list.len()
        )));
    }
}
