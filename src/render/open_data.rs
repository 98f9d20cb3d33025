//! Open data: the candidate lists as CSV and JSON, one row per person per level,
//! with results where published. Residence follows the province's privacy setting.

use crate::content::records::{CandidateStatus, Text};
use crate::model::residence;
use crate::model::{Election, Portal};
use serde::Serialize;

#[derive(Serialize)]
#[cfg_attr(test, derive(Default))]
struct Row {
    level: String,
    commune_code: Option<u32>,
    commune: Option<String>,
    unit: u32,
    ballot_order: u32,
    id: String,
    name: String,
    birth_date: String,
    gender: String,
    ethnicity: Option<String>,
    religion: Option<String>,
    hometown: Option<String>,
    residence: Option<String>,
    education: Option<String>,
    qualification: Option<String>,
    academic_title: Option<String>,
    political_theory: Option<String>,
    foreign_language: Option<String>,
    occupation: Option<String>,
    workplace: Option<String>,
    party_join_date: Option<String>,
    incumbent: String,
    self_nominated: bool,
    status: String,
    votes: Option<u64>,
    elected: Option<bool>,
}

const COLUMNS: &[&str] = &[
    "level",
    "commune_code",
    "commune",
    "unit",
    "ballot_order",
    "id",
    "name",
    "birth_date",
    "gender",
    "ethnicity",
    "religion",
    "hometown",
    "residence",
    "education",
    "qualification",
    "academic_title",
    "political_theory",
    "foreign_language",
    "occupation",
    "workplace",
    "party_join_date",
    "incumbent",
    "self_nominated",
    "status",
    "votes",
    "elected",
];

fn rows(portal: &Portal, election: &Election) -> Vec<Row> {
    let vi = |t: &Option<Text>| t.as_ref().map(|t| t.vi.clone());
    let mut rows = Vec::new();
    for unit in &portal.units {
        for &s in &unit.standings {
            let standing = &portal.standings[s];
            let r = &portal.people[standing.person].record;
            let result = unit.result.as_ref();
            rows.push(Row {
                level: election.levels[unit.level].id.clone(),
                commune_code: unit.commune,
                commune: unit
                    .commune
                    .and_then(|c| portal.commune(c))
                    .map(|c| c.name.vi.clone()),
                unit: unit.number,
                ballot_order: standing.ballot_order,
                id: r.id.clone(),
                name: r.name.clone(),
                birth_date: r.birth_date.0.to_string(),
                gender: r.gender.clone(),
                ethnicity: r.ethnicity.clone(),
                religion: r.religion.clone(),
                hometown: vi(&r.hometown),
                residence: r
                    .residence
                    .as_ref()
                    .and_then(|t| residence(t, portal.residence_privacy))
                    .map(|t| t.vi),
                education: r.education.as_ref().map(|e| e.0.clone()),
                qualification: vi(&r.qualification),
                academic_title: vi(&r.academic_title),
                political_theory: vi(&r.political_theory),
                foreign_language: vi(&r.foreign_language),
                occupation: vi(&r.occupation),
                workplace: vi(&r.workplace),
                party_join_date: r.party_join_date.map(|d| d.0.to_string()),
                incumbent: r.incumbent.join(";"),
                self_nominated: r.self_nominated,
                status: match standing.status {
                    CandidateStatus::Official => "official".into(),
                    CandidateStatus::Withdrawn => "withdrawn".into(),
                },
                votes: result.and_then(|res| res.votes_of(standing.person)),
                elected: result.map(|res| res.is_elected(standing.person)),
            });
        }
    }
    rows
}

/// The candidate lists as open data: `(CSV, JSON)`, from one pass over the units.
pub fn candidates_csv_and_json(portal: &Portal, election: &Election) -> (String, String) {
    let rows = rows(portal, election);
    let json = one_object_per_line(&rows);
    (csv(&rows), json)
}

/// The composition statistics as open data: `(CSV, JSON)` with the columns
/// `province,level,population,measure,count,total,percent`, the JSON an array of
/// objects with the same keys and values (`percent` a string with two decimals, as
/// in the CSV, so that neither rounds differently).
pub fn statistics_csv_and_json(rows: &[crate::stats::Row]) -> (String, String) {
    let mut csv = String::from("\u{feff}province,level,population,measure,count,total,percent\r\n");
    let mut json = Vec::with_capacity(rows.len());
    for row in rows {
        let percent = row.percent();
        for (i, cell) in [&row.province, &row.level, row.population, &row.measure]
            .into_iter()
            .enumerate()
        {
            if i > 0 {
                csv.push(',');
            }
            quote_into(&mut csv, &inert(cell));
        }
        csv.push_str(&format!(",{},{},{percent}\r\n", row.count, row.total));
        json.push(serde_json::json!({
            "province": row.province,
            "level": row.level,
            "population": row.population,
            "measure": row.measure,
            "count": row.count,
            "total": row.total,
            "percent": percent,
        }));
    }
    (csv, one_object_per_line(&json))
}

