//! `baucu new` end to end, with the binary in temporary folders: a project for every
//! one of the 34 provinces (each named a different way) that `baucu check` accepts; the
//! portals `baucu build` makes of them saying what is not published yet; a second
//! province beside the first; and the errors, which write nothing.

mod common;

use common::{select, snapshot, text_of};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[derive(Deserialize)]
struct Province {
    code: u32,
    name: String,
    codename: String,
    communes: Vec<Commune>,
}

#[derive(Deserialize)]
struct Commune {
    code: u32,
    name: String,
    #[serde(rename = "type")]
    kind: String,
}

impl Commune {
    /// The name as `province.yaml` writes it: a few in the data have two spaces.
    fn name(&self) -> String {
        self.name.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

impl Province {
    fn slug(&self) -> String {
        self.codename.replace('_', "-")
    }
}

fn provinces() -> Vec<Province> {
    let data = std::fs::read_to_string(common::repo_root().join("data/vn-divisions-2025.json"))
        .expect("the divisions data is in the repository");
    serde_json::from_str(&data).unwrap()
}

/// Runs the binary; `SOURCE_DATE_EPOCH` is 7 December 2025 (the news date and the
/// build date), before the official lists of candidates are due.
fn baucu(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baucu"))
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1765065600")
        .output()
        .expect("the binary runs")
}

fn new(dir: &Path, province: &str, lang: &str) -> Output {
    baucu(&[
        "new",
        dir.to_str().unwrap(),
        "--province",
        province,
        "--lang",
        lang,
    ])
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `baucu check --format json` on the project: exits 0 and reports no error.
fn assert_checks(dir: &Path, what: &str) {
    let output = baucu(&["check", "--root", dir.to_str().unwrap(), "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{what}: check prints JSON ({e}): {}", stderr(&output)));
    assert_eq!(
        (output.status.code(), &report["errors"]),
        (Some(0), &serde_json::json!(0)),
        "{what}: {}",
        serde_json::to_string_pretty(&report["diagnostics"]).unwrap()
    );
}

/// The way the `i`-th province is named: slug, name with tone marks (in a
/// different case each time), name without them, statistics code.
fn naming(i: usize, p: &Province) -> String {
    let short = p.name.trim_start_matches("Thành phố ");
    match i % 4 {
        0 => p.slug(),
        1 if i % 8 == 1 => p.name.clone(),
        1 => short.to_uppercase(),
        2 => baucu::text::fold(short),
        _ => format!("{:02}", p.code),
    }
}

#[test]
fn every_province_makes_a_project_that_check_accepts() {
    let all = provinces();
    assert_eq!(all.len(), 34);
    let temp = tempfile::tempdir().unwrap();
    let jobs: Vec<(usize, &Province)> = all.iter().enumerate().collect();
    let start = std::time::Instant::now();
    std::thread::scope(|scope| {
        for chunk in jobs.chunks(9) {
            let temp = temp.path();
            scope.spawn(move || {
                for &(i, p) in chunk {
                    let dir = temp.join(p.slug());
                    let named = naming(i, p);
                    let made = new(&dir, &named, "en");
                    assert_eq!(made.status.code(), Some(0), "{named}: {}", stderr(&made));
                    assert!(stdout(&made).contains("baucu check --root"), "{named}");
                    let yaml = std::fs::read_to_string(
                        dir.join(format!("content/{}/province.yaml", p.slug())),
                    )
                    .unwrap_or_else(|e| panic!("{named}: {e}"));
                    assert_eq!(
                        yaml.matches("\n  - code: ").count(),
                        p.communes.len(),
                        "{named}"
                    );
                    for c in &p.communes {
                        let kind = baucu::text::slugify(&c.kind);
                        let entry = format!(
                            "  - code: {}\n    name: {}\n    type: {kind}\n",
                            c.code,
                            c.name()
                        );
                        assert!(yaml.contains(&entry), "{named}: {entry}");
                    }
                    assert!(yaml.contains(&format!("id: {} ", p.slug())), "{named}");
                    assert_checks(&dir, &named);
                }
            });
        }
    });
    eprintln!("34 projects made and checked in {:?}", start.elapsed());
    // Nothing beside the 34 project folders.
    assert_eq!(std::fs::read_dir(temp.path()).unwrap().count(), 34);
}

#[test]
fn the_project_holds_the_election_the_shared_content_and_a_first_news_item() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("cong-thong-tin");
    let made = new(&dir, "Quảng Ninh", "vi");
    assert_eq!(made.status.code(), Some(0), "{}", stderr(&made));
    let files: Vec<PathBuf> = snapshot(&dir).into_iter().map(|(p, _)| p).collect();
    let expected = [
        "baucu.yaml",
        "content/_shared/documents.yaml",
        "content/_shared/faq/bo-phieu.yaml",
        "content/_shared/faq/cu-tri.yaml",
        "content/_shared/faq/ket-qua-khieu-nai.yaml",
        "content/_shared/faq/ung-cu.yaml",
        "content/_shared/timeline.yaml",
        "content/quang-ninh/news/2025-12-07-mo-cong-thong-tin-bau-cu.en.md",
        "content/quang-ninh/news/2025-12-07-mo-cong-thong-tin-bau-cu.md",
        "content/quang-ninh/province.yaml",
    ];
    assert_eq!(files, expected.map(PathBuf::from));
    let read = |path: &str| std::fs::read_to_string(dir.join(path)).unwrap();
    let config = read("baucu.yaml");
    for line in [
        "date: 2026-03-15",
        "- id: quoc-hoi",
        "- id: hdnd-tinh",
        "- id: hdnd-xa",
        "min_candidate_age: 21",
        "max_levels_per_person: 2",
        "min_extra_candidates: {1: 1, 3: 2, 4: 3}",
        "min_women_percent: 35",
    ] {
        assert!(config.contains(line), "{line}");
    }
    let timeline = read("content/_shared/timeline.yaml");
    assert!(
        !timeline.contains("\n- date:"),
        "every milestone is relative"
    );
    assert_eq!(timeline.matches("\n- offset_days:").count(), 7);
    assert!(timeline.contains("Điều 57, 58 Luật Bầu cử"));
    let news = read("content/quang-ninh/news/2025-12-07-mo-cong-thong-tin-bau-cu.md");
    assert!(news.contains("title: Cổng thông tin bầu cử tỉnh Quảng Ninh chính thức hoạt động"));
    assert!(news.contains("date: 2025-12-07"));
    // The message, in Vietnamese: what was written and what comes next.
    let message = stdout(&made);
    assert!(message.contains("Đã tạo dự án cổng thông tin bầu cử tỉnh Quảng Ninh"));
    assert!(message.contains("54 xã, phường, đặc khu"));
    assert!(message.contains("baucu serve --root"));
    // Nothing written beside the project folder.
    assert_eq!(std::fs::read_dir(temp.path()).unwrap().count(), 1);
}

#[test]
fn a_second_province_goes_beside_the_first_and_changes_nothing_else() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("p");
    assert_eq!(new(&dir, "da nang", "en").status.code(), Some(0));
    let before = snapshot(&dir);
    let added = new(&dir, "Thành phố Huế", "en");
    assert_eq!(added.status.code(), Some(0), "{}", stderr(&added));
    assert!(stdout(&added).contains("Added Hue City to the project"));
    let after = snapshot(&dir);
    for (path, bytes) in &before {
        assert!(
            after.contains(&(path.clone(), bytes.clone())),
            "{path:?} changed"
        );
    }
    let new_files: Vec<&PathBuf> = after
        .iter()
        .map(|(p, _)| p)
        .filter(|p| !before.iter().any(|(b, _)| b == *p))
        .collect();
    assert_eq!(new_files.len(), 3, "{new_files:?}");
    assert!(new_files.iter().all(|p| p.starts_with("content/hue")));
    assert_checks(&dir, "da-nang and hue");
}

#[test]
fn a_vietnamese_only_project_gets_a_vietnamese_only_province() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    let config = std::fs::read_to_string(common::repo_root().join("baucu.yaml"))
        .unwrap()
        .replace("languages: [vi, en]", "languages: [vi]")
        .lines()
        .filter(|l| !l.trim_start().starts_with("en:"))
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(dir.join("baucu.yaml"), config).unwrap();
    let added = new(dir, "ca mau", "en");
    assert_eq!(added.status.code(), Some(0), "{}", stderr(&added));
    let files: Vec<PathBuf> = snapshot(&dir.join("content"))
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    assert_eq!(
        files,
        [
            "ca-mau/news/2025-12-07-mo-cong-thong-tin-bau-cu.md",
            "ca-mau/province.yaml"
        ]
        .map(PathBuf::from)
    );
    assert_checks(dir, "a Vietnamese-only project");
}

