//! `baucu import results` end to end, on copies of the sample project, with result
//! minutes the tests write from the sample's own results: an .xlsx with one sheet per
//! unit (the minutes' lines above the table, names in capitals, "Trúng cử" /
//! "Không trúng cử"), an .xlsx with a unit column and the unit's figures merged down
//! its rows, and a .csv of a commune-wide level. Each import must give back the
//! sample's results (the built pages byte for byte), stay the same on a second
//! import, and broken copies exit 1 naming the cell, with nothing written.

mod common;

use common::*;
use rust_xlsxwriter::{Format, Workbook};
use serde_yaml::Value;
use std::path::Path;

const QH: &str = "content/quang-ninh/results/quoc-hoi.yaml";
const XA: &str = "content/quang-ninh/results/hdnd-xa/6688.yaml";

/// One unit's results as the sample has them, with the candidates' names.
struct UnitResult {
    number: u64,
    voters: u64,
    cast: u64,
    valid: u64,
    /// (name, votes, elected), in the file's order.
    votes: Vec<(String, u64, bool)>,
}

fn yaml(root: &Path, rel: &str) -> Value {
    serde_yaml::from_str(&std::fs::read_to_string(root.join(rel)).unwrap()).unwrap()
}

fn results_of(root: &Path, results: &str, candidates: &str) -> Vec<UnitResult> {
    let names: Vec<(String, String)> = yaml(root, candidates)["candidates"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_string(),
                c["name"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let name = |id: &str| names.iter().find(|(i, _)| i == id).unwrap().1.clone();
    yaml(root, results)["units"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|u| {
            let elected: Vec<&str> = u["elected"]
                .as_sequence()
                .unwrap()
                .iter()
                .map(|e| e.as_str().unwrap())
                .collect();
            UnitResult {
                number: u["number"].as_u64().unwrap(),
                voters: u["voters"].as_u64().unwrap(),
                cast: u["ballots_cast"].as_u64().unwrap(),
                valid: u["valid_ballots"].as_u64().unwrap(),
                votes: u["votes"]
                    .as_mapping()
                    .unwrap()
                    .iter()
                    .map(|(id, n)| {
                        let id = id.as_str().unwrap();
                        (name(id), n.as_u64().unwrap(), elected.contains(&id))
                    })
                    .collect(),
            }
        })
        .collect()
}

/// 387631 → "387.631", as Vietnamese documents write counts.
fn dotted(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

fn import(root: &Path, args: &[&str]) -> (Option<i32>, String) {
    // Run in the project folder, with the file named as a user names it.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_baucu"))
        .args([
            "import",
            "results",
            "--lang",
            "en",
            "--province",
            "quang-ninh",
        ])
        .args(args)
        .current_dir(root)
        .output()
        .expect("the baucu binary runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The minutes as a committee sends them: a sheet per unit, its figures as lines of
/// text above the table (one in a sentence, one with the number in the next cell,
/// two on one line), capitals in one name, a signature under the table.
/// `edit(unit, row)` may replace a candidate's (name, votes) cells.
fn write_minutes(
    path: &Path,
    units: &[UnitResult],
    edit: &dyn Fn(u64, usize) -> Option<(String, String)>,
) {
    let mut book = Workbook::new();
    for u in units {
        let sheet = book.add_worksheet();
        sheet.set_name(format!("ĐV {}", u.number)).unwrap();
        sheet
            .write_string(
                0,
                0,
                "BIÊN BẢN XÁC ĐỊNH KẾT QUẢ BẦU CỬ ĐẠI BIỂU QUỐC HỘI KHÓA XVI",
            )
            .unwrap();
        sheet
            .write_string(1, 0, format!("ở Đơn vị bầu cử số {}", u.number))
            .unwrap();
        sheet
            .write_string(
                3,
                0,
                format!(
                    "Tổng số cử tri của đơn vị bầu cử: {} người.",
                    dotted(u.voters)
                ),
            )
            .unwrap();
        sheet
            .write_string(4, 0, "Số cử tri đã tham gia bỏ phiếu:")
            .unwrap();
        sheet.write_number(4, 2, u.cast as f64).unwrap();
        sheet
            .write_string(
                5,
                0,
                format!(
                    "Số phiếu hợp lệ: {}; Số phiếu không hợp lệ: {}",
                    dotted(u.valid),
                    dotted(u.cast - u.valid)
                ),
            )
            .unwrap();
        for (c, label) in [
            "STT",
            "Họ và tên",
            "Số phiếu bầu",
            "Tỷ lệ % so với số phiếu hợp lệ",
            "Kết quả",
        ]
        .iter()
        .enumerate()
        {
            sheet.write_string(7, c as u16, *label).unwrap();
        }
        for (i, (name, votes, elected)) in u.votes.iter().enumerate() {
            let r = 8 + i as u32;
            let shown = if i == 1 {
                name.to_uppercase()
            } else {
                name.clone()
            };
            sheet.write_number(r, 0, (i + 1) as f64).unwrap();
            match edit(u.number, i) {
                Some((name, votes)) => {
                    sheet.write_string(r, 1, name).unwrap();
                    sheet.write_string(r, 2, votes).unwrap();
                }
                None => {
                    sheet.write_string(r, 1, shown).unwrap();
                    sheet.write_number(r, 2, *votes as f64).unwrap();
                }
            }
            let share = format!("{:.2}", *votes as f64 * 100.0 / u.valid as f64).replace('.', ",");
            sheet.write_string(r, 3, share).unwrap();
            let result = if *elected {
                "Trúng cử"
            } else {
                "Không trúng cử"
            };
            sheet.write_string(r, 4, result).unwrap();
        }
        let end = 9 + u.votes.len() as u32;
        sheet.write_string(end, 3, "TM. BAN BẦU CỬ").unwrap();
        sheet.write_string(end + 1, 3, "Trưởng ban").unwrap();
    }
    book.save(path).unwrap();
}

/// One table for the level: a unit column and the unit's figures merged down its
/// rows, `x` for the elected.
fn write_table(path: &Path, units: &[UnitResult]) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet
        .write_string(0, 0, "KẾT QUẢ BẦU CỬ ĐẠI BIỂU QUỐC HỘI TẠI TỈNH QUẢNG NINH")
        .unwrap();
    let labels = [
        "Đơn vị bầu cử",
        "Tổng số cử tri",
        "Số cử tri đã bỏ phiếu",
        "Số phiếu hợp lệ",
        "STT",
        "Họ và tên người ứng cử",
        "Số phiếu bầu",
        "Trúng cử",
        "Ghi chú",
    ];
    for (c, label) in labels.iter().enumerate() {
        sheet.write_string(2, c as u16, *label).unwrap();
    }
    let merged = Format::new();
    let mut r = 3u32;
    for u in units {
        let last = r + u.votes.len() as u32 - 1;
        for (c, value) in [u.number, u.voters, u.cast, u.valid].iter().enumerate() {
            sheet
                .merge_range(r, c as u16, last, c as u16, "", &merged)
                .unwrap();
            sheet.write_number(r, c as u16, *value as f64).unwrap();
        }
        for (i, (name, votes, elected)) in u.votes.iter().enumerate() {
            let row = r + i as u32;
            sheet.write_number(row, 4, (i + 1) as f64).unwrap();
            sheet.write_string(row, 5, name).unwrap();
            sheet.write_string(row, 6, dotted(*votes)).unwrap();
            if *elected {
                sheet.write_string(row, 7, "x").unwrap();
            }
        }
        r = last + 1;
    }
    sheet.write_string(r, 0, "Tổng cộng").unwrap();
    book.save(path).unwrap();
}

/// The results page and every unit page of a province, as built.
fn result_pages(root: &Path) -> Vec<(String, String)> {
    let built = build_province(root, "quang-ninh");
    let mut pages: Vec<(String, String)> = html_files(&built.site("quang-ninh"))
        .into_iter()
        .filter(|p| {
            let s = p.to_string_lossy();
            s.contains("ket-qua") || s.contains("don-vi-bau-cu") || s.contains("results")
        })
        .map(|p| {
            (
                p.to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    pages.sort();
    // Page paths differ by the temporary folder only.
    pages
        .into_iter()
        .map(|(p, text)| (p.rsplit("public").next().unwrap().to_string(), text))
        .collect()
}

#[test]
fn minutes_with_a_sheet_per_unit_give_back_the_results_and_their_pages() {
    let project = sample_copy();
    let root = project.path();
    let expected = yaml(root, QH);
    let pages_before = result_pages(root);
    let units = results_of(root, QH, "content/quang-ninh/candidates/quoc-hoi.yaml");
    std::fs::remove_file(root.join(QH)).unwrap();
    let file = root.join("bien-ban.xlsx");
    write_minutes(&file, &units, &|_, _| None);

    let (code, stderr) = import(root, &["bien-ban.xlsx", "--level", "quoc-hoi"]);
    assert_eq!(code, Some(0), "{stderr}");
    // Not a terminal: no progress bar, only the report.
    assert!(
        stderr.starts_with("wrote content/quang-ninh/results/quoc-hoi.yaml: results of 3 units"),
        "{stderr}"
    );
    let imported = yaml(root, QH);
    assert_eq!(imported["units"], expected["units"]);
    assert_clean(&check(root));
    let pages_after = result_pages(root);
    assert!(!pages_after.is_empty());
    assert_eq!(pages_after.len(), pages_before.len());
    for ((path, before), (_, after)) in pages_before.iter().zip(&pages_after) {
        assert!(before == after, "{path} differs after the import");
    }

    // A second import changes nothing, byte for byte.
    let text = std::fs::read(root.join(QH)).unwrap();
    let (code, stderr) = import(root, &["bien-ban.xlsx", "--level", "quoc-hoi"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("unchanged"), "{stderr}");
    assert_eq!(std::fs::read(root.join(QH)).unwrap(), text);
}

#[test]
fn one_table_with_merged_unit_figures_and_one_unit_at_a_time() {
    let project = sample_copy();
    let root = project.path();
    let expected = yaml(root, QH);
    let units = results_of(root, QH, "content/quang-ninh/candidates/quoc-hoi.yaml");
    std::fs::remove_file(root.join(QH)).unwrap();

    // Unit 2's minutes first: the file holds unit 2 only, marked provisional.
    write_table(&root.join("dv2.xlsx"), &units[1..2]);
    let (code, stderr) = import(root, &["dv2.xlsx", "--level", "quoc-hoi", "--provisional"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("the column `Ghi chú` is not imported: ignored"),
        "{stderr}"
    );
    let partial = yaml(root, QH);
    let only = partial["units"].as_sequence().unwrap();
    assert_eq!(only.len(), 1);
    assert_eq!(only[0]["status"].as_str(), Some("provisional"));
    assert_eq!(only[0]["voters"], expected["units"][1]["voters"]);

    // Then the whole level: unit 2 is replaced, the others added.
    write_table(&root.join("ca-tinh.xlsx"), &units);
    let (code, stderr) = import(root, &["ca-tinh.xlsx", "--level", "quoc-hoi"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("(2 new units, 1 updated, 0 kept from the file)"),
        "{stderr}"
    );
    assert_eq!(yaml(root, QH)["units"], expected["units"]);

    // Unit 1 again alone: units 2 and 3 are kept as they are.
    write_table(&root.join("dv1.xlsx"), &units[..1]);
    let (code, stderr) = import(root, &["dv1.xlsx", "--level", "quoc-hoi"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("unchanged"), "{stderr}");
    assert_eq!(yaml(root, QH)["units"], expected["units"]);
}

#[test]
fn a_commune_wide_level_from_csv_names_its_commune_in_the_title() {
    let project = sample_copy();
    let root = project.path();
    let expected = yaml(root, XA);
    let units = results_of(root, XA, "content/quang-ninh/candidates/hdnd-xa/6688.yaml");
    std::fs::remove_file(root.join(XA)).unwrap();
    let mut text = String::from(
        "\u{FEFF}KẾT QUẢ BẦU CỬ ĐẠI BIỂU HĐND PHƯỜNG HẠ LONG NHIỆM KỲ 2026-2031,,,,\n,,,,\n",
    );
    text.push_str("Đơn vị bầu cử,Họ và tên,Số phiếu bầu,Trúng cử,Tổng số cử tri\n");
    for u in &units {
        text.push_str(&format!(
            "Đơn vị bầu cử số {}: Tổng số cử tri {}; số cử tri đã tham gia bỏ phiếu {}; số phiếu hợp lệ {},,,,\n",
            u.number,
            dotted(u.voters),
            dotted(u.cast),
            dotted(u.valid)
        ));
        for (name, votes, elected) in &u.votes {
            let mark = if *elected { "X" } else { "" };
            text.push_str(&format!(",{name},\"{}\",{mark},\n", dotted(*votes)));
        }
    }
    std::fs::write(root.join("ha-long.csv"), text).unwrap();
    let (code, stderr) = import(root, &["ha-long.csv", "--level", "hdnd-xa"]);
    assert_eq!(code, Some(0), "{stderr}");
    let imported = yaml(root, XA);
    assert_eq!(imported["commune"].as_u64(), Some(6688));
    assert_eq!(imported["units"], expected["units"]);
    assert_clean(&check(root));
}

#[test]
fn broken_minutes_are_refused_with_every_problem_at_its_cell() {
    let project = sample_copy();
    let root = project.path();
    let units = results_of(root, QH, "content/quang-ninh/candidates/quoc-hoi.yaml");
    let before = std::fs::read(root.join(QH)).unwrap();
    let first = units[0].votes[0].0.clone();
    write_minutes(
        &root.join("hong.xlsx"),
        &units,
        &|unit, row| match (unit, row) {
            // A name off by one letter, a count that is not one, a name of another unit.
            (1, 2) => Some(("Đặng Quang Hui".into(), "263191".into())),
            (2, 0) => Some((units[1].votes[0].0.clone(), "nhiều".into())),
            (3, 0) => Some((first.clone(), "53109".into())),
            _ => None,
        },
    );
    let (code, stderr) = import(root, &["hong.xlsx", "--level", "quoc-hoi"]);
    assert_eq!(code, Some(1), "{stderr}");
    for expected in [
        "Đặng Quang Hui is not on the candidate list of unit 1",
        "--> hong.xlsx, sheet \"ĐV 1\", cell B11",
        "did you mean Đặng Quang Huy?",
        "`nhiều` is not a count",
        "--> hong.xlsx, sheet \"ĐV 2\", cell C9",
        &format!("{first} stands in unit 1"),
        "--> hong.xlsx, sheet \"ĐV 3\", cell B9",
        "nothing was written",
    ] {
        assert!(stderr.contains(expected), "`{expected}` missing:\n{stderr}");
    }
    assert_eq!(std::fs::read(root.join(QH)).unwrap(), before);

    // What `check` refuses (more votes than valid ballots) is named at its cell too.
    write_minutes(&root.join("qua.xlsx"), &units, &|unit, row| {
        (unit == 2 && row == 3).then(|| (units[1].votes[3].0.clone(), "999999".into()))
    });
    let (code, stderr) = import(root, &["qua.xlsx", "--level", "quoc-hoi"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("more than the 362428 valid ballots")
            && stderr.contains("--> qua.xlsx, sheet \"ĐV 2\", cell C12"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(root.join(QH)).unwrap(), before);

    // A unit the level does not have.
    let mut wrong = results_of(root, QH, "content/quang-ninh/candidates/quoc-hoi.yaml");
    wrong[2].number = 9;
    write_minutes(&root.join("so9.xlsx"), &wrong, &|_, _| None);
    let (code, stderr) = import(root, &["so9.xlsx", "--level", "quoc-hoi"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("there is no electoral unit 9 in this level")
            && stderr.contains("the units of the level: 1, 2, 3"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(root.join(QH)).unwrap(), before);
}
