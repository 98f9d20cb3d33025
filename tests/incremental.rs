//! Incremental builds: after edits of each kind of content (news, candidates, units,
//! FAQ, province, templates, UI strings; files added, removed, renamed), a build that
//! uses the cache gives byte for byte what a clean build gives, renders only what
//! changed and leaves unchanged provinces alone.

mod common;

use common::*;
use std::path::Path;

/// A small deterministic generator, so a failure can be replayed
/// (`BAUCU_EDIT_SEED`).
struct Lcg(u64);

impl Lcg {
    fn pick(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n
    }
}

fn seed() -> u64 {
    std::env::var("BAUCU_EDIT_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20260315)
}

fn build(root: &Path, out: &Path, clean: bool) -> baucu::Report {
    let report = baucu::build(&baucu::Options {
        out: Some(out.to_path_buf()),
        clean,
        ..options_for(root)
    })
    .expect("baucu runs");
    assert_clean(&report);
    report
}

/// The published sites under `out` (the cache left out), file by file.
fn sites(out: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    snapshot(out)
        .into_iter()
        .filter(|(path, _)| !path.starts_with(".baucu-cache"))
        .collect()
}

/// Builds incrementally into `root/public` and cleanly into a fresh folder, and
/// checks that both are the same, file for file and byte for byte.
fn assert_same_as_clean(root: &Path, what: &str) -> baucu::Report {
    let incremental = build(root, &root.join("public"), false);
    let fresh = tempfile::tempdir().unwrap();
    build(root, fresh.path(), true);
    let (a, b) = (sites(&root.join("public")), sites(fresh.path()));
    let names = |s: &[(std::path::PathBuf, Vec<u8>)]| -> Vec<std::path::PathBuf> {
        s.iter().map(|(p, _)| p.clone()).collect()
    };
    let (names_a, names_b) = (names(&a), names(&b));
    for name in &names_b {
        assert!(
            names_a.contains(name),
            "after {what}: {name:?} missing from the incremental build"
        );
    }
    for name in &names_a {
        assert!(
            names_b.contains(name),
            "after {what}: {name:?} left behind by the incremental build"
        );
    }
    for ((path, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "after {what}: {path:?} differs from a clean build");
    }
    incremental
}

fn site<'a>(report: &'a baucu::Report, province: &str) -> &'a baucu::SiteReport {
    report
        .sites
        .iter()
        .find(|s| s.province == province)
        .unwrap_or_else(|| panic!("{province} in the report"))
}

/// Files under `dir` (relative to `root`) whose name ends with `suffix`.
fn files(root: &Path, dir: &str, suffix: &str) -> Vec<String> {
    let mut found: Vec<String> = walkdir::WalkDir::new(root.join(dir))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|p| p.ends_with(suffix))
        .collect();
    found.sort();
    found
}

/// Appends `extra` to the value of the first line of `file` that starts with
/// `prefix` (a one-line YAML scalar or front matter field).
fn append_to_line(root: &Path, file: &str, prefix: &str, extra: &str) -> bool {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut done = false;
    let edited: Vec<String> = text
        .lines()
        .map(|line| {
            let value = line.strip_prefix(prefix).map(str::trim);
            match value {
                Some(v)
                    if !done
                        && !v.is_empty()
                        && !v.starts_with(['"', '\'', '>', '|', '[', '{']) =>
                {
                    done = true;
                    format!("{line}{extra}")
                }
                _ => line.to_string(),
            }
        })
        .collect();
    std::fs::write(&path, edited.join("\n") + "\n").unwrap();
    done
}

