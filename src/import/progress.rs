//! The progress of an import on a terminal: the steps that take time on a large
//! province (reading the project, the spreadsheet, checking the project with the new
//! file) on one line of standard error, cleared when the import ends. Nothing is
//! drawn when standard error is not a terminal, so logs and pipes get nothing extra.

use crate::diagnostics::{Lang, Localized};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::Duration;

/// The steps of one import.
pub struct Steps {
    bar: ProgressBar,
    lang: Lang,
}

/// How many steps [`Steps::step`] is called for.
const STEPS: u64 = 3;

impl Steps {
    /// Steps in `lang`, drawn when `lang` is given and standard error is a terminal.
    pub fn new(lang: Option<Lang>) -> Steps {
        let shown = lang.filter(|_| std::io::stderr().is_terminal());
        let bar = match shown {
            Some(_) => {
                let bar = ProgressBar::with_draw_target(Some(STEPS), ProgressDrawTarget::stderr());
                if let Ok(style) = ProgressStyle::with_template("{spinner} [{pos}/{len}] {msg}") {
                    bar.set_style(style);
                }
                bar.enable_steady_tick(Duration::from_millis(120));
                bar
            }
            None => ProgressBar::hidden(),
        };
        Steps {
            bar,
            lang: shown.unwrap_or_default(),
        }
    }

    /// The next step begins.
    pub fn step(&self, what: Localized) {
        self.bar.inc(1);
        self.bar.set_message(what.get(self.lang).to_string());
    }
}

impl Drop for Steps {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}
