//! Atom news feeds, the sitemap and robots.txt, all driven by the route table.

use crate::model::{Election, Portal};
use crate::render::markdown::first_paragraph;
use crate::routes::{PageKind, Route, Urls};

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The 20 newest news items of `lang` as an Atom feed.
pub fn atom_feed(portal: &Portal, election: &Election, lang: &str, title: &str) -> String {
    let urls = Urls::new(lang, &election.languages[0]);
    let base = &portal.base_url;
    let items: Vec<_> = portal
        .news
        .iter()
        .filter_map(|item| item.versions.get(lang).map(|v| (item, v)))
        .take(20)
        .collect();
    let updated = items
        .first()
        .map(|(item, _)| item.date.rfc3339())
        .unwrap_or_else(|| format!("{}T00:00:00+07:00", election.date));
    let mut xml = String::new();
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n"
    ));
    xml.push_str(&format!("<title>{}</title>\n", xml_escape(title)));
    xml.push_str(&format!("<link href=\"{base}{}\"/>\n", urls.news_list(1)));
    xml.push_str(&format!(
        "<link rel=\"self\" href=\"{base}{}\"/>\n",
        urls.feed()
    ));
    xml.push_str(&format!(
        "<id>{base}{}</id>\n<updated>{updated}</updated>\n",
        urls.feed()
    ));
    for (item, version) in items {
        let url = format!("{base}{}", urls.news_item(&item.slug));
        let summary = version
            .summary
            .clone()
            .unwrap_or_else(|| first_paragraph(&version.body));
        xml.push_str("<entry>\n");
        xml.push_str(&format!("<title>{}</title>\n", xml_escape(&version.title)));
        xml.push_str(&format!("<link href=\"{url}\"/>\n<id>{url}</id>\n"));
        xml.push_str(&format!("<updated>{}</updated>\n", item.date.rfc3339()));
        if let Some(author) = &item.author {
            xml.push_str(&format!(
                "<author><name>{}</name></author>\n",
                xml_escape(author)
            ));
        }
        xml.push_str(&format!("<summary>{}</summary>\n", xml_escape(&summary)));
        xml.push_str("</entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

/// Every HTML page of the site (the 404 page aside), with absolute URLs.
pub fn sitemap(portal: &Portal, routes: &[Route]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for route in routes.iter().filter(|r| r.kind != PageKind::NotFound) {
        xml.push_str(&format!(
            "<url><loc>{}{}</loc></url>\n",
            portal.base_url,
            xml_escape(&route.url)
        ));
    }
    xml.push_str("</urlset>\n");
    xml
}

pub fn robots_txt(portal: &Portal) -> String {
    format!(
        "User-agent: *\nAllow: /\nSitemap: {}/sitemap.xml\n",
        portal.base_url
    )
}
