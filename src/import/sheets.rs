//! Reading a spreadsheet into plain rows of cells: `.xlsx` and `.ods` through
//! calamine, `.csv` (UTF-8, with or without a byte-order mark; comma, semicolon or
//! tab) through the csv crate. Every cell remembers where it was, so that a problem
//! can be named by its sheet and cell (`B17`).

use calamine::{Data, Reader};
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// One cell as the sheet holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    /// Text, composed to NFC, as written (line breaks kept).
    Text(String),
    Number(f64),
    /// A cell the spreadsheet itself holds as a date.
    Date(time::Date),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as one line of text: whitespace runs (line breaks too) become one
    /// space; numbers lose a `.0`; dates are written `dd/mm/yyyy`.
    pub fn line(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.split_whitespace().collect::<Vec<_>>().join(" "),
            Cell::Number(n) => number_text(*n),
            Cell::Date(d) => format!("{:02}/{:02}/{}", d.day(), u8::from(d.month()), d.year()),
        }
    }
}

/// A number as a person wrote it: `3`, not `3.0`.
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// One sheet: its rows from its first used cell, and where that cell is.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
    /// The 0-based row and column of `rows[0][0]` in the sheet.
    pub origin: (usize, usize),
}

impl Sheet {
    pub fn cell(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&Cell::Empty)
    }

    /// The name a spreadsheet shows for a cell: `B17`.
    pub fn cell_name(&self, row: usize, col: usize) -> String {
        format!(
            "{}{}",
            column_letters(self.origin.1 + col),
            self.row_number(row)
        )
    }

    /// The row number a spreadsheet shows (1-based).
    pub fn row_number(&self, row: usize) -> usize {
        self.origin.0 + row + 1
    }

    /// The column letters a spreadsheet shows for a column of `rows`.
    pub fn column_name(&self, col: usize) -> String {
        column_letters(self.origin.1 + col)
    }
}

/// `A` for 0, `Z` for 25, `AA` for 26.
pub fn column_letters(mut col: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// What kind of file was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Xlsx,
    Ods,
    Csv,
}

/// A whole spreadsheet file: its sheets in order.
#[derive(Debug, Clone)]
pub struct Workbook {
    /// The path as the user gave it, for messages.
    pub path: PathBuf,
    pub kind: Kind,
    pub sheets: Vec<Sheet>,
}

/// Why a file could not be read as a spreadsheet.
#[derive(Debug, Clone)]
pub enum ReadError {
    /// The extension is none of `.xlsx`, `.ods`, `.csv`.
    Unsupported(PathBuf),
    /// The file could not be opened or is not what its extension says.
    Unreadable(PathBuf, String),
}

/// Reads `.xlsx`, `.ods` or `.csv` by its extension.
pub fn read_workbook(path: &Path) -> Result<Workbook, ReadError> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let kind = match extension.as_str() {
        "xlsx" | "xlsm" => Kind::Xlsx,
        "ods" => Kind::Ods,
        "csv" => Kind::Csv,
        _ => return Err(ReadError::Unsupported(path.to_path_buf())),
    };
    let unreadable = |e: String| ReadError::Unreadable(path.to_path_buf(), e);
    let sheets = match kind {
        Kind::Csv => {
            let bytes = std::fs::read(path).map_err(|e| unreadable(e.to_string()))?;
            let name = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            vec![read_csv(&bytes, name).map_err(unreadable)?]
        }
        Kind::Xlsx => {
            let mut book: calamine::Xlsx<_> = calamine::open_workbook(path)
                .map_err(|e: calamine::XlsxError| unreadable(e.to_string()))?;
            let is_1904 = false;
            let names = book.sheet_names();
            let mut sheets = Vec::new();
            for name in names {
                let range = book
                    .worksheet_range(&name)
                    .map_err(|e| unreadable(e.to_string()))?;
                sheets.push(from_range(name, &range, is_1904));
            }
            sheets
        }
        Kind::Ods => {
            let mut book: calamine::Ods<_> = calamine::open_workbook(path)
                .map_err(|e: calamine::OdsError| unreadable(e.to_string()))?;
            let names = book.sheet_names();
            let mut sheets = Vec::new();
            for name in names {
                let range = book
                    .worksheet_range(&name)
                    .map_err(|e| unreadable(e.to_string()))?;
                sheets.push(from_range(name, &range, false));
            }
            sheets
        }
    };
    Ok(Workbook {
        path: path.to_path_buf(),
        kind,
        sheets,
    })
}

