//! Results of `results/`: each joined to its unit, once, and every vote and every
//! person elected to a candidate of that unit's list.

use super::{list_numbers, nearest_number, Linker, UnitKey};
use crate::content::source::{Origin, YamlPath};
use crate::content::ProvinceSource;
use crate::diagnostics::{tr, Diagnostic};
use crate::model::{Portal, UnitResult};
use crate::text::closest;
use std::collections::HashMap;

impl Linker<'_> {
    pub(super) fn link_results(
        &mut self,
        portal: &mut Portal,
        source: &ProvinceSource,
        units: &HashMap<UnitKey, usize>,
    ) {
        let files = &source.results;
        for file in files {
            let Some((level, commune)) =
                self.file_level(portal, file, &file.record.level, file.record.commune)
            else {
                continue;
            };
            for (i, result) in file.record.units.iter().enumerate() {
                let origin = Origin::new(&file.file, YamlPath::root().field("units").item(i));
                let Some(&unit) = units.get(&(level, commune, result.number)) else {
                    if source.failed_to_load("units", &self.election.levels[level].id, commune) {
                        continue; // the units file's own error says it all
                    }
                    let numbers: Vec<u32> = portal
                        .units
                        .iter()
                        .filter(|u| u.level == level && u.commune == commune)
                        .map(|u| u.number)
                        .collect();
                    let (wanted, level_id) = (result.number, &self.election.levels[level].id);
                    let list = list_numbers(&numbers);
                    let hint = nearest_number(wanted, &numbers).map(|n| {
                        tr!(
                            "đơn vị gần nhất có thật là số {n}; các đơn vị của cấp này: {list}",
                            "the closest existing unit is {n}; units of this level: {list}"
                        )
                    });
                    self.diagnostics.push(
                        origin
                            .error(
                                "number",
                                tr!(
                                    "Không có đơn vị bầu cử số {wanted} trong cấp `{level_id}`",
                                    "there is no unit {wanted} in level `{level_id}`"
                                ),
                            )
                            .maybe_hint(hint),
                    );
                    continue;
                };
                let number = result.number;
                if portal.units[unit].result.is_some() {
                    self.diagnostics.push(
                        origin
                            .error(
                                "number",
                                tr!(
                                    "Đơn vị bầu cử số {number} có hai kết quả",
                                    "unit {number} has two results"
                                ),
                            )
                            .hint(tr!(
                                "mỗi đơn vị chỉ có một kết quả: xóa mục trùng",
                                "a unit has one result: remove the duplicate entry"
                            )),
                    );
                    continue;
                }
                let on_list: Vec<(String, usize)> = portal.units[unit]
                    .standings
                    .iter()
                    .map(|&s| {
                        let p = portal.standings[s].person;
                        (portal.people[p].id.clone(), p)
                    })
                    .collect();
                let list_failed =
                    source.failed_to_load("candidates", &self.election.levels[level].id, commune);
                let resolve = |id: &str,
                               at: &str,
                               diagnostics: &mut Vec<Diagnostic>|
                 -> Option<usize> {
                    match on_list.iter().find(|(pid, _)| pid == id) {
                        Some((_, p)) => Some(*p),
                        None if list_failed => None,
                        None => {
                            let list = on_list
                                .iter()
                                .map(|(p, _)| p.as_str())
                                .collect::<Vec<_>>()
                                .join(", ");
                            let hint = closest(id, on_list.iter().map(|(pid, _)| pid.as_str()))
                                .map(|c| tr!("có phải bạn muốn viết `{c}`?", "did you mean `{c}`?"))
                                .unwrap_or_else(|| {
                                    tr!(
                                        "những người ứng cử của đơn vị số {number} là: {list}",
                                        "the candidates of unit {number} are: {list}"
                                    )
                                });
                            diagnostics.push(
                                    origin
                                        .error(
                                            at,
                                            tr!(
                                                "`{id}` không có trong danh sách người ứng cử của đơn vị số {number}",
                                                "`{id}` is not a candidate of unit {number}"
                                            ),
                                        )
                                        .expected(tr!(
                                            "mã của một người ứng cử trong đơn vị",
                                            "the id of a candidate of the unit"
                                        ))
                                        .hint(hint),
                                );
                            None
                        }
                    }
                };
                let mut votes = Vec::new();
                for (id, count) in &result.votes {
                    if let Some(p) = resolve(id, &format!("votes.{id}"), self.diagnostics) {
                        votes.push((p, *count));
                    }
                }
                let mut elected = Vec::new();
                for (j, id) in result.elected.iter().enumerate() {
                    if let Some(p) = resolve(id, &format!("elected.{j}"), self.diagnostics) {
                        elected.push(p);
                    }
                }
                portal.units[unit].result = Some(UnitResult {
                    status: result.status,
                    voters: result.voters,
                    ballots_cast: result.ballots_cast,
                    valid_ballots: result.valid_ballots,
                    votes,
                    elected,
                    origin,
                });
            }
        }
    }
}
