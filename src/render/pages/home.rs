//! The home page: the election and its countdown, featured and latest news, the
//! levels with their units, and the timeline.

use super::{date_view, erase, loc, PageInput, PageView};
use crate::render::view::*;
use crate::text::format_short_date;

pub(super) fn home(p: &PageInput) -> PageView {
    let lang = p.lang();
    let days = (p.election.date - p.today).whole_days();
    let countdown = match days {
        d if d > 0 => {
            p.cx.tr
                .format(lang, "countdown_days", &[("n", &d.to_string())])
        }
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
    let latest: Vec<NewsCard> = news
        .iter()
        .copied()
        .filter(|i| !featured.contains(i))
        .take(6)
        .map(|i| p.news_card(i))
        .collect();
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
        news_url: p.cx.urls.news_list(1),
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
