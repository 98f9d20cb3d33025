//! The value types of content files, below every record: texts by language, dates,
//! commune codes, scalars read as text, maps with unique keys; each deserialised with
//! a bilingual error that says what was expected.

use super::explain::encode;
use crate::diagnostics::{tr, Localized};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

/// A serde error carrying a message in both languages (decoded by `yaml.rs`).
pub(super) fn bilingual<E: de::Error>(message: Localized) -> E {
    E::custom(encode(&message))
}

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

/// A text as written; blank only if `allow_blank` (the error is raised inside the
/// value, so that serde_yaml names the field).
struct TextVisitor {
    allow_blank: bool,
}

impl TextVisitor {
    fn checked<E: de::Error>(&self, text: Text) -> Result<Text, E> {
        if !self.allow_blank && text.vi.trim().is_empty() {
            return Err(bilingual(tr!(
                "nội dung để trống: viết nội dung tiếng Việt (bắt buộc)",
                "the text is empty: write the Vietnamese text (it is required)"
            )));
        }
        Ok(text)
    }
}

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a text, or a map by language such as {vi: \"…\", en: \"…\"}")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
        self.checked(Text::plain(v))
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
        let mut seen = std::collections::BTreeSet::new();
        while let Some(lang) = map.next_key::<String>()? {
            let value: Option<ScalarString> = map.next_value()?;
            if !is_language_code(&lang) {
                return Err(bilingual(tr!(
                    "`{lang}` không phải là mã ngôn ngữ (viết `vi:` hoặc `en:`)",
                    "`{lang}` is not a language code (write `vi:` or `en:`)"
                )));
            }
            if !seen.insert(lang.clone()) {
                return Err(bilingual(tr!(
                    "`{lang}` được viết hai lần trong cùng một mục",
                    "`{lang}` is written twice in the same entry"
                )));
            }
            let Some(value) = value else { continue };
            if lang == "vi" {
                vi = Some(value.0);
            } else {
                translations.insert(lang.clone(), value.0);
            }
        }
        // An empty translation is a missing one (the coverage summary counts it).
        translations.retain(|_, text: &mut String| !text.trim().is_empty());
        match vi {
            Some(vi) => self.checked(Text { vi, translations }),
            None => Err(bilingual(tr!(
                "thiếu phần tiếng Việt: thêm `vi: \"…\"` (tiếng Việt là bắt buộc)",
                "missing the Vietnamese text: add `vi: \"…\"` (Vietnamese is required)"
            ))),
        }
    }
}

/// Written as a map by language (`{vi: …, en: …}`), which reads back as the same text.
impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(1 + self.translations.len()))?;
        map.serialize_entry("vi", &self.vi)?;
        for (lang, text) in &self.translations {
            map.serialize_entry(lang, text)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TextVisitor { allow_blank: false })
    }
}

/// An optional text (`academic_title`, `bio`…): left blank, `null` or `""`, it is none.
pub(super) fn optional_text<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Text>, D::Error> {
    let text = Option::<MaybeBlank>::deserialize(deserializer)?;
    Ok(text.map(|t| t.0).filter(|t| !t.vi.trim().is_empty()))
}

/// A text that may be blank.
struct MaybeBlank(Text);

impl<'de> Deserialize<'de> for MaybeBlank {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = deserializer.deserialize_any(TextVisitor { allow_blank: true })?;
        Ok(MaybeBlank(text))
    }
}

/// A one-line text that is required (a name, a title): not blank.
pub(super) fn required_line<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<String, D::Error> {
    deserializer.deserialize_any(ScalarVisitor { required: true })
}

/// A commune code as the statistics office writes it: a number, often with leading
/// zeros (`06688`, `00004`), which YAML reads as text.
struct CommuneCodeVisitor;

impl Visitor<'_> for CommuneCodeVisitor {
    type Value = u32;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a commune code (a whole number such as 6688 or 06688)")
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<u32, E> {
        u32::try_from(v).map_err(|_| self.refuse(&v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<u32, E> {
        u32::try_from(v).map_err(|_| self.refuse(&v.to_string()))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<u32, E> {
        let digits = v.trim();
        if digits.is_empty() || digits.len() > 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(self.refuse(v));
        }
        digits.parse().map_err(|_| self.refuse(v))
    }
}

impl CommuneCodeVisitor {
    fn refuse<E: de::Error>(&self, v: &str) -> E {
        bilingual(tr!(
            "`{v}` không phải là mã xã, phường: ghi mã số của đơn vị hành chính theo danh mục của Tổng cục Thống kê, ví dụ 6688 hoặc 06688",
            "`{v}` is not a commune code: write the number of the commune's code in the statistics office's list, e.g. 6688 or 06688"
        ))
    }
}

pub(super) fn commune_code<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u32, D::Error> {
    deserializer.deserialize_any(CommuneCodeVisitor)
}

/// One commune code, for the optional and list fields that hold them.
struct CommuneCode(u32);

impl<'de> Deserialize<'de> for CommuneCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        commune_code(deserializer).map(CommuneCode)
    }
}

