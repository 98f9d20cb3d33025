//! Writing a candidates file as the sample files are written, by baucu itself: one
//! field a line in CONTENT.md's order, texts plain when they can be and in double
//! quotes when YAML needs it, translations as `vi:`/`en:` maps, Markdown as literal
//! blocks, Vietnamese as UTF-8, a `# Đơn vị bầu cử số N` comment before each unit.
//! The writer also says which record and field each line holds, so that a problem
//! `check` finds in it can be named by its cell of the sheet.

use crate::content::records::{CandidateRecord, CandidateStatus, CommuneRecord, Text, UnitRecord};

/// The written file and, for each of its lines, the record and field it holds.
#[derive(Debug, Clone, Default)]
pub struct Written {
    pub text: String,
    /// Line `n` (1-based) holds `lines[n - 1]`: (record index, field name).
    pub lines: Vec<Option<(usize, &'static str)>>,
}

impl Written {
    pub fn line(&mut self, at: Option<(usize, &'static str)>, text: &str) {
        self.text.push_str(text);
        self.text.push('\n');
        self.lines.push(at);
    }

    /// The record and field of line `n` (1-based); a line inside a record's block
    /// that names no field gives the field above it.
    pub fn at_line(&self, n: usize) -> Option<(usize, &'static str)> {
        self.lines
            .get(n.checked_sub(1)?..)?
            .first()
            .copied()
            .flatten()
            .or_else(|| {
                self.lines[..n.min(self.lines.len())]
                    .iter()
                    .rev()
                    .find_map(|l| *l)
            })
    }
}

/// What a candidates or units file opens with: `comments` (without their `# `), then
/// `level:`, and `commune:` for a commune-wide level.
pub fn file_head(comments: &[String], level: &str, commune: Option<u32>) -> Written {
    let mut out = Written::default();
    for comment in comments {
        if comment.is_empty() {
            out.line(None, "#");
        } else {
            out.line(None, &format!("# {comment}"));
        }
    }
    out.line(None, &format!("level: {}", scalar(level)));
    if let Some(code) = commune {
        out.line(None, &format!("commune: {code}"));
    }
    out
}

/// Writes the file: `comments` (without their `# `) at the top, then `level:`,
/// `commune:` for a commune-wide level, and the candidates, ordered as given.
pub fn write_candidates(
    comments: &[String],
    level: &str,
    commune: Option<u32>,
    records: &[CandidateRecord],
    languages: &[String],
) -> Written {
    let mut out = file_head(comments, level, commune);
    if records.is_empty() {
        out.line(None, "candidates: []");
        return out;
    }
    out.line(None, "candidates:");
    let mut unit = None;
    for (i, r) in records.iter().enumerate() {
        if unit != Some(r.unit) {
            unit = Some(r.unit);
            out.line(None, &format!("  # Đơn vị bầu cử số {}", r.unit));
        }
        let at = |field: &'static str| Some((i, field));
        out.line(at("id"), &format!("  - id: {}", scalar(&r.id)));
        let mut field = |name: &'static str, value: &str| {
            out.line(at(name), &format!("    {name}: {value}"));
        };
        field("name", &scalar(&r.name));
        field("unit", &r.unit.to_string());
        if let Some(order) = r.ballot_order {
            field("ballot_order", &order.to_string());
        }
        field("birth_date", &date(r.birth_date.0));
        field("gender", &scalar(&r.gender));
        text_field(&mut out, i, "hometown", &r.hometown, languages);
        text_field(&mut out, i, "residence", &r.residence, languages);
        code_field(&mut out, i, "ethnicity", r.ethnicity.as_deref());
        code_field(&mut out, i, "religion", r.religion.as_deref());
        code_field(
            &mut out,
            i,
            "education",
            r.education.as_ref().map(|e| e.0.as_str()),
        );
        for (name, value) in [
            ("qualification", &r.qualification),
            ("academic_title", &r.academic_title),
            ("political_theory", &r.political_theory),
            ("foreign_language", &r.foreign_language),
            ("occupation", &r.occupation),
            ("workplace", &r.workplace),
        ] {
            text_field(&mut out, i, name, value, languages);
        }
        let joined = r.party_join_date.map_or("null".to_string(), |d| date(d.0));
        out.line(
            at("party_join_date"),
            &format!("    party_join_date: {joined}"),
        );
        let incumbent: Vec<String> = r.incumbent.iter().map(|l| scalar(l)).collect();
        out.line(
            at("incumbent"),
            &format!("    incumbent: [{}]", incumbent.join(", ")),
        );
        out.line(
            at("self_nominated"),
            &format!("    self_nominated: {}", r.self_nominated),
        );
        let status = match r.status {
            CandidateStatus::Official => "official",
            CandidateStatus::Withdrawn => "withdrawn",
        };
        out.line(at("status"), &format!("    status: {status}"));
        if r.note.is_some() {
            text_field(&mut out, i, "note", &r.note, languages);
        }
        if r.bio.is_some() {
            text_field(&mut out, i, "bio", &r.bio, languages);
        }
        if let Some(photo) = &r.photo {
            out.line(at("photo"), &format!("    photo: {}", scalar(photo)));
        }
    }
    out
}

/// Writes a units file as the sample's: each commune's code with its name as a
/// comment, `area` and `description` as texts.
pub fn write_units(
    comments: &[String],
    level: &str,
    commune: Option<u32>,
    units: &[UnitRecord],
    communes: &[CommuneRecord],
    languages: &[String],
) -> Written {
    let mut out = file_head(comments, level, commune);
    if units.is_empty() {
        out.line(None, "units: []");
        return out;
    }
    out.line(None, "units:");
    for (i, u) in units.iter().enumerate() {
        out.line(Some((i, "number")), &format!("  - number: {}", u.number));
        out.line(Some((i, "seats")), &format!("    seats: {}", u.seats));
        if !u.communes.is_empty() {
            out.line(Some((i, "communes")), "    communes:");
            for code in &u.communes {
                let name = communes
                    .iter()
                    .find(|c| c.code == *code)
                    .map(|c| format!("  # {}", c.name.vi.replace('\n', " ")))
                    .unwrap_or_default();
                out.line(Some((i, "communes")), &format!("      - {code}{name}"));
            }
        }
        if u.area.is_some() {
            text_field_at(&mut out, i, "area", &u.area, languages, 4);
        }
        if u.description.is_some() {
            text_field_at(&mut out, i, "description", &u.description, languages, 4);
        }
    }
    out
}

fn date(d: time::Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

fn code_field(out: &mut Written, i: usize, name: &'static str, value: Option<&str>) {
    let value = value.map_or("null".to_string(), scalar);
    out.line(Some((i, name)), &format!("    {name}: {value}"));
}

/// A text: `null`, a plain Vietnamese string, or a map by language (Vietnamese
/// first, then the project's languages, then any other, as the file had them).
fn text_field(
    out: &mut Written,
    i: usize,
    name: &'static str,
    value: &Option<Text>,
    languages: &[String],
) {
    text_field_at(out, i, name, value, languages, 4);
}

fn text_field_at(
    out: &mut Written,
    i: usize,
    name: &'static str,
    value: &Option<Text>,
    languages: &[String],
    indent: usize,
) {
    let at = Some((i, name));
    let pad = " ".repeat(indent);
    let Some(text) = value else {
        out.line(at, &format!("{pad}{name}: null"));
        return;
    };
    if text.translations.is_empty() && !text.vi.contains('\n') {
        out.line(at, &format!("{pad}{name}: {}", scalar(&text.vi)));
        return;
    }
    out.line(at, &format!("{pad}{name}:"));
    let mut langs: Vec<&str> = vec!["vi"];
    langs.extend(
        languages
            .iter()
            .map(String::as_str)
            .filter(|l| *l != "vi" && text.translations.contains_key(*l)),
    );
    langs.extend(
        text.translations
            .keys()
            .map(String::as_str)
            .filter(|l| !languages.iter().any(|k| k == l)),
    );
    for lang in langs {
        let Some(value) = text.get(lang) else {
            continue;
        };
        match literal_block(value, indent + 4) {
            Some(block) => {
                out.line(at, &format!("{pad}  {lang}: {}", block[0]));
                for line in &block[1..] {
                    out.line(at, line);
                }
            }
            None => out.line(at, &format!("{pad}  {lang}: {}", scalar(value))),
        }
    }
}

/// A multi-line text as a literal block (`|`, `|-` or `|+` and its lines indented
/// by `indent`), when it can be one exactly.
fn literal_block(text: &str, indent: usize) -> Option<Vec<String>> {
    if !text.contains('\n') {
        return None;
    }
    let body = text.trim_end_matches('\n');
    let newlines = text.len() - body.len();
    let header = match newlines {
        0 => "|-",
        1 => "|",
        _ => "|+",
    };
    let lines: Vec<&str> = body.split('\n').collect();
    let representable = !body.is_empty()
        && !body.starts_with([' ', '\t'])
        && lines
            .iter()
            .all(|l| !l.ends_with([' ', '\t']) && l.chars().all(|c| c == '\t' || !needs_escape(c)));
    if !representable {
        return None;
    }
    let pad = " ".repeat(indent);
    let mut out = vec![header.to_string()];
    for line in lines {
        out.push(if line.is_empty() {
            String::new()
        } else {
            format!("{pad}{line}")
        });
    }
    // `|+` keeps the trailing line breaks: write them as empty lines.
    for _ in 1..newlines {
        out.push(String::new());
    }
    Some(out)
}

/// Characters a plain or block scalar cannot hold as they are.
fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}')
}

