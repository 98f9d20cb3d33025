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
    /// Strings with a count, one form per plural category of the language
    /// (`one`, `other`; see [`plural_category`]).
    #[serde(default)]
    plurals: BTreeMap<String, BTreeMap<String, String>>,
    #[serde(default)]
    codes: BTreeMap<String, BTreeMap<String, String>>,
}

/// The plural category (CLDR) of the count `n` in `lang`: Vietnamese and the other
/// languages without plural forms say every count alike (`other`); the rest are
/// taken as English does (`one` for 1, else `other`).
pub fn plural_category(lang: &str, n: u64) -> &'static str {
    match lang {
        "vi" | "zh" | "ja" | "ko" | "th" | "lo" | "km" | "my" | "id" | "ms" => "other",
        _ if n == 1 => "one",
        _ => "other",
    }
}

/// The suffix of a UI string that replaces its base once election day has passed.
pub const AFTER_ELECTION: &str = "_after_election";

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

    /// A UI string, if the theme has it (in `lang`, else in the first language).
    pub fn get(&self, lang: &str, key: &str) -> Option<String> {
        self.files
            .get(lang)
            .and_then(|f| f.ui.get(key))
            .or_else(|| self.files.values().next().and_then(|f| f.ui.get(key)))
            .cloned()
    }

    /// A UI string with `{name}` placeholders filled in.
    pub fn format(&self, lang: &str, key: &str, values: &[(&str, &str)]) -> String {
        let mut text = self.ui(lang, key);
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// The UI strings as templates see them (`t.key`): every plain string, and each
    /// plural string as `key` (its `other` form) and `key_<form>` (`key_one`), for
    /// templates and scripts that choose the form themselves.
    ///
    /// Once election day has passed (`after_election`), a string `X_after_election`
    /// takes the place of `X`: "not published on this portal" instead of "not
    /// published yet".
    pub fn ui_map(&self, lang: &str, after_election: bool) -> BTreeMap<String, String> {
        let file = &self.files[lang];
        let mut map = file.ui.clone();
        if after_election {
            for (key, text) in &file.ui {
                if let Some(base) = key.strip_suffix(AFTER_ELECTION) {
                    map.insert(base.to_string(), text.clone());
                }
            }
        }
        for (key, forms) in &file.plurals {
            if let Some(other) = forms.get("other") {
                map.insert(key.clone(), other.clone());
            }
            for (form, text) in forms {
                map.insert(format!("{key}_{form}"), text.clone());
            }
            // `key_one` always exists (the `other` form in a language without it),
            // so that a template may name it in any language.
            if let (false, Some(other)) = (forms.contains_key("one"), forms.get("other")) {
                map.insert(format!("{key}_one"), other.clone());
            }
        }
        map
    }

    /// A string with a count: the form of `key` for `n` in `lang` (its `other` form
    /// when the language's form is missing, a plain `ui` string when the key has no
    /// forms), with `{n}` (the count as the language writes it) and `values` filled in.
    pub fn plural(&self, lang: &str, key: &str, n: u64, values: &[(&str, &str)]) -> String {
        let forms = self
            .files
            .get(lang)
            .and_then(|f| f.plurals.get(key))
            .or_else(|| self.files.values().next().and_then(|f| f.plurals.get(key)));
        let mut text = match forms {
            Some(forms) => forms
                .get(plural_category(lang, n))
                .or_else(|| forms.get("other"))
                .cloned()
                .unwrap_or_else(|| key.to_string()),
            None => self.ui(lang, key),
        };
        text = text.replace("{n}", &crate::text::format_count(n, lang));
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
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

#[cfg(test)]
mod tests {
    use super::*;

    fn translations() -> Translations {
        let mut i18n = BTreeMap::new();
        i18n.insert(
            "vi".to_string(),
            "name: Tiếng Việt\nplurals:\n  days: {other: \"Còn {n} ngày\"}\n".to_string(),
        );
        i18n.insert(
            "en".to_string(),
            "name: English\nui:\n  plain: \"{n} x\"\nplurals:\n  days: {one: \"{n} day left\", other: \"{n} days left\"}\n  only_other: {other: \"{n} things in {place}\"}\n"
                .to_string(),
        );
        let languages = ["vi".to_string(), "en".to_string()];
        Translations::load(&i18n, &languages, BTreeMap::new(), "theme").unwrap()
    }

    #[test]
    fn plural_forms_follow_the_count_and_the_language() {
        let tr = translations();
        assert_eq!(tr.plural("en", "days", 1, &[]), "1 day left");
        assert_eq!(tr.plural("en", "days", 2, &[]), "2 days left");
        assert_eq!(tr.plural("en", "days", 0, &[]), "0 days left");
        assert_eq!(tr.plural("en", "days", 1234, &[]), "1,234 days left");
        assert_eq!(tr.plural("vi", "days", 1, &[]), "Còn 1 ngày");
        assert_eq!(tr.plural("vi", "days", 1234, &[]), "Còn 1.234 ngày");
        assert_eq!(
            tr.plural("en", "only_other", 1, &[("place", "Hạ Long")]),
            "1 things in Hạ Long"
        );
        // A plain string takes the count too.
        assert_eq!(tr.plural("en", "plain", 3, &[]), "3 x");
    }

    #[test]
    fn templates_see_every_form() {
        let tr = translations();
        let map = tr.ui_map("en", false);
        assert_eq!(map["days"], "{n} days left");
        assert_eq!(map["days_one"], "{n} day left");
        assert_eq!(map["days_other"], "{n} days left");
        let map = tr.ui_map("vi", false);
        assert_eq!(map["days_one"], "Còn {n} ngày");
    }
}
