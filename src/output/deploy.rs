//! The deploy manifest (`.baucu-manifest.json`: path, size and sha256 of every file of
//! a site, sorted by path) and `baucu diff`: what to upload and delete to turn the
//! published site into a new build, in an order that never breaks the live site.
//!
//! Order: new and changed assets (hashed files, search index, images, data) first,
//! so that no page ever points at a file not there yet; then pages; then feeds,
//! sitemaps and the other files that list pages; then deletions; then the manifest
//! itself, so that a deploy cut short leaves the old manifest and the next diff
//! repeats what was missed.

use crate::diagnostics::{tr, Localized};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::Digest;
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io;
use std::path::Path;
use std::sync::Mutex;

/// The manifest's file name, at the root of each site.
pub const MANIFEST_NAME: &str = ".baucu-manifest.json";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestEntry {
    /// Relative to the site root, with `/`: `tin-tuc/index.html`.
    pub path: String,
    pub size: u64,
    /// Lowercase hex.
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub version: u32,
    /// Every file of the site but the manifest, sorted by path.
    pub files: Vec<ManifestEntry>,
}

/// Manifest entries of files hashed as they were written, so that a full build does
/// not read its whole output back to hash it.
#[derive(Debug, Default)]
pub struct KnownHashes(Mutex<HashMap<String, ManifestEntry>>);

impl KnownHashes {
    /// Records the bytes just written at `relative` (to the site root, with `/`).
    /// Returns the bytes' SHA-256, which the build cache reuses.
    pub fn record(&self, relative: &str, bytes: &[u8]) -> [u8; 32] {
        let relative = relative.trim_start_matches('/');
        let digest = sha256(bytes);
        let entry = entry_of(relative, bytes.len(), &digest);
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(relative.to_string(), entry);
        digest
    }

    /// The manifest of a site every file of which was recorded here (which is left
    /// empty).
    fn take_manifest(&self) -> Manifest {
        let recorded = std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()));
        let mut files: Vec<ManifestEntry> = recorded
            .into_values()
            .filter(|entry| entry.path != MANIFEST_NAME)
            .collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Manifest { version: 1, files }
    }

    fn take(&self, relative: &str) -> Option<ManifestEntry> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(relative)
    }
}

impl Manifest {
    /// Hashes every file under `dir` (the manifest aside).
    pub fn of_dir(dir: &Path) -> io::Result<Manifest> {
        Self::of_dir_knowing(dir, &KnownHashes::default())
    }

    /// Every file under `dir` (the manifest aside), reading only those `known`
    /// does not have.
    fn of_dir_knowing(dir: &Path, known: &KnownHashes) -> io::Result<Manifest> {
        let mut paths = Vec::new();
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let entry = entry.map_err(io::Error::other)?;
            if !entry.file_type().is_file() {
                continue;
            }
            let relative = entry
                .path()
                .strip_prefix(dir)
                .unwrap_or(entry.path())
                .to_string_lossy()
                .replace('\\', "/");
            if relative != MANIFEST_NAME {
                paths.push((relative, entry.into_path()));
            }
        }
        let mut files = paths
            .par_iter()
            .map(|(relative, path)| {
                if let Some(entry) = known.take(relative) {
                    return Ok(entry);
                }
                let bytes = fs::read(path)
                    .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
                Ok(entry(relative, &bytes))
            })
            .collect::<io::Result<Vec<_>>>()?;
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(Manifest { version: 1, files })
    }

    /// JSON with one file per line, so that two manifests compare well as text.
    pub fn to_json(&self) -> String {
        let mut out = format!("{{\"version\":{},\"files\":[\n", self.version);
        for (i, file) in self.files.iter().enumerate() {
            out.push_str(&serde_json::to_string(file).expect("entries serialise"));
            out.push_str(if i + 1 < self.files.len() {
                ",\n"
            } else {
                "\n"
            });
        }
        out.push_str("]}\n");
        out
    }

    pub fn parse(text: &str) -> Result<Manifest, String> {
        let manifest: Manifest = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if manifest.version != 1 {
            return Err(format!("version {} is not 1", manifest.version));
        }
        Ok(manifest)
    }
}

/// Writes the manifest of a new site in `dir`, every file of which was written
/// through `known` (a clean build's staging directory): nothing is read back.
pub fn write_known_manifest(dir: &Path, known: &KnownHashes) -> io::Result<u64> {
    let json = known.take_manifest().to_json();
    super::cache::write_atomically(&dir.join(MANIFEST_NAME), json.as_bytes())?;
    Ok(json.len() as u64)
}

/// Writes the manifest of the site in `dir` into it. With `touched` (the files an
/// incremental build wrote or deleted, relative to `dir`), only those are hashed
/// again and the rest is taken from the manifest in place; without it, or when
/// that manifest cannot be read, every file is hashed.
/// Returns the bytes written: 0 when the manifest was already up to date (an
/// incremental build that changed nothing rewrites nothing).
pub fn write_manifest(
    dir: &Path,
    touched: Option<&[String]>,
    known: &KnownHashes,
) -> io::Result<u64> {
    let path = dir.join(MANIFEST_NAME);
    let old = fs::read_to_string(&path).ok();
    let previous = old.as_deref().and_then(|text| Manifest::parse(text).ok());
    let manifest = match (touched, previous) {
        (Some(touched), Some(previous)) => previous.updated(dir, touched)?,
        _ => Manifest::of_dir_knowing(dir, known)?,
    };
    let json = manifest.to_json();
    if old.as_deref() == Some(json.as_str()) {
        return Ok(0);
    }
    super::cache::write_atomically(&path, json.as_bytes())?;
    Ok(json.len() as u64)
}

