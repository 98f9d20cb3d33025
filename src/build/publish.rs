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
    } = made;
    staging.publish()?;
    cache.save(out, province)?;
    Ok(report)
}
