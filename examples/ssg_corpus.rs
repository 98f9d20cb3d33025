//! Converts a baucu project (a fixture of `examples/fixture`) into the same corpus for
//! Hugo and for Zola, so that `scripts/bench.sh --compare` can build one set of pages
//! with the three generators on the same machine.
//!
//! ```sh
//! cargo run --release --example ssg_corpus -- --hugo OUT/hugo --zola OUT/zola FIXTURE
//! ```
//!
//! One page per news item per language, per candidate per language, per unit per
//! language, per commune's unit list; list pages (news, 20 a page, and each category,
//! paginated; candidates; units by level), lookup, results, FAQ, documents, timeline,
//! search and free pages, for every province, under `/<province>/` (Vietnamese) and
//! `/<province>/en/` (English). The templates (`scripts/bench/hugo/`,
//! `scripts/bench/zola/`) print the fields baucu's pages print, with minification on
//! like baucu's. Language is part of the path, not Hugo's or Zola's multilingual mode.

use rayon::prelude::*;
use serde_yaml::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ssg {
    Hugo,
    Zola,
}

/// A TOML value for the `[extra]` table.
enum T {
    S(String),
    I(i64),
    B(bool),
    A(Vec<T>),
    O(Vec<(&'static str, T)>),
}

fn s(v: impl Into<String>) -> T {
    T::S(v.into())
}

fn toml_str(out: &mut String, v: &str) {
    out.push('"');
    for c in v.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn toml_value(out: &mut String, v: &T) {
    match v {
        T::S(x) => toml_str(out, x),
        T::I(i) => {
            let _ = write!(out, "{i}");
        }
        T::B(b) => {
            let _ = write!(out, "{b}");
        }
        T::A(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                toml_value(out, item);
            }
            out.push(']');
        }
        T::O(fields) => {
            out.push('{');
            for (i, (k, item)) in fields.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                let _ = write!(out, " {k} = ");
                toml_value(out, item);
            }
            out.push_str(" }");
        }
    }
}

struct Section {
    paginate: bool,
    /// Zola's `sort_by`: `date`, `weight` or `none`.
    sort: &'static str,
    transparent: bool,
}

impl Section {
    fn plain() -> Section {
        Section {
            paginate: false,
            sort: "none",
            transparent: false,
        }
    }

    fn by_weight() -> Section {
        Section {
            paginate: false,
            sort: "weight",
            transparent: false,
        }
    }
}

struct Page {
    /// Under `content/`, without `.md`: `quang-ninh/ung-cu-vien/abc` or `…/_index`.
    path: String,
    title: String,
    date: Option<String>,
    weight: Option<i64>,
    template: &'static str,
    section: Option<Section>,
    extra: Vec<(&'static str, T)>,
    body: String,
}

fn render_page(ssg: Ssg, page: &Page) -> String {
    let mut out = String::with_capacity(512 + page.body.len());
    out.push_str("+++\ntitle = ");
    toml_str(&mut out, &page.title);
    out.push('\n');
    if let Some(d) = &page.date {
        let _ = writeln!(out, "date = {d}");
    }
    if let Some(w) = page.weight {
        let _ = writeln!(out, "weight = {w}");
    }
    match ssg {
        Ssg::Hugo => {
            let _ = writeln!(out, "layout = \"{}\"", page.template);
        }
        Ssg::Zola => {
            let _ = writeln!(out, "template = \"{}.html\"", page.template);
            if let Some(sec) = &page.section {
                let _ = writeln!(out, "sort_by = \"{}\"", sec.sort);
                if sec.paginate {
                    out.push_str("paginate_by = 20\n");
                }
                if sec.transparent {
                    out.push_str("transparent = true\n");
                }
            }
        }
    }
    out.push_str("[extra]\n");
    for (k, v) in &page.extra {
        let _ = write!(out, "{k} = ");
        toml_value(&mut out, v);
        out.push('\n');
    }
    out.push_str("+++\n");
    out.push_str(&page.body);
    if !page.body.ends_with('\n') {
        out.push('\n');
    }
    out
}

// ---------------------------------------------------------------------------
// Reading the baucu project

fn load_yaml(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn get<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    v.as_mapping()
        .and_then(|m| m.get(key))
        .filter(|x| !x.is_null())
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(x) => x.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

/// A text field in `lang`, falling back to Vietnamese.
fn text(v: Option<&Value>, lang: &str) -> String {
    match v {
        Some(Value::Mapping(m)) => m
            .get(lang)
            .or_else(|| m.get("vi"))
            .map(scalar)
            .unwrap_or_default(),
        Some(x) => scalar(x),
        None => String::new(),
    }
}

fn field(v: &Value, key: &str, lang: &str) -> String {
    text(get(v, key), lang)
}

fn list<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    get(v, key)
        .and_then(Value::as_sequence)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "yaml"));
    files.sort();
    files
}

