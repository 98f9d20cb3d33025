//! Stage 4, render: Tera templates from the theme, filled with the view structs of
//! `view.rs`, in parallel over pages. UI strings come from the theme's i18n files.

pub mod i18n;
pub mod markdown;
pub mod pages;
mod theme;
pub mod view;

pub use theme::Theme;

use crate::model::{Election, Portal};
use crate::routes::{url_of, PageKind, Route, Urls};
use i18n::Translations;
use pages::{loc, PageInput};
use std::collections::HashMap;
use std::sync::Arc;
use tera::{Context, Tera, Value};
use view::*;

/// Where the theme's static files and this language's search index are published.
#[derive(Debug, Clone, Default)]
pub struct Published {
    pub css_url: String,
    /// Subresource Integrity of the stylesheet: `sha384-…`.
    pub css_integrity: String,
    pub search_js_url: String,
    pub search_js_integrity: String,
    pub search_manifest_url: String,
}

/// What every page of one language of one portal shares, prepared once.
pub struct LanguageContext {
    pub lang: String,
    pub urls: Urls,
    pub tr: Arc<Translations>,
    pub published: Published,
    site: Value,
    ui: Value,
}

pub struct Renderer {
    tera: Tera,
    pub tr: Arc<Translations>,
}

impl Renderer {
    pub fn new(theme: &Theme, tr: Arc<Translations>) -> Result<Renderer, String> {
        let mut tera = Tera::default();
        tera.add_raw_templates(
            theme
                .templates
                .iter()
                .map(|(n, s)| (n.as_str(), s.as_str())),
        )
        .map_err(|e| format!("{}: {}", theme.origin, describe_tera_error(&e)))?;
        // Tera's default escaping also turns `/` into `&#x2F;`, which only bloats URLs.
        tera.set_escape_fn(escape);
        tera.register_filter("loc", LocFilter);
        tera.register_filter("rich", RichFilter);
        for required in ["base.html", "home.html", "404.html"] {
            if !theme.templates.contains_key(required) {
                return Err(format!("{} has no template {required}", theme.origin));
            }
        }
        Ok(Renderer { tera, tr })
    }

    /// Prepares what every page of `lang` shares.
    pub fn language_context(
        &self,
        portal: &Portal,
        election: &Election,
        lang: &str,
        published: Published,
    ) -> LanguageContext {
        let default_lang = &election.languages[0];
        let urls = Urls::new(lang, default_lang);
        let tr = &self.tr;
        let nav_items = [
            ("home", "nav_home", urls.home()),
            ("news", "nav_news", urls.news_list(1)),
            ("candidates", "nav_candidates", urls.candidates()),
            ("units", "nav_units", urls.units_index()),
            ("lookup", "nav_lookup", urls.lookup()),
            ("results", "nav_results", urls.results()),
            ("faq", "nav_faq", urls.faq()),
            ("documents", "nav_documents", urls.documents()),
            ("timeline", "nav_timeline", urls.timeline()),
        ];
        let data_dir = "/du-lieu/";
        let site = SiteView {
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
            nav: nav_items
                .iter()
                .map(|(key, label, url)| NavItem {
                    key: key.to_string(),
                    label: tr.ui(lang, label),
                    url: url.clone(),
                })
                .collect(),
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
                    url: format!("{data_dir}ung-cu-vien.csv"),
                },
                Link {
                    label: Loc {
                        text: tr.ui(lang, "data_json"),
                        lang: None,
                    },
                    url: format!("{data_dir}ung-cu-vien.json"),
                },
            ],
            year: election.date.year(),
        };
        LanguageContext {
            lang: lang.to_string(),
            urls,
            tr: Arc::clone(&self.tr),
            published,
            site: serde_json::to_value(&site).expect("site view serialises"),
            ui: serde_json::to_value(self.tr.ui_map(lang)).expect("strings serialise"),
        }
    }

    /// Renders one page to HTML.
    pub fn render(&self, input: &PageInput, route: &Route) -> Result<String, String> {
        let view = pages::build(input, &route.kind);
        let meta = PageMeta {
            title: view.meta_title,
            description: view.description,
            url: route.url.clone(),
            canonical: format!("{}{}", input.portal.base_url, route.url),
            section: view.section.to_string(),
            alternates: alternates(input, route),
            breadcrumbs: view.breadcrumbs,
        };
        let mut context = Context::new();
        context.insert("site", &input.cx.site);
        context.insert("t", &input.cx.ui);
        context.insert("page", &meta);
        context.insert("data", &view.data);
        self.tera
            .render(view.template, &context)
            .map_err(|e| format!("template {}: {}", view.template, describe_tera_error(&e)))
    }
}

