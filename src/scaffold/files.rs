//! The files of a new project, as text: the templates of `templates/` (built into the
//! binary) with a province's names, communes and the day filled in.

use super::divisions::Province;
use crate::text::{format_short_date, slugify};
use std::path::PathBuf;
use time::Date;

/// One file to write, its path relative to the project folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub path: PathBuf,
    pub text: String,
}

fn planned(path: &str, text: impl Into<String>) -> Planned {
    Planned {
        path: PathBuf::from(path),
        text: text.into(),
    }
}

/// What every project shares: `baucu.yaml` and `content/_shared/`.
pub fn project_files() -> Vec<Planned> {
    const SHARED: &[(&str, &str)] = &[
        ("baucu.yaml", include_str!("templates/baucu.yaml")),
        (
            "content/_shared/timeline.yaml",
            include_str!("templates/_shared/timeline.yaml"),
        ),
        (
            "content/_shared/documents.yaml",
            include_str!("templates/_shared/documents.yaml"),
        ),
        (
            "content/_shared/faq/cu-tri.yaml",
            include_str!("templates/_shared/faq/cu-tri.yaml"),
        ),
        (
            "content/_shared/faq/ung-cu.yaml",
            include_str!("templates/_shared/faq/ung-cu.yaml"),
        ),
        (
            "content/_shared/faq/bo-phieu.yaml",
            include_str!("templates/_shared/faq/bo-phieu.yaml"),
        ),
        (
            "content/_shared/faq/ket-qua-khieu-nai.yaml",
            include_str!("templates/_shared/faq/ket-qua-khieu-nai.yaml"),
        ),
    ];
    SHARED
        .iter()
        .map(|(path, text)| planned(path, *text))
        .collect()
}

/// The slug of the first news item: `news/<date>-<slug>.md`.
const NEWS_SLUG: &str = "mo-cong-thong-tin-bau-cu";

/// A province's folder: `province.yaml` and the first news item, dated `today`, with
/// its English version when the project is in English too (`english`).
pub fn province_files(province: &Province, today: Date, english: bool) -> Vec<Planned> {
    let id = province.slug();
    let agency = format!("Ủy ban bầu cử {}", province.full_name());
    let values = [
        ("id", id.clone()),
        ("full_name", province.full_name()),
        ("full_name_en", province.full_name_en()),
        ("today", format_short_date(today, "vi")),
        ("date", today.to_string()),
        ("date_vi", format_short_date(today, "vi")),
        ("date_en", format_short_date(today, "en")),
        ("agency_en", province.agency_en()),
        (
            "name_field",
            text_field(&province.title_vi(), english.then(|| province.title_en())),
        ),
        (
            "agency_field",
            text_field(&agency, english.then(|| province.agency_en())),
        ),
        ("agency", agency),
        ("base_url", base_url(province)),
        ("count", province.communes.len().to_string()),
        ("communes", communes(province)),
    ];
    let mut files = vec![planned(
        &format!("content/{id}/province.yaml"),
        fill(include_str!("templates/province.yaml"), &values),
    )];
    let news = format!("content/{id}/news/{today}-{NEWS_SLUG}");
    files.push(planned(
        &format!("{news}.md"),
        fill(include_str!("templates/news.md"), &values),
    ));
    if english {
        files.push(planned(
            &format!("{news}.en.md"),
            fill(include_str!("templates/news.en.md"), &values),
        ));
    }
    files
}

/// A placeholder address in the sample's pattern (`https://baucu.quangninh.gov.vn`),
/// for the editors to check.
fn base_url(province: &Province) -> String {
    format!("https://baucu.{}.gov.vn", province.slug().replace('-', ""))
}

/// The communes as `province.yaml` lists them, in the data's order.
fn communes(province: &Province) -> String {
    province
        .communes
        .iter()
        .map(|c| {
            format!(
                "  - code: {}\n    name: {}\n    type: {}\n",
                c.code,
                scalar(&c.clean_name()),
                c.type_code()
            )
        })
        .collect::<String>()
        .trim_end()
        .to_string()
}

/// A text field's value after `key:`: ` Vietnamese` alone, or the two languages on
/// lines of their own.
fn text_field(vi: &str, en: Option<String>) -> String {
    match en {
        Some(en) => format!("\n  vi: {}\n  en: {}", scalar(vi), scalar(&en)),
        None => format!(" {}", scalar(vi)),
    }
}

