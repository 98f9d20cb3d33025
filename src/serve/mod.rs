//! `baucu serve`: a live preview for editors.
//!
//! It builds the selected provinces into a preview folder (never `public/`), serves
//! each province's portal on its own loopback port (pages link root-relatively, so
//! each needs a site root of its own), watches `content/`, `themes/` and `baucu.yaml`
//! ([`watch`]), rebuilds the provinces a change concerns with the incremental
//! [`crate::build`], and tells the open pages what changed ([`live`]): they reload
//! when their URL was rewritten, and show an overlay with the mistakes when a build
//! failed, while the last good output keeps being served ([`http`]).

mod files;
mod http;
pub mod live;
mod watch;

use crate::content::{self, LoadError};
use crate::diagnostics::{Diagnostic, Lang};
use crate::{Options, Report, RunError};
use live::{lock, Problem};
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Component, Path, PathBuf};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

/// What to serve and how.
#[derive(Debug, Clone, Default)]
pub struct ServeOptions {
    /// What to build: `root`, `provinces` (all when empty), `drafts`. `out` defaults
    /// to `<root>/.baucu-serve`, so that the preview never touches `public/`.
    pub build: Options,
    /// The port of the first province, the next ones on the following ports; `None`
    /// or 0: a free port for each.
    pub port: Option<u16>,
    /// The language of the error overlay.
    pub lang: Lang,
}

/// Where the outcome of each build goes (the command line prints it).
pub trait Reporter: Send + Sync + 'static {
    /// A build of `provinces` ended, with or without errors, after `elapsed`.
    fn built(&self, provinces: &[String], report: &Report, elapsed: Duration);
    /// A rebuild could not run at all (the project or a province folder is gone).
    fn failed(&self, error: &RunError);
}

/// Why serving could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Run(#[from] RunError),
    #[error("no province to serve: content/ has no province folder")]
    NoProvince,
    #[error("cannot listen on 127.0.0.1:{port}: {error}")]
    Listen { port: u32, error: std::io::Error },
    #[error("cannot create the preview folder {0}: {1}")]
    Out(PathBuf, std::io::Error),
    #[error("cannot watch the project for changes: {0}")]
    Watch(#[from] notify::Error),
    /// No thread or signal handler could be had.
    #[error("cannot start the preview: {0}")]
    System(std::io::Error),
}

/// One portal being served.
pub(crate) struct Site {
    province: String,
    /// `<out>/<province>`.
    dir: PathBuf,
    lang: Lang,
    hub: live::Hub,
    /// The mistakes of the last build of the province; empty when it succeeded.
    problems: Mutex<Vec<Problem>>,
}

struct State {
    /// Build options: canonical root and output folder.
    options: Options,
    sites: Vec<Arc<Site>>,
    lang: Lang,
    /// Held while building: one build at a time, and no stop in the middle of one.
    building: Mutex<()>,
    reporter: Box<dyn Reporter>,
    /// [`crate::build`]; another function in tests.
    build: fn(&Options) -> Result<Report, RunError>,
}

/// A running preview: its portals are served and rebuilt on changes until the
/// process ends.
pub struct Server {
    state: Arc<State>,
    addresses: Vec<(String, SocketAddr)>,
    /// Gets a message when the process is to stop.
    stop: Mutex<mpsc::Receiver<()>>,
}

