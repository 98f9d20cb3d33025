//! Milestones of the timeline, shared and the province's own: each on a date or a
//! number of days from election day, never both.

use super::Linker;
use crate::content::records::TimelineRecord;
use crate::content::Loaded;
use crate::diagnostics::tr;
use crate::model::{Portal, TimelineEntry};

impl Linker<'_> {
    pub(super) fn link_timeline<'r>(
        &mut self,
        portal: &mut Portal,
        records: impl Iterator<Item = &'r Loaded<TimelineRecord>>,
    ) {
        for item in records {
            let r = &item.record;
            let date = match (r.date, r.offset_days) {
                (Some(d), None) => d.0,
                (None, Some(offset)) => {
                    // `Duration::days` panics past ±10^14 days: multiply with care.
                    let shifted = offset.checked_mul(86_400).and_then(|seconds| {
                        self.election
                            .date
                            .checked_add(time::Duration::seconds(seconds))
                    });
                    match shifted {
                        Some(d) => d,
                        None => {
                            self.diagnostics.push(item.origin.error(
                                "offset_days",
                                tr!(
                                    "Số ngày này dẫn tới một ngày không có thật",
                                    "this offset leads to no real date"
                                ),
                            ));
                            continue;
                        }
                    }
                }
                _ => {
                    self.diagnostics.push(
                        item.origin
                            .error(
                                "",
                                tr!(
                                    "Mỗi mốc thời gian có đúng một trong hai trường `date:` hoặc `offset_days:`",
                                    "a milestone has either `date:` or `offset_days:`, exactly one"
                                ),
                            )
                            .hint(tr!(
                                "ghi `date: 2026-03-15`, hoặc `offset_days: -42` cho 42 ngày trước ngày bầu cử",
                                "write `date: 2026-03-15`, or `offset_days: -42` for 42 days before election day"
                            )),
                    );
                    continue;
                }
            };
            portal.timeline.push(TimelineEntry {
                date,
                title: r.title.clone(),
                basis: r.basis.clone(),
            });
        }
        portal.timeline.sort_by_key(|e| e.date);
    }
}