/// A YAML string as written by hand: plain when it reads back as the same string,
/// else double-quoted.
fn scalar(text: &str) -> String {
    let plain = text.chars().next().is_some_and(char::is_alphabetic)
        && text.chars().all(|c| {
            c.is_alphanumeric() || matches!(c, ' ' | '-' | '.' | ',' | '\'' | '’' | '–' | '(' | ')')
        })
        && !text.ends_with(' ')
        && !slugify(text).is_empty()
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "yes" | "no" | "true" | "false" | "on" | "off" | "null" | "y" | "n"
        );
    if plain {
        text.to_string()
    } else {
        let escaped = text.replace('\\', "\\\\").replace('"', "\\\"");
        format!("\"{escaped}\"")
    }
}

/// The template with each `{{key}}` replaced by its value.
fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut text = template.to_string();
    for (key, value) in values {
        text = text.replace(&format!("{{{{{key}}}}}"), value);
    }
    debug_assert!(!text.contains("{{"), "a placeholder left unfilled:\n{text}");
    text
}

#[cfg(test)]
mod tests {
    use super::super::divisions::provinces;
    use super::*;
    use time::macros::date;

    fn quang_ninh() -> Province {
        provinces().into_iter().find(|p| p.code == 22).unwrap()
    }

    #[test]
    fn the_province_file_lists_every_commune_with_its_code_name_and_type() {
        let files = province_files(&quang_ninh(), date!(2025 - 12 - 07), true);
        let yaml = &files[0];
        assert_eq!(yaml.path, PathBuf::from("content/quang-ninh/province.yaml"));
        assert!(yaml.text.contains("id: quang-ninh "));
        assert!(yaml
            .text
            .contains("name:\n  vi: Quảng Ninh\n  en: Quang Ninh\n"));
        assert!(yaml
            .text
            .contains("  - code: 7090\n    name: Phường An Sinh\n    type: phuong\n"));
        assert!(yaml.text.contains("type: dac-khu"));
        assert_eq!(yaml.text.matches("  - code: ").count(), 54);
        assert!(yaml
            .text
            .contains("base_url: https://baucu.quangninh.gov.vn\n"));
        assert!(!yaml.text.contains("{{"));
    }

    #[test]
    fn the_first_news_item_is_dated_the_day_it_is_made() {
        let files = province_files(&quang_ninh(), date!(2025 - 12 - 07), true);
        let paths: Vec<_> = files.iter().map(|f| f.path.clone()).collect();
        assert_eq!(
            paths[1..],
            [
                PathBuf::from("content/quang-ninh/news/2025-12-07-mo-cong-thong-tin-bau-cu.md"),
                PathBuf::from("content/quang-ninh/news/2025-12-07-mo-cong-thong-tin-bau-cu.en.md"),
            ]
        );
        assert!(files[1].text.contains("date: 2025-12-07\n"));
        assert!(files[1]
            .text
            .contains("Từ ngày 07/12/2025, Ủy ban bầu cử tỉnh Quảng Ninh mở"));
        assert!(files[2]
            .text
            .contains("From 7 December 2025, the Quang Ninh Provincial"));
        assert!(files.iter().all(|f| !f.text.contains("{{")));
    }

    #[test]
    fn a_project_without_english_gets_vietnamese_only() {
        let files = province_files(&quang_ninh(), date!(2025 - 12 - 07), false);
        assert_eq!(files.len(), 2);
        assert!(files[0].text.contains("name: Quảng Ninh\n"));
        assert!(files[0]
            .text
            .contains("agency: Ủy ban bầu cử tỉnh Quảng Ninh\n"));
        assert!(!files[0].text.contains("en: "));
    }

    #[test]
    fn strings_are_quoted_only_when_yaml_would_read_them_otherwise() {
        assert_eq!(
            scalar("Phường Văn Miếu - Quốc Tử Giám"),
            "Phường Văn Miếu - Quốc Tử Giám"
        );
        assert_eq!(scalar("Xã Ia O"), "Xã Ia O");
        assert_eq!(scalar("no"), "\"no\"");
        assert_eq!(scalar("a: b"), "\"a: b\"");
        assert_eq!(scalar("- x"), "\"- x\"");
        assert_eq!(scalar("x # y"), "\"x # y\"");
        assert_eq!(scalar("say \"hi\""), "\"say \\\"hi\\\"\"");
    }
}
