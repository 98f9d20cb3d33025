//! The statistics page (`/thong-ke/`): for every level, who is standing and who was
//! elected, as charts drawn at build time, a sentence and tables, beside the law's
//! target for women on the lists.

use super::{erase, plain, PageInput, PageView};
use crate::render::charts::{bar_chart, Bar, Target};
use crate::render::view::*;
use crate::stats::{Group, LevelFigures, Population, AGE_BANDS};
use crate::text::format_percent;

pub(super) fn statistics(p: &PageInput) -> PageView {
    let levels: Vec<LevelStatisticsView> = p
        .figures
        .levels
        .iter()
        .filter(|l| l.candidates.total > 0)
        .map(|l| level_view(p, l))
        .collect();
    let view = StatisticsView {
        empty: levels.is_empty().then(|| p.ui("stats_empty")),
        levels,
    };
    PageView {
        template: "statistics.html",
        meta_title: p.ui("title_statistics"),
        section: "statistics",
        description: None,
        breadcrumbs: p.crumbs(&[]),
        data: erase(view),
    }
}

/// A level's composition in short, for the home page and the level's page: the
/// candidates' shares of women, ethnic minorities, outside the Party and under 40,
/// and the elected women once results name them.
pub(super) fn short_summary(p: &PageInput, level: usize) -> Option<String> {
    let l = p.figures.level(level).filter(|l| l.candidates.total > 0)?;
    let lang = p.lang();
    let g = &l.candidates;
    let share = |n: u64, total: u64| format_percent(n, total, lang).unwrap_or_default();
    let mut parts = vec![p
        .ui("stats_total")
        .replace("{n}", &p.count(g.total))
        .replace("{who}", &p.ui("stats_who_candidates"))];
    for (key, n) in [
        ("stats_women", g.women),
        ("stats_ethnic_minority", g.ethnic_minority),
        ("stats_non_party", g.non_party),
        ("stats_under_40", g.under_40),
    ] {
        parts.push(format!("{} {}", p.ui(key), share(n, g.total)));
    }
    if let Some(e) = l.elected.as_ref().filter(|e| e.total > 0) {
        parts.push(format!(
            "{}: {} {}",
            p.ui("stats_elected"),
            p.ui("stats_women"),
            share(e.women, e.total)
        ));
    }
    Some(parts.join(" · "))
}

/// The level's section of the statistics page.
pub(super) fn level_url(p: &PageInput, level: usize) -> String {
    format!("{}#{}", p.cx.urls.statistics(), p.election.levels[level].id)
}

fn level_view(p: &PageInput, l: &LevelFigures) -> LevelStatisticsView {
    let lang = p.lang();
    let anchor = p.election.levels[l.level].id.clone();
    let ratio = if l.seats == 0 {
        p.ui("unknown")
    } else {
        let hundredths = (l.candidates.total * 200 + l.seats) / (l.seats * 2);
        let sep = if lang == "vi" { ',' } else { '.' };
        format!("{}{sep}{:02}", hundredths / 100, hundredths % 100)
    };
    let per_seat = p
        .ui("stats_per_seat")
        .replace("{n}", &p.count(l.candidates.total))
        .replace("{seats}", &p.count(l.seats))
        .replace("{units}", &p.count(l.units))
        .replace("{ratio}", &ratio);
    let groups = l
        .groups()
        .into_iter()
        .map(|(population, group)| group_view(p, l, &anchor, population, group))
        .collect();
    LevelStatisticsView {
        name: p.level_name(l.level),
        anchor,
        per_seat,
        groups,
    }
}

fn group_view(
    p: &PageInput,
    l: &LevelFigures,
    level_anchor: &str,
    population: Population,
    g: &Group,
) -> GroupView {
    let lang = p.lang();
    let pct = |n: u64| format_percent(n, g.total, lang).unwrap_or_default();
    let women_target = match population {
        Population::Candidates => p.election.levels[l.level].min_women_percent,
        Population::Elected => None,
    };
    let measure = |key: &str, n: u64, target: Option<u32>| MeasureView {
        label: plain(p.ui(key)),
        count: p.count(n),
        percent: pct(n),
        target: target.map(|t| p.ui("stats_target").replace("{n}", &t.to_string())),
        below_target: target.is_some_and(|t| n * 100 < u64::from(t) * g.total),
    };
    let rows = vec![
        measure("stats_women", g.women, women_target),
        measure("stats_ethnic_minority", g.ethnic_minority, None),
        measure("stats_non_party", g.non_party, None),
        measure("stats_under_40", g.under_40, None),
        measure("stats_incumbent", g.incumbent, None),
        measure("stats_self_nominated", g.self_nominated, None),
    ];
    let education = vec![
        measure("stats_postgraduate", g.postgraduate, None),
        measure("stats_university", g.university, None),
        measure("stats_below_university", g.below_university, None),
        measure(
            "stats_education_unclassified",
            g.education_unclassified,
            None,
        ),
    ];
    let age: Vec<MeasureView> = AGE_BANDS
        .iter()
        .zip(g.age)
        .map(|((band, _), n)| measure(&format!("stats_age_{}", band.replace('-', "_")), n, None))
        .collect();
    let ethnicity = g
        .ethnic_groups()
        .into_iter()
        .map(|(code, n)| MeasureView {
            label: p.cx.tr.code(lang, "ethnicity", code),
            count: p.count(n),
            percent: pct(n),
            target: None,
            below_target: false,
        })
        .collect();
    let (title_key, suffix) = match population {
        Population::Candidates => ("stats_candidates", "ung-cu"),
        Population::Elected => ("stats_elected", "trung-cu"),
    };
    let anchor = format!("{level_anchor}-{suffix}");
    let title = p.ui(title_key);
    let share = |n: u64| n as f64 / g.total.max(1) as f64;
    let bars_of = |measures: &[MeasureView], counts: &[u64]| -> Vec<Bar> {
        measures
            .iter()
            .zip(counts)
            .map(|(m, n)| Bar {
                label: m.label.text.clone(),
                value: format!("{} ({})", m.percent, m.count),
                share: share(*n),
            })
            .collect()
    };
    let main_counts = [
        g.women,
        g.ethnic_minority,
        g.non_party,
        g.under_40,
        g.incumbent,
        g.self_nominated,
        g.postgraduate,
    ];
    let mut main_measures = rows.clone();
    main_measures.push(education[0].clone());
    let target = women_target.map(|t| Target {
        bar: 0,
        share: f64::from(t) / 100.0,
        label: p.ui("stats_target_women").replace("{n}", &t.to_string()),
    });
    let level_name = p.level_name(l.level).text;
    let chart = bar_chart(
        &format!("{anchor}-chart"),
        &format!("{title} – {level_name}"),
        &bars_of(&main_measures, &main_counts),
        target.as_ref(),
    );
    let age_chart = bar_chart(
        &format!("{anchor}-age"),
        &format!("{} – {title} – {level_name}", p.ui("stats_age")),
        &bars_of(&age, &g.age),
        None,
    );
    let summary = std::iter::once(
        p.ui("stats_total")
            .replace("{n}", &p.count(g.total))
            .replace(
                "{who}",
                &p.ui(match population {
                    Population::Candidates => "stats_who_candidates",
                    Population::Elected => "stats_who_elected",
                }),
            ),
    )
    .chain(
        main_measures
            .iter()
            .map(|m| format!("{}: {}", m.label.text, m.percent)),
    )
    .collect::<Vec<_>>()
    .join("; ")
        + ".";
    GroupView {
        title,
        anchor,
        summary,
        chart,
        rows,
        education,
        age_chart,
        age,
        ethnicity,
    }
}
