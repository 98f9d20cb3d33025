//! The sheet's candidates merged with what the project already has, so that an
//! import is stable: a person keeps their id (matched by name and birth date, in
//! this level's file first, then in another level's), fields the sheet lacks (photo,
//! bio, translations, `self_nominated`, status) survive, ballot order comes from
//! `STT` within each unit, and a new person gets the id CONTENT.md describes
//! (`nguyen-thi-hong-hanh-1976`).

use super::candidate::SheetCandidate;
use super::header::{words, Field};
use super::problems::{Place, Problem};
use super::sheets::Workbook;
use super::table::place;
use crate::content::records::{CandidateRecord, CandidateStatus, Text};
use crate::diagnostics::tr;
use crate::text::{edit_distance, slugify};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// A record to write and the sheet row it came from.
#[derive(Debug, Clone)]
pub struct Merged {
    pub record: CandidateRecord,
    /// Index into the sheet's candidates.
    pub from: usize,
}

/// What the merge found besides the records.
#[derive(Debug, Default)]
pub struct MergeCounts {
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
}

type Key = (String, time::Date);

fn key_of(record: &CandidateRecord) -> Key {
    (words(&record.name), record.birth_date.0)
}

/// Merges the sheet's candidates with `existing` (the level file's records) and
/// `elsewhere` (the other level files' records). Problems are added to `problems`.
pub fn merge(
    book: &Workbook,
    sheet: &[SheetCandidate],
    existing: &[CandidateRecord],
    elsewhere: &[CandidateRecord],
    target: &Path,
    problems: &mut Vec<Problem>,
) -> (Vec<Merged>, MergeCounts) {
    let mut counts = MergeCounts::default();
    let order = ballot_orders(book, sheet, problems);
    twice_in_the_sheet(book, sheet, problems);

    // This level's records: exact name and birth date first, then a name corrected
    // by a letter or two with the same birth date.
    let mut base: Vec<Option<usize>> = vec![None; sheet.len()];
    let mut taken = vec![false; existing.len()];
    for (i, c) in sheet.iter().enumerate() {
        let key = key_of(&c.record);
        if let Some(e) = (0..existing.len()).find(|&e| !taken[e] && key_of(&existing[e]) == key) {
            base[i] = Some(e);
            taken[e] = true;
        }
    }
    for (i, c) in sheet.iter().enumerate() {
        if base[i].is_some() {
            continue;
        }
        let (name, born) = key_of(&c.record);
        let close = (0..existing.len()).find(|&e| {
            let (other, other_born) = key_of(&existing[e]);
            !taken[e] && other_born == born && edit_distance(&name, &other) <= 2
        });
        if let Some(e) = close {
            base[i] = Some(e);
            taken[e] = true;
            let (old, new, id) = (&existing[e].name, &c.record.name, &existing[e].id);
            problems.push(Problem::warning(
                place(book, c.sheet, c.row, c.column(Field::Name)),
                tr!(
                    "Tên `{old}` đổi thành `{new}`: vẫn là cùng một người (cùng ngày sinh), giữ mã `{id}`",
                    "the name `{old}` becomes `{new}`: the same person (same birth date), keeping the id `{id}`"
                ),
            ));
        }
    }

    let mut used: HashSet<String> = elsewhere.iter().map(|r| r.id.clone()).collect();
    for (i, _) in sheet.iter().enumerate() {
        if let Some(e) = base[i] {
            used.insert(existing[e].id.clone());
        }
    }
    let mut merged = Vec::with_capacity(sheet.len());
    for (i, c) in sheet.iter().enumerate() {
        let new = &c.record;
        let (mut record, same_level) = match base[i] {
            Some(e) => {
                counts.updated += 1;
                (existing[e].clone(), true)
            }
            None => {
                counts.added += 1;
                match elsewhere.iter().find(|r| key_of(r) == key_of(new)) {
                    // One person, one id, one biography in every level.
                    Some(other) => (other.clone(), false),
                    None => {
                        let id = new_id(new, &used);
                        used.insert(id.clone());
                        (CandidateRecord { id, ..new.clone() }, false)
                    }
                }
            }
        };
        if !same_level {
            record.status = CandidateStatus::Official;
            record.note = None;
        }
        record.name = new.name.clone();
        record.birth_date = new.birth_date;
        record.gender = new.gender.clone();
        record.unit = c.unit;
        record.ballot_order = order.get(&i).copied();
        let mut dropped: Vec<&str> = Vec::new();
        let mut text =
            |field: Field, name: &'static str, old: &mut Option<Text>, new: &Option<Text>| {
                if c.has(field) {
                    let (value, lost) = merge_text(old, new);
                    if lost {
                        dropped.push(name);
                    }
                    *old = value;
                }
            };
        text(
            Field::Hometown,
            "hometown",
            &mut record.hometown,
            &new.hometown,
        );
        text(
            Field::Residence,
            "residence",
            &mut record.residence,
            &new.residence,
        );
        text(
            Field::Qualification,
            "qualification",
            &mut record.qualification,
            &new.qualification,
        );
        text(
            Field::AcademicTitle,
            "academic_title",
            &mut record.academic_title,
            &new.academic_title,
        );
        text(
            Field::PoliticalTheory,
            "political_theory",
            &mut record.political_theory,
            &new.political_theory,
        );
        text(
            Field::ForeignLanguage,
            "foreign_language",
            &mut record.foreign_language,
            &new.foreign_language,
        );
        text(
            Field::Occupation,
            "occupation",
            &mut record.occupation,
            &new.occupation,
        );
        text(
            Field::Workplace,
            "workplace",
            &mut record.workplace,
            &new.workplace,
        );
        if c.has(Field::Ethnicity) {
            record.ethnicity = new.ethnicity.clone();
        }
        if c.has(Field::Religion) {
            record.religion = new.religion.clone();
        }
        if c.has(Field::Education) {
            record.education = new.education.clone();
        }
        if c.has(Field::PartyJoinDate) {
            record.party_join_date = new.party_join_date;
        }
        if c.has(Field::Incumbent) {
            record.incumbent = new.incumbent.clone();
        }
        if !dropped.is_empty() {
            let (list, name) = (dropped.join(", "), &record.name);
            problems.push(Problem::warning(
                place(book, c.sheet, c.row, None),
                tr!(
                    "{name}: nội dung tiếng Việt của {list} đã đổi nên bản dịch cũ bị bỏ; hãy dịch lại",
                    "{name}: the Vietnamese of {list} changed, so the old translation is dropped; translate it again"
                ),
            ));
        }
        merged.push(Merged { record, from: i });
    }
    for (e, record) in existing.iter().enumerate().filter(|(e, _)| !taken[*e]) {
        counts.removed += 1;
        let (name, id) = (&record.name, &record.id);
        problems.push(Problem::warning(
            Place {
                file: target.to_path_buf(),
                sheet: None,
                row: 0,
                column: None,
            },
            tr!(
                "{name} (`{id}`) không còn trong danh sách: bị bỏ khỏi tệp",
                "{name} (`{id}`) is no longer on the list: removed from the file"
            ),
        ));
        let _ = e;
    }
    merged.sort_by_key(|m| (m.record.unit, m.record.ballot_order, m.from));
    (merged, counts)
}

