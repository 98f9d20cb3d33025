//! Reading one cell's value the way the content format wants it: dates (spreadsheet
//! dates, serial numbers, `dd/mm/yyyy`), `Nam`/`Nữ`, ballot order, unit numbers,
//! counts (`412.345`) and plain text (the names of codes are in `codes.rs`). A value
//! that cannot be read says why, with a hint.

use super::header::{unit_in_title, words};
use super::sheets::{serial_date, Cell};
use crate::diagnostics::{tr, Localized};

/// Why a cell's value cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub message: Localized,
    pub expected: Option<Box<Localized>>,
    pub hint: Option<Box<Localized>>,
}

impl Issue {
    pub fn new(message: Localized) -> Issue {
        Issue {
            message,
            expected: None,
            hint: None,
        }
    }
    pub fn expected(mut self, expected: Localized) -> Issue {
        self.expected = Some(Box::new(expected));
        self
    }
    pub fn hint(mut self, hint: Localized) -> Issue {
        self.hint = Some(Box::new(hint));
        self
    }
}

/// The years a date may fall in (as the content format says).
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2199;

fn date_expected() -> Localized {
    tr!(
        "một ngày dạng ngày/tháng/năm, ví dụ 12/05/1980, hoặc một ô kiểu ngày",
        "a date written day/month/year, e.g. 12/05/1980, or a cell formatted as a date"
    )
}

/// A date from a cell; `None` when the cell is empty.
pub fn date(cell: &Cell) -> Result<Option<time::Date>, Issue> {
    let date = match cell {
        Cell::Empty => return Ok(None),
        Cell::Date(d) => *d,
        Cell::Number(n) => {
            // A serial number of a date cell that lost its format (367 = 1901-01-01).
            match serial_date(*n).filter(|_| *n >= 367.0) {
                Some(d) => d,
                None => {
                    let n = super::sheets::number_text(*n);
                    return Err(
                        Issue::new(tr!("`{n}` không phải là ngày", "`{n}` is not a date"))
                            .expected(date_expected()),
                    );
                }
            }
        }
        Cell::Text(t) => match text_date(t.trim())? {
            Some(d) => d,
            None => return Ok(None),
        },
    };
    if !YEARS.contains(&date.year()) {
        let (first, last, year) = (YEARS.start(), YEARS.end(), date.year());
        return Err(Issue::new(tr!(
            "Năm {year} nằm ngoài khoảng {first}–{last}",
            "the year {year} is outside {first}–{last}"
        ))
        .hint(tr!("kiểm tra lại năm", "check the year")));
    }
    Ok(Some(date))
}

/// `dd/mm/yyyy` (or with `-` or `.`), or `yyyy-mm-dd`.
fn text_date(s: &str) -> Result<Option<time::Date>, Issue> {
    if s.is_empty() || is_dash(s) {
        return Ok(None);
    }
    let bad = || {
        Issue::new(tr!("`{s}` không phải là ngày", "`{s}` is not a date")).expected(date_expected())
    };
    let parts: Vec<&str> = s.split(['/', '-', '.']).map(str::trim).collect();
    if parts.len() == 1 && parts[0].len() == 4 && parts[0].bytes().all(|b| b.is_ascii_digit()) {
        return Err(Issue::new(tr!(
            "`{s}` chỉ có năm; danh sách cần đủ ngày, tháng, năm",
            "`{s}` is only a year; the list needs the day, month and year"
        ))
        .expected(date_expected()));
    }
    if parts.len() != 3
        || !parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(bad());
    }
    let (day, month, year) = if parts[0].len() == 4 {
        (parts[2], parts[1], parts[0])
    } else {
        (parts[0], parts[1], parts[2])
    };
    if year.len() != 4 {
        return Err(bad().hint(tr!(
            "ghi năm đủ bốn chữ số, ví dụ 12/05/1980",
            "write the year with four digits, e.g. 12/05/1980"
        )));
    }
    let (Ok(day), Ok(month), Ok(year)) =
        (day.parse::<u8>(), month.parse::<u8>(), year.parse::<i32>())
    else {
        return Err(bad());
    };
    let Ok(month_of) = time::Month::try_from(month) else {
        return Err(Issue::new(tr!(
            "`{s}` không có thật: không có tháng {month}",
            "`{s}` cannot exist: there is no month {month}"
        ))
        .expected(date_expected())
        .hint(tr!(
            "ngày viết theo thứ tự ngày/tháng/năm; tháng từ 1 đến 12",
            "dates are written day/month/year; months run from 1 to 12"
        )));
    };
    match time::Date::from_calendar_date(year, month_of, day) {
        Ok(d) => Ok(Some(d)),
        Err(_) => {
            let days = time::util::days_in_month(month_of, year);
            Err(Issue::new(tr!(
                "Ngày `{s}` không có thật: tháng {month}/{year} có {days} ngày",
                "`{s}` cannot exist: {month_of} {year} has {days} days"
            ))
            .expected(date_expected())
            .hint(tr!(
                "đối chiếu với hồ sơ ứng cử để sửa ngày",
                "check the date against the candidacy file"
            )))
        }
    }
}

