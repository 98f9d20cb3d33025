//! The composition statistics of the sample (`/du-lieu/thong-ke.csv` and `.json`)
//! compared with the same figures counted here, independently, from the YAML files:
//! women, ethnic minorities, outside the Party, under 40 on election day,
//! incumbents, self-nominated, ethnic groups and age bands, for the official
//! candidates and the elected of every level.

mod common;

use common::*;
use serde_yaml::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// (level, population, measure) → (count, total)
type Counted = BTreeMap<(String, String, String), (u64, u64)>;

fn yaml(path: &Path) -> Value {
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn ymd(v: &Value) -> (i32, u32, u32) {
    let p: Vec<u32> = v
        .as_str()
        .unwrap()
        .split('-')
        .map(|x| x.parse().unwrap())
        .collect();
    (p[0] as i32, p[1], p[2])
}

fn age(birth: (i32, u32, u32), day: (i32, u32, u32)) -> i32 {
    let mut a = day.0 - birth.0;
    if (day.1, day.2) < (birth.1, birth.2) {
        a -= 1;
    }
    a
}

/// Every candidate record of a level in a province: (id, record).
fn candidates(province: &Path, level: &str) -> Vec<Value> {
    let dir = province.join("candidates");
    let mut files = vec![];
    let single = dir.join(format!("{level}.yaml"));
    if single.is_file() {
        files.push(single);
    }
    if let Ok(entries) = std::fs::read_dir(dir.join(level)) {
        let mut more: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        more.sort();
        files.extend(more);
    }
    files
        .iter()
        .flat_map(|f| yaml(f)["candidates"].as_sequence().unwrap().clone())
        .collect()
}

fn elected_ids(province: &Path, level: &str) -> Vec<String> {
    let dir = province.join("results");
    let mut files = vec![];
    let single = dir.join(format!("{level}.yaml"));
    if single.is_file() {
        files.push(single);
    }
    if let Ok(entries) = std::fs::read_dir(dir.join(level)) {
        files.extend(entries.flatten().map(|e| e.path()));
    }
    files
        .iter()
        .flat_map(|f| yaml(f)["units"].as_sequence().unwrap().clone())
        .flat_map(|u| u["elected"].as_sequence().unwrap().clone())
        .map(|id| id.as_str().unwrap().to_string())
        .collect()
}

fn count(
    people: &[&Value],
    level: &str,
    population: &str,
    day: (i32, u32, u32),
    out: &mut Counted,
) {
    let total = people.len() as u64;
    if total == 0 {
        return;
    }
    let mut add = |measure: String, yes: bool| {
        let e = out
            .entry((level.to_string(), population.to_string(), measure))
            .or_insert((0, total));
        e.0 += u64::from(yes);
    };
    for p in people {
        add("women".into(), p["gender"].as_str() == Some("female"));
        let ethnicity = p["ethnicity"].as_str();
        add(
            "ethnic_minority".into(),
            ethnicity.is_some_and(|e| e != "kinh"),
        );
        add("non_party".into(), p["party_join_date"].is_null());
        let a = age(ymd(&p["birth_date"]), day);
        add("under_40".into(), a < 40);
        add(
            "incumbent".into(),
            p["incumbent"].as_sequence().is_some_and(|s| !s.is_empty()),
        );
        add(
            "self_nominated".into(),
            p["self_nominated"].as_bool() == Some(true),
        );
        if let Some(e) = ethnicity {
            add(format!("ethnicity:{e}"), true);
        }
        let band = match a {
            ..30 => "under-30",
            30..40 => "30-39",
            40..50 => "40-49",
            50..60 => "50-59",
            _ => "60-plus",
        };
        for b in ["under-30", "30-39", "40-49", "50-59", "60-plus"] {
            add(format!("age:{b}"), b == band);
        }
    }
}

#[test]
fn the_statistics_are_the_counts_of_the_yaml() {
    let root = repo_root();
    let config = yaml(&root.join("baucu.yaml"));
    let day = ymd(&config["election"]["date"]);
    let levels: Vec<String> = config["election"]["levels"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap().to_string())
        .collect();
    let province = root.join("content/quang-ninh");
    let mut expected = Counted::new();
    for level in &levels {
        let all = candidates(&province, level);
        let official: Vec<&Value> = all
            .iter()
            .filter(|c| c["status"].as_str().unwrap_or("official") == "official")
            .collect();
        count(&official, level, "candidates", day, &mut expected);
        let ids = elected_ids(&province, level);
        let elected: Vec<&Value> = ids
            .iter()
            .filter_map(|id| all.iter().find(|c| c["id"].as_str() == Some(id.as_str())))
            .collect();
        count(&elected, level, "elected", day, &mut expected);
    }
    assert!(expected.len() > 50, "the sample has candidates and results");

    let built = sample();
    let csv =
        std::fs::read_to_string(built.site("quang-ninh").join("du-lieu/thong-ke.csv")).unwrap();
    let mut lines = csv.trim_start_matches('\u{feff}').lines();
    assert_eq!(
        lines.next(),
        Some("province,level,population,measure,count,total,percent")
    );
    let mut published = Counted::new();
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(cells.len(), 7, "{line}");
        assert_eq!(cells[0], "quang-ninh");
        let (n, total): (u64, u64) = (cells[4].parse().unwrap(), cells[5].parse().unwrap());
        // Two decimals, the share rounded.
        let shown: f64 = cells[6].parse().unwrap();
        assert_eq!(cells[6].split('.').nth(1).map(str::len), Some(2), "{line}");
        assert!(
            (shown - n as f64 * 100.0 / total as f64).abs() <= 0.005 + 1e-9,
            "{line}"
        );
        published.insert(
            (cells[1].into(), cells[2].into(), cells[3].into()),
            (n, total),
        );
    }
    // Education rests on reading the qualification's words: its classifier has its
    // own table test (src/stats/education.rs).
    published.retain(|(_, _, m), _| m != "postgraduate" && m != "university");
    let missing: Vec<_> = expected
        .iter()
        .filter(|(k, v)| published.get(*k) != Some(*v))
        .collect();
    assert!(missing.is_empty(), "differs: {missing:?}");
    assert_eq!(published.len(), expected.len());

    // The JSON holds the same rows.
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(built.site("quang-ninh").join("du-lieu/thong-ke.json")).unwrap(),
    )
    .unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), csv.lines().count() - 1);
    let women = rows
        .iter()
        .find(|r| {
            r["level"] == "quoc-hoi" && r["population"] == "candidates" && r["measure"] == "women"
        })
        .unwrap();
    let (n, total) = expected[&("quoc-hoi".into(), "candidates".into(), "women".into())];
    assert_eq!(
        (women["count"].as_u64(), women["total"].as_u64()),
        (Some(n), Some(total))
    );
}

