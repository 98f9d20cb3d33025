//! Joins loaded records into one [`Portal`] per province, reporting every reference
//! that does not resolve.

use super::assets::{AssetMap, Publish};
use super::*;
use crate::content::source::YamlPath;
use crate::content::{
    LevelFile, Loaded, MarkdownSource, ProjectSource, ProvinceSource, SharedSource,
};
use crate::diagnostics::Diagnostic;
use crate::text::{closest, compare_names, is_slug, slugify};
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
                .error("languages", "Vietnamese must be the first language")
                .hint("write `languages: [vi, en]`"),
        );
        ok = false;
    }
    let mut levels = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, level) in record.election.levels.iter().enumerate() {
        let at = origin.path.field("election").field("levels").item(i);
        let level_origin = Origin::new(&origin.file, at);
        if !is_slug(&level.id) {
            diagnostics.push(
                level_origin
                    .error(
                        "id",
                        format!("level id `{}` cannot be used in a web address", level.id),
                    )
                    .hint(format!(
                        "use lowercase ASCII letters, digits and dashes, e.g. `{}`",
                        slugify(&level.id)
                    )),
            );
            ok = false;
        }
        if !seen.insert(level.id.clone()) {
            diagnostics
                .push(level_origin.error("id", format!("level `{}` is listed twice", level.id)));
            ok = false;
        }
        let default_max = if level.id == "quoc-hoi" { 3 } else { 5 };
        levels.push(Level {
            id: level.id.clone(),
            name: level.name.clone(),
            max_seats_per_unit: level.max_seats_per_unit.unwrap_or(default_max),
            scope: level.scope,
            origin: level_origin,
        });
    }
    if levels.is_empty() {
        diagnostics.push(origin.error("election.levels", "the election has no levels").hint(
            "list the ballot levels under election.levels, e.g. {id: quoc-hoi, name: …, scope: province}",
        ));
        ok = false;
    }
    ok.then(|| Election {
        id: record.election.id.clone(),
        name: record.election.name.clone(),
        date: record.election.date.0,
        levels,
        languages: record.languages.clone(),
        theme: record.theme.clone(),
        codes: record.codes.clone(),
        origin: origin.clone(),
    })
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
        if record.id != source.id {
            self.diagnostics.push(
                origin
                    .error(
                        "id",
                        format!(
                            "the id `{}` differs from the folder name `{}`",
                            record.id, source.id
                        ),
                    )
                    .hint(format!("write `id: {}` or rename the folder", source.id)),
            );
        }
        if !record.base_url.starts_with("https://") && !record.base_url.starts_with("http://") {
            self.diagnostics.push(
                origin
                    .error(
                        "base_url",
                        format!("`{}` is not a web address", record.base_url),
                    )
                    .hint("write the portal's address, e.g. https://baucu.quangninh.gov.vn"),
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
        self.link_candidates(&mut portal, &source.candidates, &unit_index);
        self.link_results(&mut portal, &source.results, &unit_index);
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
        if !known.contains(code) {
            let hint = match closest(code, known.iter().map(String::as_str)) {
                Some(c) => format!("did you mean `{c}`?"),
                None => format!(
                    "use one of the codes listed for `{field}` in the README, or add it under `codes: {{{field}: …}}` in baucu.yaml"
                ),
            };
            self.diagnostics.push(
                origin
                    .error(
                        at,
                        format!("`{code}` is not a known {} code", field.replace('_', " ")),
                    )
                    .hint(hint),
            );
        }
    }

    fn link_communes(&mut self, portal: &mut Portal, province: &Loaded<ProvinceRecord>) {
        for (i, commune) in province.record.communes.iter().enumerate() {
            let origin = Origin::new(
                &province.origin.file,
                YamlPath::root().field("communes").item(i),
            );
            if portal.commune_index.contains_key(&commune.code) {
                self.diagnostics.push(origin.error(
                    "code",
                    format!("commune code {} is listed twice", commune.code),
                ));
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
            let hint = closest(level_id, self.election.levels.iter().map(|l| l.id.as_str()))
                .map(|l| format!("did you mean `{l}`?"))
                .unwrap_or_else(|| {
                    format!(
                        "the levels of baucu.yaml are: {}",
                        self.election
                            .levels
                            .iter()
                            .map(|l| l.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                });
            self.diagnostics.push(
                origin
                    .error(
                        "level",
                        format!("there is no level `{level_id}` in baucu.yaml"),
                    )
                    .hint(hint),
            );
            return None;
        };
        if file.path_level != level_id {
            self.diagnostics.push(
                origin
                    .error(
                        "level",
                        format!(
                            "the file says level `{level_id}` but is in the place of level `{}`",
                            file.path_level
                        ),
                    )
                    .hint(
                        "the file name (or folder) and its `level:` line must name the same level",
                    ),
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
                self.diagnostics.push(origin.error("level", format!(
                    "level `{level_id}` is province-wide: its file is <section>/{level_id}.yaml without a `commune:` line"
                )).hint("move the entries into one file for the whole province, or set `scope: commune` for this level in baucu.yaml"));
                None
            }
            (Scope::Commune, Some(path_code), Some(code)) if path_code == code => {
                if portal.commune(code).is_none() {
                    let hint = closest_commune(portal, code);
                    self.diagnostics.push(
                        origin
                            .error(
                                "commune",
                                format!("there is no commune {code} in province.yaml"),
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
                            format!("the file says commune {code} but its name says {path_code}"),
                        )
                        .hint("the file name is the commune's code: they must agree"),
                );
                None
            }
            (Scope::Commune, _, None) => {
                self.diagnostics.push(
                    origin
                        .error(
                            "",
                            "this file of a commune-wide level has no `commune:` line",
                        )
                        .hint("add `commune: <code>` with the commune's code from province.yaml"),
                );
                None
            }
            (Scope::Commune, None, Some(_)) => {
                self.diagnostics.push(origin.error("level", format!(
                    "level `{level_id}` is commune-wide: put one file per commune in <section>/{level_id}/<code>.yaml"
                )));
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
                if index.contains_key(&key) {
                    self.diagnostics.push(
                        origin
                            .error(
                                "number",
                                format!("unit number {} appears twice in this level", unit.number),
                            )
                            .hint("each unit of a level has its own number"),
                    );
                    continue;
                }
                if unit.seats == 0 {
                    self.diagnostics.push(
                        origin
                            .error("seats", "a unit elects at least one deputy")
                            .hint("write the number of seats, e.g. `seats: 3`"),
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
                                    format!("there is no commune {code} in province.yaml"),
                                )
                                .maybe_hint(hint),
                        );
                    }
                }
                if scope == Scope::Commune && !unit.communes.is_empty() {
                    self.diagnostics.push(origin.error("communes", "a unit of a commune-wide level lies inside its commune and lists no communes").hint("describe the part of the commune with `area:` instead"));
                }
                if scope == Scope::Province && unit.communes.is_empty() {
                    self.diagnostics.push(origin.error("", format!("unit {} lists no communes", unit.number)).hint("add `communes: [code, …]` with the codes of its communes from province.yaml"));
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
        files: &[LevelFile<CandidatesFile>],
        units: &HashMap<UnitKey, usize>,
    ) {
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
                if !is_slug(&candidate.id) {
                    self.diagnostics.push(
                        origin
                            .error(
                                "id",
                                format!(
                                    "the id `{}` cannot be used in a web address",
                                    candidate.id
                                ),
                            )
                            .hint(format!(
                                "use lowercase ASCII letters, digits and dashes, e.g. `{}`",
                                slugify(&candidate.id)
                            )),
                    );
                    continue;
                }
                self.check_candidate_codes(candidate, &origin);
                let Some(&unit) = units.get(&(level, commune, candidate.unit)) else {
                    let numbers: Vec<u32> = portal
                        .units
                        .iter()
                        .filter(|u| u.level == level && u.commune == commune)
                        .map(|u| u.number)
                        .collect();
                    let hint = nearest_number(candidate.unit, &numbers)
                        .map(|n| {
                            format!(
                                "the closest existing unit is {n}; units of this level: {}",
                                list_numbers(&numbers)
                            )
                        })
                        .unwrap_or_else(|| {
                            format!(
                                "add the unit to units/{}{}",
                                self.election.levels[level].id,
                                commune
                                    .map(|c| format!("/{c}.yaml"))
                                    .unwrap_or(".yaml".into())
                            )
                        });
                    self.diagnostics.push(
                        origin
                            .error(
                                "unit",
                                format!(
                                    "there is no unit {} in level `{}`",
                                    candidate.unit, self.election.levels[level].id
                                ),
                            )
                            .hint(hint),
                    );
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
                            self.diagnostics.push(origin.error("id", format!("the id `{}` is used twice in level `{}`", candidate.id, self.election.levels[level].id)).hint("one person stands in one unit per level: give different people different ids, e.g. add the birth year"));
                            continue;
                        }
                        p
                    }
                    None => {
                        let photo_url = candidate.photo.as_ref().and_then(|photo| {
                            match portal.assets.register(
                                self.content_root,
                                &base_dir,
                                photo,
                                Publish::Fingerprinted,
                            ) {
                                Ok(url) => Some(url),
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
                            photo_url,
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
        self.order_ballots(portal);
        self.order_people(portal);
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
                    .map(|l| format!("did you mean `{l}`?"));
                self.diagnostics.push(
                    origin
                        .error(
                            &format!("incumbent.{i}"),
                            format!("there is no level `{level}` in baucu.yaml"),
                        )
                        .maybe_hint(hint),
                );
            }
        }
    }

    /// Sorts each unit's list by ballot order; where no order is written, by name the
    /// Vietnamese way. Two candidates with the same written order are an error.
    fn order_ballots(&mut self, portal: &mut Portal) {
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
                key(sa).cmp(&key(sb)).then_with(|| {
                    compare_names(
                        &portal.people[sa.person].record.name,
                        &portal.people[sb.person].record.name,
                    )
                })
            });
            for pair in list.windows(2) {
                let (a, b) = (&portal.standings[pair[0]], &portal.standings[pair[1]]);
                if a.ballot_order != 0 && a.ballot_order == b.ballot_order {
                    self.diagnostics.push(b.origin.error("ballot_order", format!(
                        "ballot order {} is also given to {}", b.ballot_order, portal.people[a.person].record.name
                    )).hint("number the candidates of a unit 1, 2, 3 … in the order of the ballot"));
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
    fn order_people(&mut self, portal: &mut Portal) {
        let mut order: Vec<usize> = (0..portal.people.len()).collect();
        order.sort_by(|&a, &b| {
            compare_names(&portal.people[a].record.name, &portal.people[b].record.name)
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
        files: &[LevelFile<ResultsFile>],
        units: &HashMap<UnitKey, usize>,
    ) {
        for file in files {
            let Some((level, commune)) =
                self.file_level(portal, file, &file.record.level, file.record.commune)
            else {
                continue;
            };
            for (i, result) in file.record.units.iter().enumerate() {
                let origin = Origin::new(&file.file, YamlPath::root().field("units").item(i));
                let Some(&unit) = units.get(&(level, commune, result.number)) else {
                    let numbers: Vec<u32> = portal
                        .units
                        .iter()
                        .filter(|u| u.level == level && u.commune == commune)
                        .map(|u| u.number)
                        .collect();
                    let hint = nearest_number(result.number, &numbers)
                        .map(|n| format!("the closest existing unit is {n}"));
                    self.diagnostics.push(
                        origin
                            .error(
                                "number",
                                format!(
                                    "there is no unit {} in level `{}`",
                                    result.number, self.election.levels[level].id
                                ),
                            )
                            .maybe_hint(hint),
                    );
                    continue;
                };
                if portal.units[unit].result.is_some() {
                    self.diagnostics.push(
                        origin.error("number", format!("unit {} has two results", result.number)),
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
                let resolve =
                    |id: &str, at: &str, diagnostics: &mut Vec<Diagnostic>| -> Option<usize> {
                        match on_list.iter().find(|(pid, _)| pid == id) {
                            Some((_, p)) => Some(*p),
                            None => {
                                let hint = closest(id, on_list.iter().map(|(pid, _)| pid.as_str()))
                                    .map(|c| format!("did you mean `{c}`?"))
                                    .or_else(|| {
                                        Some(format!(
                                            "the candidates of unit {} are: {}",
                                            result.number,
                                            on_list
                                                .iter()
                                                .map(|(p, _)| p.as_str())
                                                .collect::<Vec<_>>()
                                                .join(", ")
                                        ))
                                    });
                                diagnostics.push(
                                    origin
                                        .error(
                                            at,
                                            format!(
                                                "`{id}` is not a candidate of unit {}",
                                                result.number
                                            ),
                                        )
                                        .maybe_hint(hint),
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
                    self.diagnostics.push(Diagnostic::error(v.file.path.clone(), format!("this translation has no Vietnamese original `{slug}.md`"))
                        .hint("a translation shares the file name of its original, with `.en` before `.md`"));
                }
                continue;
            };
            if originals.len() > 1 {
                self.diagnostics.push(Diagnostic::error(originals[1].file.path.clone(), format!(
                    "two news items have the slug `{slug}` (also {})", originals[0].file.path.display()
                )).hint("news addresses come from the file name after the date: give each item its own name"));
                continue;
            }
            let front = &original.front;
            let origin = Origin::new(&original.file, YamlPath::root());
            let date = match (front.date, original.date_prefix) {
                (Some(d), _) => d,
                (None, Some(prefix)) => {
                    DateTime::parse(&prefix.0.to_string()).expect("a valid date parses")
                }
                (None, None) => {
                    self.diagnostics.push(
                        origin
                            .error("", "the news item has no `date`")
                            .hint("add `date: 2026-01-14T14:00:00+07:00` to the front matter"),
                    );
                    continue;
                }
            };
            let Some(category) = front.category.clone() else {
                self.diagnostics.push(
                    origin
                        .error("", "the news item has no `category`")
                        .hint("add `category: tin-bau-cu` (or another news category code)"),
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
                match portal.assets.register(
                    self.content_root,
                    &base_dir,
                    image,
                    Publish::Fingerprinted,
                ) {
                    Ok(url) => Some(url),
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
            if let Err(message) = portal.assets.register(
                self.content_root,
                &base_dir,
                &reference,
                Publish::Fingerprinted,
            ) {
                self.diagnostics.push(
                    Diagnostic::error(file.path.clone(), message)
                        .at(file.body_position(body, offset)),
                );
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
                    self.diagnostics.push(Diagnostic::error(
                        v.file.path.clone(),
                        format!("this translation has no Vietnamese original `{slug}.md`"),
                    ));
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
            if !is_slug(&r.id) {
                self.diagnostics.push(
                    item.origin
                        .error(
                            "id",
                            format!("the id `{}` cannot be used in a web address", r.id),
                        )
                        .hint(format!("e.g. `{}`", slugify(&r.id))),
                );
                continue;
            }
            if let Some(first) = seen.get(&r.id) {
                self.diagnostics.push(item.origin.error(
                    "id",
                    format!(
                        "the question id `{}` is used twice (also in {})",
                        r.id,
                        first.file.path.display()
                    ),
                ));
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
                    match self.election.date.checked_add(time::Duration::days(offset)) {
                        Some(d) => d,
                        None => {
                            self.diagnostics.push(
                                item.origin
                                    .error("offset_days", "this offset leads to no real date"),
                            );
                            continue;
                        }
                    }
                }
                _ => {
                    self.diagnostics.push(item.origin.error("", "a milestone has either `date:` or `offset_days:`, exactly one")
                        .hint("write `date: 2026-03-15`, or `offset_days: -42` for 42 days before election day"));
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
                        self.diagnostics.push(item.origin.error("url", format!("`{url}` is not a web address")).hint("write the full address starting with https://, or use `file:` for a file in the project"));
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
                            .error("", "a document has either `url:` or `file:`, exactly one"),
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

fn closest_commune(portal: &Portal, code: u32) -> Option<String> {
    let codes: Vec<u32> = portal.communes.iter().map(|c| c.code).collect();
    nearest_number(code, &codes).map(|n| {
        let name = portal
            .commune(n)
            .map(|c| c.name.vi.clone())
            .unwrap_or_default();
        format!("the closest commune code is {n} ({name})")
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
