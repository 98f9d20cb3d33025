//! Joins loaded records into one [`Portal`] per province, reporting every reference
//! that does not resolve.

use super::assets::{AssetMap, ImageUse, Publish, Referrer};
use super::*;
use crate::content::source::YamlPath;
use crate::content::{
    LevelFile, Loaded, MarkdownSource, ProjectSource, ProvinceSource, SharedSource,
};
use crate::diagnostics::{tr, Diagnostic, Localized};
use crate::text::{closest, closest_code, is_slug, name_key, slugify, NameKey};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// Codes each enumerated field accepts, by field name (`gender`, `ethnicity`,
/// `religion`, `news_category`, `faq_category`, `commune_type`).
pub type KnownCodes = BTreeMap<String, BTreeSet<String>>;

pub struct LinkOptions<'a> {
    pub drafts: bool,
    pub codes: &'a KnownCodes,
}

/// Links the whole project. Provinces whose `province.yaml` could not be read are
/// left out (their errors are already reported).
pub fn link_project(
    project: &ProjectSource,
    options: &LinkOptions,
) -> (Option<Election>, Vec<Portal>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let Some(election) = link_election(&project.config, &mut diagnostics) else {
        return (None, Vec::new(), diagnostics);
    };
    let content_root = project
        .root
        .join("content")
        .canonicalize()
        .unwrap_or_else(|_| project.root.join("content"));
    let linked: Vec<(Option<Portal>, Vec<Diagnostic>)> = {
        use rayon::prelude::*;
        project
            .provinces
            .par_iter()
            .map(|source| {
                let mut found = Vec::new();
                let portal = Linker {
                    election: &election,
                    options,
                    content_root: &content_root,
                    diagnostics: &mut found,
                }
                .link(source, &project.shared);
                (portal, found)
            })
            .collect()
    };
    let mut portals = Vec::new();
    for (portal, mut found) in linked {
        diagnostics.append(&mut found);
        portals.extend(portal);
    }
    (Some(election), portals, diagnostics)
}

/// The fields whose values are codes, as `codes:` of baucu.yaml names them.
pub const CODE_FIELDS: &[&str] = &[
    "gender",
    "ethnicity",
    "religion",
    "news_category",
    "faq_category",
    "commune_type",
];

fn link_election(
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
        origin: origin.clone(),
    })
}

/// What an id or slug may hold.
pub(crate) fn slug_expected() -> Localized {
    tr!(
        "chữ thường không dấu (a–z), chữ số và dấu gạch ngang đơn",
        "lowercase ASCII letters, digits and single dashes"
    )
}

struct Linker<'a> {
    election: &'a Election,
    options: &'a LinkOptions<'a>,
    content_root: &'a Path,
    diagnostics: &'a mut Vec<Diagnostic>,
}

type UnitKey = (usize, Option<u32>, u32);

