//! Joins loaded records into one [`Portal`] per province, reporting every reference
//! that does not resolve. One file per kind of content; this one holds the entry
//! point, the checks of `province.yaml` and the helpers the others share.

mod brand;
mod candidates;
mod documents;
mod election;
mod faq;
mod news;
mod pages;
mod references;
mod results;
mod timeline;
mod units;

use super::{Election, Portal};
use crate::content::records::Scope;
use crate::content::source::{Origin, YamlPath};
use crate::content::{LevelFile, ProjectSource, ProvinceSource, SharedSource};
use crate::diagnostics::{tr, Diagnostic, Localized};
use crate::text::{closest, closest_code, is_slug, slugify};
use election::link_election;
use std::collections::{BTreeMap, BTreeSet};
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
    let content_root = &project.content_root;
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
                    content_root,
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
    // Names of news tags (tags themselves are free: any slug is a tag).
    "news_tag",
];

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
        if let Some(problem) = base_url_problem(origin, "base_url", &record.base_url) {
            self.diagnostics.push(problem);
        }
        let mut portal = Portal {
            dir: source.dir.clone(),
            agency: record.agency.clone(),
            contact: record.contact.clone(),
            residence_privacy: record.privacy.residence,
            vneid: record.links.vneid,
            raw_html: record.markdown.raw_html,
            ..Portal::site_only(
                &source.id,
                record.name.clone(),
                record.base_url.trim_end_matches('/'),
                origin.clone(),
            )
        };
        self.link_brand(
            &mut portal,
            origin,
            [
                ("emblem", record.emblem.as_ref()),
                ("logo", record.logo.as_ref()),
                ("favicon", record.favicon.as_ref()),
            ],
        );
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
}

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
/// What is wrong with a portal's address (`field` of `origin`), if anything: it
/// must be a web address at the root of its domain.
pub(super) fn base_url_problem(origin: &Origin, field: &str, base_url: &str) -> Option<Diagnostic> {
    if !base_url.starts_with("https://") && !base_url.starts_with("http://") {
        return Some(
            origin
                .error(
                    field,
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
        return Some(
                origin
                    .error(
                        field,
                        tr!(
                            "`{base_url}` có đường dẫn `{path}`: mỗi cổng thông tin là một trang web riêng, đặt ở gốc địa chỉ của nó",
                            "`{base_url}` has a path, `{path}`: each portal is a site of its own, served at the root of its address"
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
    None
}

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
