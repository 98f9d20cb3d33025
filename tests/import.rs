//! `baucu import candidates` end to end, on copies of the sample project, with
//! workbooks the tests write themselves: an .xlsx (title rows, a merged two-row
//! header, section rows, spreadsheet dates, columns in another order on a second
//! sheet), a .csv with a byte-order mark and dd/mm/yyyy dates, and a minimal .ods
//! (written by hand: no crate writes ODS). What is written must pass `check`, build
//! pages showing every field, and stay byte for byte the same on a second import;
//! broken lists exit 1 naming sheet and cell, with nothing written.

mod common;

use common::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use serde_yaml::Value;
use std::io::Write;
use std::path::{Path, PathBuf};

/// One row of an official list, as the committee writes it.
#[derive(Debug, Clone)]
struct Person {
    unit: u32,
    order: u32,
    name: String,
    birth: (u16, u8, u8),
    gender: String,
    ethnicity: String,
    religion: String,
    hometown: String,
    residence: String,
    education: String,
    qualification: String,
    academic_title: String,
    political_theory: String,
    foreign_language: String,
    occupation: String,
    workplace: String,
    party: Option<(u16, u8, u8)>,
    incumbent: String,
}

/// The official layout's columns, in its order.
const COLUMNS: [&str; 18] = [
    "STT",
    "HỌ VÀ TÊN",
    "Ngày tháng\nnăm sinh",
    "Giới tính",
    "Quốc tịch",
    "Dân tộc",
    "Tôn giáo",
    "Quê quán",
    "Nơi ở hiện nay",
    "Giáo dục phổ thông",
    "Chuyên môn, nghiệp vụ",
    "Học hàm, học vị",
    "Lý luận chính trị",
    "Ngoại ngữ",
    "Nghề nghiệp, chức vụ",
    "Nơi công tác",
    "Ngày vào Đảng",
    "Là đại biểu QH, đại biểu HĐND (nếu có)",
];

enum Written {
    Text(String),
    Date((u16, u8, u8)),
    Number(f64),
}

impl Person {
    /// The cell of column `i` of [`COLUMNS`].
    fn cell(&self, i: usize) -> Written {
        let t = |s: &str| Written::Text(s.to_string());
        match i {
            0 => Written::Number(self.order as f64),
            1 => t(&self.name),
            2 => Written::Date(self.birth),
            3 => t(&self.gender),
            4 => t("Việt Nam"),
            5 => t(&self.ethnicity),
            6 => t(&self.religion),
            7 => t(&self.hometown),
            8 => t(&self.residence),
            9 => t(&self.education),
            10 => t(&self.qualification),
            11 => t(&self.academic_title),
            12 => t(&self.political_theory),
            13 => t(&self.foreign_language),
            14 => t(&self.occupation),
            15 => t(&self.workplace),
            16 => self.party.map_or(t(""), Written::Date),
            _ => t(&self.incumbent),
        }
    }
}

fn vi(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Mapping(m) => vi(&m[&Value::from("vi")]),
        other => serde_yaml::to_string(other).unwrap().trim().to_string(),
    }
}

fn ymd(value: &Value) -> Option<(u16, u8, u8)> {
    let s = vi(value);
    let mut p = s.split('-');
    Some((
        p.next()?.parse().ok()?,
        p.next()?.parse().ok()?,
        p.next()?.parse().ok()?,
    ))
}

/// The candidates of a sample file as their official list writes them.
fn people_of(file: &str) -> Vec<Person> {
    let root = repo_root();
    let theme: Value = serde_yaml::from_str(
        &std::fs::read_to_string(root.join("themes/default/i18n/vi.yaml")).unwrap(),
    )
    .unwrap();
    let name_of = |field: &str, code: &Value| vi(&theme["codes"][field][code]);
    let list: Value =
        serde_yaml::from_str(&std::fs::read_to_string(root.join(file)).unwrap()).unwrap();
    let level_name = |id: &str| match id {
        "quoc-hoi" => "Đại biểu Quốc hội khóa XV".to_string(),
        "hdnd-tinh" => "Đại biểu HĐND tỉnh khóa XIV".to_string(),
        _ => "Đại biểu HĐND phường".to_string(),
    };
    list["candidates"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|c| {
            let incumbent: Vec<String> = c["incumbent"]
                .as_sequence()
                .unwrap()
                .iter()
                .map(|l| level_name(l.as_str().unwrap()))
                .collect();
            Person {
                unit: c["unit"].as_u64().unwrap() as u32,
                order: c["ballot_order"].as_u64().unwrap() as u32,
                name: vi(&c["name"]),
                birth: ymd(&c["birth_date"]).unwrap(),
                gender: if vi(&c["gender"]) == "female" {
                    "Nữ"
                } else {
                    "Nam"
                }
                .into(),
                ethnicity: name_of("ethnicity", &c["ethnicity"]),
                religion: name_of("religion", &c["religion"]),
                hometown: vi(&c["hometown"]),
                residence: vi(&c["residence"]),
                education: vi(&c["education"]),
                qualification: vi(&c["qualification"]),
                academic_title: vi(&c["academic_title"]),
                political_theory: vi(&c["political_theory"]),
                foreign_language: vi(&c["foreign_language"]),
                occupation: vi(&c["occupation"]),
                workplace: vi(&c["workplace"]),
                party: ymd(&c["party_join_date"]),
                incumbent: if incumbent.is_empty() {
                    "Không".into()
                } else {
                    incumbent.join("; ")
                },
            }
        })
        .collect()
}