/// Front matter and body of a Markdown file.
fn split_markdown(path: &Path) -> (Value, String) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let rest = text.strip_prefix("---\n").unwrap_or(&text);
    match rest.find("\n---\n") {
        Some(end) => (
            serde_yaml::from_str(&rest[..end]).unwrap_or(Value::Null),
            rest[end + 5..].to_string(),
        ),
        None => (Value::Null, text.clone()),
    }
}

fn first_paragraph(body: &str) -> String {
    body.split("\n\n")
        .map(str::trim)
        .find(|p| !p.is_empty() && !p.starts_with('|') && !p.starts_with('#'))
        .unwrap_or("")
        .replace('\n', " ")
}

struct Level {
    id: String,
    name: [String; 2],
    commune: bool,
}

struct Project {
    root: PathBuf,
    election: [String; 2],
    date: time::Date,
    levels: Vec<Level>,
    categories: Vec<(String, [String; 2])>,
    /// Code names of the theme: field → code → [vi, en].
    codes: BTreeMap<String, BTreeMap<String, [String; 2]>>,
    shared_faq: Vec<Value>,
    shared_documents: Vec<Value>,
    shared_timeline: Vec<Value>,
}

const LANGS: [&str; 2] = ["vi", "en"];

impl Project {
    fn code(&self, field: &str, code: &str, lang: usize) -> String {
        self.codes
            .get(field)
            .and_then(|m| m.get(code))
            .map(|n| n[lang].clone())
            .unwrap_or_else(|| code.to_string())
    }
}

