//! Reading one cell's value the way the content format wants it: dates (spreadsheet
//! dates, serial numbers, `dd/mm/yyyy`), `Nam`/`Nữ`, ethnic groups and religions by
//! their Vietnamese names mapped to the project's codes, the levels a deputy sits
//! at, and plain text. A value that cannot be read says why, with a hint.

use super::header::{contains_words, unit_in_title, words};
use super::sheets::{serial_date, Cell};
use crate::diagnostics::{tr, Localized};
use crate::text::{closest, closest_code, fold, slugify};

/// Why a cell's value cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub message: Localized,
    pub expected: Option<Box<Localized>>,
    pub hint: Option<Box<Localized>>,
}

impl Issue {
    fn new(message: Localized) -> Issue {
        Issue {
            message,
            expected: None,
            hint: None,
        }
    }
    fn expected(mut self, expected: Localized) -> Issue {
        self.expected = Some(Box::new(expected));
        self
    }
    fn hint(mut self, hint: Localized) -> Issue {
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

/// The codes of one field with their Vietnamese names: `("kinh", "Kinh")`.
#[derive(Debug, Clone, Default)]
pub struct CodeNames {
    pub field: &'static str,
    pub names: Vec<(String, String)>,
}

/// Words people write for a code, besides its name.
const ALIASES: &[(&str, &str)] = &[
    ("viet", "kinh"),
    ("h mong", "mong"),
    ("hmong", "mong"),
    ("meo", "mong"),
    ("kho me", "khmer"),
    ("khome", "khmer"),
    ("jrai", "gia-rai"),
    ("bahnar", "ba-na"),
    ("ede", "e-de"),
    ("van kieu", "bru-van-kieu"),
    ("khong ton giao", "none"),
    ("khong co", "none"),
    ("thien chua", "cong-giao"),
    ("thien chua giao", "cong-giao"),
    ("cong giao", "cong-giao"),
    ("phat", "phat-giao"),
    ("dao phat", "phat-giao"),
    ("hoa hao", "hoa-hao"),
    ("tin lanh", "tin-lanh"),
    ("dao tin lanh", "tin-lanh"),
    ("hoi giao", "hoi-giao"),
    ("islam", "hoi-giao"),
    ("cao dai", "cao-dai"),
    ("dao cao dai", "cao-dai"),
];

impl CodeNames {
    /// The code a Vietnamese name (or the code itself) means; `None` for an empty cell.
    pub fn code_of(&self, cell: &Cell) -> Result<Option<String>, Issue> {
        let written = cell.line();
        if written.is_empty() || is_dash(&written) {
            return Ok(None);
        }
        let mut w = words(&written);
        for prefix in ["dan toc ", "nguoi ", "ton giao "] {
            if let Some(rest) = w.strip_prefix(prefix) {
                w = rest.to_string();
            }
        }
        let compact = |s: &str| s.replace([' ', '-'], "");
        let found = self
            .names
            .iter()
            .find(|(code, name)| {
                words(name) == w
                    || compact(&words(name)) == compact(&w)
                    || compact(code) == compact(&w)
            })
            .map(|(code, _)| code.clone())
            .or_else(|| {
                ALIASES
                    .iter()
                    .find(|(alias, _)| *alias == w || compact(alias) == compact(&w))
                    .map(|(_, code)| code.to_string())
                    .filter(|code| self.names.iter().any(|(c, _)| c == code))
            });
        if let Some(code) = found {
            return Ok(Some(code));
        }
        Err(self.unknown(&written))
    }

    fn unknown(&self, written: &str) -> Issue {
        let (kind_vi, kind_en) = match self.field {
            "ethnicity" => ("dân tộc", "ethnic group"),
            "religion" => ("tôn giáo", "religion"),
            other => (other, other),
        };
        // The closest name as written, else the closest code.
        let folded: Vec<(String, &str)> = self
            .names
            .iter()
            .map(|(code, name)| (fold(name), code.as_str()))
            .collect();
        let target = fold(written);
        let by_name = closest(&target, folded.iter().map(|(n, _)| n.as_str()))
            .and_then(|n| folded.iter().find(|(f, _)| f == n).map(|(_, c)| *c));
        let by_code = closest_code(
            &slugify(written),
            self.names.iter().map(|(c, _)| c.as_str()),
        );
        let hint = by_name.or(by_code).and_then(|code| {
            let (code, name) = self.names.iter().find(|(c, _)| c == code)?;
            Some(tr!(
                "có phải là `{name}` (mã `{code}`)?",
                "did you mean `{name}` (code `{code}`)?"
            ))
        });
        let field = self.field;
        let issue = Issue::new(tr!(
            "`{written}` không phải là {kind_vi} mà dự án biết",
            "`{written}` is not an {kind_en} the project knows"
        ))
        .expected(tr!(
            "tên {kind_vi} bằng tiếng Việt, ví dụ `{example}`",
            "the {kind_en}'s Vietnamese name, e.g. `{example}`",
            example = self
                .names
                .iter()
                .find(|(c, _)| c == "kinh" || c == "none")
                .or(self.names.first())
                .map_or("", |(_, n)| n.as_str())
        ));
        match hint {
            Some(h) => issue.hint(h),
            None => issue.hint(tr!(
                "viết đúng tên, hoặc khai báo mã mới trong `codes: {{{field}: …}}` của baucu.yaml",
                "write the name as the project knows it, or add a code under `codes: {{{field}: …}}` in baucu.yaml"
            )),
        }
    }
}

/// The levels of the election, to read "Là đại biểu Quốc hội / HĐND".
#[derive(Debug, Clone, Default)]
pub struct LevelNames {
    /// Each level's id with the folded words of its names (`quoc hoi`, `hdnd tinh`).
    pub levels: Vec<(String, Vec<String>)>,
}

/// Folded words of a level's or deputy's name, the council spelled `hdnd` and the
/// words "đại biểu" left out: "Đại biểu Hội đồng nhân dân tỉnh" → "hdnd tinh".
fn council_words(text: &str) -> String {
    let w = format!(" {} ", words(text))
        .replace(" hoi dong nhan dan ", " hdnd ")
        .replace(" dbqh ", " quoc hoi ")
        .replace(" qh ", " quoc hoi ")
        .replace(" dai bieu ", " ")
        .replace(" db ", " ");
    w.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The kind of council a word after "HĐND" names.
fn council_tier(after: &str) -> Option<&'static str> {
    for (words, tier) in [
        ("thi xa", "huyen"),
        ("thi tran", "xa"),
        ("thanh pho", "tinh"),
        ("dac khu", "xa"),
        ("tinh", "tinh"),
        ("huyen", "huyen"),
        ("quan", "huyen"),
        ("xa", "xa"),
        ("phuong", "xa"),
    ] {
        if after == words || after.starts_with(&format!("{words} ")) {
            return Some(tier);
        }
    }
    None
}

impl LevelNames {
    fn tier_of(&self, tier: &str) -> Option<&str> {
        self.levels
            .iter()
            .find(|(_, names)| {
                names.iter().any(|n| {
                    n.strip_prefix("hdnd ")
                        .and_then(council_tier)
                        .is_some_and(|t| t == tier)
                })
            })
            .map(|(id, _)| id.as_str())
    }

    /// The levels a cell says the candidate sits at; empty for `Không` or nothing.
    pub fn incumbent(&self, cell: &Cell) -> Result<Vec<String>, Issue> {
        let written = cell.line();
        let w = council_words(&written);
        if w.is_empty()
            || is_dash(&written)
            || w == "khong"
            || w.starts_with("khong ")
            || w == "chua"
        {
            return Ok(Vec::new());
        }
        let mut found: Vec<String> = Vec::new();
        let mut add = |id: &str| {
            if !found.iter().any(|f| f == id) {
                found.push(id.to_string());
            }
        };
        // A level whose own name is written ("Quốc hội", "HĐND tỉnh").
        for (id, names) in &self.levels {
            if names.iter().any(|n| !n.is_empty() && contains_words(&w, n)) {
                add(id);
            }
        }
        // "HĐND phường …", "HĐND thành phố …": the council of that tier.
        let tokens: Vec<&str> = w.split(' ').collect();
        for (i, token) in tokens.iter().enumerate() {
            if *token == "hdnd" {
                let after = tokens[i + 1..].join(" ");
                if let Some(id) = council_tier(&after).and_then(|t| self.tier_of(t)) {
                    add(id);
                }
            }
        }
        if found.is_empty() {
            let levels = self
                .levels
                .iter()
                .map(|(id, _)| id.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            return Err(Issue::new(tr!(
                "Không rõ `{written}` là đại biểu cấp nào",
                "cannot tell which level `{written}` is a deputy of"
            ))
            .expected(tr!(
                "`Không`, hoặc tên các cấp, ví dụ `Đại biểu Quốc hội khóa XV; Đại biểu HĐND tỉnh`",
                "`Không`, or the levels, e.g. `Đại biểu Quốc hội khóa XV; Đại biểu HĐND tỉnh`"
            ))
            .hint(tr!(
                "các cấp của cuộc bầu cử: {levels}",
                "the levels of the election: {levels}"
            )));
        }
        // In the order of the election's levels.
        found.sort_by_key(|id| self.levels.iter().position(|(l, _)| l == id));
        Ok(found)
    }

    /// The names of a level, folded for matching.
    pub fn names_of(names: &[String]) -> Vec<String> {
        let mut out: Vec<String> = names.iter().map(|n| council_words(n)).collect();
        out.sort();
        out.dedup();
        out
    }
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

    fn ethnicities() -> CodeNames {
        CodeNames {
            field: "ethnicity",
            names: [
                ("kinh", "Kinh"),
                ("tay", "Tày"),
                ("e-de", "Ê Đê"),
                ("mong", "Mông"),
                ("bru-van-kieu", "Bru - Vân Kiều"),
            ]
            .iter()
            .map(|(c, n)| (c.to_string(), n.to_string()))
            .collect(),
        }
    }

    #[test]
    fn ethnic_groups_by_their_names() {
        let e = ethnicities();
        assert_eq!(e.code_of(&t("Kinh")), Ok(Some("kinh".into())));
        assert_eq!(e.code_of(&t("TÀY")), Ok(Some("tay".into())));
        assert_eq!(e.code_of(&t("Êđê")), Ok(Some("e-de".into())));
        assert_eq!(e.code_of(&t("H'Mông")), Ok(Some("mong".into())));
        assert_eq!(e.code_of(&t("Vân Kiều")), Ok(Some("bru-van-kieu".into())));
        assert_eq!(e.code_of(&Cell::Empty), Ok(None));
        let wrong = e.code_of(&t("Kihn")).unwrap_err();
        assert!(wrong.hint.unwrap().en.contains("`Kinh`"));
    }

    #[test]
    fn incumbent_levels() {
        let levels = LevelNames {
            levels: vec![
                (
                    "quoc-hoi".into(),
                    LevelNames::names_of(&["Đại biểu Quốc hội".into()]),
                ),
                (
                    "hdnd-tinh".into(),
                    LevelNames::names_of(&[
                        "Đại biểu HĐND tỉnh".into(),
                        "Đại biểu Hội đồng nhân dân tỉnh".into(),
                    ]),
                ),
                (
                    "hdnd-xa".into(),
                    LevelNames::names_of(&["Đại biểu HĐND xã".into()]),
                ),
            ],
        };
        assert_eq!(levels.incumbent(&t("Không")), Ok(vec![]));
        assert_eq!(levels.incumbent(&Cell::Empty), Ok(vec![]));
        assert_eq!(
            levels.incumbent(&t("Đại biểu HĐND tỉnh khóa XIV;\nĐBQH khóa XV")),
            Ok(vec!["quoc-hoi".to_string(), "hdnd-tinh".to_string()])
        );
        assert_eq!(
            levels.incumbent(&t("Đại biểu HĐND phường Hạ Long")),
            Ok(vec!["hdnd-xa".to_string()])
        );
        assert_eq!(
            levels.incumbent(&t("Đại biểu Hội đồng nhân dân thành phố")),
            Ok(vec!["hdnd-tinh".to_string()])
        );
        assert!(levels.incumbent(&t("Hội viên")).is_err());
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
}