/// A person on no list of the sample.
fn newcomer() -> Person {
    Person {
        unit: 3,
        order: 5,
        name: "Lò Thị Sen".into(),
        birth: (1988, 8, 12),
        gender: "Nữ".into(),
        ethnicity: "THÁI".into(),
        religion: "Phật giáo".into(),
        hometown: "Xã Lục Hồn, huyện Bình Liêu, tỉnh Quảng Ninh".into(),
        residence: "Thôn Nà Ếch, Xã Bình Liêu, tỉnh Quảng Ninh".into(),
        education: "12/12".into(),
        qualification: "Thạc sĩ Khoa học cây trồng".into(),
        academic_title: "Thạc sĩ".into(),
        political_theory: "Trung cấp".into(),
        foreign_language: "Tiếng Trung B1".into(),
        occupation: "Phó Chủ tịch Ủy ban nhân dân xã Bình Liêu".into(),
        workplace: "Ủy ban nhân dân xã Bình Liêu".into(),
        party: Some((2012, 2, 3)),
        incumbent: "Đại biểu HĐND xã Bình Liêu".into(),
    }
}

/// The National Assembly list of the sample, with changes an import must carry:
/// Trịnh Thị Mai's occupation changed, a person of the provincial council's list
/// added to unit 1, and a newcomer to unit 3.
fn national_list() -> (Vec<Person>, Person) {
    let mut people = people_of("content/quang-ninh/candidates/quoc-hoi.yaml");
    let mai = people
        .iter_mut()
        .find(|p| p.name == "Trịnh Thị Mai")
        .unwrap();
    mai.occupation = "Tổ trưởng tổ cơ điện lò".into();
    let quoc_hoi: Vec<String> = people.iter().map(|p| p.name.clone()).collect();
    let commune: Vec<String> = ["6688", "6712", "6985"]
        .iter()
        .flat_map(|c| people_of(&format!("content/quang-ninh/candidates/hdnd-xa/{c}.yaml")))
        .map(|p| p.name)
        .collect();
    let mut from_council = people_of("content/quang-ninh/candidates/hdnd-tinh.yaml")
        .into_iter()
        .find(|p| !quoc_hoi.contains(&p.name) && !commune.contains(&p.name))
        .unwrap();
    from_council.unit = 1;
    from_council.order = 6;
    people.push(from_council.clone());
    people.push(newcomer());
    (people, from_council)
}

