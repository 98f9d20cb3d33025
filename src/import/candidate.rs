//! One row of the list mapped to a candidate record of the content format, every
//! cell read and every problem of the row reported at its cell. Fields whose column
//! the sheet lacks are left to what the project already has (see `merge.rs`).

use super::header::Field;
use super::problems::Problem;
use super::project::Project;
use super::sheets::{Cell, Workbook};
use super::table::{place, place_at, At, Row};
use super::values::{self, Issue};
use crate::content::records::{CandidateRecord, CandidateStatus, Date, ScalarString, Text};
use crate::diagnostics::tr;

/// A candidate as the sheet gives them.
#[derive(Debug, Clone)]
pub struct SheetCandidate {
    /// The sheet and row (indexes).
    pub sheet: usize,
    pub row: usize,
    /// The fields the sheet has a column for, with the column.
    pub columns: Vec<(usize, Field)>,
    pub unit: u32,
    /// Where the unit was said (a section row, a title or the unit column).
    pub unit_at: Option<At>,
    /// The number in `STT`.
    pub order: f64,
    /// The values read; fields without a column keep their defaults.
    pub record: CandidateRecord,
}

impl SheetCandidate {
    pub fn has(&self, field: Field) -> bool {
        self.columns.iter().any(|(_, f)| *f == field)
    }

    pub fn column(&self, field: Field) -> Option<usize> {
        self.columns
            .iter()
            .find(|(_, f)| *f == field)
            .map(|(c, _)| *c)
    }
}

