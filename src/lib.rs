//! baucu: a static site generator for Vietnamese election portals.
//!
//! The build is a pipeline, one module per stage:
//! [`content`] (load) → [`model`] and [`check`] (link and check) → [`routes`]
//! (plan) → [`render`] → [`output`] (write). [`build`] and [`check_project`] run it;
//! the command line in `main.rs` only parses arguments and prints.

pub mod check;
pub mod content;
pub mod diagnostics;
pub mod model;
pub mod output;
pub mod render;
pub mod routes;
pub mod search;
pub mod text;

use check::Coverage;
use diagnostics::Diagnostic;
use model::{Election, LinkOptions, Portal};
use rayon::prelude::*;
use render::i18n::Translations;
use render::pages::PageInput;
use render::{Renderer, Theme};
use routes::Route;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The project: the folder holding `baucu.yaml` and `content/`.
    pub root: PathBuf,
    /// Where sites are written; `<root>/public` when not given.
    pub out: Option<PathBuf>,
    /// Build only these provinces (all when empty).
    pub provinces: Vec<String>,
    /// Publish drafts too.
    pub drafts: bool,
    /// The day the portal is built for (countdowns, past milestones). Defaults to
    /// `SOURCE_DATE_EPOCH` when set, else today in Vietnam.
    pub today: Option<time::Date>,
}

/// What a build or check found and did.
#[derive(Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    pub coverage: Vec<Coverage>,
    pub sites: Vec<SiteReport>,
    /// Wall time of each pipeline stage, in order, summed over provinces.
    pub timings: Timings,
}

/// Wall time per pipeline stage (`baucu build --timings`).
#[derive(Debug, Default, Clone)]
pub struct Timings {
    pub stages: Vec<(&'static str, std::time::Duration)>,
}

impl Timings {
    /// Adds `elapsed` to `stage` (stages keep the order they were first seen in).
    pub fn add(&mut self, stage: &'static str, elapsed: std::time::Duration) {
        match self.stages.iter_mut().find(|(s, _)| *s == stage) {
            Some((_, total)) => *total += elapsed,
            None => self.stages.push((stage, elapsed)),
        }
    }