/// Writes the list as an .xlsx: sheet "ĐV 1-2" (title row, two-row header with
/// "Trình độ hiện nay" merged over its parts, a row of column numbers, a section row
/// per unit, dates as spreadsheet dates, a signature), and sheet "ĐV 3" (the unit in
/// a title row above the header, the columns in another order). `edit` may change
/// a header label or a cell: (sheet, row, column) → text.
fn write_xlsx(path: &Path, people: &[Person], edit: &dyn Fn(usize, u32, u16) -> Option<String>) {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let plain = Format::new();
    let sheets: [(&str, &[u32]); 2] = [("ĐV 1-2", &[1, 2]), ("ĐV 3", &[3])];
    for (s, (name, units)) in sheets.iter().enumerate() {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).unwrap();
        // Column order: the official one, or on the second sheet shuffled.
        let order: Vec<usize> = if s == 0 {
            (0..18).collect()
        } else {
            vec![0, 1, 3, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 14, 17, 16]
        };
        let text = |sheet: &mut rust_xlsxwriter::Worksheet, row: u32, col: u16, value: &str| {
            let value = edit(s, row, col).unwrap_or_else(|| value.to_string());
            if !value.is_empty() {
                sheet.write_string(row, col, value).unwrap();
            }
        };
        sheet
            .merge_range(0, 0, 0, 18, "DANH SÁCH CHÍNH THỨC NHỮNG NGƯỜI ỨNG CỬ ĐẠI BIỂU QUỐC HỘI KHÓA XVI TẠI TỈNH QUẢNG NINH", &plain)
            .unwrap();
        if s == 1 {
            text(sheet, 1, 0, "ĐƠN VỊ BẦU CỬ SỐ 3");
        }
        // The header: rows 3 and 4 (indexes 2 and 3).
        for (col, &field) in order.iter().enumerate() {
            let col = col as u16;
            // "Trình độ" covers columns 9–13 of the official order.
            let label = edit(s, 2, col).unwrap_or_else(|| COLUMNS[field].to_string());
            if (9..=13).contains(&field) {
                text(sheet, 3, col, COLUMNS[field]);
            } else {
                sheet.merge_range(2, col, 3, col, &label, &plain).unwrap();
            }
        }
        let first_part = order.iter().position(|&f| f == 9).unwrap() as u16;
        sheet
            .merge_range(
                2,
                first_part,
                2,
                first_part + 4,
                "TRÌNH ĐỘ HIỆN NAY",
                &plain,
            )
            .unwrap();
        sheet.merge_range(2, 18, 3, 18, "Ghi chú", &plain).unwrap();
        for col in 0..19u16 {
            text(sheet, 4, col, &format!("({})", col + 1));
        }
        let mut row = 5u32;
        for &unit in *units {
            if s == 0 {
                text(
                    sheet,
                    row,
                    0,
                    &format!("Đơn vị bầu cử số {unit}: gồm các phường, xã …"),
                );
                row += 1;
            }
            for p in people.iter().filter(|p| p.unit == unit) {
                for (col, &field) in order.iter().enumerate() {
                    let col = col as u16;
                    match (edit(s, row, col), p.cell(field)) {
                        (Some(t), _) => {
                            sheet.write_string(row, col, t).unwrap();
                        }
                        (None, Written::Text(t)) => text(sheet, row, col, &t),
                        (None, Written::Number(n)) => {
                            sheet.write_number(row, col, n).unwrap();
                        }
                        (None, Written::Date((y, m, d))) => {
                            let when = ExcelDateTime::from_ymd(y, m, d).unwrap();
                            sheet
                                .write_datetime_with_format(row, col, &when, &date)
                                .unwrap();
                        }
                    }
                }
                row += 1;
            }
        }
        text(sheet, row + 1, 14, "TM. ỦY BAN BẦU CỬ");
        text(sheet, row + 2, 14, "CHỦ TỊCH");
    }
    book.save(path).unwrap();
}

fn no_edit(_: usize, _: u32, _: u16) -> Option<String> {
    None
}

fn candidates_file(root: &Path, rel: &str) -> Value {
    serde_yaml::from_str(&std::fs::read_to_string(root.join(rel)).unwrap()).unwrap()
}

fn record<'a>(file: &'a Value, id: &str) -> &'a Value {
    file["candidates"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|c| c["id"].as_str() == Some(id))
        .unwrap_or_else(|| panic!("no candidate `{id}`"))
}