/// The statistics page shows the same figures, in a table a screen reader can read,
/// beside a chart drawn as SVG, in both languages; the level's page has them short.
#[test]
fn the_statistics_page_shows_the_figures_as_tables_and_charts() {
    let built = sample();
    let csv =
        std::fs::read_to_string(built.site("quang-ninh").join("du-lieu/thong-ke.csv")).unwrap();
    let women = csv
        .lines()
        .find(|l| l.starts_with("quang-ninh,quoc-hoi,candidates,women,"))
        .unwrap();
    let cells: Vec<&str> = women.split(',').collect();
    let (count, percent) = (cells[4], cells[6].replace('.', ","));
    for (url, label, shown) in [
        ("/thong-ke/", "Nữ", format!("{percent}%")),
        ("/en/statistics/", "Women", format!("{}%", cells[6])),
    ] {
        let html = built.page("quang-ninh", url);
        let section = select(&html, "section#quoc-hoi-ung-cu");
        assert_eq!(section.len(), 1, "{url}");
        let row = select(&html, "section#quoc-hoi-ung-cu table.stats-table tbody tr")
            .into_iter()
            .find(|tr| {
                tr.select(&scraper::Selector::parse("th").unwrap())
                    .next()
                    .is_some_and(|th| text_of(&th) == label)
            })
            .unwrap_or_else(|| panic!("no row {label} on {url}"));
        let cells: Vec<String> = row
            .select(&scraper::Selector::parse("td").unwrap())
            .map(|td| text_of(&td))
            .collect();
        assert_eq!(cells[0], count, "{url}");
        assert_eq!(cells[1], shown, "{url}");
        let charts = select(&html, "section#quoc-hoi-ung-cu figure.chart svg[role=img]");
        assert_eq!(charts.len(), 2, "{url}: composition and age charts");
        let title = charts[0].value().attr("aria-labelledby").unwrap();
        assert_eq!(select(&html, &format!("title#{title}")).len(), 1);
    }
    let level = built.page("quang-ninh", "/don-vi-bau-cu/quoc-hoi/");
    let short = select(&level, "p.stats-short");
    assert_eq!(short.len(), 1);
    assert!(text_of(&short[0]).contains(&format!("Nữ {percent}%")));
}