    /// Runs `f`, adding its wall time to `stage`.
    pub fn time<T>(&mut self, stage: &'static str, f: impl FnOnce() -> T) -> T {
        let start = std::time::Instant::now();
        let value = f();
        self.add(stage, start.elapsed());
        value
    }
}

#[derive(Debug, Clone)]
pub struct SiteReport {
    pub province: String,
    pub pages: usize,
    pub files: usize,
    pub bytes: u64,
    pub path: PathBuf,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// baucu itself could not run: no content problem, but no project to look at or no
/// place to write.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Load(#[from] content::LoadError),
    #[error("cannot write the output: {0}")]
    Write(String),
}

/// Everything up to the route table, shared by `check` and `build`.
struct Prepared {
    election: Election,
    portals: Vec<Portal>,
    routes: Vec<Vec<Route>>,
    renderer: Renderer,
    theme: Theme,
    categories: Vec<String>,
    content_root: PathBuf,
}

/// Loads, links, checks and plans every page, without writing anything.
pub fn check_project(options: &Options) -> Result<Report, RunError> {
    let (_, report) = prepare(options)?;
    Ok(report)
}

/// Builds every selected province into `<out>/<province>/`. Nothing is written
/// when any error is found; each site is swapped in whole only when all built.
pub fn build(options: &Options) -> Result<Report, RunError> {
    let (prepared, mut report) = prepare(options)?;
    let Some(prepared) = prepared else {
        return Ok(report);
    };
    if report.has_errors() {
        return Ok(report);
    }
    let out = options
        .out
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    let today = build_date(options);
    let mut staged = Vec::new();
    let mut failure = None;
    for (portal, routes) in prepared.portals.iter().zip(&prepared.routes) {
        match stage_site(&prepared, portal, routes, &out, today, &mut report.timings) {
            Ok(staging) => {
                report.sites.push(SiteReport {
                    province: portal.id.clone(),
                    pages: routes.len(),
                    files: staging.files_written,
                    bytes: staging.bytes_written,
                    path: out.join(&portal.id),
                });
                staged.push(staging);
            }
            Err(StageError::Content(mut found)) => {
                report.diagnostics.append(&mut found);
                failure = Some(None);
                break;
            }
            Err(StageError::Io(e)) => {
                failure = Some(Some(e));
                break;
            }
        }
    }
    if let Some(io_error) = failure {
        staged.into_iter().for_each(output::Staging::discard);
        report.sites.clear();
        return match io_error {
            Some(e) => Err(RunError::Write(e)),
            None => Ok(report),
        };
    }
    let start = std::time::Instant::now();
    for staging in staged {
        staging
            .publish()
            .map_err(|e| RunError::Write(e.to_string()))?;
    }
    report.timings.add("publish", start.elapsed());
    Ok(report)
}

fn prepare(options: &Options) -> Result<(Option<Prepared>, Report), RunError> {
    let mut report = Report::default();
    let start = std::time::Instant::now();
    let (project, mut found) = content::load_project(&options.root, &options.provinces)?;
    report.timings.add("load", start.elapsed());
    report.diagnostics.append(&mut found);
    let Some(project) = project else {
        diagnostics::sort(&mut report.diagnostics);
        return Ok((None, report));
    };

    let config = &project.config.record;
    let theme_and_translations = Theme::load(&options.root, &config.theme).and_then(|theme| {
        let tr = Translations::load(
            &theme.i18n,
            &config.languages,
            config.codes.clone(),
            &theme.origin,
        )?;
        Ok((theme, tr))
    });
    let (theme, translations) = match theme_and_translations {
        Ok(pair) => pair,
        Err(message) => {
            report.diagnostics.push(
                Diagnostic::error("baucu.yaml", message)
                    .at(project.config.origin.position("theme")),
            );
            diagnostics::sort(&mut report.diagnostics);
            return Ok((None, report));
        }
    };
    let codes = translations.known_codes();
    let start = std::time::Instant::now();
    let (election, portals, mut found) = model::link_project(
        &project,
        &LinkOptions {
            drafts: options.drafts,
            codes: &codes,
        },
    );
    report.diagnostics.append(&mut found);
    report.timings.add("link", start.elapsed());
    let Some(election) = election else {
        diagnostics::sort(&mut report.diagnostics);
        return Ok((None, report));
    };

    let categories: Vec<String> = codes
        .get("news_category")
        .map(|c| c.iter().cloned().collect())
        .unwrap_or_default();
    let renderer = match Renderer::new(&theme, Arc::new(translations)) {
        Ok(r) => r,
        Err(message) => {
            report
                .diagnostics
                .push(Diagnostic::error(theme.origin.clone(), message));
            diagnostics::sort(&mut report.diagnostics);
            return Ok((None, report));
        }
    };
    let content_root = project
        .root
        .join("content")
        .canonicalize()
        .unwrap_or_else(|_| project.root.join("content"));
    let mut all_routes = Vec::new();
    let start = std::time::Instant::now();
    for portal in &portals {
        report
            .diagnostics
            .extend(check::check_portal(portal, &election));
        report
            .coverage
            .extend(check::translation_coverage(portal, &election));
        match routes::plan(portal, &election, &categories) {
            Ok(routes) => {
                // A file that failed to load takes its pages with it: links to them
                // would only repeat that error.
                if !report.has_errors() {
                    let extra = published_files(portal, &election, &theme, &categories);
                    report
                        .diagnostics
                        .extend(check::check_internal_links(portal, &routes, &extra));
                }
                all_routes.push(routes);
            }
            Err(mut found) => {
                report.diagnostics.append(&mut found);
                all_routes.push(Vec::new());
            }
        }
    }
    report.timings.add("check and plan routes", start.elapsed());
    diagnostics::sort(&mut report.diagnostics);
    let prepared = Prepared {
        election,
        portals,
        routes: all_routes,
        renderer,
        theme,
        categories,
        content_root,
    };
    Ok((Some(prepared), report))
}

/// Site files that are not pages: feeds, sitemap, data, assets, static files.
fn published_files(
    portal: &Portal,
    election: &Election,
    theme: &Theme,
    categories: &[String],
) -> HashSet<String> {
    let mut files: HashSet<String> = [
        "/sitemap.xml",
        "/robots.txt",
        "/404.html",
        "/du-lieu/ung-cu-vien.csv",
        "/du-lieu/ung-cu-vien.json",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    for lang in &election.languages {
        let urls = routes::Urls::new(lang, &election.languages[0]);
        files.insert(urls.feed());
        files.extend(categories.iter().map(|c| urls.category_feed(c)));
    }
    files.extend(portal.assets.iter().map(|(_, url)| url.to_string()));
    for (name, bytes) in &theme.static_files {
        files.insert(format!("/{}", output::fingerprinted_name(name, bytes)));
    }
    files
}

enum StageError {
    Content(Vec<Diagnostic>),
    Io(String),
}

impl From<std::io::Error> for StageError {
    fn from(e: std::io::Error) -> Self {
        StageError::Io(e.to_string())
    }
}

/// Renders and writes one province into a staging directory.
fn stage_site(
    prepared: &Prepared,
    portal: &Portal,
    routes: &[Route],
    out: &Path,
    today: time::Date,
    timings: &mut Timings,
) -> Result<output::Staging, StageError> {
    let election = &prepared.election;
    let mut staging = output::Staging::create(out, &portal.id)?;
    let result = write_site(prepared, portal, routes, today, &mut staging, timings);
    match result {
        Ok(()) => Ok(staging),
        Err(e) => {
            staging.discard();
            let _ = election;
            Err(e)
        }
    }
}

fn write_site(
    prepared: &Prepared,
    portal: &Portal,
    routes: &[Route],
    today: time::Date,
    staging: &mut output::Staging,
    timings: &mut Timings,
) -> Result<(), StageError> {
    let election = &prepared.election;
    let mut published = render::Published::default();
    for (name, bytes) in &prepared.theme.static_files {
        let asset = output::static_asset(name, bytes);
        let (url, integrity) = (format!("/{}", asset.path), asset.integrity.clone());
        match name.as_str() {
            "style.css" => (published.css_url, published.css_integrity) = (url, integrity),
            "search.js" => {
                (published.search_js_url, published.search_js_integrity) = (url, integrity)
            }
            _ => {}
        }
        staging.write(&asset.path, &asset.bytes)?;
    }
    let start = std::time::Instant::now();
    let level_ids: Vec<String> = election.levels.iter().map(|l| l.id.clone()).collect();
    // The languages' indexes are independent: build them side by side.
    let indexes: Vec<search::SearchIndex> = election
        .languages
        .par_iter()
        .map(|lang| {
            let docs = search::documents(portal, election, lang, &prepared.renderer.tr);
            search::build_index(
                &docs,
                &format!("_search/{lang}"),
                &prepared.categories,
                &level_ids,
            )
        })
        .collect();
    let mut contexts = Vec::new();
    for (lang, index) in election.languages.iter().zip(indexes) {
        for (path, bytes) in &index.files {
            staging.write(path, bytes)?;
        }
        let published = render::Published {
            search_manifest_url: index.manifest_url,
            ..published.clone()
        };
        contexts.push(
            prepared
                .renderer
                .language_context(portal, election, lang, published),
        );
    }
    timings.add("search index", start.elapsed());
    let start = std::time::Instant::now();
    let inputs: Vec<PageInput> = contexts
        .iter()
        .map(|cx| PageInput {
            portal,
            election,
            cx,
            content_root: &prepared.content_root,
            categories: &prepared.categories,
            today,
        })
        .collect();
    let rendered: Vec<Result<(String, Vec<u8>), String>> = routes
        .par_iter()
        .map(|route| {
            let input = &inputs[election
                .languages
                .iter()
                .position(|l| *l == route.lang)
                .unwrap_or(0)];
            let html = prepared.renderer.render(input, route)?;
            Ok((route.output_path(), output::minify_html(&html)))
        })
        .collect();
    timings.add("render and minify", start.elapsed());
    let start = std::time::Instant::now();
    let mut errors = Vec::new();
    for page in rendered {
        match page {
            Ok((path, bytes)) => staging.write(&path, &bytes)?,
            Err(message) => errors.push(Diagnostic::error(prepared.theme.origin.clone(), message)),
        }
    }
    if !errors.is_empty() {
        errors.truncate(10);
        return Err(StageError::Content(errors));
    }
    for (source, url) in portal.assets.iter() {
        staging.copy(url, source)?;
    }
    staging.write(
        "du-lieu/ung-cu-vien.csv",
        output::candidates_csv(portal, election).as_bytes(),
    )?;
    staging.write(
        "du-lieu/ung-cu-vien.json",
        output::candidates_json(portal, election).as_bytes(),
    )?;
    timings.add("write", start.elapsed());
    // Feeds, sitemaps, robots.txt, _headers, .br/.gz copies, then the deploy manifest.
    let site = output::SiteInput {
        portal,
        election,
        routes,
        tr: &prepared.renderer.tr,
        categories: &prepared.categories,
    };
    output::finish_site(staging, &site, timings)?;
    Ok(())
}

/// The day the build is for: `SOURCE_DATE_EPOCH` when set (reproducible builds), else
/// today in Vietnam (UTC+7).
pub fn build_date(options: &Options) -> time::Date {
    if let Some(day) = options.today {
        return day;
    }
    let offset = time::UtcOffset::from_hms(7, 0, 0).expect("valid offset");
    let now = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| time::OffsetDateTime::from_unix_timestamp(secs).ok())
        .unwrap_or_else(time::OffsetDateTime::now_utc);
    now.to_offset(offset).date()
}
