//! Candidates of `candidates/`: each joined to its unit and to one person across
//! levels, codes and photo checked, ballots and people put in order.

use super::{list_numbers, nearest_number, slug_expected, Linker, UnitKey};
use crate::content::records::CandidateRecord;
use crate::content::source::{Origin, YamlPath};
use crate::content::ProvinceSource;
use crate::diagnostics::tr;
use crate::model::assets::{ImageUse, Referrer};
use crate::model::{Person, Portal, Standing};
use crate::text::{closest, is_slug, name_key, slugify, NameKey};
use std::collections::HashMap;
use std::path::Path;

impl Linker<'_> {
    pub(super) fn link_candidates(
        &mut self,
        portal: &mut Portal,
        source: &ProvinceSource,
        units: &HashMap<UnitKey, usize>,
    ) {
        let files = &source.candidates;
        let mut person_index: HashMap<String, usize> = HashMap::new();
        for file in files {
            let Some((level, commune)) =
                self.file_level(portal, file, &file.record.level, file.record.commune)
            else {
                continue;
            };
            let base_dir = file
                .file
                .disk_path
                .parent()
                .unwrap_or(Path::new("."))
                .to_path_buf();
            for (i, candidate) in file.record.candidates.iter().enumerate() {
                let origin = Origin::new(&file.file, YamlPath::root().field("candidates").item(i));
                let id = &candidate.id;
                if !is_slug(id) {
                    let suggested = slugify(id);
                    self.diagnostics.push(
                        origin
                            .error(
                                "id",
                                tr!(
                                    "Mã `{id}` không dùng được trong địa chỉ trang web",
                                    "the id `{id}` cannot be used in a web address"
                                ),
                            )
                            .expected(slug_expected())
                            .hint(tr!(
                                "ví dụ `{suggested}` (tên không dấu và năm sinh)",
                                "use lowercase ASCII letters, digits and dashes, e.g. `{suggested}`"
                            )),
                    );
                    continue;
                }
                self.check_candidate_codes(candidate, &origin);
                let Some(&unit) = units.get(&(level, commune, candidate.unit)) else {
                    if source.failed_to_load("units", &self.election.levels[level].id, commune) {
                        continue; // the units file's own error says it all
                    }
                    let numbers: Vec<u32> = portal
                        .units
                        .iter()
                        .filter(|u| u.level == level && u.commune == commune)
                        .map(|u| u.number)
                        .collect();
                    let level_id = &self.election.levels[level].id;
                    let wanted = candidate.unit;
                    let list = list_numbers(&numbers);
                    let units_file = format!(
                        "units/{level_id}{}",
                        commune.map_or(".yaml".to_string(), |c| format!("/{c}.yaml"))
                    );
                    let hint = nearest_number(wanted, &numbers)
                        .map(|n| {
                            tr!(
                                "đơn vị gần nhất có thật là số {n}; các đơn vị của cấp này: {list}",
                                "the closest existing unit is {n}; units of this level: {list}"
                            )
                        })
                        .unwrap_or_else(|| {
                            tr!(
                                "thêm đơn vị này vào {units_file}",
                                "add the unit to {units_file}"
                            )
                        });
                    let mut d = origin
                        .error(
                            "unit",
                            tr!(
                                "Không có đơn vị bầu cử số {wanted} trong cấp `{level_id}`",
                                "there is no unit {wanted} in level `{level_id}`"
                            ),
                        )
                        .hint(hint);
                    if !numbers.is_empty() {
                        d = d.expected(tr!(
                            "một trong các số: {list}",
                            "one of the numbers: {list}"
                        ));
                    }
                    self.diagnostics.push(d);
                    continue;
                };
                let mut repeated_record = None;
                let person = match person_index.get(&candidate.id) {
                    Some(&p) => {
                        repeated_record = Some(Box::new(candidate.clone()));
                        let same_level = portal.people[p]
                            .standings
                            .iter()
                            .any(|&s| portal.units[portal.standings[s].unit].level == level);
                        if same_level {
                            let level_id = &self.election.levels[level].id;
                            self.diagnostics.push(
                                origin
                                    .error(
                                        "id",
                                        tr!(
                                            "Mã `{id}` được dùng hai lần trong cấp `{level_id}`",
                                            "the id `{id}` is used twice in level `{level_id}`"
                                        ),
                                    )
                                    .hint(tr!(
                                        "mỗi người chỉ ứng cử ở một đơn vị của mỗi cấp: đặt mã khác nhau cho những người khác nhau, ví dụ thêm năm sinh",
                                        "one person stands in one unit per level: give different people different ids, e.g. add the birth year"
                                    )),
                            );
                            continue;
                        }
                        p
                    }
                    None => {
                        let photo = candidate.photo.as_ref().and_then(|photo| {
                            match portal.assets.register_image(
                                self.content_root,
                                &base_dir,
                                photo,
                                ImageUse::Photo,
                                || Referrer::Field(origin.clone(), "photo"),
                            ) {
                                Ok(id) => Some(id),
                                Err(message) => {
                                    self.diagnostics.push(origin.error("photo", message));
                                    None
                                }
                            }
                        });
                        person_index.insert(candidate.id.clone(), portal.people.len());
                        portal.people.push(Person {
                            id: candidate.id.clone(),
                            record: candidate.clone(),
                            photo,
                            standings: Vec::new(),
                        });
                        portal.people.len() - 1
                    }
                };
                let standing = portal.standings.len();
                portal.standings.push(Standing {
                    person,
                    unit,
                    ballot_order: candidate.ballot_order.unwrap_or(0),
                    status: candidate.status,
                    note: candidate.note.clone(),
                    repeated_record,
                    origin,
                });
                portal.people[person].standings.push(standing);
                portal.units[unit].standings.push(standing);
            }
        }
        // Name keys are worked out once: comparing names builds them.
        let name_keys: Vec<NameKey> = portal
            .people
            .iter()
            .map(|person| name_key(&person.record.name))
            .collect();
        self.order_ballots(portal, &name_keys);
        self.order_people(portal, &name_keys);
    }

    fn check_candidate_codes(&mut self, candidate: &CandidateRecord, origin: &Origin) {
        self.check_code("gender", &candidate.gender, origin, "gender");
        if let Some(code) = &candidate.ethnicity {
            self.check_code("ethnicity", code, origin, "ethnicity");
        }
        if let Some(code) = &candidate.religion {
            self.check_code("religion", code, origin, "religion");
        }
        for (i, level) in candidate.incumbent.iter().enumerate() {
            if self.election.level_index(level).is_none() {
                let hint = closest(level, self.election.levels.iter().map(|l| l.id.as_str()))
                    .map(|l| tr!("có phải bạn muốn viết `{l}`?", "did you mean `{l}`?"));
                self.diagnostics.push(
                    origin
                        .error(
                            &format!("incumbent.{i}"),
                            tr!(
                                "Không có cấp bầu cử `{level}` trong baucu.yaml",
                                "there is no level `{level}` in baucu.yaml"
                            ),
                        )
                        .maybe_hint(hint),
                );
            }
        }
    }

    /// Sorts each unit's list by ballot order; where no order is written, by name the
    /// Vietnamese way. Two candidates with the same written order are an error.
    fn order_ballots(&mut self, portal: &mut Portal, name_keys: &[NameKey]) {
        for unit in 0..portal.units.len() {
            let mut list = std::mem::take(&mut portal.units[unit].standings);
            list.sort_by(|&a, &b| {
                let (sa, sb) = (&portal.standings[a], &portal.standings[b]);
                let key = |s: &Standing| {
                    if s.ballot_order == 0 {
                        u32::MAX
                    } else {
                        s.ballot_order
                    }
                };
                key(sa)
                    .cmp(&key(sb))
                    .then_with(|| name_keys[sa.person].cmp(&name_keys[sb.person]))
            });
            for pair in list.windows(2) {
                let (a, b) = (&portal.standings[pair[0]], &portal.standings[pair[1]]);
                if a.ballot_order != 0 && a.ballot_order == b.ballot_order {
                    let (order, other) = (b.ballot_order, &portal.people[a.person].record.name);
                    self.diagnostics.push(
                        b.origin
                            .error(
                                "ballot_order",
                                tr!(
                                    "Thứ tự trên phiếu bầu {order} đã được ghi cho {other}",
                                    "ballot order {order} is also given to {other}"
                                ),
                            )
                            .hint(tr!(
                                "đánh số người ứng cử của mỗi đơn vị 1, 2, 3 … theo thứ tự trên phiếu bầu",
                                "number the candidates of a unit 1, 2, 3 … in the order of the ballot"
                            )),
                    );
                }
            }
            for (position, &s) in list.iter().enumerate() {
                if portal.standings[s].ballot_order == 0 {
                    portal.standings[s].ballot_order = position as u32 + 1;
                }
            }
            portal.units[unit].standings = list;
        }
    }

    /// People in name order; standings of each person in level order.
    fn order_people(&mut self, portal: &mut Portal, name_keys: &[NameKey]) {
        let mut order: Vec<usize> = (0..portal.people.len()).collect();
        order.sort_by(|&a, &b| {
            name_keys[a]
                .cmp(&name_keys[b])
                .then_with(|| portal.people[a].id.cmp(&portal.people[b].id))
        });
        let mut new_position = vec![0; order.len()];
        for (new, &old) in order.iter().enumerate() {
            new_position[old] = new;
        }
        let mut old: Vec<Option<Person>> = std::mem::take(&mut portal.people)
            .into_iter()
            .map(Some)
            .collect();
        for &i in &order {
            portal
                .people
                .push(old[i].take().expect("each person moved once"));
        }
        for standing in &mut portal.standings {
            standing.person = new_position[standing.person];
        }
        let standings = &portal.standings;
        let units = &portal.units;
        for person in &mut portal.people {
            person
                .standings
                .sort_by_key(|&s| units[standings[s].unit].level);
        }
    }
}
