//! The 34 provinces and 3,321 communes of Vietnam since the 2025 reorganisation
//! (`data/vn-divisions-2025.json`, built into the binary), and finding the one a user
//! names: by slug, by name with or without tone marks, or by statistics-office code.

use crate::text::{edit_distance, fold, slugify};
use serde::Deserialize;

const DIVISIONS: &str = include_str!("../../data/vn-divisions-2025.json");

/// A province as the data gives it.
#[derive(Debug, Clone, Deserialize)]
pub struct Province {
    /// The General Statistics Office's code: 1 for Hà Nội, 22 for Quảng Ninh.
    pub code: u32,
    /// "Thành phố Hà Nội", "Quảng Ninh".
    pub name: String,
    /// "ha_noi": the folder name under `content/` once `_` is `-`.
    pub codename: String,
    /// "tỉnh" or "thành phố trung ương".
    #[serde(rename = "type")]
    pub kind: String,
    pub communes: Vec<Commune>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Commune {
    pub code: u32,
    pub name: String,
    /// "xã", "phường" or "đặc khu".
    #[serde(rename = "type")]
    pub kind: String,
}

impl Province {
    /// The folder name under `content/`: `quang-ninh`, `ha-noi`, `ho-chi-minh`.
    pub fn slug(&self) -> String {
        self.codename.replace('_', "-")
    }

    /// A centrally-run city (thành phố trung ương) rather than a province (tỉnh).
    pub fn is_city(&self) -> bool {
        self.kind.starts_with("thành phố")
    }

    /// The name without "Thành phố": "Hà Nội", "Quảng Ninh".
    pub fn short_name(&self) -> &str {
        self.name.strip_prefix("Thành phố ").unwrap_or(&self.name)
    }

    /// The name in running Vietnamese text: "tỉnh Quảng Ninh", "thành phố Hà Nội".
    pub fn full_name(&self) -> String {
        let word = if self.is_city() {
            "thành phố"
        } else {
            "tỉnh"
        };
        format!("{word} {}", self.short_name())
    }

    /// The portal's name in Vietnamese: the short name, except for Hồ Chí Minh City,
    /// whose short name is a person's.
    pub fn title_vi(&self) -> String {
        if self.code == HO_CHI_MINH_CITY {
            self.name.clone()
        } else {
            self.short_name().to_string()
        }
    }

    /// The portal's name in English: "Quang Ninh", "Ho Chi Minh City".
    pub fn title_en(&self) -> String {
        let title = ascii_title(self.short_name());
        if self.code == HO_CHI_MINH_CITY {
            format!("{title} City")
        } else {
            title
        }
    }

    /// The name in running English text: "Quang Ninh Province", "Ha Noi City".
    pub fn full_name_en(&self) -> String {
        let title = ascii_title(self.short_name());
        if self.is_city() {
            format!("{title} City")
        } else {
            format!("{title} Province")
        }
    }

