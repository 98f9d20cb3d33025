//! `baucu new DIR --province P`: a project that `baucu check` accepts and `baucu
//! build` publishes, for any of the 34 provinces of 2025, from data and templates
//! built into the binary — or one more province in an existing project.
//!
//! - [`divisions`]: the provinces and their communes (`data/vn-divisions-2025.json`),
//!   and finding the one a user names (slug, name with or without tone marks, code);
//! - [`files`]: the files as text, from `templates/` (`baucu.yaml` with the 2026
//!   election and the law's numbers; `content/_shared/` with the national FAQ,
//!   timeline and documents; `province.yaml` with every commune; a first news item);
//! - [`write`]: what the folder holds, and writing all or nothing;
//! - [`message`]: what was written and what to do next, for the command line.
//!
//! A new or empty folder gets the whole project. A project (a folder with
//! `baucu.yaml`) gets only `content/<province>/`: its `baucu.yaml`, `_shared/` and
//! other provinces stay as they are, and the texts follow its languages. A province
//! already there, or a folder with other files, is an error, and nothing is written.

mod divisions;
mod error;
mod files;
mod message;
mod write;

pub use error::{Named, NewError, Unknown};

use crate::build::{build_date, Options};
use crate::content::records::ProjectRecord;
use crate::content::{read_source, yaml};
use crate::diagnostics::tr;
use divisions::{NotFound, Province};
use std::path::{Path, PathBuf};
use write::Found;

/// What `baucu new` is asked for.
#[derive(Debug, Clone, Default)]
pub struct NewOptions {
    /// The project folder: new, empty, or an existing project.
    pub dir: PathBuf,
    /// The province as the user named it.
    pub province: String,
    /// The date of the first news item; `SOURCE_DATE_EPOCH` or today in Vietnam
    /// when not given (as the build's date).
    pub today: Option<time::Date>,
}

/// What `baucu new` wrote.
#[derive(Debug, Clone)]
pub struct Created {
    /// The project folder, as given.
    pub dir: PathBuf,
    /// The province's folder name under `content/`.
    pub province: String,
    /// "tỉnh Quảng Ninh", "thành phố Hà Nội".
    pub name: String,
    /// "Quang Ninh Province", "Ha Noi City".
    pub name_en: String,
    /// How many communes, wards and special zones `province.yaml` lists.
    pub communes: usize,
    /// Whether a new project was made (`baucu.yaml` and `content/_shared/` written)
    /// rather than a province added to one.
    pub new_project: bool,
    /// Every file written, relative to the project folder, in order.
    pub files: Vec<PathBuf>,
    /// The first news item (its Vietnamese file).
    pub news: PathBuf,
}

/// Writes a new project for a province into `options.dir`, or adds the province to
/// the project there.
pub fn new_project(options: &NewOptions) -> Result<Created, NewError> {
    let all = divisions::provinces();
    let province = divisions::find(&all, &options.province)
        .map_err(|not_found| unknown(&all, &options.province, not_found))?;
    let dir = &options.dir;
    let slug = province.slug();
    let found = write::inspect(dir)?;
    let (english, mut planned, moves) = match found {
        Found::Project => {
            let target = dir.join("content").join(&slug);
            if std::fs::symlink_metadata(&target).is_ok() {
                return Err(NewError::ProvinceExists { dir: target });
            }
            let english = project_languages(dir)?.iter().any(|l| l == "en");
            (english, Vec::new(), vec![Path::new("content").join(&slug)])
        }
        Found::Nothing | Found::Empty => (
            true,
            files::project_files(),
            vec![PathBuf::from("content"), PathBuf::from("baucu.yaml")],
        ),
    };
    let today = options
        .today
        .unwrap_or_else(|| build_date(&Options::default()));
    planned.extend(files::province_files(province, today, english));
    write::write_all(dir, &planned, &moves)?;
    let files: Vec<PathBuf> = planned.into_iter().map(|f| f.path).collect();
    let news = files
        .iter()
        .find(|f| f.starts_with(Path::new("content").join(&slug).join("news")))
        .cloned()
        .unwrap_or_default();
    Ok(Created {
        dir: dir.clone(),
        province: slug,
        name: province.full_name(),
        name_en: province.full_name_en(),
        communes: province.communes.len(),
        new_project: found != Found::Project,
        files,
        news,
    })
}

/// The languages of the project in `dir`, from its `baucu.yaml`.
fn project_languages(dir: &Path) -> Result<Vec<String>, NewError> {
    let path = dir.join("baucu.yaml");
    let bad = |d: crate::diagnostics::Diagnostic| {
        let (line, message) = (d.line, d.message);
        NewError::BadConfig {
            file: path.clone(),
            message: if line > 0 {
                let (vi, en) = (&message.vi, &message.en);
                tr!("dòng {line}: {vi}", "line {line}: {en}")
            } else {
                message
            },
        }
    };
    let file = read_source(dir, &path).map_err(bad)?;
    let record: ProjectRecord = yaml::parse(&file).map_err(bad)?;
    Ok(record.languages)
}

fn unknown(all: &[Province], given: &str, not_found: NotFound) -> NewError {
    let named = |code: u32| {
        all.iter().find(|p| p.code == code).map(|p| Named {
            slug: p.slug(),
            name: p.name.clone(),
            code: p.code,
        })
    };
    NewError::UnknownProvince(Box::new(Unknown {
        given: given.trim().to_string(),
        merged_into: not_found.merged_into.and_then(named),
        closest: not_found.closest.into_iter().filter_map(named).collect(),
        all: all.iter().filter_map(|p| named(p.code)).collect(),
    }))
}