/// A JSON array with one compact object per line: a fifth smaller than pretty
/// printing on the national candidate lists, and still one line per row for
/// `grep` and `diff`.
fn one_object_per_line<T: serde::Serialize>(rows: &[T]) -> String {
    let mut json = String::from("[");
    for (i, row) in rows.iter().enumerate() {
        json.push_str(if i == 0 { "\n" } else { ",\n" });
        json.push_str(&serde_json::to_string(row).expect("rows serialise"));
    }
    json.push_str("\n]\n");
    json
}

/// RFC 4180 CSV with a UTF-8 byte-order mark, so that spreadsheet programs show
/// Vietnamese correctly.
fn csv(rows: &[Row]) -> String {
    let mut csv = String::from("\u{feff}");
    csv.push_str(&COLUMNS.join(","));
    csv.push_str("\r\n");
    for row in rows {
        // Cells by the names the JSON uses, so that the two never disagree.
        let value = serde_json::to_value(row).expect("rows serialise");
        for (i, column) in COLUMNS.iter().enumerate() {
            if i > 0 {
                csv.push(',');
            }
            match &value[column] {
                serde_json::Value::Null => {}
                serde_json::Value::String(s) => quote_into(&mut csv, &inert(s)),
                other => csv.push_str(&other.to_string()),
            }
        }
        csv.push_str("\r\n");
    }
    csv
}

/// A text cell a spreadsheet will show and never run: one that opens with what
/// starts a formula (`=`, `+`, `-`, `@`, tab, carriage return, or their full-width
/// forms, which some spreadsheets read the same) gets a leading `'`, as OWASP
/// recommends against CSV injection. The JSON keeps the text as written.
fn inert(cell: &str) -> std::borrow::Cow<'_, str> {
    const FORMULA_STARTS: &[char] = &['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];
    if cell.starts_with(FORMULA_STARTS) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// Writes a cell, quoted when it holds a separator, quote or line break; a cell that
/// [`inert`] changed is always quoted, so that programs splitting on other
/// separators (`;` in some locales) still read it as one text cell.
fn quote_into(csv: &mut String, field: &str) {
    if field.contains([',', '"', '\n', '\r', ';']) || field.starts_with('\'') {
        csv.push('"');
        csv.push_str(&field.replace('"', "\"\""));
        csv.push('"');
    } else {
        csv.push_str(field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_arrays_hold_one_compact_object_per_line() {
        // (rows, the file)
        let table: [(Vec<serde_json::Value>, &str); 3] = [
            (vec![], "[\n]\n"),
            (
                vec![serde_json::json!({"id": "a", "unit": 1})],
                "[\n{\"id\":\"a\",\"unit\":1}\n]\n",
            ),
            (
                vec![
                    serde_json::json!({"name": "Lê Thị \"Bé\""}),
                    serde_json::json!({"name": "x\ny"}),
                ],
                "[\n{\"name\":\"Lê Thị \\\"Bé\\\"\"},\n{\"name\":\"x\\ny\"}\n]\n",
            ),
        ];
        for (rows, file) in table {
            let json = one_object_per_line(&rows);
            assert_eq!(json, file);
            let back: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
            assert_eq!(back, rows);
            assert_eq!(json.lines().count(), rows.len() + 2);
        }
    }

    #[test]
    fn cells_a_spreadsheet_would_run_are_made_text() {
        // (written, as the CSV cell reads)
        let table = [
            (
                "=HYPERLINK(\"http://x.example\",\"Bấm\")",
                "\"'=HYPERLINK(\"\"http://x.example\"\",\"\"Bấm\"\")\"",
            ),
            ("+84 912", "\"'+84 912\""),
            ("-2+3+cmd|' /C calc'!A0", "\"'-2+3+cmd|' /C calc'!A0\""),
            ("@SUM(A1:A9)", "\"'@SUM(A1:A9)\""),
            ("\t=1", "\"'\t=1\""),
            ("＝1+1", "\"'＝1+1\""),
            ("'quoted already", "\"'quoted already\""),
            ("Giáo viên; Hiệu trưởng", "\"Giáo viên; Hiệu trưởng\""),
            ("Kỹ sư = chuyên gia", "Kỹ sư = chuyên gia"),
            ("Bác sĩ", "Bác sĩ"),
        ];
        let line_of = |occupation: Option<&str>| {
            let row = Row {
                occupation: occupation.map(str::to_string),
                ..Row::default()
            };
            csv(&[row]).split("\r\n").nth(1).unwrap().to_string()
        };
        // The row without an occupation, cut where the occupation cell goes.
        let empty = line_of(None);
        let column = COLUMNS.iter().position(|c| *c == "occupation").unwrap();
        let (cut, _) = empty.match_indices(',').nth(column - 1).unwrap();
        let (before, after) = empty.split_at(cut + 1);
        for (written, cell) in table {
            assert_eq!(
                line_of(Some(written)),
                format!("{before}{cell}{after}"),
                "{written:?}"
            );
        }
    }
}