pub(super) fn optional_commune_code<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<u32>, D::Error> {
    Ok(Option::<CommuneCode>::deserialize(deserializer)?.map(|c| c.0))
}

pub(super) fn commune_codes<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<u32>, D::Error> {
    let codes = Vec::<CommuneCode>::deserialize(deserializer)?;
    Ok(codes.into_iter().map(|c| c.0).collect())
}

/// `vi`, `en`: two or three lowercase ASCII letters.
pub fn is_language_code(s: &str) -> bool {
    (2..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_lowercase())
}

/// A map whose keys must each be written once (serde would keep the last silently).
pub(super) struct Unique<K, V>(pub BTreeMap<K, V>);

impl<'de, K, V> Deserialize<'de> for Unique<K, V>
where
    K: Deserialize<'de> + Ord + fmt::Display,
    V: Deserialize<'de>,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<K, V>(std::marker::PhantomData<(K, V)>);
        impl<'de, K, V> Visitor<'de> for MapVisitor<K, V>
        where
            K: Deserialize<'de> + Ord + fmt::Display,
            V: Deserialize<'de>,
        {
            type Value = Unique<K, V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = BTreeMap::new();
                while let Some(key) = map.next_key::<K>()? {
                    let value = map.next_value::<V>()?;
                    if out.contains_key(&key) {
                        return Err(bilingual(tr!(
                            "`{key}` được viết hai lần trong cùng một mục",
                            "`{key}` is written twice in the same entry"
                        )));
                    }
                    out.insert(key, value);
                }
                Ok(Unique(out))
            }
        }
        deserializer.deserialize_map(MapVisitor(std::marker::PhantomData))
    }
}

pub(super) fn unique_map<'de, D, K, V>(deserializer: D) -> Result<BTreeMap<K, V>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Ord + fmt::Display,
    V: Deserialize<'de>,
{
    Unique::deserialize(deserializer).map(|u| u.0)
}

pub(super) type Codes = BTreeMap<String, BTreeMap<String, Text>>;

pub(super) fn unique_codes<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Codes, D::Error> {
    let outer: Unique<String, Unique<String, Text>> = Unique::deserialize(deserializer)?;
    Ok(outer.0.into_iter().map(|(k, v)| (k, v.0)).collect())
}

/// A calendar date written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub time::Date);

impl Date {
    pub fn parse(s: &str) -> Result<Date, Localized> {
        let bad = || {
            tr!(
                "`{s}` không phải là ngày; ghi ngày theo dạng YYYY-MM-DD (năm-tháng-ngày), ví dụ 2026-03-15",
                "`{s}` is not a date; write dates as YYYY-MM-DD, for example 2026-03-15"
            )
        };
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
        let month = time::Month::try_from(month).map_err(|_| {
            tr!(
                "`{s}` không có tháng {month}; tháng từ 01 đến 12",
                "`{s}` has no month {month}; months run from 01 to 12"
            )
        })?;
        if !YEARS.contains(&year) {
            return Err(out_of_range(s));
        }
        time::Date::from_calendar_date(year, month, day)
            .map(Date)
            .map_err(|_| {
                let days = time::util::days_in_month(month, year);
                let number = month as u8;
                tr!(
                    "Ngày `{s}` không có thật: tháng {number}/{year} có {days} ngày",
                    "`{s}` does not exist: {month} {year} has {days} days"
                )
            })
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = ScalarString::deserialize(deserializer)?.0;
        Date::parse(&s).map_err(bilingual)
    }
}

/// The years a date may fall in: births, laws, news and elections all lie here, and
/// keeping dates well inside the calendar library's range (±9999) means no zone
/// conversion or day arithmetic can overflow.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2199;

fn out_of_range(s: &str) -> Localized {
    let (first, last) = (YEARS.start(), YEARS.end());
    tr!(
        "Ngày `{s}` nằm ngoài khoảng năm {first}–{last}; kiểm tra lại năm",
        "`{s}` is outside the years {first}–{last}; check the year"
    )
}

fn vietnam_offset() -> time::UtcOffset {
    time::UtcOffset::from_hms(7, 0, 0).expect("a valid offset")
}

/// The date of a news item: `2026-01-14` or `2026-01-14T14:00:00+07:00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct DateTime {
    /// Seconds since the Unix epoch, for ordering.
    pub timestamp: i64,
    /// The calendar date in Vietnam (UTC+7), whatever zone the time was written in:
    /// the day shown agrees with the feeds' `+07:00` time.
    pub date: time::Date,
    pub has_time: bool,
}

