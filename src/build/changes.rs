//! Which provinces changed since the last build: each province's inputs are
//! fingerprinted and compared with the cache the last build left.

use super::{Options, SiteReport};
use crate::{content, write};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::Path;

/// The selected provinces, split by whether anything they are made from changed.
pub(super) struct Selection {
    /// Whether any province was selected at all.
    pub any: bool,
    /// Provinces to build.
    pub changed: Vec<String>,
    /// Provinces whose published site is still right, as their reports.
    pub unchanged: Vec<SiteReport>,
    /// The inputs fingerprint of every selected province, for its new cache.
    pub inputs: HashMap<String, u64>,
}

/// Fingerprints the selected provinces (all of `content/` when none is named) and
/// compares each with the cache its last build left in `out` (unless `clean`).
pub(super) fn find(options: &Options, out: &Path, today: time::Date) -> Selection {
    let selected: Vec<String> = if options.provinces.is_empty() {
        content::province_dirs(&options.root.join("content"))
            .into_iter()
            .map(|(id, _)| id)
            .collect()
    } else {
        options.provinces.clone()
    };
    // Side by side: each is a walk over its files.
    let fingerprints: Vec<(String, u64, Option<write::cache::CacheSummary>)> = selected
        .par_iter()
        .map(|id| {
            let summary = (!options.clean)
                .then(|| write::cache::BuildCache::load_summary(out, id))
                .flatten();
            (id.clone(), province_inputs(options, id, today), summary)
        })
        .collect();
    let mut selection = Selection {
        any: !selected.is_empty(),
        changed: Vec::new(),
        unchanged: Vec::new(),
        inputs: HashMap::new(),
    };
    for (id, fingerprint, summary) in fingerprints {
        selection.inputs.insert(id.clone(), fingerprint);
        match summary {
            Some(cache) if cache.inputs == fingerprint && out.join(&id).is_dir() => {
                selection.unchanged.push(SiteReport {
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
            _ => selection.changed.push(id),
        }
    }
    selection
}

/// The fingerprint of everything a province's site is made from: its folder,
/// `_shared/`, `baucu.yaml`, the project's themes, the options and the build date.
fn province_inputs(options: &Options, province: &str, today: time::Date) -> u64 {
    let root = &options.root;
    write::cache::inputs_fingerprint(
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
