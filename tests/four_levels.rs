//! A project written only from CONTENT.md, unlike the sample content: four levels
//! (district councils included), two provinces, no theme folder of its own, communes
//! whose names fold to the same letters, results of a commune-wide level without a
//! `commune:` line. Every unit and candidate must appear, in both languages.

mod common;

use common::*;
use std::fmt::Write as _;
use std::path::Path;

const GIVEN: [&str; 6] = ["An", "Bình", "Cường", "Dung", "Hạnh", "Lan"];
const FAMILY: [&str; 5] = ["Nguyễn", "Trần", "Lê", "Phạm", "Đặng"];

/// A level id, its units (seats, communes) and the surplus of candidates.
type LevelPlan<'a> = (&'a str, Vec<(u32, Vec<u32>)>, u32);

struct Person {
    id: String,
    name: String,
    female: bool,
}

fn people(prefix: &str, count: usize) -> Vec<Person> {
    (0..count)
        .map(|i| {
            let female = i % 2 == 0;
            let name = format!(
                "{} {} {}",
                FAMILY[i % 5],
                if female { "Thị" } else { "Văn" },
                GIVEN[i % 6]
            );
            Person {
                id: format!("{prefix}-{}-{}", baucu::text::slugify(&name), 1970 + i),
                name,
                female,
            }
        })
        .collect()
}

fn candidate_yaml(p: &Person, unit: u32, order: usize, year: usize) -> String {
    format!(
        "  - id: {}\n    name: {}\n    unit: {unit}\n    ballot_order: {order}\n    birth_date: {year}-05-12\n    gender: {}\n    ethnicity: kinh\n    religion: none\n    hometown: {{vi: \"Xã Hòa Bình, tỉnh Thái Bình\"}}\n    residence: {{vi: \"Số 5, đường Trần Phú, Xã Thanh An, tỉnh A\"}}\n    education: \"12/12\"\n    qualification: {{vi: \"Cử nhân Luật\", en: \"Bachelor of Law\"}}\n    academic_title: null\n    political_theory: {{vi: \"Trung cấp\"}}\n    foreign_language: {{vi: \"Tiếng Anh B1\"}}\n    occupation: {{vi: \"Chuyên viên\"}}\n    workplace: {{vi: \"Văn phòng UBND tỉnh\"}}\n    party_join_date: 2000-03-01\n    incumbent: []\n    self_nominated: false\n    status: official\n",
        p.id,
        p.name,
        if p.female { "female" } else { "male" },
    )
}