#[test]
fn incremental_builds_equal_clean_builds_after_every_kind_of_edit() {
    let project = sample_copy();
    let root = project.path();
    let mut random = Lcg(seed());
    let first = build(root, &root.join("public"), false);
    let total = site(&first, "quang-ninh").pages;
    assert_eq!(site(&first, "quang-ninh").rendered, total);

    // Nothing changed: nothing is even loaded.
    let again = assert_same_as_clean(root, "no edit");
    assert!(again.sites.iter().all(|s| s.unchanged), "{:?}", again.sites);

    // A news title.
    let news = files(root, "content/quang-ninh/news", ".md");
    let vi_news: Vec<&String> = news.iter().filter(|n| !n.ends_with(".en.md")).collect();
    let item = vi_news[random.pick(vi_news.len())];
    assert!(
        append_to_line(root, item, "title: ", " (cập nhật)"),
        "{item}"
    );
    let report = assert_same_as_clean(root, &format!("editing the title of {item}"));
    let qn = site(&report, "quang-ninh");
    assert!(
        qn.rendered > 0 && qn.rendered < total / 4,
        "a news title re-renders the item and the lists, not {} of {total} pages",
        qn.rendered
    );
    assert!(
        qn.written < qn.files / 4,
        "{} of {} files written",
        qn.written,
        qn.files
    );
    assert!(
        site(&report, "da-nang").unchanged,
        "the other province is left alone"
    );

    // A news body, and a new news item, in one build.
    let item = vi_news[random.pick(vi_news.len())];
    let path = root.join(item);
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("\nĐoạn bổ sung: cử tri được nhắc mang theo thẻ cử tri.\n");
    std::fs::write(&path, text).unwrap();
    let front = std::fs::read_to_string(root.join(vi_news[0])).unwrap();
    let front = front.split("\n---").next().unwrap().to_string();
    let new_item = |slug: &str, title: &str| {
        write_file(
            root,
            &format!("content/quang-ninh/news/2026-04-30-{slug}.md"),
            format!("{front}\n---\nMột tin mới.\n").replacen(
                "title:",
                &format!("title: {title} –"),
                1,
            ),
        )
    };
    new_item("tin-moi-ve-bau-cu", "Tin mới");
    new_item("tin-moi-thu-hai", "Tin thứ hai");
    write_file(
        root,
        "content/quang-ninh/news/2026-04-30-tin-moi-ve-bau-cu.en.md",
        "---\ntitle: New election news\n---\nA new item.\n",
    );
    assert_same_as_clean(root, "a body edit and new news items, one translated");

    // A translation removed, a news item removed, and a news item renamed.
    for gone in [
        "2026-04-30-tin-moi-ve-bau-cu.en.md",
        "2026-04-30-tin-moi-thu-hai.md",
    ] {
        std::fs::remove_file(root.join("content/quang-ninh/news").join(gone)).unwrap();
    }
    std::fs::rename(
        root.join("content/quang-ninh/news/2026-04-30-tin-moi-ve-bau-cu.md"),
        root.join("content/quang-ninh/news/2026-04-30-tin-moi-doi-ten.md"),
    )
    .unwrap();
    let report = assert_same_as_clean(root, "removing news and renaming a news item");
    assert!(
        site(&report, "quang-ninh").deleted > 0,
        "removed pages are deleted"
    );

    // A candidate.
    let lists = files(root, "content/quang-ninh/candidates", ".yaml");
    let list = &lists[random.pick(lists.len())];
    assert!(
        append_to_line(root, list, "    occupation: ", " (kiêm nhiệm)")
            || append_to_line(root, list, "    workplace: ", " (cơ sở 2)"),
        "{list}"
    );
    assert_same_as_clean(root, &format!("editing a candidate in {list}"));

    // An electoral unit: its number of voters.
    let units = files(root, "content/quang-ninh/units", ".yaml");
    let unit_file = &units[random.pick(units.len())];
    let text = std::fs::read_to_string(root.join(unit_file)).unwrap();
    if let Some(line) = text
        .lines()
        .find(|l| l.trim_start().starts_with("voters: "))
    {
        let number: u64 = line.trim_start()["voters: ".len()..]
            .trim()
            .parse()
            .unwrap_or(1000);
        let indent = &line[..line.len() - line.trim_start().len()];
        replace_in(
            root,
            unit_file,
            line,
            &format!("{indent}voters: {}", number + 17),
        );
        assert_same_as_clean(
            root,
            &format!("editing the voters of a unit in {unit_file}"),
        );
    }

    // An FAQ answer shared by every province.
    let faqs = files(root, "content/_shared/faq", ".yaml");
    if let Some(faq) = faqs.first() {
        let text = std::fs::read_to_string(root.join(faq)).unwrap();
        let question = text
            .lines()
            .find(|l| l.trim_start().starts_with("vi: \""))
            .unwrap()
            .to_string();
        replace_in(
            root,
            faq,
            &question,
            &question.replacen("vi: \"", "vi: \"(Mới) ", 1),
        );
        let report = assert_same_as_clean(root, &format!("editing {faq}"));
        assert!(
            !site(&report, "da-nang").unchanged,
            "_shared/ feeds every province"
        );
    }

    // A candidate photo replaced, by the bytes of another photo (the two then share
    // their encoded files in the cache).
    let photos = root.join("content/quang-ninh/candidates/photos");
    std::fs::copy(
        photos.join("dang-quang-huy-1974.jpg"),
        photos.join("nguyen-thi-hong-hanh-1976.jpg"),
    )
    .unwrap();
    assert_same_as_clean(root, "replacing a candidate photo");

    // A comment in province.yaml: the province is looked at again, nothing changes.
    let text = std::fs::read_to_string(root.join("content/quang-ninh/province.yaml")).unwrap();
    std::fs::write(
        root.join("content/quang-ninh/province.yaml"),
        text + "\n# sửa\n",
    )
    .unwrap();
    let report = assert_same_as_clean(root, "touching province.yaml");
    assert_eq!(
        site(&report, "quang-ninh").written,
        0,
        "a comment changes no page: nothing is rewritten"
    );

    // A template and a UI string.
    replace_in(
        root,
        "themes/default/templates/candidate.html",
        "<p class=\"kicker\">",
        "<p class=\"kicker person-kicker\">",
    );
    assert_same_as_clean(root, "editing a template");
    let ui = "themes/default/i18n/en.yaml";
    let line = std::fs::read_to_string(root.join(ui))
        .unwrap()
        .lines()
        .find(|l| l.trim_start().starts_with("search_button: "))
        .unwrap()
        .to_string();
    replace_in(root, ui, &line, "  search_button: \"Find\"");
    assert_same_as_clean(root, "editing a UI string");
}

