//! The national portal (`national:` in baucu.yaml) of a copy of the sample: every
//! National Assembly unit and official candidate read here from the provinces' YAML
//! is on it and linked (the unit on its own page, the candidate to the province's
//! page); its statistics are the sum of the provinces' own; `--province` builds leave
//! it out unless asked; a build of one province keeps the others' entries.

mod common;

use common::*;
use serde_yaml::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// A copy of the sample, whose baucu.yaml declares the national portal.
fn national_project() -> tempfile::TempDir {
    let project = sample_copy();
    let config = std::fs::read_to_string(project.path().join("baucu.yaml")).unwrap();
    assert!(config.contains("\nnational:\n  base_url: https://baucu.gov.vn\n"));
    project
}

fn build(root: &Path, set: impl FnOnce(&mut baucu::Options)) -> baucu::Report {
    let mut options = options_for(root);
    options.no_precompress = true;
    set(&mut options);
    let report = baucu::build(&options).expect("baucu runs");
    assert_clean(&report);
    report
}

fn yaml(path: &Path) -> Value {
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn page(site: &Path, url: &str) -> scraper::Html {
    let path = file_of(site, url);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{url}: {e}"));
    scraper::Html::parse_document(&text)
}

/// (href, text) of every link in `main`.
fn links(html: &scraper::Html) -> Vec<(String, String)> {
    select(html, "main a")
        .iter()
        .map(|a| (a.value().attr("href").unwrap_or("").to_string(), text_of(a)))
        .collect()
}

/// A province's National Assembly units, each with its official candidates
/// (id, name), as the YAML says.
struct Province {
    id: String,
    base_url: String,
    units: BTreeMap<u64, Vec<(String, String)>>,
}

fn provinces(root: &Path) -> Vec<Province> {
    let mut out = Vec::new();
    let mut dirs: Vec<_> = std::fs::read_dir(root.join("content"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("province.yaml").is_file())
        .collect();
    dirs.sort();
    for dir in dirs {
        let province = yaml(&dir.join("province.yaml"));
        let mut units = BTreeMap::new();
        let unit_file = dir.join("units/quoc-hoi.yaml");
        if unit_file.is_file() {
            for unit in yaml(&unit_file)["units"].as_sequence().unwrap() {
                units.insert(unit["number"].as_u64().unwrap(), Vec::new());
            }
        }
        let candidate_file = dir.join("candidates/quoc-hoi.yaml");
        if candidate_file.is_file() {
            for c in yaml(&candidate_file)["candidates"].as_sequence().unwrap() {
                if c["status"].as_str().unwrap_or("official") != "official" {
                    continue;
                }
                let unit = c["unit"].as_u64().unwrap();
                units.get_mut(&unit).unwrap().push((
                    c["id"].as_str().unwrap().to_string(),
                    c["name"].as_str().unwrap().to_string(),
                ));
            }
        }
        out.push(Province {
            id: province["id"].as_str().unwrap().to_string(),
            base_url: province["base_url"]
                .as_str()
                .unwrap()
                .trim_end_matches('/')
                .to_string(),
            units,
        });
    }
    out
}

#[test]
fn every_unit_and_candidate_is_on_the_national_portal_and_linked() {
    let project = national_project();
    let root = project.path();
    build(root, |_| {});
    check_units_and_candidates(root, &root.join("public"));
}

/// The national portal of a project generated at the country's scale, built
/// beforehand (it takes a minute and 3 GB, too much for every `cargo test`):
/// `scripts/test.sh` (CI) runs it so:
///
/// ```sh
/// cargo run --release --example fixture -- --preset national /dev/shm/fxn
/// cargo run --release -- build --root /dev/shm/fxn --no-precompress
/// BAUCU_NATIONAL_FIXTURE=/dev/shm/fxn cargo test --release --test national -- --ignored
/// ```
#[test]
#[ignore = "needs a built national fixture: scripts/test.sh builds one and runs it"]
fn the_national_portal_of_a_generated_country() {
    let root = std::path::PathBuf::from(
        std::env::var("BAUCU_NATIONAL_FIXTURE").expect("BAUCU_NATIONAL_FIXTURE=<built project>"),
    );
    let provinces = provinces(&root);
    assert_eq!(provinces.len(), 34);
    check_units_and_candidates(&root, &root.join("public"));
    check_statistics_sum(&root, &root.join("public"));
}

/// Every National Assembly unit and official candidate of the YAML, on the national
/// portal built in `out`, in both languages.
fn check_units_and_candidates(root: &Path, out: &Path) {
    let site = out.join("_national");
    let provinces = provinces(root);
    let all_units: usize = provinces.iter().map(|p| p.units.len()).sum();
    assert!(all_units >= 3, "the sample has National Assembly units");

    for (lang, units_url, candidate_path) in [
        ("vi", "/don-vi-bau-cu/", "/ung-cu-vien/"),
        ("en", "/en/units/", "/en/candidates/"),
    ] {
        let index = page(&site, units_url);
        assert_eq!(select(&index, "html")[0].value().attr("lang"), Some(lang));
        let index_links = links(&index);
        let list = links(&page(
            &site,
            if lang == "vi" {
                "/ung-cu-vien/"
            } else {
                "/en/candidates/"
            },
        ));
        for province in &provinces {
            for (number, candidates) in &province.units {
                let unit_url = format!("{units_url}{}/{number}/", province.id);
                assert!(
                    index_links.iter().any(|(href, _)| *href == unit_url),
                    "{units_url} links {unit_url}"
                );
                let unit_page = page(&site, &unit_url);
                let unit_links = links(&unit_page);
                for (id, name) in candidates {
                    let url = format!("{}{candidate_path}{id}/", province.base_url);
                    assert!(
                        unit_links
                            .iter()
                            .any(|(href, text)| *href == url && text == name),
                        "{unit_url} lists {name} linking to {url}"
                    );
                    assert!(
                        list.iter().any(|(href, text)| *href == url && text == name),
                        "the candidate list has {name} linking to {url}"
                    );
                }
                // The rows of the unit's list are exactly its official candidates.
                assert_eq!(
                    select(&unit_page, "table.list tbody tr").len(),
                    candidates.len()
                );
                let on_portal = format!(
                    "{}{}{number}/",
                    province.base_url,
                    if lang == "vi" {
                        "/don-vi-bau-cu/quoc-hoi/"
                    } else {
                        "/en/units/quoc-hoi/"
                    }
                );
                assert!(
                    unit_links.iter().any(|(href, _)| *href == on_portal),
                    "{unit_url} links the unit on its province's portal"
                );
            }
        }
        // Every province's portal is linked from the home page.
        let home = links(&page(&site, if lang == "vi" { "/" } else { "/en/" }));
        for province in &provinces {
            let url = format!(
                "{}{}",
                province.base_url,
                if lang == "vi" { "/" } else { "/en/" }
            );
            assert!(
                home.iter().any(|(href, _)| *href == url),
                "home links {url}"
            );
        }
    }
    // The sitemap names every unit page.
    let sitemap = std::fs::read_to_string(site.join("sitemap.xml")).unwrap();
    for province in &provinces {
        for number in province.units.keys() {
            let url = format!(
                "https://baucu.gov.vn/don-vi-bau-cu/{}/{number}/",
                province.id
            );
            assert!(sitemap.contains(&url), "sitemap has {url}");
        }
    }
}

/// `(level, population, measure)` → `(count, total)` of rows with `province`.
fn csv_rows(path: &Path, province: &str) -> BTreeMap<(String, String, String), (u64, u64)> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    assert_eq!(
        lines.next(),
        Some("province,level,population,measure,count,total,percent")
    );
    lines
        .map(|l| l.split(',').collect::<Vec<_>>())
        .filter(|cells| cells[0] == province)
        .map(|c| {
            (
                (c[1].to_string(), c[2].to_string(), c[3].to_string()),
                (c[4].parse().unwrap(), c[5].parse().unwrap()),
            )
        })
        .collect()
}

#[test]
fn national_statistics_are_the_sum_of_the_provinces() {
    let project = national_project();
    let root = project.path();
    build(root, |_| {});
    check_statistics_sum(root, &root.join("public"));
}

/// The national `thong-ke.csv` in `out`: each province's own rows, and the country's
/// rows their sum.
fn check_statistics_sum(root: &Path, out: &Path) {
    let national = out.join("_national/du-lieu/thong-ke.csv");
    let mut summed: BTreeMap<(String, String, String), (u64, u64)> = BTreeMap::new();
    for province in provinces(root) {
        let own = csv_rows(
            &root
                .join("public")
                .join(&province.id)
                .join("du-lieu/thong-ke.csv"),
            &province.id,
        );
        // The national file repeats each province's own rows.
        assert_eq!(csv_rows(&national, &province.id), own, "{}", province.id);
        for (key, (count, total)) in own {
            let sum = summed.entry(key).or_default();
            sum.0 += count;
            sum.1 += total;
        }
    }
    let country = csv_rows(&national, "");
    // Counts sum measure by measure. Totals sum population by population: a province
    // writes no row for an ethnic group none of its candidates belongs to, so the
    // population's total is read from its `women` row, which every group has.
    let total_of =
        |rows: &BTreeMap<(String, String, String), (u64, u64)>, level: &str, population: &str| {
            rows.get(&(
                level.to_string(),
                population.to_string(),
                "women".to_string(),
            ))
            .map(|r| r.1)
        };
    let mut population_totals: BTreeMap<(String, String), u64> = BTreeMap::new();
    for province in provinces(root) {
        let own = csv_rows(
            &out.join(&province.id).join("du-lieu/thong-ke.csv"),
            &province.id,
        );
        for (level, population, measure) in own.keys() {
            if measure == "women" {
                *population_totals
                    .entry((level.clone(), population.clone()))
                    .or_default() += total_of(&own, level, population).unwrap();
            }
        }
    }
    for ((level, population, measure), (count, total)) in &country {
        let (c, _) = summed
            .get(&(level.clone(), population.clone(), measure.clone()))
            .copied()
            .unwrap_or_default();
        assert_eq!(*count, c, "{level} {population} {measure}");
        assert_eq!(
            Some(*total),
            population_totals
                .get(&(level.clone(), population.clone()))
                .copied(),
            "{level} {population} {measure}: total"
        );
    }
    for (key, (count, _)) in &summed {
        if *count > 0 {
            assert!(country.contains_key(key), "country row for {key:?}");
        }
    }
    assert!(country.contains_key(&(
        "quoc-hoi".to_string(),
        "candidates".to_string(),
        "women".to_string()
    )));
    // The JSON holds the same rows.
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("_national/du-lieu/thong-ke.json")).unwrap(),
    )
    .unwrap();
    let lines = std::fs::read_to_string(&national).unwrap().lines().count() - 1;
    assert_eq!(json.as_array().unwrap().len(), lines);
}