/// A cell that says "nothing": a dash or a slash.
pub fn is_dash(s: &str) -> bool {
    matches!(s.trim(), "-" | "–" | "—" | "/")
}

/// A line of text, `None` when empty or a dash. Spreadsheet dates in a text column
/// come back as `d/m` (Excel turns "12/12" into 12 December).
pub fn text(cell: &Cell, short_dates: bool) -> Option<String> {
    let line = match cell {
        Cell::Date(d) if short_dates => format!("{}/{}", d.day(), u8::from(d.month())),
        other => other.line(),
    };
    (!line.is_empty() && !is_dash(&line)).then_some(line)
}

/// `Nam` → `male`, `Nữ` → `female` (and the codes themselves).
pub fn gender(cell: &Cell) -> Result<String, Issue> {
    let written = cell.line();
    match words(&written).as_str() {
        "nam" | "male" | "m" => Ok("male".into()),
        "nu" | "female" | "f" => Ok("female".into()),
        _ => {
            let message = if written.is_empty() {
                tr!("Chưa ghi giới tính", "the gender is missing")
            } else {
                tr!(
                    "`{written}` không phải là giới tính",
                    "`{written}` is not a gender"
                )
            };
            Err(Issue::new(message).expected(tr!("`Nam` hoặc `Nữ`", "`Nam` or `Nữ`")))
        }
    }
}

/// A nationality other than Vietnamese cannot stand: only `Việt Nam` (or empty).
pub fn nationality(cell: &Cell) -> Result<(), Issue> {
    let written = cell.line();
    let w = words(&written).replace(' ', "");
    if written.is_empty() || w == "vietnam" {
        return Ok(());
    }
    Err(Issue::new(tr!(
        "Quốc tịch `{written}`: người ứng cử phải là công dân Việt Nam",
        "nationality `{written}`: a candidate must be a Vietnamese citizen"
    ))
    .expected(tr!("`Việt Nam`", "`Việt Nam`")))
}

/// The ballot number of a row (`STT`): a whole number.
pub fn order(cell: &Cell) -> Result<f64, Issue> {
    let n = match cell {
        Cell::Number(n) => Some(*n),
        Cell::Text(t) => t.trim().trim_end_matches('.').trim().parse::<f64>().ok(),
        _ => None,
    };
    match n {
        Some(n) if n >= 1.0 && n.fract() == 0.0 => Ok(n),
        _ => {
            let written = cell.line();
            let message = if written.is_empty() {
                tr!("Chưa ghi số thứ tự (STT)", "the number (STT) is missing")
            } else {
                tr!(
                    "`{written}` không phải là số thứ tự",
                    "`{written}` is not a number (STT)"
                )
            };
            Err(Issue::new(message).expected(tr!(
                "một số nguyên từ 1: thứ tự trên phiếu bầu",
                "a whole number from 1: the order on the ballot"
            )))
        }
    }
}

