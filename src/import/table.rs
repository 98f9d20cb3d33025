//! The rows of a list, sheet after sheet: the header of each sheet found, the title
//! rows above it kept (they may name the commune or the unit), section rows
//! ("Đơn vị bầu cử số 3: gồm …") setting the unit of the rows below them, repeated
//! headers, column numbers and notes skipped. What is left are the candidates' rows.

use super::header::{
    find_header, is_numbering_row, looks_like_header, unit_in_title, Field, Header, CANDIDATES,
    REQUIRED,
};
use super::problems::{Place, Problem};
use super::sheets::{Cell, Kind, Workbook};

use crate::diagnostics::tr;

/// Where a value was read: a sheet, a row and a column (indexes into the sheet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct At {
    pub sheet: usize,
    pub row: usize,
    pub col: usize,
}

/// One candidate's row.
#[derive(Debug, Clone)]
pub struct Row {
    pub sheet: usize,
    pub row: usize,
    /// The fields of its sheet's header, with their columns.
    pub columns: Vec<(usize, Field)>,
    /// The unit a section or title row above it named, and where.
    pub section_unit: Option<(u32, At)>,
}

impl Row {
    pub fn column(&self, field: Field) -> Option<usize> {
        self.columns
            .iter()
            .find(|(_, f)| *f == field)
            .map(|(c, _)| *c)
    }

    pub fn at(&self, col: usize) -> At {
        At {
            sheet: self.sheet,
            row: self.row,
            col,
        }
    }
}

/// What the sheets hold.
#[derive(Debug, Default)]
pub struct Table {
    pub rows: Vec<Row>,
    /// Texts above the headers and of section rows (they may name a commune).
    pub titles: Vec<(At, String)>,
    /// The fields some sheet has a column for.
    pub fields: Vec<Field>,
}

/// The place of a cell (or of a row, without `col`) for a problem.
pub fn place(book: &Workbook, sheet: usize, row: usize, col: Option<usize>) -> Place {
    let s = &book.sheets[sheet];
    Place {
        file: book.path.clone(),
        sheet: (book.kind != Kind::Csv).then(|| s.name.clone()),
        row: s.row_number(row),
        column: col.map(|c| s.column_name(c)),
    }
}

pub fn place_at(book: &Workbook, at: At) -> Place {
    place(book, at.sheet, at.row, Some(at.col))
}

