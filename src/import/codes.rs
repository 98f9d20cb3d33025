//! The names of codes as lists write them: ethnic groups and religions by their
//! Vietnamese names mapped to the project's codes (closest named when none fits),
//! and the levels a sitting deputy sits at ("Đại biểu HĐND tỉnh khóa XIV; ĐBQH").

use super::header::{contains_words, words};
use super::sheets::Cell;
use super::values::{is_dash, Issue};
use crate::diagnostics::tr;
use crate::text::{closest, closest_code, fold, slugify};

/// The codes of one field with their Vietnamese names: `("kinh", "Kinh")`.
#[derive(Debug, Clone, Default)]
pub struct CodeNames {
    pub field: &'static str,
    pub names: Vec<(String, String)>,
}

/// Words people write for a code, besides its name.
const ALIASES: &[(&str, &str)] = &[
    ("viet", "kinh"),
    ("h mong", "mong"),
    ("hmong", "mong"),
    ("meo", "mong"),
    ("kho me", "khmer"),
    ("khome", "khmer"),
    ("jrai", "gia-rai"),
    ("bahnar", "ba-na"),
    ("ede", "e-de"),
    ("van kieu", "bru-van-kieu"),
    ("khong ton giao", "none"),
    ("khong co", "none"),
    ("thien chua", "cong-giao"),
    ("thien chua giao", "cong-giao"),
    ("cong giao", "cong-giao"),
    ("phat", "phat-giao"),
    ("dao phat", "phat-giao"),
    ("hoa hao", "hoa-hao"),
    ("tin lanh", "tin-lanh"),
    ("dao tin lanh", "tin-lanh"),
    ("hoi giao", "hoi-giao"),
    ("islam", "hoi-giao"),
    ("cao dai", "cao-dai"),
    ("dao cao dai", "cao-dai"),
];

impl CodeNames {
    /// The code a Vietnamese name (or the code itself) means; `None` for an empty cell.
    pub fn code_of(&self, cell: &Cell) -> Result<Option<String>, Issue> {
        let written = cell.line();
        if written.is_empty() || is_dash(&written) {
            return Ok(None);
        }
        let mut w = words(&written);
        for prefix in ["dan toc ", "nguoi ", "ton giao "] {
            if let Some(rest) = w.strip_prefix(prefix) {
                w = rest.to_string();
            }
        }
        let compact = |s: &str| s.replace([' ', '-'], "");
        let found = self
            .names
            .iter()
            .find(|(code, name)| {
                words(name) == w
                    || compact(&words(name)) == compact(&w)
                    || compact(code) == compact(&w)
            })
            .map(|(code, _)| code.clone())
            .or_else(|| {
                ALIASES
                    .iter()
                    .find(|(alias, _)| *alias == w || compact(alias) == compact(&w))
                    .map(|(_, code)| code.to_string())
                    .filter(|code| self.names.iter().any(|(c, _)| c == code))
            });
        if let Some(code) = found {
            return Ok(Some(code));
        }
        Err(self.unknown(&written))
    }

