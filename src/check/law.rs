//! The election law's numbers (Law No. 85/2015/QH13 as amended by No. 83/2025/QH15).
//! The numbers that differ between elections come from `baucu.yaml` (see
//! [`crate::model::Election`] and [`crate::model::Level`]).

use crate::content::records::{CandidateRecord, Scope};
use crate::diagnostics::{tr, Diagnostic};
use crate::model::{Election, Level, Portal};
use std::collections::HashMap;
use std::path::Path;

/// Every commune is in exactly one unit of each province-wide level (Art. 10).
pub fn communes_covered(portal: &Portal, election: &Election, found: &mut Vec<Diagnostic>) {
    for (level_index, level) in election.levels.iter().enumerate() {
        if level.scope != Scope::Province {
            continue;
        }
        let level_id = &level.id;
        let mut units_of: HashMap<u32, Vec<u32>> = HashMap::new();
        let mut any = false;
        for (_, unit) in portal.units_of_level(level_index) {
            any = true;
            let number = unit.number;
            for (j, &code) in unit.communes.iter().enumerate() {
                let earlier = units_of.entry(code).or_default();
                if let Some(&first) = earlier.first() {
                    let name = commune_name(portal, code);
                    found.push(
                        unit.origin
                            .error(
                                &format!("communes.{j}"),
                                tr!(
                                    "{name} (mã {code}) đã thuộc đơn vị bầu cử số {first} nhưng lại có trong đơn vị số {number} của cấp `{level_id}`",
                                    "commune {code} ({name}) is in unit {first} and again in unit {number} of level `{level_id}`"
                                ),
                            )
                            .expected(tr!(
                                "mỗi xã, phường, đặc khu thuộc đúng một đơn vị bầu cử của mỗi cấp",
                                "each commune in exactly one unit of each level"
                            ))
                            .hint(tr!(
                                "xóa mã {code} khỏi đơn vị số {first} hoặc đơn vị số {number}",
                                "each commune belongs to exactly one unit of a level: remove {code} from unit {first} or unit {number}"
                            )),
                    );
                }
                earlier.push(unit.number);
            }
        }
        if !any {
            continue;
        }
        for commune in &portal.communes {
            if !units_of.contains_key(&commune.code) {
                let code = commune.code;
                let name = &commune.name.vi;
                found.push(
                    commune
                        .origin
                        .error(
                            "code",
                            tr!(
                                "{name} (mã {code}) chưa thuộc đơn vị bầu cử nào của cấp `{level_id}`",
                                "commune {code} ({name}) is in no unit of level `{level_id}`"
                            ),
                        )
                        .expected(tr!(
                            "mỗi xã, phường, đặc khu thuộc đúng một đơn vị bầu cử của mỗi cấp",
                            "each commune in exactly one unit of each level"
                        ))
                        .hint(tr!(
                            "thêm mã {code} vào `communes:` của một đơn vị trong units/{level_id}.yaml",
                            "add {code} to the `communes:` of one unit in units/{level_id}.yaml"
                        )),
                );
            }
        }
    }
}

fn commune_name(portal: &Portal, code: u32) -> String {
    portal
        .commune(code)
        .map_or_else(|| code.to_string(), |c| c.name.vi.clone())
}

/// Seats in a unit ≤ the level's maximum (Art. 10(4)).
pub fn seats_within_limit(portal: &Portal, election: &Election, found: &mut Vec<Diagnostic>) {
    for unit in &portal.units {
        let level = &election.levels[unit.level];
        let (number, seats, max, level_id) =
            (unit.number, unit.seats, level.max_seats_per_unit, &level.id);
        if seats > max {
            found.push(
                unit.origin
                    .error(
                        "seats",
                        tr!(
                            "Đơn vị bầu cử số {number} bầu {seats} đại biểu; mỗi đơn vị của cấp `{level_id}` bầu nhiều nhất {max} đại biểu",
                            "unit {number} elects {seats} deputies; a unit of `{level_id}` elects at most {max}"
                        ),
                    )
                    .expected(tr!("nhiều nhất {max} ghế", "at most {max} seats"))
                    .hint(tr!(
                        "tách đơn vị này, hoặc sửa lại số ghế; mức tối đa là `max_seats_per_unit` của cấp `{level_id}` trong baucu.yaml",
                        "split the unit, or correct the number of seats; the maximum is `max_seats_per_unit` of level `{level_id}` in baucu.yaml"
                    )),
            );
        }
    }
}

