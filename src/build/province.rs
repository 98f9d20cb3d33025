//! Render and write one province's site, in full or incrementally.
//!
//! A full build renders every page in parallel straight into a staging directory,
//! which [`super::publish`] swaps in once every province built. An incremental build
//! starts from the [`BuildCache`] of the last build: a page whose inputs fingerprint
//! (templates, what the language shares, the page's own view) is unchanged is not
//! rendered; a file whose bytes are unchanged is not written; files the build no
//! longer makes are deleted. It works on a staged copy of the published site (hard
//! links), swapped in the same way, so a reader never sees half of its changes.
//! Both give the same bytes: the fingerprint covers all a page is made from.

use super::prepare::Prepared;
use crate::diagnostics::Diagnostic;
use crate::hash::bytes_hash;
use crate::model::Portal;
use crate::render::pages::PageInput;
use crate::render::{self, LanguageContext};
use crate::render::{feeds, open_data};
use crate::routes::{self, Route};
use crate::write::cache::{BuildCache, CachedFile};
use crate::write::{self, Staging};
use crate::{search, timings::Timings};
use rayon::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

/// What went wrong while making a site.
pub(super) enum SiteError {
    /// A template failed on some page: reported like content errors.
    Content(Vec<Diagnostic>),
    Io(String),
}

impl From<std::io::Error> for SiteError {
    fn from(e: std::io::Error) -> Self {
        SiteError::Io(e.to_string())
    }
}

/// A site made and not yet published: staged in full, and what the build did.
pub(super) struct MadeSite {
    pub staging: Staging,
    pub cache: BuildCache,
    pub report: Published,
    /// What the national portal shows of the province.
    pub entry: crate::national::ProvinceEntry,
}

/// What an incremental build writes into and deletes from a copy of the published
/// site.
#[derive(Default)]
struct Changes {
    write: Vec<SiteFile>,
    copy: Vec<(String, PathBuf)>,
    delete: Vec<String>,
}

/// What publishing a site did.
pub(super) struct Published {
    pub rendered: usize,
    pub files: usize,
    pub written: usize,
    pub deleted: usize,
    pub bytes: u64,
    /// Paths written or deleted, sorted.
    pub changed: Vec<String>,
}

/// Where a page goes and what it is made from.
struct PageOutcome {
    path: String,
    cached: CachedFile,
    /// The page's bytes, when they must still be written.
    bytes: Option<Vec<u8>>,
    rendered: bool,
    template: &'static str,
    /// The time spent rendering it.
    elapsed: std::time::Duration,
}

/// A file of the site that is not a page: its site-relative path and bytes.
type SiteFile = (String, Vec<u8>);

/// One province to make.
pub(super) struct SiteJob<'a> {
    pub portal: &'a Portal,
    pub routes: &'a [Route],
    /// Where the sites are published.
    pub out: &'a Path,
    pub today: time::Date,
    /// The fingerprint of the province's inputs, kept in its cache.
    pub inputs: u64,
    /// The cache of the last build, for an incremental build; `None` builds in full.
    pub previous: Option<BuildCache>,
    /// Write `.br`/`.gz` copies of the text files.
    pub precompress: bool,
    /// Counts the pages made.
    pub progress: &'a indicatif::ProgressBar,
}

/// The fingerprint of what every file depends on: the templates, and whether the
/// site has precompressed copies. When it changes, the site is built in full.
pub(super) fn layout_fingerprint(prepared: &Prepared, precompress: bool) -> u64 {
    prepared.renderer.templates_fingerprint ^ u64::from(precompress)
}

