//! One test per rule of CONTENT.md's "What `check` enforces" table: a copy of the
//! sample project with one realistic mistake, and the diagnostic it must give — its
//! file, its line and its message (in English, and in Vietnamese for several). The
//! law's numbers come from baucu.yaml: each configurable number has a test too.

mod common;

use common::*;
use std::path::Path;

const NA_UNITS: &str = "content/quang-ninh/units/quoc-hoi.yaml";
const NA_CANDIDATES: &str = "content/quang-ninh/candidates/quoc-hoi.yaml";
const NA_RESULTS: &str = "content/quang-ninh/results/quoc-hoi.yaml";
const COUNCIL_UNITS: &str = "content/quang-ninh/units/hdnd-tinh.yaml";
const COUNCIL_CANDIDATES: &str = "content/quang-ninh/candidates/hdnd-tinh.yaml";
const COMMUNE_CANDIDATES: &str = "content/quang-ninh/candidates/hdnd-xa/6688.yaml";
const PROVINCE: &str = "content/quang-ninh/province.yaml";
const CONFIG: &str = "baucu.yaml";

/// Adds `line` (indented for a level entry) after `max_seats_per_unit: <max>` of the
/// level `level` in baucu.yaml.
fn level_setting(root: &Path, level: &str, line: &str) {
    let text = std::fs::read_to_string(root.join(CONFIG)).unwrap();
    let start = text
        .find(&format!("- id: {level}\n"))
        .unwrap_or_else(|| panic!("level {level}"));
    let at = start + text[start..].find("max_seats_per_unit:").unwrap();
    let end = at + text[at..].find('\n').unwrap() + 1;
    std::fs::write(
        root.join(CONFIG),
        format!("{}      {line}\n{}", &text[..end], &text[end..]),
    )
    .unwrap();
}

/// Adds `line` to the `election:` of baucu.yaml, after its date.
fn election_setting(root: &Path, line: &str) {
    replace_in(
        root,
        CONFIG,
        "  date: 2026-03-15\n",
        &format!("  date: 2026-03-15\n  {line}\n"),
    );
}

// ---------------------------------------------------------------------------
// Seats in a unit ≤ max_seats_per_unit (Art. 10(4))

#[test]
fn seats_above_the_level_maximum() {
    let mut line = 0;
    let (project, report) = broken(|root| {
        line = 1 + replace_in(
            root,
            NA_UNITS,
            "  - number: 3\n    seats: 2",
            "  - number: 3\n    seats: 4",
        );
    });
    let e = error_at(
        &report,
        NA_UNITS,
        line,
        "unit 3 elects 4 deputies; a unit of `quoc-hoi` elects at most 3",
    );
    assert_eq!(e.column, 12);
    assert_eq!(e.length, 1);
    assert_eq!(
        e.message.vi,
        "Đơn vị bầu cử số 3 bầu 4 đại biểu; mỗi đơn vị của cấp `quoc-hoi` bầu nhiều nhất 3 đại biểu"
    );
    assert_eq!(e.expected.as_ref().unwrap().en, "at most 3 seats");
    let stderr = assert_build_refused(project.path());
    assert!(
        stderr.contains(&format!("{NA_UNITS}:{line}:12")),
        "{stderr}"
    );
}

#[test]
fn max_seats_per_unit_comes_from_baucu_yaml() {
    let (project, report) = broken(|root| {
        replace_in(
            root,
            CONFIG,
            "max_seats_per_unit: 5\n      scope: province",
            "max_seats_per_unit: 3\n      scope: province",
        );
    });
    // Unit 1 of the provincial council elects 5.
    let line = line_of(project.path(), COUNCIL_UNITS, "seats: 5", 0);
    error_at(
        &report,
        COUNCIL_UNITS,
        line,
        "unit 1 elects 5 deputies; a unit of `hdnd-tinh` elects at most 3",
    );
}

// ---------------------------------------------------------------------------
// More candidates than seats (Art. 57(6), Art. 58(3))

