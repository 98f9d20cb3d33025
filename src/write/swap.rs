//! Publishing a site in one step: the staged folder and the published one trade
//! places with `renameat2(RENAME_EXCHANGE)`, a single atomic operation of the
//! kernel, so a reader (nginx, a CDN sync) finds at every instant the old site or
//! the new one, never a mix and never no site. A symlink switched over (`current` →
//! a release folder), as deploy tools do, is atomic too, but it changes what an
//! operator finds in `public/` and what a sync tool that does not follow links
//! uploads; a folder exchange keeps `public/<province>/` a plain folder.
//!
//! Where the exchange is not supported (not Linux, or a file system without it),
//! the published folder is renamed aside and the new one renamed in: two renames,
//! with a moment between them where the site is missing.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Puts the folder `staged` at `live`. When `live` existed, its old content is left
/// at the returned path (for the caller to delete once the new site is in place).
pub fn swap_in(staged: &Path, live: &Path, aside: &Path) -> io::Result<Option<PathBuf>> {
    if fs::symlink_metadata(live).is_err() {
        fs::rename(staged, live)?;
        return Ok(None);
    }
    match exchange(staged, live) {
        Ok(()) => Ok(Some(staged.to_path_buf())),
        Err(e) if not_supported(&e) => {
            fs::rename(live, aside)?;
            if let Err(e) = fs::rename(staged, live) {
                // Put the previous site back before reporting.
                let _ = fs::rename(aside, live);
                return Err(e);
            }
            Ok(Some(aside.to_path_buf()))
        }
        Err(e) => Err(e),
    }
}

/// The kernel or the file system has no exchange: fall back to two renames.
fn not_supported(e: &io::Error) -> bool {
    #[cfg(unix)]
    if let Some(code) = e.raw_os_error() {
        return [libc::EINVAL, libc::ENOSYS, libc::ENOTSUP].contains(&code);
    }
    e.kind() == io::ErrorKind::Unsupported
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both are NUL-terminated paths that live across the call.
    let done = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if done == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_staged_folder_takes_the_place_of_the_live_one_and_keeps_the_old() {
        let out = tempfile::tempdir().unwrap();
        let (live, staged, aside) = (
            out.path().join("p"),
            out.path().join(".staged"),
            out.path().join(".aside"),
        );
        fs::create_dir_all(&staged).unwrap();
        fs::write(staged.join("new.html"), "new").unwrap();
        assert_eq!(swap_in(&staged, &live, &aside).unwrap(), None);
        assert_eq!(fs::read(live.join("new.html")).unwrap(), b"new");

        fs::create_dir_all(&staged).unwrap();
        fs::write(staged.join("newer.html"), "newer").unwrap();
        let old = swap_in(&staged, &live, &aside)
            .unwrap()
            .expect("the old site");
        assert_eq!(fs::read(live.join("newer.html")).unwrap(), b"newer");
        assert!(!live.join("new.html").exists());
        assert_eq!(fs::read(old.join("new.html")).unwrap(), b"new");
    }
}