impl Linker<'_> {
    fn link(mut self, source: &ProvinceSource, shared: &SharedSource) -> Option<Portal> {
        let province = source.province.as_ref()?;
        let record = &province.record;
        let origin = &province.origin;
        let (id, folder) = (&record.id, &source.id);
        if !is_slug(folder) {
            let suggested = slugify(folder);
            self.diagnostics.push(
                origin
                    .error(
                        "id",
                        tr!(
                            "Tên thư mục tỉnh `{folder}` không dùng được trong địa chỉ trang web",
                            "the province folder name `{folder}` cannot be used in a web address"
                        ),
                    )
                    .expected(slug_expected())
                    .hint(tr!(
                        "đổi tên thư mục thành `{suggested}` và ghi `id: {suggested}`",
                        "rename the folder to `{suggested}` and write `id: {suggested}`"
                    )),
            );
        } else if id != folder {
            self.diagnostics.push(
                origin
                    .error(
                        "id",
                        tr!(
                            "Mã tỉnh `{id}` khác với tên thư mục `{folder}`",
                            "the id `{id}` differs from the folder name `{folder}`"
                        ),
                    )
                    .expected(tr!("`{folder}`", "`{folder}`"))
                    .hint(tr!(
                        "ghi `id: {folder}`, hoặc đổi tên thư mục",
                        "write `id: {folder}` or rename the folder"
                    )),
            );
        }
        let base_url = &record.base_url;
        if !base_url.starts_with("https://") && !base_url.starts_with("http://") {
            self.diagnostics.push(
                origin
                    .error(
                        "base_url",
                        tr!(
                            "`{base_url}` không phải là địa chỉ trang web",
                            "`{base_url}` is not a web address"
                        ),
                    )
                    .expected(tr!(
                        "một địa chỉ bắt đầu bằng https://",
                        "an address starting with https://"
                    ))
                    .hint(tr!(
                        "ghi địa chỉ của cổng thông tin, ví dụ https://baucu.quangninh.gov.vn",
                        "write the portal's address, e.g. https://baucu.quangninh.gov.vn"
                    )),
            );
        } else if let Some(path) = site_path(base_url) {
            // Pages link to each other from the root (`/tin-tuc/`): under a path they
            // would all point outside the portal.
            self.diagnostics.push(
                origin
                    .error(
                        "base_url",
                        tr!(
                            "`{base_url}` có đường dẫn `{path}`: mỗi cổng thông tin tỉnh là một trang web riêng, đặt ở gốc địa chỉ của nó",
                            "`{base_url}` has a path, `{path}`: each province portal is a site of its own, served at the root of its address"
                        ),
                    )
                    .expected(tr!(
                        "chỉ có tên miền, ví dụ https://baucu.quangninh.gov.vn",
                        "a domain alone, e.g. https://baucu.quangninh.gov.vn"
                    ))
                    .hint(tr!(
                        "phục vụ cổng thông tin tại gốc của một tên miền (hoặc tên miền con) và ghi địa chỉ đó",
                        "serve the portal at the root of a domain or subdomain, and write that address"
                    )),
            );
        }
        let mut portal = Portal {
            id: source.id.clone(),
            dir: source.dir.clone(),
            name: record.name.clone(),
            base_url: record.base_url.trim_end_matches('/').to_string(),
            agency: record.agency.clone(),
            contact: record.contact.clone(),
            residence_privacy: record.privacy.residence,
            vneid: record.links.vneid,
            raw_html: record.markdown.raw_html,
            communes: Vec::new(),
            commune_index: HashMap::new(),
            units: Vec::new(),
            people: Vec::new(),
            standings: Vec::new(),
            news: Vec::new(),
            pages: Vec::new(),
            faq: Vec::new(),
            timeline: Vec::new(),
            documents: Vec::new(),
            assets: AssetMap::default(),
            origin: origin.clone(),
        };
        self.link_communes(&mut portal, province);
        let unit_index = self.link_units(&mut portal, &source.units);
        self.link_candidates(&mut portal, source, &unit_index);
        self.link_results(&mut portal, source, &unit_index);
        self.link_news(&mut portal, &source.news);
        self.link_pages(&mut portal, &source.pages);
        self.link_faq(&mut portal, shared.faq.iter().chain(&source.faq));
        self.link_timeline(&mut portal, shared.timeline.iter().chain(&source.timeline));
        self.link_documents(
            &mut portal,
            shared.documents.iter().chain(&source.documents),
        );
        Some(portal)
    }

    fn check_code(&mut self, field: &str, code: &str, origin: &Origin, at: &str) {
        let Some(known) = self.options.codes.get(field) else {
            return;
        };
        if known.contains(code) {
            return;
        }
        let hint = match closest_code(code, known.iter().map(String::as_str)) {
            Some(c) => tr!("có phải bạn muốn viết `{c}`?", "did you mean `{c}`?"),
            None => tr!(
                "dùng một trong các mã trên, hoặc khai báo mã mới trong `codes: {{{field}: …}}` của baucu.yaml",
                "use one of the codes above, or add a new one under `codes: {{{field}: …}}` in baucu.yaml"
            ),
        };
        let (kind_vi, kind_en) = code_kind(field);
        let list = known
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(", ");
        let message = if code.trim().is_empty() {
            tr!(
                "`{at}` để trống: ghi một mã {kind_vi}",
                "`{at}` is empty: write a {kind_en} code"
            )
        } else {
            tr!(
                "`{code}` không phải là mã {kind_vi} đã biết",
                "`{code}` is not a known {kind_en} code"
            )
        };
        let d = origin
            .error(at, message)
            .expected(tr!("một trong: {list}", "one of: {list}"))
            .hint(hint);
        self.diagnostics.push(d);
    }

    fn link_communes(&mut self, portal: &mut Portal, province: &Loaded<ProvinceRecord>) {
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

    /// Checks the `level:` and `commune:` lines of a level file against its path and the
    /// level's scope. Returns the level index and commune when the file can be used.
    fn file_level<T>(
        &mut self,
        portal: &Portal,
        file: &LevelFile<T>,
        level_id: &str,
        commune: Option<u32>,
    ) -> Option<(usize, Option<u32>)> {
        let origin = Origin::new(&file.file, YamlPath::root());
        let Some(level) = self.election.level_index(level_id) else {
            let list = self
                .election
                .levels
                .iter()
                .map(|l| l.id.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            let hint = closest(level_id, self.election.levels.iter().map(|l| l.id.as_str()))
                .map(|l| tr!("có phải bạn muốn viết `{l}`?", "did you mean `{l}`?"))
                .unwrap_or_else(|| {
                    tr!(
                        "các cấp trong baucu.yaml là: {list}",
                        "the levels of baucu.yaml are: {list}"
                    )
                });
            self.diagnostics.push(
                origin
                    .error(
                        "level",
                        tr!(
                            "Không có cấp bầu cử `{level_id}` trong baucu.yaml",
                            "there is no level `{level_id}` in baucu.yaml"
                        ),
                    )
                    .expected(tr!("một trong: {list}", "one of: {list}"))
                    .hint(hint),
            );
            return None;
        };
        let path_level = &file.path_level;
        if path_level != level_id {
            self.diagnostics.push(
                origin
                    .error(
                        "level",
                        tr!(
                            "Tệp ghi cấp `{level_id}` nhưng lại nằm ở chỗ của cấp `{path_level}`",
                            "the file says level `{level_id}` but is in the place of level `{path_level}`"
                        ),
                    )
                    .expected(tr!("`level: {path_level}`", "`level: {path_level}`"))
                    .hint(tr!(
                        "tên tệp (hoặc thư mục) và dòng `level:` phải ghi cùng một cấp",
                        "the file name (or folder) and its `level:` line must name the same level"
                    )),
            );
            return None;
        }
        // The `commune:` line may be left out: the file name says it too.
        let scope = self.election.levels[level].scope;
        let commune = match scope {
            Scope::Commune => commune.or(file.path_commune),
            Scope::Province => commune,
        };
        match (scope, file.path_commune, commune) {
            (Scope::Province, None, None) => Some((level, None)),
            (Scope::Province, _, _) => {
                self.diagnostics.push(
                    origin
                        .error(
                            "level",
                            tr!(
                                "Cấp `{level_id}` là cấp toàn tỉnh: tệp của cấp này là <mục>/{level_id}.yaml, không có dòng `commune:`",
                                "level `{level_id}` is province-wide: its file is <section>/{level_id}.yaml without a `commune:` line"
                            ),
                        )
                        .hint(tr!(
                            "gộp các mục vào một tệp cho cả tỉnh, hoặc đặt `scope: commune` cho cấp này trong baucu.yaml",
                            "move the entries into one file for the whole province, or set `scope: commune` for this level in baucu.yaml"
                        )),
                );
                None
            }
            (Scope::Commune, Some(path_code), Some(code)) if path_code == code => {
                if portal.commune(code).is_none() {
                    let hint = closest_commune(portal, code);
                    self.diagnostics.push(
                        origin
                            .error(
                                "commune",
                                tr!(
                                    "Không có xã, phường mã {code} trong province.yaml",
                                    "there is no commune {code} in province.yaml"
                                ),
                            )
                            .maybe_hint(hint),
                    );
                    return None;
                }
                Some((level, Some(code)))
            }
            (Scope::Commune, Some(path_code), Some(code)) => {
                self.diagnostics.push(
                    origin
                        .error(
                            "commune",
                            tr!(
                                "Tệp ghi xã, phường mã {code} nhưng tên tệp lại là mã {path_code}",
                                "the file says commune {code} but its name says {path_code}"
                            ),
                        )
                        .expected(tr!("`commune: {path_code}`", "`commune: {path_code}`"))
                        .hint(tr!(
                            "tên tệp là mã của xã, phường: hai mã phải trùng nhau",
                            "the file name is the commune's code: they must agree"
                        )),
                );
                None
            }
            (Scope::Commune, _, None) => {
                self.diagnostics.push(
                    origin
                        .error(
                            "",
                            tr!(
                                "Tệp của cấp bầu cử theo xã, phường này chưa có dòng `commune:`",
                                "this file of a commune-wide level has no `commune:` line"
                            ),
                        )
                        .hint(tr!(
                            "thêm dòng `commune: <mã>` với mã của xã, phường trong province.yaml",
                            "add `commune: <code>` with the commune's code from province.yaml"
                        )),
                );
                None
            }
            (Scope::Commune, None, Some(_)) => {
                self.diagnostics.push(
                    origin
                        .error(
                            "level",
                            tr!(
                                "Cấp `{level_id}` là cấp theo xã, phường: mỗi xã, phường một tệp <mục>/{level_id}/<mã>.yaml",
                                "level `{level_id}` is commune-wide: put one file per commune in <section>/{level_id}/<code>.yaml"
                            ),
                        )
                        .hint(tr!(
                            "chuyển tệp này vào thư mục {level_id}/ và đặt tên theo mã xã, phường",
                            "move this file into the folder {level_id}/ and name it by the commune's code"
                        )),
                );
                None
            }
        }
    }

    fn link_units(
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

    fn link_candidates(
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

    fn link_results(
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

    fn link_news(&mut self, portal: &mut Portal, sources: &[MarkdownSource<NewsFrontMatter>]) {
        let default_lang = &self.election.languages[0];
        let mut by_slug: BTreeMap<&str, Vec<&MarkdownSource<NewsFrontMatter>>> = BTreeMap::new();
        for source in sources {
            by_slug
                .entry(source.slug.as_str())
                .or_default()
                .push(source);
        }
        for (slug, versions) in by_slug {
            let originals: Vec<_> = versions
                .iter()
                .filter(|v| &v.lang == default_lang)
                .collect();
            let Some(original) = originals.first() else {
                for v in &versions {
                    self.diagnostics
                        .push(no_original(v.file.path.clone(), slug));
                }
                continue;
            };
            if originals.len() > 1 {
                let also = originals[0].file.path.display();
                self.diagnostics.push(
                    Diagnostic::error(
                        originals[1].file.path.clone(),
                        tr!(
                            "Hai tin có cùng đường dẫn `{slug}` (tin kia: {also})",
                            "two news items have the slug `{slug}` (also {also})"
                        ),
                    )
                    .hint(tr!(
                        "địa chỉ của tin lấy từ tên tệp sau phần ngày: đặt cho mỗi tin một tên riêng",
                        "news addresses come from the file name after the date: give each item its own name"
                    )),
                );
                continue;
            }
            let front = &original.front;
            let origin = Origin::new(&original.file, YamlPath::root());
            let date = match (front.date, original.date_prefix) {
                (Some(d), _) => d,
                (None, Some(prefix)) => DateTime::from_date(prefix.0),
                (None, None) => {
                    self.diagnostics.push(
                        origin
                            .error("", tr!("Tin chưa có ngày (`date`)", "the news item has no `date`"))
                            .hint(tr!(
                                "thêm `date: 2026-01-14T14:00:00+07:00` vào phần đầu tệp, hoặc đặt ngày ở đầu tên tệp",
                                "add `date: 2026-01-14T14:00:00+07:00` to the front matter, or start the file name with the date"
                            )),
                    );
                    continue;
                }
            };
            let Some(category) = front.category.clone() else {
                self.diagnostics.push(
                    origin
                        .error(
                            "",
                            tr!(
                                "Tin chưa có chuyên mục (`category`)",
                                "the news item has no `category`"
                            ),
                        )
                        .hint(tr!(
                            "thêm `category: tin-bau-cu` (hoặc mã chuyên mục tin khác)",
                            "add `category: tin-bau-cu` (or another news category code)"
                        )),
                );
                continue;
            };
            self.check_code("news_category", &category, &origin, "category");
            let draft = front.draft.unwrap_or(false);
            let base_dir = original
                .file
                .disk_path
                .parent()
                .unwrap_or(Path::new("."))
                .to_path_buf();
            let image = front.image.as_ref().and_then(|image| {
                match portal.assets.register_image(
                    self.content_root,
                    &base_dir,
                    image,
                    ImageUse::News,
                    || Referrer::Field(origin.clone(), "image"),
                ) {
                    Ok(id) => Some(id),
                    Err(message) => {
                        self.diagnostics.push(origin.error("image", message));
                        None
                    }
                }
            });
            let mut item_versions = BTreeMap::new();
            for v in &versions {
                self.register_markdown_images(portal, &v.file, &v.body);
                item_versions.insert(
                    v.lang.clone(),
                    NewsVersion {
                        title: v.front.title.clone(),
                        summary: v.front.summary.clone(),
                        body: v.body.clone(),
                        file: Arc::clone(&v.file),
                    },
                );
            }
            if draft && !self.options.drafts {
                continue;
            }
            portal.news.push(NewsItem {
                slug: slug.to_string(),
                date,
                category,
                tags: front.tags.iter().map(|t| t.0.clone()).collect(),
                author: front.author.clone(),
                featured: front.featured.unwrap_or(false),
                draft,
                image,
                versions: item_versions,
            });
        }
        portal
            .news
            .sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
    }

    /// Registers the images a Markdown body shows, so that they are published, and
    /// reports the ones that cannot be.
    fn register_markdown_images(
        &mut self,
        portal: &mut Portal,
        file: &Arc<crate::content::source::SourceFile>,
        body: &str,
    ) {
        let base_dir = file
            .disk_path
            .parent()
            .unwrap_or(Path::new("."))
            .to_path_buf();
        for (reference, offset) in crate::render::markdown::local_images(body) {
            let at = |message: Localized| {
                let position = file.body_position(body, offset);
                let written = file.find_after(position, &reference, 1);
                Diagnostic::error(file.path.clone(), message)
                    .at(written.unwrap_or(position))
                    .span(if written.is_some() {
                        reference.chars().count()
                    } else {
                        0
                    })
            };
            if let Err(message) = portal.assets.register_image(
                self.content_root,
                &base_dir,
                &reference,
                ImageUse::News,
                || Referrer::At(at(Localized::from(""))),
            ) {
                self.diagnostics.push(at(message));
            }
        }
    }

    fn link_pages(&mut self, portal: &mut Portal, sources: &[MarkdownSource<PageFrontMatter>]) {
        let default_lang = &self.election.languages[0];
        let mut by_slug: BTreeMap<&str, Vec<&MarkdownSource<PageFrontMatter>>> = BTreeMap::new();
        for source in sources {
            by_slug
                .entry(source.slug.as_str())
                .or_default()
                .push(source);
        }
        for (slug, versions) in by_slug {
            let Some(original) = versions.iter().find(|v| &v.lang == default_lang) else {
                for v in &versions {
                    self.diagnostics
                        .push(no_original(v.file.path.clone(), slug));
                }
                continue;
            };
            if original.front.draft && !self.options.drafts {
                continue;
            }
            let mut item_versions = BTreeMap::new();
            for v in &versions {
                self.register_markdown_images(portal, &v.file, &v.body);
                item_versions.insert(
                    v.lang.clone(),
                    NewsVersion {
                        title: v.front.title.clone(),
                        summary: v.front.summary.clone(),
                        body: v.body.clone(),
                        file: Arc::clone(&v.file),
                    },
                );
            }
            portal.pages.push(FreePage {
                slug: slug.to_string(),
                order: original.front.order,
                draft: original.front.draft,
                versions: item_versions,
            });
        }
        portal.pages.sort_by(|a, b| {
            a.order
                .unwrap_or(i32::MAX)
                .cmp(&b.order.unwrap_or(i32::MAX))
                .then_with(|| a.slug.cmp(&b.slug))
        });
    }

    fn link_faq<'r>(
        &mut self,
        portal: &mut Portal,
        records: impl Iterator<Item = &'r Loaded<FaqRecord>>,
    ) {
        let mut seen: HashMap<String, Origin> = HashMap::new();
        for item in records {
            let r = &item.record;
            let id = &r.id;
            if !is_slug(id) {
                let suggested = slugify(id);
                self.diagnostics.push(
                    item.origin
                        .error(
                            "id",
                            tr!(
                                "Mã câu hỏi `{id}` không dùng được trong địa chỉ trang web",
                                "the id `{id}` cannot be used in a web address"
                            ),
                        )
                        .expected(slug_expected())
                        .hint(tr!("ví dụ `{suggested}`", "e.g. `{suggested}`")),
                );
                continue;
            }
            if let Some(first) = seen.get(id) {
                let also = format!(
                    "{}:{}",
                    first.file.path.display(),
                    first.position("id").line
                );
                self.diagnostics.push(
                    item.origin
                        .error(
                            "id",
                            tr!(
                                "Mã câu hỏi `{id}` được dùng hai lần (lần kia ở {also})",
                                "the question id `{id}` is used twice (also in {also})"
                            ),
                        )
                        .hint(tr!(
                            "mỗi câu hỏi có một mã riêng: đổi mã của một trong hai câu",
                            "each question has its own id: change one of them"
                        )),
                );
                continue;
            }
            seen.insert(r.id.clone(), item.origin.clone());
            self.check_code("faq_category", &r.category, &item.origin, "category");
            portal.faq.push(FaqItem {
                id: r.id.clone(),
                category: r.category.clone(),
                question: r.question.clone(),
                answer: r.answer.clone(),
                source: r.source.clone(),
                origin: item.origin.clone(),
            });
        }
    }

    fn link_timeline<'r>(
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

    fn link_documents<'r>(
        &mut self,
        portal: &mut Portal,
        records: impl Iterator<Item = &'r Loaded<DocumentRecord>>,
    ) {
        for item in records {
            let r = &item.record;
            let (url, local) = match (&r.url, &r.file) {
                (Some(url), None) => {
                    if !url.starts_with("https://") && !url.starts_with("http://") {
                        self.diagnostics.push(
                            item.origin
                                .error(
                                    "url",
                                    tr!(
                                        "`{url}` không phải là địa chỉ trang web",
                                        "`{url}` is not a web address"
                                    ),
                                )
                                .expected(tr!(
                                    "một địa chỉ bắt đầu bằng https://",
                                    "an address starting with https://"
                                ))
                                .hint(tr!(
                                    "ghi đầy đủ địa chỉ bắt đầu bằng https://, hoặc dùng `file:` cho tệp có trong dự án",
                                    "write the full address starting with https://, or use `file:` for a file in the project"
                                )),
                        );
                        continue;
                    }
                    (url.clone(), false)
                }
                (None, Some(file)) => {
                    let base_dir = item
                        .origin
                        .file
                        .disk_path
                        .parent()
                        .unwrap_or(Path::new("."))
                        .to_path_buf();
                    match portal.assets.register(
                        self.content_root,
                        &base_dir,
                        file,
                        Publish::AsIs("/van-ban/"),
                    ) {
                        Ok(url) => (url, true),
                        Err(message) => {
                            self.diagnostics.push(item.origin.error("file", message));
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
                                    "Mỗi văn bản có đúng một trong hai trường `url:` hoặc `file:`",
                                    "a document has either `url:` or `file:`, exactly one"
                                ),
                            )
                            .hint(tr!(
                                "ghi `url: https://…` cho văn bản trên trang khác, hoặc `file: documents/….pdf` cho tệp trong dự án",
                                "write `url: https://…` for a document on another site, or `file: documents/….pdf` for a file in the project"
                            )),
                    );
                    continue;
                }
            };
            portal.documents.push(Document {
                number: r.number.0.clone(),
                date: r.date.0,
                issuer: r.issuer.clone(),
                title: r.title.clone(),
                url,
                local,
            });
        }
        portal
            .documents
            .sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.number.cmp(&b.number)));
    }
}

