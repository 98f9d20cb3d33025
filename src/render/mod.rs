//! Stage 4, render: Tera templates from the theme, filled with the view structs of
//! `view.rs`, in parallel over pages. UI strings come from the theme's i18n files.

pub mod charts;
pub mod feeds;
pub mod i18n;
pub mod images;
pub mod markdown;
pub mod minify;
pub mod open_data;
pub mod pages;
mod site;
mod theme;
pub mod view;

pub use theme::Theme;

use crate::model::{Election, Portal};
use crate::routes::{url_of, PageKind, Route, Urls};
use i18n::Translations;
use pages::PageInput;
use std::collections::HashMap;
use std::sync::Arc;
use tera::{Context, Tera, Value};
use view::*;

/// Where the theme's static files and this language's search index are published.
#[derive(Debug, Clone, Default)]
pub struct Published {
    pub css_url: String,
    /// Subresource Integrity of the stylesheet: `sha256-…`.
    pub css_integrity: String,
    pub search_js_url: String,
    pub search_js_integrity: String,
    pub search_manifest_url: String,
    /// The filter boxes' script (lookup, candidates), with its integrity value.
    pub filter_js: view::ScriptView,
    /// The theme's default favicon (`static/favicon.svg`), when it has one.
    pub favicon_url: String,
}

/// What every page of one language of one portal shares, prepared once.
pub struct LanguageContext {
    pub lang: String,
    pub urls: Urls,
    /// Election day has passed (on the build date): see [`i18n::AFTER_ELECTION`].
    pub after_election: bool,
    pub tr: Arc<Translations>,
    pub published: Published,
    site: Value,
    ui: Value,
    chrome: Value,
    /// A fingerprint of the templates and of what every page of this language shares:
    /// with a page's own [`PageRender::fingerprint`], what its HTML depends on.
    pub fingerprint: u64,
}

pub struct Renderer {
    tera: Tera,
    pub tr: Arc<Translations>,
    /// The templates were minified once; pages need no minifier pass.
    templates_minified: bool,
    /// A fingerprint of the templates as used: a change re-renders every page.
    pub templates_fingerprint: u64,
}

impl Renderer {
    pub fn new(theme: &Theme, tr: Arc<Translations>) -> Result<Renderer, String> {
        for required in ["base.html", "home.html", "404.html"] {
            if !theme.templates.contains_key(required) {
                return Err(format!("{} has no template {required}", theme.origin));
            }
        }
        // Minify the templates once; a theme the minifier would break (Tera tags
        // between attributes, say) is used as written and each page minified instead.
        let minified: Option<Vec<(&str, String)>> = theme
            .templates
            .iter()
            .map(|(name, source)| Some((name.as_str(), minify::template(source)?)))
            .collect();
        let (tera, templates_minified) = match minified.map(|m| tera_of(&m)) {
            Some(Ok(tera)) => (tera, true),
            _ => {
                let raw: Vec<(&str, String)> = theme
                    .templates
                    .iter()
                    .map(|(n, s)| (n.as_str(), s.clone()))
                    .collect();
                let tera = tera_of(&raw)
                    .map_err(|e| format!("{}: {}", theme.origin, describe_tera_error(&e)))?;
                (tera, false)
            }
        };
        let mut hasher = crate::hash::Fnv1a::default();
        for (name, source) in &theme.templates {
            hasher.write_bytes(name.as_bytes());
            hasher.write_bytes(&[0]);
            hasher.write_bytes(source.as_bytes());
            hasher.write_bytes(&[0]);
        }
        hasher.write_bytes(&[u8::from(templates_minified)]);
        hasher.write_bytes(env!("CARGO_PKG_VERSION").as_bytes());
        Ok(Renderer {
            tera,
            tr,
            templates_minified,
            templates_fingerprint: hasher.finish(),
        })
    }

    /// Prepares what every page of `lang` shares, including the parts of the page
    /// that are the same on every page of a section (`chrome`).
    pub fn language_context(
        &self,
        portal: &Portal,
        election: &Election,
        lang: &str,
        published: Published,
        today: time::Date,
    ) -> Result<LanguageContext, String> {
        let urls = Urls::new(lang, &election.languages[0]);
        let site = self.site_view(portal, election, lang, &published, &urls);
        self.context_of(site, election, lang, urls, published, today)
    }

