//! What the search index covers, per language: news (title, summary, body),
//! candidates (name, unit, workplace, occupation, hometown), units (number, level,
//! communes), FAQ (question, answer), documents (number, title) and free pages.

use crate::content::records::Text;
use crate::markdown;
use crate::model::{Election, Portal};
use crate::render::i18n::Translations;
use crate::routes::{url_of, PageKind, Urls};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    News,
    Candidate,
    Unit,
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
    /// The most one term can score in this document ([`super::MAX_TERM_SCORE`], or 1
    /// for list pages, which name everyone once).
    pub term_cap: u32,
    /// (weight, text) of each indexed field.
    pub fields: Vec<(u32, String)>,
}

const SNIPPET_CHARS: usize = 160;

/// The list pages that name many candidates or places (the candidate lists, the
/// results, the lookup table, each level's units), at a low weight: they come after
/// the page of the person or unit itself, but a name or a place still finds them.
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
            term_cap: 1,
            fields: vec![(2, title), (1, text.join(", "))],
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
}

fn snippet(text: &str) -> String {
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

fn in_lang(text: &Text, lang: &str) -> String {
    text.get(lang).unwrap_or(&text.vi).to_string()
}

/// Every searchable page of `lang`, ordered by kind (the manifest's kind ranges rely
/// on it), then as the site lists them.
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
            term_cap: super::MAX_TERM_SCORE,
            fields: vec![
                (4, version.title.clone()),
                (2, summary),
                (1, body),
                (1, item.tags.join(" ")),
            ],
        });
    }

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
            term_cap: super::MAX_TERM_SCORE,
            fields: vec![
                (5, r.name.clone()),
                (1, places.join(" ")),
                (1, occupation),
                (1, workplace),
                (1, text(&r.hometown)),
            ],
        });
    }

    for (i, unit) in portal.units.iter().enumerate() {
        let mut title = format!("{} · {}", unit_label(unit.number), level_name(unit.level));
        let mut places: Vec<String> = unit.communes.iter().map(|&c| commune_name(c)).collect();
        if let Some(code) = unit.commune {
            title = format!("{title} · {}", commune_name(code));
            places.push(commune_name(code));
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
            snippet: snippet(&format!("{} {area}", places.join(", "))),
            date: None,
            category: None,
            levels: 1 << unit.level.min(31),
            term_cap: super::MAX_TERM_SCORE,
            fields: vec![
                (3, title),
                (2, places.join(", ")),
                (1, area),
                (1, names.join(", ")),
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
            term_cap: super::MAX_TERM_SCORE,
            fields: vec![(4, question), (1, answer)],
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
            term_cap: super::MAX_TERM_SCORE,
            fields: vec![
                (4, document.number.clone()),
                (3, title),
                (1, in_lang(&document.issuer, lang)),
            ],
        });
    }

    list_pages(portal, election, lang, tr, &urls, &mut docs);

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
            term_cap: super::MAX_TERM_SCORE,
            fields: vec![(4, version.title.clone()), (1, body)],
        });
    }
    docs
}