/// The home page and the list pages of a portal made by `new` and built at once.
#[test]
fn the_built_portals_say_plainly_what_is_not_published_yet() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("p");
    let all = provinces();
    // Hà Nội first, then two more beside it: the largest commune list, and a city
    // with special zones.
    for name in ["Thành phố Hà Nội", "ho chi minh", "22"] {
        let made = new(&dir, name, "en");
        assert_eq!(made.status.code(), Some(0), "{name}: {}", stderr(&made));
    }
    let out = temp.path().join("public");
    let start = std::time::Instant::now();
    let built = baucu(&[
        "build",
        "--root",
        dir.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--no-precompress",
    ]);
    eprintln!("3 portals built in {:?}", start.elapsed());
    assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
    let page = |province: &str, url: &str| {
        let path = common::file_of(&out.join(province), url);
        scraper::Html::parse_document(&std::fs::read_to_string(&path).unwrap())
    };
    let notes = |html: &scraper::Html| -> Vec<String> {
        select(html, "main p.empty").iter().map(text_of).collect()
    };
    for (slug, code) in [("ha-noi", 1), ("ho-chi-minh", 79), ("quang-ninh", 22)] {
        let home = notes(&page(slug, "/"));
        assert_eq!(
            home,
            [
                "Danh sách các đơn vị bầu cử chưa được công bố.",
                "Danh sách chính thức những người ứng cử chưa được công bố. Dự kiến: Thứ hai, 23/02/2026",
            ],
            "{slug}"
        );
        let home_en = notes(&page(slug, "/en/"));
        assert_eq!(
            home_en,
            [
                "The electoral units have not been published yet.",
                "The official list of candidates has not been published yet. Expected: Monday, 23 February 2026",
            ],
            "{slug}"
        );
        // The first news item is on the home page, in both languages.
        let home_page = page(slug, "/");
        let cards = select(&home_page, "main .card h3 a");
        assert_eq!(cards.len(), 1, "{slug}");
        assert!(text_of(&cards[0]).starts_with("Cổng thông tin bầu cử"));
        assert!(text_of(&select(&page(slug, "/en/"), "main .card h3 a")[0])
            .starts_with("The election portal of"));
        // The list pages say it too.
        for url in [
            "/ung-cu-vien/",
            "/don-vi-bau-cu/",
            "/don-vi-bau-cu/quoc-hoi/",
            "/tra-cuu/",
        ] {
            assert!(!notes(&page(slug, url)).is_empty(), "{slug}{url}");
        }
        assert!(notes(&page(slug, "/ket-qua/"))
            .iter()
            .all(|n| n.starts_with("Kết quả bầu cử chưa được công bố")));
        // Every commune can be looked up, its units to come.
        let province = all.iter().find(|p| p.code == code).unwrap();
        let lookup = page(slug, "/tra-cuu/");
        let names: Vec<String> = select(&lookup, "table.lookup tbody th")
            .iter()
            .map(text_of)
            .collect();
        assert_eq!(names.len(), province.communes.len(), "{slug}");
        assert!(province.communes.iter().all(|c| names.contains(&c.name())));
    }
}

