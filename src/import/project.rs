//! What an import needs to know of the project, read with the content loader: the
//! levels of the election, the province and its communes, the units of the level,
//! the candidates every level file already holds, the Vietnamese names of codes
//! (the theme's i18n and baucu.yaml's `codes:`), and the file to write.

use super::codes::{CodeNames, LevelNames};
use super::ImportError;
use crate::content::records::{
    CandidatesFile, CommuneRecord, LevelRecord, ResultsFile, Scope, UnitRecord,
};
use crate::content::{self, LevelFile};
use crate::diagnostics::tr;
use crate::render::i18n::Translations;
use crate::render::Theme;
use crate::text::closest;
use std::path::{Path, PathBuf};

/// The part of the project an import reads.
pub struct Project {
    pub root: PathBuf,
    pub province: String,
    pub languages: Vec<String>,
    pub levels: Vec<LevelRecord>,
    pub communes: Vec<CommuneRecord>,
    /// The level imported into.
    pub level: LevelRecord,
    /// Every units file of the province: (level, commune, units).
    pub units: Vec<(String, Option<u32>, Vec<UnitRecord>)>,
    /// Where each units file is (relative to the root): (path, level, commune).
    pub unit_files: Vec<(PathBuf, String, Option<u32>)>,
    /// Every candidates file of the province, in the loader's order:
    /// (path relative to the root, level, commune, file).
    pub candidates: Vec<(PathBuf, String, Option<u32>, CandidatesFile)>,
    /// Every results file of the province: (path relative to the root, level,
    /// commune, file).
    pub results: Vec<(PathBuf, String, Option<u32>, ResultsFile)>,
    /// Candidate files that exist but could not be read (relative to the root).
    pub unreadable: Vec<PathBuf>,
    pub ethnicity: CodeNames,
    pub religion: CodeNames,
    pub level_names: LevelNames,
}

