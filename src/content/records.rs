//! Plain records, one type per content file kind of CONTENT.md, exactly as written
//! by users. Unknown fields are refused (`deny_unknown_fields`): a typo must never
//! silently vanish.

use super::values::{
    bilingual, commune_code, commune_codes, optional_commune_code, optional_text, required_line,
    unique_codes, unique_map, Codes, Unique,
};
pub use super::values::{is_language_code, Date, DateTime, ScalarString, Text};
use crate::diagnostics::tr;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

// ---------------------------------------------------------------------------
// baucu.yaml

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectRecord {
    pub election: ElectionRecord,
    #[serde(default = "default_languages")]
    pub languages: Vec<String>,
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Extra codes with their names, by field: `news_category: {code: {vi, en}}`.
    #[serde(default, deserialize_with = "unique_codes")]
    pub codes: Codes,
    /// A national portal over every province, built into `public/_national/`.
    pub national: Option<NationalRecord>,
}

/// `national:` of baucu.yaml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NationalRecord {
    pub base_url: String,
    pub name: Text,
}

fn default_languages() -> Vec<String> {
    vec!["vi".into(), "en".into()]
}

fn default_theme() -> String {
    "default".into()
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElectionRecord {
    pub id: String,
    pub name: Text,
    pub date: Date,
    /// The youngest a candidate may be on election day (Art. 2); default 21.
    pub min_candidate_age: Option<u32>,
    /// How many levels one person may stand at (Art. 36(3)); default 2.
    pub max_levels_per_person: Option<u32>,
    pub levels: Vec<LevelRecord>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelRecord {
    pub id: String,
    pub name: Text,
    /// Default 3 for `quoc-hoi`, 5 otherwise (Art. 10(4)).
    pub max_seats_per_unit: Option<u32>,
    /// How many more candidates than seats a unit's list needs (Art. 57(6), 58(3)).
    pub min_extra_candidates: Option<ExtraCandidates>,
    /// The least share of women on the level's list, in percent, as a warning; 0 turns
    /// it off. Default 35 for `quoc-hoi` (Art. 8(3)), none otherwise.
    pub min_women_percent: Option<u32>,
    #[serde(default)]
    pub scope: Scope,
}

/// `min_extra_candidates`: one number for every unit, or a number by seats, where a
/// unit takes the entry of the largest seat count not above its own
/// (`{1: 1, 3: 2, 4: 3}`: 1 more for 1–2 seats, 2 for 3, 3 for 4 and more).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExtraCandidates {
    Same(u32),
    BySeats(BTreeMap<u32, u32>),
}

impl ExtraCandidates {
    /// The default of the law: NA 2; councils 1 for 1–2 seats, 2 for 3, 3 for 4–5.
    pub fn default_for(level_id: &str) -> Self {
        if level_id == "quoc-hoi" {
            ExtraCandidates::Same(2)
        } else {
            ExtraCandidates::BySeats(BTreeMap::from([(1, 1), (3, 2), (4, 3)]))
        }
    }

    /// How many more candidates than `seats` a unit needs.
    pub fn for_seats(&self, seats: u32) -> u32 {
        match self {
            ExtraCandidates::Same(n) => *n,
            ExtraCandidates::BySeats(map) => map
                .range(..=seats)
                .next_back()
                .or_else(|| map.iter().next())
                .map_or(0, |(_, n)| *n),
        }
    }
}

impl<'de> Deserialize<'de> for ExtraCandidates {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ExtraCandidates;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a whole number, or a map from seats to extra candidates such as {1: 1, 3: 2, 4: 3}")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<ExtraCandidates, E> {
                u32::try_from(v)
                    .map(ExtraCandidates::Same)
                    .map_err(|_| bilingual(tr!("`{v}` quá lớn", "`{v}` is too large")))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<ExtraCandidates, E> {
                match u64::try_from(v) {
                    Ok(v) => self.visit_u64(v),
                    Err(_) => Err(bilingual(tr!(
                        "`{v}` là số âm; số người ứng cử dôi ra phải từ 0 trở lên",
                        "`{v}` is negative; the number of extra candidates is 0 or more"
                    ))),
                }
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ExtraCandidates, A::Error> {
                let unique: Unique<u32, u32> =
                    Deserialize::deserialize(de::value::MapAccessDeserializer::new(map))?;
                if unique.0.is_empty() {
                    return Err(bilingual(tr!(
                        "bảng số người ứng cử dôi ra theo số ghế đang để trống",
                        "the map of extra candidates by seats is empty"
                    )));
                }
                if unique.0.keys().next() != Some(&1) {
                    return Err(bilingual(tr!(
                        "bảng số người ứng cử dôi ra phải bắt đầu từ 1 ghế, ví dụ `{{1: 1, 3: 2, 4: 3}}`",
                        "the map of extra candidates must start at 1 seat, e.g. `{{1: 1, 3: 2, 4: 3}}`"
                    )));
                }
                Ok(ExtraCandidates::BySeats(unique.0))
            }
        }
        deserializer.deserialize_any(V)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    #[default]
    Province,
    Commune,
}

// ---------------------------------------------------------------------------
// province.yaml

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProvinceRecord {
    pub id: String,
    pub name: Text,
    pub base_url: String,
    #[serde(default, deserialize_with = "optional_text")]
    pub agency: Option<Text>,
    pub contact: Option<ContactRecord>,
    #[serde(default)]
    pub privacy: PrivacyRecord,
    #[serde(default)]
    pub links: LinksRecord,
    #[serde(default)]
    pub communes: Vec<CommuneRecord>,
    /// Not in CONTENT.md's example: `markdown: {raw_html: true}` lets trusted staff
    /// embed raw HTML in news and pages (escaped by default).
    #[serde(default)]
    pub markdown: MarkdownRecord,
    /// The province's emblem, logo and favicon: SVG or PNG files, relative to the
    /// province folder (not in CONTENT.md; see the README).
    pub emblem: Option<String>,
    pub logo: Option<String>,
    pub favicon: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactRecord {
    pub phone: Option<ScalarString>,
    pub email: Option<String>,
    #[serde(default, deserialize_with = "optional_text")]
    pub address: Option<Text>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrivacyRecord {
    #[serde(default)]
    pub residence: ResidencePrivacy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ResidencePrivacy {
    Full,
    #[default]
    Commune,
    Hidden,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinksRecord {
    #[serde(default)]
    pub vneid: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkdownRecord {
    #[serde(default)]
    pub raw_html: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommuneRecord {
    #[serde(deserialize_with = "commune_code")]
    pub code: u32,
    pub name: Text,
    #[serde(rename = "type")]
    pub kind: String,
}

// ---------------------------------------------------------------------------
// units, candidates, results

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitsFile {
    pub level: String,
    #[serde(default, deserialize_with = "optional_commune_code")]
    pub commune: Option<u32>,
    #[serde(default)]
    pub units: Vec<UnitRecord>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitRecord {
    pub number: u32,
    pub seats: u32,
    #[serde(default, deserialize_with = "commune_codes")]
    pub communes: Vec<u32>,
    #[serde(default, deserialize_with = "optional_text")]
    pub area: Option<Text>,
    #[serde(default, deserialize_with = "optional_text")]
    pub description: Option<Text>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CandidatesFile {
    pub level: String,
    #[serde(default, deserialize_with = "optional_commune_code")]
    pub commune: Option<u32>,
    #[serde(default)]
    pub candidates: Vec<CandidateRecord>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CandidateRecord {
    pub id: String,
    #[serde(deserialize_with = "required_line")]
    pub name: String,
    pub unit: u32,
    pub ballot_order: Option<u32>,
    pub birth_date: Date,
    pub gender: String,
    #[serde(default, deserialize_with = "optional_text")]
    pub hometown: Option<Text>,
    #[serde(default, deserialize_with = "optional_text")]
    pub residence: Option<Text>,
    pub ethnicity: Option<String>,
    pub religion: Option<String>,
    pub education: Option<ScalarString>,
    #[serde(default, deserialize_with = "optional_text")]
    pub qualification: Option<Text>,
    #[serde(default, deserialize_with = "optional_text")]
    pub academic_title: Option<Text>,
    #[serde(default, deserialize_with = "optional_text")]
    pub political_theory: Option<Text>,
    #[serde(default, deserialize_with = "optional_text")]
    pub foreign_language: Option<Text>,
    #[serde(default, deserialize_with = "optional_text")]
    pub occupation: Option<Text>,
    #[serde(default, deserialize_with = "optional_text")]
    pub workplace: Option<Text>,
    pub party_join_date: Option<Date>,
    #[serde(default)]
    pub incumbent: Vec<String>,
    #[serde(default)]
    pub self_nominated: bool,
    #[serde(default)]
    pub status: CandidateStatus,
    #[serde(default, deserialize_with = "optional_text")]
    pub note: Option<Text>,
    #[serde(default, deserialize_with = "optional_text")]
    pub bio: Option<Text>,
    pub photo: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CandidateStatus {
    #[default]
    Official,
    Withdrawn,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultsFile {
    pub level: String,
    #[serde(default, deserialize_with = "optional_commune_code")]
    pub commune: Option<u32>,
    #[serde(default)]
    pub units: Vec<UnitResultRecord>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitResultRecord {
    pub number: u32,
    #[serde(default)]
    pub status: ResultStatus,
    pub voters: Option<u64>,
    pub ballots_cast: Option<u64>,
    pub valid_ballots: Option<u64>,
    #[serde(default, deserialize_with = "unique_map")]
    pub votes: BTreeMap<String, Option<u64>>,
    #[serde(default)]
    pub elected: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ResultStatus {
    #[default]
    Provisional,
    Official,
}

// ---------------------------------------------------------------------------
// news, pages

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewsFrontMatter {
    #[serde(deserialize_with = "required_line")]
    pub title: String,
    /// Required in the Vietnamese file; a translation inherits it when absent.
    pub date: Option<DateTime>,
    pub category: Option<String>,
    #[serde(default)]
    pub tags: Vec<ScalarString>,
    pub author: Option<String>,
    pub summary: Option<String>,
    pub image: Option<String>,
    pub featured: Option<bool>,
    pub draft: Option<bool>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFrontMatter {
    #[serde(deserialize_with = "required_line")]
    pub title: String,
    pub summary: Option<String>,
    #[serde(default)]
    pub draft: bool,
    /// Position in the footer's list of pages (lowest first; then by title).
    pub order: Option<i32>,
}

/// The front matter of a Markdown file.
pub trait FrontMatter: serde::de::DeserializeOwned {
    /// The front matter of a file written without one, from its `# Title` line, where
    /// that is enough (a free page: CONTENT.md defines no fields for it).
    fn from_heading(_title: &str) -> Option<Self> {
        None
    }
}

impl FrontMatter for NewsFrontMatter {}

impl FrontMatter for PageFrontMatter {
    fn from_heading(title: &str) -> Option<Self> {
        Some(PageFrontMatter {
            title: title.to_string(),
            summary: None,
            draft: false,
            order: None,
        })
    }
}

// ---------------------------------------------------------------------------
// faq, timeline, documents

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaqRecord {
    pub id: String,
    pub category: String,
    pub question: Text,
    pub answer: Text,
    #[serde(default, deserialize_with = "optional_text")]
    pub source: Option<Text>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineRecord {
    pub date: Option<Date>,
    pub offset_days: Option<i64>,
    pub title: Text,
    #[serde(default, deserialize_with = "optional_text")]
    pub basis: Option<Text>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentRecord {
    pub number: ScalarString,
    pub date: Date,
    pub issuer: Text,
    pub title: Text,
    /// `link` is accepted too: CONTENT.md's layout names the field so.
    #[serde(alias = "link")]
    pub url: Option<String>,
    pub file: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extra_candidates_by_seats() {
        let council = ExtraCandidates::default_for("hdnd-tinh");
        let needed: Vec<u32> = (1..=5).map(|s| council.for_seats(s)).collect();
        assert_eq!(needed, [1, 1, 2, 3, 3]);
        assert_eq!(ExtraCandidates::default_for("quoc-hoi").for_seats(3), 2);
    }
}
