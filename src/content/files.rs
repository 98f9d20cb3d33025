//! Finding a project's files and sorting them into content kinds by their path, then
//! parsing each kind (in parallel, every error kept).

use super::markdown_file::parse_markdown;
use super::read::{decode_source, read_source};
use super::records::*;
use super::source::{Origin, SourceFile, YamlPath};
use super::{yaml, LevelFile, Loaded, MarkdownSource, ProvinceSource, SharedSource};
use crate::diagnostics::{tr, Diagnostic};
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use walkdir::WalkDir;

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

/// What a file of `content/_shared/` is, by its path inside that folder.
fn classify_shared(rel: &Path) -> Result<Option<FileKind>, ()> {
    let parts: Vec<&str> = rel.iter().filter_map(|p| p.to_str()).collect();
    let kind = match parts.as_slice() {
        ["faq", name] if is_yaml(name) => FileKind::Faq,
        ["documents.yaml" | "documents.yml"] => FileKind::Documents,
        ["timeline.yaml" | "timeline.yml"] => FileKind::Timeline,
        [.., name] if is_yaml(name) || name.ends_with(".md") => return Err(()),
        _ => return Ok(None),
    };
    Ok(Some(kind))
}

pub fn load_shared(
    root: &Path,
    dir: &Path,
    languages: &[String],
    diagnostics: &mut Vec<Diagnostic>,
) -> SharedSource {
    let mut shared = SharedSource::default();
    if !dir.is_dir() {
        return shared;
    }
    for entry in sorted_files(dir, diagnostics, root, &mut Vec::new()) {
        let rel = entry.strip_prefix(dir).unwrap_or(&entry);
        let kind = match classify_shared(rel) {
            Ok(Some(kind)) => kind,
            Ok(None) => continue,
            Err(()) => {
                diagnostics.push(unexpected_file(root, &entry));
                continue;
            }
        };
        match read_source(root, &entry).and_then(|file| parse_kind(kind, file, languages)) {
            Ok((parsed, mut warnings)) => {
                diagnostics.append(&mut warnings);
                match parsed {
                    Parsed::Faq(items) => shared.faq.extend(items),
                    Parsed::Documents(items) => shared.documents.extend(items),
                    Parsed::Timeline(items) => shared.timeline.extend(items),
                    _ => {}
                }
            }
            Err(d) => diagnostics.push(d),
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
    let mut refused = Vec::new();
    for path in sorted_files(&dir, &mut diagnostics, root, &mut refused) {
        let rel = path.strip_prefix(&dir).unwrap_or(&path).to_path_buf();
        match classify(&rel) {
            Ok(Some(kind)) => classified.push((kind, path)),
            Ok(None) => {}
            Err(()) => diagnostics.push(unexpected_file(root, &path)),
        }
    }
    let parsed: Vec<(PathBuf, ParseResult)> = classified
        .into_par_iter()
        .map(|(kind, path)| {
            let rel = path.strip_prefix(&dir).unwrap_or(&path).to_path_buf();
            let result =
                read_source(root, &path).and_then(|file| parse_kind(kind, file, languages));
            (rel, result)
        })
        .collect();

    let failed = refused
        .iter()
        .map(|p| p.strip_prefix(&dir).unwrap_or(p).to_path_buf())
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
        failed,
    };
    for (rel, item) in parsed {
        let item = match item {
            Ok((parsed, mut warnings)) => {
                diagnostics.append(&mut warnings);
                Ok(parsed)
            }
            Err(d) => {
                province.failed.push(rel);
                Err(d)
            }
        };
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
            Diagnostic::error(
                shown,
                tr!(
                    "Thư mục tỉnh chưa có tệp province.yaml",
                    "the province folder has no province.yaml"
                ),
            )
            .hint(tr!(
                "mỗi thư mục tỉnh cần một tệp province.yaml ghi mã (id), tên, base_url và danh sách xã, phường",
                "every province folder needs a province.yaml with its id, name, base_url and communes"
            )),
        );
    }
    (province, diagnostics)
}