    /// The shared context of a language's pages, from its `site` view.
    fn context_of(
        &self,
        site: SiteView,
        election: &Election,
        lang: &str,
        urls: Urls,
        published: Published,
        today: time::Date,
    ) -> Result<LanguageContext, String> {
        let after_election = today > election.date;
        let site = serde_json::to_value(&site).expect("site view serialises");
        let ui =
            serde_json::to_value(self.tr.ui_map(lang, after_election)).expect("strings serialise");
        let chrome = self.chrome(&site, &ui)?;
        let mut hasher = crate::hash::Fnv1a::default();
        hasher.write_bytes(&self.templates_fingerprint.to_le_bytes());
        serde_json::to_writer(&mut hasher, &site).expect("hashing cannot fail");
        serde_json::to_writer(&mut hasher, &ui).expect("hashing cannot fail");
        serde_json::to_writer(&mut hasher, &chrome).expect("hashing cannot fail");
        Ok(LanguageContext {
            lang: lang.to_string(),
            urls,
            after_election,
            tr: Arc::clone(&self.tr),
            published,
            site,
            ui,
            chrome,
            fingerprint: hasher.finish(),
        })
    }

    /// The navigation of each section (`site_nav.html`, with `section` set) and the
    /// footer (`site_foot.html`), rendered once per language instead of once per
    /// page; base.html places them as `chrome.nav[page.section]` and `chrome.footer`.
    /// A theme without these templates gets an empty `chrome`.
    fn chrome(&self, site: &Value, ui: &Value) -> Result<Value, String> {
        let mut context = Context::new();
        context.insert("site", site);
        context.insert("t", ui);
        let render = |name: &str, context: &Context| -> Result<Option<String>, String> {
            if !self.tera.get_template_names().any(|n| n == name) {
                return Ok(None);
            }
            let html = self
                .tera
                .render(name, context)
                .map_err(|e| format!("template {name}: {}", describe_tera_error(&e)))?;
            Ok(Some(html.trim().to_string()))
        };
        let mut chrome = serde_json::Map::new();
        let mut nav = serde_json::Map::new();
        for section in pages::SECTIONS {
            context.insert("section", section);
            if let Some(html) = render("site_nav.html", &context)? {
                nav.insert(section.to_string(), Value::String(html));
            }
        }
        chrome.insert("nav".into(), Value::Object(nav));
        if let Some(html) = render("site_foot.html", &context)? {
            chrome.insert("footer".into(), Value::String(html));
        }
        Ok(Value::Object(chrome))
    }

    /// What every page of `cx`'s language shares, as a template context: `site` and
    /// `t`. Rendering reuses it page after page instead of copying both each time.
    pub fn shared_context(&self, cx: &LanguageContext) -> Context {
        let mut context = Context::new();
        context.insert("site", &cx.site);
        context.insert("t", &cx.ui);
        context.insert("chrome", &cx.chrome);
        context
    }

    /// The view of one page: the template to fill and what only this page shows.
    pub fn view(&self, input: &PageInput, route: &Route) -> PageRender {
        let view = pages::build(input, &route.kind);
        // Pages that say nothing of their own are described by what they are and
        // whose: search engines show it under the link (Lighthouse's SEO audit).
        let description = view.description.or_else(|| {
            let lang = &input.cx.lang;
            Some(
                self.tr
                    .ui(lang, "meta_description")
                    .replace("{title}", &view.meta_title)
                    .replace("{province}", &pages::loc(&input.portal.name, lang).text)
                    .replace("{election}", &pages::loc(&input.election.name, lang).text),
            )
        });
        let meta = PageMeta {
            title: view.meta_title,
            description,
            url: route.url.clone(),
            canonical: format!("{}{}", input.portal.base_url, route.url),
            section: view.section.to_string(),
            alternates: alternates(input, route),
            breadcrumbs: view.breadcrumbs,
        };
        PageRender {
            template: view.template,
            page: meta,
            data: view.data,
        }
    }

