//! Reading result minutes in the layouts committees publish them:
//! - a table with a row per candidate (Họ và tên, Số phiếu bầu, Trúng cử), the unit
//!   in a column or in section rows ("Đơn vị bầu cử số 3") above its candidates;
//! - the unit's figures (Tổng số cử tri, Số cử tri đã tham gia bỏ phiếu, Số phiếu hợp
//!   lệ) as columns of those rows (repeated or merged), as lines of the minutes above
//!   or between the rows ("Tổng số cử tri: 387.631"), or as a table of their own with
//!   a row per unit;
//! - one sheet per unit (the unit named in its title), or all units on one.

use super::super::header::{
    field_of, find_header, is_numbering_row, looks_like_header, unit_in_title, words, Field,
    RESULTS,
};
use super::super::problems::{whole_file, Problem};
use super::super::sheets::{Cell, Sheet, Workbook};
use super::super::table::{place, place_at, At};
use super::super::values::{self, Issue};
use crate::diagnostics::tr;
use std::collections::BTreeMap;

/// The figures of a unit's minutes kept in the content format.
pub const FIGURES: [Field; 3] = [Field::Voters, Field::BallotsCast, Field::ValidBallots];

/// A unit's figures as read, each with the cell it came from.
#[derive(Debug, Clone, Default)]
pub struct UnitFigures {
    pub values: BTreeMap<Field, (u64, At)>,
}

impl UnitFigures {
    pub fn get(&self, field: Field) -> Option<u64> {
        self.values.get(&field).map(|(v, _)| *v)
    }
}

/// One candidate's row of the minutes.
#[derive(Debug, Clone)]
pub struct ResultRow {
    pub unit: u32,
    /// Where the unit was said: the unit column, a section row or a title.
    pub unit_at: At,
    pub name: String,
    pub name_at: At,
    pub votes: u64,
    pub votes_at: At,
    /// `None` when the sheet has no column saying who was elected.
    pub elected: Option<bool>,
    pub elected_at: Option<At>,
}

/// Everything the workbook says.
#[derive(Debug, Default)]
pub struct Minutes {
    /// The units in the order the workbook first names them.
    pub units: Vec<u32>,
    pub figures: BTreeMap<u32, UnitFigures>,
    pub rows: Vec<ResultRow>,
    /// Texts above the headers and of section rows (they may name a commune).
    pub titles: Vec<(At, String)>,
}

impl Minutes {
    fn unit_named(&mut self, unit: u32) {
        if !self.units.contains(&unit) {
            self.units.push(unit);
        }
    }

    /// Records a figure; the same figure given twice must agree.
    fn figure(
        &mut self,
        book: &Workbook,
        unit: u32,
        field: Field,
        value: u64,
        at: At,
        problems: &mut Vec<Problem>,
    ) {
        self.unit_named(unit);
        let figures = self.figures.entry(unit).or_default();
        match figures.values.get(&field) {
            Some((old, first)) if *old != value => {
                let (label, first) = (
                    field.label(),
                    book.sheets[first.sheet].cell_name(first.row, first.col),
                );
                problems.push(Problem::error(
                    place_at(book, at),
                    tr!(
                        "Đơn vị bầu cử số {unit}: `{label}` là {value} ở đây nhưng là {old} ở ô {first}",
                        "unit {unit}: `{label}` is {value} here but {old} in cell {first}"
                    ),
                ));
            }
            Some(_) => {}
            None => {
                figures.values.insert(field, (value, at));
            }
        }
    }
}

