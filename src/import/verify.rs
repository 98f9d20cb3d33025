//! Before anything is written, the new file is checked with the rest of the project
//! as `baucu check` would: the province is laid out again in a temporary folder
//! beside content/ (`.baucu-import-*`, so that hard links work: a copy to /tmp on
//! another file system took 2 s of a 3.4 s import of Hà Nội), with the new file in place, and
//! checked. Errors the project did not have before are the import's: those in the
//! new file are named by the cell of the sheet they came from.

use crate::build::{check_project, Options};
use crate::diagnostics::Diagnostic;
use std::path::{Path, PathBuf};

/// The errors (and warnings) of the project with `target` (relative to `root`)
/// holding `text`, less those the project has now.
pub fn new_problems(
    root: &Path,
    province: &str,
    target: &Path,
    text: &str,
) -> Result<Vec<Diagnostic>, String> {
    let options = |root: &Path| Options {
        root: root.to_path_buf(),
        provinces: vec![province.to_string()],
        ..Options::default()
    };
    let before = check_project(&options(root)).map_err(|e| e.to_string())?;
    let temp = TempDir::new(root)?;
    let copy = temp.0.clone();
    link(&root.join("baucu.yaml"), &copy.join("baucu.yaml"))?;
    for dir in [
        PathBuf::from("themes"),
        Path::new("content").join("_shared"),
        Path::new("content").join(province),
    ] {
        if root.join(&dir).is_dir() {
            link_tree(&root.join(&dir), &copy.join(&dir), &root.join(target))?;
        }
    }
    let path = copy.join(target);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
    }
    std::fs::write(&path, text).map_err(|e| e.to_string())?;
    let after = check_project(&options(&copy)).map_err(|e| e.to_string())?;
    // Every problem in the new file is new; elsewhere, those the project had stay
    // the project's (counted, so that a second copy of one is new).
    let mut old: Vec<(PathBuf, String)> = before
        .diagnostics
        .iter()
        .filter(|d| d.file != target)
        .map(|d| (d.file.clone(), d.message.en.clone()))
        .collect();
    let mut found = Vec::new();
    for d in after.diagnostics {
        if d.file != target {
            let key = (d.file.clone(), d.message.en.clone());
            if let Some(at) = old.iter().position(|k| *k == key) {
                old.swap_remove(at);
                continue;
            }
        }
        found.push(d);
    }
    Ok(found)
}

/// A folder removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    /// A new folder `.baucu-import-<pid>-…` in `base`; those that imports killed
    /// before they could remove theirs (their process gone) are removed first.
    fn new(base: &Path) -> Result<TempDir, String> {
        sweep(base);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        for n in 0..100u32 {
            let dir = base.join(format!(".baucu-import-{}-{nanos}-{n}", std::process::id()));
            match std::fs::create_dir(&dir) {
                Ok(()) => return Ok(TempDir(dir)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(format!("{}: {e}", dir.display())),
            }
        }
        Err("no temporary folder could be made".into())
    }
}

/// Removes the temporary folders of imports whose process is gone.
fn sweep(base: &Path) {
    let Ok(entries) = std::fs::read_dir(base) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix(".baucu-import-")
            .and_then(|rest| rest.split('-').next())
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        let alive = Path::new("/proc").join(pid.to_string()).exists();
        if !alive && entry.file_type().is_ok_and(|t| t.is_dir()) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A hard link to `from` at `to`, or a copy where links cannot be made.
fn link(from: &Path, to: &Path) -> Result<(), String> {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
    }
    if std::fs::hard_link(from, to).is_ok() {
        return Ok(());
    }
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("{}: {e}", from.display()))
}

/// Links every file under `from` into `to`, but `skip`.
fn link_tree(from: &Path, to: &Path, skip: &Path) -> Result<(), String> {
    for entry in walkdir::WalkDir::new(from).into_iter().flatten() {
        let relative = entry.path().strip_prefix(from).unwrap_or(entry.path());
        let target = to.join(relative);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).map_err(|e| e.to_string())?;
        } else if entry.file_type().is_file() && entry.path() != skip {
            link(entry.path(), &target)?;
        }
    }
    Ok(())
}
