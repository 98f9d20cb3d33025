//! The national portal (`national:` in baucu.yaml), made beside the provinces into
//! `<out>/_national/`: from every province's entry — made by this build for the
//! provinces it built, kept by earlier builds for the others, and loaded afresh for
//! a province that has none — its pages, search index, sitemap and statistics are
//! rendered into a staging folder and swapped in like a province's site.

use super::prepare::{prepare, Prepared};
use super::province::SiteError;
use super::{Options, RunError};
use crate::diagnostics::Diagnostic;
use crate::model::{NationalSite, Portal};
use crate::national::{routes, Nation, ProvinceEntry};
use crate::render::pages::PageInput;
use crate::render::{self, feeds, open_data};
use crate::stats::Figures;
use crate::write::{self, entries, Staging};
use crate::{content, search, timings::Timings};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::Path;

/// The folder of `<out>` the national portal is published in.
pub const DIR: &str = "_national";

/// Whether this run makes the national portal when baucu.yaml declares one: a build
/// of every province does; a build of some (`--province`) only when asked.
pub(super) fn wanted(options: &Options) -> bool {
    options.provinces.is_empty() || options.national
}

/// Every province of the project, by id.
pub(super) fn all_provinces(options: &Options) -> Vec<String> {
    content::province_dirs(&options.root.join("content"))
        .into_iter()
        .map(|(id, _)| id)
        .collect()
}

/// Whether the published national portal was made from other entries than those
/// kept now (or is missing).
pub(super) fn stale(options: &Options, out: &Path) -> bool {
    !out.join(DIR).is_dir()
        || entries::made_from(out)
            != Some(entries::entries_fingerprint(out, &all_provinces(options)))
}

/// Every province's entry: those built now from `built`, the others from the cache,
/// and the ones without a usable cached entry loaded, linked and counted now.
fn gather(
    options: &Options,
    prepared: &Prepared,
    built: Vec<ProvinceEntry>,
    out: &Path,
) -> Result<Result<Vec<ProvinceEntry>, Vec<Diagnostic>>, RunError> {
    let mut by_id: HashMap<String, ProvinceEntry> =
        built.into_iter().map(|e| (e.id.clone(), e)).collect();
    let mut missing = Vec::new();
    for id in all_provinces(options) {
        if by_id.contains_key(&id) {
            continue;
        }
        match entries::load_entry(out, &id) {
            Some(entry) => {
                by_id.insert(id, entry);
            }
            None => missing.push(id),
        }
    }
    if !missing.is_empty() {
        let (loaded, report) = prepare(&Options {
            provinces: missing,
            ..options.clone()
        })?;
        if report.has_errors() {
            return Ok(Err(report.diagnostics));
        }
        for portal in loaded.iter().flat_map(|l| &l.portals) {
            let figures = Figures::of(portal, &prepared.election);
            let entry = ProvinceEntry::of(portal, &prepared.election, &figures);
            entries::save_entry(out, &entry).map_err(|e| RunError::Write(e.to_string()))?;
            by_id.insert(entry.id.clone(), entry);
        }
    }
    Ok(Ok(by_id.into_values().collect()))
}

/// Why the national portal could not be made: the run failed, or content or a
/// template has errors (reported like a province's).
pub(super) enum Failure {
    Run(RunError),
    Content(Vec<Diagnostic>),
}

/// Gathers every province's entry ([`gather`]) and makes the national portal
/// ([`make`]) into a staging folder of `out`, for `today`.
pub(super) fn gather_and_make(
    options: &Options,
    prepared: &Prepared,
    site: &NationalSite,
    built: Vec<ProvinceEntry>,
    (out, today): (&Path, time::Date),
    timings: &mut Timings,
) -> Result<MadeNational, Failure> {
    let entries = gather(options, prepared, built, out)
        .map_err(Failure::Run)?
        .map_err(Failure::Content)?;
    let nation = Nation::new(entries, &prepared.election);
    make(
        prepared,
        site,
        &nation,
        out,
        today,
        !options.no_precompress,
        timings,
    )
    .map_err(|e| match e {
        SiteError::Io(e) => Failure::Run(RunError::Write(e)),
        SiteError::Content(found) => Failure::Content(found),
    })
}

