//! Watching the project (notify): `content/` and `themes/` recursively, and the project
//! folder itself for `baucu.yaml`. Events are gathered until the files have been quiet
//! for a moment, so that an editor's save that writes three times gives one rebuild,
//! and each batch says which provinces to rebuild.

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How long the files must be quiet before a rebuild starts.
pub const QUIET: Duration = Duration::from_millis(30);
/// The longest a batch waits for quiet: a long stream of changes (a `git checkout`)
/// still gives a rebuild now and then.
pub const MAX_WAIT: Duration = Duration::from_secs(1);

/// What a change of one path calls for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Affects {
    /// Every province served (`baucu.yaml`, `themes/`, `content/_shared/`).
    All,
    Province(String),
    /// Nothing: the output folder, editor backup files, unserved provinces…
    Nothing,
}

/// The provinces a batch of changes calls to rebuild.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Batch {
    pub all: bool,
    pub provinces: BTreeSet<String>,
    /// `themes/` appeared: it must be watched too.
    pub themes_created: bool,
}

impl Batch {
    fn add(&mut self, affects: Affects) {
        match affects {
            Affects::All => self.all = true,
            Affects::Province(p) => {
                self.provinces.insert(p);
            }
            Affects::Nothing => {}
        }
    }
}

/// Tells what a changed path calls for.
pub struct Classifier {
    /// The project folder and the output folder, canonical.
    pub root: PathBuf,
    pub out: PathBuf,
    /// The provinces served.
    pub provinces: BTreeSet<String>,
}

impl Classifier {
    pub fn affects(&self, path: &Path) -> Affects {
        if path.starts_with(&self.out) || is_scratch_file(path) {
            return Affects::Nothing;
        }
        let Ok(relative) = path.strip_prefix(&self.root) else {
            return Affects::Nothing;
        };
        let parts: Vec<&str> = relative
            .components()
            .filter_map(|c| match c {
                Component::Normal(name) => name.to_str(),
                _ => None,
            })
            .collect();
        match parts.as_slice() {
            ["baucu.yaml"] | ["themes", ..] | ["content"] | ["content", "_shared", ..] => {
                Affects::All
            }
            ["content", province, ..] if self.provinces.contains(*province) => {
                Affects::Province(province.to_string())
            }
            _ => Affects::Nothing,
        }
    }

    /// Adds the paths of `event` to `batch`; true when any of them matters.
    fn add(&self, batch: &mut Batch, event: &notify::Event) -> bool {
        if matches!(event.kind, EventKind::Access(_)) {
            return false;
        }
        let mut matters = false;
        for path in &event.paths {
            let affects = self.affects(path);
            matters |= affects != Affects::Nothing;
            batch.add(affects);
            if matches!(event.kind, EventKind::Create(_))
                && path.strip_prefix(&self.root).ok() == Some(Path::new("themes"))
            {
                batch.themes_created = true;
            }
        }
        matters
    }
}

/// Editors' temporary and backup files: `.x.swp`, `x~`, `#x#`, vim's `4913`.
fn is_scratch_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    name.starts_with(".#")
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name == "4913"
}

/// The events of a watcher.
pub type Events = Receiver<notify::Result<notify::Event>>;

/// Starts watching the project at `root` (canonical).
pub fn start(root: &Path) -> notify::Result<(RecommendedWatcher, Events)> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = tx.send(event);
    })?;
    watcher.watch(root, RecursiveMode::NonRecursive)?;
    watcher.watch(&root.join("content"), RecursiveMode::Recursive)?;
    watch_themes(&mut watcher, root);
    Ok((watcher, rx))
}

/// Watches `themes/` when there is one (a project may use the built-in theme).
pub fn watch_themes(watcher: &mut RecommendedWatcher, root: &Path) {
    let themes = root.join("themes");
    if themes.is_dir() {
        let _ = watcher.watch(&themes, RecursiveMode::Recursive);
    }
}

