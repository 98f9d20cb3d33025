//! Wall time per pipeline stage and per template, which every stage adds to and
//! `baucu build --timings` prints. Shared vocabulary: it uses no stage.

/// Wall time per pipeline stage (`baucu build --timings`).
#[derive(Debug, Default, Clone)]
pub struct Timings {
    pub stages: Vec<(&'static str, std::time::Duration)>,
    /// Per template: pages rendered and the time spent rendering them (summed over
    /// threads, so it can exceed the wall time of the render stage).
    pub templates: Vec<(&'static str, usize, std::time::Duration)>,
}

impl Timings {
    /// Adds `elapsed` to `stage` (stages keep the order they were first seen in).
    pub fn add(&mut self, stage: &'static str, elapsed: std::time::Duration) {
        match self.stages.iter_mut().find(|(s, _)| *s == stage) {
            Some((_, total)) => *total += elapsed,
            None => self.stages.push((stage, elapsed)),
        }
    }

    /// Adds `pages` renderings of `template` that took `elapsed` in all.
    pub fn add_template(
        &mut self,
        template: &'static str,
        pages: usize,
        elapsed: std::time::Duration,
    ) {
        match self.templates.iter_mut().find(|(t, _, _)| *t == template) {
            Some((_, n, total)) => {
                *n += pages;
                *total += elapsed;
            }
            None => self.templates.push((template, pages, elapsed)),
        }
    }

    /// Adds every stage and template time of `other`.
    pub fn merge(&mut self, other: Timings) {
        for (stage, elapsed) in other.stages {
            self.add(stage, elapsed);
        }
        for (template, pages, elapsed) in other.templates {
            self.add_template(template, pages, elapsed);
        }
    }

    /// Runs `f`, adding its wall time to `stage`.
    pub fn time<T>(&mut self, stage: &'static str, f: impl FnOnce() -> T) -> T {
        let start = std::time::Instant::now();
        let value = f();
        self.add(stage, start.elapsed());
        value
    }
}
