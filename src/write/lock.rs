//! One build at a time per output folder, and no debris from the ones that died.
//!
//! A build holds an exclusive lock on the output folder itself (an advisory `flock`
//! on the open folder, released by the kernel when the process ends, however it
//! ends) from before it looks at the output until it has published. A second build
//! on the same output is refused at once, rather than racing it. No lock file is
//! written: a refused build leaves the output exactly as it was.
//!
//! Holding the lock, a build knows that any staging or set-aside folder in the
//! output (`.baucu-staging-*`, `.baucu-old-*`) or temporary cache file is left from
//! a build that was killed or failed, and removes it before it starts.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Staging folders: a site being written, not yet published.
pub const STAGING_PREFIX: &str = ".baucu-staging-";
/// A published site set aside, to be deleted once its successor is in place.
pub const OLD_PREFIX: &str = ".baucu-old-";
/// A file being written, renamed into place once complete.
pub const TEMPORARY_SUFFIX: &str = ".baucu-tmp";

/// The lock of an output folder, held until dropped.
#[derive(Debug)]
pub struct OutputLock {
    _file: fs::File,
}

/// Why the lock could not be taken.
#[derive(Debug)]
pub enum LockError {
    /// Another build holds it.
    Busy {
        path: PathBuf,
    },
    Io(io::Error),
}

/// Takes the lock of `out` (creating the folder), or says that another build has it.
pub fn acquire(out: &Path) -> Result<OutputLock, LockError> {
    fs::create_dir_all(out).map_err(|e| LockError::Io(super::named(out, e)))?;
    let file = fs::File::open(out).map_err(|e| LockError::Io(super::named(out, e)))?;
    match file.try_lock() {
        Ok(()) => Ok(OutputLock { _file: file }),
        Err(fs::TryLockError::WouldBlock) => Err(LockError::Busy {
            path: out.to_path_buf(),
        }),
        Err(fs::TryLockError::Error(e)) => Err(LockError::Io(super::named(out, e))),
    }
}

/// Removes what builds that died left in `out`: staging and set-aside folders, and
/// temporary files of the build cache. Call it holding the lock.
pub fn sweep(out: &Path) -> io::Result<usize> {
    let mut removed = 0;
    let Ok(entries) = fs::read_dir(out) else {
        return Ok(0);
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(STAGING_PREFIX) || name.starts_with(OLD_PREFIX) {
            fs::remove_dir_all(entry.path()).map_err(|e| super::named(&entry.path(), e))?;
            removed += 1;
        }
    }
    let cache = out.join(".baucu-cache");
    for entry in fs::read_dir(cache).into_iter().flatten().flatten() {
        if entry
            .file_name()
            .to_string_lossy()
            .ends_with(TEMPORARY_SUFFIX)
        {
            fs::remove_file(entry.path()).map_err(|e| super::named(&entry.path(), e))?;
            removed += 1;
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_output_is_refused_and_leaves_no_file() {
        let out = tempfile::tempdir().unwrap();
        let held = acquire(out.path()).unwrap();
        match acquire(out.path()) {
            Err(LockError::Busy { path }) => assert_eq!(path, out.path()),
            other => panic!("expected Busy, got {other:?}"),
        }
        assert_eq!(fs::read_dir(out.path()).unwrap().count(), 0);
        drop(held);
        acquire(out.path()).expect("free once the first is dropped");
    }

    #[test]
    fn sweep_removes_debris_and_keeps_the_sites() {
        let out = tempfile::tempdir().unwrap();
        for dir in [
            ".baucu-staging-p-1/a",
            ".baucu-old-p-2/b",
            "p/tin-tuc",
            ".baucu-cache",
        ] {
            fs::create_dir_all(out.path().join(dir)).unwrap();
        }
        fs::write(out.path().join(".baucu-cache/p"), "cache").unwrap();
        fs::write(out.path().join(".baucu-cache/p.baucu-tmp"), "half").unwrap();
        fs::write(out.path().join("p/index.html"), "site").unwrap();
        assert_eq!(sweep(out.path()).unwrap(), 3);
        let mut left: Vec<_> = fs::read_dir(out.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(left, [".baucu-cache", "p"]);
        assert!(out.path().join(".baucu-cache/p").is_file());
        assert!(!out.path().join(".baucu-cache/p.baucu-tmp").exists());
    }
}