#[test]
fn an_unknown_province_names_the_closest_and_writes_nothing() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("p");
    let typo = new(&dir, "Quang Nin", "en");
    assert_eq!(typo.status.code(), Some(2));
    let message = stderr(&typo);
    assert!(
        message.contains("no province or city named `Quang Nin`"),
        "{message}"
    );
    assert!(
        message.contains("hint: did you mean: `quang-ninh` (Quảng Ninh, 22)"),
        "{message}"
    );
    assert!(!dir.exists(), "no folder made");
    // A province merged away in 2025 says where it went, in Vietnamese too.
    let merged = new(&dir, "Bình Dương", "vi");
    assert_eq!(merged.status.code(), Some(2));
    let message = stderr(&merged);
    assert!(
        message.contains("hợp nhất vào Thành phố Hồ Chí Minh"),
        "{message}"
    );
    assert!(
        message.contains("gợi ý: dùng --province ho-chi-minh"),
        "{message}"
    );
    let code = new(&dir, "23", "en");
    assert_eq!(code.status.code(), Some(2));
    assert!(stderr(&code).contains("`quang-ninh` (Quảng Ninh, 22), `bac-ninh` (Bắc Ninh, 24)"));
    assert!(!dir.exists());
    // Nor in an existing project.
    assert_eq!(new(&dir, "quang ninh", "en").status.code(), Some(0));
    let before = snapshot(&dir);
    assert_eq!(new(&dir, "Quảng Nam", "en").status.code(), Some(2));
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn a_province_already_there_is_not_overwritten() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("p");
    assert_eq!(new(&dir, "lao-cai", "en").status.code(), Some(0));
    let province = dir.join("content/lao-cai/province.yaml");
    let edited = std::fs::read_to_string(&province).unwrap() + "# edited by hand\n";
    std::fs::write(&province, &edited).unwrap();
    let before = snapshot(&dir);
    let again = new(&dir, "Lào Cai", "en");
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("this province is already in the project"));
    assert_eq!(snapshot(&dir), before);
    assert_eq!(std::fs::read_to_string(&province).unwrap(), edited);
    let dirs = |d: &Path| walkdir::WalkDir::new(d).into_iter().flatten().count();
    let count = dirs(&dir);
    assert_eq!(new(&dir, "15", "vi").status.code(), Some(2));
    assert_eq!(dirs(&dir), count, "no staging folder left");
}

#[test]
fn a_folder_with_other_files_or_a_file_is_refused() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("notes");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("todo.txt"), "ghi chú").unwrap();
    let refused = new(&dir, "ha noi", "en");
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("is not empty and is not a baucu project"));
    assert_eq!(
        snapshot(&dir),
        [(PathBuf::from("todo.txt"), "ghi chú".as_bytes().to_vec())]
    );
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
    let file = new(&dir.join("todo.txt"), "ha noi", "vi");
    assert_eq!(file.status.code(), Some(2));
    assert!(stderr(&file).contains("là một tệp, không phải thư mục"));
    // An empty folder, or one with only hidden entries (`git init`), is fine.
    std::fs::remove_file(dir.join("todo.txt")).unwrap();
    std::fs::create_dir(dir.join(".git")).unwrap();
    assert_eq!(new(&dir, "ha noi", "en").status.code(), Some(0));
}