fn write(root: &Path, file: &str, text: &str) {
    let path = root.join(file);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Writes one province with four communes; returns (unit pages, candidates as (id,
/// name)).
fn province(root: &Path, id: &str, base: u32) -> (Vec<String>, Vec<(String, String)>) {
    let dir = format!("content/{id}");
    let c = |i: u32| base + i;
    write(
        root,
        &format!("{dir}/province.yaml"),
        &format!(
            "id: {id}\nname: {{vi: \"Tỉnh {id}\", en: \"{id} Province\"}}\nbase_url: https://{id}.example.vn\nagency: {{vi: \"Ủy ban bầu cử tỉnh\"}}\ncontact: {{phone: \"0203 3 835 000\", email: \"baucu@{id}.example.vn\", address: {{vi: \"Số 1 đường A\"}}}}\nprivacy: {{residence: commune}}\nlinks: {{vneid: true}}\ncommunes:\n  - {{code: {}, name: \"Phường Hồng Gai\", type: phuong}}\n  - {{code: {}, name: \"Xã Đông Triều\", type: xa}}\n  - {{code: {}, name: \"Xã Thanh An\", type: xa}}\n  - {{code: {}, name: \"Xã Thạnh An\", type: xa}}\n",
            c(1), c(2), c(3), c(4)
        ),
    );
    let mut unit_pages = Vec::new();
    let mut ids = Vec::new();
    // Province-wide levels: (level, [(seats, communes)], surplus).
    let levels: [LevelPlan; 3] = [
        ("quoc-hoi", vec![(2, vec![c(1), c(2), c(3), c(4)])], 2),
        (
            "hdnd-tinh",
            vec![(3, vec![c(1), c(2)]), (3, vec![c(3), c(4)])],
            2,
        ),
        (
            "hdnd-huyen",
            vec![(1, vec![c(1), c(2), c(3)]), (2, vec![c(4)])],
            1,
        ),
    ];
    let mut year = 1960;
    for (level, units, surplus) in &levels {
        let mut units_yaml = format!("level: {level}\nunits:\n");
        let mut candidates_yaml = format!("level: {level}\ncandidates:\n");
        let mut results_yaml = format!("level: {level}\nunits:\n");
        for (n, (seats, communes)) in units.iter().enumerate() {
            let number = n as u32 + 1;
            let list: Vec<String> = communes.iter().map(u32::to_string).collect();
            writeln!(
                units_yaml,
                "  - number: {number}\n    seats: {seats}\n    communes: [{}]",
                list.join(", ")
            )
            .unwrap();
            unit_pages.push(format!("/don-vi-bau-cu/{level}/{number}/"));
            let mut standing = people(
                &format!("{id}-{level}-{number}"),
                (seats + surplus) as usize,
            );
            standing.sort_by(|a, b| baucu::text::compare_names(&a.name, &b.name));
            let mut votes = String::new();
            for (order, p) in standing.iter().enumerate() {
                year += 1;
                candidates_yaml.push_str(&candidate_yaml(p, number, order + 1, year));
                ids.push((p.id.clone(), p.name.clone()));
                write!(
                    votes,
                    "{}: {}, ",
                    p.id,
                    if order < *seats as usize { 600 } else { 100 }
                )
                .unwrap();
            }
            let elected: Vec<&str> = standing
                .iter()
                .take(*seats as usize)
                .map(|p| p.id.as_str())
                .collect();
            writeln!(
                results_yaml,
                "  - number: {number}\n    status: official\n    voters: 2000\n    ballots_cast: 1990\n    valid_ballots: 1000\n    votes: {{{}}}\n    elected: [{}]",
                votes.trim_end_matches(", "),
                elected.join(", ")
            )
            .unwrap();
        }
        write(root, &format!("{dir}/units/{level}.yaml"), &units_yaml);
        write(
            root,
            &format!("{dir}/candidates/{level}.yaml"),
            &candidates_yaml,
        );
        write(root, &format!("{dir}/results/{level}.yaml"), &results_yaml);
    }
    // A commune-wide level, in one commune; its results file has no `commune:` line.
    let code = c(3);
    write(root, &format!("{dir}/units/hdnd-xa/{code}.yaml"), &format!("level: hdnd-xa\ncommune: {code}\nunits:\n  - number: 1\n    seats: 2\n    area: {{vi: \"Thôn 1 và 2\", en: \"Hamlets 1 and 2\"}}\n"));
    let mut list = format!("level: hdnd-xa\ncommune: {code}\ncandidates:\n");
    let mut standing = people(&format!("{id}-xa"), 3);
    standing.sort_by(|a, b| baucu::text::compare_names(&a.name, &b.name));
    for (order, p) in standing.iter().enumerate() {
        list.push_str(&candidate_yaml(p, 1, order + 1, 1980 + order));
        ids.push((p.id.clone(), p.name.clone()));
    }
    write(
        root,
        &format!("{dir}/candidates/hdnd-xa/{code}.yaml"),
        &list,
    );
    write(
        root,
        &format!("{dir}/results/hdnd-xa/{code}.yaml"),
        &format!(
            "level: hdnd-xa\nunits:\n  - number: 1\n    status: provisional\n    voters: null\n    ballots_cast: 500\n    valid_ballots: 480\n    votes: {{{}: 400, {}: 390, {}: 100}}\n    elected: [{}, {}]\n",
            standing[0].id, standing[1].id, standing[2].id, standing[0].id, standing[1].id
        ),
    );
    unit_pages.push(format!("/don-vi-bau-cu/hdnd-xa/xa-thanh-an-{code}/1/"));

    write(root, &format!("{dir}/news/2021-04-01-hoi-nghi-hiep-thuong.md"), "---\ntitle: Hội nghị hiệp thương lần thứ ba\ndate: 2021-04-01T09:00:00+07:00\ncategory: hiep-thuong\ntags: [hiep-thuong]\nauthor: Phòng Thông tin\nfeatured: true\n---\nHội nghị đã lập **danh sách chính thức**.\n");
    write(root, &format!("{dir}/news/2021-04-01-hoi-nghi-hiep-thuong.en.md"), "---\ntitle: Third consultation conference\n---\nThe conference drew up the official list.\n");
    write(root, &format!("{dir}/news/2021-04-02-ban-nhap.md"), "---\ntitle: Bản nháp\ndate: 2021-04-02\ncategory: tin-bau-cu\ndraft: true\n---\nChưa công bố.\n");
    write(
        root,
        &format!("{dir}/pages/gioi-thieu.md"),
        "---\ntitle: Giới thiệu\n---\nCổng thông tin bầu cử.\n",
    );
    write(root, &format!("{dir}/timeline.yaml"), "- offset_days: -20\n  title: {vi: \"Công bố danh sách chính thức\", en: \"Official list published\"}\n");
    write(root, &format!("{dir}/documents.yaml"), "- number: \"12/KH-UBND\"\n  date: 2021-01-10\n  issuer: {vi: \"UBND tỉnh\"}\n  title: {vi: \"Kế hoạch tổ chức bầu cử\"}\n  url: https://example.vn/kh-12.pdf\n");
    (unit_pages, ids)
}

/// A province's id, its unit pages and its candidates as (id, name).
type ProvincePlan = (String, Vec<String>, Vec<(String, String)>);

fn project(root: &Path) -> Vec<ProvincePlan> {
    write(
        root,
        "baucu.yaml",
        "election:\n  id: vn.2021-05-23\n  name: {vi: \"Bầu cử đại biểu Quốc hội khóa XV và đại biểu HĐND các cấp nhiệm kỳ 2021-2026\", en: \"Election of deputies to the 15th National Assembly and People's Councils, 2021-2026\"}\n  date: 2021-05-23\n  levels:\n    - {id: quoc-hoi, name: {vi: \"Đại biểu Quốc hội\", en: \"National Assembly\"}, max_seats_per_unit: 3, scope: province}\n    - {id: hdnd-tinh, name: {vi: \"Đại biểu HĐND tỉnh\", en: \"Provincial People's Council\"}, max_seats_per_unit: 5, scope: province}\n    - {id: hdnd-huyen, name: {vi: \"Đại biểu HĐND huyện\", en: \"District People's Council\"}, max_seats_per_unit: 5}\n    - {id: hdnd-xa, name: {vi: \"Đại biểu HĐND xã\"}, max_seats_per_unit: 5, scope: commune}\nlanguages: [vi, en]\n",
    );
    write(root, "content/_shared/faq/cu-tri.yaml", "- id: ai-co-quyen-bau-cu\n  category: cu-tri\n  question: {vi: \"Ai có quyền bầu cử?\", en: \"Who may vote?\"}\n  answer: {vi: \"Công dân đủ 18 tuổi.\", en: \"Citizens aged 18.\"}\n");
    write(
        root,
        "content/_shared/timeline.yaml",
        "- date: 2021-05-23\n  title: {vi: \"Ngày bầu cử\", en: \"Election day\"}\n",
    );
    ["tinh-a", "tinh-b"]
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let (units, ids) = province(root, id, 100 * (i as u32 + 1));
            (id.to_string(), units, ids)
        })
        .collect()
}

#[test]
fn a_four_level_project_builds_every_unit_and_candidate_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let provinces = project(dir.path());
    let built = build_into(dir.path(), false);
    for (province, units, ids) in &provinces {
        for url in units {
            let english = url.replace("/don-vi-bau-cu/", "/en/units/");
            for (page, lang) in [(url.as_str(), "vi"), (english.as_str(), "en")] {
                let html = built.page(province, page);
                assert_eq!(
                    select(&html, "html")[0].value().attr("lang"),
                    Some(lang),
                    "{province}{page}"
                );
                assert!(
                    !select(&html, "main table").is_empty(),
                    "{province}{page} lists its candidates"
                );
            }
        }
        for (id, name) in ids {
            for url in [
                format!("/ung-cu-vien/{id}/"),
                format!("/en/candidates/{id}/"),
            ] {
                let html = built.page(province, &url);
                let heading = text_of(&select(&html, "h1")[0]);
                assert_eq!(&heading, name, "{url}");
            }
        }
        // Each of the four levels has its list of units in both languages.
        for level in ["quoc-hoi", "hdnd-tinh", "hdnd-huyen", "hdnd-xa"] {
            assert!(built.exists(province, &format!("/don-vi-bau-cu/{level}/")));
            assert!(built.exists(province, &format!("/en/units/{level}/")));
        }
        // "Xã Thanh An" and "Xã Thạnh An" fold alike; their codes keep them apart.
        let lookup = built.page(province, "/tra-cuu/");
        let anchors: Vec<&str> = select(&lookup, "tbody tr[id]")
            .iter()
            .filter_map(|r| r.value().attr("id"))
            .collect();
        assert_eq!(anchors.len(), 4);
        assert!(
            anchors
                .iter()
                .filter(|a| a.starts_with("xa-thanh-an-"))
                .count()
                == 2,
            "{anchors:?}"
        );
        // The translated news item has an English page; the draft has no page at all.
        assert!(built.exists(province, "/en/news/hoi-nghi-hiep-thuong/"));
        assert!(!built.exists(province, "/tin-tuc/ban-nhap/"));
        let results = text_of(&select(&built.page(province, "/ket-qua/"), "main")[0]);
        assert!(
            results.contains("99,50%"),
            "turnout 1990 of 2000: {results}"
        );
        // A level named only in Vietnamese takes its English name from the theme.
        let en_units = text_of(&select(&built.page(province, "/en/units/"), "main")[0]);
        assert!(en_units.contains("Commune People's Council"), "{en_units}");
    }
}
