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
pub mod serve;
mod site;
pub mod text;

use check::Coverage;
use diagnostics::Diagnostic;
use model::{Election, LinkOptions, Portal};
use rayon::prelude::*;
use render::i18n::Translations;
use render::{Renderer, Theme};
use routes::Route;
use std::collections::HashSet;
use std::path::PathBuf;
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
    /// Ignore the build cache: render and write everything.
    pub clean: bool,
    /// Leave out the precompressed `.br`/`.gz` copies (the preview server's builds,
    /// hosts that compress on the fly, and benchmarks that report them apart).
    pub no_precompress: bool,
}

/// What a build or check found and did.
#[derive(Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    pub coverage: Vec<Coverage>,
    pub sites: Vec<SiteReport>,
    /// Time of each pipeline stage, in order, summed over provinces (which are made
    /// side by side, so the stages can add up to more than the wall time).
    pub timings: Timings,
}

/// Wall time per pipeline stage (`baucu build --timings`).
#[derive(Debug, Default, Clone)]
pub struct Timings {
    pub stages: Vec<(&'static str, std::time::Duration)>,
    /// Per template: pages rendered and the time spent rendering them (summed over
    /// threads, so it can exceed the wall time of the render stage).
    pub templates: Vec<(&'static str, usize, std::time::Duration)>,
}

impl Timings {
    /// Adds `elapsed` to `stage` (stages keep the order they were first seen in).
    pub fn add(&mut self, stage: &'static str, elapsed: std::time::Duration) {
        match self.stages.iter_mut().find(|(s, _)| *s == stage) {
            Some((_, total)) => *total += elapsed,
            None => self.stages.push((stage, elapsed)),
        }
    }

    /// Adds `pages` renderings of `template` that took `elapsed` in all.
    pub fn add_template(
        &mut self,
        template: &'static str,
        pages: usize,
        elapsed: std::time::Duration,
    ) {
        match self.templates.iter_mut().find(|(t, _, _)| *t == template) {
            Some((_, n, total)) => {
                *n += pages;
                *total += elapsed;
            }
            None => self.templates.push((template, pages, elapsed)),
        }
    }

    /// Adds every stage and template time of `other`.
    pub fn merge(&mut self, other: Timings) {
        for (stage, elapsed) in other.stages {
            self.add(stage, elapsed);
        }
        for (template, pages, elapsed) in other.templates {
            self.add_template(template, pages, elapsed);
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
    pub path: PathBuf,
    /// Pages of the site.
    pub pages: usize,
    /// Files of the site (pages included).
    pub files: usize,
    /// Nothing the site is made from changed since the last build: not even loaded.
    pub unchanged: bool,
    /// Pages rendered by this build (the others were unchanged).
    pub rendered: usize,
    /// Files written by this build, their bytes, and files deleted.
    pub written: usize,
    pub bytes: u64,
    pub deleted: usize,
    /// The site-relative paths this build wrote or deleted (`tin-tuc/index.html`),
    /// sorted: what a live preview reloads.
    pub changed: Vec<String>,
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
    /// Publishing failed after some provinces were swapped in (each whole).
    #[error("cannot write the output: {message} (published already: {})", published.join(", "))]
    PartlyPublished {
        published: Vec<String>,
        message: String,
    },
    /// Another build is writing to the same output.
    #[error("another baucu build is writing to {}", out.display())]
    Locked { out: PathBuf },
    /// A bug stopped the build (a panic, caught): nothing of it was published.
    #[error("baucu stopped on an internal error: {message}")]
    Crashed { message: String },
}

impl RunError {
    /// The error for a panic caught with [`std::panic::catch_unwind`], naming where in
    /// baucu's code it happened when [`quiet_panics`] is in place.
    pub fn crashed(payload: &(dyn std::any::Any + Send)) -> RunError {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".to_string());
        let place = LAST_PANIC
            .lock()
            .map(|place| place.clone())
            .unwrap_or_default();
        let message = match place.is_empty() {
            true => what,
            false => format!("{what} ({place})"),
        };
        RunError::Crashed { message }
    }
}

/// Where the last panic happened, for [`RunError::crashed`].
static LAST_PANIC: std::sync::Mutex<String> = std::sync::Mutex::new(String::new());

/// Replaces Rust's panic report (a thread name and a backtrace hint, for
/// programmers) with nothing: callers catch the panic and report a
/// [`RunError::Crashed`] in the user's words. Set `RUST_BACKTRACE` to keep Rust's.
pub fn quiet_panics() {
    if std::env::var_os("RUST_BACKTRACE").is_some() {
        return;
    }
    std::panic::set_hook(Box::new(|info| {
        if let (Some(place), Ok(mut last)) = (info.location(), LAST_PANIC.lock()) {
            *last = format!("{}:{}", place.file(), place.line());
        }
    }));
}

/// Everything up to the route table, shared by `check` and `build`.
pub(crate) struct Prepared {
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
/// when any error is found; each site is published only when all built.
///
/// Unless `options.clean`, the build cache of the last build (see
/// [`output::cache`]) is used: a province none of whose files changed is not loaded,
/// and in the others only pages whose inputs changed are rendered and only files
/// whose bytes changed are written. The output is the same as a clean build's.
pub fn build(options: &Options) -> Result<Report, RunError> {
    let out = options
        .out
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    let today = build_date(options);
    // Held until the build returns; the kernel frees it if the process dies.
    let _lock = output::lock::acquire(&out).map_err(|e| match e {
        output::lock::LockError::Busy { .. } => RunError::Locked { out: out.clone() },
        output::lock::LockError::Io(e) => RunError::Write(e.to_string()),
    })?;
    output::lock::sweep(&out).map_err(|e| RunError::Write(e.to_string()))?;
    let mut report = Report::default();
    let start = std::time::Instant::now();
    let selected = if options.provinces.is_empty() {
        content::province_dirs(&options.root.join("content"))
            .into_iter()
            .map(|(id, _)| id)
            .collect()
    } else {
        options.provinces.clone()
    };
    // Fingerprint the provinces side by side: each is a walk over its files.
    let fingerprints: Vec<(String, u64, Option<output::cache::CacheSummary>)> = selected
        .par_iter()
        .map(|id| {
            let summary = (!options.clean)
                .then(|| output::cache::BuildCache::load_summary(&out, id))
                .flatten();
            (id.clone(), province_inputs(options, id, today), summary)
        })
        .collect();
    let mut inputs = std::collections::HashMap::new();
    let mut changed = Vec::new();
    for (id, fingerprint, summary) in fingerprints {
        inputs.insert(id.clone(), fingerprint);
        match summary {
            Some(cache) if cache.inputs == fingerprint && out.join(&id).is_dir() => {
                report.sites.push(SiteReport {
                    path: out.join(&id),
                    province: id,
                    pages: cache.pages,
                    files: cache.files,
                    unchanged: true,
                    rendered: 0,
                    written: 0,
                    bytes: 0,
                    deleted: 0,
                    changed: Vec::new(),
                });
            }
            _ => changed.push(id),
        }
    }
    report.timings.add("find changes", start.elapsed());
    if changed.is_empty() && !selected.is_empty() {
        return Ok(report);
    }
    let unchanged_sites = std::mem::take(&mut report.sites);
    let options = Options {
        provinces: changed,
        ..options.clone()
    };
    let (prepared, mut found) = prepare(&options)?;
    found.timings.stages.splice(0..0, report.timings.stages);
    let mut report = found;
    let Some(mut prepared) = prepared else {
        return Ok(report);
    };
    if report.has_errors() {
        return Ok(report);
    }
    // Pages name images by the hash of their encoded bytes: encode them first.
    let start = std::time::Instant::now();
    for portal in &mut prepared.portals {
        if let Err(mut found) = output::images::publish_images(portal, &out, options.clean) {
            report.diagnostics.append(&mut found);
        }
    }
    report.timings.add("images", start.elapsed());
    if report.has_errors() {
        diagnostics::sort(&mut report.diagnostics);
        return Ok(report);
    }
    // Provinces are made side by side, as well as their pages: one province's
    // serial steps (its search index, its last files) overlap another's rendering.
    let jobs: Vec<site::SiteJob> = prepared
        .portals
        .iter()
        .zip(&prepared.routes)
        .map(|(portal, routes)| {
            let previous = (!options.clean)
                .then(|| output::cache::BuildCache::load(&out, &portal.id))
                .flatten()
                .filter(|c| {
                    c.templates == site::layout_fingerprint(&prepared, !options.no_precompress)
                        && out.join(&portal.id).is_dir()
                });
            site::SiteJob {
                portal,
                routes,
                out: &out,
                today,
                inputs: inputs.get(&portal.id).copied().unwrap_or_default(),
                previous,
                precompress: !options.no_precompress,
            }
        })
        .collect();
    let outcomes: Vec<(Result<site::MadeSite, site::SiteError>, Timings)> = jobs
        .into_par_iter()
        .map(|job| {
            let mut timings = Timings::default();
            (site::make(&prepared, job, &mut timings), timings)
        })
        .collect();
    let mut made = Vec::new();
    let mut failure = None;
    for ((portal, routes), (outcome, timings)) in
        prepared.portals.iter().zip(&prepared.routes).zip(outcomes)
    {
        report.timings.merge(timings);
        match outcome {
            Ok(site) => made.push((portal, routes.len(), site)),
            Err(site::SiteError::Content(mut found)) => {
                report.diagnostics.append(&mut found);
                failure.get_or_insert(None);
            }
            Err(site::SiteError::Io(e)) => {
                if !matches!(failure, Some(Some(_))) {
                    failure = Some(Some(e));
                }
            }
        }
    }
    // One province failing publishes none: the others' staged sites are thrown away.
    if let Some(io_error) = failure {
        for (_, _, site) in made {
            site.staging.discard();
        }
        return match io_error {
            Some(e) => Err(RunError::Write(e)),
            None => Ok(report),
        };
    }
    let start = std::time::Instant::now();
    let mut sites = made.into_iter();
    while let Some((portal, pages, site)) = sites.next() {
        let published = match site::publish(site, &out, &portal.id) {
            Ok(published) => published,
            Err(e) => {
                for (_, _, site) in sites {
                    site.staging.discard();
                }
                let published: Vec<String> =
                    report.sites.iter().map(|s| s.province.clone()).collect();
                return Err(match published.is_empty() {
                    true => RunError::Write(e.to_string()),
                    false => RunError::PartlyPublished {
                        published,
                        message: e.to_string(),
                    },
                });
            }
        };
        report.sites.push(SiteReport {
            province: portal.id.clone(),
            path: out.join(&portal.id),
            pages,
            files: published.files,
            unchanged: false,
            rendered: published.rendered,
            written: published.written,
            bytes: published.bytes,
            deleted: published.deleted,
            changed: published.changed,
        });
    }
    report.sites.extend(unchanged_sites);
    report.sites.sort_by(|a, b| a.province.cmp(&b.province));
    report.timings.add("publish", start.elapsed());
    Ok(report)
}

/// The fingerprint of everything a province's site is made from: its folder,
/// `_shared/`, `baucu.yaml`, the project's themes, the options and the build date.
fn province_inputs(options: &Options, province: &str, today: time::Date) -> u64 {
    let root = &options.root;
    output::cache::inputs_fingerprint(
        &[
            root.join("baucu.yaml"),
            root.join("themes"),
            root.join("content").join("_shared"),
            root.join("content").join(province),
        ],
        &[
            &today.to_string(),
            if options.drafts { "drafts" } else { "" },
            if options.no_precompress {
                "no .br/.gz"
            } else {
                ""
            },
        ],
    )
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
        files.insert(format!("/{}", output::static_asset(name, bytes).path));
    }
    files
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
