//! The build cache: what the last successful build of a province wrote, so that the
//! next build renders only the pages whose inputs changed and rewrites only the files
//! whose bytes changed.
//!
//! It lives in `<out>/.baucu-cache/<province>`, beside the published sites (never
//! inside one, so it is not deployed). One line per file: the fingerprint of what the
//! file was made from (0 when it is not a page), the hash of its bytes, and its path.
//! The first lines hold the format version and the fingerprint of the province's
//! inputs: when they are unchanged, the province is not even loaded.

use crate::hash::Fnv1a;
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

// 3: the bytes hash became the first 8 bytes of the SHA-256 (it was FNV-1a).
const HEADER: &str = "baucu-cache 3";

/// What the cache remembers of one file of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CachedFile {
    /// The fingerprint of the inputs of a page (0 for other files).
    pub inputs: u64,
    /// The bytes written, hashed by [`bytes_hash`].
    pub bytes: u64,
}

impl CachedFile {
    /// A file that is not a page (search shard, feed, asset): it has no inputs
    /// fingerprint, only its bytes.
    pub fn not_a_page(bytes: u64) -> CachedFile {
        CachedFile { inputs: 0, bytes }
    }
}

/// The files of one province's last build.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BuildCache {
    /// The fingerprint of every input file of the province (see [`inputs_fingerprint`]).
    pub inputs: u64,
    /// The fingerprint of the templates and output options: when it changes, every
    /// page may, and the site is built in full.
    pub templates: u64,
    /// Site-relative path (`tin-tuc/index.html`) → what was written there.
    pub files: BTreeMap<String, CachedFile>,
}

/// The head of a cache: enough to tell that a province is unchanged, and what its
/// site holds, without reading the line of every file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CacheSummary {
    pub inputs: u64,
    pub pages: usize,
    pub files: usize,
}

impl BuildCache {
    pub fn path(out: &Path, province: &str) -> PathBuf {
        out.join(".baucu-cache").join(province)
    }

    /// The head of the cache of `province` (see [`CacheSummary`]).
    pub fn load_summary(out: &Path, province: &str) -> Option<CacheSummary> {
        use std::io::BufRead;
        let file = fs::File::open(Self::path(out, province)).ok()?;
        let mut lines = io::BufReader::new(file).lines();
        if lines.next()?.ok()? != HEADER {
            return None;
        }
        let inputs = u64::from_str_radix(lines.next()?.ok()?.strip_prefix("inputs ")?, 16).ok()?;
        lines.next()?.ok()?;
        let counts = lines.next()?.ok()?;
        let (pages, files) = counts.strip_prefix("pages ")?.split_once(" files ")?;
        Some(CacheSummary {
            inputs,
            pages: pages.parse().ok()?,
            files: files.parse().ok()?,
        })
    }

    /// The cache of `province`, or `None` when there is none or it cannot be read (a
    /// missing or damaged cache only means a full build).
    pub fn load(out: &Path, province: &str) -> Option<BuildCache> {
        let text = fs::read_to_string(Self::path(out, province)).ok()?;
        let mut lines = text.lines();
        if lines.next()? != HEADER {
            return None;
        }
        let inputs = u64::from_str_radix(lines.next()?.strip_prefix("inputs ")?, 16).ok()?;
        let templates = u64::from_str_radix(lines.next()?.strip_prefix("templates ")?, 16).ok()?;
        lines.next()?.strip_prefix("pages ")?;
        let mut files = BTreeMap::new();
        for line in lines {
            let mut parts = line.splitn(3, ' ');
            let page = u64::from_str_radix(parts.next()?, 16).ok()?;
            let bytes = u64::from_str_radix(parts.next()?, 16).ok()?;
            let path = parts.next()?.to_string();
            files.insert(
                path,
                CachedFile {
                    inputs: page,
                    bytes,
                },
            );
        }
        Some(BuildCache {
            inputs,
            templates,
            files,
        })
    }

    /// Writes the cache (through a temporary file, so a crash leaves the old one or
    /// none, never half of one).
    pub fn save(&self, out: &Path, province: &str) -> io::Result<()> {
        let path = Self::path(out, province);
        let mut text = String::with_capacity(64 + self.files.len() * 64);
        text.push_str(HEADER);
        let pages = self.files.keys().filter(|p| p.ends_with(".html")).count();
        text.push_str(&format!(
            "\ninputs {:016x}\ntemplates {:016x}\npages {pages} files {}\n",
            self.inputs,
            self.templates,
            self.files.len()
        ));
        for (file, cached) in &self.files {
            text.push_str(&format!(
                "{:016x} {:016x} {file}\n",
                cached.inputs, cached.bytes
            ));
        }
        write_atomically(&path, text.as_bytes())
    }