fn from_range(name: String, range: &calamine::Range<Data>, _is_1904: bool) -> Sheet {
    let origin = range
        .start()
        .map_or((0, 0), |(r, c)| (r as usize, c as usize));
    let rows = range
        .rows()
        .map(|row| row.iter().map(cell_of).collect())
        .collect();
    Sheet {
        name: name.nfc().collect(),
        rows,
        origin,
    }
}

fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) => text_cell(s),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }.into()),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            date_of(i32::from(y), m, d).map_or(Cell::Number(dt.as_f64()), Cell::Date)
        }
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::DateTimeIso(s) => iso_date(s).map_or_else(|| text_cell(s), Cell::Date),
        Data::DurationIso(s) => text_cell(s),
    }
}

fn text_cell(s: &str) -> Cell {
    if s.trim().is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.nfc().collect())
    }
}

fn date_of(year: i32, month: u8, day: u8) -> Option<time::Date> {
    time::Date::from_calendar_date(year, time::Month::try_from(month).ok()?, day).ok()
}

/// `1980-05-12` or `1980-05-12T00:00:00`, as ODS files store dates.
fn iso_date(s: &str) -> Option<time::Date> {
    let date = s.get(..10)?;
    let mut parts = date.split('-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    date_of(year, month, day)
}

/// The date of a spreadsheet serial number (days since 1899-12-30, as Excel and
/// LibreOffice count them after February 1900).
pub fn serial_date(serial: f64) -> Option<time::Date> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let epoch = time::Date::from_calendar_date(1899, time::Month::December, 30).ok()?;
    epoch.checked_add(time::Duration::days(serial.floor() as i64))
}

/// A CSV file as one sheet: every cell text. The delimiter is the one of comma,
/// semicolon and tab that splits the first lines most evenly.
fn read_csv(bytes: &[u8], name: String) -> Result<Sheet, String> {
    let text =
        std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).map_err(|e| {
            format!(
                "not UTF-8 text (byte {}): save the file as \"CSV UTF-8\"",
                e.valid_up_to()
            )
        })?;
    let delimiter = sniff_delimiter(text);
    let text = keep_blank_lines(text, delimiter as char);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        rows.push(record.iter().map(text_cell).collect());
    }
    Ok(Sheet {
        name,
        rows,
        origin: (0, 0),
    })
}

/// The csv crate skips blank lines, which a spreadsheet shows as empty rows: a lone
/// delimiter on each keeps them, so that row numbers are the spreadsheet's.
fn keep_blank_lines(text: &str, delimiter: char) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut quoted = false;
    let mut line_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if line_start && !quoted && (c == '\n' || (c == '\r' && chars.peek() == Some(&'\n'))) {
            out.push(delimiter);
        }
        line_start = c == '\n';
        if c == '"' {
            quoted = !quoted;
        }
        out.push(c);
    }
    out
}

fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(30)
        .collect();
    let mut best = (b',', 0usize);
    for delimiter in [b',', b';', b'\t'] {
        // The count that the most lines share, outside quotes, weighed by how many.
        let mut counts = std::collections::BTreeMap::new();
        for line in &lines {
            let mut quoted = false;
            let mut n = 0;
            for b in line.bytes() {
                if b == b'"' {
                    quoted = !quoted;
                } else if b == delimiter && !quoted {
                    n += 1;
                }
            }
            if n > 0 {
                *counts.entry(n).or_insert(0usize) += 1;
            }
        }
        let score = counts.iter().map(|(n, lines)| n * lines).max().unwrap_or(0);
        if score > best.1 {
            best = (delimiter, score);
        }
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_as_spreadsheets_show_them() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn serial_numbers_are_dates() {
        let d = serial_date(29353.0).unwrap();
        assert_eq!((d.year(), u8::from(d.month()), d.day()), (1980, 5, 12));
    }

    #[test]
    fn csv_with_bom_and_semicolons() {
        let sheet = read_csv(
            "\u{FEFF}STT;Họ và tên;Ghi chú\n1;\"Lê Văn A\";\"a; b\"\n".as_bytes(),
            "ds".into(),
        )
        .unwrap();
        assert_eq!(sheet.rows[0][0], Cell::Text("STT".into()));
        assert_eq!(sheet.rows[1][1], Cell::Text("Lê Văn A".into()));
        assert_eq!(sheet.rows[1][2], Cell::Text("a; b".into()));
        assert_eq!(sheet.cell_name(1, 2), "C2");
        let sheet = read_csv(b"Title\n\nSTT,\"a\nb\"\n\n1,x\n", "ds".into()).unwrap();
        assert_eq!(sheet.rows[4][1], Cell::Text("x".into()));
        assert_eq!(sheet.rows[2][1], Cell::Text("a\nb".into()));
    }
}
