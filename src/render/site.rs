//! What the header and footer of every page of a site show ([`SiteView`]): the
//! portal's name, agency, menu, free pages, contact and open data, for a province's
//! portal or the national one.

use super::pages::loc;
use super::view::*;
use super::{LanguageContext, Published, Renderer};
use crate::model::{Election, Portal};
use crate::routes::Urls;

impl Renderer {
    /// [`Renderer::language_context`] for the national portal (`site` holds its name
    /// and address): its own menu, its statistics as open data, no news feed.
    pub fn national_context(
        &self,
        site: &Portal,
        election: &Election,
        lang: &str,
        published: Published,
        today: time::Date,
    ) -> Result<LanguageContext, String> {
        let urls = Urls::new(lang, &election.languages[0]);
        let mut view = self.site_view(site, election, lang, &published, &urls);
        let items = [
            ("home", "nav_home", urls.home()),
            ("candidates", "nav_candidates", urls.candidates()),
            ("units", "nav_units", urls.units_index()),
            ("statistics", "nav_statistics", urls.statistics()),
        ];
        view.nav = self.nav(lang, &items);
        view.data_links = [
            ("data_statistics_csv", crate::routes::STATISTICS_CSV),
            ("data_statistics_json", crate::routes::STATISTICS_JSON),
        ]
        .into_iter()
        .map(|(key, url)| Link {
            label: Loc {
                text: self.tr.ui(lang, key),
                lang: None,
            },
            url: url.to_string(),
        })
        .collect();
        view.feed_url = String::new();
        self.context_of(view, election, lang, urls, published, today)
    }

    fn nav(&self, lang: &str, items: &[(&str, &str, String)]) -> Vec<NavItem> {
        items
            .iter()
            .map(|(key, label, url)| NavItem {
                key: key.to_string(),
                label: self.tr.ui(lang, label),
                url: url.clone(),
            })
            .collect()
    }

    /// What the header and footer of every page of a site show.
    pub(super) fn site_view(
        &self,
        portal: &Portal,
        election: &Election,
        lang: &str,
        published: &Published,
        urls: &Urls,
    ) -> SiteView {
        let tr = &self.tr;
        let nav_items = [
            ("home", "nav_home", urls.home()),
            ("news", "nav_news", urls.news_list(1)),
            ("candidates", "nav_candidates", urls.candidates()),
            ("units", "nav_units", urls.units_index()),
            ("lookup", "nav_lookup", urls.lookup()),
            ("results", "nav_results", urls.results()),
            ("statistics", "nav_statistics", urls.statistics()),
            ("faq", "nav_faq", urls.faq()),
            ("documents", "nav_documents", urls.documents()),
            ("timeline", "nav_timeline", urls.timeline()),
        ];
        SiteView {
            lang: lang.to_string(),
            base_url: portal.base_url.clone(),
            province: loc(&portal.name, lang),
            agency: portal
                .agency
                .as_ref()
                .map(|a| loc(a, lang))
                .unwrap_or_else(|| loc(&portal.name, lang)),
            election_name: loc(&election.name, lang),
            home_url: urls.home(),
            css_url: published.css_url.clone(),
            css_integrity: published.css_integrity.clone(),
            search_url: urls.search(),
            nav: self.nav(lang, &nav_items),
            pages: portal
                .pages
                .iter()
                .filter(|p| p.versions.contains_key(lang))
                .map(|p| Link {
                    label: Loc {
                        text: p.versions[lang].title.clone(),
                        lang: None,
                    },
                    url: urls.page(&p.slug),
                })
                .collect(),
            contact: ContactView {
                phone: portal
                    .contact
                    .as_ref()
                    .and_then(|c| c.phone.as_ref())
                    .map(|p| p.0.clone()),
                phone_uri: portal
                    .contact
                    .as_ref()
                    .and_then(|c| c.phone.as_ref())
                    .map(|p| format!("tel:{}", p.0.replace(' ', ""))),
                email: portal.contact.as_ref().and_then(|c| c.email.clone()),
                address: portal
                    .contact
                    .as_ref()
                    .and_then(|c| c.address.as_ref())
                    .map(|a| loc(a, lang)),
            },
            feed_url: urls.feed(),
            data_links: vec![
                Link {
                    label: Loc {
                        text: tr.ui(lang, "data_csv"),
                        lang: None,
                    },
                    url: crate::routes::CANDIDATES_CSV.to_string(),
                },
                Link {
                    label: Loc {
                        text: tr.ui(lang, "data_json"),
                        lang: None,
                    },
                    url: crate::routes::CANDIDATES_JSON.to_string(),
                },
            ],
            year: election.date.year(),
            emblem: portal.brand.emblem.as_ref().map(brand_view),
            logo: portal.brand.logo.as_ref().map(brand_view),
            favicon: match &portal.brand.favicon {
                Some(image) => Some(brand_view(image)),
                None => (!published.favicon_url.is_empty()).then(|| BrandView {
                    url: published.favicon_url.clone(),
                    mime: "image/svg+xml".into(),
                    width: 32,
                    height: 32,
                }),
            },
        }
    }
}

fn brand_view(image: &crate::model::BrandImage) -> BrandView {
    BrandView {
        url: image.url.clone(),
        mime: image.mime.clone(),
        width: image.width,
        height: image.height,
    }
}
