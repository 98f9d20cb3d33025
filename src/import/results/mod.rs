//! `baucu import results`: the result minutes of a level ("Biên bản xác định kết quả
//! bầu cử": per unit, voters, ballots cast and valid ballots; per candidate, votes
//! and whether elected) into `results/<level>.yaml` (or `results/<level>/<code>.yaml`).
//! Candidates are named as the minutes name them, by name within their unit; the
//! file keeps the units the workbook does not give (minutes arrive unit by unit),
//! and for a unit it gives, what it lacks (the figures, who was elected).

pub mod read;
pub mod write;

use super::header::{words, Field};
use super::problems::{whole_file, Problem};
use super::table::place_at;
use super::{ImportError, ImportOptions, ImportReport, Imported};
use crate::content::records::{CandidateRecord, CandidateStatus, ResultStatus, UnitResultRecord};
use crate::diagnostics::{tr, Diagnostic, Localized};
use read::{Minutes, ResultRow};
use std::collections::BTreeMap;

/// Imports result minutes; see the module's documentation.
pub fn import_results(options: &ImportOptions) -> Result<ImportReport, ImportError> {
    let steps = super::progress::Steps::new(options.progress);
    steps.step(tr!("đọc dự án", "reading the project"));
    let project =
        super::project::Project::load(&options.root, options.province.as_deref(), &options.level)?;
    steps.step(tr!("đọc bảng tính", "reading the spreadsheet"));
    let book = super::sheets::read_workbook(&options.file).map_err(super::read_error)?;
    let mut problems = Vec::new();
    let minutes = read::read_minutes(&book, &mut problems);
    let titles = super::table::Table {
        titles: minutes.titles.clone(),
        ..Default::default()
    };
    let commune = super::which_commune(
        &project,
        &book,
        &titles,
        options.commune.as_deref(),
        &mut problems,
    )?;
    let target = project.results_target(commune);
    let mut report = ImportReport {
        kind: Imported::Results,
        target: target.clone(),
        ..ImportReport::default()
    };
    if minutes.units.is_empty() && !problems.iter().any(Problem::is_error) {
        problems.push(Problem::error(
            whole_file(&book.path),
            tr!(
                "Không tìm thấy kết quả của đơn vị bầu cử nào",
                "no electoral unit's results found"
            ),
        ));
    }
    if project.unreadable.contains(&target) {
        problems.push(super::unreadable_existing(&target));
    }
    let candidates: Vec<&CandidateRecord> = project
        .candidates
        .iter()
        .filter(|(_, l, c, _)| *l == project.level.id && *c == commune)
        .flat_map(|(.., f)| f.candidates.iter())
        .collect();
    let units: Vec<u32> = project
        .level_units(commune)
        .iter()
        .map(|u| u.number)
        .collect();
    let ids = match_candidates(&book, &minutes, &candidates, &units, &mut problems);
    if problems.iter().any(Problem::is_error) {
        return Ok(super::finish(report, problems, &book));
    }
    let status = if options.provisional {
        ResultStatus::Provisional
    } else {
        ResultStatus::Official
    };
    let existing: Vec<UnitResultRecord> = project
        .results
        .iter()
        .filter(|(path, ..)| *path == target)
        .flat_map(|(.., f)| f.units.iter().cloned())
        .collect();
    let has_elected = minutes.rows.iter().any(|r| r.elected.is_some());
    if !minutes.rows.is_empty() && !has_elected {
        problems.push(
            Problem::warning(
                whole_file(&book.path),
                tr!(
                    "Không có cột `Trúng cử`: danh sách người trúng cử giữ như trong {}",
                    "no column `Trúng cử`: who was elected stays as {} says",
                    target.display()
                ),
            )
            .hint(tr!(
                "thêm cột `Trúng cử` và đánh dấu `x` ở người trúng cử",
                "add a column `Trúng cử` with an `x` for each elected candidate"
            )),
        );
    }
    let mut results: Vec<UnitResultRecord> = Vec::new();
    for &number in &minutes.units {
        let old = existing.iter().find(|u| u.number == number);
        let figures = minutes.figures.get(&number);
        let figure = |field: Field, old: Option<u64>| figures.and_then(|f| f.get(field)).or(old);
        let rows: Vec<(&ResultRow, &str)> = minutes
            .rows
            .iter()
            .zip(&ids)
            .filter(|(r, _)| r.unit == number)
            .map(|(r, id)| (r, id.as_str()))
            .collect();
        let (votes, elected) = if rows.is_empty() {
            old.map(|o| (o.votes.clone(), o.elected.clone()))
                .unwrap_or_default()
        } else {
            let votes: BTreeMap<String, Option<u64>> = rows
                .iter()
                .map(|(r, id)| (id.to_string(), Some(r.votes)))
                .collect();
            let elected = if has_elected {
                rows.iter()
                    .filter(|(r, _)| r.elected == Some(true))
                    .map(|(_, id)| id.to_string())
                    .collect()
            } else {
                old.map(|o| o.elected.clone()).unwrap_or_default()
            };
            (votes, elected)
        };
        let record = UnitResultRecord {
            number,
            status,
            voters: figure(Field::Voters, old.and_then(|o| o.voters)),
            ballots_cast: figure(Field::BallotsCast, old.and_then(|o| o.ballots_cast)),
            valid_ballots: figure(Field::ValidBallots, old.and_then(|o| o.valid_ballots)),
            votes,
            elected,
        };
        match old {
            Some(_) => report.updated += 1,
            None => report.added += 1,
        }
        missing_candidates(&book, &record, &rows, &candidates, &mut problems);
        results.push(record);
    }
    for old in &existing {
        if !results.iter().any(|u| u.number == old.number) {
            report.kept += 1;
            results.push(old.clone());
        }
    }
    results.sort_by_key(|u| u.number);
    report.units = minutes.units.len();
    report.candidates = minutes.rows.len();

    let disk = project.root.join(&target);
    let old_text = std::fs::read_to_string(&disk).ok();
    let comments = match &old_text {
        Some(text) => super::leading_comments(text),
        None => super::generated_comments(&book, &titles, "results"),
    };
    let names: BTreeMap<&str, &str> = candidates
        .iter()
        .map(|c| (c.id.as_str(), c.name.as_str()))
        .collect();
    let written = write::write_results(&comments, &project.level.id, commune, &results, &names);
    let back: Result<crate::content::records::ResultsFile, _> =
        crate::content::yaml::parse_str(&written.text);
    let same = back.as_ref().is_ok_and(|f| {
        f.commune == commune
            && f.units.len() == results.len()
            && f.units.iter().zip(&results).all(|(a, b)| {
                (
                    a.number,
                    a.status,
                    a.voters,
                    a.ballots_cast,
                    a.valid_ballots,
                    &a.votes,
                    &a.elected,
                ) == (
                    b.number,
                    b.status,
                    b.voters,
                    b.ballots_cast,
                    b.valid_ballots,
                    &b.votes,
                    &b.elected,
                )
            })
    });
    if !same {
        return Err(super::internal_error());
    }
    steps.step(tr!(
        "kiểm tra dự án với tệp mới",
        "checking the project with the new file"
    ));
    super::sort_new_problems(
        &project,
        &target,
        &written.text,
        &mut report,
        &mut problems,
        |d| from_check(&book, &minutes, &ids, &results, &written, d),
    )?;
    super::write_unless_errors(report, problems, &book, &disk, old_text, &written.text)
}