/// The unit of a cell of a unit column: `3`, `Số 3`, `Đơn vị bầu cử số 3`.
pub fn unit_cell(cell: &Cell) -> Result<Option<u32>, Issue> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(n) if *n >= 1.0 && n.fract() == 0.0 => Ok(Some(*n as u32)),
        other => {
            let written = other.line();
            if let Some(n) = unit_in_title(&written) {
                return Ok(Some(n));
            }
            let w = words(&written);
            let number = w.strip_prefix("so ").unwrap_or(&w);
            match number.parse::<u32>() {
                Ok(n) if n >= 1 => Ok(Some(n)),
                _ => Err(Issue::new(tr!(
                    "`{written}` không phải là số đơn vị bầu cử",
                    "`{written}` is not an electoral unit number"
                ))
                .expected(tr!(
                    "số của đơn vị, ví dụ `3` hoặc `Đơn vị bầu cử số 3`",
                    "the unit's number, e.g. `3` or `Đơn vị bầu cử số 3`"
                ))),
            }
        }
    }
}

/// A count from a cell (voters, ballots, votes): a number, or text written with
/// thousands grouped (`412.345`, `412,345`, `412 345`) and perhaps a word after it
/// (`412.345 người`); `None` when the cell is empty or a dash.
pub fn count(cell: &Cell) -> Result<Option<u64>, Issue> {
    let written = cell.line();
    let found = match cell {
        Cell::Empty => return Ok(None),
        Cell::Number(n) if *n >= 0.0 && n.fract() == 0.0 && *n < 1e15 => Some(*n as u64),
        Cell::Number(_) => None,
        _ if is_dash(&written) => return Ok(None),
        _ => {
            // Digits grouped by spaces ("412 345"), then only words ("người").
            let tokens: Vec<&str> = written.split_whitespace().collect();
            let digits = tokens
                .iter()
                .take_while(|t| !t.chars().any(char::is_alphabetic))
                .count();
            let rest_is_words = tokens[digits..]
                .iter()
                .all(|t| t.chars().all(char::is_alphabetic));
            grouped_number(&tokens[..digits].join(".")).filter(|_| rest_is_words)
        }
    };
    found.map(Some).ok_or_else(|| {
        Issue::new(tr!(
            "`{written}` không phải là một số đếm",
            "`{written}` is not a count"
        ))
        .expected(tr!(
            "một số nguyên không âm, ví dụ 412345 hoặc 412.345",
            "a whole number from 0, e.g. 412345 or 412.345"
        ))
    })
}

/// A whole number as people write it: digits, or groups of three after the first
/// separated by `.`, `,` or a narrow space (`412.345`); a trailing `.` or `,` of the
/// sentence is left out. `99,43` (a decimal) is not one.
pub fn grouped_number(token: &str) -> Option<u64> {
    let token = token.trim_end_matches(['.', ',', ';', ')']);
    let token = token.trim_start_matches('(');
    if token.is_empty() || !token.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let groups: Vec<&str> = token.split(['.', ',', '\u{202f}', '\u{a0}']).collect();
    let well_grouped =
        groups.len() == 1 || (groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3));
    if !well_grouped
        || !groups
            .iter()
            .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    groups.concat().parse().ok()
}

/// The last whole number of a text ("Tổng số cử tri: 387.631 người" → 387631);
/// percentages and decimals are passed over.
pub fn last_number(text: &str) -> Option<u64> {
    text.split(|c: char| c.is_whitespace() || c == ':' || c == ';')
        .filter(|t| !t.contains('%'))
        .filter_map(grouped_number)
        .next_back()
}