    /// How the Election Committee is called in English: "Quang Ninh Provincial
    /// Election Committee", "Ha Noi City Election Committee".
    pub fn agency_en(&self) -> String {
        let title = ascii_title(self.short_name());
        if self.is_city() {
            format!("{title} City Election Committee")
        } else {
            format!("{title} Provincial Election Committee")
        }
    }
}

impl Commune {
    /// The name with single spaces: the data writes a few with two ("Phường  Tân An").
    pub fn clean_name(&self) -> String {
        self.name.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The commune type as a code of CONTENT.md: `xa`, `phuong`, `dac-khu`.
    pub fn type_code(&self) -> String {
        slugify(&self.kind)
    }
}

const HO_CHI_MINH_CITY: u32 = 79;

/// The provinces of 2025, in the order of their codes.
pub fn provinces() -> Vec<Province> {
    serde_json::from_str(DIVISIONS).expect("data/vn-divisions-2025.json is valid")
}

/// "Đà Nẵng" → "Da Nang".
fn ascii_title(text: &str) -> String {
    fold(text)
        .split_whitespace()
        .map(|word| {
            let mut letters = word.chars();
            letters
                .next()
                .map(|first| first.to_uppercase().chain(letters).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The provinces merged into another by Resolution 202/2025/QH15, with the code of
/// the province they are part of now: someone typing an old name learns where it went.
const MERGED: &[(&str, u32)] = &[
    ("ha-giang", 8),
    ("yen-bai", 15),
    ("bac-kan", 19),
    ("vinh-phuc", 25),
    ("hoa-binh", 25),
    ("bac-giang", 24),
    ("thai-binh", 33),
    ("hai-duong", 31),
    ("ha-nam", 37),
    ("nam-dinh", 37),
    ("quang-binh", 44),
    ("quang-nam", 48),
    ("kon-tum", 51),
    ("binh-dinh", 52),
    ("ninh-thuan", 56),
    ("dak-nong", 68),
    ("binh-thuan", 68),
    ("phu-yen", 66),
    ("binh-duong", 79),
    ("ba-ria-vung-tau", 79),
    ("binh-phuoc", 75),
    ("long-an", 80),
    ("soc-trang", 92),
    ("hau-giang", 92),
    ("ben-tre", 86),
    ("tra-vinh", 86),
    ("tien-giang", 82),
    ("bac-lieu", 96),
    ("kien-giang", 91),
];

/// Short names people write for a province: "TP.HCM".
const ALIASES: &[(&str, u32)] = &[("hcm", HO_CHI_MINH_CITY), ("tphcm", HO_CHI_MINH_CITY)];

/// Why a name found no province.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotFound {
    /// A former province merged into this one in 2025 (its code), when the name is one.
    pub merged_into: Option<u32>,
    /// Codes of the provinces closest to the name, best first (none when nothing is
    /// close).
    pub closest: Vec<u32>,
}

/// The province `query` names: its slug (`quang-ninh`), its name with or without tone
/// marks and "tỉnh"/"thành phố" in any case (`Quảng Ninh`, `thanh pho ha noi`), or its
/// code (`22`, `01`).
pub fn find<'a>(provinces: &'a [Province], query: &str) -> Result<&'a Province, NotFound> {
    let query = query.trim();
    if !query.is_empty() && query.bytes().all(|b| b.is_ascii_digit()) {
        let code: u32 = query.trim_start_matches('0').parse().unwrap_or(0);
        return provinces
            .iter()
            .find(|p| p.code == code)
            .ok_or_else(|| NotFound {
                merged_into: None,
                closest: nearest_codes(provinces, code),
            });
    }
    let key = key_of(query);
    let joined = key.replace('-', "");
    let alias = ALIASES
        .iter()
        .find(|(name, _)| *name == joined)
        .map(|&(_, code)| code);
    if let Some(found) = provinces.iter().find(|p| {
        let slug = p.slug();
        slug == key || slug.replace('-', "") == joined || alias == Some(p.code)
    }) {
        return Ok(found);
    }
    let merged_into = MERGED
        .iter()
        .find(|(name, _)| *name == key || name.replace('-', "") == joined)
        .map(|&(_, code)| code);
    Err(NotFound {
        merged_into,
        closest: closest(provinces, &key),
    })
}

/// A name as a slug without the words for "province" and "city": "Thành phố Hà Nội",
/// "TP. Hà Nội" and "tinh ha noi" all give `ha-noi`.
fn key_of(query: &str) -> String {
    let slug = slugify(query);
    for prefix in ["thanh-pho-", "tinh-", "tp-"] {
        if let Some(rest) = slug.strip_prefix(prefix) {
            return rest.to_string();
        }
    }
    slug
}

/// The provinces whose slug holds the key or is held by it (`quang`: the three
/// Quảng), then those within a few typing mistakes, at most four.
fn closest(provinces: &[Province], key: &str) -> Vec<u32> {
    if key.is_empty() {
        return Vec::new();
    }
    let limit = (key.chars().count() / 3).max(2);
    let mut scored: Vec<(usize, u32)> = provinces
        .iter()
        .filter_map(|p| {
            let slug = p.slug();
            let holds = key.len() >= 3 && (slug.contains(key) || key.contains(slug.as_str()));
            let distance = edit_distance(key, &slug);
            (holds || distance <= limit).then_some((if holds { 0 } else { distance }, p.code))
        })
        .collect();
    scored.sort();
    scored.into_iter().take(4).map(|(_, code)| code).collect()
}

/// The codes just below and above a code that names no province.
fn nearest_codes(provinces: &[Province], code: u32) -> Vec<u32> {
    let below = provinces.iter().map(|p| p.code).filter(|&c| c < code).max();
    let above = provinces.iter().map(|p| p.code).filter(|&c| c > code).min();
    below.into_iter().chain(above).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(query: &str) -> Result<u32, NotFound> {
        find(&provinces(), query).map(|p| p.code)
    }

    #[test]
    fn the_data_holds_34_provinces_and_3321_communes_of_known_types() {
        let all = provinces();
        assert_eq!(all.len(), 34);
        assert_eq!(all.iter().map(|p| p.communes.len()).sum::<usize>(), 3321);
        for commune in all.iter().flat_map(|p| &p.communes) {
            assert!(!commune.clean_name().contains("  "));
            let kind = commune.type_code();
            assert!(
                ["xa", "phuong", "dac-khu"].contains(&kind.as_str()),
                "{kind}"
            );
        }
    }

    #[test]
    fn every_province_is_found_by_each_of_its_names_and_no_two_share_one() {
        let all = provinces();
        for p in &all {
            for query in [
                p.slug(),
                p.name.clone(),
                p.short_name().to_string(),
                fold(&p.name),
                p.name.to_uppercase(),
                p.full_name(),
                format!("{:02}", p.code),
                p.code.to_string(),
            ] {
                assert_eq!(code(&query), Ok(p.code), "{query}");
            }
        }
        let mut slugs: Vec<String> = all.iter().map(|p| p.slug().replace('-', "")).collect();
        slugs.sort();
        slugs.dedup();
        assert_eq!(slugs.len(), 34);
    }

    #[test]
    fn names_as_people_write_them() {
        assert_eq!(code("Quảng Ninh"), Ok(22));
        assert_eq!(code("quang ninh"), Ok(22));
        assert_eq!(code("  QUẢNG NINH "), Ok(22));
        assert_eq!(code("Thành phố Hà Nội"), Ok(1));
        assert_eq!(code("ha noi"), Ok(1));
        assert_eq!(code("hanoi"), Ok(1));
        assert_eq!(code("TP. Hồ Chí Minh"), Ok(79));
        assert_eq!(code("TP.HCM"), Ok(79));
        assert_eq!(code("Tỉnh Đắk Lắk"), Ok(66));
        assert_eq!(code("Huế"), Ok(46));
        assert_eq!(code("001"), Ok(1));
    }

    #[test]
    fn an_unknown_name_gives_the_closest_provinces() {
        let quang = code("quang").unwrap_err();
        assert_eq!(quang.merged_into, None);
        let mut closest = quang.closest.clone();
        closest.sort();
        assert_eq!(closest, [8, 22, 44, 51], "Tuyên Quang and the three Quảng");
        assert_eq!(code("Quang Nin").unwrap_err().closest[0], 22);
        assert_eq!(code("xyzzy").unwrap_err().closest, Vec::<u32>::new());
        assert_eq!(code("23").unwrap_err().closest, [22, 24]);
        assert_eq!(code("99").unwrap_err().closest, [96]);
        assert_eq!(code("0").unwrap_err().closest, [1]);
    }

    #[test]
    fn a_former_province_names_the_one_it_joined() {
        assert_eq!(code("Bình Dương").unwrap_err().merged_into, Some(79));
        assert_eq!(code("Hà Giang").unwrap_err().merged_into, Some(8));
        assert_eq!(code("tinh quang nam").unwrap_err().merged_into, Some(48));
        // Each former province names a province that exists.
        let codes: Vec<u32> = provinces().iter().map(|p| p.code).collect();
        assert!(MERGED.iter().all(|(_, c)| codes.contains(c)));
        assert_eq!(MERGED.len() + 34, 63);
    }

    #[test]
    fn names_in_english_and_in_running_text() {
        let all = provinces();
        let by = |c: u32| all.iter().find(|p| p.code == c).unwrap();
        assert_eq!(by(1).full_name(), "thành phố Hà Nội");
        assert_eq!(by(1).title_en(), "Ha Noi");
        assert_eq!(by(1).agency_en(), "Ha Noi City Election Committee");
        assert_eq!(by(22).full_name(), "tỉnh Quảng Ninh");
        assert_eq!(by(22).full_name_en(), "Quang Ninh Province");
        assert_eq!(by(79).title_vi(), "Thành phố Hồ Chí Minh");
        assert_eq!(by(79).title_en(), "Ho Chi Minh City");
        assert_eq!(by(79).agency_en(), "Ho Chi Minh City Election Committee");
    }
}
