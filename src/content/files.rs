//! Reading files from disk and sorting them into content kinds by their path.

use super::records::*;
use super::source::{Origin, SourceFile, YamlPath};
use super::{yaml, LevelFile, Loaded, MarkdownSource, ProvinceSource, SharedSource};
use crate::diagnostics::{tr, Diagnostic, Position};
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use walkdir::WalkDir;

/// Files larger than this are refused: no content file comes near it.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a text file: refuses invalid UTF-8 and huge files, drops a byte-order mark,
/// turns CRLF into LF.
pub fn read_source(root: &Path, path: &Path) -> Result<SourceFile, Diagnostic> {
    let shown = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let cannot_read = |e: std::io::Error| {
        Diagnostic::error(
            shown.clone(),
            tr!("Không đọc được tệp: {e}", "cannot read the file: {e}"),
        )
    };
    let metadata = std::fs::metadata(path).map_err(cannot_read)?;
    if metadata.len() > MAX_FILE_BYTES {
        return Err(too_large(shown, metadata.len()));
    }
    let bytes = std::fs::read(path).map_err(cannot_read)?;
    decode_source(shown, path.to_path_buf(), bytes)
}

fn too_large(shown: PathBuf, bytes: u64) -> Diagnostic {
    let mb = bytes / (1024 * 1024);
    let max = MAX_FILE_BYTES / (1024 * 1024);
    Diagnostic::error(
        shown,
        tr!(
            "Tệp quá lớn ({mb} MB); mỗi tệp nội dung tối đa {max} MB",
            "the file is too large ({mb} MB); content files are at most {max} MB"
        ),
    )
    .expected(tr!("tối đa {max} MB", "at most {max} MB"))
    .hint(tr!(
        "chia dữ liệu thành nhiều tệp, hoặc kiểm tra lại xem có đúng là tệp này không",
        "split the data into several files, or check that this is the right file"
    ))
}

/// The text of a content file from its bytes: UTF-8 (a byte-order mark and CRLF line
/// endings are accepted), at most [`MAX_FILE_BYTES`], in Unicode NFC.
pub fn decode_source(
    shown: PathBuf,
    disk_path: PathBuf,
    bytes: Vec<u8>,
) -> Result<SourceFile, Diagnostic> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(shown, bytes.len() as u64));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            let line = valid.matches('\n').count() + 1;
            let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            return Err(Diagnostic::error(
                shown,
                tr!(
                    "Tệp không phải là văn bản UTF-8 hợp lệ (có thể được lưu bằng bảng mã khác, như TCVN3 hoặc Windows-1258)",
                    "the file is not valid UTF-8 text (it may have been saved in another encoding, such as TCVN3 or Windows-1258)"
                ),
            )
            .at(Position { line, column })
            .span(1)
            .expected(tr!("văn bản mã hóa UTF-8", "text encoded as UTF-8"))
            .hint(tr!(
                "lưu lại tệp với bảng mã UTF-8 (trong Notepad: File › Save as › Encoding: UTF-8)",
                "save the file as UTF-8 (in Notepad: File › Save as › Encoding: UTF-8)"
            )));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    };
    // Composed (NFC) Vietnamese, as almost every editor writes it: a file typed or
    // pasted in decomposed form (macOS, some input methods) must name the same
    // people and communes, and fold and search the same way.
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    let text = match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text,
        _ => text.nfc().collect(),
    };
    if let Some(error) = control_character(&shown, &text) {
        return Err(error);
    }
    Ok(SourceFile::new(shown, disk_path, text))
}

