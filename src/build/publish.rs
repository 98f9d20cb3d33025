//! Publishing made sites: each swapped in whole for the published one, then its
//! cache saved; one failing stops the rest, and the error says which were published.

use super::province::{MadeSite, Published};
use super::{RunError, SiteReport};
use crate::model::Portal;
use crate::write::cache::BuildCache;
use std::path::Path;

/// Publishes each made site of `made` (a portal, its page count, the site) in turn,
/// adding its report to `reports`. On a failure the sites not yet published are
/// thrown away.
pub(super) fn publish_all(
    made: Vec<(&Portal, usize, MadeSite)>,
    out: &Path,
    reports: &mut Vec<SiteReport>,
) -> Result<(), RunError> {
    let mut sites = made.into_iter();
    while let Some((portal, pages, site)) = sites.next() {
        let published = match publish(site, out, &portal.id) {
            Ok(published) => published,
            Err(e) => {
                for (_, _, site) in sites {
                    site.staging.discard();
                }
                let published: Vec<String> = reports.iter().map(|s| s.province.clone()).collect();
                return Err(match published.is_empty() {
                    true => RunError::Write(e.to_string()),
                    false => RunError::PartlyPublished {
                        published,
                        message: e.to_string(),
                    },
                });
            }
        };
        reports.push(SiteReport {
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
    Ok(())
}

/// Publishes a made site: swaps it in for the published one in one step, then saves
/// its cache.
fn publish(made: MadeSite, out: &Path, province: &str) -> std::io::Result<Published> {
    // Forget the old cache first: if this stops half-way, the next build is a full one.
    BuildCache::remove(out, province)?;
    let MadeSite {
        staging,
        cache,
        report,
        entry,
    } = made;
    staging.publish()?;
    cache.save(out, province)?;
    crate::write::entries::save_entry(out, &entry)?;
    Ok(report)
}

/// Publishes the national portal after the provinces, and records which entries it
/// was made from.
pub(super) fn publish_national(
    made: super::national::MadeNational,
    out: &Path,
    options: &super::Options,
    reports: &mut Vec<SiteReport>,
) -> Result<(), RunError> {
    let files = made.staging.files_written();
    let bytes = made.staging.bytes_written();
    let failed = |e: std::io::Error| RunError::PartlyPublished {
        published: reports.iter().map(|s| s.province.clone()).collect(),
        message: e.to_string(),
    };
    made.staging.publish().map_err(failed)?;
    let provinces = super::national::all_provinces(options);
    let fingerprint = crate::write::entries::entries_fingerprint(out, &provinces);
    crate::write::entries::save_made_from(out, fingerprint).map_err(failed)?;
    reports.push(SiteReport {
        province: super::national::DIR.to_string(),
        path: out.join(super::national::DIR),
        pages: made.pages,
        files,
        unchanged: false,
        rendered: made.pages,
        written: files,
        bytes,
        deleted: 0,
        changed: Vec::new(),
    });
    Ok(())
}