/// How many more candidates than seats a unit of `level` needs (Art. 57(6), 58(3)).
pub fn required_surplus(level: &Level, seats: u32) -> u32 {
    level.min_extra_candidates.for_seats(seats)
}

/// More candidates than seats in every unit with a published list (withdrawn
/// candidates count: the list as published). Reported at the unit's `seats`, with
/// the list's place in the hint: either may be what needs correcting.
pub fn enough_candidates(portal: &Portal, election: &Election, found: &mut Vec<Diagnostic>) {
    for unit in &portal.units {
        let listed = unit.standings.len() as u32;
        if listed == 0 {
            continue; // the list is not published yet
        }
        let level = &election.levels[unit.level];
        let extra = required_surplus(level, unit.seats);
        let needed = unit.seats.saturating_add(extra);
        if listed < needed {
            let (number, seats, level_id, missing) =
                (unit.number, unit.seats, &level.id, needed - listed);
            let first = &portal.standings[unit.standings[0]];
            let list_file = first.origin.file_path().display().to_string();
            let list_line = first.origin.position("unit").line;
            found.push(
                unit.origin
                    .error(
                        "seats",
                        tr!(
                            "Đơn vị bầu cử số {number} của cấp `{level_id}` bầu {seats} đại biểu nhưng chỉ có {listed} người ứng cử; luật yêu cầu ít nhất {needed} người",
                            "unit {number} of `{level_id}` elects {seats} and has {listed} candidates; the law needs at least {needed}"
                        ),
                    )
                    .expected(tr!(
                        "ít nhất {needed} người ứng cử ({seats} ghế + {extra})",
                        "at least {needed} candidates ({seats} seats + {extra})"
                    ))
                    .hint(tr!(
                        "bổ sung {missing} người ứng cử vào danh sách đơn vị số {number} ({list_file}, dòng {list_line}), hoặc kiểm tra lại số ghế của đơn vị",
                        "add {missing} candidate(s) to the list of unit {number} ({list_file}, line {list_line}), or check the unit's seats"
                    )),
            );
        }
    }
}

/// A candidate is old enough on election day (Art. 2: 21).
pub fn minimum_age(portal: &Portal, election: &Election, found: &mut Vec<Diagnostic>) {
    let min = election.min_candidate_age;
    let day = election.date;
    // The latest birth date allowed: `min` years before election day (29 February
    // falls back to the 28th).
    let latest = i32::try_from(min)
        .ok()
        .and_then(|years| day.year().checked_sub(years))
        .and_then(|year| {
            time::Date::from_calendar_date(year, day.month(), day.day())
                .or_else(|_| time::Date::from_calendar_date(year, day.month(), 28))
                .ok()
        });
    for standing in &portal.standings {
        let record = &portal.people[standing.person].record;
        let birth = record.birth_date.0;
        let mut age = i64::from(day.year()) - i64::from(birth.year());
        if (day.month() as u8, day.day()) < (birth.month() as u8, birth.day()) {
            age -= 1;
        }
        if age < i64::from(min) {
            let name = &record.name;
            let mut d = standing
                .origin
                .error(
                    "birth_date",
                    tr!(
                        "{name} mới {age} tuổi vào ngày bầu cử ({day}); người ứng cử phải đủ {min} tuổi",
                        "{name} is {age} on election day ({day}); a candidate must be at least {min}"
                    ),
                )
                .hint(tr!("kiểm tra lại năm sinh", "check the year of birth"));
            if let Some(latest) = latest {
                d = d.expected(tr!(
                    "sinh ngày {latest} trở về trước",
                    "born on or before {latest}"
                ));
            }
            found.push(d);
        }
    }
}