/// A one-line value: plain when YAML reads it back as the same string, else in
/// double quotes.
pub fn scalar(s: &str) -> String {
    if is_plain(s) {
        s.to_string()
    } else {
        quoted(s)
    }
}

fn is_plain(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    let reserved = [
        "null", "~", "true", "false", "yes", "no", "on", "off", "y", "n",
    ];
    let awkward = s.starts_with(char::is_whitespace)
        || s.ends_with(char::is_whitespace)
        || s.chars().any(|c| needs_escape(c) || c == '\n' || c == '\t')
        || "-?:,[]{}#&*!|>'\"%@`".contains(first)
        || first.is_ascii_digit()
        || (matches!(first, '+' | '.') && s.chars().nth(1).is_some_and(|c| c.is_ascii_digit()))
        || s.contains(": ")
        || s.contains(" #")
        || s.ends_with(':');
    let special = reserved.contains(&s.to_ascii_lowercase().as_str())
        || s.eq_ignore_ascii_case(".inf")
        || s.eq_ignore_ascii_case(".nan");
    !awkward && !special
}

fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_quoted_only_where_yaml_needs_it() {
        assert_eq!(scalar("Nguyễn Thị Hồng Hạnh"), "Nguyễn Thị Hồng Hạnh");
        assert_eq!(
            scalar("Bệnh viện Bãi Cháy, Sở Y tế"),
            "Bệnh viện Bãi Cháy, Sở Y tế"
        );
        assert_eq!(scalar("12/12"), "\"12/12\"");
        assert_eq!(scalar("Không"), "Không");
        assert_eq!(scalar("no"), "\"no\"");
        assert_eq!(scalar("a: b"), "\"a: b\"");
        assert_eq!(scalar("- Tổ 5"), "\"- Tổ 5\"");
        assert_eq!(scalar("\"Xóm\" 3 \\ 4"), "\"\\\"Xóm\\\" 3 \\\\ 4\"");
        assert_eq!(scalar("a\u{7}"), "\"a\\u0007\"");
        assert_eq!(scalar(""), "\"\"");
    }

    #[test]
    fn every_written_string_reads_back_the_same() {
        for s in [
            "Tiếng Anh B1",
            "12/12",
            "yes",
            "1976",
            "Số 8, đường Hạ Long",
            "#1",
            "x #y",
            "a:",
            "@tag",
            "'quoted'",
            " lead",
            "tab\tin",
            "null",
            "~",
            "-",
            "-5",
            ".5",
            "a\u{2028}b",
            "Phó Giám đốc: Sở",
            "[list]",
            "{map}",
            "?x",
            "!x",
            "%x",
            "&a",
            "*a",
            "|x",
            ">x",
        ] {
            let yaml = format!("v: {}\n", scalar(s));
            let back: std::collections::BTreeMap<String, String> =
                serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{yaml}: {e}"));
            assert_eq!(back["v"], s, "{yaml}");
        }
        for s in ["a\nb\n", "a\nb", "a\n\nb\n\n", "**x**\n\n- 1\n- 2\n"] {
            let block = literal_block(s, 2).unwrap();
            let yaml = format!("v: {}\n", block.join("\n"));
            let back: std::collections::BTreeMap<String, String> =
                serde_yaml::from_str(&yaml).unwrap();
            assert_eq!(back["v"], s, "{yaml}");
        }
        assert!(literal_block(" a\nb", 2).is_none());
        assert!(literal_block("a \nb", 2).is_none());
    }
}