/// The id of each row's candidate: the candidate of that unit with that name
/// (whatever the case and tone marks); rows that match none are errors with the
/// closest name, or the unit the person stands in.
fn match_candidates(
    book: &super::sheets::Workbook,
    minutes: &Minutes,
    candidates: &[&CandidateRecord],
    units: &[u32],
    problems: &mut Vec<Problem>,
) -> Vec<String> {
    let mut ids = Vec::with_capacity(minutes.rows.len());
    for &unit in &minutes.units {
        if !units.contains(&unit) {
            let at = minutes
                .rows
                .iter()
                .find(|r| r.unit == unit)
                .map(|r| r.unit_at)
                .or_else(|| {
                    minutes
                        .figures
                        .get(&unit)
                        .and_then(|f| f.values.values().next().map(|(_, at)| *at))
                });
            let place = at.map_or_else(|| whole_file(&book.path), |at| place_at(book, at));
            let list = units
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            problems.push(
                Problem::error(
                    place,
                    tr!(
                        "Không có đơn vị bầu cử số {unit} trong cấp này",
                        "there is no electoral unit {unit} in this level"
                    ),
                )
                .hint(tr!(
                    "các đơn vị bầu cử của cấp: {list}",
                    "the units of the level: {list}"
                )),
            );
        }
    }
    for (i, row) in minutes.rows.iter().enumerate() {
        let name = words(&row.name);
        let in_unit: Vec<&&CandidateRecord> = candidates
            .iter()
            .filter(|c| c.unit == row.unit && words(&c.name) == name)
            .collect();
        let written = row.name.split_whitespace().collect::<Vec<_>>().join(" ");
        let unit = row.unit;
        match in_unit.as_slice() {
            [one] => {
                if let Some(first) = minutes.rows[..i]
                    .iter()
                    .zip(&ids)
                    .find(|(_, id)| **id == one.id)
                {
                    let cell = book.sheets[first.0.name_at.sheet]
                        .cell_name(first.0.name_at.row, first.0.name_at.col);
                    problems.push(Problem::error(
                        place_at(book, row.name_at),
                        tr!(
                            "{written} đã có kết quả ở ô {cell}",
                            "{written} already has a result in cell {cell}"
                        ),
                    ));
                }
                ids.push(one.id.clone());
                continue;
            }
            [] => {}
            many => {
                let list = many
                    .iter()
                    .map(|c| c.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                problems.push(Problem::error(
                    place_at(book, row.name_at),
                    tr!(
                        "Đơn vị số {unit} có nhiều người tên {written} ({list}): không biết là ai",
                        "unit {unit} has several candidates named {written} ({list}): which one is meant is unclear"
                    ),
                ));
                ids.push(String::new());
                continue;
            }
        }
        ids.push(String::new());
        if !units.contains(&unit) {
            continue; // said once, above
        }
        let elsewhere: Vec<u32> = candidates
            .iter()
            .filter(|c| words(&c.name) == name)
            .map(|c| c.unit)
            .collect();
        let unit_names: Vec<String> = candidates
            .iter()
            .filter(|c| c.unit == unit)
            .map(|c| c.name.clone())
            .collect();
        let folded: Vec<String> = unit_names.iter().map(|n| words(n)).collect();
        let hint = if let [other] = elsewhere.as_slice() {
            Some(tr!(
                "{written} ứng cử ở đơn vị số {other}: kiểm tra cột hoặc dòng đơn vị",
                "{written} stands in unit {other}: check the unit column or section row"
            ))
        } else if let Some(close) = crate::text::closest(&name, folded.iter().map(String::as_str)) {
            let shown = &unit_names[folded.iter().position(|f| f == close).unwrap_or_default()];
            Some(tr!("có phải là {shown}?", "did you mean {shown}?"))
        } else {
            let list = unit_names.join(", ");
            (!list.is_empty()).then(|| {
                tr!(
                    "những người ứng cử của đơn vị số {unit}: {list}",
                    "the candidates of unit {unit}: {list}"
                )
            })
        };
        problems.push(
            Problem::error(
                place_at(book, row.name_at),
                tr!(
                    "{written} không có trong danh sách người ứng cử của đơn vị số {unit}",
                    "{written} is not on the candidate list of unit {unit}"
                ),
            )
            .maybe_hint(hint),
        );
    }
    ids
}

/// Candidates on the unit's list that the minutes give no votes (warnings).
fn missing_candidates(
    book: &super::sheets::Workbook,
    record: &UnitResultRecord,
    rows: &[(&ResultRow, &str)],
    candidates: &[&CandidateRecord],
    problems: &mut Vec<Problem>,
) {
    let Some((first, _)) = rows.first() else {
        return;
    };
    for c in candidates.iter().filter(|c| {
        c.unit == record.number
            && c.status == CandidateStatus::Official
            && !record.votes.contains_key(&c.id)
    }) {
        let (name, unit) = (&c.name, record.number);
        problems.push(Problem::warning(
            place_at(book, first.unit_at),
            tr!(
                "{name} có trong danh sách đơn vị số {unit} nhưng biên bản không ghi số phiếu",
                "{name} is on the list of unit {unit}, but the minutes give no votes"
            ),
        ));
    }
}

/// A problem `check` found in the new results file, at the cell its value came from.
fn from_check(
    book: &super::sheets::Workbook,
    minutes: &Minutes,
    ids: &[String],
    results: &[UnitResultRecord],
    written: &super::yaml::Written,
    d: Diagnostic,
) -> Problem {
    let line = written
        .text
        .lines()
        .nth(d.line.saturating_sub(1))
        .unwrap_or("");
    let located = written.at_line(d.line).and_then(|(i, field)| {
        let number = results.get(i)?.number;
        let row_of = |id: &str| {
            minutes
                .rows
                .iter()
                .zip(ids)
                .find(|(r, rid)| r.unit == number && *rid == id)
                .map(|(r, _)| r)
        };
        // `votes:` and `elected:` entries name their candidate on the line.
        let id = line
            .trim()
            .trim_start_matches("- ")
            .split([':', ' '])
            .next()
            .unwrap_or("");
        let figure = |f: Field| {
            minutes
                .figures
                .get(&number)
                .and_then(|fs| fs.values.get(&f))
                .map(|(_, at)| *at)
        };
        match field {
            "voters" => figure(Field::Voters),
            "ballots_cast" => figure(Field::BallotsCast),
            "valid_ballots" => figure(Field::ValidBallots),
            // The unit's total: its first candidate's votes.
            "votes" => row_of(id)
                .or_else(|| minutes.rows.iter().find(|r| r.unit == number))
                .map(|r| r.votes_at),
            "elected" => row_of(id).map(|r| r.elected_at.unwrap_or(r.name_at)),
            _ => minutes
                .rows
                .iter()
                .find(|r| r.unit == number)
                .map(|r| r.unit_at),
        }
    });
    Problem {
        severity: d.severity,
        place: located.map_or_else(|| whole_file(&book.path), |at| place_at(book, at)),
        message: Localized::clone(&d.message),
        expected: d.expected.map(|e| *e),
        hint: d.hint.map(|h| *h),
    }
}