fn import(root: &Path, args: &[&str]) -> (Option<i32>, String) {
    let mut all = vec!["import", "candidates"];
    all.extend_from_slice(args);
    let output = run_baucu(&all, root);
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

const QH: &str = "content/quang-ninh/candidates/quoc-hoi.yaml";

#[test]
fn an_xlsx_list_becomes_the_levels_file_and_its_pages() {
    let project = sample_copy();
    let root = project.path();
    let (people, from_council) = national_list();
    let xlsx = root.join("danh-sach.xlsx");
    write_xlsx(&xlsx, &people, &no_edit);
    let (code, stderr) = import(
        root,
        &[
            xlsx.to_str().unwrap(),
            "--level",
            "quoc-hoi",
            "--province",
            "quang-ninh",
        ],
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("wrote content/quang-ninh/candidates/quoc-hoi.yaml: 16 candidates in 3 units (2 new, 14 updated, 0 removed)"), "{stderr}");
    // The extra column is named in a warning, at its cell.
    assert!(
        stderr.contains("the column `Ghi chú` is not part of the official list"),
        "{stderr}"
    );
    assert!(stderr.contains("sheet \"ĐV 1-2\", cell S3"), "{stderr}");

    let file = candidates_file(root, QH);
    // Ids, photos, bios and translations the sheet has no column for survive.
    let hanh = record(&file, "nguyen-thi-hong-hanh-1976");
    assert_eq!(
        hanh["photo"].as_str(),
        Some("photos/nguyen-thi-hong-hanh-1976.jpg")
    );
    assert!(vi(&hanh["bio"]).contains("Quá trình công tác"));
    assert_eq!(
        hanh["qualification"]["en"].as_str(),
        Some("Master of Economic Management")
    );
    assert_eq!(hanh["ballot_order"].as_u64(), Some(2));
    // A changed Vietnamese text drops its old translation.
    let mai = record(&file, "trinh-thi-mai-1998");
    assert_eq!(mai["occupation"].as_str(), Some("Tổ trưởng tổ cơ điện lò"));
    assert!(
        stderr.contains("Trịnh Thị Mai: the Vietnamese of occupation changed"),
        "{stderr}"
    );
    // A person of another level's list keeps their id there, and their biography.
    let council: Value = candidates_file(root, "content/quang-ninh/candidates/hdnd-tinh.yaml");
    let theirs = council["candidates"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|c| vi(&c["name"]) == from_council.name)
        .unwrap();
    let ours = record(&file, theirs["id"].as_str().unwrap());
    assert_eq!(ours["unit"].as_u64(), Some(1));
    assert_eq!(ours["ballot_order"].as_u64(), Some(6));
    for field in ["photo", "incumbent", "self_nominated"] {
        assert_eq!(ours[field], theirs[field], "{field}");
    }
    for field in ["bio", "hometown", "occupation", "qualification"] {
        assert_eq!(vi(&ours[field]), vi(&theirs[field]), "{field}");
    }
    // A newcomer gets the id CONTENT.md describes, every field from the sheet.
    let sen = record(&file, "lo-thi-sen-1988");
    assert_eq!(sen["birth_date"].as_str(), Some("1988-08-12"));
    assert_eq!(sen["ethnicity"].as_str(), Some("thai"));
    assert_eq!(sen["religion"].as_str(), Some("phat-giao"));
    assert_eq!(sen["education"].as_str(), Some("12/12"));
    assert_eq!(sen["party_join_date"].as_str(), Some("2012-02-03"));
    assert_eq!(sen["incumbent"].as_sequence().unwrap().len(), 1);
    let text = std::fs::read_to_string(root.join(QH)).unwrap();
    assert!(
        text.starts_with("# Danh sách chính thức những người ứng cử đại biểu Quốc hội"),
        "the file's own comments stay"
    );
    assert!(text.contains("  # Đơn vị bầu cử số 3\n"));
    assert!(text.contains("    education: \"12/12\"\n"));

    assert_clean(&check(root));
    let built = build_into(root, false);
    let page = built.page("quang-ninh", "/ung-cu-vien/lo-thi-sen-1988/");
    let fields: Vec<String> = select(&page, "dl.fields dd").iter().map(text_of).collect();
    let all = fields.join(" | ");
    for shown in [
        "12/08/1988",
        "Nữ",
        "Việt Nam",
        "Thái",
        "Phật giáo",
        "Xã Lục Hồn, huyện Bình Liêu, tỉnh Quảng Ninh",
        // The residence as the province's privacy setting publishes it.
        "Xã Bình Liêu, tỉnh Quảng Ninh",
        "12/12",
        "Thạc sĩ Khoa học cây trồng",
        "Thạc sĩ",
        "Trung cấp",
        "Tiếng Trung B1",
        "Phó Chủ tịch Ủy ban nhân dân xã Bình Liêu",
        "Ủy ban nhân dân xã Bình Liêu",
        "03/02/2012",
        "Đại biểu HĐND xã",
    ] {
        assert!(
            fields.iter().any(|f| f == shown),
            "`{shown}` not among the fields: {all}"
        );
    }
    assert_eq!(text_of(&select(&page, "h1")[0]), "Lò Thị Sen");
    let english = built.page("quang-ninh", "/en/candidates/lo-thi-sen-1988/");
    let fields: Vec<String> = select(&english, "dl.fields dd")
        .iter()
        .map(text_of)
        .collect();
    assert!(fields.iter().any(|f| f == "Thai"), "{fields:?}");
}

#[test]
fn importing_the_same_list_twice_changes_nothing() {
    let project = sample_copy();
    let root = project.path();
    let (people, _) = national_list();
    let xlsx = root.join("ds.xlsx");
    write_xlsx(&xlsx, &people, &no_edit);
    let args = [
        xlsx.to_str().unwrap(),
        "--level",
        "quoc-hoi",
        "--province",
        "quang-ninh",
    ];
    assert_eq!(import(root, &args).0, Some(0));
    let first = std::fs::read(root.join(QH)).unwrap();
    let modified = std::fs::metadata(root.join(QH))
        .unwrap()
        .modified()
        .unwrap();
    let (code, stderr) = import(root, &args);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("unchanged: 16 candidates in 3 units"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(root.join(QH)).unwrap(),
        first,
        "byte-identical"
    );
    assert_eq!(
        std::fs::metadata(root.join(QH))
            .unwrap()
            .modified()
            .unwrap(),
        modified,
        "not even rewritten"
    );
}

/// A broken list: exit code 1, each message naming the sheet and cell, and the
/// candidates file byte for byte as it was.
fn refused(edit: &dyn Fn(usize, u32, u16) -> Option<String>, people: &[Person]) -> String {
    let project = sample_copy();
    let root = project.path();
    let before = snapshot(&root.join("content"));
    let xlsx = root.join("ds.xlsx");
    write_xlsx(&xlsx, people, edit);
    let (code, stderr) = import(
        root,
        &[
            xlsx.to_str().unwrap(),
            "--level",
            "quoc-hoi",
            "--province",
            "quang-ninh",
        ],
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert!(
        snapshot(&root.join("content")) == before,
        "nothing may be written"
    );
    stderr
}

#[test]
fn broken_lists_are_refused_with_every_problem_at_its_cell() {
    let (people, _) = national_list();
    // Sheet "ĐV 1-2": row 6 (index 5) is unit 1's section row, rows 7–12 its
    // candidates; column F is "Dân tộc", C the birth date.
    let stderr = refused(
        &|s, row, col| match (s, row, col) {
            (0, 6, 5) => Some("Kihn".into()),
            (0, 7, 2) => Some("31/02/1980".into()),
            (1, 1, 0) => Some("ĐƠN VỊ BẦU CỬ SỐ 9".into()),
            _ => None,
        },
        &people,
    );
    assert!(
        stderr.contains("`Kihn` is not an ethnic group the project knows\n  --> "),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "sheet \"ĐV 1-2\", cell F7\n   = expected: the ethnic group's Vietnamese name"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint: did you mean `Kinh` (code `kinh`)?"),
        "{stderr}"
    );
    assert!(
        stderr.contains("`31/02/1980` cannot exist: February 1980 has 29 days\n  --> "),
        "{stderr}"
    );
    assert!(stderr.contains("sheet \"ĐV 1-2\", cell C8"), "{stderr}");
    assert!(
        stderr.contains("there is no electoral unit 9 in level `quoc-hoi`\n  --> "),
        "{stderr}"
    );
    assert!(
        stderr.contains("sheet \"ĐV 3\", cell A2\n   = expected: one of the numbers: 1, 2, 3"),
        "{stderr}"
    );
    // Reported at once.
    assert!(stderr.contains("3 error(s)"), "{stderr}");
}

#[test]
fn a_list_without_a_required_column_is_refused() {
    let (people, _) = national_list();
    let stderr = refused(
        &|s, row, col| (s == 1 && row == 2 && col == 2).then(|| "Ghi chú 2".into()),
        &people,
    );
    assert!(
        stderr.contains("the header has no column `Giới tính`, which is required\n  --> "),
        "{stderr}"
    );
    assert!(stderr.contains("sheet \"ĐV 3\", row 3"), "{stderr}");
}

/// The commune list of Phường Hạ Long as a CSV file (byte-order mark, dd/mm/yyyy,
/// the commune named by the title, units as section rows).
fn write_csv(path: &Path, people: &[Person]) {
    let mut out = String::from("\u{FEFF}DANH SÁCH CHÍNH THỨC NHỮNG NGƯỜI ỨNG CỬ ĐẠI BIỂU HĐND PHƯỜNG HẠ LONG NHIỆM KỲ 2026-2031\n\n");
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    out.push_str(
        &COLUMNS
            .iter()
            .map(|c| quote(c))
            .collect::<Vec<_>>()
            .join(","),
    );
    out.push('\n');
    let mut unit = 0;
    for p in people {
        if p.unit != unit {
            unit = p.unit;
            out.push_str(&format!("Đơn vị bầu cử số {unit}\n"));
        }
        let cells: Vec<String> = (0..18)
            .map(|i| match p.cell(i) {
                Written::Text(t) => quote(&t),
                Written::Number(n) => n.to_string(),
                Written::Date((y, m, d)) => format!("{d:02}/{m:02}/{y}"),
            })
            .collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    std::fs::write(path, out).unwrap();
}

#[test]
fn a_csv_list_of_a_commune_wide_level() {
    let project = sample_copy();
    let root = project.path();
    let rel = "content/quang-ninh/candidates/hdnd-xa/6688.yaml";
    let before = std::fs::read_to_string(root.join(rel)).unwrap();
    let people = people_of(rel);
    let csv = root.join("ha-long.csv");
    write_csv(&csv, &people);
    // The project has two provinces: without --province, the import says so.
    let (code, stderr) = import(root, &[csv.to_str().unwrap(), "--level", "hdnd-xa"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("choose one with --province"), "{stderr}");
    let args = [
        csv.to_str().unwrap(),
        "--level",
        "hdnd-xa",
        "--province",
        "quang-ninh",
    ];
    let (code, stderr) = import(root, &args);
    assert_eq!(code, Some(0), "{stderr}");
    let after = std::fs::read_to_string(root.join(rel)).unwrap();
    // The same people: every id, order and value as the hand-written file had.
    let (old, new): (Value, Value) = (
        serde_yaml::from_str(&before).unwrap(),
        serde_yaml::from_str(&after).unwrap(),
    );
    assert_eq!(old["commune"], new["commune"]);
    let plain = |v: &Value| -> Vec<Value> { v["candidates"].as_sequence().unwrap().to_vec() };
    assert_eq!(plain(&old).len(), plain(&new).len());
    for (a, b) in plain(&old).iter().zip(plain(&new).iter()) {
        for field in [
            "id",
            "unit",
            "ballot_order",
            "birth_date",
            "gender",
            "ethnicity",
            "religion",
            "bio",
            "photo",
            "party_join_date",
            "incumbent",
        ] {
            assert_eq!(a[field], b[field], "{field} of {:?}", a["id"]);
        }
        assert_eq!(vi(&a["occupation"]), vi(&b["occupation"]));
    }
    assert_clean(&check(root));
    // The commune named on the command line, by its name without tone marks.
    let (code, stderr) = import(
        root,
        &[
            csv.to_str().unwrap(),
            "--level",
            "hdnd-xa",
            "--province",
            "quang-ninh",
            "--commune",
            "ha long",
        ],
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("unchanged"), "{stderr}");
    assert_eq!(std::fs::read_to_string(root.join(rel)).unwrap(), after);
    let (code, stderr) = import(
        root,
        &[
            csv.to_str().unwrap(),
            "--level",
            "hdnd-xa",
            "--province",
            "quang-ninh",
            "--commune",
            "Ha Lomg",
        ],
    );
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("did you mean Phường Hạ Long (code 6688)?"),
        "{stderr}"
    );
}

/// A minimal OpenDocument spreadsheet, written by hand: no crate writes ODS.
fn write_ods(path: &Path, rows: &[Vec<Written>]) {
    let mut table = String::new();
    for row in rows {
        table.push_str("<table:table-row>");
        for cell in row {
            match cell {
                Written::Text(t) if t.is_empty() => table.push_str("<table:table-cell/>"),
                Written::Text(t) => {
                    let t = t.replace('&', "&amp;").replace('<', "&lt;");
                    table.push_str(&format!("<table:table-cell office:value-type=\"string\"><text:p>{t}</text:p></table:table-cell>"));
                }
                Written::Number(n) => table.push_str(&format!(
                    "<table:table-cell office:value-type=\"float\" office:value=\"{n}\"><text:p>{n}</text:p></table:table-cell>"
                )),
                Written::Date((y, m, d)) => table.push_str(&format!(
                    "<table:table-cell office:value-type=\"date\" office:date-value=\"{y:04}-{m:02}-{d:02}\"><text:p>{d:02}/{m:02}/{y}</text:p></table:table-cell>"
                )),
            }
        }
        table.push_str("</table:table-row>");
    }
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\"><office:body><office:spreadsheet><table:table table:name=\"Danh sách\">{table}</table:table></office:spreadsheet></office:body></office:document-content>"
    );
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\"><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/><manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>";
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content.as_str()),
    ] {
        zip.start_file(name, stored).unwrap();
        zip.write_all(bytes.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

#[test]
fn an_ods_list_with_a_unit_column() {
    let project = sample_copy();
    let root = project.path();
    let before = candidates_file(root, QH);
    let people = people_of(QH);
    let mut rows: Vec<Vec<Written>> = vec![vec![Written::Text("Danh sách chính thức".into())]];
    let mut header: Vec<Written> = vec![Written::Text("Đơn vị bầu cử".into())];
    header.extend(COLUMNS.iter().map(|c| Written::Text(c.to_string())));
    rows.push(header);
    for p in &people {
        let mut row = vec![Written::Text(format!("Số {}", p.unit))];
        row.extend((0..18).map(|i| p.cell(i)));
        rows.push(row);
    }
    let ods = root.join("ds.ods");
    write_ods(&ods, &rows);
    let (code, stderr) = import(
        root,
        &[
            ods.to_str().unwrap(),
            "--level",
            "quoc-hoi",
            "--province",
            "quang-ninh",
        ],
    );
    assert_eq!(code, Some(0), "{stderr}");
    let after = candidates_file(root, QH);
    let ids = |v: &Value| -> Vec<(Value, Value, Value)> {
        v["candidates"]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["id"].clone(),
                    c["unit"].clone(),
                    c["ballot_order"].clone(),
                )
            })
            .collect()
    };
    assert_eq!(ids(&before), ids(&after));
    assert_clean(&check(root));
}

