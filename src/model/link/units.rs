//! The communes of `province.yaml` and the electoral units of `units/`: codes and
//! numbers unique, every commune a unit names known, units in a stable order.

use super::{closest_commune, Linker, UnitKey};
use crate::content::records::{ProvinceRecord, Scope, UnitsFile};
use crate::content::source::{Origin, YamlPath};
use crate::content::{LevelFile, Loaded};
use crate::diagnostics::tr;
use crate::model::{Commune, Portal, Unit};
use crate::text::slugify;
use std::collections::HashMap;

impl Linker<'_> {
    pub(super) fn link_communes(&mut self, portal: &mut Portal, province: &Loaded<ProvinceRecord>) {
        for (i, commune) in province.record.communes.iter().enumerate() {
            let origin = Origin::new(
                &province.origin.file,
                YamlPath::root().field("communes").item(i),
            );
            let code = commune.code;
            if portal.commune_index.contains_key(&code) {
                self.diagnostics.push(
                    origin
                        .error(
                            "code",
                            tr!(
                                "Mã xã, phường {code} được khai báo hai lần",
                                "commune code {code} is listed twice"
                            ),
                        )
                        .hint(tr!(
                            "mỗi xã, phường, đặc khu có một mã riêng: xóa dòng trùng hoặc sửa lại mã",
                            "each commune has its own code: remove the duplicate or correct the code"
                        )),
                );
                continue;
            }
            self.check_code("commune_type", &commune.kind, &origin, "type");
            portal
                .commune_index
                .insert(commune.code, portal.communes.len());
            portal.communes.push(Commune {
                code: commune.code,
                name: commune.name.clone(),
                kind: commune.kind.clone(),
                slug: format!("{}-{}", slugify(&commune.name.vi), commune.code),
                origin,
            });
        }
    }

    pub(super) fn link_units(
        &mut self,
        portal: &mut Portal,
        files: &[LevelFile<UnitsFile>],
    ) -> HashMap<UnitKey, usize> {
        let mut index = HashMap::new();
        for file in files {
            let Some((level, commune)) =
                self.file_level(portal, file, &file.record.level, file.record.commune)
            else {
                continue;
            };
            for (i, unit) in file.record.units.iter().enumerate() {
                let origin = Origin::new(&file.file, YamlPath::root().field("units").item(i));
                let key = (level, commune, unit.number);
                let number = unit.number;
                if index.contains_key(&key) {
                    self.diagnostics.push(
                        origin
                            .error(
                                "number",
                                tr!(
                                    "Đơn vị bầu cử số {number} xuất hiện hai lần trong cấp này",
                                    "unit number {number} appears twice in this level"
                                ),
                            )
                            .hint(tr!(
                                "mỗi đơn vị bầu cử của một cấp có một số riêng",
                                "each unit of a level has its own number"
                            )),
                    );
                    continue;
                }
                if unit.seats == 0 {
                    self.diagnostics.push(
                        origin
                            .error(
                                "seats",
                                tr!(
                                    "Mỗi đơn vị bầu cử bầu ít nhất một đại biểu",
                                    "a unit elects at least one deputy"
                                ),
                            )
                            .expected(tr!("một số từ 1 trở lên", "a number from 1 up"))
                            .hint(tr!(
                                "ghi số ghế của đơn vị, ví dụ `seats: 3`",
                                "write the number of seats, e.g. `seats: 3`"
                            )),
                    );
                }
                let scope = self.election.levels[level].scope;
                for (j, code) in unit.communes.iter().enumerate() {
                    if portal.commune(*code).is_none() {
                        let hint = closest_commune(portal, *code);
                        self.diagnostics.push(
                            origin
                                .error(
                                    &format!("communes.{j}"),
                                    tr!(
                                        "Không có xã, phường mã {code} trong province.yaml",
                                        "there is no commune {code} in province.yaml"
                                    ),
                                )
                                .maybe_hint(hint),
                        );
                    }
                }
                if scope == Scope::Commune && !unit.communes.is_empty() {
                    self.diagnostics.push(
                        origin
                            .error(
                                "communes",
                                tr!(
                                    "Đơn vị bầu cử của cấp theo xã, phường nằm trong xã, phường đó nên không liệt kê `communes:`",
                                    "a unit of a commune-wide level lies inside its commune and lists no communes"
                                ),
                            )
                            .hint(tr!(
                                "mô tả phần địa bàn của đơn vị bằng `area:`",
                                "describe the part of the commune with `area:` instead"
                            )),
                    );
                }
                if scope == Scope::Province && unit.communes.is_empty() {
                    self.diagnostics.push(
                        origin
                            .error(
                                "",
                                tr!(
                                    "Đơn vị bầu cử số {number} chưa liệt kê xã, phường nào",
                                    "unit {number} lists no communes"
                                ),
                            )
                            .hint(tr!(
                                "thêm `communes: [mã, …]` với mã các xã, phường của đơn vị trong province.yaml",
                                "add `communes: [code, …]` with the codes of its communes from province.yaml"
                            )),
                    );
                }
                index.insert(key, portal.units.len());
                portal.units.push(Unit {
                    level,
                    commune,
                    number: unit.number,
                    seats: unit.seats,
                    communes: unit.communes.clone(),
                    area: unit.area.clone(),
                    description: unit.description.clone(),
                    standings: Vec::new(),
                    result: None,
                    origin,
                });
            }
        }
        // Stable order: level, commune (in province.yaml order), number.
        let mut order: Vec<usize> = (0..portal.units.len()).collect();
        let commune_rank = |c: Option<u32>| c.and_then(|c| portal.commune_index.get(&c).copied());
        order.sort_by_key(|&i| {
            let u = &portal.units[i];
            (u.level, commune_rank(u.commune), u.number)
        });
        let mut old: Vec<Option<Unit>> = std::mem::take(&mut portal.units)
            .into_iter()
            .map(Some)
            .collect();
        let mut new_position = vec![0; old.len()];
        for (new, &i) in order.iter().enumerate() {
            new_position[i] = new;
            portal
                .units
                .push(old[i].take().expect("each unit moved once"));
        }
        index.values_mut().for_each(|i| *i = new_position[*i]);
        index
    }
}