#[test]
fn a_national_assembly_unit_needs_two_more_candidates_than_seats() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = 1 + replace_in(
            root,
            NA_UNITS,
            "  - number: 3\n    seats: 2",
            "  - number: 3\n    seats: 3",
        );
    });
    let e = error_at(
        &report,
        NA_UNITS,
        line,
        "unit 3 of `quoc-hoi` elects 3 and has 4 candidates; the law needs at least 5",
    );
    assert_eq!(
        e.message.vi,
        "Đơn vị bầu cử số 3 của cấp `quoc-hoi` bầu 3 đại biểu nhưng chỉ có 4 người ứng cử; luật yêu cầu ít nhất 5 người"
    );
    assert_eq!(
        e.expected.as_ref().unwrap().en,
        "at least 5 candidates (3 seats + 2)"
    );
    assert!(
        e.hint.as_ref().unwrap().en.contains(NA_CANDIDATES),
        "{:?}",
        e.hint
    );
}

#[test]
fn a_council_unit_needs_more_candidates_by_its_seats() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = 1 + replace_in(
            root,
            COUNCIL_UNITS,
            "  - number: 5\n    seats: 3",
            "  - number: 5\n    seats: 4",
        );
    });
    // 4 seats: 3 more candidates than seats.
    error_at(
        &report,
        COUNCIL_UNITS,
        line,
        "unit 5 of `hdnd-tinh` elects 4 and has 5 candidates; the law needs at least 7",
    );
}

#[test]
fn min_extra_candidates_comes_from_baucu_yaml_as_a_number() {
    let (project, report) =
        broken(|root| level_setting(root, "quoc-hoi", "min_extra_candidates: 3"));
    let line = line_of(project.path(), NA_UNITS, "seats: 3", 0);
    error_at(
        &report,
        NA_UNITS,
        line,
        "unit 1 of `quoc-hoi` elects 3 and has 5 candidates; the law needs at least 6",
    );
}

#[test]
fn min_extra_candidates_comes_from_baucu_yaml_as_a_map_by_seats() {
    let (_project, report) = broken(|root| {
        replace_in(
            root,
            COUNCIL_UNITS,
            "  - number: 5\n    seats: 3",
            "  - number: 5\n    seats: 4",
        );
        level_setting(root, "hdnd-tinh", "min_extra_candidates: {1: 1, 4: 1}");
    });
    assert_clean(&report);
}

#[test]
fn a_map_of_extra_candidates_must_start_at_one_seat() {
    let (project, report) = broken(|root| {
        level_setting(root, "hdnd-tinh", "min_extra_candidates: {3: 2}");
    });
    let line = line_of(project.path(), CONFIG, "min_extra_candidates", 0);
    let e = error_at(&report, CONFIG, line, "must start at 1 seat");
    assert!(e.message.vi.contains("phải bắt đầu từ 1 ghế"), "{e}");
}

// ---------------------------------------------------------------------------
// Age 21 on election day (Art. 2)

#[test]
fn a_candidate_younger_than_21_on_election_day() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = replace_in(
            root,
            NA_CANDIDATES,
            "birth_date: 1986-11-20",
            "birth_date: 2006-01-01",
        );
    });
    let e = error_at(
        &report,
        NA_CANDIDATES,
        line,
        "Bùi Thị Ngọc Ánh is 20 on election day (2026-03-15); a candidate must be at least 21",
    );
    assert_eq!(e.column, 17);
    assert_eq!(e.length, 10);
    assert_eq!(
        e.message.vi,
        "Bùi Thị Ngọc Ánh mới 20 tuổi vào ngày bầu cử (2026-03-15); người ứng cử phải đủ 21 tuổi"
    );
    assert_eq!(
        e.expected.as_ref().unwrap().en,
        "born on or before 2005-03-15"
    );
}

#[test]
fn min_candidate_age_comes_from_baucu_yaml() {
    let (_project, report) = broken(|root| {
        replace_in(
            root,
            NA_CANDIDATES,
            "birth_date: 1986-11-20",
            "birth_date: 2006-01-01",
        );
        election_setting(root, "min_candidate_age: 18");
    });
    assert_clean(&report);
}

// ---------------------------------------------------------------------------
// At most two levels per person (Art. 36(3)), with the same biography