#[test]
fn what_would_break_the_project_is_refused_too() {
    // Đặng Quang Huy's foreign language changed in the National Assembly list only:
    // one person with two biographies. `check` finds it; the import reports it at the
    // cell, and writes nothing.
    let project = sample_copy();
    let root = project.path();
    let (mut people, _) = national_list();
    let huy = people
        .iter_mut()
        .find(|p| p.name == "Đặng Quang Huy")
        .unwrap();
    huy.foreign_language = "Tiếng Pháp B2".into();
    let xlsx: PathBuf = root.join("ds.xlsx");
    write_xlsx(&xlsx, &people, &no_edit);
    let before = snapshot(&root.join("content"));
    let (code, stderr) = import(
        root,
        &[
            xlsx.to_str().unwrap(),
            "--level",
            "quoc-hoi",
            "--province",
            "quang-ninh",
        ],
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("error: Đặng Quang Huy stands at two levels but `foreign_language` differs between the two lists"), "{stderr}");
    assert!(stderr.contains("sheet \"ĐV 1-2\", cell N"), "{stderr}");
    assert!(snapshot(&root.join("content")) == before);
}

/// The sample's units of a level as a list of units: number, seats and, for a
/// province-wide level, the communes as the description names them.
fn units_rows(file: &str, title: &str, third: &str) -> Vec<Vec<String>> {
    let units: Value =
        serde_yaml::from_str(&std::fs::read_to_string(repo_root().join(file)).unwrap()).unwrap();
    let mut rows = vec![
        vec![title.to_string()],
        vec![
            "Đơn vị bầu cử số".into(),
            "Số đại biểu\nđược bầu".into(),
            third.into(),
            "Số cử tri".into(),
        ],
    ];
    for u in units["units"].as_sequence().unwrap() {
        let text = if u["description"].is_null() {
            vi(&u["area"])
        } else {
            vi(&u["description"])
        };
        rows.push(vec![
            u["number"].as_u64().unwrap().to_string(),
            u["seats"].as_u64().unwrap().to_string(),
            text,
            "1000".into(),
        ]);
    }
    rows.push(vec![
        "Tổng cộng".into(),
        String::new(),
        String::new(),
        String::new(),
    ]);
    rows
}

