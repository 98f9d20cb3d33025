//! Why a run could not go through ([`RunError`]), and panics turned into one.

use crate::content;
use std::path::PathBuf;

/// baucu itself could not run: no content problem, but no project to look at or no
/// place to write.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Load(#[from] content::LoadError),
    #[error("cannot write the output: {0}")]
    Write(String),
    /// Publishing failed after some provinces were swapped in (each whole).
    #[error("cannot write the output: {message} (published already: {})", published.join(", "))]
    PartlyPublished {
        published: Vec<String>,
        message: String,
    },
    /// Another build is writing to the same output.
    #[error("another baucu build is writing to {}", out.display())]
    Locked { out: PathBuf },
    /// A bug stopped the build (a panic, caught): nothing of it was published.
    #[error("baucu stopped on an internal error: {message}")]
    Crashed { message: String },
}

impl RunError {
    /// The error for a panic caught with [`std::panic::catch_unwind`], naming where in
    /// baucu's code it happened when [`quiet_panics`] is in place.
    pub fn crashed(payload: &(dyn std::any::Any + Send)) -> RunError {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".to_string());
        let place = LAST_PANIC
            .lock()
            .map(|place| place.clone())
            .unwrap_or_default();
        let message = match place.is_empty() {
            true => what,
            false => format!("{what} ({place})"),
        };
        RunError::Crashed { message }
    }
}

/// Where the last panic happened, for [`RunError::crashed`].
static LAST_PANIC: std::sync::Mutex<String> = std::sync::Mutex::new(String::new());

/// Replaces Rust's panic report (a thread name and a backtrace hint, for
/// programmers) with nothing: callers catch the panic and report a
/// [`RunError::Crashed`] in the user's words. Set `RUST_BACKTRACE` to keep Rust's.
pub fn quiet_panics() {
    if std::env::var_os("RUST_BACKTRACE").is_some() {
        return;
    }
    std::panic::set_hook(Box::new(|info| {
        if let (Some(place), Ok(mut last)) = (info.location(), LAST_PANIC.lock()) {
            *last = format!("{}:{}", place.file(), place.line());
        }
    }));
}
