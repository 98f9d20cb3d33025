//! A theme: Tera templates, static files and translation files, read from the
//! project's `themes/<name>/` or, for `default`, from the copy built into baucu.

use std::collections::BTreeMap;
use std::path::Path;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));
}

#[derive(Debug, Default)]
pub struct Theme {
    /// `templates/<name>` → source.
    pub templates: BTreeMap<String, String>,
    /// `static/<name>` → bytes.
    pub static_files: BTreeMap<String, Vec<u8>>,
    /// Language code → the text of `i18n/<lang>.yaml`.
    pub i18n: BTreeMap<String, String>,
    /// Where it came from, for messages.
    pub origin: String,
}

impl Theme {
    /// Loads theme `name` for the project at `root`.
    pub fn load(root: &Path, name: &str) -> Result<Theme, String> {
        let dir = root.join("themes").join(name);
        if dir.is_dir() {
            let mut files = Vec::new();
            for entry in walkdir::WalkDir::new(&dir)
                .sort_by_file_name()
                .into_iter()
                .flatten()
            {
                if entry.file_type().is_file() {
                    let relative = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
                    let relative = relative.to_string_lossy().replace('\\', "/");
                    let bytes = std::fs::read(entry.path())
                        .map_err(|e| format!("cannot read {}: {e}", entry.path().display()))?;
                    files.push((relative, bytes));
                }
            }
            Theme::from_files(files, format!("themes/{name}"))
        } else if name == "default" {
            let files = embedded::DEFAULT_THEME
                .iter()
                .map(|(path, bytes)| (path.to_string(), bytes.to_vec()))
                .collect();
            Theme::from_files(files, "the built-in default theme".into())
        } else {
            Err(format!(
                "there is no theme `{name}`: the folder themes/{name}/ does not exist"
            ))
        }
    }

    fn from_files(files: Vec<(String, Vec<u8>)>, origin: String) -> Result<Theme, String> {
        let mut theme = Theme {
            origin,
            ..Theme::default()
        };
        for (path, bytes) in files {
            let text = || {
                String::from_utf8(bytes.clone())
                    .map_err(|_| format!("{path} in {} is not UTF-8", theme.origin))
            };
            if let Some(name) = path.strip_prefix("templates/") {
                theme.templates.insert(name.to_string(), text()?);
            } else if let Some(name) = path.strip_prefix("static/") {
                theme.static_files.insert(name.to_string(), bytes);
            } else if let Some(lang) = path
                .strip_prefix("i18n/")
                .and_then(|p| p.strip_suffix(".yaml"))
            {
                theme.i18n.insert(lang.to_string(), text()?);
            }
        }
        Ok(theme)
    }
}
