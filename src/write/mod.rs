//! Stage 5, write: each province's site is written into a staging directory beside
//! its destination and swapped in ([`swap`]) only when every province built, so a
//! failed build leaves the previous output as it was. An incremental build stages
//! too: a copy of the published site made of hard links, in which only the changed
//! files are replaced. Each text file's precompressed copies are made as it is
//! written ([`compress`]). [`finish_site`] ends each site: `_headers`, and the deploy
//! manifest. [`lock`] keeps one build at a time per output.

pub mod cache;
mod compress;
pub mod entries;
mod headers;
pub mod lock;
pub mod manifest;
pub mod swap;

pub use compress::{
    brotli, gzip, is_text, wants_copies, CompressStats, BROTLI_MIN_BYTES, MIN_BYTES,
};
pub use headers::headers_file;

/// What [`finish_site`] wrote.
#[derive(Debug, Default, Clone, Copy)]
pub struct Finished {
    pub files: usize,
    pub bytes: u64,
}

/// Ends a site in `dir` once its pages and files (and their copies) are in place:
/// `_headers`, then the deploy manifest, last, so that it lists every file (stage
/// `manifest`). `changed` lists what an incremental build wrote or deleted. Without
/// it (a clean build into a new staging directory), every file of `dir` is one
/// `known` recorded as it was written: the manifest is made from those alone.
pub fn finish_site(
    dir: &Path,
    changed: Option<&[String]>,
    known: &manifest::KnownHashes,
    timings: &mut crate::timings::Timings,
) -> io::Result<Finished> {
    let mut finished = Finished::default();
    let start = std::time::Instant::now();
    let headers = headers_file(dir)?;
    let headers_path = dir.join("_headers");
    let headers_changed = fs::read(&headers_path).ok().as_deref() != Some(headers.as_bytes());
    if headers_changed {
        cache::write_atomically(&headers_path, headers.as_bytes())?;
        known.record("_headers", headers.as_bytes());
        finished.files += 1;
        finished.bytes += headers.len() as u64;
    }
    timings.add("write", start.elapsed());

    let start = std::time::Instant::now();
    // An incremental build hashes again only what it touched: the files written
    // or deleted, their compressed copies and `_headers`.
    let touched: Option<Vec<String>> = changed.map(|paths| {
        let mut touched = Vec::with_capacity(3 * paths.len() + 3);
        for path in paths.iter().map(String::as_str).chain(["_headers"]) {
            let path = path.trim_start_matches('/');
            touched.push(path.to_string());
            touched.push(format!("{path}.br"));
            touched.push(format!("{path}.gz"));
        }
        touched
    });
    let written = match touched {
        None => manifest::write_known_manifest(dir, known)?,
        Some(touched) => manifest::write_manifest(dir, Some(&touched), known)?,
    };
    if written > 0 {
        finished.bytes += written;
        finished.files += 1;
    }
    timings.add("manifest", start.elapsed());
    Ok(finished)
}

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

/// A province's site being written, not yet published. Pages are written from many
/// threads at once.
pub struct Staging {
    pub province: String,
    pub dir: PathBuf,
    destination: PathBuf,
    files_written: AtomicUsize,
    bytes_written: AtomicU64,
    /// What was written, hashed for the deploy manifest.
    pub hashes: manifest::KnownHashes,
    /// The files are hard links to the published site's: each is replaced (a new
    /// file), never written into, which would change the published one too.
    linked: bool,
    /// Write `.br`/`.gz` copies of the text files as they are written.
    precompress: bool,
    /// The copies written.
    pub compressed: CompressStats,
}

/// The staging folder of `province` in `out_dir` (swept by [`lock::sweep`] when a
/// build died before publishing it).
fn staging_dir(out_dir: &Path, province: &str) -> PathBuf {
    out_dir.join(format!(
        "{}{province}-{}",
        lock::STAGING_PREFIX,
        std::process::id()
    ))
}

impl Staging {
    /// Creates an empty staging directory for `province` inside `out_dir`; with
    /// `precompress`, text files get `.br`/`.gz` copies as they are written.
    pub fn create(out_dir: &Path, province: &str, precompress: bool) -> io::Result<Staging> {
        fs::create_dir_all(out_dir)?;
        let dir = staging_dir(out_dir, province);
        if dir.exists() {
            fs::remove_dir_all(&dir)?;
        }
        fs::create_dir_all(&dir)?;
        Ok(Staging {
            province: province.to_string(),
            dir,
            destination: out_dir.join(province),
            files_written: AtomicUsize::new(0),
            bytes_written: AtomicU64::new(0),
            hashes: Default::default(),
            linked: false,
            precompress,
            compressed: Default::default(),
        })
    }

    /// A staging directory holding the published site of `province` as it is: its
    /// folders made anew, each file a hard link to the published one (a copy where
    /// the file system has no hard links). An incremental build changes it and
    /// publishes it whole, as a full build does.
    pub fn clone_published(
        out_dir: &Path,
        province: &str,
        precompress: bool,
    ) -> io::Result<Staging> {
        let mut staging = Staging::create(out_dir, province, precompress)?;
        staging.linked = true;
        link_tree(&out_dir.join(province), &staging.dir)?;
        Ok(staging)
    }