/// Makes a province's site: incrementally over `job.previous` when given, else in
/// full into a staging directory.
pub(super) fn make(
    prepared: &Prepared,
    job: SiteJob,
    timings: &mut Timings,
) -> Result<MadeSite, SiteError> {
    let SiteJob {
        portal,
        routes,
        out,
        today,
        inputs,
        previous,
        precompress,
        progress,
    } = job;
    let start = std::time::Instant::now();
    let figures = crate::stats::Figures::of(portal, &prepared.election);
    let entry = crate::national::ProvinceEntry::of(portal, &prepared.election, &figures);
    timings.add("statistics", start.elapsed());
    let start = std::time::Instant::now();
    let (files, contexts) = files_and_contexts(prepared, portal, routes, &figures, today)?;
    timings.add("search index", start.elapsed());

    let staging = match previous {
        None => Some(Staging::create(out, &portal.id, precompress)?),
        Some(_) => None,
    };
    let start = std::time::Instant::now();
    let pages = render_pages(
        prepared,
        portal,
        routes,
        today,
        &contexts,
        &figures,
        previous.as_ref(),
        staging.as_ref(),
        progress,
    );
    timings.add("render", start.elapsed());
    if let Ok(pages) = &pages {
        for page in pages.iter().filter(|p| p.rendered) {
            timings.add_template(page.template, 1, page.elapsed);
        }
    }
    let pages = match pages {
        Ok(pages) => pages,
        Err(e) => {
            if let Some(staging) = staging {
                staging.discard();
            }
            return Err(e);
        }
    };
    let rendered = pages.iter().filter(|p| p.rendered).count();
    let mut cache = BuildCache {
        inputs,
        templates: layout_fingerprint(prepared, precompress),
        files: Default::default(),
    };
    let start = std::time::Instant::now();
    let result = match staging {
        Some(staging) => {
            let written = write_files(&staging, &files, portal, &mut cache).and_then(|()| {
                let finished = write::finish_site(&staging.dir, None, &staging.hashes, timings)?;
                staging.count(finished.files, finished.bytes);
                // Made while pages were written: time summed over threads.
                timings.add("compress", staging.compress_time());
                Ok(())
            });
            match written {
                Ok(()) => {
                    for page in pages {
                        cache.files.insert(page.path, page.cached);
                    }
                    let report = Published {
                        rendered,
                        files: staging.files_written(),
                        written: staging.files_written(),
                        deleted: 0,
                        bytes: staging.bytes_written(),
                        changed: cache.files.keys().cloned().collect(),
                    };
                    Ok(MadeSite {
                        staging,
                        cache,
                        report,
                        entry,
                    })
                }
                Err(e) => {
                    staging.discard();
                    Err(e)
                }
            }
        }
        None => {
            let previous = previous.unwrap_or_default();
            let mut changes = Changes::default();
            for page in pages {
                if let Some(bytes) = page.bytes {
                    changes.write.push((page.path.clone(), bytes));
                }
                cache.files.insert(page.path, page.cached);
            }
            changed_files(files, portal, &previous, &mut cache, &mut changes)?;
            changes.delete = previous
                .files
                .keys()
                .filter(|path| !cache.files.contains_key(*path))
                .cloned()
                .collect();
            // The published site stays as it is: the changes go into a copy of it.
            let staging = Staging::clone_published(out, &portal.id, precompress)?;
            let applied = apply(changes, &staging, cache.files.len(), timings);
            timings.add("compress", staging.compress_time());
            match applied {
                Ok(report) => Ok(MadeSite {
                    staging,
                    cache,
                    report: Published { rendered, ..report },
                    entry,
                }),
                Err(e) => {
                    staging.discard();
                    Err(e.into())
                }
            }
        }
    };
    timings.add("write", start.elapsed());
    result
}

/// Every file of the site that is not a page (static files, the search index, feeds,
/// sitemap, open data), and the shared context of each language's pages.
fn files_and_contexts(
    prepared: &Prepared,
    portal: &Portal,
    routes: &[Route],
    figures: &crate::stats::Figures,
    today: time::Date,
) -> Result<(Vec<SiteFile>, Vec<LanguageContext>), SiteError> {
    let election = &prepared.election;
    let (published, mut files) = theme_files(prepared);
    let level_ids: Vec<String> = election.levels.iter().map(|l| l.id.clone()).collect();
    // The languages' indexes are independent, and the feeds, sitemaps and open data
    // do not need them: make all side by side.
    let (indexes, other_files) = rayon::join(
        || {
            election
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
                .collect::<Vec<search::SearchIndex>>()
        },
        || feeds_sitemaps_and_data(prepared, portal, routes, figures),
    );
    let mut contexts = Vec::new();
    for (lang, index) in election.languages.iter().zip(indexes) {
        files.extend(index.files);
        let published = render::Published {
            search_manifest_url: index.manifest_url,
            ..published.clone()
        };
        let context = prepared
            .renderer
            .language_context(portal, election, lang, published, today)
            .map_err(|message| {
                SiteError::Content(vec![Diagnostic::error(
                    prepared.theme.origin.clone(),
                    message,
                )])
            })?;
        contexts.push(context);
    }
    files.extend(other_files);
    for (path, _) in &mut files {
        *path = relative(path);
    }
    Ok((files, contexts))
}

/// The theme's static files, and where the pages find them.
pub(super) fn theme_files(prepared: &Prepared) -> (render::Published, Vec<SiteFile>) {
    let mut files: Vec<SiteFile> = Vec::new();
    let mut published = render::Published::default();
    for (name, asset) in &prepared.static_assets {
        let (url, integrity) = (format!("/{}", asset.path), asset.integrity.clone());
        match name.as_str() {
            "style.css" => (published.css_url, published.css_integrity) = (url, integrity),
            "favicon.svg" => published.favicon_url = url,
            "search.js" => {
                (published.search_js_url, published.search_js_integrity) = (url, integrity)
            }
            "filter.js" => published.filter_js = render::view::ScriptView { url, integrity },
            _ => {}
        }
        files.push((asset.path.clone(), asset.bytes.clone()));
    }
    (published, files)
}

