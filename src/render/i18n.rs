//! UI strings and names of codes, per language, from the theme's `i18n/<lang>.yaml`
//! and the extra codes of baucu.yaml. One source of truth for every word the portal
//! itself says.

use crate::content::records::Text;
use crate::model::link::KnownCodes;
use crate::render::view::Loc;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct I18nFile {
    name: String,
    #[serde(default)]
    ui: BTreeMap<String, String>,
    #[serde(default)]
    codes: BTreeMap<String, BTreeMap<String, String>>,
}

#[derive(Debug)]
pub struct Translations {
    files: BTreeMap<String, I18nFile>,
    /// Codes added by baucu.yaml, by field.
    project_codes: BTreeMap<String, BTreeMap<String, Text>>,
}

impl Translations {
    /// Parses the theme's translation files for `languages`.
    pub fn load(
        theme_i18n: &BTreeMap<String, String>,
        languages: &[String],
        project_codes: BTreeMap<String, BTreeMap<String, Text>>,
        theme_origin: &str,
    ) -> Result<Translations, String> {
        let mut files = BTreeMap::new();
        for lang in languages {
            let text = theme_i18n.get(lang).ok_or_else(|| {
                format!(
                    "{theme_origin} has no i18n/{lang}.yaml for language `{lang}` of baucu.yaml"
                )
            })?;
            let file: I18nFile =
                crate::content::yaml::parse_str(text).map_err(|(message, at)| {
                    format!(
                        "{theme_origin}/i18n/{lang}.yaml:{}:{}: {message}",
                        at.line, at.column
                    )
                })?;
            files.insert(lang.clone(), file);
        }
        Ok(Translations {
            files,
            project_codes,
        })
    }

    /// The language's own name ("Tiếng Việt", "English").
    pub fn language_name(&self, lang: &str) -> String {
        self.files
            .get(lang)
            .map_or_else(|| lang.to_string(), |f| f.name.clone())
    }

    /// A UI string; the key itself when the theme lacks it (visible, so it gets fixed).
    pub fn ui(&self, lang: &str, key: &str) -> String {
        self.files
            .get(lang)
            .and_then(|f| f.ui.get(key))
            .or_else(|| self.files.values().next().and_then(|f| f.ui.get(key)))
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    /// A UI string with `{name}` placeholders filled in.
    pub fn format(&self, lang: &str, key: &str, values: &[(&str, &str)]) -> String {
        let mut text = self.ui(lang, key);
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    pub fn ui_map(&self, lang: &str) -> &BTreeMap<String, String> {
        &self.files[lang].ui
    }

    /// The name of a code in `lang`: from baucu.yaml first, then the theme, falling
    /// back to Vietnamese, then to the code itself.
    pub fn code(&self, lang: &str, field: &str, code: &str) -> Loc {
        if let Some(text) = self.project_codes.get(field).and_then(|c| c.get(code)) {
            return match text.get(lang) {
                Some(t) => Loc {
                    text: t.to_string(),
                    lang: None,
                },
                None => Loc {
                    text: text.vi.clone(),
                    lang: Some("vi".into()),
                },
            };
        }
        let lookup = |l: &str| {
            self.files
                .get(l)
                .and_then(|f| f.codes.get(field))
                .and_then(|c| c.get(code))
        };
        match lookup(lang) {
            Some(name) => Loc {
                text: name.clone(),
                lang: None,
            },
            None => match lookup("vi") {
                Some(name) if lang != "vi" => Loc {
                    text: name.clone(),
                    lang: Some("vi".into()),
                },
                _ => Loc {
                    text: code.to_string(),
                    lang: None,
                },
            },
        }
    }

    /// Every code each field accepts: the theme's (in any language) and baucu.yaml's.
    pub fn known_codes(&self) -> KnownCodes {
        let mut known = KnownCodes::new();
        for file in self.files.values() {
            for (field, codes) in &file.codes {
                known
                    .entry(field.clone())
                    .or_default()
                    .extend(codes.keys().cloned());
            }
        }
        for (field, codes) in &self.project_codes {
            known
                .entry(field.clone())
                .or_default()
                .extend(codes.keys().cloned());
        }
        // Levels are data (baucu.yaml), not codes to check.
        known.remove("level");
        known
    }
}
