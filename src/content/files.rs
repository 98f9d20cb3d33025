//! Reading files from disk and sorting them into content kinds by their path.

use super::records::*;
use super::source::{Origin, SourceFile, YamlPath};
use super::{yaml, LevelFile, Loaded, MarkdownSource, ProvinceSource, SharedSource};
use crate::diagnostics::{Diagnostic, Position};
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use walkdir::WalkDir;

/// Files larger than this are refused: no content file comes near it.
const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a text file: refuses invalid UTF-8 and huge files, drops a byte-order mark,
/// turns CRLF into LF.
pub fn read_source(root: &Path, path: &Path) -> Result<SourceFile, Diagnostic> {
    let shown = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let metadata = std::fs::metadata(path)
        .map_err(|e| Diagnostic::error(shown.clone(), format!("cannot read the file: {e}")))?;
    if metadata.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            shown,
            format!(
                "the file is too large ({} MB); content files are at most {} MB",
                metadata.len() / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        )
        .hint("split the data into several files, or check that this is the right file"));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::error(shown.clone(), format!("cannot read the file: {e}")))?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            let line = valid.matches('\n').count() + 1;
            let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            return Err(Diagnostic::error(shown, "the file is not valid UTF-8 text")
                .at(Position { line, column })
                .hint("save the file as UTF-8 (in Notepad: File › Save as › Encoding: UTF-8)"));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    };
    Ok(SourceFile::new(shown, path.to_path_buf(), text))
}

/// Province folders under `content/`: every directory except `_shared` and hidden ones,
/// sorted by name.
pub fn province_dirs(content: &Path) -> Vec<(String, PathBuf)> {
    let mut dirs: Vec<(String, PathBuf)> = std::fs::read_dir(content)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().map(|t| t.is_dir()).unwrap_or(false))
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            (!name.starts_with('_') && !name.starts_with('.')).then(|| (name, e.path()))
        })
        .collect();
    dirs.sort();
    dirs
}

/// Parses a YAML file into one record.
fn parse_file<T: DeserializeOwned>(file: &Arc<SourceFile>) -> Result<Loaded<T>, Diagnostic> {
    yaml::parse::<T>(file).map(|record| Loaded {
        origin: Origin::new(file, YamlPath::root()),
        record,
    })
}

/// Parses a YAML file holding a list, one [`Loaded`] per item.
fn parse_list<T: DeserializeOwned>(file: &Arc<SourceFile>) -> Result<Vec<Loaded<T>>, Diagnostic> {
    let items: Vec<T> = yaml::parse(file)?;
    Ok(items
        .into_iter()
        .enumerate()
        .map(|(i, record)| Loaded {
            origin: Origin::new(file, YamlPath::root().item(i)),
            record,
        })
        .collect())
}

pub fn load_shared(root: &Path, dir: &Path, diagnostics: &mut Vec<Diagnostic>) -> SharedSource {
    let mut shared = SharedSource::default();
    if !dir.is_dir() {
        return shared;
    }
    for entry in sorted_files(dir, diagnostics, root) {
        let rel = entry.strip_prefix(dir).unwrap_or(&entry);
        let parts: Vec<&str> = rel.iter().filter_map(|p| p.to_str()).collect();
        let result = match parts.as_slice() {
            ["faq", name] if is_yaml(name) => read_arc(root, &entry)
                .and_then(|f| parse_list(&f))
                .map(|v| shared.faq.extend(v)),
            ["documents.yaml" | "documents.yml"] => read_arc(root, &entry)
                .and_then(|f| parse_list(&f))
                .map(|v| shared.documents.extend(v)),
            ["timeline.yaml" | "timeline.yml"] => read_arc(root, &entry)
                .and_then(|f| parse_list(&f))
                .map(|v| shared.timeline.extend(v)),
            [.., name] if is_yaml(name) || name.ends_with(".md") => {
                Err(unexpected_file(root, &entry))
            }
            _ => Ok(()),
        };
        if let Err(d) = result {
            diagnostics.push(d);
        }
    }
    shared
}

/// What a file in a province folder is, by its path.
enum FileKind {
    Province,
    Units { level: String, commune: Option<u32> },
    Candidates { level: String, commune: Option<u32> },
    Results { level: String, commune: Option<u32> },
    News,
    Page,
    Faq,
    Timeline,
    Documents,
}

