//! `baucu diff`: what to upload and delete to turn the published site into a new
//! build, from the old site's deploy manifest ([`crate::write::manifest`]) and the new
//! site, in an order that never breaks the live site.
//!
//! Order: new and changed assets (hashed files, search index, images, data) first,
//! so that no page ever points at a file not there yet; then pages; then feeds,
//! sitemaps and the other files that list pages; then deletions; then the manifest
//! itself, so that a deploy cut short leaves the old manifest and the next diff
//! repeats what was missed.

use crate::diagnostics::{tr, Localized};
use crate::write::manifest::{Manifest, ManifestEntry, MANIFEST_NAME};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Upload,
    Delete,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    pub action: Action,
    pub path: String,
    /// Bytes to upload (0 for a deletion).
    pub size: u64,
}

/// What to do, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeployPlan {
    pub steps: Vec<Step>,
}

/// When a file may go up: 0 assets, 1 pages, 2 files that list pages.
fn phase(path: &str) -> u8 {
    let base = path
        .strip_suffix(".br")
        .or_else(|| path.strip_suffix(".gz"))
        .unwrap_or(path);
    let ext = base.rsplit_once('.').map_or("", |(_, e)| e);
    if ext == "html" {
        1
    } else if matches!(ext, "xml" | "txt") || base == "_headers" {
        2
    } else {
        0
    }
}

/// The steps that turn the site of `old` into the one of `new`.
pub fn plan(old: &Manifest, new: &Manifest) -> DeployPlan {
    let before: BTreeMap<&str, &ManifestEntry> =
        old.files.iter().map(|f| (f.path.as_str(), f)).collect();
    let after: BTreeMap<&str, &ManifestEntry> =
        new.files.iter().map(|f| (f.path.as_str(), f)).collect();
    let mut uploads: Vec<&ManifestEntry> = new
        .files
        .iter()
        .filter(|f| before.get(f.path.as_str()) != Some(f))
        .collect();
    uploads.sort_by_key(|f| (phase(&f.path), f.path.as_str()));
    let mut deletions: Vec<&str> = before
        .keys()
        .copied()
        .filter(|p| !after.contains_key(p))
        .collect();
    // Pages first, then what they pointed at.
    deletions.sort_by_key(|p| (std::cmp::Reverse(phase(p)), *p));
    let mut steps: Vec<Step> = uploads
        .into_iter()
        .map(|f| Step {
            action: Action::Upload,
            path: f.path.clone(),
            size: f.size,
        })
        .collect();
    steps.extend(deletions.into_iter().map(|p| Step {
        action: Action::Delete,
        path: p.to_string(),
        size: 0,
    }));
    DeployPlan { steps }
}

/// `baucu diff OLD_MANIFEST NEW_DIR`: the plan from the site `old_manifest` describes
/// to the built site in `new_dir`, ending with the upload of `new_dir`'s manifest.
pub fn diff(old_manifest: &Path, new_dir: &Path) -> Result<DeployPlan, Localized> {
    let text = fs::read_to_string(old_manifest).map_err(|e| {
        tr!(
            "không đọc được {}: {e}",
            "cannot read {}: {e}",
            old_manifest.display()
        )
    })?;
    let old = Manifest::parse(&text).map_err(|e| {
        tr!(
            "{} không phải tệp kê khai của baucu: {e}",
            "{} is not a baucu manifest: {e}",
            old_manifest.display()
        )
    })?;
    if !new_dir.is_dir() {
        return Err(tr!(
            "{} không phải một thư mục",
            "{} is not a directory",
            new_dir.display()
        ));
    }
    let new = Manifest::of_dir(new_dir).map_err(|e| {
        tr!(
            "không đọc được {}: {e}",
            "cannot read {}: {e}",
            new_dir.display()
        )
    })?;
    let own = new_dir.join(MANIFEST_NAME);
    let own_text = fs::read_to_string(&own).ok();
    if let Some(own_text) = &own_text {
        if Manifest::parse(own_text).ok().as_ref() != Some(&new) {
            return Err(tr!(
                "{} không khớp với các tệp bên cạnh: có tệp đã bị sửa sau khi xây dựng; hãy chạy lại baucu build",
                "{} does not match the files beside it: something changed them after the build; run baucu build again",
                own.display()
            ));
        }
    }
    let mut plan = plan(&old, &new);
    if let Some(own_text) = own_text {
        if !plan.steps.is_empty() {
            plan.steps.push(Step {
                action: Action::Upload,
                path: MANIFEST_NAME.to_string(),
                size: own_text.len() as u64,
            });
        }
    }
    Ok(plan)
}

