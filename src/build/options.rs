//! What a run is asked to do ([`Options`]) and the day it builds for.

use std::path::PathBuf;

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The project: the folder holding `baucu.yaml` and `content/`.
    pub root: PathBuf,
    /// Where sites are written; `<root>/public` when not given.
    pub out: Option<PathBuf>,
    /// Build only these provinces (all when empty).
    pub provinces: Vec<String>,
    /// Make the national portal (when baucu.yaml declares one) even though only
    /// some provinces are built.
    pub national: bool,
    /// Publish drafts too.
    pub drafts: bool,
    /// The day the portal is built for (countdowns, past milestones). Defaults to
    /// `SOURCE_DATE_EPOCH` when set, else today in Vietnam.
    pub today: Option<time::Date>,
    /// Ignore the build cache: render and write everything.
    pub clean: bool,
    /// Leave out the precompressed `.br`/`.gz` copies (the preview server's builds,
    /// hosts that compress on the fly, and benchmarks that report them apart).
    pub no_precompress: bool,
    /// Show a progress bar of the pages made on standard error, when it is a
    /// terminal (the command line's `build`; never the preview's rebuilds).
    pub progress: bool,
}

/// The day the build is for: `SOURCE_DATE_EPOCH` when set (reproducible builds), else
/// today in Vietnam (UTC+7).
pub fn build_date(options: &Options) -> time::Date {
    if let Some(day) = options.today {
        return day;
    }
    let offset = time::UtcOffset::from_hms(7, 0, 0).expect("valid offset");
    let now = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| time::OffsetDateTime::from_unix_timestamp(secs).ok())
        .unwrap_or_else(time::OffsetDateTime::now_utc);
    now.to_offset(offset).date()
}
