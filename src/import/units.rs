//! `baucu import units`: a list of electoral units ("Danh sách đơn vị bầu cử": the
//! unit's number, its seats, the communes it is made of, or for a commune-wide level
//! its area) into `units/<level>.yaml` (or `units/<level>/<code>.yaml`). Communes are
//! named as people write them ("Gồm các phường Tuần Châu, Việt Hưng và các xã Quảng
//! La, Thống Nhất"): by name, whatever the tone marks, with or without the type word;
//! a name the province does not have is reported with the closest one.

use super::header::{
    contains_words, find_header, is_numbering_row, looks_like_header, words, Field, UNITS,
};
use super::problems::{whole_file, Problem};
use super::project::{strip_type_word, Project};
use super::sheets::{number_text, Cell, Workbook};
use super::table::{place, At, Table};
use super::values::unit_cell;
use super::{ImportError, ImportOptions, ImportReport, Imported};
use crate::content::records::{Text, UnitRecord, UnitsFile};
use crate::diagnostics::{tr, Diagnostic, Localized};

/// One unit as the sheet gives it, and where each value was.
struct SheetUnit {
    sheet: usize,
    row: usize,
    columns: Vec<(usize, Field)>,
    record: UnitRecord,
}

impl SheetUnit {
    fn column(&self, field: Field) -> Option<usize> {
        self.columns
            .iter()
            .find(|(_, f)| *f == field)
            .map(|(c, _)| *c)
    }
}