enum Parsed {
    Province(Loaded<ProvinceRecord>),
    Units(LevelFile<UnitsFile>),
    Candidates(LevelFile<CandidatesFile>),
    Results(LevelFile<ResultsFile>),
    News(MarkdownSource<NewsFrontMatter>),
    Page(MarkdownSource<PageFrontMatter>),
    Faq(Vec<Loaded<FaqRecord>>),
    Timeline(Vec<Loaded<TimelineRecord>>),
    Documents(Vec<Loaded<DocumentRecord>>),
}

pub fn load_province(
    root: &Path,
    id: String,
    dir: PathBuf,
    languages: &[String],
) -> (ProvinceSource, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut classified = Vec::new();
    for path in sorted_files(&dir, &mut diagnostics, root) {
        let rel = path.strip_prefix(&dir).unwrap_or(&path).to_path_buf();
        match classify(&rel) {
            Ok(Some(kind)) => classified.push((kind, path)),
            Ok(None) => {}
            Err(()) => diagnostics.push(unexpected_file(root, &path)),
        }
    }
    let parsed: Vec<Result<Parsed, Diagnostic>> = classified
        .into_par_iter()
        .map(|(kind, path)| parse_kind(root, kind, &path, languages))
        .collect();

    let mut province = ProvinceSource {
        id,
        dir,
        province: None,
        units: Vec::new(),
        candidates: Vec::new(),
        results: Vec::new(),
        news: Vec::new(),
        pages: Vec::new(),
        faq: Vec::new(),
        documents: Vec::new(),
        timeline: Vec::new(),
    };
    for item in parsed {
        match item {
            Ok(Parsed::Province(p)) => province.province = Some(p),
            Ok(Parsed::Units(u)) => province.units.push(u),
            Ok(Parsed::Candidates(c)) => province.candidates.push(c),
            Ok(Parsed::Results(r)) => province.results.push(r),
            Ok(Parsed::News(n)) => province.news.push(n),
            Ok(Parsed::Page(p)) => province.pages.push(p),
            Ok(Parsed::Faq(f)) => province.faq.extend(f),
            Ok(Parsed::Timeline(t)) => province.timeline.extend(t),
            Ok(Parsed::Documents(d)) => province.documents.extend(d),
            Err(d) => diagnostics.push(d),
        }
    }
    if province.province.is_none()
        && !diagnostics
            .iter()
            .any(|d| d.file.ends_with("province.yaml"))
    {
        let shown = province
            .dir
            .strip_prefix(root)
            .unwrap_or(&province.dir)
            .join("province.yaml");
        diagnostics.push(
            Diagnostic::error(shown, "the province folder has no province.yaml")
                .hint("every province folder needs a province.yaml with its id, name, base_url and communes"),
        );
    }
    (province, diagnostics)
}

fn classify(rel: &Path) -> Result<Option<FileKind>, ()> {
    let parts: Vec<&str> = rel.iter().filter_map(|p| p.to_str()).collect();
    let level_file = |name: &str| yaml_stem(name).map(str::to_string);
    let commune_file = |name: &str| yaml_stem(name).and_then(|s| s.parse::<u32>().ok());
    let kind = match parts.as_slice() {
        ["province.yaml" | "province.yml"] => FileKind::Province,
        ["timeline.yaml" | "timeline.yml"] => FileKind::Timeline,
        ["documents.yaml" | "documents.yml"] => FileKind::Documents,
        ["news", name] if name.ends_with(".md") => FileKind::News,
        ["pages", name] if name.ends_with(".md") => FileKind::Page,
        ["faq", name] if is_yaml(name) => FileKind::Faq,
        [section @ ("units" | "candidates" | "results"), name] if is_yaml(name) => {
            let level = level_file(name).ok_or(())?;
            level_kind(section, level, None)
        }
        [section @ ("units" | "candidates" | "results"), level, name] if is_yaml(name) => {
            let commune = commune_file(name).ok_or(())?;
            level_kind(section, level.to_string(), Some(commune))
        }
        // Anything else that looks like content is probably misplaced.
        [.., name] if is_yaml(name) || (name.ends_with(".md") && parts.len() <= 2) => {
            return Err(())
        }
        _ => return Ok(None),
    };
    Ok(Some(kind))
}