/// The entry of candidate `id` in `file`, standing in `unit` at ballot `order`.
fn candidate_entry(root: &Path, file: &str, id: &str, unit: u32, order: u32) -> String {
    let text = std::fs::read_to_string(root.join(file)).unwrap();
    let start = text.find(&format!("  - id: {id}\n")).unwrap();
    let rest = &text[start + 1..];
    let end = rest
        .find("\n  - id:")
        .map_or(text.len(), |e| start + 1 + e + 1);
    let entry = &text[start..end];
    let mut out = String::new();
    for line in entry.lines() {
        if line.starts_with("    unit:") {
            out.push_str(&format!("    unit: {unit}\n"));
        } else if line.starts_with("    ballot_order:") {
            out.push_str(&format!("    ballot_order: {order}\n"));
        } else if !line.trim_start().starts_with('#') {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[test]
fn one_person_at_three_levels() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        let entry = candidate_entry(root, NA_CANDIDATES, "dang-quang-huy-1974", 1, 9);
        let path = root.join(COMMUNE_CANDIDATES);
        let mut text = std::fs::read_to_string(&path).unwrap();
        line = text.lines().count() + 1;
        text.push_str(&entry);
        std::fs::write(path, text).unwrap();
    });
    let e = error_at(
        &report,
        COMMUNE_CANDIDATES,
        line,
        "Đặng Quang Huy stands at 3 levels (quoc-hoi, hdnd-tinh, hdnd-xa); one person may stand at no more than 2",
    );
    assert_eq!(
        e.message.vi,
        "Đặng Quang Huy ứng cử ở 3 cấp (quoc-hoi, hdnd-tinh, hdnd-xa); mỗi người chỉ được ứng cử nhiều nhất 2 cấp"
    );
}

#[test]
fn max_levels_per_person_comes_from_baucu_yaml() {
    let (_project, report) = broken(|root| {
        let entry = candidate_entry(root, NA_CANDIDATES, "dang-quang-huy-1974", 1, 9);
        let path = root.join(COMMUNE_CANDIDATES);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(path, text + &entry).unwrap();
        election_setting(root, "max_levels_per_person: 3");
    });
    assert_clean(&report);
}

#[test]
fn one_person_at_two_levels_with_two_biographies() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = replace_in(
            root,
            NA_CANDIDATES,
            "birth_date: 1974-09-03",
            "birth_date: 1974-09-04",
        );
    });
    let e = error_at(
        &report,
        NA_CANDIDATES,
        line,
        "Đặng Quang Huy stands at two levels but `birth_date` differs between the two lists",
    );
    assert!(
        e.hint.as_ref().unwrap().en.contains(COUNCIL_CANDIDATES),
        "{:?}",
        e.hint
    );
}

// ---------------------------------------------------------------------------
// Every commune in exactly one unit of each province-wide level (Art. 10)

#[test]
fn a_commune_in_no_unit() {
    let (project, report) = broken(|root| {
        replace_in(root, NA_UNITS, "      - 6706  # Phường Tuần Châu\n", "");
    });
    let line = line_of(project.path(), PROVINCE, "code: 6706", 0);
    let e = error_at(
        &report,
        PROVINCE,
        line,
        "commune 6706 (Phường Tuần Châu) is in no unit of level `quoc-hoi`",
    );
    assert_eq!(
        e.message.vi,
        "Phường Tuần Châu (mã 6706) chưa thuộc đơn vị bầu cử nào của cấp `quoc-hoi`"
    );
    assert!(e.hint.as_ref().unwrap().en.contains("units/quoc-hoi.yaml"));
}

#[test]
fn a_commune_in_two_units() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = 1 + replace_in(
            root,
            NA_UNITS,
            "      - 7090  # Phường An Sinh\n",
            "      - 7090  # Phường An Sinh\n      - 6706\n",
        );
    });
    let e = error_at(
        &report,
        NA_UNITS,
        line,
        "commune 6706 (Phường Tuần Châu) is in unit 1 and again in unit 2 of level `quoc-hoi`",
    );
    assert_eq!(e.column, 9);
}

// ---------------------------------------------------------------------------
// Results that add up

#[test]
fn a_count_written_zero_instead_of_null() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = replace_in(root, NA_RESULTS, "voters: 387631", "voters: 0");
    });
    let e = error_at(
        &report,
        NA_RESULTS,
        line,
        "unit 1: `voters` is 0; a count not known yet is written null, never 0",
    );
    assert_eq!(
        e.hint.as_ref().unwrap().en,
        "write `voters: null` until the count is known"
    );
}