/// Imports a list of units; see the module's documentation.
pub fn import_units(options: &ImportOptions) -> Result<ImportReport, ImportError> {
    let steps = super::progress::Steps::new(options.progress);
    steps.step(tr!("đọc dự án", "reading the project"));
    let project = Project::load(&options.root, options.province.as_deref(), &options.level)?;
    steps.step(tr!("đọc bảng tính", "reading the spreadsheet"));
    let book = super::sheets::read_workbook(&options.file).map_err(super::read_error)?;
    let mut problems = Vec::new();
    let (rows, table) = read_units(&book, &project, &mut problems);
    let commune = super::which_commune(
        &project,
        &book,
        &table,
        options.commune.as_deref(),
        &mut problems,
    )?;
    let target = project.units_target(commune);
    let mut report = ImportReport {
        kind: Imported::Units,
        target: target.clone(),
        ..ImportReport::default()
    };
    if rows.is_empty() && !problems.iter().any(Problem::is_error) {
        problems.push(Problem::error(
            whole_file(&book.path),
            tr!(
                "Không tìm thấy đơn vị bầu cử nào dưới dòng tiêu đề",
                "no electoral unit found under the header row"
            ),
        ));
    }
    if project.unreadable.contains(&target) {
        problems.push(super::unreadable_existing(&target));
    }
    // The same number twice.
    for (i, u) in rows.iter().enumerate() {
        if let Some(first) = rows[..i]
            .iter()
            .find(|o| o.record.number == u.record.number)
        {
            let (n, row) = (
                u.record.number,
                book.sheets[first.sheet].row_number(first.row),
            );
            problems.push(Problem::error(
                place(&book, u.sheet, u.row, u.column(Field::Unit)),
                tr!(
                    "Đơn vị bầu cử số {n} đã có ở dòng {row}",
                    "electoral unit {n} is also on row {row}"
                ),
            ));
        }
    }
    if problems.iter().any(Problem::is_error) {
        return Ok(super::finish(report, problems, &book));
    }
    let existing: Vec<UnitRecord> = project.level_units(commune).into_iter().cloned().collect();
    let mut units = Vec::with_capacity(rows.len());
    for u in &rows {
        let old = existing.iter().find(|e| e.number == u.record.number);
        if old.is_some() {
            report.updated += 1;
        } else {
            report.added += 1;
        }
        let mut record = u.record.clone();
        let kept = |new: &Option<Text>, old: Option<&Option<Text>>, has: bool| match (old, has) {
            (Some(Some(o)), true) if new.as_ref().is_some_and(|n| n.vi == o.vi) => Some(o.clone()),
            (Some(o), false) => o.clone(),
            _ => new.clone(),
        };
        record.area = kept(
            &record.area,
            old.map(|o| &o.area),
            u.column(Field::Area).is_some(),
        );
        record.description = kept(
            &record.description,
            old.map(|o| &o.description),
            u.column(Field::Description).is_some(),
        );
        if record.description.is_none() && old.is_none() && !project.commune_wide() {
            // A new unit is described as the list describes it.
            record.description = u
                .column(Field::Communes)
                .map(|c| book.sheets[u.sheet].cell(u.row, c).line())
                .filter(|t| !t.is_empty())
                .map(Text::plain);
        }
        units.push(record);
    }
    for old in existing
        .iter()
        .filter(|e| !units.iter().any(|u| u.number == e.number))
    {
        report.removed += 1;
        let n = old.number;
        problems.push(Problem::warning(
            whole_file(&target),
            tr!(
                "Đơn vị bầu cử số {n} không còn trong danh sách: bị bỏ khỏi tệp",
                "electoral unit {n} is no longer on the list: removed from the file"
            ),
        ));
    }
    units.sort_by_key(|u| u.number);
    report.units = units.len();
    report.candidates = units.len();

    let disk = project.root.join(&target);
    let old_text = std::fs::read_to_string(&disk).ok();
    let comments = match &old_text {
        Some(text) => super::leading_comments(text),
        None => super::generated_comments(&book, &table, "units"),
    };
    let written = super::yaml::write_units(
        &comments,
        &project.level.id,
        commune,
        &units,
        &project.communes,
        &project.languages,
    );
    let back: Result<UnitsFile, _> = crate::content::yaml::parse_str(&written.text);
    let same = back.as_ref().is_ok_and(|f| {
        f.commune == commune
            && f.units.len() == units.len()
            && f.units.iter().zip(&units).all(|(a, b)| {
                (a.number, a.seats, &a.communes, &a.area, &a.description)
                    == (b.number, b.seats, &b.communes, &b.area, &b.description)
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
        |d| from_check(&book, &rows, &units, &written, d),
    )?;
    super::write_unless_errors(report, problems, &book, &disk, old_text, &written.text)
}

/// The rows of every sheet that has a units header.
fn read_units(
    book: &Workbook,
    project: &Project,
    problems: &mut Vec<Problem>,
) -> (Vec<SheetUnit>, Table) {
    let mut table = Table::default();
    let mut units = Vec::new();
    let mut headers = 0;
    for (index, sheet) in book.sheets.iter().enumerate() {
        let Some(header) = find_header(sheet, UNITS) else {
            continue;
        };
        headers += 1;
        let mut columns = header.columns.clone();
        if project.commune_wide() {
            // A commune's units cover parts of it: "Gồm các thôn …" is their area.
            for (_, f) in columns.iter_mut() {
                if *f == Field::Communes && !header.columns.iter().any(|(_, g)| *g == Field::Area) {
                    *f = Field::Area;
                }
            }
        }
        let mut required = vec![Field::Unit, Field::Seats];
        if !project.commune_wide() {
            required.push(Field::Communes);
        }
        let mut usable = true;
        for field in required {
            if !columns.iter().any(|(_, f)| *f == field) {
                usable = false;
                let label = field.label();
                problems.push(Problem::error(
                    place(book, index, header.row, None),
                    tr!(
                        "Dòng tiêu đề thiếu cột bắt buộc `{label}`",
                        "the header has no column `{label}`, which is required"
                    ),
                ));
            }
        }
        for (col, label) in &header.extra {
            problems.push(Problem::warning(
                place(book, index, header.row, Some(*col)),
                tr!(
                    "Cột `{label}` không được nhập: bỏ qua",
                    "the column `{label}` is not imported: ignored"
                ),
            ));
        }
        for (r, cells) in sheet.rows.iter().enumerate().take(header.row) {
            for (c, cell) in cells.iter().enumerate() {
                if let Cell::Text(text) = cell {
                    table.titles.push((
                        At {
                            sheet: index,
                            row: r,
                            col: c,
                        },
                        text.clone(),
                    ));
                }
            }
        }
        if !usable {
            continue;
        }
        let col = |f: Field| columns.iter().find(|(_, g)| *g == f).map(|(c, _)| *c);
        for (r, cells) in sheet.rows.iter().enumerate().skip(header.end()) {
            let filled = cells.iter().filter(|c| !c.is_empty()).count();
            if filled <= 1 || is_numbering_row(cells) || looks_like_header(cells, UNITS) {
                continue;
            }
            let unit_cell_value = sheet.cell(r, col(Field::Unit).unwrap_or_default());
            let first = words(&unit_cell_value.line());
            if first.starts_with("tong") || first.starts_with("cong") {
                continue; // "Tổng cộng"
            }
            let before = problems.iter().filter(|p| p.is_error()).count();
            let at = |c: Option<usize>| place(book, index, r, c);
            let number = match unit_cell(unit_cell_value) {
                Ok(Some(n)) => Some(n),
                Ok(None) => {
                    problems.push(Problem::error(
                        at(col(Field::Unit)),
                        tr!("Chưa ghi số đơn vị bầu cử", "the unit's number is missing"),
                    ));
                    None
                }
                Err(issue) => {
                    problems.push(issue_problem(at(col(Field::Unit)), issue));
                    None
                }
            };
            let seats_cell = sheet.cell(r, col(Field::Seats).unwrap_or_default());
            let seats = match seats_cell {
                Cell::Number(n) if *n >= 1.0 && n.fract() == 0.0 => Some(*n as u32),
                Cell::Text(t) => t.trim().parse::<u32>().ok().filter(|n| *n >= 1),
                _ => None,
            };
            if seats.is_none() {
                let written = seats_cell.line();
                problems.push(
                    Problem::error(
                        at(col(Field::Seats)),
                        tr!(
                            "Số đại biểu được bầu `{written}` không phải là một số",
                            "the number of seats `{written}` is not a number"
                        ),
                    )
                    .expected(tr!("một số nguyên từ 1", "a whole number from 1")),
                );
            }
            let communes = match col(Field::Communes) {
                Some(c) => communes_of(sheet.cell(r, c), project, at(Some(c)), problems),
                None => Vec::new(),
            };
            let text_of = |f: Field| {
                col(f)
                    .map(|c| sheet.cell(r, c).line())
                    .filter(|t| !t.is_empty())
                    .map(Text::plain)
            };
            if problems.iter().filter(|p| p.is_error()).count() > before {
                continue;
            }
            let (Some(number), Some(seats)) = (number, seats) else {
                continue;
            };
            units.push(SheetUnit {
                sheet: index,
                row: r,
                columns: columns.clone(),
                record: UnitRecord {
                    number,
                    seats,
                    communes,
                    area: text_of(Field::Area),
                    description: text_of(Field::Description),
                },
            });
        }
    }
    if headers == 0 {
        problems.push(
            Problem::error(
                whole_file(&book.path),
                tr!(
                    "Không tìm thấy dòng tiêu đề của danh sách đơn vị bầu cử",
                    "no header row of a list of electoral units found"
                ),
            )
            .expected(tr!(
                "một dòng tiêu đề với các cột: Đơn vị bầu cử số, Số đại biểu được bầu, Gồm các xã, phường (hoặc Khu vực)",
                "a header row with the columns: Đơn vị bầu cử số, Số đại biểu được bầu, Gồm các xã, phường (or Khu vực)"
            )),
        );
    }
    (units, table)
}

fn issue_problem(place: super::problems::Place, issue: super::values::Issue) -> Problem {
    let mut p = Problem::error(place, issue.message);
    p.expected = issue.expected.map(|e| *e);
    p.hint = issue.hint.map(|h| *h);
    p
}

/// The communes a cell names: "Gồm các phường A, B và C; các xã D, E (5 đơn vị)",
/// or their codes.
fn communes_of(
    cell: &Cell,
    project: &Project,
    at: super::problems::Place,
    problems: &mut Vec<Problem>,
) -> Vec<u32> {
    let text = match cell {
        Cell::Number(n) => number_text(*n),
        other => other.line(),
    };
    let mut codes = Vec::new();
    let mut kind: Option<&str> = None;
    for part in commune_parts(&text) {
        // A type word before the names ("các phường", "xã") holds until the next.
        let folded = words(&part);
        let mut name = folded.as_str();
        let mut shown = part.as_str();
        for (prefix, k) in TYPE_WORDS {
            if let Some(rest) = name.strip_prefix(prefix) {
                kind = Some(k);
                name = rest.trim();
                // As many words off the written part as the prefix has.
                let n = prefix.split_whitespace().count();
                shown = part.splitn(n + 1, ' ').nth(n).unwrap_or("").trim();
                break;
            }
        }
        if name.is_empty() {
            continue;
        }
        if let Ok(code) = name.replace(' ', "").parse::<u32>() {
            if project.communes.iter().any(|c| c.code == code) {
                codes.push(code);
                continue;
            }
        }
        let named = |with_kind: bool| -> Vec<u32> {
            project
                .communes
                .iter()
                .filter(|c| {
                    let full = words(&c.name.vi);
                    strip_type_word(&full) == name
                        && (!with_kind
                            || kind.is_none_or(|k| c.kind == k || full.starts_with(&words(k))))
                })
                .map(|c| c.code)
                .collect()
        };
        let mut matches = named(true);
        if matches.is_empty() {
            // The type word written is not the commune's: the name alone decides.
            matches = named(false);
            if let ([code], Some(k)) = (matches.as_slice(), kind) {
                let commune = project.communes.iter().find(|c| c.code == *code);
                let actual = commune.map_or(String::new(), |c| c.name.vi.clone());
                let written = format!("{} {shown}", type_name(k));
                problems.push(Problem::warning(
                    at.clone(),
                    tr!(
                        "`{written}` được hiểu là {actual} (mã {code})",
                        "`{written}` is taken as {actual} (code {code})"
                    ),
                ));
            }
        }
        match matches.as_slice() {
            [one] => codes.push(*one),
            [] => {
                let written = match kind {
                    Some(k) => format!("{} {shown}", type_name(k)),
                    None => shown.to_string(),
                };
                let hint = project.closest_commune(&written).map(|c| {
                    tr!(
                        "có phải là {} (mã {})?",
                        "did you mean {} (code {})?",
                        c.name.vi,
                        c.code
                    )
                });
                problems.push(
                    Problem::error(
                        at.clone(),
                        tr!(
                            "Không có xã, phường `{written}` trong province.yaml",
                            "there is no commune `{written}` in province.yaml"
                        ),
                    )
                    .maybe_hint(hint),
                );
            }
            many => {
                let list = many
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(", ");
                problems.push(
                    Problem::error(
                        at.clone(),
                        tr!(
                            "`{shown}` có thể là nhiều xã, phường (mã {list})",
                            "`{shown}` may be several communes (codes {list})"
                        ),
                    )
                    .hint(tr!(
                        "ghi kèm loại: `phường {shown}` hoặc `xã {shown}`",
                        "write the type too: `phường {shown}` or `xã {shown}`"
                    )),
                );
            }
        }
    }
    codes
}

/// Type words before commune names (folded), and the commune type they mean.
const TYPE_WORDS: &[(&str, &str)] = &[
    ("cac dac khu ", "dac-khu"),
    ("dac khu ", "dac-khu"),
    ("cac phuong ", "phuong"),
    ("phuong ", "phuong"),
    ("cac xa ", "xa"),
    ("xa ", "xa"),
];

fn type_name(kind: &str) -> &'static str {
    match kind {
        "phuong" => "phường",
        "dac-khu" => "đặc khu",
        _ => "xã",
    }
}

/// The names of a communes cell as written: parentheses dropped, split at commas,
/// semicolons, colons, line breaks and "và", a leading "gồm" left out.
fn commune_parts(text: &str) -> Vec<String> {
    let mut plain = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = (depth - 1).max(0),
            c if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let mut parts = Vec::new();
    for piece in plain.split([',', ';', ':', '\n', '.']) {
        let mut current: Vec<&str> = Vec::new();
        for token in piece.split_whitespace().chain(std::iter::once("và")) {
            if words(token) == "va" {
                // "gồm", "gồm có" before the first name.
                let mut start = 0;
                if current.first().is_some_and(|t| words(t) == "gom") {
                    start = 1;
                    if current.get(1).is_some_and(|t| words(t) == "co") {
                        start = 2;
                    }
                }
                let part = current[start..].join(" ");
                if !part.is_empty() && !contains_words(&words(&part), "don vi hanh chinh") {
                    parts.push(part);
                }
                current.clear();
            } else {
                current.push(token);
            }
        }
    }
    parts
}

/// A problem `check` found in the new units file, at its row and column.
fn from_check(
    book: &Workbook,
    rows: &[SheetUnit],
    units: &[UnitRecord],
    written: &super::yaml::Written,
    d: Diagnostic,
) -> Problem {
    let place = written
        .at_line(d.line)
        .and_then(|(i, field)| {
            let unit = units.get(i)?;
            let row = rows.iter().find(|r| r.record.number == unit.number)?;
            let column = match field {
                "number" => row.column(Field::Unit),
                "seats" => row.column(Field::Seats),
                "communes" => row.column(Field::Communes),
                "area" => row.column(Field::Area),
                "description" => row.column(Field::Description),
                _ => None,
            };
            Some(place(book, row.sheet, row.row, column))
        })
        .unwrap_or_else(|| whole_file(&book.path));
    Problem {
        severity: d.severity,
        place,
        message: Localized::clone(&d.message),
        expected: d.expected.map(|e| *e),
        hint: d.hint.map(|h| *h),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commune_lists_as_people_write_them() {
        assert_eq!(
            commune_parts("Gồm các phường Tuần Châu, Việt Hưng và Bãi Cháy; các xã Quảng La, Thống Nhất (16 đơn vị hành chính cấp xã)."),
            ["các phường Tuần Châu", "Việt Hưng", "Bãi Cháy", "các xã Quảng La", "Thống Nhất"]
        );
        assert_eq!(
            commune_parts("Gồm: Phường Hạ Long\nXã Ba Chẽ"),
            ["Phường Hạ Long", "Xã Ba Chẽ"]
        );
        assert_eq!(
            commune_parts("gồm có Móng Cái 1 VÀ Móng Cái 2; các đặc khu Vân Đồn và Cô Tô"),
            ["Móng Cái 1", "Móng Cái 2", "các đặc khu Vân Đồn", "Cô Tô"]
        );
    }
}