/// Reads a row; `None` (with its problems added) when a value cannot be read.
pub fn read_row(
    book: &Workbook,
    row: &Row,
    project: &Project,
    units: &[u32],
    problems: &mut Vec<Problem>,
) -> Option<SheetCandidate> {
    let sheet = &book.sheets[row.sheet];
    let before = problems.iter().filter(|p| p.is_error()).count();
    let cell = |field: Field| -> (&Cell, Option<usize>) {
        match row.column(field) {
            Some(c) => (sheet.cell(row.row, c), Some(c)),
            None => (&Cell::Empty, None),
        }
    };
    let mut report = |field: Field, issue: Issue| {
        let (_, col) = cell(field);
        let label = field.label();
        let mut p = Problem::error(
            place(book, row.sheet, row.row, col),
            crate::diagnostics::Localized::new(
                format!("{label}: {}", issue.message.vi),
                format!("{label}: {}", issue.message.en),
            ),
        );
        p.expected = issue.expected.map(|e| *e);
        p.hint = issue.hint.map(|h| *h);
        problems.push(p);
    };

    let name = cell(Field::Name).0.line();
    if name.is_empty() {
        report(
            Field::Name,
            issue(tr!("Chưa ghi họ và tên", "the name is missing")),
        );
    }
    let order = values::order(cell(Field::Order).0)
        .map_err(|i| report(Field::Order, i))
        .ok();
    let birth_date = match values::date(cell(Field::BirthDate).0) {
        Ok(Some(d)) => Some(d),
        Ok(None) => {
            report(
                Field::BirthDate,
                issue(tr!("Chưa ghi ngày sinh", "the birth date is missing")),
            );
            None
        }
        Err(i) => {
            report(Field::BirthDate, i);
            None
        }
    };
    let gender = values::gender(cell(Field::Gender).0)
        .map_err(|i| report(Field::Gender, i))
        .ok();
    if row.column(Field::Nationality).is_some() {
        let _ = values::nationality(cell(Field::Nationality).0)
            .map_err(|i| report(Field::Nationality, i));
    }
    let ethnicity = project
        .ethnicity
        .code_of(cell(Field::Ethnicity).0)
        .map_err(|i| report(Field::Ethnicity, i))
        .ok()
        .flatten();
    let religion = project
        .religion
        .code_of(cell(Field::Religion).0)
        .map_err(|i| report(Field::Religion, i))
        .ok()
        .flatten();
    let party_join_date = values::date(cell(Field::PartyJoinDate).0)
        .or_else(|i| {
            // "Không" / "Chưa vào Đảng": not a party member.
            let w = super::header::words(&cell(Field::PartyJoinDate).0.line());
            if w == "khong" || w.starts_with("chua") {
                Ok(None)
            } else {
                Err(i)
            }
        })
        .map_err(|i| report(Field::PartyJoinDate, i))
        .ok()
        .flatten();
    if let (Some(joined), Some(born)) = (party_join_date, birth_date) {
        if joined <= born {
            report(
                Field::PartyJoinDate,
                issue(tr!(
                    "Ngày vào Đảng không thể trước ngày sinh",
                    "the date of joining the Party cannot be before the birth date"
                )),
            );
        }
    }
    let incumbent = project
        .level_names
        .incumbent(cell(Field::Incumbent).0)
        .map_err(|i| report(Field::Incumbent, i))
        .unwrap_or_default();

    // The unit: its column, else the section or title row above.
    let mut unit = row.section_unit;
    if let Some(col) = row.column(Field::Unit) {
        match values::unit_cell(sheet.cell(row.row, col)) {
            Ok(Some(n)) => unit = Some((n, row.at(col))),
            Ok(None) => {}
            Err(i) => report(Field::Unit, i),
        }
    }
    let unit = match unit {
        Some((n, at)) => Some((n, Some(at))),
        None if units.len() == 1 => Some((units[0], None)),
        None => {
            problems.push(
                Problem::error(
                    place(book, row.sheet, row.row, None),
                    tr!(
                        "Không rõ {name} thuộc đơn vị bầu cử nào",
                        "which electoral unit {name} stands in is not said"
                    ),
                )
                .hint(tr!(
                    "thêm một dòng `Đơn vị bầu cử số N` phía trên những người của đơn vị đó, hoặc một cột `Đơn vị bầu cử`",
                    "add a row `Đơn vị bầu cử số N` above the unit's candidates, or a column `Đơn vị bầu cử`"
                )),
            );
            None
        }
    };
    if let Some((n, at)) = unit {
        if !units.contains(&n) {
            let list = units
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            let level = &project.level.id;
            let at_place = match at {
                Some(at) => place_at(book, at),
                None => place(book, row.sheet, row.row, None),
            };
            let mut p = Problem::error(
                at_place,
                tr!(
                    "Không có đơn vị bầu cử số {n} trong cấp `{level}`",
                    "there is no electoral unit {n} in level `{level}`"
                ),
            );
            p = if units.is_empty() {
                p.hint(tr!(
                    "cấp này chưa có đơn vị nào: thêm các đơn vị vào units/ trước",
                    "the level has no units yet: add them under units/ first"
                ))
            } else {
                p.expected(tr!(
                    "một trong các số: {list}",
                    "one of the numbers: {list}"
                ))
            };
            // One problem per place: a section row names the unit of many rows.
            if !problems.contains(&p) {
                problems.push(p);
            }
        }
    }
    if problems.iter().filter(|p| p.is_error()).count() > before {
        return None;
    }
    let (unit, unit_at) = unit?;
    let text = |field: Field| values::text(cell(field).0, false).map(Text::plain);
    let record = CandidateRecord {
        id: String::new(),
        name,
        unit,
        ballot_order: None,
        birth_date: Date(birth_date?),
        gender: gender?,
        hometown: text(Field::Hometown),
        residence: text(Field::Residence),
        ethnicity,
        religion,
        education: values::text(cell(Field::Education).0, true).map(ScalarString),
        qualification: text(Field::Qualification),
        academic_title: text(Field::AcademicTitle),
        political_theory: text(Field::PoliticalTheory),
        foreign_language: text(Field::ForeignLanguage),
        occupation: text(Field::Occupation),
        workplace: text(Field::Workplace),
        party_join_date: party_join_date.map(Date),
        incumbent,
        self_nominated: false,
        status: CandidateStatus::Official,
        note: None,
        bio: None,
        photo: None,
    };
    Some(SheetCandidate {
        sheet: row.sheet,
        row: row.row,
        columns: row.columns.clone(),
        unit,
        unit_at,
        order: order?,
        record,
    })
}

fn issue(message: crate::diagnostics::Localized) -> Issue {
    Issue {
        message,
        expected: None,
        hint: None,
    }
}