#[test]
fn more_ballots_cast_than_voters() {
    let mut line = 0;
    let (project, report) = broken(|root| {
        line = replace_in(
            root,
            NA_RESULTS,
            "ballots_cast: 385431",
            "ballots_cast: 397631",
        );
    });
    let e = error_at(
        &report,
        NA_RESULTS,
        line,
        "unit 1: 397631 ballots cast but only 387631 registered voters",
    );
    assert_eq!(
        e.message.vi,
        "Đơn vị số 1: số cử tri đã bỏ phiếu (397631) lớn hơn số cử tri trong danh sách (387631)"
    );
    assert_build_refused(project.path());
}

#[test]
fn more_valid_ballots_than_ballots_cast() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = replace_in(
            root,
            NA_RESULTS,
            "valid_ballots: 380922",
            "valid_ballots: 385432",
        );
    });
    error_at(
        &report,
        NA_RESULTS,
        line,
        "unit 1: 385432 valid ballots but only 385431 ballots cast",
    );
}

#[test]
fn more_votes_than_valid_ballots() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = replace_in(
            root,
            NA_RESULTS,
            "bui-thi-ngoc-anh-1986: 266637",
            "bui-thi-ngoc-anh-1986: 380923",
        );
    });
    error_at(
        &report,
        NA_RESULTS,
        line,
        "bui-thi-ngoc-anh-1986 has 380923 votes, more than the 380922 valid ballots",
    );
}

#[test]
fn votes_add_up_to_more_than_seats_times_valid_ballots() {
    let (project, report) = broken(|root| {
        replace_in(
            root,
            NA_RESULTS,
            "pham-van-tuan-1979: 133234",
            "pham-van-tuan-1979: 300000",
        );
    });
    let line = line_of(project.path(), NA_RESULTS, "votes:", 0);
    let e = error_at(
        &report,
        NA_RESULTS,
        line,
        "unit 1: the votes add up to 1270427, more than seats × valid ballots = 3 × 380922 = 1142766",
    );
    assert_eq!((e.column, e.length), (5, 5));
}

#[test]
fn more_elected_than_seats() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = replace_in(
            root,
            NA_RESULTS,
            "elected: [hoang-van-lap-1975, do-thi-kim-oanh-1977]",
            "elected: [hoang-van-lap-1975, do-thi-kim-oanh-1977, luong-quoc-bao-1978]",
        );
    });
    let e = error_at(
        &report,
        NA_RESULTS,
        line,
        "3 elected but unit 3 has only 2 seats",
    );
    assert_eq!(
        e.message.vi,
        "Có 3 người trúng cử nhưng đơn vị số 3 chỉ có 2 ghế"
    );
}

// ---------------------------------------------------------------------------
// Winners over half of the valid votes, turnout over half (Art. 78)

#[test]
fn an_elected_candidate_without_a_majority() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = replace_in(
            root,
            NA_RESULTS,
            "elected: [hoang-van-lap-1975, do-thi-kim-oanh-1977]",
            "elected: [hoang-van-lap-1975, ban-thi-hoa-1991]",
        );
    });
    let e = error_at(
        &report,
        NA_RESULTS,
        line,
        "Bàn Thị Hòa is marked elected with 62990 of 290279 valid votes; a winner needs more than half",
    );
    assert_eq!(e.column, 35);
    assert_eq!(e.expected.as_ref().unwrap().en, "at least 145140 votes");
}

#[test]
fn winners_where_turnout_is_half_or_less() {
    let mut line = 0;
    let (project, report) = broken(|root| {
        replace_in(root, NA_RESULTS, "voters: 387631", "voters: 770862");
        line = line_of(root, NA_RESULTS, "ballots_cast: 385431", 0);
    });
    let e = error_at(
        &report,
        NA_RESULTS,
        line,
        "only 385431 of 770862 voters voted (half or less), so nobody can be elected in unit 1",
    );
    assert!(
        e.message.vi.contains("không quá một nửa"),
        "{}",
        e.message.vi
    );
    let _ = project;
}

// ---------------------------------------------------------------------------
// Women at least 35% of the National Assembly list (a warning)