/// Reads every sheet; problems of the layout and of the values go to `problems`.
pub fn read_minutes(book: &Workbook, problems: &mut Vec<Problem>) -> Minutes {
    let mut minutes = Minutes::default();
    let mut tables = 0;
    for (index, sheet) in book.sheets.iter().enumerate() {
        let mut reader = SheetReader {
            book,
            index,
            sheet,
            unit: None,
        };
        let header = find_header(sheet, RESULTS);
        let until = header.as_ref().map_or(sheet.rows.len(), |h| h.row);
        for r in 0..until {
            reader.text_row(r, &mut minutes, problems, true);
        }
        let Some(header) = header else {
            continue;
        };
        let col = |f: Field| header.column(f);
        let candidates = col(Field::Name).is_some();
        let unit_table =
            !candidates && col(Field::Unit).is_some() && FIGURES.iter().any(|f| col(*f).is_some());
        let required: &[Field] = if candidates {
            &[Field::Name, Field::Votes]
        } else if unit_table {
            &[]
        } else {
            &[Field::Name, Field::Votes, Field::Unit]
        };
        let missing: Vec<&str> = required
            .iter()
            .filter(|f| col(**f).is_none())
            .map(|f| f.label())
            .collect();
        if !missing.is_empty() {
            let list = missing.join(", ");
            problems.push(
                Problem::error(
                    place(book, index, header.row, None),
                    tr!(
                        "Dòng tiêu đề thiếu cột: {list}",
                        "the header has no column for: {list}"
                    ),
                )
                .hint(tr!(
                    "một bảng kết quả có cột `Họ và tên` và `Số phiếu bầu` (và `Trúng cử`); một bảng số liệu của đơn vị có cột `Đơn vị bầu cử` và `Tổng số cử tri`, `Số cử tri đã tham gia bỏ phiếu`, `Số phiếu hợp lệ`",
                    "a results table has the columns `Họ và tên` and `Số phiếu bầu` (and `Trúng cử`); a table of unit figures has `Đơn vị bầu cử` and `Tổng số cử tri`, `Số cử tri đã tham gia bỏ phiếu`, `Số phiếu hợp lệ`"
                )),
            );
            continue;
        }
        tables += 1;
        for (c, label) in &header.extra {
            problems.push(Problem::warning(
                place(book, index, header.row, Some(*c)),
                tr!(
                    "Cột `{label}` không được nhập: bỏ qua",
                    "the column `{label}` is not imported: ignored"
                ),
            ));
        }
        for r in header.end()..sheet.rows.len() {
            let cells = &sheet.rows[r];
            let filled = cells.iter().filter(|c| !c.is_empty()).count();
            if filled == 0 || is_numbering_row(cells) || looks_like_header(cells, RESULTS) {
                continue;
            }
            let key_col = if candidates {
                col(Field::Name)
            } else {
                col(Field::Unit)
            };
            let key = key_col.map(|c| sheet.cell(r, c)).unwrap_or(&Cell::Empty);
            let first = words(
                &cells
                    .iter()
                    .find(|c| !c.is_empty())
                    .map(Cell::line)
                    .unwrap_or_default(),
            );
            // Section rows, lines of the minutes, totals and signatures.
            if key.is_empty() || first.starts_with("tong cong") || first == "cong" {
                if filled <= 3 {
                    reader.text_row(r, &mut minutes, problems, false);
                }
                continue;
            }
            if filled <= 3 && candidates && reader.text_row(r, &mut minutes, problems, false) {
                continue;
            }
            reader.data_row(r, &header.columns, candidates, &mut minutes, problems);
        }
    }
    if tables == 0 && !problems.iter().any(Problem::is_error) {
        problems.push(
            Problem::error(
                whole_file(&book.path),
                tr!(
                    "Không tìm thấy dòng tiêu đề của bảng kết quả bầu cử",
                    "no header row of a table of election results found"
                ),
            )
            .expected(tr!(
                "một dòng tiêu đề với các cột: Đơn vị bầu cử, Họ và tên, Số phiếu bầu, Trúng cử (và Tổng số cử tri, Số cử tri đã tham gia bỏ phiếu, Số phiếu hợp lệ, ở đây hoặc ở các dòng của biên bản)",
                "a header row with the columns: Đơn vị bầu cử, Họ và tên, Số phiếu bầu, Trúng cử (and Tổng số cử tri, Số cử tri đã tham gia bỏ phiếu, Số phiếu hợp lệ, there or as lines of the minutes)"
            )),
        );
    }
    minutes
}