fn level_kind(section: &str, level: String, commune: Option<u32>) -> FileKind {
    match section {
        "units" => FileKind::Units { level, commune },
        "candidates" => FileKind::Candidates { level, commune },
        _ => FileKind::Results { level, commune },
    }
}

fn parse_kind(
    root: &Path,
    kind: FileKind,
    path: &Path,
    languages: &[String],
) -> Result<Parsed, Diagnostic> {
    let level_file = |file: &Arc<SourceFile>, level: String, commune: Option<u32>| {
        (level, commune, Arc::clone(file))
    };
    match kind {
        FileKind::Province => parse_file(&read_arc(root, path)?).map(Parsed::Province),
        FileKind::Faq => parse_list(&read_arc(root, path)?).map(Parsed::Faq),
        FileKind::Timeline => parse_list(&read_arc(root, path)?).map(Parsed::Timeline),
        FileKind::Documents => parse_list(&read_arc(root, path)?).map(Parsed::Documents),
        FileKind::Units { level, commune } => {
            let (path_level, path_commune, file) =
                level_file(&read_arc(root, path)?, level, commune);
            let record = yaml::parse(&file)?;
            Ok(Parsed::Units(LevelFile {
                file,
                record,
                path_level,
                path_commune,
            }))
        }
        FileKind::Candidates { level, commune } => {
            let (path_level, path_commune, file) =
                level_file(&read_arc(root, path)?, level, commune);
            let record = yaml::parse(&file)?;
            Ok(Parsed::Candidates(LevelFile {
                file,
                record,
                path_level,
                path_commune,
            }))
        }
        FileKind::Results { level, commune } => {
            let (path_level, path_commune, file) =
                level_file(&read_arc(root, path)?, level, commune);
            let record = yaml::parse(&file)?;
            Ok(Parsed::Results(LevelFile {
                file,
                record,
                path_level,
                path_commune,
            }))
        }
        FileKind::News => parse_markdown(root, path, languages).map(Parsed::News),
        FileKind::Page => parse_markdown(root, path, languages).map(Parsed::Page),
    }
}

fn read_arc(root: &Path, path: &Path) -> Result<Arc<SourceFile>, Diagnostic> {
    read_source(root, path).map(Arc::new)
}

/// Splits a Markdown file into front matter and body, and its name into date
/// prefix, slug and language.
fn parse_markdown<F: DeserializeOwned>(
    root: &Path,
    path: &Path,
    languages: &[String],
) -> Result<MarkdownSource<F>, Diagnostic> {
    let file = read_source(root, path)?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let (date_prefix, slug, lang) = split_markdown_name(name, languages)
        .map_err(|message| Diagnostic::error(file.path.clone(), message).hint(
            "name files like 2026-01-14-hoi-nghi-ban-bau-cu.md (lowercase ASCII letters, digits and dashes), and the English translation 2026-01-14-hoi-nghi-ban-bau-cu.en.md",
        ))?;
    let (yaml_range, body_start) = front_matter_range(&file.text).ok_or_else(|| {
        Diagnostic::error(file.path.clone(), "the file has no front matter")
            .at(Position { line: 1, column: 1 })
            .hint("start the file with a line `---`, then `title: …` and the other fields, then a line `---`, then the text")
    })?;
    let body = file.text[body_start..].to_string();
    let file = Arc::new(file.with_yaml_part(yaml_range, 1));
    let front = yaml::parse::<F>(&file)?;
    Ok(MarkdownSource {
        file,
        slug,
        lang,
        date_prefix,
        front,
        body,
    })
}