impl DeployPlan {
    pub fn uploads(&self) -> impl Iterator<Item = &Step> {
        self.steps.iter().filter(|s| s.action == Action::Upload)
    }

    pub fn deletions(&self) -> impl Iterator<Item = &Step> {
        self.steps.iter().filter(|s| s.action == Action::Delete)
    }

    /// One line per step: `upload tin-tuc/index.html`, `delete static/style.1.css`.
    pub fn human(&self) -> String {
        self.steps
            .iter()
            .map(|s| match s.action {
                Action::Upload => format!("upload {}\n", s.path),
                Action::Delete => format!("delete {}\n", s.path),
            })
            .collect()
    }

    /// `{"uploads": n, "deletions": n, "upload_bytes": n, "steps": [{action, path, size}]}`.
    pub fn json(&self) -> String {
        let value = serde_json::json!({
            "uploads": self.uploads().count(),
            "deletions": self.deletions().count(),
            "upload_bytes": self.uploads().map(|s| s.size).sum::<u64>(),
            "steps": self.steps,
        });
        serde_json::to_string_pretty(&value).expect("plans serialise")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::manifest::{write_manifest, KnownHashes};
    use std::fs;

    fn entry(path: &str, sha: &str) -> ManifestEntry {
        ManifestEntry {
            path: path.into(),
            size: 1,
            sha256: sha.into(),
        }
    }

    #[test]
    fn plan_uploads_assets_then_pages_then_lists_then_deletes() {
        let old = Manifest {
            version: 1,
            files: vec![
                entry("index.html", "1"),
                entry("sitemap.xml", "1"),
                entry("static/style.a.css", "1"),
                entry("tin-tuc/cu/index.html", "1"),
                entry("unchanged.html", "1"),
            ],
        };
        let new = Manifest {
            version: 1,
            files: vec![
                entry("_search/vi/s-ba.b.json", "2"),
                entry("index.html", "2"),
                entry("index.html.br", "2"),
                entry("sitemap.xml", "2"),
                entry("static/style.b.css", "2"),
                entry("unchanged.html", "1"),
            ],
        };
        let plan = plan(&old, &new);
        assert_eq!(
            plan.human(),
            "upload _search/vi/s-ba.b.json\nupload static/style.b.css\n\
             upload index.html\nupload index.html.br\nupload sitemap.xml\n\
             delete tin-tuc/cu/index.html\ndelete static/style.a.css\n"
        );
        let json: serde_json::Value = serde_json::from_str(&plan.json()).unwrap();
        assert_eq!(json["uploads"], 5);
        assert_eq!(json["deletions"], 2);
        assert_eq!(json["steps"][0]["action"], "upload");
        assert!(super::plan(&new, &new).steps.is_empty());
    }

    #[test]
    fn diff_names_a_bad_manifest_and_a_tampered_site() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        fs::create_dir_all(&site).unwrap();
        fs::write(site.join("index.html"), "a").unwrap();
        let bad = dir.path().join("old.json");
        fs::write(&bad, "{}").unwrap();
        let err = diff(&bad, &site).unwrap_err();
        assert!(
            err.en.contains("old.json is not a baucu manifest"),
            "{err:?}"
        );
        let missing = diff(&dir.path().join("nope.json"), &site).unwrap_err();
        assert!(missing.en.contains("nope.json"), "{missing:?}");

        write_manifest(&site, None, &KnownHashes::default()).unwrap();
        let old = dir.path().join("old-manifest.json");
        fs::write(
            &old,
            Manifest {
                version: 1,
                files: vec![],
            }
            .to_json(),
        )
        .unwrap();
        let plan = diff(&old, &site).unwrap();
        assert_eq!(
            plan.human(),
            "upload index.html\nupload .baucu-manifest.json\n"
        );
        fs::write(site.join("index.html"), "changed after the build").unwrap();
        let err = diff(&old, &site).unwrap_err();
        assert!(err.en.contains("does not match"), "{err:?}");
    }
}