/// The Atom feeds, sitemaps, robots.txt and open data files of a site.
fn feeds_sitemaps_and_data(
    prepared: &Prepared,
    portal: &Portal,
    routes: &[Route],
    figures: &crate::stats::Figures,
) -> Vec<SiteFile> {
    let election = &prepared.election;
    let mut files: Vec<SiteFile> = Vec::new();
    // Atom feeds: all news, and each category, per language.
    let tr = &prepared.renderer.tr;
    for lang in &election.languages {
        let province = render::pages::loc(&portal.name, lang).text;
        let news = tr.ui(lang, "title_news");
        let all = format!("{news} · {province}");
        let feed = feeds::Feed {
            lang,
            category: None,
            title: &all,
        };
        let xml = feeds::atom_feed(portal, election, &feed);
        files.push((feed.url(election), xml.into_bytes()));
        for category in &prepared.categories {
            let name = tr.code(lang, "news_category", category).text;
            let title = format!("{news}: {name} · {province}");
            let feed = feeds::Feed {
                lang,
                category: Some(category),
                title: &title,
            };
            let xml = feeds::atom_feed(portal, election, &feed);
            files.push((feed.url(election), xml.into_bytes()));
        }
    }
    for (path, xml) in feeds::sitemaps(portal, routes) {
        files.push((path, xml.into_bytes()));
    }
    files.push((
        routes::ROBOTS.into(),
        feeds::robots_txt(portal).into_bytes(),
    ));
    let (csv, json) = open_data::candidates_csv_and_json(portal, election);
    files.push((routes::CANDIDATES_CSV.into(), csv.into_bytes()));
    files.push((routes::CANDIDATES_JSON.into(), json.into_bytes()));
    let (csv, json) = open_data::statistics_csv_and_json(&figures.rows(&portal.id, election));
    files.push((routes::STATISTICS_CSV.into(), csv.into_bytes()));
    files.push((routes::STATISTICS_JSON.into(), json.into_bytes()));
    files
}

fn relative(path: &str) -> String {
    path.trim_start_matches('/').to_string()
}

/// Renders the pages whose inputs changed since `previous` (all without one), in
/// parallel. With `staging`, each page is written there at once.
// Nine plain inputs, each used once: a struct for them would only rename them.
#[allow(clippy::too_many_arguments)]
fn render_pages(
    prepared: &Prepared,
    portal: &Portal,
    routes: &[Route],
    today: time::Date,
    contexts: &[LanguageContext],
    figures: &crate::stats::Figures,
    previous: Option<&BuildCache>,
    staging: Option<&Staging>,
    progress: &indicatif::ProgressBar,
) -> Result<Vec<PageOutcome>, SiteError> {
    let election = &prepared.election;
    let renderer = &prepared.renderer;
    let inputs: Vec<PageInput> = contexts
        .iter()
        .map(|cx| PageInput {
            portal,
            election,
            cx,
            content_root: &prepared.content_root,
            categories: &prepared.categories,
            today,
            figures,
            national: None,
        })
        .collect();
    let outcomes: Vec<Result<PageOutcome, SiteError>> = routes
        .par_iter()
        .map_init(
            || {
                contexts
                    .iter()
                    .map(|cx| renderer.shared_context(cx))
                    .collect::<Vec<_>>()
            },
            |shared, route| {
                progress.inc(1);
                let language = election
                    .languages
                    .iter()
                    .position(|l| *l == route.lang)
                    .unwrap_or(0);
                let view = renderer.view(&inputs[language], route);
                let fingerprint = contexts[language].fingerprint ^ view.fingerprint();
                let path = route.output_path();
                let before = previous.and_then(|c| c.files.get(&path)).copied();
                let template = view.template;
                if let Some(before) = before.filter(|b| b.inputs == fingerprint) {
                    return Ok(PageOutcome {
                        path,
                        cached: before,
                        bytes: None,
                        rendered: false,
                        template,
                        elapsed: Default::default(),
                    });
                }
                let start = std::time::Instant::now();
                let bytes =
                    renderer
                        .render_view(&mut shared[language], view)
                        .map_err(|message| {
                            SiteError::Content(vec![Diagnostic::error(
                                prepared.theme.origin.clone(),
                                message,
                            )])
                        })?;
                let (hash, bytes) = match staging {
                    Some(staging) => (staging.write(&path, &bytes)?, None),
                    None => {
                        let hash = bytes_hash(&bytes);
                        let unchanged = before.map(|b| b.bytes) == Some(hash);
                        (hash, (!unchanged).then_some(bytes))
                    }
                };
                let cached = CachedFile {
                    inputs: fingerprint,
                    bytes: hash,
                };
                Ok(PageOutcome {
                    path,
                    cached,
                    bytes,
                    rendered: true,
                    template,
                    elapsed: start.elapsed(),
                })
            },
        )
        .collect();
    let mut pages = Vec::with_capacity(outcomes.len());
    let mut errors = Vec::new();
    for outcome in outcomes {
        match outcome {
            Ok(page) => pages.push(page),
            Err(SiteError::Content(mut found)) => errors.append(&mut found),
            Err(e) => return Err(e),
        }
    }
    if !errors.is_empty() {
        // One broken template fails every page that uses it: ten say enough.
        errors.truncate(10);
        return Err(SiteError::Content(errors));
    }
    Ok(pages)
}

