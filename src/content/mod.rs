//! Stage 1, load: walk `content/`, read and parse every file in parallel into plain
//! records that remember where they came from. Every problem is collected; nothing
//! stops at the first error.

pub mod markup;
pub mod positions;
pub mod raw_html;
pub mod records;
pub mod source;
pub mod values;
pub mod yaml;

mod explain;
mod files;
mod markdown_file;
mod read;

use crate::diagnostics::{tr, Diagnostic};
use rayon::prelude::*;
use records::*;
use source::{Origin, SourceFile, YamlPath};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use files::{parse_in_memory, province_dirs};
pub use read::{decode_source, read_source, MAX_FILE_BYTES};

/// A record and where it came from.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    pub origin: Origin,
    pub record: T,
}

/// A whole YAML file of one level (units, candidates or results), with the level and
/// commune its path names.
#[derive(Debug)]
pub struct LevelFile<T> {
    pub file: Arc<SourceFile>,
    pub record: T,
    pub path_level: String,
    pub path_commune: Option<u32>,
}

/// A Markdown file: news item or free page, in one language.
#[derive(Debug)]
pub struct MarkdownSource<F> {
    pub file: Arc<SourceFile>,
    pub slug: String,
    pub lang: String,
    /// The `YYYY-MM-DD-` prefix of the file name, when present.
    pub date_prefix: Option<Date>,
    pub front: F,
    pub body: String,
}

#[derive(Debug, Default)]
pub struct SharedSource {
    pub faq: Vec<Loaded<FaqRecord>>,
    pub documents: Vec<Loaded<DocumentRecord>>,
    pub timeline: Vec<Loaded<TimelineRecord>>,
}

#[derive(Debug)]
pub struct ProvinceSource {
    /// The folder name.
    pub id: String,
    /// The folder on disk.
    pub dir: PathBuf,
    pub province: Option<Loaded<ProvinceRecord>>,
    pub units: Vec<LevelFile<UnitsFile>>,
    pub candidates: Vec<LevelFile<CandidatesFile>>,
    pub results: Vec<LevelFile<ResultsFile>>,
    pub news: Vec<MarkdownSource<NewsFrontMatter>>,
    pub pages: Vec<MarkdownSource<PageFrontMatter>>,
    pub faq: Vec<Loaded<FaqRecord>>,
    pub documents: Vec<Loaded<DocumentRecord>>,
    pub timeline: Vec<Loaded<TimelineRecord>>,
    /// Files that could not be read or parsed (their errors are reported), relative to
    /// the province folder: what refers into them is not checked again.
    pub failed: Vec<PathBuf>,
}

impl ProvinceSource {
    /// Whether the file of `section` (`units`, `candidates`) for `level` (and the
    /// commune, for a commune-wide level) failed to load.
    pub fn failed_to_load(&self, section: &str, level: &str, commune: Option<u32>) -> bool {
        self.failed.iter().any(|path| {
            let parts: Vec<&str> = path.iter().filter_map(|p| p.to_str()).collect();
            let stem = |name: &str| {
                name.strip_suffix(".yaml")
                    .or_else(|| name.strip_suffix(".yml"))
                    .map(str::to_string)
            };
            match parts.as_slice() {
                [s, name] => *s == section && stem(name).as_deref() == Some(level),
                [s, l, name] => {
                    *s == section
                        && *l == level
                        && (commune.is_none()
                            || stem(name).and_then(|n| n.parse::<u32>().ok()) == commune)
                }
                _ => false,
            }
        })
    }
}

#[derive(Debug)]
pub struct ProjectSource {
    pub root: PathBuf,
    /// `<root>/content`, canonical: what every image and link path must stay inside.
    pub content_root: PathBuf,
    pub config: Loaded<ProjectRecord>,
    pub shared: SharedSource,
    pub provinces: Vec<ProvinceSource>,
}

/// Why a project could not be loaded at all (as opposed to content errors).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{0} is not a directory that can be read")]
    Unreadable(PathBuf),
    #[error("no province named `{0}` under content/")]
    UnknownProvince(String),
}