impl Server {
    /// Builds, starts serving and watching. Fails when the project cannot be read, a
    /// port cannot be had or the files cannot be watched; content errors do not stop
    /// it (the pages show them).
    pub fn start(options: ServeOptions, reporter: Box<dyn Reporter>) -> Result<Server, ServeError> {
        let given_root = options.build.root.clone();
        let root = given_root
            .canonicalize()
            .ok()
            .filter(|r| r.join("content").is_dir())
            .ok_or_else(|| RunError::Load(LoadError::Unreadable(given_root.join("content"))))?;
        let out = options
            .build
            .out
            .clone()
            .unwrap_or_else(|| root.join(".baucu-serve"));
        std::fs::create_dir_all(&out).map_err(|e| ServeError::Out(out.clone(), e))?;
        let out = out
            .canonicalize()
            .map_err(|e| ServeError::Out(out.clone(), e))?;
        let provinces = served_provinces(&root, &options.build.provinces)?;

        // Ports first: a port taken fails before a long build.
        let listeners = listen(provinces.len(), options.port)?;
        let sites: Vec<Arc<Site>> = provinces
            .iter()
            .map(|province| {
                Arc::new(Site {
                    province: province.clone(),
                    dir: out.join(province),
                    lang: options.lang,
                    hub: live::Hub::default(),
                    problems: Mutex::new(Vec::new()),
                })
            })
            .collect();
        let state = Arc::new(State {
            options: Options {
                root: root.clone(),
                out: Some(out.clone()),
                provinces: Vec::new(),
                clean: false,
                ..options.build.clone()
            },
            sites: sites.clone(),
            lang: options.lang,
            building: Mutex::new(()),
            reporter,
            build: crate::build,
        });

        // Ctrl-C during the first build stops once it is done.
        let stop = stop_on_signals(Arc::clone(&state)).map_err(ServeError::System)?;
        // Watch before the first build, so that nothing saved during it is missed.
        let (watcher, events) = watch::start(&root)?;
        state.rebuild(&provinces)?;

        let mut addresses = Vec::new();
        for (listener, site) in listeners.into_iter().zip(sites) {
            let address = listener
                .local_addr()
                .map_err(|error| ServeError::Listen { port: 0, error })?;
            addresses.push((site.province.clone(), address));
            std::thread::Builder::new()
                .name(format!("baucu-serve-{}", site.province))
                .spawn(move || http::run(listener, site))
                .map_err(ServeError::System)?;
        }

        let classifier = watch::Classifier {
            root: root.clone(),
            out,
            provinces: provinces.iter().cloned().collect(),
        };
        let rebuilding = Arc::clone(&state);
        std::thread::Builder::new()
            .name("baucu-watch".into())
            .spawn(move || rebuild_on_changes(&rebuilding, watcher, events, &classifier))
            .map_err(ServeError::System)?;
        Ok(Server {
            state,
            addresses,
            stop: Mutex::new(stop),
        })
    }

    /// Each province served and its address, in the order of the provinces.
    pub fn addresses(&self) -> &[(String, SocketAddr)] {
        &self.addresses
    }

    /// The folder the preview is built into.
    pub fn out(&self) -> &Path {
        self.state.options.out.as_deref().unwrap_or(Path::new("."))
    }

    /// Blocks until SIGINT (Ctrl-C) or SIGTERM came and no build is under way (a
    /// build is let finish, so that the preview folder is left whole; a second signal
    /// ends the process at once, with status 0).
    pub fn wait_for_stop(&self) {
        let _ = lock(&self.stop).recv();
    }
}

/// Listens for SIGINT and SIGTERM from now on: the first makes the receiver return
/// once no build is under way (and none starts after); a second exits at once.
fn stop_on_signals(state: Arc<State>) -> std::io::Result<mpsc::Receiver<()>> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM])?;
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("baucu-signals".into())
        .spawn(move || {
            let mut signals = signals.forever();
            if signals.next().is_none() {
                return;
            }
            std::thread::spawn(move || {
                let _building = lock(&state.building);
                let _ = tx.send(());
                // Keep the lock: no build starts while the process ends.
                loop {
                    std::thread::park();
                }
            });
            if signals.next().is_some() {
                std::process::exit(0);
            }
        })?;
    Ok(rx)
}