/// Parses one content file held in memory, by its path relative to the project root
/// (`baucu.yaml`, `content/_shared/faq/x.yaml`, `content/<province>/news/….md` …), the
/// way `check` parses it from disk. Returns the problems found (warnings only, or
/// nothing, when the file parses). Files that are not content are ignored. For tests
/// and fuzzing.
pub fn parse_in_memory(rel: &Path, bytes: Vec<u8>, languages: &[String]) -> Vec<Diagnostic> {
    let parts: Vec<&str> = rel.iter().filter_map(|p| p.to_str()).collect();
    let kind = match parts.as_slice() {
        ["baucu.yaml"] => {
            let result = decode_source(rel.to_path_buf(), rel.to_path_buf(), bytes)
                .and_then(|file| yaml::parse::<ProjectRecord>(&file).map(|_| file));
            return match result {
                Ok(file) => yaml::markup_warnings(&file),
                Err(d) => vec![d],
            };
        }
        ["content", "_shared", rest @ ..] => classify_shared(&rest.iter().collect::<PathBuf>()),
        ["content", _province, rest @ ..] => classify(&rest.iter().collect::<PathBuf>()),
        _ => Ok(None),
    };
    let Ok(Some(kind)) = kind else {
        return Vec::new();
    };
    match decode_source(rel.to_path_buf(), rel.to_path_buf(), bytes)
        .and_then(|file| parse_kind(kind, file, languages))
    {
        Ok((_, warnings)) => warnings,
        Err(d) => vec![d],
    }
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
        // A text in a subfolder, or spelled `.MD` or `.markdown`, is surely meant.
        ["news" | "pages", .., name] if is_markdown_like(name) => return Err(()),
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
        [.., name] if is_yaml(name) || (is_markdown_like(name) && parts.len() <= 2) => {
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

/// A parsed file and the warnings its text gives, or why it could not be parsed.
type ParseResult = Result<(Parsed, Vec<Diagnostic>), Diagnostic>;

/// Parses one file of a known kind; with it, the warnings its text gives (HTML that
/// will be shown as text).
fn parse_kind(kind: FileKind, file: SourceFile, languages: &[String]) -> ParseResult {
    fn level_file<T: DeserializeOwned>(
        file: &Arc<SourceFile>,
        path_level: String,
        path_commune: Option<u32>,
    ) -> Result<LevelFile<T>, Diagnostic> {
        let record = yaml::parse(file)?;
        Ok(LevelFile {
            file: Arc::clone(file),
            record,
            path_level,
            path_commune,
        })
    }
    let parsed = match kind {
        FileKind::News => {
            let news = parse_markdown(file, languages)?;
            let warnings = yaml::markup_warnings(&news.file);
            return Ok((Parsed::News(news), warnings));
        }
        FileKind::Page => {
            let page = parse_markdown(file, languages)?;
            let warnings = yaml::markup_warnings(&page.file);
            return Ok((Parsed::Page(page), warnings));
        }
        kind => {
            let file = Arc::new(file);
            let parsed = match kind {
                FileKind::Province => parse_file(&file).map(Parsed::Province),
                FileKind::Faq => parse_list(&file).map(Parsed::Faq),
                FileKind::Timeline => parse_list(&file).map(Parsed::Timeline),
                FileKind::Documents => parse_list(&file).map(Parsed::Documents),
                FileKind::Units { level, commune } => {
                    level_file(&file, level, commune).map(Parsed::Units)
                }
                FileKind::Candidates { level, commune } => {
                    level_file(&file, level, commune).map(Parsed::Candidates)
                }
                FileKind::Results { level, commune } => {
                    level_file(&file, level, commune).map(Parsed::Results)
                }
                FileKind::News | FileKind::Page => unreachable!("handled above"),
            }?;
            let mut found = yaml::markup_warnings(&file);
            found.extend(yaml::unknown_languages(&file, languages));
            (parsed, found)
        }
    };
    Ok(parsed)
}

fn is_yaml(name: &str) -> bool {
    name.ends_with(".yaml") || name.ends_with(".yml")
}

fn yaml_stem(name: &str) -> Option<&str> {
    name.strip_suffix(".yaml")
        .or_else(|| name.strip_suffix(".yml"))
}

/// `.md` in any case, or `.markdown`.
fn is_markdown_like(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

fn unexpected_file(root: &Path, path: &Path) -> Diagnostic {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let folder = path
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let in_subfolder = path
        .ancestors()
        .skip(2)
        .any(|a| a.file_name().is_some_and(|n| n == "news" || n == "pages"));
    let hint = if is_markdown_like(name) && !name.ends_with(".md") {
        let stem = &name[..name.rfind('.').unwrap_or(name.len())];
        tr!(
            "đổi tên tệp thành `{stem}.md` (đuôi .md viết thường)",
            "rename the file `{stem}.md` (the .md ending in lowercase)"
        )
    } else if is_markdown_like(name) && in_subfolder {
        tr!(
            "chuyển tệp ra thẳng thư mục news/ hoặc pages/ (không đặt trong thư mục con `{folder}/`)",
            "move the file directly into news/ or pages/ (not in the subfolder `{folder}/`)"
        )
    } else {
        tr!(
            "xem README để biết mỗi loại tệp đặt ở đâu (news/, units/<cấp>.yaml, candidates/<cấp>/<mã-xã>.yaml …)",
            "see the README for where each kind of file goes (news/, units/<level>.yaml, candidates/<level>/<code>.yaml …)"
        )
    };
    Diagnostic::warning(
        path.strip_prefix(root).unwrap_or(path).to_path_buf(),
        tr!(
            "Tệp này không thuộc định dạng nội dung nên bị bỏ qua",
            "this file is not part of the content format and is ignored"
        ),
    )
    .hint(hint)
}

/// Every regular file under `dir`, sorted, skipping hidden ones. Symbolic links are
/// followed only when they stay inside `content/`; the others are reported and added
/// to `refused`.
fn sorted_files(
    dir: &Path,
    diagnostics: &mut Vec<Diagnostic>,
    root: &Path,
    refused: &mut Vec<PathBuf>,
) -> Vec<PathBuf> {
    let content = root.join("content");
    let canonical_root = content.canonicalize().unwrap_or(content);
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
                _ => {
                    refused.push(path.to_path_buf());
                    diagnostics.push(
                        Diagnostic::error(
                            path.strip_prefix(root).unwrap_or(path).to_path_buf(),
                            tr!(
                                "Liên kết tượng trưng (symbolic link) này trỏ ra ngoài thư mục content/ nên không được đọc",
                                "this symbolic link leads outside the content folder and is not read"
                            ),
                        )
                        .hint(tr!(
                            "chép tệp vào trong thư mục content/ thay vì tạo liên kết tới nó",
                            "copy the file into content/ instead of linking to it"
                        )),
                    )
                }
            }
        } else if entry.file_type().is_file() {
            out.push(path.to_path_buf());
        }
    }
    out
}
