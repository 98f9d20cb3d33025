//! Plain records, one type per content file kind of CONTENT.md, exactly as written
//! by users. Unknown fields are refused (`deny_unknown_fields`): a typo must never
//! silently vanish.

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

// ---------------------------------------------------------------------------
// Value types

/// Human-readable text: a plain string (Vietnamese) or a map by language with `vi`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub vi: String,
    /// Other languages, by code.
    pub translations: BTreeMap<String, String>,
}

impl Text {
    pub fn plain(vi: impl Into<String>) -> Self {
        Text {
            vi: vi.into(),
            translations: BTreeMap::new(),
        }
    }

    /// The text in `lang` when written, else `None`.
    pub fn get(&self, lang: &str) -> Option<&str> {
        if lang == "vi" {
            Some(&self.vi)
        } else {
            self.translations.get(lang).map(String::as_str)
        }
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text, or a map by language such as {vi: \"…\", en: \"…\"}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::plain(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text::plain(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text::plain(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                let mut vi = None;
                let mut translations = BTreeMap::new();
                while let Some(lang) = map.next_key::<String>()? {
                    let value: Option<String> = map.next_value()?;
                    if !is_language_code(&lang) {
                        return Err(de::Error::custom(format!(
                            "`{lang}` is not a language code (write `vi:` or `en:`)"
                        )));
                    }
                    let Some(value) = value else { continue };
                    if lang == "vi" {
                        vi = Some(value);
                    } else if translations.insert(lang.clone(), value).is_some() {
                        return Err(de::Error::custom(format!("duplicate field `{lang}`")));
                    }
                }
                match vi {
                    Some(vi) => Ok(Text { vi, translations }),
                    None => Err(de::Error::custom(
                        "missing the Vietnamese text: add `vi: \"…\"` (Vietnamese is required)",
                    )),
                }
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

fn is_language_code(s: &str) -> bool {
    (2..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_lowercase())
}

/// A calendar date written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub time::Date);

impl Date {
    pub fn parse(s: &str) -> Result<Date, String> {
        let bad =
            || format!("`{s}` is not a date; write dates as YYYY-MM-DD, for example 2026-03-15");
        let parts: Vec<&str> = s.trim().split('-').collect();
        if parts.len() != 3
            || parts[0].len() != 4
            || parts[1].len() != 2
            || parts[2].len() != 2
            || !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(bad());
        }
        let year: i32 = parts[0].parse().map_err(|_| bad())?;
        let month: u8 = parts[1].parse().map_err(|_| bad())?;
        let day: u8 = parts[2].parse().map_err(|_| bad())?;
        let month = time::Month::try_from(month)
            .map_err(|_| format!("`{s}` has no month {month}; months run from 01 to 12"))?;
        time::Date::from_calendar_date(year, month, day)
            .map(Date)
            .map_err(|_| {
                format!(
                    "`{s}` does not exist: {month} {year} has {} days",
                    time::util::days_in_month(month, year)
                )
            })
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = ScalarString::deserialize(deserializer)?.0;
        Date::parse(&s).map_err(de::Error::custom)
    }
}

/// The date of a news item: `2026-01-14` or `2026-01-14T14:00:00+07:00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct DateTime {
    /// Seconds since the Unix epoch, for ordering.
    pub timestamp: i64,
    /// The calendar date as written (in the writer's time zone).
    pub date: time::Date,
    pub has_time: bool,
}

impl DateTime {
    pub fn parse(s: &str) -> Result<DateTime, String> {
        let s = s.trim();
        if s.len() <= 10 {
            let date = Date::parse(s)?.0;
            // A bare date counts from midnight in Vietnam (UTC+7).
            let timestamp = date.midnight().assume_utc().unix_timestamp() - 7 * 3600;
            return Ok(DateTime {
                timestamp,
                date,
                has_time: false,
            });
        }
        let parsed =
            time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339)
                .map_err(|_| {
                    format!(
                        "`{s}` is not a date and time; write 2026-01-14T14:00:00+07:00 or just 2026-01-14"
                    )
                })?;
        Ok(DateTime {
            timestamp: parsed.unix_timestamp(),
            date: parsed.date(),
            has_time: true,
        })
    }