/// Listens on 127.0.0.1 for `count` portals: on `first`, `first + 1`, … or, without
/// a first port, on free ports.
fn listen(count: usize, first: Option<u16>) -> Result<Vec<TcpListener>, ServeError> {
    (0..count)
        .map(|i| {
            let port = match first {
                Some(first) if first != 0 => u32::from(first) + i as u32,
                _ => 0,
            };
            u16::try_from(port)
                .map_err(|_| std::io::Error::other("no such port"))
                .and_then(|p| TcpListener::bind((Ipv4Addr::LOCALHOST, p)))
                .map_err(|error| ServeError::Listen { port, error })
        })
        .collect()
}

/// Rebuilds the provinces each batch of changes concerns, until the watcher stops.
fn rebuild_on_changes(
    state: &State,
    mut watcher: watch::ProjectWatcher,
    events: watch::Events,
    classifier: &watch::Classifier,
) {
    while let Some(batch) = watch::next_batch(&events, classifier) {
        if batch.themes_changed {
            watch::watch_themes(&mut watcher, &classifier.root);
        }
        let chosen: Vec<String> = state
            .sites
            .iter()
            .map(|site| &site.province)
            .filter(|p| batch.all || batch.provinces.contains(*p))
            .cloned()
            .collect();
        if chosen.is_empty() {
            continue;
        }
        if let Err(e) = state.rebuild(&chosen) {
            state.reporter.failed(&e);
        }
    }
}

/// The provinces to serve: the ones asked for (each must exist), or every province.
fn served_provinces(root: &Path, asked: &[String]) -> Result<Vec<String>, ServeError> {
    let existing: Vec<String> = content::province_dirs(&root.join("content"))
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    if asked.is_empty() {
        return match existing.is_empty() {
            true => Err(ServeError::NoProvince),
            false => Ok(existing),
        };
    }
    let mut provinces = Vec::new();
    for id in asked {
        if !existing.contains(id) {
            return Err(RunError::Load(LoadError::UnknownProvince(id.clone())).into());
        }
        if !provinces.contains(id) {
            provinces.push(id.clone());
        }
    }
    Ok(provinces)
}

impl State {
    fn site(&self, province: &str) -> Option<&Arc<Site>> {
        self.sites.iter().find(|s| s.province == province)
    }

    /// Rebuilds `provinces` (incrementally) and tells their open pages.
    fn rebuild(&self, provinces: &[String]) -> Result<(), RunError> {
        let _building = lock(&self.building);
        self.rebuild_locked(provinces)
    }

    fn rebuild_locked(&self, provinces: &[String]) -> Result<(), RunError> {
        let start = Instant::now();
        let options = Options {
            provinces: provinces.to_vec(),
            ..self.options.clone()
        };
        // A bug in one rebuild must not end the preview: the panic becomes an error
        // shown in the overlay, and the next save builds again.
        let built =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| (self.build)(&options)))
                .unwrap_or_else(|payload| Err(RunError::crashed(payload.as_ref())));
        let report = match built {
            Ok(report) => report,
            Err(e) => {
                let problem = Problem {
                    file: String::new(),
                    line: 0,
                    column: 0,
                    message: e.to_string(),
                    hint: None,
                };
                for province in provinces {
                    self.fail(province, vec![problem.clone()]);
                }
                return Err(e);
            }
        };
        self.reporter.built(provinces, &report, start.elapsed());
        if !report.has_errors() {
            for built in &report.sites {
                if let Some(site) = self.site(&built.province) {
                    lock(&site.problems).clear();
                    site.hub.send(&live::reload_event(&built.changed));
                }
            }
            return Ok(());
        }
        // Nothing was published. Blame each province for its own mistakes and for the
        // shared ones; build again the provinces that had none of either.
        let errors: Vec<&Diagnostic> = report.diagnostics.iter().filter(|d| d.is_error()).collect();
        let mut good = Vec::new();
        for province in provinces {
            let problems: Vec<Problem> = errors
                .iter()
                .filter(|d| province_of(&d.file).is_none_or(|p| p == province))
                .map(|d| Problem::from_diagnostic(d, self.lang))
                .collect();
            if problems.is_empty() {
                good.push(province.clone());
            } else {
                self.fail(province, problems);
            }
        }
        if !good.is_empty() && good.len() < provinces.len() {
            self.rebuild_locked(&good)?;
        }
        Ok(())
    }

    /// Records the problems of a province's failed build and shows them on its pages.
    fn fail(&self, province: &str, problems: Vec<Problem>) {
        if let Some(site) = self.site(province) {
            site.hub.send(&live::error_event(&problems, self.lang));
            *lock(&site.problems) = problems;
        }
    }
}

