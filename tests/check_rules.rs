//! The rules of CONTENT.md's "What `check` enforces" table, a table of rows per rule
//! (seats, candidates, age, levels, communes, results, women, references, unique
//! ids, fields): a copy of the sample project with one realistic mistake, and the
//! diagnostic it must give — its file, line, column and message (in English, and in
//! Vietnamese for several). The law's numbers come from baucu.yaml: each
//! configurable number has a row too. Last, what the command line makes of them.

mod common;

use common::table::*;
use common::*;
use std::path::Path;

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

/// Đặng Quang Huy (National Assembly, provincial council) added to a commune's list.
fn at_a_third_level(root: &Path) {
    // The photo named from the commune list's folder: the same file.
    let entry = candidate_entry(root, NA_CANDIDATES, "dang-quang-huy-1974", 1, 9)
        .replace("photo: photos/", "photo: ../photos/");
    let text = std::fs::read_to_string(root.join(COMMUNE_CANDIDATES)).unwrap();
    std::fs::write(root.join(COMMUNE_CANDIDATES), text + &entry).unwrap();
}

// ---------------------------------------------------------------------------
// Seats in a unit ≤ max_seats_per_unit (Art. 10(4))

#[test]
fn seats_above_the_level_maximum() {
    let project = sample_copy();
    let line = 1 + replace_in(
        project.path(),
        NA_UNITS,
        "  - number: 3\n    seats: 2",
        "  - number: 3\n    seats: 4",
    );
    let report = check(project.path());
    let message = "unit 3 elects 4 deputies; a unit of `quoc-hoi` elects at most 3";
    let e = error_at(&report, NA_UNITS, line, message);
    assert_eq!((e.column, e.length), (12, 1));
    assert_eq!(
        e.message.vi,
        "Đơn vị bầu cử số 3 bầu 4 đại biểu; mỗi đơn vị của cấp `quoc-hoi` bầu nhiều nhất 3 đại biểu"
    );
    assert_eq!(e.expected.as_ref().unwrap().en, "at most 3 seats");
    let stderr = assert_build_refused(project.path());
    let place = format!("{NA_UNITS}:{line}:12");
    assert!(stderr.contains(&place), "{stderr}");
}

#[test]
#[rustfmt::skip]
fn seats_per_unit() {
    run(vec![
        // max_seats_per_unit comes from baucu.yaml: unit 1 of the provincial council elects 5.
        error(COUNCIL_UNITS, sub_in(CONFIG, "max_seats_per_unit: 5\n      scope: province", "max_seats_per_unit: 3\n      scope: province"),
            of("seats: 5"), 12, "unit 1 elects 5 deputies; a unit of `hdnd-tinh` elects at most 3"),
    ]);
}

// ---------------------------------------------------------------------------
// More candidates than seats (Art. 57(6), Art. 58(3))

#[test]
#[rustfmt::skip]
fn candidates_per_unit() {
    run(vec![
        // The National Assembly needs two more candidates than seats.
        error(NA_UNITS, sub("  - number: 3\n    seats: 2", "  - number: 3\n    seats: 3"), here(1), 12,
            "unit 3 of `quoc-hoi` elects 3 and has 4 candidates; the law needs at least 5")
            .vi("Đơn vị bầu cử số 3 của cấp `quoc-hoi` bầu 3 đại biểu nhưng chỉ có 4 người ứng cử; luật yêu cầu ít nhất 5 người")
            .expected("at least 5 candidates (3 seats + 2)")
            .hint_has(NA_CANDIDATES),
        // A council unit of 4 seats needs 3 more.
        error(COUNCIL_UNITS, sub("  - number: 5\n    seats: 3", "  - number: 5\n    seats: 4"), here(1), 12,
            "unit 5 of `hdnd-tinh` elects 4 and has 5 candidates; the law needs at least 7"),
        // min_extra_candidates comes from baucu.yaml, as a number or a map by seats.
        error(NA_UNITS, with(|root| level_setting(root, "quoc-hoi", "min_extra_candidates: 3")), of("seats: 3"), 12,
            "unit 1 of `quoc-hoi` elects 3 and has 5 candidates; the law needs at least 6"),
        accepted(COUNCIL_UNITS, with(|root| {
            replace_in(root, COUNCIL_UNITS, "  - number: 5\n    seats: 3", "  - number: 5\n    seats: 4");
            level_setting(root, "hdnd-tinh", "min_extra_candidates: {1: 1, 4: 1}");
        })),
        error(CONFIG, with(|root| level_setting(root, "hdnd-tinh", "min_extra_candidates: {3: 2}")), of("min_extra_candidates"), 29,
            "must start at 1 seat")
            .vi_has("phải bắt đầu từ 1 ghế"),
    ]);
}