    fn unknown(&self, written: &str) -> Issue {
        let (kind_vi, kind_en) = match self.field {
            "ethnicity" => ("dân tộc", "ethnic group"),
            "religion" => ("tôn giáo", "religion"),
            other => (other, other),
        };
        // The closest name as written, else the closest code.
        let folded: Vec<(String, &str)> = self
            .names
            .iter()
            .map(|(code, name)| (fold(name), code.as_str()))
            .collect();
        let target = fold(written);
        let by_name = closest(&target, folded.iter().map(|(n, _)| n.as_str()))
            .and_then(|n| folded.iter().find(|(f, _)| f == n).map(|(_, c)| *c));
        let by_code = closest_code(
            &slugify(written),
            self.names.iter().map(|(c, _)| c.as_str()),
        );
        let hint = by_name.or(by_code).and_then(|code| {
            let (code, name) = self.names.iter().find(|(c, _)| c == code)?;
            Some(tr!(
                "có phải là `{name}` (mã `{code}`)?",
                "did you mean `{name}` (code `{code}`)?"
            ))
        });
        let field = self.field;
        let issue = Issue::new(tr!(
            "`{written}` không phải là {kind_vi} mà dự án biết",
            "`{written}` is not an {kind_en} the project knows"
        ))
        .expected(tr!(
            "tên {kind_vi} bằng tiếng Việt, ví dụ `{example}`",
            "the {kind_en}'s Vietnamese name, e.g. `{example}`",
            example = self
                .names
                .iter()
                .find(|(c, _)| c == "kinh" || c == "none")
                .or(self.names.first())
                .map_or("", |(_, n)| n.as_str())
        ));
        match hint {
            Some(h) => issue.hint(h),
            None => issue.hint(tr!(
                "viết đúng tên, hoặc khai báo mã mới trong `codes: {{{field}: …}}` của baucu.yaml",
                "write the name as the project knows it, or add a code under `codes: {{{field}: …}}` in baucu.yaml"
            )),
        }
    }
}

/// The levels of the election, to read "Là đại biểu Quốc hội / HĐND".
#[derive(Debug, Clone, Default)]
pub struct LevelNames {
    /// Each level's id with the folded words of its names (`quoc hoi`, `hdnd tinh`).
    pub levels: Vec<(String, Vec<String>)>,
}

/// Folded words of a level's or deputy's name, the council spelled `hdnd` and the
/// words "đại biểu" left out: "Đại biểu Hội đồng nhân dân tỉnh" → "hdnd tinh".
fn council_words(text: &str) -> String {
    let w = format!(" {} ", words(text))
        .replace(" hoi dong nhan dan ", " hdnd ")
        .replace(" dbqh ", " quoc hoi ")
        .replace(" qh ", " quoc hoi ")
        .replace(" dai bieu ", " ")
        .replace(" db ", " ");
    w.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The kind of council a word after "HĐND" names.
fn council_tier(after: &str) -> Option<&'static str> {
    for (words, tier) in [
        ("thi xa", "huyen"),
        ("thi tran", "xa"),
        ("thanh pho", "tinh"),
        ("dac khu", "xa"),
        ("tinh", "tinh"),
        ("huyen", "huyen"),
        ("quan", "huyen"),
        ("xa", "xa"),
        ("phuong", "xa"),
    ] {
        if after == words || after.starts_with(&format!("{words} ")) {
            return Some(tier);
        }
    }
    None
}

impl LevelNames {
    fn tier_of(&self, tier: &str) -> Option<&str> {
        self.levels
            .iter()
            .find(|(_, names)| {
                names.iter().any(|n| {
                    n.strip_prefix("hdnd ")
                        .and_then(council_tier)
                        .is_some_and(|t| t == tier)
                })
            })
            .map(|(id, _)| id.as_str())
    }

