//! Every page of the national portal, in every language. Its URLs follow the
//! province portals' where a page is the same kind (`/ung-cu-vien/`, `/thong-ke/`,
//! `/tim-kiem/`); a unit is named by its province: `/don-vi-bau-cu/<province>/<n>/`.

use super::Nation;
use crate::model::{Election, Portal};
use crate::routes::{url_of, PageKind, Route, Urls};

pub fn plan(nation: &Nation, site: &Portal, election: &Election) -> Vec<Route> {
    let default_lang = &election.languages[0];
    let mut routes = Vec::new();
    for lang in &election.languages {
        let urls = Urls::new(lang, default_lang);
        let mut add = |kind: PageKind| {
            let url = url_of(site, election, &kind, &urls);
            routes.push(Route {
                url,
                lang: lang.clone(),
                kind,
            });
        };
        add(PageKind::Home);
        add(PageKind::Candidates);
        add(PageKind::UnitsIndex);
        for province in &nation.provinces {
            for unit in &province.units {
                add(PageKind::NationalUnit {
                    province: province.id.clone(),
                    number: unit.number,
                });
            }
        }
        add(PageKind::Statistics);
        add(PageKind::Search);
        add(PageKind::NotFound);
    }
    routes
}