/// Waits for a change that matters, then gathers changes until the files have been
/// quiet for `quiet` (or `MAX_WAIT` passed). `None` when the watcher stopped.
pub fn next_batch(events: &Events, classifier: &Classifier, quiet: Duration) -> Option<Batch> {
    let mut batch = Batch::default();
    loop {
        match events.recv().ok()? {
            Ok(event) if classifier.add(&mut batch, &event) => break,
            Ok(_) => {}
            Err(e) => eprintln!("baucu serve: watch: {e}"),
        }
    }
    let started = Instant::now();
    let mut deadline = started + quiet;
    loop {
        let now = Instant::now();
        if now >= deadline {
            return Some(batch);
        }
        match events.recv_timeout(deadline - now) {
            Ok(Ok(event)) => {
                if classifier.add(&mut batch, &event) {
                    deadline = (Instant::now() + quiet).min(started + MAX_WAIT);
                }
            }
            Ok(Err(e)) => eprintln!("baucu serve: watch: {e}"),
            Err(RecvTimeoutError::Timeout) => return Some(batch),
            Err(RecvTimeoutError::Disconnected) => return Some(batch),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, DataChange, ModifyKind};

    fn classifier() -> Classifier {
        Classifier {
            root: PathBuf::from("/p"),
            out: PathBuf::from("/p/.baucu-serve"),
            provinces: ["quang-ninh".to_string(), "da-nang".to_string()].into(),
        }
    }

    #[test]
    fn paths_are_mapped_to_provinces() {
        let c = classifier();
        let p = |s: &str| c.affects(Path::new(s));
        assert_eq!(
            p("/p/content/quang-ninh/news/a.md"),
            Affects::Province("quang-ninh".into())
        );
        assert_eq!(p("/p/content/da-nang"), Affects::Province("da-nang".into()));
        assert_eq!(p("/p/content/_shared/faq/a.yaml"), Affects::All);
        assert_eq!(p("/p/content"), Affects::All);
        assert_eq!(p("/p/baucu.yaml"), Affects::All);
        assert_eq!(p("/p/themes/default/templates/base.html"), Affects::All);
        assert_eq!(
            p("/p/content/ha-noi/province.yaml"),
            Affects::Nothing,
            "not served"
        );
        assert_eq!(p("/p/.baucu-serve/quang-ninh/index.html"), Affects::Nothing);
        assert_eq!(p("/p/public/quang-ninh/index.html"), Affects::Nothing);
        assert_eq!(p("/p/content/quang-ninh/news/.a.md.swp"), Affects::Nothing);
        assert_eq!(p("/p/content/quang-ninh/news/a.md~"), Affects::Nothing);
        assert_eq!(p("/p/content/quang-ninh/news/4913"), Affects::Nothing);
        assert_eq!(p("/elsewhere/baucu.yaml"), Affects::Nothing);
    }

    fn modify(path: &str) -> notify::Result<notify::Event> {
        Ok(
            notify::Event::new(EventKind::Modify(ModifyKind::Data(DataChange::Any)))
                .add_path(PathBuf::from(path)),
        )
    }

    #[test]
    fn a_save_that_writes_three_times_is_one_batch() {
        let c = classifier();
        let (tx, rx) = mpsc::channel();
        let file = "/p/content/quang-ninh/news/a.md";
        tx.send(Ok(
            notify::Event::new(EventKind::Create(CreateKind::File)).add_path(PathBuf::from(file))
        ))
        .unwrap();
        tx.send(modify(file)).unwrap();
        tx.send(modify(file)).unwrap();
        // Noise before and between: the output folder, an access, a backup file.
        tx.send(modify("/p/.baucu-serve/quang-ninh/index.html"))
            .unwrap();
        tx.send(Ok(notify::Event::new(EventKind::Access(
            notify::event::AccessKind::Any,
        ))
        .add_path(PathBuf::from(file))))
            .unwrap();
        tx.send(modify("/p/content/quang-ninh/news/a.md~")).unwrap();
        let batch = next_batch(&rx, &c, QUIET).unwrap();
        assert_eq!(
            batch,
            Batch {
                all: false,
                provinces: ["quang-ninh".to_string()].into(),
                themes_created: false,
            }
        );
        // Nothing is left for a second rebuild.
        assert!(rx.try_recv().is_err());
        drop(tx);
        assert_eq!(next_batch(&rx, &c, QUIET), None);
    }

    #[test]
    fn irrelevant_changes_start_no_batch() {
        let c = classifier();
        let (tx, rx) = mpsc::channel();
        tx.send(modify("/p/.baucu-serve/da-nang/index.html"))
            .unwrap();
        tx.send(modify("/p/content/ha-noi/province.yaml")).unwrap();
        tx.send(modify("/p/baucu.yaml")).unwrap();
        tx.send(modify("/p/content/da-nang/province.yaml")).unwrap();
        let batch = next_batch(&rx, &c, QUIET).unwrap();
        assert!(batch.all);
        assert_eq!(batch.provinces, BTreeSet::from(["da-nang".to_string()]));
    }
}
