//! The progress bar of a build: pages made (rendered or found unchanged) across the
//! provinces, drawn on standard error only when asked and when it is a terminal, so
//! logs and pipes get nothing extra.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// A bar over `pages`, hidden unless `show` and standard error is a terminal.
pub(super) fn pages_bar(show: bool, pages: usize) -> ProgressBar {
    if !show || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(pages as u64), ProgressDrawTarget::stderr());
    // Numbers only: the same in Vietnamese and English.
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} {eta}") {
        bar.set_style(style.progress_chars("█▉▊▋▌▍▎▏ "));
    }
    bar
}
