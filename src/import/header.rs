//! Finding the header of an official list wherever it is: title rows above it, over
//! one or two rows ("Trình độ" merged over its five parts), its words matched
//! whatever their case, tone marks, line breaks and spacing. Each column gets the
//! field it holds; columns no field claims are named, to be warned about.

use super::sheets::{Cell, Sheet};
use crate::text::fold;

/// A column of the official list ("Danh sách chính thức những người ứng cử").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Order,
    Name,
    BirthDate,
    Gender,
    Nationality,
    Ethnicity,
    Religion,
    Hometown,
    Residence,
    Education,
    Qualification,
    AcademicTitle,
    PoliticalTheory,
    ForeignLanguage,
    Occupation,
    Workplace,
    PartyJoinDate,
    Incumbent,
    /// Not in the official layout: the unit, for lists without section rows; in a
    /// list of units, its number.
    Unit,
    /// Lists of units: seats, the communes a unit is made of, the area of a unit of a
    /// commune-wide level, a description.
    Seats,
    Communes,
    Area,
    Description,
    /// Result minutes: a unit's registered voters, ballots cast, valid and invalid
    /// ballots; a candidate's votes, share (read, not kept: baucu computes it) and
    /// whether elected.
    Voters,
    BallotsCast,
    ValidBallots,
    InvalidBallots,
    BallotsIssued,
    Votes,
    Share,
    Elected,
}