    pub fn files_written(&self) -> usize {
        self.files_written.load(Ordering::Relaxed)
    }

    pub fn bytes_written(&self) -> u64 {
        self.bytes_written.load(Ordering::Relaxed)
    }

    /// The time spent making the copies, summed over threads.
    pub fn compress_time(&self) -> Duration {
        Duration::from_nanos(self.compressed.nanos.load(Ordering::Relaxed))
    }

    /// Counts files written into the staging directory by other means.
    pub fn count(&self, files: usize, bytes: u64) {
        self.files_written.fetch_add(files, Ordering::Relaxed);
        self.bytes_written.fetch_add(bytes, Ordering::Relaxed);
    }

    /// Writes a file at a site-relative path; returns its [`cache::bytes_hash`].
    pub fn write(&self, relative: &str, bytes: &[u8]) -> io::Result<u64> {
        let path = self.path_of(relative)?;
        if relative.ends_with("/index.html") {
            // A page is alone in a folder of its own: make the folder first rather
            // than fail a write for each page.
            if let Some(parent) = path.parent() {
                make_dir(parent)?;
            }
        }
        if self.linked {
            remove_if_there(&path)?;
        }
        if let Err(e) = fs::write(&path, bytes) {
            // Other files often share a folder: create it only when missing.
            match path.parent() {
                Some(parent) if e.kind() == io::ErrorKind::NotFound => {
                    fs::create_dir_all(parent).map_err(|e| named(parent, e))?;
                    fs::write(&path, bytes).map_err(|e| named(&path, e))?;
                }
                _ => return Err(named(&path, e)),
            }
        }
        let digest = self.hashes.record(relative, bytes);
        self.files_written.fetch_add(1, Ordering::Relaxed);
        self.bytes_written
            .fetch_add(bytes.len() as u64, Ordering::Relaxed);
        self.write_copies(relative, &path, bytes)?;
        Ok(crate::hash::bytes_hash_of(&digest))
    }

    /// The `.br`/`.gz` copies of a file just written, from its bytes in memory,
    /// recorded for the manifest like the file.
    fn write_copies(&self, relative: &str, path: &Path, bytes: &[u8]) -> io::Result<()> {
        if !self.precompress {
            return Ok(());
        }
        let written = compress::write_copies(path, bytes, self.linked, &self.compressed)
            .map_err(|e| named(path, e))?;
        if let Some(copies) = written {
            let relative = relative.trim_start_matches('/');
            if let Some(br) = &copies.br {
                self.hashes.record(&format!("{relative}.br"), br);
                self.count(1, br.len() as u64);
            }
            self.hashes.record(&format!("{relative}.gz"), &copies.gz);
            self.count(1, copies.gz.len() as u64);
        }
        Ok(())
    }

    /// Copies a source file to a site-relative path; returns its [`cache::bytes_hash`].
    pub fn copy(&self, relative: &str, source: &Path) -> io::Result<u64> {
        let path = self.path_of(relative)?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| named(parent, e))?;
        }
        // Read and written rather than copied: the manifest needs the bytes' hash.
        let bytes = fs::read(source).map_err(|e| named(source, e))?;
        if self.linked {
            remove_if_there(&path)?;
        }
        fs::write(&path, &bytes).map_err(|e| named(&path, e))?;
        let digest = self.hashes.record(relative, &bytes);
        self.bytes_written
            .fetch_add(bytes.len() as u64, Ordering::Relaxed);
        self.files_written.fetch_add(1, Ordering::Relaxed);
        self.write_copies(relative, &path, &bytes)?;
        Ok(crate::hash::bytes_hash_of(&digest))
    }

    /// Refuses any path that could leave the staging directory.
    fn path_of(&self, relative: &str) -> io::Result<PathBuf> {
        site_path(&self.dir, relative)
    }

    /// Deletes a file at a site-relative path, its copies, and the folders that
    /// leaves empty.
    pub fn remove(&self, relative: &str) -> io::Result<()> {
        let path = self.path_of(relative)?;
        remove_if_there(&path)?;
        for suffix in [".br", ".gz"] {
            let mut copy = path.clone().into_os_string();
            copy.push(suffix);
            remove_if_there(Path::new(&copy))?;
        }
        remove_empty_parents(&self.dir, &path);
        Ok(())
    }

    /// Replaces the published site with this one in one step ([`swap::swap_in`]),
    /// then deletes the old one.
    pub fn publish(self) -> io::Result<()> {
        let aside = self.dir.with_file_name(format!(
            "{}{}-{}",
            lock::OLD_PREFIX,
            self.province,
            std::process::id()
        ));
        let old = swap::swap_in(&self.dir, &self.destination, &aside)
            .map_err(|e| named(&self.destination, e))?;
        if let Some(old) = old {
            // Published already: a folder left here is swept by the next build.
            let _ = remove_tree(&old);
        }
        Ok(())
    }

    /// Throws the staging directory away (the build failed).
    pub fn discard(self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// Fills the empty folder `to` with the tree of `from`: folders made anew, files hard
/// links (copies where the file system has none). Folders side by side: a national
/// province has tens of thousands of files.
fn link_tree(from: &Path, to: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<fs::DirEntry> = fs::read_dir(from)
        .map_err(|e| named(from, e))?
        .collect::<io::Result<_>>()?;
    entries.par_iter().try_for_each(|entry| {
        let source = entry.path();
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            fs::create_dir(&target).map_err(|e| named(&target, e))?;
            link_tree(&source, &target)
        } else if entry
            .file_name()
            .to_string_lossy()
            .ends_with(lock::TEMPORARY_SUFFIX)
        {
            // Left inside the site by an older baucu that died writing it.
            Ok(())
        } else if fs::hard_link(&source, &target).is_ok() {
            Ok(())
        } else {
            fs::copy(&source, &target)
                .map(|_| ())
                .map_err(|e| named(&target, e))
        }
    })
}