/// The new text; the old one (with its translations) when the Vietnamese is the
/// same. `true` when translations were lost.
fn merge_text(old: &Option<Text>, new: &Option<Text>) -> (Option<Text>, bool) {
    match (old, new) {
        (Some(o), Some(n)) if o.vi == n.vi => (Some(o.clone()), false),
        (Some(o), _) => (new.clone(), !o.translations.is_empty()),
        (None, _) => (new.clone(), false),
    }
}

/// `nguyen-thi-hong-hanh-1976`; with the month and day when that is taken; then a
/// number.
fn new_id(record: &CandidateRecord, used: &HashSet<String>) -> String {
    let date = record.birth_date.0;
    let slug = slugify(&record.name);
    let slug = if slug.is_empty() {
        "ung-cu-vien".to_string()
    } else {
        slug
    };
    let first = format!("{slug}-{}", date.year());
    if !used.contains(&first) {
        return first;
    }
    let second = format!("{first}-{:02}{:02}", u8::from(date.month()), date.day());
    let mut id = second.clone();
    let mut n = 2;
    while used.contains(&id) {
        id = format!("{second}-{n}");
        n += 1;
    }
    id
}

/// Each row's ballot order: the rank of its `STT` within its unit (lists number
/// each unit from 1, or the whole list on). The same number twice in a unit is an
/// error.
fn ballot_orders(
    book: &Workbook,
    sheet: &[SheetCandidate],
    problems: &mut Vec<Problem>,
) -> BTreeMap<usize, u32> {
    let mut by_unit: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, c) in sheet.iter().enumerate() {
        by_unit.entry(c.unit).or_default().push(i);
    }
    let mut orders = BTreeMap::new();
    for (unit, mut rows) in by_unit {
        rows.sort_by(|&a, &b| sheet[a].order.total_cmp(&sheet[b].order).then(a.cmp(&b)));
        for pair in rows.windows(2) {
            let (a, b) = (&sheet[pair[0]], &sheet[pair[1]]);
            if a.order == b.order {
                let (n, other) = (
                    a.order as u64,
                    book.sheets[a.sheet]
                        .cell_name(a.row, a.column(Field::Order).unwrap_or_default()),
                );
                problems.push(
                    Problem::error(
                        place(book, b.sheet, b.row, b.column(Field::Order)),
                        tr!(
                            "Số thứ tự {n} của đơn vị {unit} đã ghi ở ô {other}",
                            "the number {n} of unit {unit} is also in cell {other}"
                        ),
                    )
                    .hint(tr!(
                        "đánh số người ứng cử của mỗi đơn vị 1, 2, 3 … theo thứ tự trên phiếu bầu",
                        "number a unit's candidates 1, 2, 3 … in the order of the ballot"
                    )),
                );
            }
        }
        for (rank, i) in rows.into_iter().enumerate() {
            orders.insert(i, rank as u32 + 1);
        }
    }
    orders
}

