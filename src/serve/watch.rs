//! Watching the project: `content/` and `themes/` recursively, and the project folder
//! itself for `baucu.yaml`. notify's debouncer (`notify-debouncer-mini`) reports a path
//! once it has been quiet for [`QUIET`], so that an editor's save that writes three
//! times gives one rebuild. baucu adds on top which provinces a change concerns
//! ([`Classifier`]), leaves out reads, the output folder and editors' scratch files,
//! and watches a `themes/` folder made after the start.

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use notify_debouncer_mini::{
    new_debouncer_opt, Config, DebounceEventResult, DebouncedEvent, DebouncedEventKind, Debouncer,
};
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

/// How long a path must be quiet before its change is reported.
pub const QUIET: Duration = Duration::from_millis(30);

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
    /// `themes/` itself changed (it was made, or made again): watch it.
    pub themes_changed: bool,
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

    /// Adds the paths of a debounced batch to `batch`; true when any of them matters.
    fn add(&self, batch: &mut Batch, events: &[DebouncedEvent]) -> bool {
        let mut matters = false;
        for event in events {
            // Still being written: the path comes again once it has been quiet.
            if event.kind != DebouncedEventKind::Any {
                continue;
            }
            let affects = self.affects(&event.path);
            matters |= affects != Affects::Nothing;
            batch.add(affects);
            if event.path.strip_prefix(&self.root).ok() == Some(Path::new("themes")) {
                batch.themes_changed = true;
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

/// The platform's watcher, passing on changes only. notify reports the files a build
/// reads as accesses (inotify's `IN_OPEN`), and the debouncer keeps no kind of event:
/// they are left out before it, or each rebuild would start the next. A file closed
/// after writing is a change.
pub struct ChangesOnly(RecommendedWatcher);

impl Watcher for ChangesOnly {
    fn new<F: notify::EventHandler>(
        mut handler: F,
        config: notify::Config,
    ) -> notify::Result<ChangesOnly> {
        let changes_only = move |event: notify::Result<notify::Event>| {
            if !matches!(&event, Ok(e) if is_read(&e.kind)) {
                handler.handle_event(event);
            }
        };
        RecommendedWatcher::new(changes_only, config).map(ChangesOnly)
    }

    fn watch(&mut self, path: &Path, recursive_mode: RecursiveMode) -> notify::Result<()> {
        self.0.watch(path, recursive_mode)
    }

    fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
        self.0.unwatch(path)
    }

    fn kind() -> notify::WatcherKind {
        RecommendedWatcher::kind()
    }
}

/// An access that changes nothing: opening, reading, closing after reading.
fn is_read(kind: &EventKind) -> bool {
    matches!(kind, EventKind::Access(access) if *access != AccessKind::Close(AccessMode::Write))
}

/// The watcher of a project; watching stops when it is dropped.
pub type ProjectWatcher = Debouncer<ChangesOnly>;

/// The debounced changes of a watcher.
pub type Events = Receiver<DebounceEventResult>;

/// Starts watching the project at `root` (canonical).
pub fn start(root: &Path) -> notify::Result<(ProjectWatcher, Events)> {
    let (tx, rx) = mpsc::channel();
    let config = Config::default().with_timeout(QUIET).with_batch_mode(true);
    let mut watcher = new_debouncer_opt::<_, ChangesOnly>(config, tx)?;
    watcher.watcher().watch(root, RecursiveMode::NonRecursive)?;
    watcher
        .watcher()
        .watch(&root.join("content"), RecursiveMode::Recursive)?;
    watch_themes(&mut watcher, root);
    Ok((watcher, rx))
}

/// Watches `themes/` when there is one (a project may use the built-in theme).
pub fn watch_themes(watcher: &mut ProjectWatcher, root: &Path) {
    let themes = root.join("themes");
    if themes.is_dir() {
        let _ = watcher.watcher().watch(&themes, RecursiveMode::Recursive);
    }
}

/// Waits for changes that matter, and adds the ones already waiting behind them
/// (saved while the last rebuild ran), for one rebuild. `None` when the watcher
/// stopped.
pub fn next_batch(events: &Events, classifier: &Classifier) -> Option<Batch> {
    let mut batch = Batch::default();
    let add = |result: DebounceEventResult, batch: &mut Batch| match result {
        Ok(changes) => classifier.add(batch, &changes),
        Err(e) => {
            eprintln!("baucu serve: watch: {e}");
            false
        }
    };
    while !add(events.recv().ok()?, &mut batch) {}
    while let Ok(result) = events.try_recv() {
        add(result, &mut batch);
    }
    Some(batch)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::time::Instant;

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

    fn changed(paths: &[(&str, DebouncedEventKind)]) -> DebounceEventResult {
        Ok(paths
            .iter()
            .map(|(path, kind)| DebouncedEvent::new(PathBuf::from(path), *kind))
            .collect())
    }

    #[test]
    fn batches_waiting_are_one_rebuild_and_noise_is_none() {
        use DebouncedEventKind::{Any, AnyContinuous};
        let c = classifier();
        let (tx, rx) = mpsc::channel();
        // Noise alone starts nothing: the output folder, a backup file, an unserved
        // province, a file still being written.
        tx.send(changed(&[
            ("/p/.baucu-serve/quang-ninh/index.html", Any),
            ("/p/content/quang-ninh/news/a.md~", Any),
            ("/p/content/ha-noi/province.yaml", Any),
            ("/p/content/da-nang/province.yaml", AnyContinuous),
        ]))
        .unwrap();
        tx.send(changed(&[("/p/content/quang-ninh/news/a.md", Any)]))
            .unwrap();
        tx.send(changed(&[("/p/content/da-nang/province.yaml", Any)]))
            .unwrap();
        let batch = next_batch(&rx, &c).unwrap();
        assert_eq!(
            batch,
            Batch {
                all: false,
                provinces: ["da-nang".to_string(), "quang-ninh".to_string()].into(),
                themes_changed: false,
            }
        );
        tx.send(changed(&[("/p/baucu.yaml", Any), ("/p/themes", Any)]))
            .unwrap();
        let batch = next_batch(&rx, &c).unwrap();
        assert!(batch.all && batch.themes_changed);
        drop(tx);
        assert_eq!(next_batch(&rx, &c), None);
    }

    /// The first batch that matters within `wait` from now.
    fn next_within(events: &Events, c: &Classifier, wait: Duration) -> Option<Batch> {
        let end = Instant::now() + wait;
        while let Some(left) = end.checked_duration_since(Instant::now()) {
            let changes = events.recv_timeout(left).ok()?.unwrap();
            let mut batch = Batch::default();
            if c.add(&mut batch, &changes) {
                return Some(batch);
            }
        }
        None
    }

    #[test]
    fn a_save_that_writes_three_times_is_one_rebuild_and_reading_is_none() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let news = root.join("content/quang-ninh/news");
        fs::create_dir_all(&news).unwrap();
        fs::write(root.join("baucu.yaml"), "x").unwrap();
        let c = Classifier {
            root: root.clone(),
            out: root.join(".baucu-serve"),
            provinces: ["quang-ninh".to_string()].into(),
        };
        let (mut watcher, events) = start(&root).unwrap();
        let long = Duration::from_secs(10);
        let settle = QUIET * 10;

        // An editor's save: make the file, write it, write it again.
        let file = news.join("a.md");
        fs::write(&file, "1").unwrap();
        fs::write(&file, "12").unwrap();
        fs::OpenOptions::new()
            .append(true)
            .open(&file)
            .and_then(|mut f| std::io::Write::write_all(&mut f, b"3"))
            .unwrap();
        let first = next_within(&events, &c, long).unwrap();
        assert_eq!(first.provinces, BTreeSet::from(["quang-ninh".to_string()]));
        assert_eq!(next_within(&events, &c, settle), None, "one rebuild");

        // What a build does to the sources: read them.
        fs::read(&file).unwrap();
        fs::read(root.join("baucu.yaml")).unwrap();
        let _ = fs::read_dir(&news).unwrap().count();
        assert_eq!(next_within(&events, &c, settle), None, "reads");

        // themes/ made after the start: watched from then on.
        fs::create_dir_all(root.join("themes")).unwrap();
        let made = next_within(&events, &c, long).unwrap();
        assert!(made.all && made.themes_changed, "{made:?}");
        watch_themes(&mut watcher, &root);
        fs::write(root.join("themes/base.html"), "x").unwrap();
        assert!(next_within(&events, &c, long).unwrap().all);
    }
}
