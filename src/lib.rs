//! baucu: a static site generator for Vietnamese election portals.
//!
//! The build is a pipeline, one module per stage:
//! [`content`] (load) → [`model`] and [`check`] (link and check) → [`routes`]
//! (plan) → [`render`] → [`write`], run by [`build`] (orchestration).
//! Below every stage, a shared vocabulary that uses none of them: [`diagnostics`],
//! [`text`], [`timings`]. Above: [`scaffold`] (`baucu new`: a project for a
//! province), [`serve`] (the live preview), [`report`] (a run's report printed for
//! people or programs) and the command line in `main.rs`, which goes only through the
//! operations re-exported here.

pub mod assets;
pub mod build;
pub mod check;
pub mod content;
pub mod deploy;
pub mod diagnostics;
pub mod hash;
pub mod import;
pub mod markdown;
pub mod model;
pub mod national;
pub mod render;
pub mod report;
pub mod routes;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod stats;
pub mod text;
pub mod timings;
pub mod write;

pub use build::{
    build, build_date, check_project, quiet_panics, Options, Report, RunError, SiteReport, Timings,
};
pub use content::LoadError;
pub use deploy::diff;
pub use import::{
    import_candidates, import_results, import_units, ImportError, ImportOptions, ImportReport,
};
pub use report::{human_report, json_report, HumanOptions};
pub use scaffold::{new_project, Created, NewError, NewOptions};
pub use serve::{Reporter, ServeError, ServeOptions, Server};
