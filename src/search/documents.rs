//! What the search index covers, per language: candidates (name, unit, workplace,
//! occupation, hometown), communes (name, linking to their lookup entry), units
//! (number, level, communes), news (title, summary, body), FAQ (question, answer),
//! documents (number, title) and free pages.
//!
//! Weights say where a word was found: a person's or a place's own name counts most
//! ([`NAME`]), then a title ([`TITLE`]), then a place named in passing ([`PLACE`]),
//! then running text ([`TEXT`]). A word's score in a document is the weight of the
//! best field it is in, plus a little for more occurrences (see `super::Postings`),
//! so a long article repeating a word does not outrank the page named by it.

use crate::content::records::Text;
use crate::markdown;
use crate::model::{Election, Portal};
use crate::render::i18n::Translations;
use crate::routes::{url_of, PageKind, Urls};

/// The name of a candidate, a commune or a unit.
pub const NAME: u32 = 10;
/// A commune's name: the whole of its document, so that the commune comes before
/// its units, whose titles name it too.
pub const PLACE_NAME: u32 = NAME + super::MAX_EXTRA;
/// A name's weight: `base`, and a little more for a short name, which a query of its
/// words matches more of ("Phường Hội An" before "Phường Hội An Tây").
pub(super) fn name_weight(base: u32, name: &str) -> u32 {
    base + 4u32.saturating_sub(name.split_whitespace().count() as u32)
}

/// The title of a news item, question, document or page.
pub const TITLE: u32 = 6;
/// Places and units named on a page about something else; a news item's summary.
pub const PLACE: u32 = 3;
/// Running text.
pub const TEXT: u32 = 1;

/// Kinds in the order of the index: people and places first, so that they come first
/// among results that score the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Candidate,
    Commune,
    Unit,
    News,
    Faq,
    Document,
    Page,
}

impl Kind {
    /// The one-letter code used in the index and in search URLs' `kind=` facet.
    pub fn code(self) -> char {
        match self {
            Kind::News => 'n',
            Kind::Candidate => 'c',
            Kind::Commune => 'x',
            Kind::Unit => 'u',
            Kind::Faq => 'f',
            Kind::Document => 'd',
            Kind::Page => 'p',
        }
    }
}

#[derive(Debug, Clone)]
pub struct SearchDoc {
    pub kind: Kind,
    pub url: String,
    pub title: String,
    pub snippet: String,
    pub date: Option<time::Date>,
    pub category: Option<String>,
    /// Bitmask of the levels (by index in baucu.yaml) a candidate or unit belongs to.
    pub levels: u32,
    /// (weight, text) of each indexed field.
    pub fields: Vec<(u32, String)>,
}

const SNIPPET_CHARS: usize = 160;

/// The list pages that name many candidates or places (the candidate lists, the
/// results, the lookup table, each level's units): their titles weigh as names (they
/// are the sections a citizen looks for: "kết quả bầu cử"), the names and places they
/// list as running text, so they come after the page of the person or unit itself,
/// but a name or a place still finds them.
fn list_pages(
    portal: &Portal,
    election: &Election,
    lang: &str,
    tr: &Translations,
    urls: &Urls,
    docs: &mut Vec<SearchDoc>,
) {
    let name_of = |s: usize| {
        portal.people[portal.standings[s].person]
            .record
            .name
            .clone()
    };
    let commune_name = |code: u32| {
        portal
            .commune(code)
            .map(|c| in_lang(&c.name, lang))
            .unwrap_or_default()
    };
    let mut add = |url: String, title: String, text: Vec<String>| {
        if text.is_empty() {
            return;
        }
        docs.push(SearchDoc {
            kind: Kind::Page,
            url,
            title: title.clone(),
            snippet: snippet(&text.join(", ")),
            date: None,
            category: None,
            levels: 0,
            fields: vec![(NAME, title), (TEXT, text.join(", "))],
        });
    };
    let province_wide = |u: &&crate::model::Unit| u.commune.is_none();
    let candidates: Vec<String> = portal
        .units
        .iter()
        .filter(province_wide)
        .flat_map(|u| u.standings.iter().map(|&s| name_of(s)))
        .collect();
    add(
        urls.candidates(),
        tr.ui(lang, "title_candidates"),
        candidates,
    );
    let elected: Vec<String> = portal
        .units
        .iter()
        .filter_map(|u| u.result.as_ref())
        .flat_map(|r| {
            r.elected
                .iter()
                .map(|&p| portal.people[p].record.name.clone())
        })
        .collect();
    add(urls.results(), tr.ui(lang, "title_results"), elected);
    let communes: Vec<String> = portal
        .communes
        .iter()
        .map(|c| in_lang(&c.name, lang))
        .collect();
    add(urls.lookup(), tr.ui(lang, "title_lookup"), communes);
    for (level, info) in election.levels.iter().enumerate() {
        let places: Vec<String> = portal
            .units_of_level(level)
            .flat_map(|(_, u)| u.communes.iter().copied().chain(u.commune))
            .map(commune_name)
            .collect();
        let title = format!(
            "{} · {}",
            tr.ui(lang, "title_units"),
            in_lang(&info.name, lang)
        );
        add(urls.units_level(&info.id), title, places);
    }
    // The sections that list what is indexed on its own: found by their titles
    // ("hỏi đáp", "văn bản", "lịch trình"); their snippet shows what they hold.
    let questions: Vec<String> = portal
        .faq
        .iter()
        .map(|f| in_lang(&f.question, lang))
        .collect();
    let documents: Vec<String> = portal
        .documents
        .iter()
        .map(|d| in_lang(&d.title, lang))
        .collect();
    for (url, key, shown) in [
        (urls.faq(), "title_faq", questions),
        (urls.documents(), "title_documents", documents),
        (urls.timeline(), "title_timeline", Vec::new()),
        (urls.statistics(), "nav_statistics", Vec::new()),
    ] {
        let title = tr.ui(lang, key);
        docs.push(SearchDoc {
            kind: Kind::Page,
            url,
            title: title.clone(),
            snippet: snippet(&shown.join(" · ")),
            date: None,
            category: None,
            levels: 0,
            fields: vec![(NAME, title)],
        });
    }
}