impl DateTime {
    pub fn parse(s: &str) -> Result<DateTime, Localized> {
        let s = s.trim();
        if s.len() <= 10 {
            return Ok(DateTime::from_date(Date::parse(s)?.0));
        }
        let parsed =
            time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339)
                .map_err(|_| {
                    tr!(
                        "`{s}` không phải là ngày giờ; viết 2026-01-14T14:00:00+07:00 hoặc chỉ 2026-01-14",
                        "`{s}` is not a date and time; write 2026-01-14T14:00:00+07:00 or just 2026-01-14"
                    )
                })?;
        if !YEARS.contains(&parsed.year()) {
            return Err(out_of_range(s));
        }
        Ok(DateTime {
            timestamp: parsed.unix_timestamp(),
            date: parsed.to_offset(vietnam_offset()).date(),
            has_time: true,
        })
    }

    /// A bare date, counted from midnight in Vietnam (UTC+7).
    pub fn from_date(date: time::Date) -> DateTime {
        let timestamp = date.midnight().assume_utc().unix_timestamp() - 7 * 3600;
        DateTime {
            timestamp,
            date,
            has_time: false,
        }
    }

    /// RFC 3339 in UTC+7, for feeds and `<time datetime>`.
    pub fn rfc3339(&self) -> String {
        let t = time::OffsetDateTime::from_unix_timestamp(self.timestamp)
            .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
            .to_offset(vietnam_offset());
        t.format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default()
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = ScalarString::deserialize(deserializer)?.0;
        DateTime::parse(&s).map_err(bilingual)
    }
}

/// A scalar read as text whatever YAML made of it (`45-CT/TW`, `12/12`, `1900 558 826`, `85`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScalarString(pub String);

impl<'de> Deserialize<'de> for ScalarString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(ScalarVisitor { required: false })
            .map(ScalarString)
    }
}

/// A scalar as text; not blank when `required` (the error is raised inside the
/// value, so that serde_yaml names the field).
struct ScalarVisitor {
    required: bool,
}

impl Visitor<'_> for ScalarVisitor {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a single value (text or number)")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        if self.required && v.trim().is_empty() {
            return Err(bilingual(tr!(
                "trường này để trống: viết nội dung (bắt buộc)",
                "this field is empty: write it (it is required)"
            )));
        }
        Ok(v.to_string())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        Ok(v.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::records::{CommuneRecord, UnitRecord};

    #[test]
    fn impossible_dates_are_refused_with_the_month_length() {
        let err = Date::parse("2026-02-31").unwrap_err();
        assert!(err.en.contains("28 days"), "{err}");
        assert!(err.vi.contains("tháng 2/2026 có 28 ngày"), "{}", err.vi);
        assert!(Date::parse("31/02/2026")
            .unwrap_err()
            .contains("YYYY-MM-DD"));
        assert!(Date::parse("2026-13-01").unwrap_err().en.contains("month"));
        assert_eq!(Date::parse("2024-02-29").unwrap().0.day(), 29);
    }

    #[test]
    fn news_dates_with_and_without_time() {
        let a = DateTime::parse("2026-01-14T14:00:00+07:00").unwrap();
        let b = DateTime::parse("2026-01-14").unwrap();
        assert!(a > b);
        assert_eq!(a.rfc3339(), "2026-01-14T14:00:00+07:00");
        assert_eq!(b.rfc3339(), "2026-01-14T00:00:00+07:00");
        // 20:00 UTC is already the next day in Vietnam: the page shows that day.
        let utc = DateTime::parse("2026-02-01T20:00:00Z").unwrap();
        assert_eq!(utc.date, time::macros::date!(2026 - 02 - 02));
        assert_eq!(utc.rfc3339(), "2026-02-02T03:00:00+07:00");
    }

    #[test]
    fn dates_far_from_now_are_refused_not_panicked_on() {
        for written in [
            "9999-12-31T23:59:59-12:00",
            "0000-01-01T00:00:00+14:00",
            "9999-12-31",
            "0001-01-01",
            "1899-12-31",
            "2200-01-01T00:00:00+07:00",
        ] {
            let date = Date::parse(written).map(|_| ());
            let time = DateTime::parse(written).map(|_| ());
            let err = if written.len() > 10 {
                time
            } else {
                date.and(time)
            }
            .unwrap_err();
            assert!(
                err.en.contains("outside the years 1900–2199"),
                "{written}: {err}"
            );
        }
        // The last second of the range still converts to Vietnam's time, a day later.
        let last = DateTime::parse("2199-12-31T23:59:59-12:00").unwrap();
        assert_eq!(last.date, time::macros::date!(2200 - 01 - 01));
    }

    #[test]
    fn commune_codes_may_keep_their_leading_zeros() {
        let parse = |text: &str| crate::content::yaml::parse_str::<UnitRecord>(text);
        let unit = parse("number: 1\nseats: 3\ncommunes: [06688, \"00004\", 165, 0165]").unwrap();
        assert_eq!(unit.communes, [6688, 4, 165, 165]);
        let commune: CommuneRecord =
            crate::content::yaml::parse_str("{code: 00004, name: Phường Ba Đình, type: phuong}")
                .unwrap();
        assert_eq!(commune.code, 4);
        let (message, _) = parse("number: 1\nseats: 3\ncommunes: [Hạ Long]").unwrap_err();
        assert!(message.contains("is not a commune code"), "{message}");
    }
}