/// `2026-01-14-hoi-nghi.en.md` → (2026-01-14, `hoi-nghi`, `en`).
fn split_markdown_name(
    name: &str,
    languages: &[String],
) -> Result<(Option<Date>, String, String), String> {
    let stem = name.strip_suffix(".md").unwrap_or(name);
    let (stem, lang) = match stem.rsplit_once('.') {
        Some((rest, lang)) if languages.iter().any(|l| l == lang) => (rest, lang.to_string()),
        Some((_, other)) => {
            return Err(format!(
                "`.{other}` in the file name is not one of the project's languages ({})",
                languages.join(", ")
            ))
        }
        None => (
            stem,
            languages.first().cloned().unwrap_or_else(|| "vi".into()),
        ),
    };
    let (date, slug) = match stem.get(..11) {
        Some(prefix) if prefix.ends_with('-') && prefix.as_bytes()[4] == b'-' => {
            let date = Date::parse(&prefix[..10])
                .map_err(|e| format!("the date in the file name: {e}"))?;
            (Some(date), &stem[11..])
        }
        _ => (None, stem),
    };
    if !crate::text::is_slug(slug) {
        return Err(format!(
            "`{slug}` cannot be used in a web address: use lowercase ASCII letters, digits and single dashes (suggested: `{}`)",
            crate::text::slugify(slug)
        ));
    }
    Ok((date, slug.to_string(), lang))
}

/// The byte range of the YAML between the `---` lines, and where the body starts.
fn front_matter_range(text: &str) -> Option<(std::ops::Range<usize>, usize)> {
    let rest = text.strip_prefix("---\n")?;
    let start = 4;
    let mut offset = start;
    for line in rest.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Some((start..offset, offset + line.len()));
        }
        offset += line.len();
    }
    None
}

fn is_yaml(name: &str) -> bool {
    name.ends_with(".yaml") || name.ends_with(".yml")
}

fn yaml_stem(name: &str) -> Option<&str> {
    name.strip_suffix(".yaml")
        .or_else(|| name.strip_suffix(".yml"))
}

fn unexpected_file(root: &Path, path: &Path) -> Diagnostic {
    Diagnostic::warning(
        path.strip_prefix(root).unwrap_or(path).to_path_buf(),
        "this file is not part of the content format and is ignored",
    )
    .hint("see the README for where each kind of file goes (news/, units/<level>.yaml, candidates/<level>/<code>.yaml …)")
}

/// Every regular file under `dir`, sorted, skipping hidden ones. Symbolic links are
/// followed only when they stay inside the project.
fn sorted_files(dir: &Path, diagnostics: &mut Vec<Diagnostic>, root: &Path) -> Vec<PathBuf> {
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut out = Vec::new();
    let walker = WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker.flatten() {
        let path = entry.path();
        if entry.path_is_symlink() {
            match path.canonicalize() {
                Ok(target) if target.starts_with(&canonical_root) && target.is_file() => {
                    out.push(path.to_path_buf())
                }
                Ok(target) if target.starts_with(&canonical_root) => {}
                _ => diagnostics.push(
                    Diagnostic::error(
                        path.strip_prefix(root).unwrap_or(path).to_path_buf(),
                        "this symbolic link leads outside the project and is not read",
                    )
                    .hint("copy the file into the project instead of linking to it"),
                ),
            }
        } else if entry.file_type().is_file() {
            out.push(path.to_path_buf());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs() -> Vec<String> {
        vec!["vi".into(), "en".into()]
    }

    #[test]
    fn markdown_names() {
        let (date, slug, lang) =
            split_markdown_name("2021-01-14-hoi-nghi.en.md", &langs()).unwrap();
        assert_eq!(date.unwrap().0.to_string(), "2021-01-14");
        assert_eq!(slug, "hoi-nghi");
        assert_eq!(lang, "en");
        let (date, slug, lang) = split_markdown_name("gioi-thieu.md", &langs()).unwrap();
        assert!(date.is_none());
        assert_eq!((slug.as_str(), lang.as_str()), ("gioi-thieu", "vi"));
        assert!(split_markdown_name("Hội nghị.md", &langs())
            .unwrap_err()
            .contains("web address"));
        assert!(split_markdown_name("a.fr.md", &langs()).is_err());
    }

    #[test]
    fn front_matter_is_found() {
        let text = "---\ntitle: A\n---\nBody\n";
        let (range, body) = front_matter_range(text).unwrap();
        assert_eq!(&text[range], "title: A\n");
        assert_eq!(&text[body..], "Body\n");
        assert!(front_matter_range("no front matter").is_none());
        assert!(front_matter_range("---\ntitle: A\n").is_none());
    }
}