/// The same page in each other language, or the closest list when it has none.
fn alternates(input: &PageInput, route: &Route) -> Vec<Alternate> {
    let election = input.election;
    let portal = input.portal;
    let default_lang = &election.languages[0];
    election
        .languages
        .iter()
        .filter(|l| **l != route.lang)
        .map(|lang| {
            let urls = Urls::new(lang, default_lang);
            let exists = match &route.kind {
                PageKind::NewsItem(i) => portal.news[*i].versions.contains_key(lang),
                PageKind::FreePage(i) => portal.pages[*i].versions.contains_key(lang),
                PageKind::NotFound => false,
                PageKind::NewsList { page, .. } | PageKind::Category { page, .. } if *page > 1 => {
                    false
                }
                _ => true,
            };
            let url = if exists {
                url_of(portal, election, &route.kind, &urls)
            } else {
                match &route.kind {
                    PageKind::NewsItem(_) | PageKind::NewsList { .. } => urls.news_list(1),
                    PageKind::Category { category, .. } => urls.category(category, 1),
                    _ => urls.home(),
                }
            };
            Alternate {
                lang: lang.clone(),
                name: input.cx.tr.language_name(lang),
                url,
                missing: !exists,
            }
        })
        .collect()
}

fn describe_tera_error(error: &tera::Error) -> String {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `{{ x | loc }}`: a [`Loc`], escaped, marked with its language when it fell back.
struct LocFilter;

impl tera::Filter for LocFilter {
    fn filter(&self, value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
        let (text, lang) = match value {
            Value::Object(map) => (
                map.get("text").and_then(Value::as_str).unwrap_or_default(),
                map.get("lang").and_then(Value::as_str),
            ),
            Value::String(s) => (s.as_str(), None),
            Value::Null => ("", None),
            other => {
                return Err(tera::Error::msg(format!(
                    "`loc` expects a text, got {other}"
                )))
            }
        };
        Ok(Value::String(match lang {
            Some(lang) => format!("<span lang=\"{}\">{}</span>", escape(lang), escape(text)),
            None => escape(text),
        }))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// `{{ x | rich }}`: a [`Rich`] (HTML from Markdown), marked with its language when it
/// fell back.
struct RichFilter;

impl tera::Filter for RichFilter {
    fn filter(&self, value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
        let Value::Object(map) = value else {
            return Ok(Value::String(String::new()));
        };
        let html = map.get("html").and_then(Value::as_str).unwrap_or_default();
        Ok(Value::String(
            match map.get("lang").and_then(Value::as_str) {
                Some(lang) => format!("<div lang=\"{}\">{html}</div>", escape(lang)),
                None => html.to_string(),
            },
        ))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tera::Filter;

    #[test]
    fn loc_filter_escapes_and_marks_language() {
        let value = serde_json::json!({"text": "<b>Hạ Long</b>", "lang": "vi"});
        let out = LocFilter.filter(&value, &HashMap::new()).unwrap();
        assert_eq!(
            out,
            Value::String("<span lang=\"vi\">&lt;b&gt;Hạ Long&lt;/b&gt;</span>".into())
        );
        let value = serde_json::json!({"text": "A & B", "lang": null});
        assert_eq!(
            LocFilter.filter(&value, &HashMap::new()).unwrap(),
            Value::String("A &amp; B".into())
        );
    }
}