/// Each field a layout knows with the words that name its column.
pub type Phrases = &'static [(Field, &'static [&'static str])];

/// The columns of a list of candidates, most specific fields first: a column takes
/// the first field one of whose phrases its folded label contains.
pub const CANDIDATES: Phrases = &[
    (Field::PartyJoinDate, &["ngay vao dang", "vao dang"]),
    (
        Field::Incumbent,
        &[
            "la dai bieu",
            "dai bieu quoc hoi",
            "dai bieu hdnd",
            "dai bieu hoi dong nhan dan",
            "dai bieu qh",
            "dbqh",
        ],
    ),
    (Field::Unit, &["don vi bau cu", "dvbc"]),
    (
        Field::BirthDate,
        &["ngay thang nam sinh", "ngay sinh", "nam sinh"],
    ),
    (Field::Name, &["ho va ten", "ho ten"]),
    (Field::Gender, &["gioi tinh"]),
    (Field::Nationality, &["quoc tich"]),
    (Field::Ethnicity, &["dan toc"]),
    (Field::Religion, &["ton giao"]),
    (Field::Hometown, &["que quan"]),
    (Field::Residence, &["noi o", "noi cu tru", "cho o"]),
    (Field::Education, &["giao duc pho thong", "pho thong"]),
    (
        Field::Qualification,
        &["chuyen mon nghiep vu", "chuyen mon", "nghiep vu"],
    ),
    (Field::AcademicTitle, &["hoc ham", "hoc vi"]),
    (Field::PoliticalTheory, &["ly luan chinh tri", "chinh tri"]),
    (Field::ForeignLanguage, &["ngoai ngu"]),
    (Field::Occupation, &["nghe nghiep", "chuc vu"]),
    (
        Field::Workplace,
        &["noi cong tac", "don vi cong tac", "co quan cong tac"],
    ),
    (Field::Order, &["stt", "so thu tu", "so tt", "tt"]),
];

/// The columns of a list of electoral units.
pub const UNITS: Phrases = &[
    (
        Field::Seats,
        &["so dai bieu", "so ghe", "so luong dai bieu", "duoc bau"],
    ),
    (
        Field::Communes,
        &["gom", "cac xa", "xa phuong", "don vi hanh chinh", "dia ban"],
    ),
    (Field::Area, &["khu vuc", "thon", "khu pho", "to dan pho"]),
    (Field::Description, &["mo ta"]),
    (
        Field::Unit,
        &[
            "don vi bau cu",
            "dvbc",
            "so don vi",
            "don vi so",
            "so thu tu",
            "stt",
            "tt",
        ],
    ),
];

/// The columns of result minutes and result lists ("Biên bản xác định kết quả bầu
/// cử", "Danh sách những người trúng cử"), most specific first: "Số phiếu không hợp
/// lệ" before "hợp lệ", "Tỷ lệ cử tri đã bỏ phiếu" before "đã bỏ phiếu".
pub const RESULTS: Phrases = &[
    (Field::InvalidBallots, &["khong hop le"]),
    (Field::Share, &["ty le", "ti le", "phan tram"]),
    (Field::ValidBallots, &["phieu hop le", "hop le"]),
    (Field::BallotsIssued, &["phat ra"]),
    (
        Field::BallotsCast,
        &[
            "thu vao",
            "da bo phieu",
            "tham gia bo phieu",
            "di bo phieu",
            "di bau",
            "da tham gia",
        ],
    ),
    (Field::Voters, &["tong so cu tri", "so cu tri", "cu tri"]),
    (Field::Elected, &["trung cu", "ket qua"]),
    (
        Field::Votes,
        &["so phieu bau", "phieu bau", "so phieu dat", "so phieu"],
    ),
    (
        Field::Name,
        &["ho va ten", "ho ten", "nguoi ung cu", "ung cu vien"],
    ),
    (Field::Unit, &["don vi bau cu", "dvbc", "don vi"]),
    (Field::Order, &["stt", "so thu tu", "so tt", "tt"]),
];

/// The fields a list cannot do without.
pub const REQUIRED: &[Field] = &[Field::Order, Field::Name, Field::BirthDate, Field::Gender];

impl Field {
    /// The column's name in the official layout, to name it in messages.
    pub fn label(self) -> &'static str {
        match self {
            Field::Order => "STT",
            Field::Name => "Họ và tên",
            Field::BirthDate => "Ngày tháng năm sinh",
            Field::Gender => "Giới tính",
            Field::Nationality => "Quốc tịch",
            Field::Ethnicity => "Dân tộc",
            Field::Religion => "Tôn giáo",
            Field::Hometown => "Quê quán",
            Field::Residence => "Nơi ở hiện nay",
            Field::Education => "Giáo dục phổ thông",
            Field::Qualification => "Chuyên môn, nghiệp vụ",
            Field::AcademicTitle => "Học hàm, học vị",
            Field::PoliticalTheory => "Lý luận chính trị",
            Field::ForeignLanguage => "Ngoại ngữ",
            Field::Occupation => "Nghề nghiệp, chức vụ",
            Field::Workplace => "Nơi công tác",
            Field::PartyJoinDate => "Ngày vào Đảng",
            Field::Incumbent => "Là đại biểu Quốc hội / HĐND",
            Field::Unit => "Đơn vị bầu cử",
            Field::Seats => "Số đại biểu được bầu",
            Field::Communes => "Gồm các xã, phường",
            Field::Area => "Khu vực",
            Field::Description => "Mô tả",
            Field::Voters => "Tổng số cử tri",
            Field::BallotsCast => "Số cử tri đã tham gia bỏ phiếu",
            Field::ValidBallots => "Số phiếu hợp lệ",
            Field::InvalidBallots => "Số phiếu không hợp lệ",
            Field::BallotsIssued => "Số phiếu phát ra",
            Field::Votes => "Số phiếu bầu",
            Field::Share => "Tỷ lệ",
            Field::Elected => "Trúng cử",
        }
    }

    /// Every field of the official layout, in its order.
    pub fn official() -> &'static [Field] {
        &[
            Field::Order,
            Field::Name,
            Field::BirthDate,
            Field::Gender,
            Field::Nationality,
            Field::Ethnicity,
            Field::Religion,
            Field::Hometown,
            Field::Residence,
            Field::Education,
            Field::Qualification,
            Field::AcademicTitle,
            Field::PoliticalTheory,
            Field::ForeignLanguage,
            Field::Occupation,
            Field::Workplace,
            Field::PartyJoinDate,
            Field::Incumbent,
        ]
    }
}

