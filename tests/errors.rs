//! Broken copies of the sample project: each mistake is reported with its file,
//! line and a hint, every error at once, and the earlier output stays byte-identical.

mod common;

use baucu::diagnostics::Diagnostic;
use common::*;
use std::path::Path;
use std::process::Command;

fn options(root: &Path, out: &Path) -> baucu::Options {
    baucu::Options {
        root: root.to_path_buf(),
        out: Some(out.to_path_buf()),
        provinces: Vec::new(),
        drafts: false,
        today: Some(test_day()),
        clean: false,
        no_precompress: false,
        national: false,
        progress: false,
    }
}

/// Builds the valid copy, applies `mistake`, builds again: returns the errors of the
/// second build after checking that it left the first build's output untouched.
fn break_and_build(mistake: impl FnOnce(&Path)) -> Vec<Diagnostic> {
    let project = sample_copy();
    let out = project.path().join("public");
    let first = baucu::build(&options(project.path(), &out)).unwrap();
    assert!(!first.has_errors(), "the valid copy builds");
    let before = snapshot(&out);
    mistake(project.path());
    let second = baucu::build(&options(project.path(), &out)).unwrap();
    assert!(second.has_errors(), "the broken copy must fail");
    assert!(
        snapshot(&out) == before,
        "a failed build must leave the previous output byte-identical"
    );
    second
        .diagnostics
        .into_iter()
        .filter(|d| d.is_error())
        .collect()
}

fn edit(root: &Path, file: &str, from: &str, to: &str) -> usize {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let at = text
        .find(from)
        .unwrap_or_else(|| panic!("{from} in {file}"));
    std::fs::write(
        &path,
        format!("{}{to}{}", &text[..at], &text[at + from.len()..]),
    )
    .unwrap();
    text[..at].matches('\n').count() + 1
}

#[test]
fn a_typo_in_a_field_name_names_the_field_it_meant() {
    let mut line = 0;
    let errors = break_and_build(|root| {
        line = edit(
            root,
            "content/quang-ninh/candidates/quoc-hoi.yaml",
            "birth_date:",
            "brith_date:",
        )
    });
    let e = errors
        .iter()
        .find(|d| d.message.contains("brith_date"))
        .expect("the typo is reported");
    assert_eq!(
        e.file,
        Path::new("content/quang-ninh/candidates/quoc-hoi.yaml")
    );
    assert_eq!(e.line, line);
    assert!(e.column > 0);
    let hint = e.hint.as_ref().expect("a hint");
    assert_eq!(hint.en, "did you mean `birth_date`?");
    assert_eq!(hint.vi, "có phải bạn muốn viết `birth_date`?");
}

#[test]
fn a_missing_unit_is_reported_with_the_closest_one() {
    let mut line = 0;
    let errors = break_and_build(|root| {
        line = edit(
            root,
            "content/quang-ninh/candidates/quoc-hoi.yaml",
            "unit: 1\n",
            "unit: 9\n",
        )
    });
    let e = errors
        .iter()
        .find(|d| d.message.contains("no unit 9"))
        .expect("the missing unit is reported");
    assert_eq!(
        e.file,
        Path::new("content/quang-ninh/candidates/quoc-hoi.yaml")
    );
    assert_eq!(e.line, line);
    assert!(
        e.hint
            .as_ref()
            .is_some_and(|h| h.en.contains("closest existing unit")),
        "{:?}",
        e.hint
    );
}

#[test]
fn bad_yaml_is_reported_with_its_line() {
    let errors = break_and_build(|root| {
        let path = root.join("content/da-nang/province.yaml");
        let mut text = std::fs::read_to_string(&path).unwrap();
        text = text.replacen("base_url:", "base_url: [unclosed\nbroken:", 1);
        std::fs::write(path, text).unwrap();
    });
    let e = errors
        .iter()
        .find(|d| d.file == Path::new("content/da-nang/province.yaml"))
        .expect("reported");
    assert!(e.line > 0, "{e}");
}

#[test]
fn an_impossible_date_is_refused() {
    let mut line = 0;
    let errors = break_and_build(|root| {
        let file = "content/quang-ninh/candidates/quoc-hoi.yaml";
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        let start = text.find("birth_date: ").unwrap() + "birth_date: ".len();
        let old = text[start..start + 10].to_string();
        line = edit(
            root,
            file,
            &format!("birth_date: {old}"),
            &format!("birth_date: {}-02-31", &old[..4]),
        );
    });
    let e = errors
        .iter()
        .find(|d| d.message.contains("does not exist"))
        .expect("the bad date is reported");
    assert_eq!(e.line, line);
    assert!(e.message.contains("days"), "{e}");
}

#[test]
fn a_province_that_fails_to_render_publishes_no_province() {
    // The template breaks on Đà Nẵng's pages only: Quảng Ninh, made side by side
    // with it, renders fine, yet must not be published either.
    let errors = break_and_build(|root| {
        edit(
            root,
            "themes/default/templates/home.html",
            "{% block main %}",
            "{% block main %}{% if site.province.text == \"Đà Nẵng\" %}{{ no_such.value }}{% endif %}",
        );
    });
    assert!(
        errors.iter().any(|e| e.message.contains("home.html")),
        "{errors:?}"
    );
}