impl Manifest {
    /// This manifest with the entries of `touched` (paths relative to `dir`) hashed
    /// again from the files, or dropped where the file is gone.
    fn updated(self, dir: &Path, touched: &[String]) -> io::Result<Manifest> {
        let mut files: BTreeMap<String, ManifestEntry> = self
            .files
            .into_iter()
            .map(|entry| (entry.path.clone(), entry))
            .collect();
        let hashed = touched
            .par_iter()
            .map(|relative| {
                let relative = relative.trim_start_matches('/');
                match fs::read(dir.join(relative)) {
                    Ok(bytes) => Ok((relative.to_string(), Some(entry(relative, &bytes)))),
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {
                        Ok((relative.to_string(), None))
                    }
                    Err(e) => Err(super::named(&dir.join(relative), e)),
                }
            })
            .collect::<io::Result<Vec<_>>>()?;
        for (relative, found) in hashed {
            match found {
                Some(entry) => files.insert(relative, entry),
                None => files.remove(&relative),
            };
        }
        files.remove(MANIFEST_NAME);
        Ok(Manifest {
            version: self.version,
            files: files.into_values().collect(),
        })
    }
}

/// The SHA-256 of `bytes`, as the manifest records it.
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    sha2::Sha256::digest(bytes).into()
}

fn entry(relative: &str, bytes: &[u8]) -> ManifestEntry {
    entry_of(relative, bytes.len(), &sha256(bytes))
}

fn entry_of(relative: &str, size: usize, digest: &[u8; 32]) -> ManifestEntry {
    ManifestEntry {
        path: relative.to_string(),
        size: size as u64,
        sha256: hex(digest),
    }
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        text.push(char::from(DIGITS[usize::from(b >> 4)]));
        text.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    text
}

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

    fn entry(path: &str, sha: &str) -> ManifestEntry {
        ManifestEntry {
            path: path.into(),
            size: 1,
            sha256: sha.into(),
        }
    }

    #[test]
    fn manifest_lists_every_file_sorted_with_its_hash() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("tin-tuc")).unwrap();
        fs::write(dir.path().join("tin-tuc/index.html"), "abc").unwrap();
        fs::write(dir.path().join("404.html"), "").unwrap();
        write_manifest(dir.path(), None, &KnownHashes::default()).unwrap();
        let text = fs::read_to_string(dir.path().join(MANIFEST_NAME)).unwrap();
        let manifest = Manifest::parse(&text).unwrap();
        assert_eq!(manifest, Manifest::of_dir(dir.path()).unwrap());
        let paths: Vec<&str> = manifest.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["404.html", "tin-tuc/index.html"]);
        assert_eq!(
            manifest.files[1].sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(manifest.files[1].size, 3);
        assert_eq!(text.lines().count(), 4, "one file per line:\n{text}");
    }

    #[test]
    fn a_full_manifest_takes_the_hashes_recorded_at_writing_and_reads_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path();
        fs::write(site.join("a.html"), "on disk").unwrap();
        fs::write(site.join("b.html"), "abc").unwrap();
        let known = KnownHashes::default();
        // Recorded with other bytes than the file has: the record wins, so the file
        // was not read again.
        known.record("/a.html", b"written");
        write_manifest(site, None, &known).unwrap();
        let text = fs::read_to_string(site.join(MANIFEST_NAME)).unwrap();
        let manifest = Manifest::parse(&text).unwrap();
        assert_eq!(manifest.files[0], super::entry("a.html", b"written"));
        assert_eq!(manifest.files[1], super::entry("b.html", b"abc"));
    }

    #[test]
    fn a_clean_builds_manifest_is_what_was_recorded_sorted_and_reads_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path();
        // On disk with other bytes than recorded: the record is what counts.
        fs::write(site.join("b.html"), "on disk").unwrap();
        let known = KnownHashes::default();
        known.record("/b.html", b"written");
        known.record("a/index.html", b"abc");
        known.record(MANIFEST_NAME, b"an old manifest is never listed");
        assert!(write_known_manifest(site, &known).unwrap() > 0);
        let text = fs::read_to_string(site.join(MANIFEST_NAME)).unwrap();
        let manifest = Manifest::parse(&text).unwrap();
        assert_eq!(
            manifest.files,
            [
                super::entry("a/index.html", b"abc"),
                super::entry("b.html", b"written")
            ]
        );
    }

    #[test]
    fn an_incremental_manifest_hashes_again_only_what_was_touched() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path();
        fs::create_dir_all(site.join("tin-tuc")).unwrap();
        for name in ["a.html", "b.html", "tin-tuc/index.html"] {
            fs::write(site.join(name), name).unwrap();
        }
        write_manifest(site, None, &KnownHashes::default()).unwrap();
        fs::write(site.join("a.html"), "edited").unwrap();
        fs::remove_file(site.join("b.html")).unwrap();
        fs::write(site.join("c.html"), "new").unwrap();
        let touched = ["a.html", "/b.html", "c.html", "c.html.br"].map(String::from);
        assert!(write_manifest(site, Some(&touched), &KnownHashes::default()).unwrap() > 0);
        let text = fs::read_to_string(site.join(MANIFEST_NAME)).unwrap();
        assert_eq!(
            Manifest::parse(&text).unwrap(),
            Manifest::of_dir(site).unwrap()
        );
        // Nothing touched: nothing written.
        assert_eq!(
            write_manifest(site, Some(&[]), &KnownHashes::default()).unwrap(),
            0
        );
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