#[test]
fn too_few_women_on_the_national_assembly_list_is_a_warning() {
    let (project, report) = broken(|root| {
        let path = root.join(NA_CANDIDATES);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(path, text.replace("gender: female", "gender: male")).unwrap();
    });
    assert_clean(&report);
    let line = line_of(
        project.path(),
        NA_CANDIDATES,
        "- id: bui-thi-ngoc-anh-1986",
        0,
    );
    let w = warning_at(
        &report,
        NA_CANDIDATES,
        line,
        "women are 0 of the 14 candidates for National Assembly (0%); the law's target is at least 35%",
    );
    assert_eq!(
        w.message.vi,
        "Phụ nữ chỉ chiếm 0 trên 14 người ứng cử Đại biểu Quốc hội (0%); mục tiêu của luật là ít nhất 35%"
    );
    // A warning never blocks: check exits 0 and build publishes.
    let output = run_baucu(&["check"], project.path());
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stderr).contains("warning: women are 0"));
}

#[test]
fn min_women_percent_comes_from_baucu_yaml() {
    let (project, report) = broken(|root| {
        level_setting(root, "hdnd-tinh", "min_women_percent: 90");
        let path = root.join(NA_CANDIDATES);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(path, text.replace("gender: female", "gender: male")).unwrap();
        level_setting(root, "quoc-hoi", "min_women_percent: 0");
    });
    assert_clean(&report);
    let warnings: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| !d.is_error())
        .collect();
    assert_eq!(warnings.len(), 1, "{}", listing(&report));
    assert!(
        warnings[0]
            .message
            .en
            .contains("candidates for Provincial People's Council"),
        "{}",
        warnings[0]
    );
    assert!(warnings[0].message.en.ends_with("at least 90%"));
    let _ = project;
}

#[test]
fn min_women_percent_above_100_is_refused() {
    let (project, report) =
        broken(|root| level_setting(root, "quoc-hoi", "min_women_percent: 135"));
    let line = line_of(project.path(), CONFIG, "min_women_percent", 0);
    error_at(&report, CONFIG, line, "135% is more than 100%");
}

// ---------------------------------------------------------------------------
// References resolve: units, communes, candidate ids in results, images, links

#[test]
fn a_candidate_in_a_unit_that_does_not_exist() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = replace_in(root, COMMUNE_CANDIDATES, "unit: 1\n", "unit: 7\n");
    });
    let e = error_at(
        &report,
        COMMUNE_CANDIDATES,
        line,
        "there is no unit 7 in level `hdnd-xa`",
    );
    assert!(
        e.hint
            .as_ref()
            .unwrap()
            .en
            .starts_with("the closest existing unit is"),
        "{:?}",
        e.hint
    );
    assert_eq!(
        e.message.vi,
        "Không có đơn vị bầu cử số 7 trong cấp `hdnd-xa`"
    );
}

#[test]
fn a_unit_with_a_commune_code_that_does_not_exist() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = replace_in(root, NA_UNITS, "- 6706  # Phường Tuần Châu", "- 6707");
    });
    let e = error_at(
        &report,
        NA_UNITS,
        line,
        "there is no commune 6707 in province.yaml",
    );
    assert_eq!(
        e.hint.as_ref().unwrap().en,
        "the closest commune code is 6706 (Phường Tuần Châu)"
    );
    assert_eq!(
        e.hint.as_ref().unwrap().vi,
        "mã xã, phường gần nhất có thật là 6706 (Phường Tuần Châu)"
    );
}

#[test]
fn results_naming_a_candidate_who_is_not_on_the_list() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = replace_in(
            root,
            NA_RESULTS,
            "nguyen-thi-hong-hanh-1976: 263688",
            "nguyen-thi-hong-hanh-1967: 263688",
        );
    });
    let e = error_at(
        &report,
        NA_RESULTS,
        line,
        "`nguyen-thi-hong-hanh-1967` is not a candidate of unit 1",
    );
    assert_eq!(
        e.hint.as_ref().unwrap().en,
        "did you mean `nguyen-thi-hong-hanh-1976`?"
    );
}

#[test]
fn a_news_image_that_does_not_exist() {
    let file = "content/quang-ninh/news/2026-01-08-tap-huan-nghiep-vu-bau-cu.md";
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = replace_in(
            root,
            file,
            "image: images/tap-huan.jpg",
            "image: images/tap-huan.jpeg",
        );
    });
    error_at(
        &report,
        file,
        line,
        "the file `images/tap-huan.jpeg` does not exist",
    );
}