/// Loads the project at `root`: `baucu.yaml`, `content/_shared/` and the provinces
/// named in `only` (all of them when empty).
pub fn load_project(
    root: &Path,
    only: &[String],
) -> Result<(Option<ProjectSource>, Vec<Diagnostic>), LoadError> {
    if !root.is_dir() {
        return Err(LoadError::Unreadable(root.to_path_buf()));
    }
    let mut diagnostics = Vec::new();
    let config = load_config(root, &mut diagnostics);
    let languages: Vec<String> = config
        .as_ref()
        .map(|c| c.record.languages.clone())
        .unwrap_or_else(|| vec!["vi".into(), "en".into()]);

    let content = root.join("content");
    let mut province_dirs = files::province_dirs(&content);
    if province_dirs.is_empty() && config.is_some() {
        diagnostics.push(
            Diagnostic::error(
                "content",
                tr!(
                    "Không có thư mục tỉnh nào trong content/",
                    "no province folder found under content/"
                ),
            )
            .hint(tr!(
                "tạo tệp content/<mã-tỉnh>/province.yaml, ví dụ content/quang-ninh/province.yaml",
                "create content/<province-id>/province.yaml, e.g. content/quang-ninh/province.yaml"
            )),
        );
    }
    if !only.is_empty() {
        for wanted in only {
            if !province_dirs.iter().any(|(id, _)| id == wanted) {
                return Err(LoadError::UnknownProvince(wanted.clone()));
            }
        }
        province_dirs.retain(|(id, _)| only.contains(id));
    }

    let shared = files::load_shared(root, &content.join("_shared"), &languages, &mut diagnostics);
    let loaded: Vec<(ProvinceSource, Vec<Diagnostic>)> = province_dirs
        .into_par_iter()
        .map(|(id, dir)| files::load_province(root, id, dir, &languages))
        .collect();
    let mut provinces = Vec::with_capacity(loaded.len());
    for (province, mut found) in loaded {
        diagnostics.append(&mut found);
        provinces.push(province);
    }
    let content_root = content.canonicalize().unwrap_or(content);
    let project = config.map(|config| ProjectSource {
        root: root.to_path_buf(),
        content_root,
        config,
        shared,
        provinces,
    });
    Ok((project, diagnostics))
}

/// Whether baucu.yaml declares a national portal, read alone (before deciding what to
/// build); a file that cannot be read says no here and is reported by the load.
pub fn declares_national(root: &Path) -> bool {
    let mut ignored = Vec::new();
    load_config(root, &mut ignored).is_some_and(|c| c.record.national.is_some())
}

fn load_config(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<Loaded<ProjectRecord>> {
    let path = root.join("baucu.yaml");
    if !path.is_file() {
        diagnostics.push(
            Diagnostic::error(
                "baucu.yaml",
                tr!(
                    "Dự án chưa có tệp baucu.yaml",
                    "the project has no baucu.yaml"
                ),
            )
            .hint(tr!(
                "tạo tệp baucu.yaml mô tả cuộc bầu cử và các cấp bầu cử (xem README)",
                "create baucu.yaml with the election and its levels (see the README)"
            )),
        );
        return None;
    }
    let file = match read_source(root, &path) {
        Ok(file) => Arc::new(file),
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    match yaml::parse::<ProjectRecord>(&file) {
        Ok(record) => {
            let loaded = Loaded {
                origin: Origin::new(&file, YamlPath::root()),
                record,
            };
            let before = diagnostics.len();
            check_config_names(&loaded, diagnostics);
            let named_well = diagnostics.len() == before;
            diagnostics.extend(yaml::markup_warnings(&file));
            named_well.then_some(loaded)
        }
        Err(d) => {
            diagnostics.push(d);
            None
        }
    }
}

/// The names of baucu.yaml that become paths and addresses before anything else is
/// read: the theme (a folder) and the languages (file suffixes and `/en/`).
fn check_config_names(config: &Loaded<ProjectRecord>, diagnostics: &mut Vec<Diagnostic>) {
    let theme = &config.record.theme;
    if !crate::text::is_slug(theme) {
        let suggested = crate::text::slugify(theme);
        diagnostics.push(
            config
                .origin
                .error(
                    "theme",
                    tr!(
                        "Tên giao diện `{theme}` không hợp lệ: giao diện là một thư mục trong themes/",
                        "the theme name `{theme}` is not valid: a theme is a folder of themes/"
                    ),
                )
                .expected(tr!(
                    "chữ thường không dấu (a–z), chữ số và dấu gạch ngang đơn, ví dụ `default`",
                    "lowercase ASCII letters, digits and single dashes, e.g. `default`"
                ))
                .hint(tr!(
                    "ví dụ `{suggested}`, hoặc bỏ dòng này để dùng giao diện `default`",
                    "e.g. `{suggested}`, or remove the line to use the `default` theme"
                )),
        );
    }
    let mut seen = std::collections::BTreeSet::new();
    for (i, lang) in config.record.languages.iter().enumerate() {
        let at = format!("languages.{i}");
        if !records::is_language_code(lang) {
            diagnostics.push(
                config
                    .origin
                    .error(
                        &at,
                        tr!(
                            "`{lang}` không phải là mã ngôn ngữ",
                            "`{lang}` is not a language code"
                        ),
                    )
                    .expected(tr!(
                        "mã ngôn ngữ hai chữ thường, ví dụ `vi`, `en`",
                        "a two-letter lowercase language code, e.g. `vi`, `en`"
                    )),
            );
        } else if !seen.insert(lang.as_str()) {
            diagnostics.push(config.origin.error(
                &at,
                tr!(
                    "Ngôn ngữ `{lang}` được ghi hai lần",
                    "the language `{lang}` is listed twice"
                ),
            ));
        }
    }
}