/// Reads every sheet's rows; problems of the layout are added to `problems`.
pub fn read_table(book: &Workbook, problems: &mut Vec<Problem>) -> Table {
    let mut table = Table::default();
    let mut headers = 0;
    for (index, sheet) in book.sheets.iter().enumerate() {
        let Some(header) = find_header(sheet, CANDIDATES) else {
            if sheet.rows.iter().any(|r| r.iter().any(|c| !c.is_empty())) {
                problems.push(
                    Problem::warning(
                        place(book, index, 0, None).whole_sheet(),
                        tr!(
                            "Trang tính này không có dòng tiêu đề của danh sách (STT, Họ và tên, Ngày tháng năm sinh, …): bỏ qua",
                            "this sheet has no header row of the list (STT, Họ và tên, Ngày tháng năm sinh, …): skipped"
                        ),
                    ),
                );
            }
            continue;
        };
        headers += 1;
        layout_problems(book, index, &header, problems);
        if REQUIRED.iter().any(|f| header.column(*f).is_none()) {
            continue;
        }
        for (field, _) in header.columns.iter().map(|(c, f)| (*f, c)) {
            if !table.fields.contains(&field) {
                table.fields.push(field);
            }
        }
        let mut unit: Option<(u32, At)> = None;
        for (r, cells) in sheet.rows.iter().enumerate().take(header.row) {
            for (c, cell) in cells.iter().enumerate() {
                if let Cell::Text(text) = cell {
                    let at = At {
                        sheet: index,
                        row: r,
                        col: c,
                    };
                    if let Some(n) = unit_in_title(text) {
                        unit = Some((n, at));
                    }
                    table.titles.push((at, text.clone()));
                }
            }
        }
        for (r, cells) in sheet.rows.iter().enumerate().skip(header.end()) {
            let filled: Vec<(usize, &Cell)> = cells
                .iter()
                .enumerate()
                .filter(|(_, c)| !c.is_empty())
                .collect();
            if filled.is_empty() || is_numbering_row(cells) || looks_like_header(cells, CANDIDATES)
            {
                continue;
            }
            let name_col = header.column(Field::Name).unwrap_or_default();
            let has_name = !sheet.cell(r, name_col).is_empty();
            // A section row: few cells of text, one naming a unit.
            if filled.len() <= 3 {
                let section = filled.iter().find_map(|(c, cell)| match cell {
                    Cell::Text(t) => unit_in_title(t).map(|n| (n, *c, t.clone())),
                    _ => None,
                });
                if let Some((n, c, text)) = section {
                    let at = At {
                        sheet: index,
                        row: r,
                        col: c,
                    };
                    unit = Some((n, at));
                    table.titles.push((at, text));
                    continue;
                }
            }
            // A note or signature ("TM. ỦY BAN BẦU CỬ", "Danh sách có 5 người").
            if filled.len() <= 1 || (!has_name && filled.len() <= 2) {
                continue;
            }
            table.rows.push(Row {
                sheet: index,
                row: r,
                columns: header.columns.clone(),
                section_unit: unit,
            });
        }
    }
    if headers == 0 {
        let expected = Field::official()
            .iter()
            .map(|f| f.label())
            .collect::<Vec<_>>()
            .join(", ");
        problems.push(
            Problem::error(
                super::problems::whole_file(&book.path),
                tr!(
                    "Không tìm thấy dòng tiêu đề của danh sách chính thức trong tệp",
                    "no header row of an official list found in the file"
                ),
            )
            .expected(tr!(
                "một dòng tiêu đề với các cột: {expected}",
                "a header row with the columns: {expected}"
            )),
        );
    }
    table
}

impl Place {
    /// The place of a whole sheet (no row).
    fn whole_sheet(mut self) -> Place {
        self.row = 0;
        self.column = None;
        self
    }
}

/// Missing required columns (errors), columns no field claims (warnings), and
/// columns of the official layout that are missing (warnings: what the project has
/// for them is kept).
fn layout_problems(book: &Workbook, sheet: usize, header: &Header, problems: &mut Vec<Problem>) {
    let header_place = || place(book, sheet, header.row, None);
    for field in REQUIRED {
        if header.column(*field).is_none() {
            let label = field.label();
            problems.push(
                Problem::error(
                    header_place(),
                    tr!(
                        "Dòng tiêu đề thiếu cột bắt buộc `{label}`",
                        "the header has no column `{label}`, which is required"
                    ),
                )
                .hint(tr!(
                    "thêm cột `{label}` (tên cột viết hoa hay thường, có dấu hay không đều được)",
                    "add a column named `{label}` (any case, with or without tone marks)"
                )),
            );
        }
    }
    let missing: Vec<&str> = Field::official()
        .iter()
        .filter(|f| !REQUIRED.contains(f) && header.column(**f).is_none())
        .map(|f| f.label())
        .collect();
    if !missing.is_empty() && REQUIRED.iter().all(|f| header.column(*f).is_some()) {
        let list = missing.join(", ");
        problems.push(Problem::warning(
            header_place(),
            tr!(
                "Không có cột: {list}; các trường này giữ nguyên như trong tệp YAML hiện có",
                "no column for: {list}; these fields keep what the YAML file already has"
            ),
        ));
    }
    for (col, label) in &header.extra {
        problems.push(Problem::warning(
            place(book, sheet, header.row, Some(*col)),
            tr!(
                "Cột `{label}` không thuộc danh sách chính thức: bỏ qua",
                "the column `{label}` is not part of the official list: ignored"
            ),
        ));
    }
}