/// One person (name and birth date) on two rows of one level's list.
fn twice_in_the_sheet(book: &Workbook, sheet: &[SheetCandidate], problems: &mut Vec<Problem>) {
    let mut seen: BTreeMap<Key, usize> = BTreeMap::new();
    for (i, c) in sheet.iter().enumerate() {
        if let Some(&first) = seen.get(&key_of(&c.record)) {
            let f = &sheet[first];
            let (name, row) = (&c.record.name, book.sheets[f.sheet].row_number(f.row));
            let sheet_name = &book.sheets[f.sheet].name;
            problems.push(Problem::error(
                place(book, c.sheet, c.row, c.column(Field::Name)),
                tr!(
                    "{name} (cùng ngày sinh) đã có ở dòng {row} (trang tính \"{sheet_name}\"): một người chỉ ứng cử ở một đơn vị của mỗi cấp",
                    "{name} (same birth date) is also on row {row} (sheet \"{sheet_name}\"): one person stands in one unit of each level"
                ),
            ));
        } else {
            seen.insert(key_of(&c.record), i);
        }
    }
}

/// `relative`, written in the file `from`, rewritten for the file `to` (both
/// relative to the project root): `photos/a.jpg` in `candidates/quoc-hoi.yaml` is
/// `../photos/a.jpg` in `candidates/hdnd-xa/6688.yaml`.
pub fn rebase(from: &Path, to: &Path, relative: &str) -> String {
    use std::path::Component;
    let resolve = |path: &Path| {
        let mut out: Vec<String> = Vec::new();
        for part in path.components() {
            match part {
                Component::CurDir => {}
                Component::ParentDir => {
                    out.pop();
                }
                other => out.push(other.as_os_str().to_string_lossy().into_owned()),
            }
        }
        out
    };
    let from_dir = from.parent().unwrap_or(Path::new(""));
    let target = resolve(&from_dir.join(relative));
    let here = resolve(to.parent().unwrap_or(Path::new("")));
    let common = target.iter().zip(&here).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); here.len() - common];
    parts.extend(target[common..].iter().cloned());
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photos_rebased_between_lists_at_different_depths() {
        let qh = Path::new("content/p/candidates/quoc-hoi.yaml");
        let xa = Path::new("content/p/candidates/hdnd-xa/6688.yaml");
        assert_eq!(rebase(qh, xa, "photos/a.jpg"), "../photos/a.jpg");
        assert_eq!(rebase(xa, qh, "../photos/a.jpg"), "photos/a.jpg");
        assert_eq!(rebase(qh, qh, "./photos/a.jpg"), "photos/a.jpg");
        assert_eq!(rebase(xa, xa, "b.jpg"), "b.jpg");
    }
}