#[test]
fn a_link_to_no_page_of_the_portal() {
    let file = "content/quang-ninh/news/2026-01-08-tap-huan-nghiep-vu-bau-cu.md";
    let (project, report) = broken(|root| {
        let path = root.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(
            path,
            text + "\nXem thêm [danh sách](/ung-cu-vien/khong-co-ai/).\n",
        )
        .unwrap();
    });
    let line = line_of(project.path(), file, "khong-co-ai", 0);
    let e = error_at(
        &report,
        file,
        line,
        "the link /ung-cu-vien/khong-co-ai/ leads to no page of this portal",
    );
    assert_eq!(e.column, 22);
}

#[test]
fn an_unknown_code_with_the_closest_known_one() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = replace_in(root, NA_CANDIDATES, "gender: female", "gender: femal");
    });
    let e = error_at(
        &report,
        NA_CANDIDATES,
        line,
        "`femal` is not a known gender code",
    );
    assert_eq!(e.hint.as_ref().unwrap().en, "did you mean `female`?");
    assert_eq!(e.message.vi, "`femal` không phải là mã giới tính đã biết");
}

#[test]
fn a_file_naming_a_level_that_does_not_exist() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = replace_in(root, NA_UNITS, "level: quoc-hoi", "level: quoc-hoii");
    });
    let e = error_at(
        &report,
        NA_UNITS,
        line,
        "there is no level `quoc-hoii` in baucu.yaml",
    );
    assert_eq!(e.hint.as_ref().unwrap().en, "did you mean `quoc-hoi`?");
}

// ---------------------------------------------------------------------------
// Unique ids and slugs; unknown fields refused

#[test]
fn a_candidate_id_used_twice_in_a_level() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = replace_in(
            root,
            NA_CANDIDATES,
            "- id: nguyen-thi-hong-hanh-1976",
            "- id: bui-thi-ngoc-anh-1986",
        );
    });
    error_at(
        &report,
        NA_CANDIDATES,
        line,
        "the id `bui-thi-ngoc-anh-1986` is used twice in level `quoc-hoi`",
    );
}

#[test]
fn a_question_id_used_twice() {
    let file = "content/quang-ninh/faq/quang-ninh.yaml";
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = replace_in(
            root,
            file,
            "- id: quang-ninh-so-don-vi-bau-cu",
            "- id: ai-co-quyen-bau-cu",
        );
    });
    let e = error_at(
        &report,
        file,
        line,
        "the question id `ai-co-quyen-bau-cu` is used twice (also in content/_shared/faq/cu-tri.yaml:2)",
    );
    assert_eq!(e.column, 7);
}

#[test]
fn a_unit_number_used_twice() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = replace_in(root, NA_UNITS, "  - number: 2\n", "  - number: 1\n");
    });
    error_at(
        &report,
        NA_UNITS,
        line,
        "unit number 1 appears twice in this level",
    );
}

#[test]
fn two_news_items_with_one_slug() {
    let original = "content/quang-ninh/news/2026-01-08-tap-huan-nghiep-vu-bau-cu.md";
    let copy = "content/quang-ninh/news/2026-01-09-tap-huan-nghiep-vu-bau-cu.md";
    let (_project, report) = broken(|root| {
        std::fs::copy(root.join(original), root.join(copy)).unwrap();
    });
    let e = report
        .diagnostics
        .iter()
        .find(|d| {
            d.message
                .en
                .contains("two news items have the slug `tap-huan-nghiep-vu-bau-cu`")
        })
        .unwrap_or_else(|| panic!("{}", listing(&report)));
    assert_eq!(e.file, Path::new(copy));
}

#[test]
fn a_free_page_taking_the_address_of_a_section() {
    let file = "content/quang-ninh/pages/tin-tuc.md";
    let (_project, report) = broken(|root| {
        write_file(
            root,
            file,
            "---\ntitle: Tin tức\n---\nTrang trùng địa chỉ.\n",
        );
    });
    assert!(
        report.diagnostics.iter().any(|d| d.is_error()
            && d.message
                .en
                .contains("two pages would be published at /tin-tuc/")),
        "{}",
        listing(&report)
    );
}

#[test]
fn a_free_page_named_like_a_folder_of_files() {
    let file = "content/quang-ninh/pages/static.md";
    let (_project, report) = broken(|root| {
        write_file(root, file, "---\ntitle: Tĩnh\n---\nNội dung.\n");
    });
    let e = report
        .diagnostics
        .iter()
        .find(|d| d.is_error() && d.message.en.contains("cannot be named `static`"))
        .unwrap_or_else(|| panic!("{}", listing(&report)));
    assert_eq!(e.file, Path::new(file));
}