use std::sync::Arc;

/// What a code names, in each language: `religion` → ("tôn giáo", "religion").
fn code_kind(field: &str) -> (String, String) {
    let vi = match field {
        "gender" => "giới tính",
        "ethnicity" => "dân tộc",
        "religion" => "tôn giáo",
        "news_category" => "chuyên mục tin",
        "faq_category" => "nhóm câu hỏi",
        "commune_type" => "loại đơn vị hành chính",
        other => other,
    };
    (vi.to_string(), field.replace('_', " "))
}

fn no_original(file: std::path::PathBuf, slug: &str) -> Diagnostic {
    Diagnostic::error(
        file,
        tr!(
            "Bản dịch này chưa có bản gốc tiếng Việt `{slug}.md`",
            "this translation has no Vietnamese original `{slug}.md`"
        ),
    )
    .hint(tr!(
        "bản dịch có cùng tên tệp với bản gốc, thêm `.en` trước `.md`; kiểm tra tên hai tệp",
        "a translation shares the file name of its original, with `.en` before `.md`: check both names"
    ))
}

/// The path of a web address beyond its root (`/baucu` of
/// `https://quangtri.gov.vn/baucu/`), when it has one.
fn site_path(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = rest.find(['/', '?', '#']).map(|i| &rest[i..])?;
    let path = path.trim_end_matches('/');
    (!path.is_empty()).then_some(path)
}

fn closest_commune(portal: &Portal, code: u32) -> Option<Localized> {
    let codes: Vec<u32> = portal.communes.iter().map(|c| c.code).collect();
    nearest_number(code, &codes).map(|n| {
        let name = portal
            .commune(n)
            .map(|c| c.name.vi.clone())
            .unwrap_or_default();
        tr!(
            "mã xã, phường gần nhất có thật là {n} ({name})",
            "the closest commune code is {n} ({name})"
        )
    })
}

/// The number in `numbers` closest to `n`.
pub fn nearest_number(n: u32, numbers: &[u32]) -> Option<u32> {
    numbers.iter().copied().min_by_key(|&m| (m.abs_diff(n), m))
}

fn list_numbers(numbers: &[u32]) -> String {
    let mut sorted = numbers.to_vec();
    sorted.sort_unstable();
    sorted
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}