#[test]
fn a_province_build_leaves_the_national_portal_out_unless_asked_and_keeps_the_others() {
    let project = national_project();
    let root = project.path();
    build(root, |o| o.provinces = vec!["quang-ninh".into()]);
    assert!(!root.join("public/_national").exists());

    // Asked: the other province, never built, is loaded for its entry.
    build(root, |o| {
        o.provinces = vec!["quang-ninh".into()];
        o.national = true;
    });
    let site = root.join("public/_national");
    let home = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(
        home.contains("https://baucu.danang.gov.vn/"),
        "Đà Nẵng is listed"
    );
    assert!(!root.join("public/da-nang").exists(), "but not built");

    // An edit of one province's candidate, built alone and asked: the national portal
    // shows it, with the other province's entry kept.
    let before = std::fs::read_to_string(site.join("ung-cu-vien/index.html")).unwrap();
    let (_, name) = provinces(root)
        .into_iter()
        .find(|p| p.id == "quang-ninh")
        .unwrap()
        .units
        .into_values()
        .flatten()
        .next()
        .unwrap();
    replace_in(
        root,
        "content/quang-ninh/candidates/quoc-hoi.yaml",
        &name,
        "Nguyễn Văn Mới",
    );
    build(root, |o| {
        o.provinces = vec!["quang-ninh".into()];
        o.national = true;
    });
    let after = std::fs::read_to_string(site.join("ung-cu-vien/index.html")).unwrap();
    assert!(before.contains(&name) && !after.contains(&name));
    assert!(after.contains("Nguyễn Văn Mới"));
    assert!(
        after.contains("https://baucu.danang.gov.vn")
            || !before.contains("https://baucu.danang.gov.vn")
    );

    // A full build after a province was built alone (national portal stale): made anew.
    replace_in(
        root,
        "content/quang-ninh/candidates/quoc-hoi.yaml",
        "Nguyễn Văn Mới",
        "Trần Thị Khác",
    );
    build(root, |o| o.provinces = vec!["quang-ninh".into()]);
    build(root, |_| {});
    let last = std::fs::read_to_string(site.join("ung-cu-vien/index.html")).unwrap();
    assert!(last.contains("Trần Thị Khác"));
}

