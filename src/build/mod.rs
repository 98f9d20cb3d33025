//! Orchestration, the stage above the pipeline: runs load → link and check → plan
//! routes → render → write for `build` and `check`. It is the only module that knows
//! every stage; the stages know only the ones below them.
//!
//! - [`prepare`]: load, link, check and plan (all `check` does);
//! - [`changes`]: which provinces changed since the last build;
//! - [`province`]: make one province's site in a staging folder, in full or
//!   incrementally;
//! - [`publish`]: swap each made site in for the published one;
//! - [`options`], [`report`], [`error`]: what a run is asked, what it found and did,
//!   and why it could not run.

mod changes;
mod error;
mod national;
mod options;
mod prepare;
mod progress;
mod province;
mod publish;
mod report;

pub use crate::timings::Timings;
pub use error::{quiet_panics, RunError};
pub use options::{build_date, Options};
pub use prepare::check_project;
pub use report::{Report, SiteReport};

use crate::{assets, diagnostics, write};
use rayon::prelude::*;

/// Builds every selected province into `<out>/<province>/`. Nothing is written
/// when any error is found; each site is published only when all built.
///
/// Unless `options.clean`, the build cache of the last build (see
/// [`write::cache`]) is used: a province none of whose files changed is not loaded,
/// and in the others only pages whose inputs changed are rendered and only files
/// whose bytes changed are written. The output is the same as a clean build's.
pub fn build(options: &Options) -> Result<Report, RunError> {
    let out = options
        .out
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    let today = build_date(options);
    // Held until the build returns; the kernel frees it if the process dies.
    let _lock = write::lock::acquire(&out).map_err(|e| match e {
        write::lock::LockError::Busy { .. } => RunError::Locked { out: out.clone() },
        write::lock::LockError::Io(e) => RunError::Write(e.to_string()),
    })?;
    write::lock::sweep(&out).map_err(|e| RunError::Write(e.to_string()))?;
    let start = std::time::Instant::now();
    let mut selection = changes::find(options, &out, today);
    // A national portal missing, or made from other entries than those kept now
    // (provinces were built alone since): build one province again to make it anew.
    if selection.changed.is_empty()
        && national::wanted(options)
        && national::stale(options, &out)
        && crate::content::declares_national(&options.root)
    {
        if let Some(first) = selection.unchanged.first() {
            selection.changed.push(first.province.clone());
            selection.unchanged.remove(0);
        }
    }
    let finding = start.elapsed();
    if selection.changed.is_empty() && selection.any {
        let mut report = Report {
            sites: selection.unchanged,
            ..Report::default()
        };
        report.timings.add("find changes", finding);
        return Ok(report);
    }
    let national_wanted = national::wanted(options);
    let options = Options {
        provinces: selection.changed,
        ..options.clone()
    };
    let (prepared, mut report) = prepare::prepare(&options)?;
    report.timings.stages.insert(0, ("find changes", finding));
    let Some(mut prepared) = prepared else {
        return Ok(report);
    };
    if report.has_errors() {
        return Ok(report);
    }
    // Pages name images by the hash of their encoded bytes: encode them first.
    let start = std::time::Instant::now();
    for portal in &mut prepared.portals {
        if let Err(mut found) = assets::images::publish_images(portal, &out, options.clean) {
            report.diagnostics.append(&mut found);
        }
    }
    report.timings.add("images", start.elapsed());
    if report.has_errors() {
        diagnostics::sort(&mut report.diagnostics);
        return Ok(report);
    }
    let pages = prepared.routes.iter().map(Vec::len).sum();
    let bar = progress::pages_bar(options.progress, pages);
    // Provinces are made side by side, as well as their pages: one province's
    // serial steps (its search index, its last files) overlap another's rendering.
    let jobs: Vec<province::SiteJob> = prepared
        .portals
        .iter()
        .zip(&prepared.routes)
        .map(|(portal, routes)| {
            let previous = (!options.clean)
                .then(|| write::cache::BuildCache::load(&out, &portal.id))
                .flatten()
                .filter(|c| {
                    c.templates == province::layout_fingerprint(&prepared, !options.no_precompress)
                        && out.join(&portal.id).is_dir()
                });
            province::SiteJob {
                portal,
                routes,
                out: &out,
                today,
                inputs: selection
                    .inputs
                    .get(&portal.id)
                    .copied()
                    .unwrap_or_default(),
                previous,
                precompress: !options.no_precompress,
                progress: &bar,
            }
        })
        .collect();
    let outcomes: Vec<(Result<province::MadeSite, province::SiteError>, Timings)> = jobs
        .into_par_iter()
        .map(|job| {
            let mut timings = Timings::default();
            (province::make(&prepared, job, &mut timings), timings)
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
            Err(province::SiteError::Content(mut found)) => {
                report.diagnostics.append(&mut found);
                failure.get_or_insert(None);
            }
            Err(province::SiteError::Io(e)) => {
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
    bar.finish_and_clear();
    let national_site = match &prepared.election.national {
        Some(site) if national_wanted => {
            let built = made.iter().map(|(_, _, site)| site.entry.clone()).collect();
            let mut timings = Timings::default();
            let made_national = national::gather_and_make(
                &options,
                &prepared,
                site,
                built,
                (&out, today),
                &mut timings,
            );
            report.timings.merge(timings);
            match made_national {
                Ok(made_national) => Some(made_national),
                Err(failure) => {
                    for (_, _, site) in made {
                        site.staging.discard();
                    }
                    return match failure {
                        national::Failure::Run(e) => Err(e),
                        national::Failure::Content(mut found) => {
                            report.diagnostics.append(&mut found);
                            Ok(report)
                        }
                    };
                }
            }
        }
        _ => None,
    };
    let start = std::time::Instant::now();
    publish::publish_all(made, &out, &mut report.sites)?;
    if let Some(made_national) = national_site {
        publish::publish_national(made_national, &out, &options, &mut report.sites)?;
    }
    report.sites.extend(selection.unchanged);
    report.sites.sort_by(|a, b| a.province.cmp(&b.province));
    report.timings.add("publish", start.elapsed());
    Ok(report)
}