/// Deletes the folder `dir` and all it holds, folders side by side.
fn remove_tree(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<fs::DirEntry> = fs::read_dir(dir)?.collect::<io::Result<_>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            remove_tree(&entry.path())
        } else {
            fs::remove_file(entry.path())
        }
    })?;
    fs::remove_dir(dir)
}

/// Deletes `path` unless it is already gone.
fn remove_if_there(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(named(path, e)),
        _ => Ok(()),
    }
}

/// Creates the folder `dir`, and its parents if they are missing too.
fn make_dir(dir: &Path) -> io::Result<()> {
    match fs::create_dir(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            fs::create_dir_all(dir).map_err(|e| named(dir, e))
        }
        Err(e) => Err(named(dir, e)),
    }
}

/// An I/O error that says which file it was about.
pub(crate) fn named(path: &Path, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

/// Removes the folders a deletion left empty, up to the site's root `dir`.
pub fn remove_empty_parents(dir: &Path, file: &Path) {
    let mut parent = file.parent();
    while let Some(d) = parent {
        if d == dir || !d.starts_with(dir) || fs::remove_dir(d).is_err() {
            break;
        }
        parent = d.parent();
    }
}

/// `dir` joined with a site-relative path, refusing any path that could leave `dir`.
pub fn site_path(dir: &Path, relative: &str) -> io::Result<PathBuf> {
    let relative = relative.trim_start_matches('/');
    let safe = Path::new(relative)
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)));
    if !safe || relative.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("unsafe output path {relative}"),
        ));
    }
    Ok(dir.join(relative))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staging_refuses_paths_that_escape() {
        let out = tempfile::tempdir().unwrap();
        let staging = Staging::create(out.path(), "p", false).unwrap();
        assert!(staging.write("../evil.html", b"x").is_err());
        assert!(staging.write("a/../../evil.html", b"x").is_err());
        staging.write("ok/index.html", b"x").unwrap();
        staging.publish().unwrap();
        assert!(out.path().join("p/ok/index.html").is_file());
        assert!(!out.path().join("evil.html").exists());
    }

    #[test]
    fn staging_makes_missing_folders_and_returns_the_hash_the_manifest_records() {
        let out = tempfile::tempdir().unwrap();
        let staging = Staging::create(out.path(), "p", false).unwrap();
        let page = b"<!doctype html><title>A</title>";
        let hash = staging.write("a/b/c/index.html", page).unwrap();
        assert_eq!(hash, crate::hash::bytes_hash(page));
        staging.write("a/b/index.html", b"parent").unwrap();
        staging.write("a/b/c/index.html", page).unwrap();
        staging.write("x/data.json", b"{}").unwrap();
        let digest = staging.hashes.record("again.html", page);
        assert_eq!(crate::hash::bytes_hash_of(&digest), hash);
        assert_eq!(
            fs::read(staging.dir.join("a/b/c/index.html")).unwrap(),
            page
        );
        assert_eq!(fs::read(staging.dir.join("x/data.json")).unwrap(), b"{}");
        assert_ne!(crate::hash::bytes_hash(b"parent"), hash);
    }

    #[test]
    fn publish_replaces_the_previous_site() {
        let out = tempfile::tempdir().unwrap();
        let first = Staging::create(out.path(), "p", false).unwrap();
        first.write("old.html", b"old").unwrap();
        first.publish().unwrap();
        let second = Staging::create(out.path(), "p", false).unwrap();
        second.write("new.html", b"new").unwrap();
        second.publish().unwrap();
        assert!(out.path().join("p/new.html").is_file());
        assert!(!out.path().join("p/old.html").exists());
        let leftovers: Vec<_> = fs::read_dir(out.path()).unwrap().flatten().collect();
        assert_eq!(leftovers.len(), 1, "only the site remains");
    }
}