    /// Forgets the cache of `province` (before a build that may leave the site
    /// different from what the cache says).
    pub fn remove(out: &Path, province: &str) -> io::Result<()> {
        match fs::remove_file(Self::path(out, province)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

/// Writes `bytes` to `path` through a temporary file renamed into place: a reader
/// (a web server, a CDN sync) sees the old file or the new one, never a part.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| super::named(parent, e))?;
    }
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(super::lock::TEMPORARY_SUFFIX);
    let temporary = PathBuf::from(temporary);
    fs::write(&temporary, bytes).map_err(|e| super::named(&temporary, e))?;
    fs::rename(&temporary, path).map_err(|e| super::named(path, e))
}

/// A fingerprint of the files under each of `paths` (files or folders): their
/// names, sizes and modification times, plus `extra` (the options and the build date).
/// Any saved edit, added, removed or renamed file changes it. Contents are not read:
/// a whole national project is fingerprinted in milliseconds.
pub fn inputs_fingerprint(paths: &[PathBuf], extra: &[&str]) -> u64 {
    let mut hasher = Fnv1a::default();
    hasher.write_bytes(env!("CARGO_PKG_VERSION").as_bytes());
    for value in extra {
        hasher.write_bytes(value.as_bytes());
        hasher.write_bytes(&[0]);
    }
    for root in paths {
        hasher.write_bytes(root.to_string_lossy().as_bytes());
        for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
            let Ok(entry) = entry else {
                hasher.write_bytes(b"?");
                continue;
            };
            let Ok(meta) = entry.metadata() else {
                continue;
            };
            hasher.write_bytes(entry.path().to_string_lossy().as_bytes());
            hasher.write_bytes(&[0]);
            if meta.is_file() {
                hasher.write_bytes(&meta.len().to_le_bytes());
                let modified = meta
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                    .map(|d| d.as_nanos())
                    .unwrap_or_default();
                hasher.write_bytes(&modified.to_le_bytes());
            }
        }
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_round_trips() {
        let out = tempfile::tempdir().unwrap();
        let mut cache = BuildCache {
            inputs: 0xabc,
            ..Default::default()
        };
        cache.files.insert(
            "tin-tuc/a b/index.html".into(),
            CachedFile {
                inputs: 1,
                bytes: u64::MAX,
            },
        );
        cache.files.insert(
            "du-lieu/ung-cu-vien.csv".into(),
            CachedFile {
                inputs: 0,
                bytes: 2,
            },
        );
        cache.save(out.path(), "p").unwrap();
        assert_eq!(BuildCache::load(out.path(), "p"), Some(cache));
        assert_eq!(
            BuildCache::load_summary(out.path(), "p"),
            Some(CacheSummary {
                inputs: 0xabc,
                pages: 1,
                files: 2
            })
        );
        BuildCache::remove(out.path(), "p").unwrap();
        assert_eq!(BuildCache::load(out.path(), "p"), None);
    }

    #[test]
    fn a_damaged_cache_is_no_cache() {
        let out = tempfile::tempdir().unwrap();
        let path = BuildCache::path(out.path(), "p");
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, "baucu-cache 1\ninputs zz\n").unwrap();
        assert_eq!(BuildCache::load(out.path(), "p"), None);
    }

    #[test]
    fn fingerprint_follows_edits_additions_and_removals() {
        let dir = tempfile::tempdir().unwrap();
        let roots = [dir.path().to_path_buf()];
        fs::write(dir.path().join("a.md"), "one").unwrap();
        let first = inputs_fingerprint(&roots, &["x"]);
        assert_eq!(first, inputs_fingerprint(&roots, &["x"]));
        assert_ne!(first, inputs_fingerprint(&roots, &["y"]), "options count");
        fs::write(dir.path().join("a.md"), "one more").unwrap();
        let edited = inputs_fingerprint(&roots, &["x"]);
        assert_ne!(first, edited);
        fs::write(dir.path().join("b.md"), "").unwrap();
        let added = inputs_fingerprint(&roots, &["x"]);
        assert_ne!(edited, added);
        fs::remove_file(dir.path().join("b.md")).unwrap();
        assert_eq!(edited, inputs_fingerprint(&roots, &["x"]));
    }
}