fn write_rows_csv(path: &Path, rows: &[Vec<String>]) {
    let quote = |s: &String| format!("\"{}\"", s.replace('"', "\"\""));
    let text: String = rows
        .iter()
        .map(|r| r.iter().map(quote).collect::<Vec<_>>().join(",") + "\n")
        .collect();
    std::fs::write(path, format!("\u{FEFF}{text}")).unwrap();
}

#[test]
fn a_list_of_units_names_its_communes_by_name() {
    let project = sample_copy();
    let root = project.path();
    let rel = "content/quang-ninh/units/quoc-hoi.yaml";
    let before: Value =
        serde_yaml::from_str(&std::fs::read_to_string(root.join(rel)).unwrap()).unwrap();
    let mut rows = units_rows(
        rel,
        "DANH SÁCH ĐƠN VỊ BẦU CỬ ĐẠI BIỂU QUỐC HỘI",
        "Gồm các xã, phường",
    );
    // Without tone marks or a type word, the communes are still found.
    rows[2][2] = rows[2][2].replace("Tuần Châu", "tuan chau");
    let csv = root.join("don-vi.csv");
    write_rows_csv(&csv, &rows);
    let args = [
        csv.to_str().unwrap(),
        "--level",
        "quoc-hoi",
        "--province",
        "quang-ninh",
    ];
    let output = run_baucu(&[&["import", "units"][..], &args[..]].concat(), root);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains(
            "wrote content/quang-ninh/units/quoc-hoi.yaml: 3 units (0 new, 3 updated, 0 removed)"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("the column `Số cử tri` is not imported"),
        "{stderr}"
    );
    let after: Value =
        serde_yaml::from_str(&std::fs::read_to_string(root.join(rel)).unwrap()).unwrap();
    for (a, b) in before["units"]
        .as_sequence()
        .unwrap()
        .iter()
        .zip(after["units"].as_sequence().unwrap())
    {
        let set = |v: &Value| {
            let mut codes: Vec<u64> = v["communes"]
                .as_sequence()
                .unwrap()
                .iter()
                .map(|c| c.as_u64().unwrap())
                .collect();
            codes.sort();
            codes
        };
        assert_eq!(set(a), set(b));
        assert_eq!(a["seats"], b["seats"]);
        // The description and its translation, which the list has no column for, stay.
        assert_eq!(a["description"], b["description"]);
    }
    let text = std::fs::read_to_string(root.join(rel)).unwrap();
    assert!(
        text.contains("      - 6706  # Phường Tuần Châu\n"),
        "{text}"
    );
    assert_clean(&check(root));
    let first = std::fs::read(root.join(rel)).unwrap();
    let output = run_baucu(&[&["import", "units"][..], &args[..]].concat(), root);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        std::fs::read(root.join(rel)).unwrap(),
        first,
        "byte-identical"
    );

    // A commune the province does not have, and one in two units.
    rows[2][2] = rows[2][2].replace("tuan chau", "Tuần Chaau");
    rows[3][2] = rows[3][2].replace("Yên Tử", "Yên Tử, Hạ Long");
    write_rows_csv(&csv, &rows);
    let before = snapshot(&root.join("content"));
    let output = run_baucu(&[&["import", "units"][..], &args[..]].concat(), root);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("there is no commune `phường Tuần Chaau` in province.yaml\n  --> "),
        "{stderr}"
    );
    assert!(
        stderr
            .contains("don-vi.csv, cell C3\n   = hint: did you mean Phường Tuần Châu (code 6706)?"),
        "{stderr}"
    );
    assert!(snapshot(&root.join("content")) == before);
    rows[2][2] = rows[2][2].replace("Tuần Chaau", "Tuần Châu");
    write_rows_csv(&csv, &rows);
    let output = run_baucu(&[&["import", "units"][..], &args[..]].concat(), root);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("commune 6688 (Phường Hạ Long) is in unit 1 and again in unit 2"),
        "{stderr}"
    );
    assert!(stderr.contains("don-vi.csv, cell C4"), "{stderr}");
    assert!(snapshot(&root.join("content")) == before);
}