/// Each commune on its own, linking to its row of the lookup page (`/tra-cuu/#<slug>`,
/// the anchor the lookup page and the unit pages use); its snippet names its unit at
/// each level. Only the name is indexed: the units have pages of their own.
fn communes(
    portal: &Portal,
    election: &Election,
    lang: &str,
    tr: &Translations,
    urls: &Urls,
    docs: &mut Vec<SearchDoc>,
) {
    let lookup = urls.lookup();
    let mut units_of: std::collections::HashMap<u32, Vec<&crate::model::Unit>> =
        std::collections::HashMap::new();
    for unit in &portal.units {
        for &code in unit.communes.iter().chain(&unit.commune) {
            units_of.entry(code).or_default().push(unit);
        }
    }
    for commune in &portal.communes {
        let name = in_lang(&commune.name, lang);
        let units = units_of
            .get(&commune.code)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let levels = units.iter().fold(0, |m, u| m | 1 << u.level.min(31));
        // "Đại biểu HĐND xã: Đơn vị bầu cử số 1, 2, 3; …" (units come ordered by level).
        let mut by_level: Vec<(usize, Vec<String>)> = Vec::new();
        for unit in units {
            let number = unit.number.to_string();
            match by_level.last_mut() {
                Some((level, numbers)) if *level == unit.level => numbers.push(number),
                _ => by_level.push((unit.level, vec![number])),
            }
        }
        let labels: Vec<String> = by_level
            .iter()
            .map(|(level, numbers)| {
                let level = in_lang(&election.levels[*level].name, lang);
                let first = tr.format(lang, "unit_label", &[("n", &numbers[0])]);
                let rest: String = numbers[1..].iter().map(|n| format!(", {n}")).collect();
                format!("{level}: {first}{rest}")
            })
            .collect();
        let kind = tr.code(lang, "commune_type", &commune.kind).text;
        // In another language the type word follows the name too: "Hạ Long Ward".
        let mut fields = vec![(name_weight(PLACE_NAME, &name), name.clone())];
        let vi_kind = tr.code("vi", "commune_type", &commune.kind).text;
        if kind != vi_kind {
            let bare = name.strip_prefix(vi_kind.as_str()).unwrap_or(&name).trim();
            let name = format!("{bare} {kind}");
            fields.push((name_weight(PLACE_NAME, &name), name));
        }
        docs.push(SearchDoc {
            kind: Kind::Commune,
            url: format!("{lookup}#{}", commune.slug),
            title: name.clone(),
            snippet: snippet(&match name.starts_with(&kind) {
                true => labels.join("; "),
                false => format!("{kind} · {}", labels.join("; ")),
            }),
            date: None,
            category: None,
            levels,
            fields,
        });
    }
}

pub(super) fn snippet(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= SNIPPET_CHARS {
        return text;
    }
    let cut: String = text.chars().take(SNIPPET_CHARS).collect();
    match cut.rfind(' ') {
        Some(i) => format!("{}…", &cut[..i]),
        None => format!("{cut}…"),
    }
}

pub(super) fn in_lang(text: &Text, lang: &str) -> String {
    text.get(lang).unwrap_or(&text.vi).to_string()
}