/// The province a project file belongs to: `content/<province>/…`; `None` for
/// `baucu.yaml`, `themes/`, `content/_shared/`.
fn province_of(file: &Path) -> Option<&str> {
    let mut parts = file.components().filter_map(|c| match c {
        Component::Normal(name) => name.to_str(),
        _ => None,
    });
    match (parts.next(), parts.next(), parts.next()) {
        (Some("content"), Some(province), Some(_)) if !province.starts_with('_') => Some(province),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};

    struct Silent;
    impl Reporter for Silent {
        fn built(&self, _: &[String], _: &Report, _: Duration) {}
        fn failed(&self, _: &RunError) {}
    }

    static BROKEN: AtomicBool = AtomicBool::new(true);

    /// Panics while [`BROKEN`], then builds an empty site, successfully.
    fn flaky_build(options: &Options) -> Result<Report, RunError> {
        if BROKEN.load(Ordering::SeqCst) {
            let n: Vec<u8> = Vec::new();
            let _ = n[usize::from(BROKEN.load(Ordering::SeqCst))];
        }
        let sites = options.provinces.iter().map(|province| crate::SiteReport {
            province: province.clone(),
            path: PathBuf::new(),
            pages: 0,
            files: 0,
            unchanged: false,
            rendered: 0,
            written: 0,
            bytes: 0,
            deleted: 0,
            changed: Vec::new(),
        });
        Ok(Report {
            sites: sites.collect(),
            ..Report::default()
        })
    }

    #[test]
    fn a_panicking_rebuild_is_shown_and_the_next_one_runs() {
        let site = Arc::new(Site {
            province: "ha-noi".into(),
            dir: PathBuf::from("/nonexistent/ha-noi"),
            lang: Lang::En,
            hub: live::Hub::default(),
            problems: Mutex::new(Vec::new()),
        });
        let state = State {
            options: Options::default(),
            sites: vec![Arc::clone(&site)],
            lang: Lang::En,
            building: Mutex::new(()),
            reporter: Box::new(Silent),
            build: flaky_build,
        };
        let provinces = ["ha-noi".to_string()];
        let Err(RunError::Crashed { message }) = state.rebuild(&provinces) else {
            panic!("a panic in the build is a RunError::Crashed");
        };
        assert!(message.contains("index out of bounds"), "{message}");
        let shown = lock(&site.problems).clone();
        assert_eq!(shown.len(), 1);
        assert!(
            shown[0]
                .message
                .contains("internal error: index out of bounds"),
            "{shown:?}"
        );
        // The lock was released by the unwinding: the next save builds, and the
        // overlay goes.
        BROKEN.store(false, Ordering::SeqCst);
        state.rebuild(&provinces).unwrap();
        assert!(lock(&site.problems).is_empty());
    }

    #[test]
    fn files_belong_to_provinces() {
        assert_eq!(
            province_of(Path::new("content/quang-ninh/news/a.md")),
            Some("quang-ninh")
        );
        assert_eq!(
            province_of(Path::new("content/quang-ninh/province.yaml")),
            Some("quang-ninh")
        );
        assert_eq!(province_of(Path::new("content/_shared/faq/a.yaml")), None);
        assert_eq!(province_of(Path::new("baucu.yaml")), None);
        assert_eq!(
            province_of(Path::new("themes/default/templates/base.html")),
            None
        );
    }
}
