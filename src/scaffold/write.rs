//! Writing a new project, or a new province into a project, all or nothing: the files
//! go into a staging folder inside the project folder, which is renamed into place at
//! the end; on any failure everything written (and any folder made) is removed.

use super::error::NewError;
use super::files::Planned;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// What the project folder holds before anything is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// No folder yet: it is made.
    Nothing,
    /// An empty folder (hidden entries such as `.git` aside).
    Empty,
    /// A project: it has a `baucu.yaml`.
    Project,
}

/// Looks at the project folder without changing anything.
pub fn inspect(dir: &Path) -> Result<Found, NewError> {
    let io_error = |error: io::Error| NewError::Io {
        path: dir.to_path_buf(),
        error: error.to_string(),
    };
    match fs::metadata(dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Found::Nothing),
        Err(e) => return Err(io_error(e)),
        Ok(m) if !m.is_dir() => {
            return Err(NewError::NotAFolder {
                dir: dir.to_path_buf(),
            })
        }
        Ok(_) => {}
    }
    if fs::symlink_metadata(dir.join("baucu.yaml")).is_ok() {
        return Ok(Found::Project);
    }
    let mut entries = fs::read_dir(dir).map_err(io_error)?;
    let visible = entries.try_fold(false, |seen, entry| {
        let entry = entry?;
        Ok::<bool, io::Error>(seen || !entry.file_name().to_string_lossy().starts_with('.'))
    });
    match visible.map_err(io_error)? {
        false => Ok(Found::Empty),
        true => Err(NewError::NotAProject {
            dir: dir.to_path_buf(),
        }),
    }
}

/// Writes `files` (paths relative to `dir`) into a staging folder inside `dir`, then
/// renames each of `moves` (relative to `dir` too: `content`, `baucu.yaml`, or
/// `content/<province>`) from there into place, in order. On failure, removes
/// everything it made.
pub fn write_all(dir: &Path, files: &[Planned], moves: &[PathBuf]) -> Result<(), NewError> {
    let mut undo = Undo::default();
    let result = write_with(dir, files, moves, &mut undo);
    if result.is_err() {
        undo.run();
    }
    result
}

fn write_with(
    dir: &Path,
    files: &[Planned],
    moves: &[PathBuf],
    undo: &mut Undo,
) -> Result<(), NewError> {
    let fail = |path: &Path| {
        let path = path.to_path_buf();
        move |error: io::Error| NewError::Io {
            path,
            error: error.to_string(),
        }
    };
    if !dir.exists() {
        let first_missing = dir
            .ancestors()
            .take_while(|a| !a.as_os_str().is_empty() && !a.exists())
            .last()
            .unwrap_or(dir)
            .to_path_buf();
        fs::create_dir_all(dir).map_err(fail(dir))?;
        undo.folders.push(first_missing);
    }
    let staging = dir.join(format!(".baucu-new-{}", std::process::id()));
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(fail(&staging))?;
    }
    fs::create_dir(&staging).map_err(fail(&staging))?;
    undo.folders.push(staging.clone());
    for file in files {
        let path = staging.join(&file.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(fail(parent))?;
        }
        fs::write(&path, &file.text).map_err(fail(&dir.join(&file.path)))?;
    }
    for entry in moves {
        let target = dir.join(entry);
        if let Some(parent) = target.parent() {
            if !parent.exists() {
                fs::create_dir_all(parent).map_err(fail(parent))?;
                undo.folders.insert(0, parent.to_path_buf());
            }
        }
        // Checked when the command started; checked again in case someone was quicker
        // (a folder renamed onto an empty one would replace it).
        if fs::symlink_metadata(&target).is_ok() {
            return Err(fail(&target)(io::ErrorKind::AlreadyExists.into()));
        }
        fs::rename(staging.join(entry), &target).map_err(fail(&target))?;
        undo.moved.push(target);
    }
    fs::remove_dir_all(&staging).map_err(fail(&staging))?;
    undo.folders.retain(|f| f != &staging);
    Ok(())
}

/// What a failed write removes: the entries moved into place, the staging folder and
/// the folders made for the project.
#[derive(Default)]
struct Undo {
    moved: Vec<PathBuf>,
    folders: Vec<PathBuf>,
}

impl Undo {
    fn run(self) {
        for path in self.moved.iter().rev() {
            let _ = match fs::symlink_metadata(path) {
                Ok(m) if m.is_dir() => fs::remove_dir_all(path),
                _ => fs::remove_file(path),
            };
        }
        for folder in self.folders.iter().rev() {
            let _ = fs::remove_dir_all(folder);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str) -> Planned {
        Planned {
            path: PathBuf::from(path),
            text: "x: 1\n".into(),
        }
    }

    fn temp(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("baucu-scaffold-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn a_folder_is_new_empty_a_project_or_refused() {
        let dir = temp("inspect");
        assert_eq!(inspect(&dir).unwrap(), Found::Nothing);
        fs::create_dir_all(dir.join(".git")).unwrap();
        assert_eq!(inspect(&dir).unwrap(), Found::Empty);
        fs::write(dir.join("notes.txt"), "").unwrap();
        assert!(matches!(inspect(&dir), Err(NewError::NotAProject { .. })));
        fs::write(dir.join("baucu.yaml"), "").unwrap();
        assert_eq!(inspect(&dir).unwrap(), Found::Project);
        assert!(matches!(
            inspect(&dir.join("notes.txt")),
            Err(NewError::NotAFolder { .. })
        ));
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_failed_write_leaves_nothing_behind() {
        let dir = temp("undo");
        let project = dir.join("a/b");
        // The project folder cannot be made: its parent is a file.
        fs::create_dir_all(&dir).unwrap();
        let files = [file("content/x/province.yaml"), file("baucu.yaml")];
        fs::write(dir.join("a"), "a file where a folder should be").unwrap();
        assert!(write_all(&project, &files, &[PathBuf::from("content")]).is_err());
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1, "only the file");
        fs::remove_file(dir.join("a")).unwrap();
        // A move that finds its target taken: the first move is undone too.
        fs::create_dir_all(&project).unwrap();
        fs::write(project.join("baucu.yaml"), "old").unwrap();
        let moves = [PathBuf::from("content"), PathBuf::from("baucu.yaml")];
        assert!(matches!(
            write_all(&project, &files, &moves),
            Err(NewError::Io { .. })
        ));
        let left: Vec<_> = fs::read_dir(&project)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left, ["baucu.yaml"]);
        assert_eq!(
            fs::read_to_string(project.join("baucu.yaml")).unwrap(),
            "old"
        );
        // And one that succeeds.
        fs::remove_file(project.join("baucu.yaml")).unwrap();
        write_all(&project, &files, &moves).unwrap();
        let mut left: Vec<_> = fs::read_dir(&project)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        left.sort();
        assert_eq!(left, ["baucu.yaml", "content"]);
        assert!(project.join("content/x/province.yaml").is_file());
        fs::remove_dir_all(&dir).unwrap();
    }
}