/// Every searchable page of `lang`: the list pages, then the others ordered by kind
/// (the manifest's kind ranges rely on each kind but pages being in one run; the
/// browser accepts several runs of a kind), then as the site lists them.
pub fn documents(
    portal: &Portal,
    election: &Election,
    lang: &str,
    tr: &Translations,
) -> Vec<SearchDoc> {
    let urls = Urls::new(lang, &election.languages[0]);
    let url = |kind: PageKind| url_of(portal, election, &kind, &urls);
    let level_name = |level: usize| in_lang(&election.levels[level].name, lang);
    let unit_label = |number: u32| tr.format(lang, "unit_label", &[("n", &number.to_string())]);
    let commune_name = |code: u32| {
        portal
            .commune(code)
            .map(|c| in_lang(&c.name, lang))
            .unwrap_or_default()
    };
    let mut docs = Vec::new();

    // The sections first: among results that score the same, they come first.
    list_pages(portal, election, lang, tr, &urls, &mut docs);

    for (i, person) in portal.people.iter().enumerate() {
        let r = &person.record;
        let mut levels = 0;
        let mut places = Vec::new();
        for &s in &person.standings {
            let unit = &portal.units[portal.standings[s].unit];
            levels |= 1 << unit.level.min(31);
            let mut place = format!("{} · {}", unit_label(unit.number), level_name(unit.level));
            if let Some(code) = unit.commune {
                place = format!("{place} · {}", commune_name(code));
            }
            places.push(place);
        }
        let text = |t: &Option<Text>| t.as_ref().map(|t| in_lang(t, lang)).unwrap_or_default();
        let occupation = text(&r.occupation);
        let workplace = text(&r.workplace);
        docs.push(SearchDoc {
            kind: Kind::Candidate,
            url: url(PageKind::Candidate(i)),
            title: r.name.clone(),
            snippet: snippet(&format!("{} — {occupation}", places.join("; "))),
            date: None,
            category: None,
            levels,
            fields: vec![
                (name_weight(NAME, &r.name), r.name.clone()),
                (PLACE, places.join(" ")),
                (TEXT, occupation),
                (TEXT, workplace),
                (PLACE, text(&r.hometown)),
            ],
        });
    }

    communes(portal, election, lang, tr, &urls, &mut docs);

    for (i, unit) in portal.units.iter().enumerate() {
        let mut title = format!("{} · {}", unit_label(unit.number), level_name(unit.level));
        // The communes of a province-wide unit; a commune-wide unit names its commune
        // in its title, which is indexed once.
        let places: Vec<String> = unit.communes.iter().map(|&c| commune_name(c)).collect();
        let mut shown = places.clone();
        if let Some(code) = unit.commune {
            title = format!("{title} · {}", commune_name(code));
            shown.push(commune_name(code));
        }
        let area = unit
            .area
            .as_ref()
            .map(|a| in_lang(a, lang))
            .unwrap_or_default();
        // The unit page lists its candidates: a name finds the unit too.
        let names: Vec<&str> = unit
            .standings
            .iter()
            .map(|&s| {
                portal.people[portal.standings[s].person]
                    .record
                    .name
                    .as_str()
            })
            .collect();
        docs.push(SearchDoc {
            kind: Kind::Unit,
            url: url(PageKind::Unit(i)),
            title: title.clone(),
            snippet: snippet(&format!("{} {area}", shown.join(", "))),
            date: None,
            category: None,
            levels: 1 << unit.level.min(31),
            fields: vec![
                (NAME, title),
                (PLACE, places.join(", ")),
                (TEXT, area),
                (TEXT, names.join(", ")),
            ],
        });
    }

    for (i, item) in portal.news.iter().enumerate() {
        let Some(version) = item.versions.get(lang) else {
            continue;
        };
        let body = markdown::plain_text(&version.body);
        let summary = version
            .summary
            .clone()
            .unwrap_or_else(|| markdown::first_paragraph(&version.body));
        docs.push(SearchDoc {
            kind: Kind::News,
            url: url(PageKind::NewsItem(i)),
            title: version.title.clone(),
            snippet: snippet(&summary),
            date: Some(item.date.date),
            category: Some(item.category.clone()),
            levels: 0,
            fields: vec![
                (TITLE, version.title.clone()),
                (PLACE, summary),
                (TEXT, body),
                (TEXT, item.tags.join(" ")),
            ],
        });
    }

    let faq_url = urls.faq();
    for item in &portal.faq {
        let question = in_lang(&item.question, lang);
        let answer = markdown::plain_text(&in_lang(&item.answer, lang));
        docs.push(SearchDoc {
            kind: Kind::Faq,
            url: format!("{faq_url}#{}", item.id),
            title: question.clone(),
            snippet: snippet(&answer),
            date: None,
            category: None,
            levels: 0,
            fields: vec![(TITLE, question), (TEXT, answer)],
        });
    }

    for document in &portal.documents {
        let title = in_lang(&document.title, lang);
        docs.push(SearchDoc {
            kind: Kind::Document,
            url: document.url.clone(),
            title: format!("{} — {title}", document.number),
            snippet: snippet(&in_lang(&document.issuer, lang)),
            date: Some(document.date),
            category: None,
            levels: 0,
            fields: vec![
                (TITLE, document.number.clone()),
                (TITLE, title),
                (TEXT, in_lang(&document.issuer, lang)),
            ],
        });
    }

    for (i, page) in portal.pages.iter().enumerate() {
        let Some(version) = page.versions.get(lang) else {
            continue;
        };
        let body = markdown::plain_text(&version.body);
        docs.push(SearchDoc {
            kind: Kind::Page,
            url: url(PageKind::FreePage(i)),
            title: version.title.clone(),
            snippet: snippet(&version.summary.clone().unwrap_or_else(|| body.clone())),
            date: None,
            category: None,
            levels: 0,
            fields: vec![(TITLE, version.title.clone()), (TEXT, body)],
        });
    }
    docs
}
