//! `baucu import`: official lists kept as spreadsheets turned into the content
//! format. `import candidates` reads the "Danh sách chính thức những người ứng cử"
//! of one level (`.xlsx`, `.ods`, `.csv`) and writes the level's candidates file;
//! `import units` ([`units`]) a list of electoral units; `import results`
//! ([`results`]) the result minutes.
//!
//! The steps, one file each: [`sheets`] (cells of every sheet), [`header`] (the
//! header wherever it is), [`table`] (section rows, candidates' rows), [`values`]
//! and [`codes`] (a cell to a value), [`candidate`] (a row to a record),
//! [`project`] (what the project knows), [`merge`] (ids and fields kept from the
//! existing files), [`yaml`] (the file as baucu writes it), [`verify`] (the project
//! checked with the new file), and [`problems`] and [`report`] (what the user is
//! told). Every problem is reported at once; on any error nothing is written, and
//! the file is replaced in one rename.

pub mod candidate;
pub mod codes;
pub mod header;
pub mod merge;
pub mod problems;
pub mod progress;
pub mod project;
pub mod report;
pub mod results;
pub mod sheets;
pub mod table;
pub mod units;
pub mod values;
pub mod verify;
pub mod yaml;

use crate::content::records::CandidatesFile;
use crate::diagnostics::{tr, Diagnostic, Lang, Localized};
use header::Field;
use problems::Problem;
use project::Project;
use std::path::{Path, PathBuf};

pub use results::import_results;
pub use units::import_units;

/// What `baucu import candidates` is asked.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The project folder.
    pub root: PathBuf,
    /// The spreadsheet.
    pub file: PathBuf,
    /// The level's id in baucu.yaml.
    pub level: String,
    /// The province (its folder name); optional when the project has one.
    pub province: Option<String>,
    /// The commune of a commune-wide level (code or name); else found in the file.
    pub commune: Option<String>,
    /// Results: mark the imported units' results provisional (else official).
    pub provisional: bool,
    /// Show the steps on standard error in this language, when it is a terminal.
    pub progress: Option<Lang>,
}

/// Why an import could not run at all (exit code 2).
#[derive(Debug, Clone)]
pub struct ImportError {
    pub message: Localized,
    pub hint: Option<Localized>,
}

impl ImportError {
    pub fn new(message: Localized, hint: Option<Localized>) -> ImportError {
        ImportError { message, hint }
    }
}

pub use report::{ImportReport, Imported};