    /// The levels a cell says the candidate sits at; empty for `Không` or nothing.
    pub fn incumbent(&self, cell: &Cell) -> Result<Vec<String>, Issue> {
        let written = cell.line();
        let w = council_words(&written);
        if w.is_empty()
            || is_dash(&written)
            || w == "khong"
            || w.starts_with("khong ")
            || w == "chua"
        {
            return Ok(Vec::new());
        }
        let mut found: Vec<String> = Vec::new();
        let mut add = |id: &str| {
            if !found.iter().any(|f| f == id) {
                found.push(id.to_string());
            }
        };
        // A level whose own name is written ("Quốc hội", "HĐND tỉnh").
        for (id, names) in &self.levels {
            if names.iter().any(|n| !n.is_empty() && contains_words(&w, n)) {
                add(id);
            }
        }
        // "HĐND phường …", "HĐND thành phố …": the council of that tier.
        let tokens: Vec<&str> = w.split(' ').collect();
        for (i, token) in tokens.iter().enumerate() {
            if *token == "hdnd" {
                let after = tokens[i + 1..].join(" ");
                if let Some(id) = council_tier(&after).and_then(|t| self.tier_of(t)) {
                    add(id);
                }
            }
        }
        if found.is_empty() {
            let levels = self
                .levels
                .iter()
                .map(|(id, _)| id.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            return Err(Issue::new(tr!(
                "Không rõ `{written}` là đại biểu cấp nào",
                "cannot tell which level `{written}` is a deputy of"
            ))
            .expected(tr!(
                "`Không`, hoặc tên các cấp, ví dụ `Đại biểu Quốc hội khóa XV; Đại biểu HĐND tỉnh`",
                "`Không`, or the levels, e.g. `Đại biểu Quốc hội khóa XV; Đại biểu HĐND tỉnh`"
            ))
            .hint(tr!(
                "các cấp của cuộc bầu cử: {levels}",
                "the levels of the election: {levels}"
            )));
        }
        // In the order of the election's levels.
        found.sort_by_key(|id| self.levels.iter().position(|(l, _)| l == id));
        Ok(found)
    }

    /// The names of a level, folded for matching.
    pub fn names_of(names: &[String]) -> Vec<String> {
        let mut out: Vec<String> = names.iter().map(|n| council_words(n)).collect();
        out.sort();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    fn ethnicities() -> CodeNames {
        CodeNames {
            field: "ethnicity",
            names: [
                ("kinh", "Kinh"),
                ("tay", "Tày"),
                ("e-de", "Ê Đê"),
                ("mong", "Mông"),
                ("bru-van-kieu", "Bru - Vân Kiều"),
            ]
            .iter()
            .map(|(c, n)| (c.to_string(), n.to_string()))
            .collect(),
        }
    }

    #[test]
    fn ethnic_groups_by_their_names() {
        let e = ethnicities();
        assert_eq!(e.code_of(&t("Kinh")), Ok(Some("kinh".into())));
        assert_eq!(e.code_of(&t("TÀY")), Ok(Some("tay".into())));
        assert_eq!(e.code_of(&t("Êđê")), Ok(Some("e-de".into())));
        assert_eq!(e.code_of(&t("H'Mông")), Ok(Some("mong".into())));
        assert_eq!(e.code_of(&t("Vân Kiều")), Ok(Some("bru-van-kieu".into())));
        assert_eq!(e.code_of(&Cell::Empty), Ok(None));
        let wrong = e.code_of(&t("Kihn")).unwrap_err();
        assert!(wrong.hint.unwrap().en.contains("`Kinh`"));
    }

    #[test]
    fn incumbent_levels() {
        let levels = LevelNames {
            levels: vec![
                (
                    "quoc-hoi".into(),
                    LevelNames::names_of(&["Đại biểu Quốc hội".into()]),
                ),
                (
                    "hdnd-tinh".into(),
                    LevelNames::names_of(&[
                        "Đại biểu HĐND tỉnh".into(),
                        "Đại biểu Hội đồng nhân dân tỉnh".into(),
                    ]),
                ),
                (
                    "hdnd-xa".into(),
                    LevelNames::names_of(&["Đại biểu HĐND xã".into()]),
                ),
            ],
        };
        assert_eq!(levels.incumbent(&t("Không")), Ok(vec![]));
        assert_eq!(levels.incumbent(&Cell::Empty), Ok(vec![]));
        assert_eq!(
            levels.incumbent(&t("Đại biểu HĐND tỉnh khóa XIV;\nĐBQH khóa XV")),
            Ok(vec!["quoc-hoi".to_string(), "hdnd-tinh".to_string()])
        );
        assert_eq!(
            levels.incumbent(&t("Đại biểu HĐND phường Hạ Long")),
            Ok(vec!["hdnd-xa".to_string()])
        );
        assert_eq!(
            levels.incumbent(&t("Đại biểu Hội đồng nhân dân thành phố")),
            Ok(vec!["hdnd-tinh".to_string()])
        );
        assert!(levels.incumbent(&t("Hội viên")).is_err());
    }
}
