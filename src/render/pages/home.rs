//! The home page: the election and its countdown, featured and latest news, the
//! levels with their units, and the timeline.

use super::{date_view, erase, loc, PageInput, PageView};
use crate::render::view::*;
use crate::text::format_short_date;

pub(super) fn home(p: &PageInput) -> PageView {
    let lang = p.lang();
    let days = (p.election.date - p.today).whole_days();
    let countdown = match days {
        d if d > 0 => p.cx.tr.plural(lang, "countdown_days", d as u64, &[]),
        0 => p.ui("countdown_today"),
        _ => p.cx.tr.format(
            lang,
            "held_on",
            &[("date", &format_short_date(p.election.date, lang))],
        ),
    };
    let news = p.news_in_language();
    let featured: Vec<usize> = news
        .iter()
        .copied()
        .filter(|&i| p.portal.news[i].featured)
        .take(3)
        .collect();
    let mut latest: Vec<NewsCard> = news
        .iter()
        .copied()
        .filter(|i| !featured.contains(i))
        .take(6)
        .map(|i| p.news_card(i))
        .collect();
    // No news in this language yet, but some in the default one: a citizen is
    // better served by its newest headlines, marked as Vietnamese, than by nothing.
    let default_lang = &p.election.languages[0];
    let mut latest_heading = p.ui("latest_news");
    let mut news_url = p.cx.urls.news_list(1);
    let mut news_url_lang = None;
    if news.is_empty() && !p.portal.news.is_empty() && lang != default_lang {
        latest = (0..p.portal.news.len())
            .take(6)
            .map(|i| p.news_card(i))
            .collect();
        latest_heading = p.ui("latest_news_untranslated");
        news_url = crate::routes::Urls::new(default_lang, default_lang).news_list(1);
        news_url_lang = Some(default_lang.clone());
    }
    let view = HomeView {
        election: ElectionView {
            name: loc(&p.election.name, lang),
            date: date_view(p.election.date, lang),
            countdown,
            days_remaining: days.max(0),
            held: days < 0,
        },
        featured: featured.iter().map(|&i| p.news_card(i)).collect(),
        latest,
        latest_heading,
        news_url,
        news_url_lang,
        levels: (0..p.election.levels.len())
            .map(|l| p.level_summary(l))
            .collect(),
        pending: p.pending(),
        lookup_url: p.cx.urls.lookup(),
        candidates_url: p.cx.urls.candidates(),
        results_url: p.cx.urls.results(),
        timeline_url: p.cx.urls.timeline(),
        timeline: p.timeline_entries(),
        vneid: p.portal.vneid.then(|| p.ui("vneid")),
    };
    PageView {
        template: "home.html",
        meta_title: loc(&p.election.name, lang).text,
        section: "home",
        description: Some(loc(&p.election.name, lang).text),
        breadcrumbs: Vec::new(),
        data: erase(view),
    }
}