/// The national portal made and not yet published.
pub(super) struct MadeNational {
    pub staging: Staging,
    pub pages: usize,
}

/// Renders the national portal of `nation` into a staging folder.
fn make(
    prepared: &Prepared,
    site: &NationalSite,
    nation: &Nation,
    out: &Path,
    today: time::Date,
    precompress: bool,
    timings: &mut Timings,
) -> Result<MadeNational, SiteError> {
    let election = &prepared.election;
    let portal = Portal::site_only(
        DIR,
        site.name.clone(),
        &site.base_url,
        election.origin.clone(),
    );
    let routes = routes::plan(nation, &portal, election);
    let template_error = |message: String| {
        SiteError::Content(vec![Diagnostic::error(
            prepared.theme.origin.clone(),
            message,
        )])
    };
    let start = std::time::Instant::now();
    let (published, mut files) = super::province::theme_files(prepared);
    let level_ids: Vec<String> = election.levels.iter().map(|l| l.id.clone()).collect();
    let mut contexts = Vec::new();
    for lang in &election.languages {
        let docs =
            search::national_documents(nation, &portal, election, lang, &prepared.renderer.tr);
        let index = search::build_index(&docs, &format!("_search/{lang}"), &[], &level_ids);
        files.extend(index.files);
        let published = render::Published {
            search_manifest_url: index.manifest_url,
            ..published.clone()
        };
        let context = prepared
            .renderer
            .national_context(&portal, election, lang, published, today)
            .map_err(template_error)?;
        contexts.push(context);
    }
    for (path, xml) in feeds::sitemaps(&portal, &routes) {
        files.push((path, xml.into_bytes()));
    }
    files.push((
        crate::routes::ROBOTS.into(),
        feeds::robots_txt(&portal).into_bytes(),
    ));
    // The country first (`province` empty), then each province.
    let mut rows = nation.figures.rows("", election);
    for entry in &nation.provinces {
        rows.extend(entry.figures.rows(&entry.id, election));
    }
    let (csv, json) = open_data::statistics_csv_and_json(&rows);
    files.push((crate::routes::STATISTICS_CSV.into(), csv.into_bytes()));
    files.push((crate::routes::STATISTICS_JSON.into(), json.into_bytes()));
    timings.add("national: index and files", start.elapsed());

    let start = std::time::Instant::now();
    let staging = Staging::create(out, DIR, precompress)?;
    let inputs: Vec<PageInput> = contexts
        .iter()
        .map(|cx| PageInput {
            portal: &portal,
            election,
            cx,
            content_root: &prepared.content_root,
            categories: &[],
            today,
            figures: &nation.figures,
            national: Some(nation),
        })
        .collect();
    let renderer = &prepared.renderer;
    let written: Result<(), SiteError> = routes
        .par_iter()
        .map_init(
            || {
                contexts
                    .iter()
                    .map(|cx| renderer.shared_context(cx))
                    .collect::<Vec<_>>()
            },
            |shared, route| {
                let language = election
                    .languages
                    .iter()
                    .position(|l| *l == route.lang)
                    .unwrap_or(0);
                let view = renderer.view(&inputs[language], route);
                let bytes = renderer
                    .render_view(&mut shared[language], view)
                    .map_err(template_error)?;
                staging.write(&route.output_path(), &bytes)?;
                Ok(())
            },
        )
        .collect();
    let written = written.and_then(|()| {
        for (path, bytes) in &files {
            staging.write(path.trim_start_matches('/'), bytes)?;
        }
        let finished = write::finish_site(&staging.dir, None, &staging.hashes, timings)?;
        staging.count(finished.files, finished.bytes);
        Ok(())
    });
    timings.add("national: render and write", start.elapsed());
    match written {
        Ok(()) => Ok(MadeNational {
            staging,
            pages: routes.len(),
        }),
        Err(e) => {
            staging.discard();
            Err(e)
        }
    }
}