    /// RFC 3339 in UTC+7, for feeds and `<time datetime>`.
    pub fn rfc3339(&self) -> String {
        let offset = time::UtcOffset::from_hms(7, 0, 0).expect("valid offset");
        let t = time::OffsetDateTime::from_unix_timestamp(self.timestamp)
            .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
            .to_offset(offset);
        t.format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default()
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = ScalarString::deserialize(deserializer)?.0;
        DateTime::parse(&s).map_err(de::Error::custom)
    }
}

/// A scalar read as text whatever YAML made of it (`45-CT/TW`, `12/12`, `1900 558 826`, `85`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScalarString(pub String);

impl<'de> Deserialize<'de> for ScalarString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = ScalarString;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a single value (text or number)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ScalarString, E> {
                Ok(ScalarString(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<ScalarString, E> {
                Ok(ScalarString(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<ScalarString, E> {
                Ok(ScalarString(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<ScalarString, E> {
                Ok(ScalarString(v.to_string()))
            }
        }
        deserializer.deserialize_any(V)
    }
}

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
    #[serde(default)]
    pub codes: BTreeMap<String, BTreeMap<String, Text>>,
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
    pub levels: Vec<LevelRecord>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelRecord {
    pub id: String,
    pub name: Text,
    pub max_seats_per_unit: Option<u32>,
    #[serde(default)]
    pub scope: Scope,
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
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactRecord {
    pub phone: Option<ScalarString>,
    pub email: Option<String>,
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
    pub commune: Option<u32>,
    #[serde(default)]
    pub units: Vec<UnitRecord>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitRecord {
    pub number: u32,
    pub seats: u32,
    #[serde(default)]
    pub communes: Vec<u32>,
    pub area: Option<Text>,
    pub description: Option<Text>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CandidatesFile {
    pub level: String,
    pub commune: Option<u32>,
    #[serde(default)]
    pub candidates: Vec<CandidateRecord>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CandidateRecord {
    pub id: String,
    pub name: String,
    pub unit: u32,
    pub ballot_order: Option<u32>,
    pub birth_date: Date,
    pub gender: String,
    pub hometown: Option<Text>,
    pub residence: Option<Text>,
    pub ethnicity: Option<String>,
    pub religion: Option<String>,
    pub education: Option<ScalarString>,
    pub qualification: Option<Text>,
    pub academic_title: Option<Text>,
    pub political_theory: Option<Text>,
    pub foreign_language: Option<Text>,
    pub occupation: Option<Text>,
    pub workplace: Option<Text>,
    pub party_join_date: Option<Date>,
    #[serde(default)]
    pub incumbent: Vec<String>,
    #[serde(default)]
    pub self_nominated: bool,
    #[serde(default)]
    pub status: CandidateStatus,
    pub note: Option<Text>,
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
    #[serde(default)]
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
    pub title: String,
    pub summary: Option<String>,
    #[serde(default)]
    pub draft: bool,
    /// Position in the footer's list of pages (lowest first; then by title).
    pub order: Option<i32>,
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
    pub source: Option<Text>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineRecord {
    pub date: Option<Date>,
    pub offset_days: Option<i64>,
    pub title: Text,
    pub basis: Option<Text>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentRecord {
    pub number: ScalarString,
    pub date: Date,
    pub issuer: Text,
    pub title: Text,
    pub url: Option<String>,
    pub file: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impossible_dates_are_refused_with_the_month_length() {
        let err = Date::parse("2026-02-31").unwrap_err();
        assert!(err.contains("28 days"), "{err}");
        assert!(Date::parse("31/02/2026")
            .unwrap_err()
            .contains("YYYY-MM-DD"));
        assert!(Date::parse("2026-13-01").unwrap_err().contains("month"));
        assert_eq!(Date::parse("2024-02-29").unwrap().0.day(), 29);
    }

    #[test]
    fn news_dates_with_and_without_time() {
        let a = DateTime::parse("2026-01-14T14:00:00+07:00").unwrap();
        let b = DateTime::parse("2026-01-14").unwrap();
        assert!(a > b);
        assert_eq!(a.rfc3339(), "2026-01-14T14:00:00+07:00");
        assert_eq!(b.rfc3339(), "2026-01-14T00:00:00+07:00");
    }
}