// ---------------------------------------------------------------------------
// Age 21 on election day (Art. 2); at most two levels per person (Art. 36(3)), with
// the same biography

#[test]
#[rustfmt::skip]
fn age_and_levels_per_person() {
    run(vec![
        error(NA_CANDIDATES, sub("birth_date: 1986-11-20", "birth_date: 2006-01-01"), here(0), 17,
            "Bùi Thị Ngọc Ánh is 20 on election day (2026-03-15); a candidate must be at least 21").length(10)
            .vi("Bùi Thị Ngọc Ánh mới 20 tuổi vào ngày bầu cử (2026-03-15); người ứng cử phải đủ 21 tuổi")
            .expected("born on or before 2005-03-15"),
        // min_candidate_age comes from baucu.yaml.
        accepted(NA_CANDIDATES, with(|root| {
            replace_in(root, NA_CANDIDATES, "birth_date: 1986-11-20", "birth_date: 2006-01-01");
            election_setting(root, "min_candidate_age: 18");
        })),
        error(COMMUNE_CANDIDATES, with(at_a_third_level), of("id: dang-quang-huy-1974"), 9,
            "Đặng Quang Huy stands at 3 levels (quoc-hoi, hdnd-tinh, hdnd-xa); one person may stand at no more than 2")
            .vi("Đặng Quang Huy ứng cử ở 3 cấp (quoc-hoi, hdnd-tinh, hdnd-xa); mỗi người chỉ được ứng cử nhiều nhất 2 cấp"),
        // max_levels_per_person comes from baucu.yaml.
        accepted(COMMUNE_CANDIDATES, with(|root| {
            at_a_third_level(root);
            election_setting(root, "max_levels_per_person: 3");
        })),
        // One person at two levels with two biographies.
        error(NA_CANDIDATES, sub("birth_date: 1974-09-03", "birth_date: 1974-09-04"), here(0), 17,
            "Đặng Quang Huy stands at two levels but `birth_date` differs between the two lists")
            .hint_has(COUNCIL_CANDIDATES),
    ]);
}

// ---------------------------------------------------------------------------
// Every commune in exactly one unit of each province-wide level (Art. 10)

#[test]
#[rustfmt::skip]
fn communes_in_units() {
    run(vec![
        error(PROVINCE, sub_in(NA_UNITS, "      - 6706  # Phường Tuần Châu\n", ""), of("code: 6706"), 11,
            "commune 6706 (Phường Tuần Châu) is in no unit of level `quoc-hoi`")
            .vi("Phường Tuần Châu (mã 6706) chưa thuộc đơn vị bầu cử nào của cấp `quoc-hoi`")
            .hint_has("units/quoc-hoi.yaml"),
        error(NA_UNITS, sub("      - 7090  # Phường An Sinh\n", "      - 7090  # Phường An Sinh\n      - 6706\n"), here(1), 9,
            "commune 6706 (Phường Tuần Châu) is in unit 1 and again in unit 2 of level `quoc-hoi`"),
    ]);
}

// ---------------------------------------------------------------------------
// Results that add up; winners over half of the valid votes, turnout over half
// (Art. 78)