#[test]
fn a_list_of_units_of_a_commune() {
    let project = sample_copy();
    let root = project.path();
    let rel = "content/quang-ninh/units/hdnd-xa/6688.yaml";
    let before = std::fs::read_to_string(root.join(rel)).unwrap();
    let rows = units_rows(
        rel,
        "DANH SÁCH ĐƠN VỊ BẦU CỬ ĐẠI BIỂU HĐND PHƯỜNG HẠ LONG",
        "Khu vực",
    );
    let csv = root.join("don-vi-ha-long.csv");
    write_rows_csv(&csv, &rows);
    let output = run_baucu(
        &[
            "import",
            "units",
            csv.to_str().unwrap(),
            "--level",
            "hdnd-xa",
            "--province",
            "quang-ninh",
        ],
        root,
    );
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    // Same numbers, seats and areas (with their translations): the file as it was.
    assert!(
        stderr.contains("units/hdnd-xa/6688.yaml unchanged: 6 units"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(root.join(rel)).unwrap(), before);
}

#[test]
fn a_person_from_another_levels_list_keeps_their_photo_at_any_depth() {
    let project = sample_copy();
    let root = project.path();
    let rel = "content/quang-ninh/candidates/hdnd-xa/6688.yaml";
    let mut people = people_of(rel);
    // Nguyễn Thị Hồng Hạnh, with a photo in the National Assembly list, also stands
    // for the ward's council, last on unit 1's ballot.
    let mut hanh = people_of(QH)
        .into_iter()
        .find(|p| p.name == "Nguyễn Thị Hồng Hạnh")
        .unwrap();
    hanh.unit = 1;
    hanh.order = people.iter().filter(|p| p.unit == 1).count() as u32 + 1;
    let at = people.iter().rposition(|p| p.unit == 1).unwrap() + 1;
    people.insert(at, hanh);
    let csv = root.join("ha-long.csv");
    write_csv(&csv, &people);
    let args = [
        csv.to_str().unwrap(),
        "--level",
        "hdnd-xa",
        "--province",
        "quang-ninh",
    ];
    let (code, stderr) = import(root, &args);
    assert_eq!(code, Some(0), "{stderr}");
    let file = candidates_file(root, rel);
    let imported = record(&file, "nguyen-thi-hong-hanh-1976");
    assert_eq!(
        imported["photo"].as_str(),
        Some("../photos/nguyen-thi-hong-hanh-1976.jpg")
    );
    assert_clean(&check(root));
    // The same photo named from the other depth is one biography; another is not.
    replace_in(
        root,
        rel,
        "../photos/nguyen-thi-hong-hanh-1976.jpg",
        "../photos/dang-quang-huy-1974.jpg",
    );
    let report = check(root);
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.is_error() && d.message.en.contains("`photo` differs")),
        "{}",
        listing(&report)
    );
}