#[test]
fn an_unknown_field_with_the_closest_name_in_both_languages() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = replace_in(root, COUNCIL_UNITS, "    seats: 5", "    seat: 5");
    });
    let e = error_at(&report, COUNCIL_UNITS, line, "unknown field `seat`");
    assert_eq!((e.column, e.length), (5, 4));
    let hint = e.hint.as_ref().unwrap();
    assert_eq!(hint.en, "did you mean `seats`?");
    assert_eq!(hint.vi, "có phải bạn muốn viết `seats`?");
    assert!(e.message.vi.starts_with("Không nhận ra trường `seat`"));
}

#[test]
fn a_missing_required_field() {
    let (project, report) = broken(|root| {
        replace_in(root, NA_CANDIDATES, "    gender: female\n", "");
    });
    let line = line_of(
        project.path(),
        NA_CANDIDATES,
        "- id: bui-thi-ngoc-anh-1986",
        0,
    );
    let e = error_at(
        &report,
        NA_CANDIDATES,
        line,
        "required field `gender` is missing",
    );
    assert_eq!(
        e.message.vi,
        "Thiếu trường bắt buộc `gender` (trong candidates[0])"
    );
}

#[test]
fn a_value_of_the_wrong_kind() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = 1 + replace_in(
            root,
            NA_UNITS,
            "  - number: 3\n    seats: 2",
            "  - number: 3\n    seats: hai",
        );
    });
    let e = error_at(
        &report,
        NA_UNITS,
        line,
        "wrong kind of value: found the text \"hai\", expected a whole number",
    );
    assert_eq!(
        e.hint.as_ref().unwrap().en,
        "write a whole number without quotes, e.g. `3`"
    );
    assert!(e
        .message
        .vi
        .starts_with("Sai kiểu giá trị: đang là chữ \"hai\", cần một số nguyên"));
}

// ---------------------------------------------------------------------------
// The command line

#[test]
fn json_output_carries_the_chosen_language_and_both_texts() {
    let (project, _) = broken(|root| {
        replace_in(root, NA_CANDIDATES, "gender: female", "gender: femal");
    });
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_baucu"))
        .args(["check", "--format", "json", "--lang", "vi", "--root"])
        .arg(project.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["lang"], "vi");
    let d = &json["diagnostics"][0];
    assert_eq!(d["file"], NA_CANDIDATES);
    assert_eq!(d["message"], "`femal` không phải là mã giới tính đã biết");
    assert_eq!(
        d["translations"]["en"]["message"],
        "`femal` is not a known gender code"
    );
    assert_eq!(d["hint"], "có phải bạn muốn viết `female`?");
    assert!(d["line"].as_u64().unwrap() > 0 && d["length"] == 5);
}

#[test]
fn the_language_comes_from_the_locale_when_not_given() {
    let (project, _) = broken(|root| {
        replace_in(root, NA_CANDIDATES, "gender: female", "gender: femal");
    });
    let run = |lang: &str| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_baucu"))
            .args(["check", "--root"])
            .arg(project.path())
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", lang)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1));
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let english = run("en_GB.UTF-8");
    assert!(
        english.contains("error: `femal` is not a known gender code"),
        "{english}"
    );
    assert!(
        english.contains("= hint: did you mean `female`?"),
        "{english}"
    );
    let vietnamese = run("C.UTF-8");
    assert!(
        vietnamese.contains("lỗi: `femal` không phải là mã giới tính đã biết"),
        "{vietnamese}"
    );
    // The source line, and a marker under the whole value.
    assert!(vietnamese.contains("gender: femal\n"), "{vietnamese}");
    assert!(
        vietnamese.contains("    gender: ^^^^^") || vietnamese.contains("^^^^^"),
        "{vietnamese}"
    );
}

#[test]
fn a_base_url_with_a_path() {
    let mut line = 0;
    let (_project, report) = broken(|root| {
        line = replace_in(
            root,
            "content/quang-ninh/province.yaml",
            "base_url: https://baucu.quangninh.gov.vn",
            "base_url: https://quangninh.gov.vn/baucu/",
        );
    });
    error_at(
        &report,
        "content/quang-ninh/province.yaml",
        line,
        "has a path, `/baucu`: each province portal is a site of its own",
    );
}