/// A label folded for matching: lowercase ASCII words separated by single spaces
/// ("Ngày tháng\nnăm  sinh" → "ngay thang nam sinh"; "HĐND" → "hdnd").
pub fn words(text: &str) -> String {
    fold(text)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `phrase` (folded words) stands in `label` (folded words) as whole words.
pub fn contains_words(label: &str, phrase: &str) -> bool {
    let padded = format!(" {label} ");
    padded.contains(&format!(" {phrase} "))
}

/// The field a header label names, if any.
pub fn field_of(label: &str, phrases: Phrases) -> Option<Field> {
    field_rank(label, phrases).map(|(field, _)| field)
}

/// The field a label names and how specific the phrase it matched is (0 = the
/// field's first phrase): of two columns naming one field, the more specific wins
/// ("Đơn vị bầu cử" over "STT" in a list of units).
fn field_rank(label: &str, phrases: Phrases) -> Option<(Field, usize)> {
    let label = words(label);
    if label.is_empty() {
        return None;
    }
    phrases.iter().find_map(|(field, phrases)| {
        phrases
            .iter()
            .position(|p| contains_words(&label, p))
            .map(|rank| (*field, rank))
    })
}

/// The header found in a sheet.
#[derive(Debug, Clone)]
pub struct Header {
    /// The first row of the header (index into the sheet's rows).
    pub row: usize,
    /// How many rows it spans (1 or 2).
    pub height: usize,
    /// The field of each column that has one: (column, field).
    pub columns: Vec<(usize, Field)>,
    /// Columns with a label that names no field: (column, label).
    pub extra: Vec<(usize, String)>,
}

impl Header {
    pub fn column(&self, field: Field) -> Option<usize> {
        self.columns
            .iter()
            .find(|(_, f)| *f == field)
            .map(|(c, _)| *c)
    }

    /// The first row after the header.
    pub fn end(&self) -> usize {
        self.row + self.height
    }
}

/// The fields a row's cells name, one per column at most.
fn row_fields(row: &[Cell], phrases: Phrases) -> Vec<(usize, Field)> {
    row.iter()
        .enumerate()
        .filter_map(|(c, cell)| match cell {
            Cell::Text(t) => field_of(t, phrases).map(|f| (c, f)),
            _ => None,
        })
        .collect()
}

/// How many different fields a row names: 3 or more make a header row.
pub fn looks_like_header(row: &[Cell], phrases: Phrases) -> bool {
    let mut fields: Vec<Field> = row_fields(row, phrases)
        .into_iter()
        .map(|(_, f)| f)
        .collect();
    fields.sort();
    fields.dedup();
    fields.len() >= 3.min(phrases.len() - 2)
}

/// Finds the header in the first 40 rows of a sheet.
pub fn find_header(sheet: &Sheet, phrases: Phrases) -> Option<Header> {
    let limit = sheet.rows.len().min(40);
    let row = (0..limit).find(|&r| looks_like_header(&sheet.rows[r], phrases))?;
    let width = (row..(row + 2).min(sheet.rows.len()))
        .map(|r| sheet.rows[r].len())
        .max()
        .unwrap_or(0);
    // A second header row: the parts under a merged "Trình độ" (or any label that
    // spans columns), and no data (a data row has a name and numbers or dates).
    let second = sheet.rows.get(row + 1).filter(|next| {
        let named = row_fields(next, phrases);
        !named.is_empty()
            && !next.iter().any(|c| matches!(c, Cell::Text(t) if unit_in_title(t).is_some()))
            && next
                .iter()
                .all(|c| matches!(c, Cell::Empty) || matches!(c, Cell::Text(t) if !t.trim().is_empty() && field_of(t, phrases).is_some() || is_note_label(t)))
    });
    let height = if second.is_some() { 2 } else { 1 };
    let mut named: Vec<(usize, Field, usize, String)> = Vec::new();
    let mut extra = Vec::new();
    for col in 0..width {
        let top = sheet.cell(row, col);
        let below = if height == 2 {
            sheet.cell(row + 1, col)
        } else {
            &Cell::Empty
        };
        // The lower label when there is one (a part under a merged title), else the
        // upper one (a label merged down over both rows).
        let label = match (below, top) {
            (Cell::Text(t), _) if !t.trim().is_empty() => t.clone(),
            (_, Cell::Text(t)) => t.clone(),
            _ => continue,
        };
        let label_line = label.split_whitespace().collect::<Vec<_>>().join(" ");
        match field_rank(&label, phrases) {
            Some((field, rank)) => named.push((col, field, rank, label_line)),
            // A parent title over named parts ("Trình độ") is no column of its own.
            None if height == 2 && below.is_empty() && words(&label).starts_with("trinh do") => {}
            None => extra.push((col, label_line)),
        }
    }
    let mut columns: Vec<(usize, Field)> = Vec::new();
    for (col, field, _, label) in &named {
        let best = named
            .iter()
            .filter(|(_, f, ..)| f == field)
            .min_by_key(|(c, _, r, _)| (*r, *c))
            .map(|(c, ..)| *c);
        if best == Some(*col) {
            columns.push((*col, *field));
        } else {
            extra.push((*col, label.clone()));
        }
    }
    extra.sort();
    Some(Header {
        row,
        height,
        columns,
        extra,
    })
}

/// Labels of a second header row that are not fields but are no data either.
fn is_note_label(text: &str) -> bool {
    let w = words(text);
    w.starts_with("trinh do") || w == "ghi chu"
}

/// A row numbering the columns under the header: `1 2 3 …` or `(1) (2) (3) …`.
pub fn is_numbering_row(row: &[Cell]) -> bool {
    let numbers: Vec<Option<f64>> = row
        .iter()
        .filter(|c| !c.is_empty())
        .map(|c| match c {
            Cell::Number(n) => Some(*n),
            Cell::Text(t) => t
                .trim()
                .trim_start_matches('(')
                .trim_end_matches(')')
                .trim()
                .parse::<f64>()
                .ok(),
            _ => None,
        })
        .collect();
    numbers.len() >= 4
        && numbers.iter().all(Option::is_some)
        && numbers
            .windows(2)
            .all(|w| w[1].unwrap_or_default() > w[0].unwrap_or_default())
}

/// The number of an electoral unit in a text: "Đơn vị bầu cử số 3: gồm …" → 3. The
/// number must be in the same clause: in "Tổng số cử tri của đơn vị bầu cử: 387.631"
/// no unit is named.
pub fn unit_in_title(text: &str) -> Option<u32> {
    text.split(':').find_map(unit_in_clause)
}

fn unit_in_clause(text: &str) -> Option<u32> {
    let w = words(text);
    for phrase in [
        "don vi bau cu so ",
        "don vi bau cu ",
        "dvbc so ",
        "don vi so ",
    ] {
        if let Some(at) = w.find(phrase) {
            if at == 0 || w.as_bytes()[at - 1] == b' ' {
                let rest = &w[at + phrase.len()..];
                let number: String = rest.chars().take_while(char::is_ascii_digit).collect();
                if let Ok(n) = number.parse() {
                    return Some(n);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_named_in_titles() {
        assert_eq!(unit_in_title("Đơn vị bầu cử số 3: gồm các phường"), Some(3));
        assert_eq!(unit_in_title("Kết quả: ĐƠN VỊ BẦU CỬ SỐ 12"), Some(12));
        assert_eq!(
            unit_in_title("Tổng số cử tri của đơn vị bầu cử: 387.631"),
            None
        );
    }

    #[test]
    fn labels_are_matched_whatever_their_case_tones_and_spacing() {
        assert_eq!(
            field_of("NGÀY THÁNG\nNĂM SINH", CANDIDATES),
            Some(Field::BirthDate)
        );
        assert_eq!(
            field_of("Ngày vào Đảng", CANDIDATES),
            Some(Field::PartyJoinDate)
        );
        assert_eq!(field_of("Họ  và tên", CANDIDATES), Some(Field::Name));
        assert_eq!(
            field_of("Là đại biểu QH, đại biểu HĐND (nếu có)", CANDIDATES),
            Some(Field::Incumbent)
        );
        assert_eq!(
            field_of("Trình độ giáo dục phổ thông", CANDIDATES),
            Some(Field::Education)
        );
        assert_eq!(
            field_of("Nghề nghiệp, chức vụ", CANDIDATES),
            Some(Field::Occupation)
        );
        assert_eq!(field_of("Nơi công tác", CANDIDATES), Some(Field::Workplace));
        assert_eq!(
            field_of("Nơi ở hiện nay", CANDIDATES),
            Some(Field::Residence)
        );
        assert_eq!(field_of("STT", CANDIDATES), Some(Field::Order));
        assert_eq!(field_of("Ghi chú", CANDIDATES), None);
        assert_eq!(field_of("Trình độ", CANDIDATES), None);
    }

    fn text(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn a_two_row_header_under_a_title() {
        let sheet = Sheet {
            name: "ĐV1".into(),
            origin: (0, 0),
            rows: vec![
                vec![text("DANH SÁCH CHÍNH THỨC")],
                vec![],
                vec![
                    text("STT"),
                    text("Họ và tên"),
                    text("Ngày sinh"),
                    text("Giới tính"),
                    text("Trình độ"),
                    Cell::Empty,
                    text("Ghi chú"),
                ],
                vec![
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    text("Giáo dục phổ thông"),
                    text("Ngoại ngữ"),
                    Cell::Empty,
                ],
                vec![
                    text("(1)"),
                    text("(2)"),
                    text("(3)"),
                    text("(4)"),
                    text("(5)"),
                ],
            ],
        };
        let header = find_header(&sheet, CANDIDATES).unwrap();
        assert_eq!((header.row, header.height), (2, 2));
        assert_eq!(header.column(Field::Education), Some(4));
        assert_eq!(header.column(Field::ForeignLanguage), Some(5));
        assert_eq!(header.column(Field::Gender), Some(3));
        assert_eq!(header.extra, vec![(6, "Ghi chú".to_string())]);
        assert!(is_numbering_row(&sheet.rows[4]));
    }
}