impl Project {
    /// Loads the project at `root` for an import into `level` of `province` (or of
    /// the project's only province).
    pub fn load(root: &Path, province: Option<&str>, level: &str) -> Result<Project, ImportError> {
        let content = root.join("content");
        let dirs = content::province_dirs(&content);
        if !root.join("baucu.yaml").is_file() {
            return Err(ImportError::new(
                tr!(
                    "{} không phải là thư mục dự án (không có baucu.yaml)",
                    "{} is not a project folder (it has no baucu.yaml)",
                    root.display()
                ),
                Some(tr!(
                    "chạy baucu trong thư mục dự án, hoặc dùng --root DIR",
                    "run baucu in the project folder, or pass --root DIR"
                )),
            ));
        }
        let names: Vec<String> = dirs.iter().map(|(id, _)| id.clone()).collect();
        let list = names.join(", ");
        let province = match province {
            Some(p) if names.iter().any(|n| n == p) => p.to_string(),
            Some(p) => {
                return Err(ImportError::new(
                    tr!(
                        "không có tỉnh `{p}` trong content/",
                        "no province named `{p}` under content/"
                    ),
                    Some(tr!("các tỉnh: {list}", "the provinces: {list}")),
                ))
            }
            None if names.len() == 1 => names[0].clone(),
            None => {
                return Err(ImportError::new(
                    tr!(
                        "dự án có nhiều tỉnh: cần chọn một bằng --province",
                        "the project has several provinces: choose one with --province"
                    ),
                    Some(tr!("các tỉnh: {list}", "the provinces: {list}")),
                ))
            }
        };
        let (source, _) = content::load_project(root, std::slice::from_ref(&province))
            .map_err(|e| ImportError::new(tr!("{e}", "{e}"), None))?;
        let Some(source) = source else {
            return Err(ImportError::new(
                tr!("không đọc được baucu.yaml", "baucu.yaml cannot be read"),
                Some(tr!(
                    "chạy `baucu check` để xem lỗi của baucu.yaml",
                    "run `baucu check` to see what is wrong with baucu.yaml"
                )),
            ));
        };
        let config = source.config.record.clone();
        let Some(level_record) = config
            .election
            .levels
            .iter()
            .find(|l| l.id == level)
            .cloned()
        else {
            let ids: Vec<&str> = config
                .election
                .levels
                .iter()
                .map(|l| l.id.as_str())
                .collect();
            let known = ids.join(", ");
            let hint = match closest(level, ids.iter().copied()) {
                Some(c) => tr!(
                    "có phải là `{c}`? Các cấp: {known}",
                    "did you mean `{c}`? The levels: {known}"
                ),
                None => tr!(
                    "các cấp trong baucu.yaml: {known}",
                    "the levels in baucu.yaml: {known}"
                ),
            };
            return Err(ImportError::new(
                tr!(
                    "không có cấp `{level}` trong baucu.yaml",
                    "there is no level `{level}` in baucu.yaml"
                ),
                Some(hint),
            ));
        };
        let Some(p) = source.provinces.into_iter().next() else {
            return Err(ImportError::new(
                tr!("không có tỉnh `{province}`", "no province `{province}`"),
                None,
            ));
        };
        let Some(province_record) = p.province.as_ref().map(|l| l.record.clone()) else {
            return Err(ImportError::new(
                tr!(
                    "không đọc được content/{province}/province.yaml",
                    "content/{province}/province.yaml cannot be read"
                ),
                Some(tr!(
                    "chạy `baucu check` để xem lỗi của tệp này",
                    "run `baucu check` to see what is wrong with it"
                )),
            ));
        };
        let units = p
            .units
            .iter()
            .map(|f| {
                (
                    f.record.level.clone(),
                    f.record.commune.or(f.path_commune),
                    f.record.units.clone(),
                )
            })
            .collect();
        let unit_files = p
            .units
            .iter()
            .map(|f| (f.file.path.clone(), f.path_level.clone(), f.path_commune))
            .collect();
        let level_of = |f: &LevelFile<CandidatesFile>| (f.path_level.clone(), f.path_commune);
        let candidates = p
            .candidates
            .iter()
            .map(|f| {
                let (l, c) = level_of(f);
                (f.file.path.clone(), l, c, f.record.clone())
            })
            .collect();
        let results = p
            .results
            .iter()
            .map(|f| {
                (
                    f.file.path.clone(),
                    f.path_level.clone(),
                    f.path_commune,
                    f.record.clone(),
                )
            })
            .collect();
        let province_dir = Path::new("content").join(&province);
        let unreadable = p
            .failed
            .iter()
            .filter(|f| {
                f.starts_with("candidates") || f.starts_with("units") || f.starts_with("results")
            })
            .map(|f| province_dir.join(f))
            .collect();

        let theme =
            Theme::load(root, &config.theme).map_err(|e| ImportError::new(e.into(), None))?;
        let translations = Translations::load(
            &theme.i18n,
            &config.languages,
            config.codes.clone(),
            &theme.origin,
        )
        .map_err(|e| ImportError::new(e.into(), None))?;
        let known = translations.known_codes();
        let names = |field: &'static str| CodeNames {
            field,
            names: known
                .get(field)
                .into_iter()
                .flatten()
                .map(|code| (code.clone(), translations.code("vi", field, code).text))
                .collect(),
        };
        let level_names = LevelNames {
            levels: config
                .election
                .levels
                .iter()
                .map(|l| {
                    let theme_name = translations.code("vi", "level", &l.id).text;
                    (
                        l.id.clone(),
                        LevelNames::names_of(&[l.name.vi.clone(), theme_name]),
                    )
                })
                .collect(),
        };
        Ok(Project {
            root: root.to_path_buf(),
            province,
            languages: config.languages.clone(),
            levels: config.election.levels.clone(),
            communes: province_record.communes,
            level: level_record,
            units,
            unit_files,
            candidates,
            results,
            unreadable,
            ethnicity: names("ethnicity"),
            religion: names("religion"),
            level_names,
        })
    }

    pub fn commune_wide(&self) -> bool {
        self.level.scope == Scope::Commune
    }

    /// The units of the level imported into (of one commune for a commune-wide level).
    pub fn level_units(&self, commune: Option<u32>) -> Vec<&UnitRecord> {
        self.units
            .iter()
            .filter(|(l, c, _)| *l == self.level.id && *c == commune)
            .flat_map(|(_, _, units)| units.iter())
            .collect()
    }

    /// The file the level's candidates go to, relative to the root: the existing one
    /// when there is one (it may be spelled `.yml`, or with leading zeros).
    pub fn target(&self, commune: Option<u32>) -> PathBuf {
        let existing = self.candidates.iter().map(|(p, l, c, _)| (p, l, *c));
        self.file_of("candidates", existing, commune)
    }

    /// The units file of the level (of `commune` for a commune-wide level), relative
    /// to the root: the existing one when there is one.
    pub fn units_target(&self, commune: Option<u32>) -> PathBuf {
        let existing = self.unit_files.iter().map(|(p, l, c)| (p, l, *c));
        self.file_of("units", existing, commune)
    }

    /// The results file of the level (of `commune` for a commune-wide level),
    /// relative to the root: the existing one when there is one.
    pub fn results_target(&self, commune: Option<u32>) -> PathBuf {
        let existing = self.results.iter().map(|(p, l, c, _)| (p, l, *c));
        self.file_of("results", existing, commune)
    }

    /// The level's file in `section` (`units`, `candidates`, `results`): the one of
    /// `existing` (path, level, commune) that is this level's, else where CONTENT.md
    /// puts it.
    fn file_of<'a>(
        &self,
        section: &str,
        mut existing: impl Iterator<Item = (&'a PathBuf, &'a String, Option<u32>)>,
        commune: Option<u32>,
    ) -> PathBuf {
        if let Some((path, ..)) = existing.find(|(_, l, c)| **l == self.level.id && *c == commune) {
            return path.clone();
        }
        let dir = Path::new("content").join(&self.province).join(section);
        match commune {
            Some(code) => dir.join(&self.level.id).join(format!("{code}.yaml")),
            None => dir.join(format!("{}.yaml", self.level.id)),
        }
    }

    /// The commune a `--commune` value names: its code (leading zeros or not), or its
    /// name, with or without the type word, whatever the tone marks.
    pub fn commune_named(&self, written: &str) -> Result<u32, ImportError> {
        let trimmed = written.trim();
        if let Ok(code) = trimmed.parse::<u32>() {
            if self.communes.iter().any(|c| c.code == code) {
                return Ok(code);
            }
        } else {
            let wanted = commune_words(trimmed);
            let found: Vec<&CommuneRecord> = self
                .communes
                .iter()
                .filter(|c| {
                    let full = commune_words(&c.name.vi);
                    full == wanted
                        || strip_type_word(&full) == wanted
                        || full == strip_type_word(&wanted) && !wanted.is_empty()
                })
                .collect();
            if let [one] = found.as_slice() {
                return Ok(one.code);
            }
            if found.len() > 1 {
                let list = found
                    .iter()
                    .map(|c| format!("{} ({})", c.name.vi, c.code))
                    .collect::<Vec<_>>()
                    .join(", ");
                return Err(ImportError::new(
                    tr!(
                        "`{trimmed}` có thể là nhiều xã, phường: {list}",
                        "`{trimmed}` may be several communes: {list}"
                    ),
                    Some(tr!(
                        "ghi mã của xã, phường, ví dụ --commune {}",
                        "give the commune's code, e.g. --commune {}",
                        found[0].code
                    )),
                ));
            }
        }
        let hint = self.closest_commune(trimmed).map(|c| {
            tr!(
                "có phải là {} (mã {})?",
                "did you mean {} (code {})?",
                c.name.vi,
                c.code
            )
        });
        Err(ImportError::new(
            tr!(
                "không có xã, phường `{trimmed}` trong province.yaml của {}",
                "there is no commune `{trimmed}` in the province.yaml of {}",
                self.province
            ),
            hint,
        ))
    }

    /// The commune whose name is closest to `written`.
    pub fn closest_commune(&self, written: &str) -> Option<&CommuneRecord> {
        let wanted = strip_type_word(&commune_words(written));
        self.communes
            .iter()
            .map(|c| {
                let name = strip_type_word(&commune_words(&c.name.vi));
                (crate::text::edit_distance(&wanted, &name), c)
            })
            .filter(|(d, _)| *d <= (wanted.len() / 3).max(2))
            .min_by_key(|(d, c)| (*d, c.code))
            .map(|(_, c)| c)
    }

    /// The communes whose full names (with their type word) some title names.
    pub fn communes_in(&self, titles: &[String]) -> Vec<u32> {
        let texts: Vec<String> = titles.iter().map(|t| commune_words(t)).collect();
        let mut found: Vec<(usize, u32, String)> = Vec::new();
        for c in &self.communes {
            let name = commune_words(&c.name.vi);
            if !name.is_empty()
                && texts
                    .iter()
                    .any(|t| super::header::contains_words(t, &name))
            {
                found.push((name.len(), c.code, name));
            }
        }
        // "Phường Hạ Long" inside a longer name found ("Phường Hạ Long Mới") is that one.
        let names: Vec<String> = found.iter().map(|(_, _, n)| n.clone()).collect();
        found.retain(|(_, _, n)| {
            !names
                .iter()
                .any(|m| m != n && super::header::contains_words(m, n))
        });
        let mut codes: Vec<u32> = found.into_iter().map(|(_, c, _)| c).collect();
        codes.sort_unstable();
        codes.dedup();
        codes
    }
}

/// A commune's name folded to words.
pub fn commune_words(text: &str) -> String {
    super::header::words(text)
}

/// The name without its type word: "phuong ha long" → "ha long".
pub fn strip_type_word(words: &str) -> String {
    for prefix in ["phuong ", "xa ", "dac khu ", "thi tran "] {
        if let Some(rest) = words.strip_prefix(prefix) {
            return rest.to_string();
        }
    }
    words.to_string()
}