#[test]
fn all_errors_are_reported_at_once() {
    let errors = break_and_build(|root| {
        edit(
            root,
            "content/quang-ninh/candidates/quoc-hoi.yaml",
            "birth_date:",
            "brith_date:",
        );
        edit(
            root,
            "content/da-nang/units/quoc-hoi.yaml",
            "seats:",
            "seat:",
        );
    });
    let files: std::collections::BTreeSet<_> = errors.iter().map(|d| d.file.clone()).collect();
    assert!(files.len() >= 2, "{errors:?}");
}

#[test]
fn the_command_line_exit_codes() {
    let exe = env!("CARGO_BIN_EXE_baucu");
    let project = sample_copy();
    let ok = Command::new(exe)
        .args(["check", "--root"])
        .arg(project.path())
        .output()
        .unwrap();
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    edit(
        project.path(),
        "content/quang-ninh/candidates/quoc-hoi.yaml",
        "birth_date:",
        "brith_date:",
    );
    let bad = Command::new(exe)
        .args(["check", "--lang", "en", "--root"])
        .arg(project.path())
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(
        stderr.contains("content/quang-ninh/candidates/quoc-hoi.yaml:"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `birth_date`?"), "{stderr}");
    let vietnamese = Command::new(exe)
        .args(["check", "--root"])
        .arg(project.path())
        .env("LANG", "vi_VN.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&vietnamese.stderr);
    assert!(
        stderr.contains("có phải bạn muốn viết `birth_date`?"),
        "{stderr}"
    );
    let json = Command::new(exe)
        .args(["check", "--format", "json", "--root"])
        .arg(project.path())
        .output()
        .unwrap();
    let parsed: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(parsed["errors"].as_u64().unwrap() >= 1);
    assert!(parsed["diagnostics"][0]["line"].as_u64().unwrap() > 0);
    let missing = Command::new(exe)
        .args(["check", "--root", "/nonexistent/baucu"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    let bad_flag = Command::new(exe)
        .args(["build", "--no-such-flag"])
        .output()
        .unwrap();
    assert_eq!(bad_flag.status.code(), Some(2));
    let help = Command::new(exe)
        .args(["build", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    for flag in ["--root", "--province", "--out", "--drafts"] {
        assert!(help.contains(flag), "build --help explains {flag}");
    }
}

/// `baucu check --format json | head -c 1`: the reader goes away before baucu writes.
/// baucu ends quietly, as other Unix tools do, never with a panic.
#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    use std::os::unix::process::ExitStatusExt;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_baucu"))
        .args(["check", "--format", "json", "--root"])
        .arg(repo_root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Closed before baucu has loaded anything: its first write meets no reader.
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_ne!(output.status.code(), Some(101), "{stderr}");
    assert!(
        output.status.success() || output.status.signal() == Some(libc::SIGPIPE),
        "{:?}: {stderr}",
        output.status
    );
}

/// `baucu build` draws a progress bar of the pages on a terminal (here a pseudo-
/// terminal made by util-linux's `script`), and nothing extra when its output is a
/// pipe or a log.
#[test]
fn the_progress_bar_shows_on_a_terminal_only() {
    let exe = env!("CARGO_BIN_EXE_baucu");
    let out = tempfile::tempdir().unwrap();
    let piped = Command::new(exe)
        .args(["build", "--no-precompress", "--lang", "en", "--root"])
        .arg(repo_root())
        .arg("--out")
        .arg(out.path().join("piped"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&piped.stderr);
    assert!(piped.status.success(), "{stderr}");
    assert!(
        !stderr.contains('\r') && !stderr.contains('█'),
        "{stderr:?}"
    );
    let command = format!(
        "{exe} build --no-precompress --lang en --root {} --out {}",
        repo_root().display(),
        out.path().join("terminal").display()
    );
    let Ok(terminal) = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .output()
    else {
        eprintln!("no `script` here: the terminal half is skipped");
        return;
    };
    let shown = String::from_utf8_lossy(&terminal.stdout);
    assert!(terminal.status.success(), "{shown}");
    // The bar counts the pages of every province: the sum of the report's lines
    // `built <province>: <n> pages` (not the national portal's, `_national`, made
    // after them in a moment).
    let pages: usize = shown
        .split("built ")
        .skip(1)
        .filter(|line| !line.starts_with('_'))
        .filter_map(|line| {
            line.split(": ")
                .nth(1)?
                .split(' ')
                .next()?
                .parse::<usize>()
                .ok()
        })
        .sum();
    assert!(pages > 100, "{shown}");
    assert!(
        shown.contains(&format!("/{pages}")),
        "no bar over {pages} pages in {shown:?}"
    );
    assert!(shown.contains("built quang-ninh"), "{shown}");
}
