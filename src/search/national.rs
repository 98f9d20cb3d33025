//! What the national portal's search covers, per language: the National Assembly
//! candidates of every province (linking to their page on the province's portal)
//! and the units (linking to the national portal's own unit pages), weighted as a
//! province portal weighs them.

use super::documents::{in_lang, name_weight, snippet};
use super::{Kind, SearchDoc, NAME, PLACE, TEXT};
use crate::model::{Election, Portal};
use crate::national::Nation;
use crate::render::i18n::Translations;
use crate::routes::{url_of, PageKind, Urls};

/// Every searchable page of the national portal (`site`) in `lang`: candidates, then
/// units (the index wants each kind in one run).
pub fn national_documents(
    nation: &Nation,
    site: &Portal,
    election: &Election,
    lang: &str,
    tr: &Translations,
) -> Vec<SearchDoc> {
    let urls = Urls::new(lang, &election.languages[0]);
    let level = nation.level;
    let level_bit = 1 << level.min(31);
    let level_name = in_lang(&election.levels[level].name, lang);
    let unit_label = |number: u32| tr.format(lang, "unit_label", &[("n", &number.to_string())]);
    let mut candidates = Vec::new();
    let mut units = Vec::new();
    for province in &nation.provinces {
        let province_name = in_lang(&province.name, lang);
        for unit in &province.units {
            let place = format!("{} · {province_name}", unit_label(unit.number));
            let communes: Vec<String> = unit
                .communes
                .iter()
                .map(|c| in_lang(&c.name, lang))
                .collect();
            for c in &unit.candidates {
                let text = |t: &Option<crate::content::records::Text>| {
                    t.as_ref().map(|t| in_lang(t, lang)).unwrap_or_default()
                };
                let occupation = text(&c.occupation);
                candidates.push(SearchDoc {
                    kind: Kind::Candidate,
                    url: format!("{}{}", province.base_url, urls.candidate(&c.id)),
                    title: c.name.clone(),
                    snippet: snippet(&format!("{place} · {level_name} — {occupation}")),
                    date: None,
                    category: None,
                    levels: level_bit,
                    fields: vec![
                        (name_weight(NAME, &c.name), c.name.clone()),
                        (PLACE, place.clone()),
                        (TEXT, occupation),
                        (TEXT, text(&c.workplace)),
                    ],
                });
            }
            let names: Vec<&str> = unit.candidates.iter().map(|c| c.name.as_str()).collect();
            let kind = PageKind::NationalUnit {
                province: province.id.clone(),
                number: unit.number,
            };
            units.push(SearchDoc {
                kind: Kind::Unit,
                url: url_of(site, election, &kind, &urls),
                title: place.clone(),
                snippet: snippet(&communes.join(", ")),
                date: None,
                category: None,
                levels: level_bit,
                fields: vec![
                    (NAME, place),
                    (PLACE, communes.join(", ")),
                    (TEXT, names.join(", ")),
                ],
            });
        }
    }
    candidates.append(&mut units);
    candidates
}