/// Whether a result list marks a candidate elected: `x`, `Trúng cử`, `Có`; not
/// elected: empty, `Không`, `Không trúng cử`, a dash.
pub fn elected(cell: &Cell) -> Result<bool, Issue> {
    let written = cell.line();
    let w = words(&written);
    if written.is_empty() || is_dash(&written) {
        return Ok(false);
    }
    match w.as_str() {
        "x" | "v" | "co" | "trung cu" | "da trung cu" | "trung" | "yes" | "true" | "1" => {
            return Ok(true)
        }
        "khong" | "khong trung cu" | "chua trung cu" | "no" | "false" | "0" => return Ok(false),
        _ => {}
    }
    if matches!(written.trim(), "✓" | "✔" | "☑" | "☒" | "✗" | "X") {
        return Ok(true);
    }
    Err(Issue::new(tr!(
        "`{written}`: không rõ có trúng cử hay không",
        "`{written}`: it is unclear whether this means elected"
    ))
    .expected(tr!(
        "`x` hoặc `Trúng cử` cho người trúng cử; để trống hoặc `Không` cho người không trúng cử",
        "`x` or `Trúng cử` for an elected candidate; empty or `Không` for one not elected"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn dates_in_every_form() {
        let may12 = time::Date::from_calendar_date(1980, time::Month::May, 12).unwrap();
        assert_eq!(date(&t("12/05/1980")), Ok(Some(may12)));
        assert_eq!(date(&t("12-5-1980")), Ok(Some(may12)));
        assert_eq!(date(&t("1980-05-12")), Ok(Some(may12)));
        assert_eq!(date(&Cell::Number(29353.0)), Ok(Some(may12)));
        assert_eq!(date(&Cell::Date(may12)), Ok(Some(may12)));
        assert_eq!(date(&Cell::Empty), Ok(None));
        let wrong = date(&t("31/02/1980")).unwrap_err();
        assert!(
            wrong.message.en.contains("February 1980 has 29 days"),
            "{wrong:?}"
        );
        assert!(date(&t("1975"))
            .unwrap_err()
            .message
            .en
            .contains("only a year"));
        assert!(date(&t("12/13/1980"))
            .unwrap_err()
            .message
            .en
            .contains("no month 13"));
        assert!(date(&t("12/05/80")).is_err());
    }

    #[test]
    fn genders_and_nationality() {
        assert_eq!(gender(&t("Nữ")), Ok("female".into()));
        assert_eq!(gender(&t(" NAM ")), Ok("male".into()));
        assert!(gender(&t("Không rõ")).is_err());
        assert!(nationality(&t("Việt Nam")).is_ok());
        assert!(nationality(&t("Lào")).is_err());
    }

    #[test]
    fn units_in_section_rows() {
        assert_eq!(
            unit_in_title("Đơn vị bầu cử số 3: gồm các phường …"),
            Some(3)
        );
        assert_eq!(unit_in_title("ĐƠN VỊ BẦU CỬ SỐ 12"), Some(12));
        assert_eq!(unit_in_title("Danh sách chính thức"), None);
        assert_eq!(unit_cell(&t("Số 2")), Ok(Some(2)));
        assert_eq!(unit_cell(&Cell::Number(4.0)), Ok(Some(4)));
    }

    #[test]
    fn counts_as_people_write_them() {
        assert_eq!(count(&Cell::Number(412345.0)), Ok(Some(412345)));
        assert_eq!(count(&t("412.345")), Ok(Some(412345)));
        assert_eq!(count(&t("1,204,345")), Ok(Some(1204345)));
        assert_eq!(count(&t("412.345 người")), Ok(Some(412345)));
        assert_eq!(count(&t("412 345")), Ok(Some(412345)));
        assert_eq!(count(&t("-")), Ok(None));
        assert_eq!(count(&Cell::Empty), Ok(None));
        assert!(count(&t("41.23")).is_err());
        assert!(count(&t("nhiều")).is_err());
        assert!(count(&Cell::Number(-3.0)).is_err());
        assert!(count(&Cell::Number(2.5)).is_err());
        assert_eq!(
            last_number("Số cử tri đã tham gia bỏ phiếu: 385.431, đạt tỷ lệ 99,43%"),
            Some(385431)
        );
        assert_eq!(last_number("Tổng số cử tri: 387.631 người."), Some(387631));
        assert_eq!(last_number("Tổng số cử tri"), None);
    }

    #[test]
    fn elected_marks() {
        for yes in ["x", "X", "Trúng cử", "TRÚNG CỬ", "có", "✓"] {
            assert_eq!(elected(&t(yes)), Ok(true), "{yes}");
        }
        for no in ["", "-", "Không", "không trúng cử"] {
            assert_eq!(elected(&t(no)), Ok(false), "{no}");
        }
        assert!(elected(&t("có lẽ")).is_err());
    }
}