/// Writes the files that are not pages, and the portal's assets, into `staging`.
fn write_files(
    staging: &Staging,
    files: &[SiteFile],
    portal: &Portal,
    cache: &mut BuildCache,
) -> Result<(), SiteError> {
    // Side by side: a small site has thousands of these (search shards, data).
    let assets: Vec<_> = portal.assets.iter().collect();
    let written = files
        .par_iter()
        .map(|(path, bytes)| Ok((path.clone(), staging.write(path, bytes)?)))
        .chain(assets.par_iter().map(|(source, url)| {
            let path = relative(url);
            let hash = staging.copy(&path, source)?;
            Ok((path, hash))
        }))
        .collect::<std::io::Result<Vec<(String, u64)>>>()?;
    for (path, hash) in written {
        cache.files.insert(path, CachedFile::not_a_page(hash));
    }
    Ok(())
}

/// The incremental twin of [`write_files`]: the files that are not pages, and the
/// portal's assets, whose bytes differ from what `previous` recorded, go into
/// `changes`; all go into `cache`.
fn changed_files(
    files: Vec<SiteFile>,
    portal: &Portal,
    previous: &BuildCache,
    cache: &mut BuildCache,
    changes: &mut Changes,
) -> Result<(), SiteError> {
    let assets: Vec<_> = portal.assets.iter().collect();
    let assets = assets
        .par_iter()
        .map(|(source, url)| {
            let bytes = fs::read(source).map_err(|e| write::named(source, e))?;
            Ok((relative(url), bytes_hash(&bytes), *source))
        })
        .collect::<std::io::Result<Vec<_>>>()?;
    let unchanged = |path: &str, hash: u64| previous.files.get(path).map(|c| c.bytes) == Some(hash);
    let mut record = |path: String, hash: u64| {
        cache.files.insert(path, CachedFile::not_a_page(hash));
    };
    for (path, bytes) in files {
        let hash = bytes_hash(&bytes);
        if !unchanged(&path, hash) {
            changes.write.push((path.clone(), bytes));
        }
        record(path, hash);
    }
    for (path, hash, source) in assets {
        if !unchanged(&path, hash) {
            changes.copy.push((path.clone(), source.to_path_buf()));
        }
        record(path, hash);
    }
    Ok(())
}

/// Applies an incremental build's `changes` to `staging`, a copy of the published
/// site, and finishes it; `files` is the number of files of the new site.
fn apply(
    changes: Changes,
    staging: &Staging,
    files: usize,
    timings: &mut Timings,
) -> std::io::Result<Published> {
    let written: u64 = changes
        .write
        .par_iter()
        .map(|(path, bytes)| staging.write(path, bytes).map(|_| bytes.len() as u64))
        .collect::<std::io::Result<Vec<u64>>>()?
        .into_iter()
        .sum();
    for (path, source) in &changes.copy {
        staging.copy(path, source)?;
    }
    for path in &changes.delete {
        staging.remove(path)?;
    }
    let mut changed: Vec<String> = changes
        .write
        .iter()
        .map(|(path, _)| path.clone())
        .chain(changes.copy.iter().map(|(path, _)| path.clone()))
        .chain(changes.delete.iter().cloned())
        .collect();
    changed.sort();
    let finished = write::finish_site(&staging.dir, Some(&changed), &Default::default(), timings)?;
    Ok(Published {
        rendered: 0,
        files,
        written: changes.write.len() + changes.copy.len() + finished.files,
        deleted: changes.delete.len(),
        bytes: written + finished.bytes,
        changed,
    })
}