/// `baucu import candidates`: reads the list, merges it with the project's files,
/// checks the result with the whole project, and writes the level's file when no
/// error was found.
pub fn import_candidates(options: &ImportOptions) -> Result<ImportReport, ImportError> {
    let steps = progress::Steps::new(options.progress);
    steps.step(tr!("đọc dự án", "reading the project"));
    let project = Project::load(&options.root, options.province.as_deref(), &options.level)?;
    steps.step(tr!("đọc bảng tính", "reading the spreadsheet"));
    let book = sheets::read_workbook(&options.file).map_err(read_error)?;
    let mut problems = Vec::new();
    let table = table::read_table(&book, &mut problems);

    let commune = which_commune(
        &project,
        &book,
        &table,
        options.commune.as_deref(),
        &mut problems,
    )?;
    let target = project.target(commune);
    let mut report = ImportReport {
        target: target.clone(),
        ..ImportReport::default()
    };
    if problems.iter().any(Problem::is_error) && table.rows.is_empty() {
        return Ok(finish(report, problems, &book));
    }
    let units: Vec<u32> = project
        .level_units(commune)
        .iter()
        .map(|u| u.number)
        .collect();
    let rows: Vec<candidate::SheetCandidate> = table
        .rows
        .iter()
        .filter_map(|row| candidate::read_row(&book, row, &project, &units, &mut problems))
        .collect();
    if table.rows.is_empty() && !problems.iter().any(Problem::is_error) {
        problems.push(Problem::error(
            problems::whole_file(&book.path),
            tr!(
                "Không tìm thấy người ứng cử nào dưới dòng tiêu đề",
                "no candidate found under the header row"
            ),
        ));
    }
    if project.unreadable.contains(&target) {
        problems.push(
            Problem::error(
                problems::whole_file(&target),
                tr!(
                    "Tệp hiện có {} không đọc được, nên không giữ lại được ảnh, tiểu sử và bản dịch của nó",
                    "the existing file {} cannot be read, so its photos, bios and translations cannot be kept",
                    target.display()
                ),
            )
            .hint(tr!(
                "sửa tệp theo `baucu check`, hoặc xóa nó, rồi nhập lại",
                "fix it as `baucu check` says, or delete it, then import again"
            )),
        );
    }
    let existing: Vec<_> = project
        .candidates
        .iter()
        .filter(|(path, ..)| *path == target)
        .flat_map(|(.., file)| file.candidates.iter().cloned())
        .collect();
    // A person found in another level's list brings their photo, its path made
    // relative to this list's folder.
    let mut elsewhere = Vec::new();
    for (path, .., file) in project.candidates.iter().filter(|(p, ..)| *p != target) {
        for c in &file.candidates {
            let mut c = c.clone();
            c.photo = c.photo.map(|p| merge::rebase(path, &target, &p));
            elsewhere.push(c);
        }
    }
    let errors_before = problems.iter().any(Problem::is_error);
    let mut merge_problems = Vec::new();
    let (merged, counts) = merge::merge(
        &book,
        &rows,
        &existing,
        &elsewhere,
        &target,
        &mut merge_problems,
    );
    // With rows left out, "removed" and other warnings of the merge would mislead.
    problems.extend(
        merge_problems
            .into_iter()
            .filter(|p| !errors_before || p.is_error()),
    );
    if problems.iter().any(Problem::is_error) {
        return Ok(finish(report, problems, &book));
    }
    report.candidates = merged.len();
    let mut unit_numbers: Vec<u32> = merged.iter().map(|m| m.record.unit).collect();
    unit_numbers.dedup();
    report.units = unit_numbers.len();
    (report.added, report.updated, report.removed) = (counts.added, counts.updated, counts.removed);

    let disk = project.root.join(&target);
    let old_text = std::fs::read_to_string(&disk).ok();
    let comments = match &old_text {
        Some(text) => leading_comments(text),
        None => generated_comments(&book, &table, "candidates"),
    };
    let records: Vec<_> = merged.iter().map(|m| m.record.clone()).collect();
    let written = yaml::write_candidates(
        &comments,
        &project.level.id,
        commune,
        &records,
        &project.languages,
    );
    let back: Result<CandidatesFile, _> = crate::content::yaml::parse_str(&written.text);
    if !back
        .as_ref()
        .is_ok_and(|f| f.candidates == records && f.commune == commune)
    {
        return Err(internal_error());
    }
    steps.step(tr!(
        "kiểm tra dự án với tệp mới",
        "checking the project with the new file"
    ));
    sort_new_problems(
        &project,
        &target,
        &written.text,
        &mut report,
        &mut problems,
        |d| from_check(&book, &rows, &merged, &written, d),
    )?;
    write_unless_errors(report, problems, &book, &disk, old_text, &written.text)
}

/// The end of every import: nothing written on an error; the file left alone when it
/// holds the text already; else replaced at once.
/// Checks the province with `text` as its file `target` ([`verify::new_problems`]):
/// what `check` newly finds in that file goes to `problems`, at the cell it came
/// from (`at_cell`); what it finds in other files, to `report.content`.
fn sort_new_problems(
    project: &Project,
    target: &Path,
    text: &str,
    report: &mut ImportReport,
    problems: &mut Vec<Problem>,
    at_cell: impl Fn(Diagnostic) -> Problem,
) -> Result<(), ImportError> {
    let found =
        verify::new_problems(&project.root, &project.province, target, text).map_err(|e| {
            ImportError::new(
                tr!(
                    "không kiểm tra được dự án: {e}",
                    "cannot check the project: {e}"
                ),
                None,
            )
        })?;
    for d in found {
        if d.file == target {
            problems.push(at_cell(d));
        } else {
            report.content.push(d);
        }
    }
    Ok(())
}