#[test]
#[rustfmt::skip]
fn results() {
    run(vec![
        error(NA_RESULTS, sub("voters: 387631", "voters: 0"), here(0), 13,
            "unit 1: `voters` is 0; a count not known yet is written null, never 0")
            .hint("write `voters: null` until the count is known"),
        error(NA_RESULTS, sub("ballots_cast: 385431", "ballots_cast: 397631"), here(0), 19,
            "unit 1: 397631 ballots cast but only 387631 registered voters")
            .vi("Đơn vị số 1: số cử tri đã bỏ phiếu (397631) lớn hơn số cử tri trong danh sách (387631)")
            .refuses_build(),
        error(NA_RESULTS, sub("valid_ballots: 380922", "valid_ballots: 385432"), here(0), 20,
            "unit 1: 385432 valid ballots but only 385431 ballots cast"),
        error(NA_RESULTS, sub("bui-thi-ngoc-anh-1986: 266637", "bui-thi-ngoc-anh-1986: 380923"), here(0), 30,
            "bui-thi-ngoc-anh-1986 has 380923 votes, more than the 380922 valid ballots"),
        error(NA_RESULTS, sub("pham-van-tuan-1979: 133234", "pham-van-tuan-1979: 300000"), of("votes:"), 5,
            "unit 1: the votes add up to 1270427, more than seats × valid ballots = 3 × 380922 = 1142766").length(5),
        error(NA_RESULTS, sub("elected: [hoang-van-lap-1975, do-thi-kim-oanh-1977]", "elected: [hoang-van-lap-1975, do-thi-kim-oanh-1977, luong-quoc-bao-1978]"),
            here(0), 14, "3 elected but unit 3 has only 2 seats")
            .vi("Có 3 người trúng cử nhưng đơn vị số 3 chỉ có 2 ghế"),
        error(NA_RESULTS, sub("elected: [hoang-van-lap-1975, do-thi-kim-oanh-1977]", "elected: [hoang-van-lap-1975, ban-thi-hoa-1991]"),
            here(0), 35, "Bàn Thị Hòa is marked elected with 62990 of 290279 valid votes; a winner needs more than half")
            .expected("at least 145140 votes"),
        error(NA_RESULTS, sub("voters: 387631", "voters: 770862"), of("ballots_cast: 385431"), 19,
            "only 385431 of 770862 voters voted (half or less), so nobody can be elected in unit 1")
            .vi_has("không quá một nửa"),
    ]);
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
    let (_project, report) = broken(|root| {
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
    let message = &warnings[0].message.en;
    assert!(
        message.contains("candidates for Provincial People's Council"),
        "{message}"
    );
    assert!(message.ends_with("at least 90%"), "{message}");
}

#[test]
#[rustfmt::skip]
fn women_percent() {
    run(vec![
        error(CONFIG, with(|root| level_setting(root, "quoc-hoi", "min_women_percent: 135")), of("min_women_percent"), 26,
            "135% is more than 100%"),
    ]);
}

// ---------------------------------------------------------------------------
// References resolve: units, communes, candidate ids in results, levels, codes,
// images, links

#[test]
#[rustfmt::skip]
fn references() {
    run(vec![
        error(COMMUNE_CANDIDATES, sub("unit: 1\n", "unit: 7\n"), here(0), 11, "there is no unit 7 in level `hdnd-xa`")
            .hint_starts("the closest existing unit is")
            .vi("Không có đơn vị bầu cử số 7 trong cấp `hdnd-xa`"),
        error(NA_UNITS, sub("- 6706  # Phường Tuần Châu", "- 6707"), here(0), 9, "there is no commune 6707 in province.yaml")
            .hint("the closest commune code is 6706 (Phường Tuần Châu)")
            .hint_vi("mã xã, phường gần nhất có thật là 6706 (Phường Tuần Châu)"),
        error(NA_RESULTS, sub("nguyen-thi-hong-hanh-1976: 263688", "nguyen-thi-hong-hanh-1967: 263688"), here(0), 34,
            "`nguyen-thi-hong-hanh-1967` is not a candidate of unit 1")
            .hint("did you mean `nguyen-thi-hong-hanh-1976`?"),
        error(NA_UNITS, sub("level: quoc-hoi", "level: quoc-hoii"), here(0), 8, "there is no level `quoc-hoii` in baucu.yaml")
            .hint("did you mean `quoc-hoi`?"),
        error(NA_CANDIDATES, sub("gender: female", "gender: femal"), here(0), 13, "`femal` is not a known gender code")
            .hint("did you mean `female`?")
            .vi("`femal` không phải là mã giới tính đã biết"),
        error(NEWS, sub("image: images/tap-huan.jpg", "image: images/tap-huan.jpeg"), here(0), 8, "the file `images/tap-huan.jpeg` does not exist"),
        error(NEWS, append("\nXem thêm [danh sách](/ung-cu-vien/khong-co-ai/).\n"), of("khong-co-ai"), 22,
            "the link /ung-cu-vien/khong-co-ai/ leads to no page of this portal"),
        error(PROVINCE, sub("base_url: https://baucu.quangninh.gov.vn", "base_url: https://quangninh.gov.vn/baucu/"), here(0), 11,
            "has a path, `/baucu`: each portal is a site of its own"),
    ]);
}

// ---------------------------------------------------------------------------
// Unique ids, slugs and addresses

#[test]
#[rustfmt::skip]
fn unique_ids_and_addresses() {
    run(vec![
        error(NA_CANDIDATES, sub("- id: nguyen-thi-hong-hanh-1976", "- id: bui-thi-ngoc-anh-1986"), here(0), 9,
            "the id `bui-thi-ngoc-anh-1986` is used twice in level `quoc-hoi`"),
        error(FAQ, sub("- id: quang-ninh-so-don-vi-bau-cu", "- id: ai-co-quyen-bau-cu"), here(0), 7,
            "the question id `ai-co-quyen-bau-cu` is used twice (also in content/_shared/faq/cu-tri.yaml:2)"),
        error(NA_UNITS, sub("  - number: 2\n", "  - number: 1\n"), here(0), 13, "unit number 1 appears twice in this level"),
        error("content/quang-ninh/news/2026-01-09-tap-huan-nghiep-vu-bau-cu.md", with(|root| {
            std::fs::copy(root.join(NEWS), root.join("content/quang-ninh/news/2026-01-09-tap-huan-nghiep-vu-bau-cu.md")).unwrap();
        }), line(0), 0, "two news items have the slug `tap-huan-nghiep-vu-bau-cu`"),
        // A free page taking the address of a section, or named like a folder of files.
        error("content/quang-ninh/pages/tin-tuc.md", write("---\ntitle: Tin tức\n---\nTrang trùng địa chỉ.\n"), line(0), 0,
            "two pages would be published at /tin-tuc/"),
        error("content/quang-ninh/pages/static.md", write("---\ntitle: Tĩnh\n---\nNội dung.\n"), line(0), 0,
            "cannot be named `static`"),
    ]);
}

// ---------------------------------------------------------------------------
// Fields: unknown ones refused, required ones present, values of the right kind

#[test]
#[rustfmt::skip]
fn fields() {
    run(vec![
        error(COUNCIL_UNITS, sub("    seats: 5", "    seat: 5"), here(0), 5, "unknown field `seat`").length(4)
            .hint("did you mean `seats`?")
            .hint_vi("có phải bạn muốn viết `seats`?")
            .vi_starts("Không nhận ra trường `seat`"),
        error(NA_CANDIDATES, sub("    gender: female\n", ""), of("- id: bui-thi-ngoc-anh-1986"), 5, "required field `gender` is missing")
            .vi("Thiếu trường bắt buộc `gender` (trong candidates[0])"),
        error(NA_UNITS, sub("  - number: 3\n    seats: 2", "  - number: 3\n    seats: hai"), here(1), 12,
            "wrong kind of value: found the text \"hai\", expected a whole number")
            .hint("write a whole number without quotes, e.g. `3`")
            .vi_starts("Sai kiểu giá trị: đang là chữ \"hai\", cần một số nguyên"),
    ]);
}

// ---------------------------------------------------------------------------
// The command line

#[test]
fn json_output_carries_the_chosen_language_and_both_texts() {
    let project = sample_copy();
    let line = replace_in(
        project.path(),
        NA_CANDIDATES,
        "gender: female",
        "gender: femal",
    );
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
    assert_eq!(
        (&d["line"], &d["column"], &d["length"]),
        (&line.into(), &13.into(), &5.into())
    );
}

#[test]
fn the_language_comes_from_the_locale_when_not_given() {
    let project = sample_copy();
    let line = replace_in(
        project.path(),
        NA_CANDIDATES,
        "gender: female",
        "gender: femal",
    );
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
    let expected = "error: `femal` is not a known gender code";
    assert!(english.contains(expected), "{english}");
    assert!(
        english.contains("= hint: did you mean `female`?"),
        "{english}"
    );
    let vietnamese = run("C.UTF-8");
    let expected = "lỗi: `femal` không phải là mã giới tính đã biết";
    assert!(vietnamese.contains(expected), "{vietnamese}");
    // The source line, and a marker under the whole value.
    let gutter = " ".repeat(line.to_string().len());
    let source = format!("{line} |     gender: femal\n{gutter} |             ^^^^^\n");
    assert!(vietnamese.contains(&source), "{vietnamese}");
}

#[test]
fn bad_arguments_exit_with_2() {
    let project = sample_copy();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_baucu"))
        .args(["check", "--lang", "fr", "--root"])
        .arg(project.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let output = run_baucu(&["check", "--province", "ha-noi"], project.path());
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no province named `ha-noi`"));
}