#[test]
fn clean_ignores_the_cache_and_a_damaged_cache_means_a_full_build() {
    let project = sample_copy();
    let root = project.path();
    let out = root.join("public");
    build(root, &out, false);
    let report = build(root, &out, true);
    let qn = site(&report, "quang-ninh");
    assert!(
        !qn.unchanged && qn.rendered == qn.pages,
        "--clean renders everything"
    );
    std::fs::write(out.join(".baucu-cache/quang-ninh"), "not a cache").unwrap();
    let report = assert_same_as_clean(root, "damaging the cache");
    let qn = site(&report, "quang-ninh");
    assert_eq!(qn.rendered, qn.pages);
    // A published page deleted by hand: the province is built again.
    let page = file_of(&out.join("quang-ninh"), "/tin-tuc/");
    std::fs::remove_dir_all(out.join("quang-ninh")).unwrap();
    assert_same_as_clean(root, "deleting the published site");
    assert!(page.is_file());
}

#[test]
fn no_precompress_leaves_out_the_copies_and_turning_it_back_on_makes_them_all() {
    let project = sample_copy();
    let root = project.path();
    let out = root.join("public");
    let report = baucu::build(&baucu::Options {
        out: Some(out.clone()),
        no_precompress: true,
        ..options_for(root)
    })
    .expect("baucu runs");
    assert_clean(&report);
    let copies = |out: &Path| {
        let mut found = files(out, "quang-ninh", ".br");
        found.extend(files(out, "quang-ninh", ".gz"));
        found
    };
    assert!(files(&out, "quang-ninh", ".html").len() > 100);
    assert_eq!(copies(&out), Vec::<String>::new(), "no .br/.gz copies");
    // The default build over that output: every text file gets its copies again,
    // as in a clean build.
    assert_same_as_clean(root, "turning precompression back on");
    assert!(copies(&out).len() > 200);
}