/// One person stands at no more than two levels (Art. 36(3)).
pub fn at_most_two_levels(portal: &Portal, election: &Election, found: &mut Vec<Diagnostic>) {
    let max = election.max_levels_per_person;
    for person in &portal.people {
        if person.standings.len() > max {
            let extra = &portal.standings[person.standings[max]];
            let levels: Vec<&str> = person
                .standings
                .iter()
                .map(|&s| {
                    election.levels[portal.units[portal.standings[s].unit].level]
                        .id
                        .as_str()
                })
                .collect();
            let (name, count, list) = (&person.record.name, levels.len(), levels.join(", "));
            found.push(
                extra
                    .origin
                    .error(
                        "id",
                        tr!(
                            "{name} ứng cử ở {count} cấp ({list}); mỗi người chỉ được ứng cử nhiều nhất {max} cấp",
                            "{name} stands at {count} levels ({list}); one person may stand at no more than {max}"
                        ),
                    )
                    .expected(tr!("nhiều nhất {max} cấp", "at most {max} levels"))
                    .hint(tr!(
                        "bỏ người này khỏi một cấp; nếu là hai người khác nhau thì đặt mã (`id`) khác nhau",
                        "remove the person from one level, or give a different person a different id"
                    )),
            );
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
        let person = &portal.people[standing.person];
        let first = &person.record;
        let first_standing = person
            .standings
            .iter()
            .map(|&s| &portal.standings[s])
            .find(|s| s.repeated_record.is_none());
        let first_place = first_standing
            .map(|s| {
                format!(
                    "{}:{}",
                    s.origin.file_path().display(),
                    s.origin.position("id").line
                )
            })
            .unwrap_or_default();
        let mut fields = differing_fields(first, record);
        // A photo is the same when both paths lead to one file: the lists may be
        // at different depths (candidates/quoc-hoi.yaml, candidates/hdnd-xa/6688.yaml).
        let photo_of = |file: &Path, photo: &Option<String>| {
            photo
                .as_ref()
                .map(|p| lexical_join(file.parent().unwrap_or(Path::new("")), p))
        };
        let first_photo = first_standing.map(|s| photo_of(s.origin.file_path(), &first.photo));
        if first_photo.is_some_and(|p| p != photo_of(standing.origin.file_path(), &record.photo)) {
            fields.push("photo");
        }
        for field in fields {
            let name = &first.name;
            found.push(
                standing
                    .origin
                    .error(
                        field,
                        tr!(
                            "{name} ứng cử ở hai cấp nhưng trường `{field}` ở hai danh sách khác nhau",
                            "{name} stands at two levels but `{field}` differs between the two lists"
                        ),
                    )
                    .expected(tr!(
                        "cùng một lý lịch ở mọi danh sách (chỉ `unit`, `ballot_order`, `status` và `note` được khác)",
                        "the same biography in every list (only `unit`, `ballot_order`, `status` and `note` may differ)"
                    ))
                    .hint(tr!(
                        "mỗi người chỉ có một lý lịch: chép cùng giá trị `{field}` như ở {first_place}",
                        "one person has one biography: copy the same `{field}` as in {first_place}"
                    )),
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
        bio
    );
    out
}

/// `dir/relative` with `.` and `..` worked out on the path's text.
fn lexical_join(dir: &Path, relative: &str) -> std::path::PathBuf {
    let mut out = std::path::PathBuf::new();
    for part in dir.join(relative).components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Results: cast ≤ voters; valid ≤ cast; votes ≤ valid; elected ≤ seats; a unit's
/// votes sum to at most seats × valid ballots.
pub fn results_add_up(portal: &Portal, found: &mut Vec<Diagnostic>) {
    for unit in &portal.units {
        let Some(res) = &unit.result else { continue };
        let o = &res.origin;
        let number = unit.number;
        for (field, count) in [
            ("voters", res.voters),
            ("ballots_cast", res.ballots_cast),
            ("valid_ballots", res.valid_ballots),
        ] {
            if count == Some(0) {
                found.push(
                    o.error(
                        field,
                        tr!(
                            "Đơn vị số {number}: `{field}` là 0; số chưa biết thì ghi null, không ghi 0",
                            "unit {number}: `{field}` is 0; a count not known yet is written null, never 0"
                        ),
                    )
                    .expected(tr!("một số lớn hơn 0, hoặc null", "a number above 0, or null"))
                    .hint(tr!(
                        "ghi `{field}: null` cho đến khi có số chính thức",
                        "write `{field}: null` until the count is known"
                    )),
                );
            }
        }
        if let (Some(cast), Some(voters)) = (res.ballots_cast, res.voters) {
            if cast > voters {
                found.push(
                    o.error(
                        "ballots_cast",
                        tr!(
                            "Đơn vị số {number}: số cử tri đã bỏ phiếu ({cast}) lớn hơn số cử tri trong danh sách ({voters})",
                            "unit {number}: {cast} ballots cast but only {voters} registered voters"
                        ),
                    )
                    .expected(tr!("không quá {voters}", "at most {voters}"))
                    .hint(tr!(
                        "số phiếu thu vào không thể nhiều hơn số cử tri: kiểm tra `ballots_cast` và `voters`",
                        "ballots cast cannot exceed registered voters: check `ballots_cast` and `voters`"
                    )),
                );
            }
        }
        if let (Some(valid), Some(cast)) = (res.valid_ballots, res.ballots_cast) {
            if valid > cast {
                found.push(
                    o.error(
                        "valid_ballots",
                        tr!(
                            "Đơn vị số {number}: số phiếu hợp lệ ({valid}) lớn hơn số phiếu thu vào ({cast})",
                            "unit {number}: {valid} valid ballots but only {cast} ballots cast"
                        ),
                    )
                    .expected(tr!("không quá {cast}", "at most {cast}"))
                    .hint(tr!(
                        "số phiếu hợp lệ không thể nhiều hơn số phiếu thu vào: kiểm tra `valid_ballots` và `ballots_cast`",
                        "valid ballots cannot exceed ballots cast: check `valid_ballots` and `ballots_cast`"
                    )),
                );
            }
        }
        if let Some(valid) = res.valid_ballots {
            let mut total: u64 = 0;
            for &(person, votes) in &res.votes {
                let Some(votes) = votes else { continue };
                total = total.saturating_add(votes);
                if votes > valid {
                    let id = &portal.people[person].id;
                    found.push(
                        o.error(
                            &format!("votes.{id}"),
                            tr!(
                                "`{id}` được {votes} phiếu, nhiều hơn số phiếu hợp lệ ({valid})",
                                "{id} has {votes} votes, more than the {valid} valid ballots"
                            ),
                        )
                        .expected(tr!("không quá {valid}", "at most {valid}"))
                        .hint(tr!(
                            "kiểm tra lại số phiếu của `{id}` và `valid_ballots`",
                            "check the votes of `{id}` and `valid_ballots`"
                        )),
                    );
                }
            }
            let seats = unit.seats;
            let ceiling = valid.saturating_mul(u64::from(seats));
            if total > ceiling {
                found.push(
                    o.key_error(
                        "votes",
                        tr!(
                            "Đơn vị số {number}: tổng số phiếu bầu là {total}, vượt quá số ghế × số phiếu hợp lệ = {seats} × {valid} = {ceiling}",
                            "unit {number}: the votes add up to {total}, more than seats × valid ballots = {seats} × {valid} = {ceiling}"
                        ),
                    )
                    .expected(tr!("tổng không quá {ceiling}", "a total of at most {ceiling}"))
                    .hint(tr!(
                        "mỗi lá phiếu chỉ giữ lại nhiều nhất bằng số ghế: kiểm tra lại số phiếu",
                        "a ballot keeps at most as many names as there are seats: check the vote counts"
                    )),
                );
            }
        }
        let (elected, seats) = (res.elected.len(), unit.seats);
        if elected as u64 > u64::from(seats) {
            found.push(
                o.error(
                    "elected",
                    tr!(
                        "Có {elected} người trúng cử nhưng đơn vị số {number} chỉ có {seats} ghế",
                        "{elected} elected but unit {number} has only {seats} seats"
                    ),
                )
                .expected(tr!("nhiều nhất {seats} người", "at most {seats}"))
                .hint(tr!(
                    "kiểm tra danh sách `elected` và số ghế của đơn vị",
                    "check the `elected` list and the unit's seats"
                )),
            );
        }
    }
}

/// An elected candidate has more than half of the valid votes, and turnout is over
/// half (Art. 78).
pub fn winners_have_majority(portal: &Portal, found: &mut Vec<Diagnostic>) {
    for unit in &portal.units {
        let Some(res) = &unit.result else { continue };
        let number = unit.number;
        if let (Some(cast), Some(voters)) = (res.ballots_cast, res.voters) {
            if !res.elected.is_empty() && u128::from(cast) * 2 <= u128::from(voters) {
                found.push(
                    res.origin
                        .error(
                            "ballots_cast",
                            tr!(
                                "Chỉ có {cast} trên {voters} cử tri đi bầu (không quá một nửa) nên đơn vị số {number} không thể có người trúng cử",
                                "only {cast} of {voters} voters voted (half or less), so nobody can be elected in unit {number}"
                            ),
                        )
                        .expected(tr!(
                            "quá một nửa số cử tri đi bầu",
                            "more than half of the voters voting"
                        ))
                        .hint(tr!(
                            "luật quy định phải bầu cử lại khi số cử tri đi bầu chưa quá một nửa: để trống `elected`, hoặc kiểm tra lại số liệu",
                            "the law requires a repeat vote when turnout is not over half: leave `elected` empty, or check the numbers"
                        )),
                );
            }
        }
        let Some(valid) = res.valid_ballots else {
            continue;
        };
        for (j, &person) in res.elected.iter().enumerate() {
            let votes = res.votes_of(person).unwrap_or(0);
            if u128::from(votes) * 2 <= u128::from(valid) {
                let name = &portal.people[person].record.name;
                let half = valid / 2 + 1;
                found.push(
                    res.origin
                        .error(
                            &format!("elected.{j}"),
                            tr!(
                                "{name} được ghi là trúng cử với {votes} trên {valid} phiếu hợp lệ; người trúng cử phải được quá một nửa số phiếu hợp lệ",
                                "{name} is marked elected with {votes} of {valid} valid votes; a winner needs more than half"
                            ),
                        )
                        .expected(tr!("ít nhất {half} phiếu", "at least {half} votes"))
                        .hint(tr!(
                            "kiểm tra lại danh sách `elected` và số phiếu",
                            "check the `elected` list and the vote counts"
                        )),
                );
            }
        }
    }
}

/// Women are at least the level's share of its list in the province (Art. 8(3): 35%
/// of the National Assembly list) — a warning: a national target, not a condition.
pub fn women_share(portal: &Portal, election: &Election, found: &mut Vec<Diagnostic>) {
    for (index, level) in election.levels.iter().enumerate() {
        let Some(min) = level.min_women_percent.filter(|&p| p > 0) else {
            continue;
        };
        let list: Vec<usize> = portal
            .units_of_level(index)
            .flat_map(|(_, u)| u.standings.iter().copied())
            .collect();
        if list.is_empty() {
            continue;
        }
        let women = list
            .iter()
            .filter(|&&s| portal.people[portal.standings[s].person].record.gender == "female")
            .count();
        let total = list.len();
        if (women as u64) * 100 < (total as u64) * u64::from(min) {
            let percent = women * 100 / total;
            let needed = (total as u64 * u64::from(min)).div_ceil(100);
            let (name_vi, name_en) = (
                &level.name.vi,
                level.name.get("en").unwrap_or(&level.name.vi),
            );
            let first = &portal.standings[list[0]];
            found.push(
                first
                    .origin
                    .warning(
                        "",
                        tr!(
                            "Phụ nữ chỉ chiếm {women} trên {total} người ứng cử {name_vi} ({percent}%); mục tiêu của luật là ít nhất {min}%",
                            "women are {women} of the {total} candidates for {name_en} ({percent}%); the law's target is at least {min}%"
                        ),
                    )
                    .expected(tr!(
                        "ít nhất {needed} phụ nữ ({min}%)",
                        "at least {needed} women ({min}%)"
                    )),
            );
        }
    }
}