fn write_unless_errors(
    mut report: ImportReport,
    problems: Vec<Problem>,
    book: &sheets::Workbook,
    disk: &Path,
    old_text: Option<String>,
    text: &str,
) -> Result<ImportReport, ImportError> {
    if problems.iter().any(Problem::is_error) || report.content.iter().any(Diagnostic::is_error) {
        return Ok(finish(report, problems, book));
    }
    if old_text.as_deref() == Some(text) {
        report.unchanged = true;
    } else {
        write_atomically(disk, text.as_bytes()).map_err(|e| {
            ImportError::new(
                tr!(
                    "không ghi được {}: {e}",
                    "cannot write {}: {e}",
                    disk.display()
                ),
                Some(tr!(
                    "kiểm tra quyền ghi và chỗ trống; tệp cũ giữ nguyên",
                    "check the folder is writable and has space; the old file is unchanged"
                )),
            )
        })?;
        report.written = true;
    }
    Ok(finish(report, problems, book))
}

/// The existing file an import would replace cannot be read: replacing it would
/// lose what it holds that the sheet does not.
fn unreadable_existing(target: &Path) -> Problem {
    Problem::error(
        problems::whole_file(target),
        tr!(
            "Tệp hiện có {} không đọc được: sửa hoặc xóa nó rồi nhập lại",
            "the existing file {} cannot be read: fix or delete it, then import again",
            target.display()
        ),
    )
}

/// The written YAML does not read back as what was meant: a bug in baucu.
fn internal_error() -> ImportError {
    ImportError::new(
        tr!(
            "baucu dừng vì một lỗi nội bộ: tệp YAML vừa viết đọc lại không khớp",
            "baucu stopped on an internal error: the written YAML reads back differently"
        ),
        Some(tr!(
            "đây là lỗi của baucu, không phải của bảng tính; chưa ghi gì. Hãy báo lỗi kèm tệp",
            "this is a bug in baucu, not in the spreadsheet; nothing was written. Please report it with the file"
        )),
    )
}

fn finish(
    mut report: ImportReport,
    mut problems: Vec<Problem>,
    book: &sheets::Workbook,
) -> ImportReport {
    let order: Vec<String> = book.sheets.iter().map(|s| s.name.clone()).collect();
    problems::sort(&mut problems, &order);
    problems.dedup();
    report.problems = problems;
    report
}

fn read_error(e: sheets::ReadError) -> ImportError {
    match e {
        sheets::ReadError::Unsupported(path) => ImportError::new(
            tr!(
                "{} không phải là bảng tính baucu đọc được",
                "{} is not a spreadsheet baucu reads",
                path.display()
            ),
            Some(tr!(
                "lưu danh sách dưới dạng .xlsx, .ods hoặc .csv (UTF-8)",
                "save the list as .xlsx, .ods or .csv (UTF-8)"
            )),
        ),
        sheets::ReadError::Unreadable(path, error) => ImportError::new(
            tr!(
                "không đọc được {}: {error}",
                "cannot read {}: {error}",
                path.display()
            ),
            Some(tr!(
                "kiểm tra đường dẫn, và rằng tệp mở được bằng Excel hoặc LibreOffice",
                "check the path, and that the file opens in Excel or LibreOffice"
            )),
        ),
    }
}

/// The commune of a commune-wide level: `--commune`, else the one the titles name.
fn which_commune(
    project: &Project,
    book: &sheets::Workbook,
    table: &table::Table,
    given: Option<&str>,
    problems: &mut Vec<Problem>,
) -> Result<Option<u32>, ImportError> {
    let level = &project.level.id;
    if !project.commune_wide() {
        if given.is_some() {
            return Err(ImportError::new(
                tr!(
                    "cấp `{level}` là cấp toàn tỉnh: không dùng --commune",
                    "the level `{level}` is province-wide: --commune does not apply"
                ),
                None,
            ));
        }
        return Ok(None);
    }
    if let Some(written) = given {
        return project.commune_named(written).map(Some);
    }
    let titles: Vec<String> = table.titles.iter().map(|(_, t)| t.clone()).collect();
    let found = project.communes_in(&titles);
    let hint = tr!(
        "ghi tên xã, phường trong tiêu đề (ví dụ `… HĐND phường Hạ Long`), hoặc dùng --commune MÃ",
        "name the commune in the title (e.g. `… HĐND phường Hạ Long`), or pass --commune CODE"
    );
    match found.as_slice() {
        [one] => Ok(Some(*one)),
        [] => {
            problems.push(
                Problem::error(
                    problems::whole_file(&book.path),
                    tr!(
                        "Cấp `{level}` là cấp xã: không tìm thấy tên xã, phường nào của tỉnh trong tiêu đề",
                        "`{level}` is a commune-wide level, and no commune of the province is named in the titles"
                    ),
                )
                .hint(hint),
            );
            Ok(None)
        }
        many => {
            let list = many
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            problems.push(
                Problem::error(
                    problems::whole_file(&book.path),
                    tr!(
                        "Tiêu đề nêu nhiều xã, phường (mã {list}): mỗi lần nhập một xã",
                        "the titles name several communes (codes {list}): import one commune at a time"
                    ),
                )
                .hint(hint),
            );
            Ok(None)
        }
    }
}