    /// Renders a page view into HTML, with `shared` (from [`Renderer::shared_context`]
    /// of the page's language) as the rest of the context.
    /// The result is minified HTML.
    pub fn render_view(&self, shared: &mut Context, view: PageRender) -> Result<Vec<u8>, String> {
        // Moved in as values: `Context::insert` would serialise them once more.
        let mut own = serde_json::Map::new();
        let page = serde_json::to_value(&view.page).expect("page meta serialises");
        own.insert("page".into(), page);
        own.insert("data".into(), view.data.to_value());
        shared.extend(Context::from_value(Value::Object(own)).expect("an object"));
        // Rendered into bytes: Tera's `render` would check the whole page is UTF-8
        // (it is: templates and values are strings), and pages are written as bytes.
        let mut html = Vec::with_capacity(8 * 1024);
        self.tera
            .render_to(view.template, shared, &mut html)
            .map_err(|e| format!("template {}: {}", view.template, describe_tera_error(&e)))?;
        Ok(if self.templates_minified {
            minify::unquote_attributes(&html)
        } else {
            minify::page(&html)
        })
    }
}

/// One page ready for its template: what it alone shows, `page` (meta) and `data`.
pub struct PageRender {
    pub template: &'static str,
    pub page: PageMeta,
    pub data: Box<dyn pages::ViewData>,
}

impl PageRender {
    /// A fingerprint of everything this page's HTML depends on besides the templates
    /// and the shared context: equal fingerprints, equal pages.
    pub fn fingerprint(&self) -> u64 {
        let mut hasher = crate::hash::Fnv1a::default();
        hasher.write_bytes(self.template.as_bytes());
        serde_json::to_writer(&mut hasher, &self.page).expect("hashing cannot fail");
        self.data.hash_into(&mut hasher);
        hasher.finish()
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
            // The tag has news in `lang`: its page exists there.
            let tag_in = |tag: &str| {
                portal
                    .news_index
                    .tagged(tag)
                    .iter()
                    .any(|&i| portal.news[i].versions.contains_key(lang))
            };
            let exists = match &route.kind {
                PageKind::NewsItem(i) => portal.news[*i].versions.contains_key(lang),
                PageKind::FreePage(i) => portal.pages[*i].versions.contains_key(lang),
                PageKind::NewsList { page, .. }
                | PageKind::Category { page, .. }
                | PageKind::Tag { page, .. }
                    if *page > 1 =>
                {
                    false
                }
                PageKind::Tag { tag, .. } => tag_in(tag),
                _ => true,
            };
            let url = if exists {
                url_of(portal, election, &route.kind, &urls)
            } else {
                match &route.kind {
                    PageKind::NewsItem(_) | PageKind::NewsList { .. } => urls.news_list(1),
                    PageKind::Category { category, .. } => urls.category(category, 1),
                    PageKind::Tag { tag, .. } if tag_in(tag) => urls.tag(tag, 1),
                    PageKind::Tag { .. } => urls.news_list(1),
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

fn tera_of(templates: &[(&str, String)]) -> tera::Result<Tera> {
    let mut tera = Tera::default();
    tera.add_raw_templates(templates.iter().map(|(n, s)| (*n, s.as_str())))?;
    // Tera's default escaping also turns `/` into `&#x2F;`, which only bloats URLs.
    tera.set_escape_fn(escape);
    tera.register_filter("loc", LocFilter);
    tera.register_filter("rich", RichFilter);
    Ok(tera)
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

/// Escapes text for HTML content and quoted attribute values (Tera's escaper, also
/// used for the HTML baucu writes itself).
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    // The five characters are ASCII, so byte offsets between them are char
    // boundaries: copy the runs between them whole.
    let mut start = 0;
    for (i, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        out.push_str(entity);
        start = i + 1;
    }
    out.push_str(&text[start..]);
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
    fn the_default_theme_is_minified_once_not_per_page() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let theme = theme::Theme::load(root, "default").unwrap();
        let minified: Vec<(&str, String)> = theme
            .templates
            .iter()
            .map(|(name, source)| (name.as_str(), minify::template(source).unwrap()))
            .collect();
        if let Err(e) = tera_of(&minified) {
            panic!("the minified templates: {}", describe_tera_error(&e));
        }
    }

    #[test]
    fn escape_replaces_the_five_characters_and_keeps_the_rest() {
        assert_eq!(
            escape("Đơn vị <1> & \"Hạ\" 'Long'"),
            "Đơn vị &lt;1&gt; &amp; &quot;Hạ&quot; &#39;Long&#39;"
        );
        assert_eq!(escape("&"), "&amp;");
        assert_eq!(escape("Bầu cử"), "Bầu cử");
    }

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
