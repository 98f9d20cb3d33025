//! The election of `baucu.yaml`: its levels, the law's numbers that may be changed
//! and the extra codes, each checked before any province is linked.

use super::{slug_expected, CODE_FIELDS};
use crate::content::records::{ExtraCandidates, ProjectRecord};
use crate::content::source::Origin;
use crate::content::Loaded;
use crate::diagnostics::{tr, Diagnostic};
use crate::model::{Election, Level, NationalSite};
use crate::text::{closest, is_slug, slugify};
use std::collections::BTreeSet;

pub(super) fn link_election(
    config: &Loaded<ProjectRecord>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Election> {
    let record = &config.record;
    let origin = &config.origin;
    let mut ok = true;
    if record.languages.first().map(String::as_str) != Some("vi") {
        diagnostics.push(
            origin
                .error(
                    "languages",
                    tr!(
                        "Tiếng Việt phải là ngôn ngữ đầu tiên",
                        "Vietnamese must be the first language"
                    ),
                )
                .expected(tr!("`vi` đứng đầu danh sách", "`vi` first in the list"))
                .hint(tr!(
                    "viết `languages: [vi, en]`",
                    "write `languages: [vi, en]`"
                )),
        );
        ok = false;
    }
    let mut levels = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, level) in record.election.levels.iter().enumerate() {
        let at = origin.path.field("election").field("levels").item(i);
        let level_origin = Origin::new(&origin.file, at);
        let id = &level.id;
        if !is_slug(id) {
            let suggested = slugify(id);
            diagnostics.push(
                level_origin
                    .error(
                        "id",
                        tr!(
                            "Mã cấp bầu cử `{id}` không dùng được trong địa chỉ trang web",
                            "level id `{id}` cannot be used in a web address"
                        ),
                    )
                    .expected(slug_expected())
                    .hint(tr!("ví dụ `{suggested}`", "e.g. `{suggested}`")),
            );
            ok = false;
        }
        if !seen.insert(id.clone()) {
            diagnostics.push(level_origin.error(
                "id",
                tr!(
                    "Cấp `{id}` được khai báo hai lần",
                    "level `{id}` is listed twice"
                ),
            ));
            ok = false;
        }
        let default_max = if id == "quoc-hoi" { 3 } else { 5 };
        let max_seats = level.max_seats_per_unit.unwrap_or(default_max);
        if max_seats == 0 {
            diagnostics.push(
                level_origin
                    .error(
                        "max_seats_per_unit",
                        tr!(
                            "Mỗi đơn vị bầu cử bầu ít nhất một đại biểu",
                            "a unit elects at least one deputy"
                        ),
                    )
                    .expected(tr!("một số từ 1 trở lên", "a number from 1 up"))
                    .hint(tr!(
                        "bỏ dòng này để dùng mức của luật ({default_max})",
                        "remove the line to use the law's number ({default_max})"
                    )),
            );
            ok = false;
        }
        let women = match level.min_women_percent {
            Some(p) if p > 100 => {
                diagnostics.push(
                    level_origin
                        .error(
                            "min_women_percent",
                            tr!("Tỷ lệ {p}% lớn hơn 100%", "{p}% is more than 100%"),
                        )
                        .expected(tr!("một số từ 0 đến 100", "a number from 0 to 100")),
                );
                ok = false;
                None
            }
            Some(0) => None,
            Some(p) => Some(p),
            None if id == "quoc-hoi" => Some(35),
            None => None,
        };
        levels.push(Level {
            id: id.clone(),
            name: level.name.clone(),
            max_seats_per_unit: max_seats,
            min_extra_candidates: level
                .min_extra_candidates
                .clone()
                .unwrap_or_else(|| ExtraCandidates::default_for(id)),
            min_women_percent: women,
            scope: level.scope,
            origin: level_origin,
        });
    }
    if levels.is_empty() {
        diagnostics.push(
            origin
                .error(
                    "election.levels",
                    tr!(
                        "Cuộc bầu cử chưa có cấp bầu cử nào",
                        "the election has no levels"
                    ),
                )
                .hint(tr!(
                    "liệt kê các cấp bầu cử trong election.levels, ví dụ {{id: quoc-hoi, name: …, scope: province}}",
                    "list the ballot levels under election.levels, e.g. {{id: quoc-hoi, name: …, scope: province}}"
                )),
        );
        ok = false;
    }
    let min_age = record.election.min_candidate_age.unwrap_or(21);
    if !(1..=120).contains(&min_age) {
        diagnostics.push(
            origin
                .error(
                    "election.min_candidate_age",
                    tr!(
                        "Tuổi tối thiểu của người ứng cử ({min_age}) không hợp lý",
                        "a minimum candidate age of {min_age} is not plausible"
                    ),
                )
                .expected(tr!(
                    "một số tuổi từ 1 đến 120 (luật: 21)",
                    "an age from 1 to 120 (the law: 21)"
                )),
        );
        ok = false;
    }
    let max_levels = record.election.max_levels_per_person.unwrap_or(2);
    if max_levels == 0 {
        diagnostics.push(
            origin
                .error(
                    "election.max_levels_per_person",
                    tr!(
                        "Mỗi người phải được ứng cử ở ít nhất một cấp",
                        "a person must be allowed to stand at one level at least"
                    ),
                )
                .expected(tr!(
                    "một số từ 1 trở lên (luật: 2)",
                    "a number from 1 up (the law: 2)"
                )),
        );
        ok = false;
    }
    for (field, codes) in &record.codes {
        let at = format!("codes.{field}");
        if !CODE_FIELDS.contains(&field.as_str()) {
            let list = CODE_FIELDS.join(", ");
            let hint = match closest(field, CODE_FIELDS.iter().copied()) {
                Some(name) => tr!("có phải bạn muốn viết `{name}`?", "did you mean `{name}`?"),
                None => tr!("dùng một trong: {list}", "use one of: {list}"),
            };
            let (position, length) = origin
                .file
                .locate_key(&origin.path.field("codes").field(field));
            diagnostics.push(
                Diagnostic::error(
                    origin.file.path.clone(),
                    tr!(
                        "`{field}` không phải là trường có mã",
                        "`{field}` is not a field that takes codes"
                    ),
                )
                .at(position)
                .span(length)
                .expected(tr!("một trong: {list}", "one of: {list}"))
                .hint(hint),
            );
            ok = false;
        }
        for code in codes.keys() {
            if !is_slug(code) {
                let suggested = slugify(code);
                let (position, length) = origin
                    .file
                    .locate_key(&origin.path.field("codes").field(field).field(code));
                diagnostics.push(
                    Diagnostic::error(
                        origin.file.path.clone(),
                        tr!(
                            "Mã `{code}` không dùng được trong địa chỉ trang web",
                            "the code `{code}` cannot be used in a web address"
                        ),
                    )
                    .at(position)
                    .span(length)
                    .expected(slug_expected())
                    .hint(tr!(
                        "ví dụ `{suggested}` (trong {at})",
                        "e.g. `{suggested}` (in {at})"
                    )),
                );
                ok = false;
            }
        }
    }
    if let Some(national) = &record.national {
        if let Some(problem) =
            super::base_url_problem(origin, "national.base_url", &national.base_url)
        {
            diagnostics.push(problem);
            ok = false;
        }
    }
    ok.then(|| Election {
        id: record.election.id.clone(),
        name: record.election.name.clone(),
        date: record.election.date.0,
        levels,
        min_candidate_age: min_age,
        max_levels_per_person: max_levels as usize,
        languages: record.languages.clone(),
        theme: record.theme.clone(),
        codes: record.codes.clone(),
        national: record.national.as_ref().map(|n| NationalSite {
            base_url: n.base_url.trim_end_matches('/').to_string(),
            name: n.name.clone(),
        }),
        origin: origin.clone(),
    })
}