/// The comment lines at the top of an existing file, without their `#`.
fn leading_comments(text: &str) -> Vec<String> {
    text.lines()
        .take_while(|l| l.starts_with('#'))
        .map(|l| {
            l.trim_start_matches('#')
                .strip_prefix(' ')
                .unwrap_or(l.trim_start_matches('#'))
                .to_string()
        })
        .collect()
}

/// For a new file: the titles above the first header, and where the list came from.
fn generated_comments(book: &sheets::Workbook, table: &table::Table, what: &str) -> Vec<String> {
    let mut out: Vec<String> = table
        .titles
        .iter()
        .filter(|(at, text)| at.sheet == 0 && header::unit_in_title(text).is_none())
        .map(|(_, text)| text.split_whitespace().collect::<Vec<_>>().join(" "))
        .take(3)
        .collect();
    let name = book
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    out.push(format!("Nhập từ {name} bằng `baucu import {what}`."));
    out
}

/// A problem `check` found in the new file, at the cell its value came from.
fn from_check(
    book: &sheets::Workbook,
    rows: &[candidate::SheetCandidate],
    merged: &[merge::Merged],
    written: &yaml::Written,
    d: Diagnostic,
) -> Problem {
    let located = written.at_line(d.line).and_then(|(i, field)| {
        let c = &rows[merged.get(i)?.from];
        let column = match field {
            "unit" => c.unit_at.map(|at| at.col).or_else(|| c.column(Field::Unit)),
            other => field_of_key(other).and_then(|f| c.column(f)),
        };
        let place = match (field, c.unit_at) {
            ("unit", Some(at)) => table::place_at(book, at),
            _ => table::place(book, c.sheet, c.row, column),
        };
        Some((place, c.record.name.clone()))
    });
    let (place, message) = match located {
        Some((place, name)) if !d.message.contains(&name) => (
            place,
            Localized::new(
                format!("{name}: {}", d.message.vi),
                format!("{name}: {}", d.message.en),
            ),
        ),
        Some((place, _)) => (place, d.message.clone()),
        None => (problems::whole_file(&book.path), d.message.clone()),
    };
    Problem {
        severity: d.severity,
        place,
        message,
        expected: d.expected.map(|e| *e),
        hint: d.hint.map(|h| *h),
    }
}

/// The column of a candidate field named as in the YAML file.
fn field_of_key(key: &str) -> Option<Field> {
    Some(match key {
        "id" | "name" => Field::Name,
        "ballot_order" => Field::Order,
        "birth_date" => Field::BirthDate,
        "gender" => Field::Gender,
        "hometown" => Field::Hometown,
        "residence" => Field::Residence,
        "ethnicity" => Field::Ethnicity,
        "religion" => Field::Religion,
        "education" => Field::Education,
        "qualification" => Field::Qualification,
        "academic_title" => Field::AcademicTitle,
        "political_theory" => Field::PoliticalTheory,
        "foreign_language" => Field::ForeignLanguage,
        "occupation" => Field::Occupation,
        "workplace" => Field::Workplace,
        "party_join_date" => Field::PartyJoinDate,
        "incumbent" => Field::Incumbent,
        _ => return None,
    })
}

/// Writes `bytes` to `path` through a hidden file beside it and one rename: readers
/// see the old file or the new one, never a part.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.baucu-import-{}", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}