struct SheetReader<'a> {
    book: &'a Workbook,
    index: usize,
    sheet: &'a Sheet,
    /// The unit the last title or section row named.
    unit: Option<(u32, At)>,
}

impl SheetReader<'_> {
    fn at(&self, row: usize, col: usize) -> At {
        At {
            sheet: self.index,
            row,
            col,
        }
    }

    /// A row of text: a title or section row naming a unit, lines of the minutes
    /// with figures ("Tổng số cử tri: 387.631", or the label and the number in the
    /// next cell). Whether it held either.
    fn text_row(
        &mut self,
        r: usize,
        minutes: &mut Minutes,
        problems: &mut Vec<Problem>,
        title: bool,
    ) -> bool {
        let cells = &self.sheet.rows[r];
        let mut found = false;
        for (c, cell) in cells.iter().enumerate() {
            let Cell::Text(text) = cell else { continue };
            let at = self.at(r, c);
            let figure_line = text.split([';', '\n']).any(|p| label_field(p).is_some());
            let number = values::count(cell).is_ok_and(|n| n.is_some());
            if (title && !figure_line && !number) || unit_in_title(text).is_some() {
                minutes.titles.push((at, text.clone()));
            }
            if let Some(n) = unit_in_title(text) {
                self.unit = Some((n, at));
                minutes.unit_named(n);
                found = true;
            }
            for piece in text.split([';', '\n']) {
                let Some(field) = label_field(piece) else {
                    continue;
                };
                // The number in the text, else in the next filled cell.
                let value = match values::last_number(after_unit(piece)) {
                    Some(v) => Some((v, at)),
                    None => cells
                        .iter()
                        .enumerate()
                        .skip(c + 1)
                        .find(|(_, n)| !n.is_empty())
                        .and_then(|(nc, n)| match values::count(n) {
                            Ok(Some(v)) => Some((v, self.at(r, nc))),
                            _ => None,
                        }),
                };
                let Some((value, value_at)) = value else {
                    continue;
                };
                found = true;
                if field == Field::InvalidBallots || field == Field::BallotsIssued {
                    continue;
                }
                match self.unit {
                    Some((unit, _)) => {
                        minutes.figure(self.book, unit, field, value, value_at, problems)
                    }
                    None => problems.push(
                        Problem::error(
                            place_at(self.book, value_at),
                            tr!(
                                "`{}` không thuộc đơn vị bầu cử nào",
                                "`{}` belongs to no electoral unit",
                                piece.trim()
                            ),
                        )
                        .hint(tr!(
                            "ghi `Đơn vị bầu cử số N` trong tiêu đề hoặc ở một dòng phía trên",
                            "write `Đơn vị bầu cử số N` in the title or on a row above"
                        )),
                    ),
                }
            }
        }
        found
    }

    /// A candidate's row, or a unit's row of a table of figures.
    fn data_row(
        &mut self,
        r: usize,
        columns: &[(usize, Field)],
        candidates: bool,
        minutes: &mut Minutes,
        problems: &mut Vec<Problem>,
    ) {
        let book = self.book;
        let col = |f: Field| columns.iter().find(|(_, g)| *g == f).map(|(c, _)| *c);
        let errors = problems.iter().filter(|p| p.is_error()).count();
        let mut report = |c: usize, issue: Issue| {
            let mut p = Problem::error(place(book, self.index, r, Some(c)), issue.message);
            p.expected = issue.expected.map(|e| *e);
            p.hint = issue.hint.map(|h| *h);
            problems.push(p);
        };
        let unit = match col(Field::Unit).map(|c| (c, values::unit_cell(self.sheet.cell(r, c)))) {
            // A unit cell merged down its rows is read in its first row only.
            Some((c, Ok(Some(n)))) => {
                self.unit = Some((n, self.at(r, c)));
                self.unit
            }
            Some((c, Err(issue))) => {
                report(c, issue);
                None
            }
            _ => self.unit,
        };
        let count_of = |field: Field, report: &mut dyn FnMut(usize, Issue)| {
            let c = col(field)?;
            match values::count(self.sheet.cell(r, c)) {
                Ok(v) => v.map(|v| (v, self.at(r, c))),
                Err(issue) => {
                    report(c, issue);
                    None
                }
            }
        };
        let figures: Vec<(Field, (u64, At))> = FIGURES
            .iter()
            .filter_map(|f| count_of(*f, &mut report).map(|v| (*f, v)))
            .collect();
        let mut row = None;
        if candidates {
            let name_col = col(Field::Name).unwrap_or_default();
            let name = self.sheet.cell(r, name_col).line();
            let votes = match count_of(Field::Votes, &mut report) {
                Some(v) => Some(v),
                None => {
                    let c = col(Field::Votes).unwrap_or_default();
                    if self.sheet.cell(r, c).is_empty() {
                        report(
                            c,
                            Issue::new(tr!(
                                "{name}: chưa ghi số phiếu bầu",
                                "{name}: the number of votes is missing"
                            )),
                        );
                    }
                    None
                }
            };
            let elected = match col(Field::Elected) {
                Some(c) => match values::elected(self.sheet.cell(r, c)) {
                    Ok(e) => Some((e, self.at(r, c))),
                    Err(issue) => {
                        report(c, issue);
                        None
                    }
                },
                None => None,
            };
            row = Some((name, self.at(r, name_col), votes, elected));
        }
        let Some((unit, unit_at)) = unit else {
            let c = col(Field::Unit).or(col(Field::Name)).unwrap_or_default();
            problems.push(
                Problem::error(
                    place(book, self.index, r, Some(c)),
                    tr!(
                        "Không rõ dòng này thuộc đơn vị bầu cử nào",
                        "which electoral unit this row belongs to is not said"
                    ),
                )
                .hint(tr!(
                    "thêm cột `Đơn vị bầu cử`, hoặc một dòng `Đơn vị bầu cử số N` phía trên, hoặc ghi đơn vị trong tiêu đề của trang tính",
                    "add a column `Đơn vị bầu cử`, or a row `Đơn vị bầu cử số N` above, or name the unit in the sheet's title"
                )),
            );
            return;
        };
        minutes.unit_named(unit);
        for (field, (value, at)) in figures {
            minutes.figure(book, unit, field, value, at, problems);
        }
        if problems.iter().filter(|p| p.is_error()).count() > errors {
            return;
        }
        if let Some((name, name_at, Some((votes, votes_at)), elected)) = row {
            minutes.rows.push(ResultRow {
                unit,
                unit_at,
                name,
                name_at,
                votes,
                votes_at,
                elected: elected.map(|(e, _)| e),
                elected_at: elected.map(|(_, at)| at),
            });
        }
    }
}

/// The figure a line of the minutes gives, named by its label: the words before
/// its colon or its first digit ("Số cử tri đã tham gia bỏ phiếu: 385.431, đạt tỷ lệ
/// 99,43%" is ballots cast, not a share).
fn label_field(piece: &str) -> Option<Field> {
    let of = |text: &str| {
        let end = text
            .find(|c: char| c == ':' || c.is_ascii_digit())
            .unwrap_or(text.len());
        field_of(&text[..end], RESULTS).filter(|f| {
            FIGURES.contains(f) || matches!(f, Field::InvalidBallots | Field::BallotsIssued)
        })
    };
    // "Tổng số cử tri của đơn vị bầu cử số 1: …" or "Đơn vị bầu cử số 1: Tổng số …".
    of(piece).or_else(|| of(after_unit(piece)))
}

/// The text after "Đơn vị bầu cử số N", so that N is not read as a figure.
fn after_unit(piece: &str) -> &str {
    if unit_in_title(piece).is_none() {
        return piece;
    }
    match piece.find(':') {
        Some(i) => &piece[i + 1..],
        None => "",
    }
}