/// The first control character other than tab and line break, as an error at its
/// place: invisible in an editor, it would make the feeds invalid XML and reach
/// spreadsheets and screen readers as garbage.
fn control_character(shown: &Path, text: &str) -> Option<Diagnostic> {
    let at = text.find(|c: char| c.is_control() && c != '\t' && c != '\n')?;
    let code = text[at..].chars().next().map_or(0, u32::from);
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some(
        Diagnostic::error(
            shown.to_path_buf(),
            tr!(
                "Có ký tự điều khiển vô hình U+{code:04X} trong văn bản",
                "an invisible control character, U+{code:04X}, is in the text"
            ),
        )
        .at(Position { line, column })
        .span(1)
        .expected(tr!(
            "chữ, dấu câu, dấu cách, tab hoặc xuống dòng",
            "letters, punctuation, spaces, tabs or line breaks"
        ))
        .hint(tr!(
            "xóa ký tự ở vị trí này (thường có khi sao chép từ PDF hoặc Word); nó hiện thành khoảng trống hoặc ô vuông",
            "delete the character at this place (it often comes from copying out of a PDF or Word); it shows as nothing or a box"
        )),
    )
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

/// Splits a Markdown file into front matter and body, and its name into date
/// prefix, slug and language.
fn parse_markdown<F: FrontMatter>(
    file: SourceFile,
    languages: &[String],
) -> Result<MarkdownSource<F>, Diagnostic> {
    let name = file
        .path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_string();
    let default_languages = ["vi".to_string(), "en".to_string()];
    let languages = if languages.is_empty() {
        &default_languages[..]
    } else {
        languages
    };
    let (date_prefix, slug, lang) = split_markdown_name(&name, languages).map_err(|message| {
        Diagnostic::error(file.path.clone(), message).hint(tr!(
            "đặt tên tệp như 2026-01-14-hoi-nghi-ban-bau-cu.md (chữ thường không dấu, chữ số và dấu gạch ngang), bản tiếng Anh là 2026-01-14-hoi-nghi-ban-bau-cu.en.md",
            "name files like 2026-01-14-hoi-nghi-ban-bau-cu.md (lowercase ASCII letters, digits and dashes), and the English translation 2026-01-14-hoi-nghi-ban-bau-cu.en.md"
        ))
    })?;
    if let Some((front, body)) = without_front_matter::<F>(&file.text) {
        return Ok(MarkdownSource {
            file: Arc::new(file),
            slug,
            lang,
            date_prefix,
            front,
            body,
        });
    }
    let (yaml_range, body_start) = front_matter_range(&file.text).ok_or_else(|| {
        let closing = file.text.starts_with("---\n");
        let (message, hint) = if closing {
            (
                tr!(
                    "Phần đầu tệp (front matter) không có dòng `---` đóng lại",
                    "the front matter has no closing `---` line"
                ),
                tr!(
                    "thêm một dòng `---` sau trường cuối cùng của phần đầu tệp, trước phần nội dung",
                    "add a line `---` after the last field of the front matter, before the text"
                ),
            )
        } else {
            (
                tr!(
                    "Tệp không có phần đầu (front matter)",
                    "the file has no front matter"
                ),
                tr!(
                    "bắt đầu tệp bằng một dòng `---`, tiếp theo là `title: …` và các trường khác, rồi một dòng `---`, sau đó là nội dung",
                    "start the file with a line `---`, then `title: …` and the other fields, then a line `---`, then the text"
                ),
            )
        };
        Diagnostic::error(file.path.clone(), message)
            .at(Position { line: 1, column: 1 })
            .expected(tr!(
                "`---`, các trường, `---`, rồi nội dung",
                "`---`, the fields, `---`, then the text"
            ))
            .hint(hint)
    })?;
    let body = file.text[body_start..].to_string();
    let file = Arc::new(file.with_yaml_part(yaml_range, 1));
    let front = yaml::parse::<F>(&file)?;
    if body.trim().is_empty() {
        // At the closing `---`: the text belongs after it.
        let line = file.text[..body_start].matches('\n').count().max(1);
        return Err(Diagnostic::error(
            file.path.clone(),
            tr!(
                "Tệp chỉ có phần đầu (front matter), chưa có nội dung",
                "the file has only front matter and no text"
            ),
        )
        .at(Position { line, column: 1 })
        .span(3)
        .expected(tr!(
            "nội dung bài viết sau dòng `---` thứ hai",
            "the text of the item after the second `---` line"
        ))
        .hint(tr!(
            "viết nội dung sau dòng `---` thứ hai, hoặc xóa tệp nếu chưa dùng đến",
            "write the text after the second `---` line, or delete the file until it is ready"
        )));
    }
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
) -> Result<(Option<Date>, String, String), crate::diagnostics::Localized> {
    let stem = name.strip_suffix(".md").unwrap_or(name);
    let (stem, lang) = match stem.rsplit_once('.') {
        Some((rest, lang)) if languages.iter().any(|l| l == lang) => (rest, lang.to_string()),
        Some((_, other)) => {
            let list = languages.join(", ");
            return Err(tr!(
                "`.{other}` trong tên tệp không phải là ngôn ngữ của dự án ({list})",
                "`.{other}` in the file name is not one of the project's languages ({list})"
            ));
        }
        None => (
            stem,
            languages.first().cloned().unwrap_or_else(|| "vi".into()),
        ),
    };
    let (date, slug) = match stem.get(..11) {
        Some(prefix) if prefix.ends_with('-') && prefix.as_bytes()[4] == b'-' => {
            let date = Date::parse(&prefix[..10]).map_err(|e| {
                tr!("Ngày trong tên tệp: ", "the date in the file name: ").join("", &e)
            })?;
            (Some(date), &stem[11..])
        }
        _ => (None, stem),
    };
    if !crate::text::is_slug(slug) {
        let suggested = crate::text::slugify(slug);
        return Err(tr!(
            "`{slug}` không dùng được trong địa chỉ trang web: chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang đơn (gợi ý: `{suggested}`)",
            "`{slug}` cannot be used in a web address: use lowercase ASCII letters, digits and single dashes (suggested: `{suggested}`)"
        ));
    }
    Ok((date, slug.to_string(), lang))
}

/// A file with no front matter that starts with a `# Title` line, where its kind
/// allows that: the front matter, and the text after the title.
fn without_front_matter<F: FrontMatter>(text: &str) -> Option<(F, String)> {
    if text.starts_with("---") {
        return None;
    }
    let start = text.len() - text.trim_start().len();
    let rest = &text[start..];
    let (line, body) = rest.split_once('\n').unwrap_or((rest, ""));
    let title = line
        .trim_end()
        .strip_prefix("# ")?
        .trim()
        .trim_end_matches('#')
        .trim();
    if title.is_empty() || body.trim().is_empty() {
        return None;
    }
    Some((F::from_heading(title)?, body.to_string()))
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
            .en
            .contains("web address"));
        assert!(split_markdown_name("a.fr.md", &langs()).is_err());
    }

    #[test]
    fn control_characters_are_refused_at_their_place() {
        let decode = |text: &str| {
            decode_source("a.md".into(), "a.md".into(), text.as_bytes().to_vec()).map(|_| ())
        };
        // (text, line, column, code point)
        for (text, line, column, code) in [
            ("title: A\u{0}\n", 1, 9, "U+0000"),
            (
                "---\ntitle: Hạ Long\n---\nMột \u{7}chuông\n",
                4,
                5,
                "U+0007",
            ),
            ("a\r\nb\u{1b}[31m\n", 2, 2, "U+001B"),
            ("x\n\ny\u{7f}", 3, 2, "U+007F"),
            ("C1: \u{85}", 1, 5, "U+0085"),
        ] {
            let error = decode(text).unwrap_err();
            assert_eq!(error.line, line, "{text:?}");
            assert_eq!(error.column, column, "{text:?}");
            assert!(
                error.message.en.contains(code),
                "{text:?}: {}",
                error.message
            );
        }
        for fine in [
            "tab\there\n",
            "lines\r\nfrom Windows\r\n",
            "Đắk Lắk ✓ “quotes”\n",
        ] {
            decode(fine).unwrap();
        }
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
