//! The deploy manifest (`.baucu-manifest.json`: path, size and sha256 of every file of
//! a site, sorted by path), written last into each site so that it lists every file;
//! `baucu diff` ([`crate::deploy`]) compares two of them.

use crate::hash::sha256;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