fn load_project(root: &Path, theme: &Path) -> Project {
    let cfg = load_yaml(&root.join("baucu.yaml"));
    let election = get(&cfg, "election").expect("election");
    let date = time::Date::parse(
        &scalar(get(election, "date").expect("date")),
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .expect("election date");
    let levels = list(election, "levels")
        .iter()
        .map(|l| Level {
            id: scalar(get(l, "id").unwrap()),
            name: [field(l, "name", "vi"), field(l, "name", "en")],
            commune: get(l, "scope").map(scalar).as_deref() == Some("commune"),
        })
        .collect();
    let mut codes: BTreeMap<String, BTreeMap<String, [String; 2]>> = BTreeMap::new();
    for (i, lang) in LANGS.iter().enumerate() {
        let path = theme.join(format!("i18n/{lang}.yaml"));
        if !path.exists() {
            continue;
        }
        let tr = load_yaml(&path);
        if let Some(Value::Mapping(fields)) = get(&tr, "codes") {
            for (f, names) in fields {
                if let Value::Mapping(names) = names {
                    for (code, name) in names {
                        codes
                            .entry(scalar(f))
                            .or_default()
                            .entry(scalar(code))
                            .or_default()[i] = scalar(name);
                    }
                }
            }
        }
    }
    if let Some(Value::Mapping(extra)) = get(&cfg, "codes") {
        for (f, names) in extra {
            if let Value::Mapping(names) = names {
                for (code, name) in names {
                    codes.entry(scalar(f)).or_default().insert(
                        scalar(code),
                        [text(Some(name), "vi"), text(Some(name), "en")],
                    );
                }
            }
        }
    }
    let categories = codes
        .get("news_category")
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        .unwrap_or_default();
    let shared = root.join("content/_shared");
    let seq = |p: PathBuf| -> Vec<Value> {
        if p.exists() {
            load_yaml(&p).as_sequence().cloned().unwrap_or_default()
        } else {
            Vec::new()
        }
    };
    let mut shared_faq = Vec::new();
    for f in yaml_files(&shared.join("faq")) {
        shared_faq.extend(seq(f));
    }
    Project {
        root: root.to_path_buf(),
        election: [field(election, "name", "vi"), field(election, "name", "en")],
        date,
        levels,
        categories,
        codes,
        shared_faq,
        shared_documents: seq(shared.join("documents.yaml")),
        shared_timeline: seq(shared.join("timeline.yaml")),
    }
}

// ---------------------------------------------------------------------------
// One province → pages

struct Sections {
    news: &'static str,
    candidates: &'static str,
    units: &'static str,
    lookup: &'static str,
    results: &'static str,
    faq: &'static str,
    documents: &'static str,
    timeline: &'static str,
    search: &'static str,
}

const SECTIONS: [Sections; 2] = [
    Sections {
        news: "tin-tuc",
        candidates: "ung-cu-vien",
        units: "don-vi-bau-cu",
        lookup: "tra-cuu",
        results: "ket-qua",
        faq: "hoi-dap",
        documents: "van-ban",
        timeline: "lich-trinh",
        search: "tim-kiem",
    },
    Sections {
        news: "news",
        candidates: "candidates",
        units: "units",
        lookup: "lookup",
        results: "results",
        faq: "faq",
        documents: "documents",
        timeline: "timeline",
        search: "search",
    },
];

struct UnitData {
    level: usize,
    commune: Option<(u32, String, String)>,
    number: i64,
    seats: i64,
    communes: Vec<u32>,
    area: Value,
    description: Value,
    candidates: Vec<(Value, i64)>,
    result: Option<Value>,
}

fn commune_slug(name: &str, code: u32) -> String {
    format!("{}-{code}", baucu::text::slugify(name))
}

/// A news item in one language: its front matter, title and body.
type NewsVersionParts = (Value, String, String);

fn convert_province(project: &Project, id: &str, ssg: Ssg, out: &Path) -> (usize, u64) {
    let dir = project.root.join("content").join(id);
    let province = load_yaml(&dir.join("province.yaml"));
    let communes: Vec<(u32, [String; 2])> = list(&province, "communes")
        .iter()
        .map(|c| {
            (
                get(c, "code").and_then(Value::as_u64).unwrap_or(0) as u32,
                [field(c, "name", "vi"), field(c, "name", "en")],
            )
        })
        .collect();
    let commune_name = |code: u32, lang: usize| -> String {
        communes
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, n)| n[lang].clone())
            .unwrap_or_default()
    };

    // Units, candidates and results of every level.
    let mut units: Vec<UnitData> = Vec::new();
    let mut index: BTreeMap<(usize, u32, i64), usize> = BTreeMap::new();
    for kind in ["units", "candidates", "results"] {
        for (li, level) in project.levels.iter().enumerate() {
            let files = if level.commune {
                yaml_files(&dir.join(kind).join(&level.id))
            } else {
                let f = dir.join(kind).join(format!("{}.yaml", level.id));
                if f.exists() {
                    vec![f]
                } else {
                    Vec::new()
                }
            };
            for f in files {
                let doc = load_yaml(&f);
                let commune = get(&doc, "commune")
                    .and_then(Value::as_u64)
                    .map(|c| c as u32);
                let key_commune = commune.unwrap_or(0);
                match kind {
                    "units" => {
                        for u in list(&doc, "units") {
                            let number = get(u, "number").and_then(Value::as_i64).unwrap_or(0);
                            index.insert((li, key_commune, number), units.len());
                            units.push(UnitData {
                                level: li,
                                commune: commune.map(|c| {
                                    (c, commune_name(c, 0), commune_slug(&commune_name(c, 0), c))
                                }),
                                number,
                                seats: get(u, "seats").and_then(Value::as_i64).unwrap_or(0),
                                communes: list(u, "communes")
                                    .iter()
                                    .filter_map(Value::as_u64)
                                    .map(|c| c as u32)
                                    .collect(),
                                area: get(u, "area").cloned().unwrap_or(Value::Null),
                                description: get(u, "description").cloned().unwrap_or(Value::Null),
                                candidates: Vec::new(),
                                result: None,
                            });
                        }
                    }
                    "candidates" => {
                        for c in list(&doc, "candidates") {
                            let number = get(c, "unit").and_then(Value::as_i64).unwrap_or(0);
                            if let Some(&u) = index.get(&(li, key_commune, number)) {
                                let order =
                                    get(c, "ballot_order").and_then(Value::as_i64).unwrap_or(0);
                                units[u].candidates.push((c.clone(), order));
                            }
                        }
                    }
                    _ => {
                        for r in list(&doc, "units") {
                            let number = get(r, "number").and_then(Value::as_i64).unwrap_or(0);
                            if let Some(&u) = index.get(&(li, key_commune, number)) {
                                units[u].result = Some(r.clone());
                            }
                        }
                    }
                }
            }
        }
    }
    for u in &mut units {
        u.candidates.sort_by_key(|(_, o)| *o);
    }

    // News, grouped by slug.
    let mut news: BTreeMap<String, [Option<NewsVersionParts>; 2]> = BTreeMap::new();
    if let Ok(entries) = std::fs::read_dir(dir.join("news")) {
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            let Some(stem) = name.strip_suffix(".md") else {
                continue;
            };
            let (stem, lang) = match stem.strip_suffix(".en") {
                Some(s) => (s, 1),
                None => (stem, 0),
            };
            let slug = stem.get(11..).unwrap_or(stem).to_string();
            let (fm, body) = split_markdown(&p);
            news.entry(slug).or_default()[lang] = Some((fm, body, stem[..10].to_string()));
        }
    }

    let mut pages: Vec<Page> = Vec::new();
    let pname = [
        field(&province, "name", "vi"),
        field(&province, "name", "en"),
    ];
    for (l, lang) in LANGS.iter().enumerate() {
        let sec = &SECTIONS[l];
        let base = if l == 0 {
            format!("{id}/")
        } else {
            format!("{id}/en/")
        };
        let url = |rest: &str| format!("/{base}{rest}");
        let common = |extra: &mut Vec<(&'static str, T)>| {
            extra.push(("lang", s(*lang)));
            extra.push(("base", s(format!("/{base}"))));
            extra.push(("province", s(pname[l].clone())));
            extra.push(("agency", s(field(&province, "agency", lang))));
            extra.push(("election", s(project.election[l].clone())));
        };
        let mut page = |path: String,
                        title: String,
                        template: &'static str,
                        section: Option<Section>,
                        mut extra: Vec<(&'static str, T)>,
                        body: String,
                        date: Option<String>,
                        weight: Option<i64>| {
            common(&mut extra);
            pages.push(Page {
                path,
                title,
                date,
                weight,
                template,
                section,
                extra,
                body,
            });
        };
        // Home
        page(
            format!("{base}_index"),
            pname[l].clone(),
            "portal",
            Some(Section::plain()),
            vec![("news_section", s(format!("{base}{}", sec.news)))],
            String::new(),
            None,
            None,
        );
        // News
        page(
            format!("{base}{}/_index", sec.news),
            if l == 0 { "Tin tức" } else { "News" }.into(),
            "news_list",
            Some(Section {
                paginate: true,
                sort: "date",
                transparent: false,
            }),
            Vec::new(),
            String::new(),
            None,
            None,
        );
        for (code, names) in &project.categories {
            page(
                format!("{base}{}/{code}/_index", sec.news),
                names[l].clone(),
                "category",
                Some(Section {
                    paginate: true,
                    sort: "date",
                    transparent: true,
                }),
                Vec::new(),
                String::new(),
                None,
                None,
            );
        }
        for (slug, versions) in &news {
            let (Some((fm, body, day)), Some((vi_fm, _, _))) = (&versions[l], &versions[0]) else {
                continue;
            };
            let category = text(get(vi_fm, "category"), "vi");
            let summary = match get(fm, "summary") {
                Some(x) => scalar(x),
                None => first_paragraph(body),
            };
            let date = get(vi_fm, "date")
                .map(scalar)
                .unwrap_or_else(|| day.clone());
            let tags: Vec<T> = list(vi_fm, "tags").iter().map(|t| s(scalar(t))).collect();
            page(
                format!("{base}{}/{category}/{slug}", sec.news),
                text(get(fm, "title"), "vi"),
                "news_item",
                None,
                vec![
                    ("summary", s(summary)),
                    ("author", s(text(get(vi_fm, "author"), "vi"))),
                    ("category", s(project.code("news_category", &category, l))),
                    ("tags", T::A(tags)),
                    (
                        "featured",
                        T::B(
                            get(vi_fm, "featured")
                                .and_then(Value::as_bool)
                                .unwrap_or(false),
                        ),
                    ),
                ],
                body.clone(),
                Some(date),
                None,
            );
        }
        // Candidates
        page(
            format!("{base}{}/_index", sec.candidates),
            if l == 0 {
                "Danh sách người ứng cử"
            } else {
                "Candidates"
            }
            .into(),
            "candidates",
            Some(Section::by_weight()),
            vec![("units_section", s(format!("{base}{}", sec.units)))],
            String::new(),
            None,
            None,
        );
        let mut weight = 0;
        for u in &units {
            let level = &project.levels[u.level];
            let unit_url = match &u.commune {
                Some((_, _, slug)) => {
                    url(&format!("{}/{}/{slug}/{}/", sec.units, level.id, u.number))
                }
                None => url(&format!("{}/{}/{}/", sec.units, level.id, u.number)),
            };
            for (c, order) in &u.candidates {
                weight += 1;
                let mut extra = vec![
                    ("level", s(level.name[l].clone())),
                    ("commune_level", T::B(level.commune)),
                    ("unit", T::I(u.number)),
                    ("unit_url", s(unit_url.clone())),
                    ("ballot_order", T::I(*order)),
                    ("birth_date", s(field(c, "birth_date", lang))),
                    (
                        "gender",
                        s(project.code("gender", &field(c, "gender", "vi"), l)),
                    ),
                    (
                        "ethnicity",
                        s(project.code("ethnicity", &field(c, "ethnicity", "vi"), l)),
                    ),
                    (
                        "religion",
                        s(project.code("religion", &field(c, "religion", "vi"), l)),
                    ),
                ];
                for key in [
                    "hometown",
                    "residence",
                    "education",
                    "qualification",
                    "academic_title",
                    "political_theory",
                    "foreign_language",
                    "occupation",
                    "workplace",
                    "party_join_date",
                ] {
                    extra.push((key, s(field(c, key, lang))));
                }
                let incumbent: Vec<T> = list(c, "incumbent")
                    .iter()
                    .filter_map(|x| {
                        let id = scalar(x);
                        project
                            .levels
                            .iter()
                            .find(|lv| lv.id == id)
                            .map(|lv| s(lv.name[l].clone()))
                    })
                    .collect();
                extra.push(("incumbent", T::A(incumbent)));
                extra.push((
                    "self_nominated",
                    T::B(
                        get(c, "self_nominated")
                            .and_then(Value::as_bool)
                            .unwrap_or(false),
                    ),
                ));
                extra.push(("status", s(field(c, "status", "vi"))));
                extra.push(("note", s(field(c, "note", lang))));
                page(
                    format!("{base}{}/{}", sec.candidates, field(c, "id", "vi")),
                    field(c, "name", "vi"),
                    "candidate",
                    None,
                    extra,
                    field(c, "bio", lang),
                    None,
                    Some(weight),
                );
            }
        }
        // Units
        page(
            format!("{base}{}/_index", sec.units),
            if l == 0 {
                "Đơn vị bầu cử"
            } else {
                "Electoral units"
            }
            .into(),
            "units_index",
            Some(Section::plain()),
            Vec::new(),
            String::new(),
            None,
            None,
        );
        for (li, level) in project.levels.iter().enumerate() {
            page(
                format!("{base}{}/{}/_index", sec.units, level.id),
                level.name[l].clone(),
                "units_level",
                Some(Section::by_weight()),
                vec![("commune_scope", T::B(level.commune))],
                String::new(),
                None,
                Some(li as i64 + 1),
            );
            let mut seen: Vec<u32> = Vec::new();
            for (ci, u) in units.iter().enumerate().filter(|(_, u)| u.level == li) {
                let mut path = format!("{base}{}/{}/", sec.units, level.id);
                if let Some((code, name, slug)) = &u.commune {
                    if !seen.contains(code) {
                        seen.push(*code);
                        page(
                            format!("{path}{slug}/_index"),
                            if l == 0 {
                                name.clone()
                            } else {
                                commune_name(*code, 1)
                            },
                            "commune_units",
                            Some(Section::by_weight()),
                            vec![("level", s(level.name[l].clone()))],
                            String::new(),
                            None,
                            Some(ci as i64 + 1),
                        );
                    }
                    path.push_str(slug);
                    path.push('/');
                }
                let candidates: Vec<T> = u
                    .candidates
                    .iter()
                    .map(|(c, order)| {
                        T::O(vec![
                            ("name", s(field(c, "name", "vi"))),
                            (
                                "url",
                                s(url(&format!(
                                    "{}/{}/",
                                    sec.candidates,
                                    field(c, "id", "vi")
                                ))),
                            ),
                            ("order", T::I(*order)),
                            ("status", s(field(c, "status", "vi"))),
                            ("occupation", s(field(c, "occupation", lang))),
                        ])
                    })
                    .collect();
                let names: Vec<T> = u.communes.iter().map(|&c| s(commune_name(c, l))).collect();
                let mut extra = vec![
                    ("level", s(level.name[l].clone())),
                    ("number", T::I(u.number)),
                    ("seats", T::I(u.seats)),
                    ("communes", T::A(names)),
                    ("area", s(text(Some(&u.area), lang))),
                    ("description", s(text(Some(&u.description), lang))),
                    ("candidates", T::A(candidates)),
                ];
                if let Some(r) = &u.result {
                    let num = |k: &str| get(r, k).and_then(Value::as_i64).unwrap_or(-1);
                    let mut votes: Vec<(String, String, i64)> = u
                        .candidates
                        .iter()
                        .filter_map(|(c, _)| {
                            let id = field(c, "id", "vi");
                            let v = get(r, "votes")
                                .and_then(|m| get(m, &id))
                                .and_then(Value::as_i64)?;
                            Some((field(c, "name", "vi"), id, v))
                        })
                        .collect();
                    votes.sort_by_key(|v| std::cmp::Reverse(v.2));
                    let elected: Vec<String> = list(r, "elected").iter().map(scalar).collect();
                    extra.push(("has_result", T::B(true)));
                    extra.push(("result_status", s(field(r, "status", "vi"))));
                    extra.push(("voters", T::I(num("voters"))));
                    extra.push(("ballots_cast", T::I(num("ballots_cast"))));
                    extra.push(("valid_ballots", T::I(num("valid_ballots"))));
                    extra.push((
                        "votes",
                        T::A(
                            votes
                                .into_iter()
                                .map(|(name, id, v)| {
                                    T::O(vec![
                                        ("name", s(name)),
                                        ("votes", T::I(v)),
                                        ("elected", T::B(elected.contains(&id))),
                                    ])
                                })
                                .collect(),
                        ),
                    ));
                }
                page(
                    format!("{path}{}", u.number),
                    format!(
                        "{} {}",
                        if l == 0 {
                            "Đơn vị bầu cử số"
                        } else {
                            "Electoral unit No."
                        },
                        u.number
                    ),
                    "unit",
                    None,
                    extra,
                    String::new(),
                    None,
                    Some(u.number),
                );
            }
        }
        // Lookup: every commune with its unit at each level.
        let lookup: Vec<T> = communes
            .iter()
            .map(|(code, names)| {
                let of: Vec<T> = units
                    .iter()
                    .filter(|u| {
                        u.communes.contains(code)
                            || u.commune.as_ref().is_some_and(|c| c.0 == *code) && u.number == 1
                    })
                    .map(|u| {
                        let level = &project.levels[u.level];
                        let link = match &u.commune {
                            Some((_, _, slug)) => {
                                url(&format!("{}/{}/{slug}/", sec.units, level.id))
                            }
                            None => url(&format!("{}/{}/{}/", sec.units, level.id, u.number)),
                        };
                        T::O(vec![
                            ("level", s(level.name[l].clone())),
                            ("number", T::I(u.number)),
                            ("url", s(link)),
                        ])
                    })
                    .collect();
                T::O(vec![("name", s(names[l].clone())), ("units", T::A(of))])
            })
            .collect();
        page(
            format!("{base}{}", sec.lookup),
            if l == 0 {
                "Tra cứu đơn vị bầu cử"
            } else {
                "Find your electoral unit"
            }
            .into(),
            "lookup",
            None,
            vec![("communes", T::A(lookup))],
            String::new(),
            None,
            None,
        );
        page(
            format!("{base}{}", sec.results),
            if l == 0 {
                "Kết quả bầu cử"
            } else {
                "Results"
            }
            .into(),
            "results",
            None,
            vec![("units_section", s(format!("{base}{}", sec.units)))],
            String::new(),
            None,
            None,
        );
        // FAQ, documents, timeline
        let mut faq = project.shared_faq.clone();
        for f in yaml_files(&dir.join("faq")) {
            faq.extend(load_yaml(&f).as_sequence().cloned().unwrap_or_default());
        }
        let items: Vec<T> = faq
            .iter()
            .map(|f| {
                T::O(vec![
                    (
                        "category",
                        s(project.code("faq_category", &field(f, "category", "vi"), l)),
                    ),
                    ("question", s(field(f, "question", lang))),
                    ("answer", s(field(f, "answer", lang))),
                    ("source", s(field(f, "source", lang))),
                ])
            })
            .collect();
        page(
            format!("{base}{}", sec.faq),
            if l == 0 { "Hỏi đáp" } else { "FAQ" }.into(),
            "faq",
            None,
            vec![("items", T::A(items))],
            String::new(),
            None,
            None,
        );
        let mut docs = project.shared_documents.clone();
        let mut timeline = project.shared_timeline.clone();
        if dir.join("documents.yaml").exists() {
            docs.extend(
                load_yaml(&dir.join("documents.yaml"))
                    .as_sequence()
                    .cloned()
                    .unwrap_or_default(),
            );
        }
        if dir.join("timeline.yaml").exists() {
            timeline.extend(
                load_yaml(&dir.join("timeline.yaml"))
                    .as_sequence()
                    .cloned()
                    .unwrap_or_default(),
            );
        }
        let items: Vec<T> = docs
            .iter()
            .map(|d| {
                let link = get(d, "url").map(scalar).unwrap_or_else(|| {
                    let file = field(d, "file", "vi");
                    format!("/{id}/van-ban/{}", file.rsplit('/').next().unwrap_or(&file))
                });
                T::O(vec![
                    ("number", s(field(d, "number", "vi"))),
                    ("date", s(field(d, "date", "vi"))),
                    ("issuer", s(field(d, "issuer", lang))),
                    ("title", s(field(d, "title", lang))),
                    ("url", s(link)),
                ])
            })
            .collect();
        page(
            format!("{base}{}", sec.documents),
            if l == 0 { "Văn bản" } else { "Documents" }.into(),
            "documents",
            None,
            vec![("items", T::A(items))],
            String::new(),
            None,
            None,
        );
        let mut dated: Vec<(time::Date, &Value)> = timeline
            .iter()
            .filter_map(|t| {
                let d = match get(t, "offset_days").and_then(Value::as_i64) {
                    Some(off) => project.date.checked_add(time::Duration::days(off))?,
                    None => time::Date::parse(
                        &field(t, "date", "vi"),
                        time::macros::format_description!("[year]-[month]-[day]"),
                    )
                    .ok()?,
                };
                Some((d, t))
            })
            .collect();
        dated.sort_by_key(|(d, _)| *d);
        let items: Vec<T> = dated
            .iter()
            .map(|(d, t)| {
                T::O(vec![
                    ("date", s(d.to_string())),
                    ("title", s(field(t, "title", lang))),
                    ("basis", s(field(t, "basis", lang))),
                ])
            })
            .collect();
        page(
            format!("{base}{}", sec.timeline),
            if l == 0 {
                "Lịch trình bầu cử"
            } else {
                "Timeline"
            }
            .into(),
            "timeline",
            None,
            vec![("items", T::A(items))],
            String::new(),
            None,
            None,
        );
        page(
            format!("{base}{}", sec.search),
            if l == 0 { "Tìm kiếm" } else { "Search" }.into(),
            "search",
            None,
            Vec::new(),
            String::new(),
            None,
            None,
        );
        // Free pages
        if let Ok(entries) = std::fs::read_dir(dir.join("pages")) {
            let mut paths: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            for p in paths {
                let name = p.file_name().unwrap().to_string_lossy().to_string();
                let Some(stem) = name.strip_suffix(".md") else {
                    continue;
                };
                let (slug, file_lang) = match stem.strip_suffix(".en") {
                    Some(s) => (s, 1),
                    None => (stem, 0),
                };
                if file_lang != l {
                    continue;
                }
                let (fm, body) = split_markdown(&p);
                page(
                    format!("{base}{slug}"),
                    text(get(&fm, "title"), "vi"),
                    "page",
                    None,
                    vec![("summary", s(text(get(&fm, "summary"), "vi")))],
                    body,
                    None,
                    None,
                );
            }
        }
    }

    // Write.
    let content = out.join("content");
    let mut bytes = 0u64;
    let mut dirs: Vec<PathBuf> = pages
        .iter()
        .filter_map(|p| content.join(&p.path).parent().map(Path::to_path_buf))
        .collect();
    dirs.sort();
    dirs.dedup();
    for d in dirs {
        std::fs::create_dir_all(&d).unwrap();
    }
    // Zola: a section for the province itself and for `en/` come from the home pages;
    // every folder holding pages has its `_index.md` above.
    for p in &pages {
        let text = render_page(ssg, p);
        bytes += text.len() as u64;
        std::fs::write(content.join(format!("{}.md", p.path)), text).unwrap();
    }
    (pages.len(), bytes)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut hugo, mut zola, mut root, mut templates, mut theme) = (
        None,
        None,
        None,
        PathBuf::from("scripts/bench"),
        PathBuf::from("themes/default"),
    );
    while let Some(a) = args.next() {
        match a.as_str() {
            "--hugo" => hugo = args.next().map(PathBuf::from),
            "--zola" => zola = args.next().map(PathBuf::from),
            "--templates" => templates = args.next().map(PathBuf::from).unwrap(),
            "--theme" => theme = args.next().map(PathBuf::from).unwrap(),
            x if !x.starts_with('-') => root = Some(PathBuf::from(x)),
            _ => {
                eprintln!("usage: ssg_corpus [--hugo OUT] [--zola OUT] [--templates scripts/bench] [--theme themes/default] FIXTURE");
                std::process::exit(2);
            }
        }
    }
    let Some(root) = root else {
        eprintln!("usage: ssg_corpus [--hugo OUT] [--zola OUT] FIXTURE");
        std::process::exit(2)
    };
    let started = std::time::Instant::now();
    let project = load_project(&root, &theme);
    let mut provinces: Vec<String> = std::fs::read_dir(root.join("content"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("province.yaml").exists())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    provinces.sort();
    for (ssg, out, name) in [(Ssg::Hugo, hugo, "hugo"), (Ssg::Zola, zola, "zola")] {
        let Some(out) = out else { continue };
        let _ = std::fs::remove_dir_all(&out);
        copy_dir(&templates.join(name), &out);
        let done: Vec<(usize, u64)> = provinces
            .par_iter()
            .map(|id| convert_province(&project, id, ssg, &out))
            .collect();
        let pages: usize = done.iter().map(|d| d.0).sum();
        let bytes: u64 = done.iter().map(|d| d.1).sum();
        println!(
            "{name}: {} provinces, {pages} content files, {:.1} MB → {} ({:.1} s)",
            provinces.len(),
            bytes as f64 / 1e6,
            out.display(),
            started.elapsed().as_secs_f64()
        );
    }
}