#[test]
fn without_national_in_baucu_yaml_there_is_no_national_portal() {
    let project = sample_copy();
    let config = project.path().join("baucu.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    let cut = text.find("\nnational:").unwrap();
    std::fs::write(&config, &text[..cut]).unwrap();
    build(project.path(), |_| {});
    assert!(!project.path().join("public/_national").exists());
}

#[test]
fn a_national_address_with_a_path_is_refused_at_its_line() {
    let (project, report) = broken(|root| {
        let at = replace_in(
            root,
            "baucu.yaml",
            "https://baucu.gov.vn",
            "https://gov.vn/baucu",
        );
        assert!(at > 0);
    });
    let line = line_of(project.path(), "baucu.yaml", "https://gov.vn/baucu", 0);
    error_at(&report, "baucu.yaml", line, "has a path, `/baucu`");
}

#[test]
fn the_national_search_finds_candidates_and_units() {
    let project = national_project();
    let root = project.path();
    build(root, |_| {});
    let site = root.join("public/_national");
    let search = page(&site, "/tim-kiem/");
    let manifest = select(&search, "#search-form")[0]
        .value()
        .attr("data-index")
        .unwrap()
        .to_string();
    assert!(file_of(&site, &manifest).is_file(), "{manifest}");
    // No news on the national portal: no category or date filters.
    assert!(select(&search, "#category").is_empty());
    assert!(select(&search, "#from").is_empty());
    let kinds: Vec<String> = select(&search, "#kind option")
        .iter()
        .filter_map(|o| o.value().attr("value").map(String::from))
        .collect();
    assert_eq!(kinds, ["", "c", "u"]);
    // Every candidate's name is in the index's metadata, with their province URL.
    let meta: String = walkdir::WalkDir::new(site.join("_search/vi"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .collect();
    for province in provinces(root) {
        for (id, name) in province.units.values().flatten() {
            assert!(meta.contains(name), "{name} in the index");
            assert!(
                meta.contains(&format!("{}/ung-cu-vien/{id}/", province.base_url)),
                "{id}'s URL in the index"
            );
        }
    }
}
