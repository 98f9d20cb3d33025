//! Publishing as an unlucky operator meets it: builds killed at random moments, two
//! builds at once, a disk that fills up. Whatever happens, each province's folder in
//! the output is exactly its old site or exactly its new one, and the next build
//! succeeds and leaves no debris.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const NEWS: &str = "content/quang-ninh/news/2026-01-08-tap-huan-nghiep-vu-bau-cu.md";

/// A fixed build day, so that every build of the same content gives the same bytes.
const EPOCH: &str = "1795305600"; // 2026-11-22

/// A folder on tmpfs where there is one: builds there are bound by the CPU, and the
/// kills land at every stage rather than mostly in disk waits.
fn scratch() -> tempfile::TempDir {
    match Path::new("/dev/shm").is_dir() {
        true => tempfile::tempdir_in("/dev/shm").unwrap(),
        false => tempfile::tempdir().unwrap(),
    }
}

fn build_command(root: &Path, out: &Path, extra: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_baucu"));
    command
        .arg("build")
        .args(extra)
        .arg("--root")
        .arg(root)
        .arg("--out")
        .arg(out)
        .arg("--lang")
        .arg("en")
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

/// Builds to the end; panics with the error output unless it succeeds.
fn build(root: &Path, out: &Path, extra: &[&str]) {
    let output = build_command(root, out, extra).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Each entry of an output folder (site folders, the cache, debris) with its files'
/// relative paths and bytes.
type Sites = BTreeMap<String, Vec<(PathBuf, Vec<u8>)>>;

/// The [`Sites`] of `out`.
fn sites(out: &Path) -> Sites {
    std::fs::read_dir(out)
        .unwrap()
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                snapshot(&e.path()),
            )
        })
        .collect()
}

/// A small random number generator (xorshift), seeded from the clock and printed,
/// so that a failing run can be repeated with `BAUCU_KILL_SEED`.
struct Random(u64);

impl Random {
    fn new() -> Random {
        let seed = std::env::var("BAUCU_KILL_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
                    | 1
            });
        eprintln!("BAUCU_KILL_SEED={seed}");
        Random(seed)
    }

    /// A duration in `0..limit`.
    fn below(&mut self, limit: Duration) -> Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        limit.mul_f64((self.0 % 10_000) as f64 / 10_000.0)
    }
}

/// Kills builds of `root` into copies of `old_out` at random moments, `kills` times,
/// and checks after each kill that every province is its old or its new site; then
/// that a build to the end gives exactly `new` with no debris.
fn kill_at_random(root: &Path, old_out: &Path, new: &Sites, extra: &[&str], kills: usize) {
    let old = sites(old_out);
    let provinces: Vec<&String> = new.keys().filter(|k| !k.starts_with('.')).collect();
    // How long an uninterrupted build takes: kills fall anywhere within it.
    let work = scratch();
    let out = work.path().join("public");
    copy_tree(old_out, &out);
    let start = Instant::now();
    build(root, &out, extra);
    let length = start.elapsed();
    let mut random = Random::new();
    let mut already_new = 0;
    for kill in 0..kills {
        std::fs::remove_dir_all(&out).unwrap();
        copy_tree(old_out, &out);
        let mut child = build_command(root, &out, extra).spawn().unwrap();
        let delay = random.below(length);
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        let after = sites(&out);
        for province in &provinces {
            let site = after.get(*province);
            let is_old = site == old.get(*province);
            let is_new = site == new.get(*province);
            assert!(
                is_old || is_new,
                "kill {kill} at {delay:?} of {length:?} ({extra:?}) left {province} neither old nor new"
            );
            already_new += usize::from(is_new);
        }
        // The next build sweeps what the killed one left and ends where it should.
        build(root, &out, extra);
        let finished = sites(&out);
        let names: Vec<&String> = finished.keys().collect();
        assert!(
            names
                .iter()
                .all(|n| !n.starts_with(".baucu-staging-") && !n.starts_with(".baucu-old-")),
            "debris left after the next build: {names:?}"
        );
        for province in &provinces {
            assert!(
                finished.get(*province) == new.get(*province),
                "{province} after the build that followed kill {kill}"
            );
        }
    }
    eprintln!(
        "{kills} kills over a {length:?} build ({extra:?}): {already_new} province sites were already new"
    );
}

/// The sample project at `root` built into `out`, then edited (a news title) and
/// built in full elsewhere: the new sites every later build must give.
fn old_and_new(root: &Path, work: &Path) -> (PathBuf, Sites) {
    let old_out = work.join("old");
    build(root, &old_out, &[]);
    replace_in(
        root,
        NEWS,
        "title: Tập huấn nghiệp vụ bầu cử cho 54 xã, phường, đặc khu",
        "title: Tập huấn nghiệp vụ bầu cử cho 54 xã, phường và đặc khu",
    );
    let new_out = work.join("new");
    build(root, &new_out, &["--clean"]);
    let mut new = sites(&new_out);
    new.remove(".baucu-cache");
    (old_out, new)
}

#[test]
fn builds_killed_at_random_leave_each_site_old_or_new() {
    let project = sample_copy();
    let work = scratch();
    let (old_out, new) = old_and_new(project.path(), work.path());
    // An incremental build (one edit), then full ones.
    kill_at_random(project.path(), &old_out, &new, &[], 8);
    kill_at_random(project.path(), &old_out, &new, &["--clean"], 6);
}

#[test]
fn a_second_build_on_the_same_output_is_refused_while_the_first_runs() {
    let project = sample_copy();
    let work = scratch();
    let out = work.path().join("public");
    build(project.path(), &out, &[]);
    let before = sites(&out);
    // Hold the output as a running build does.
    let held = baucu::write::lock::acquire(&out).unwrap();
    replace_in(project.path(), NEWS, "Ngọc Hà", "Ngọc Hân");
    let output = build_command(project.path(), &out, &[]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("another baucu build is writing to"),
        "{stderr}"
    );
    assert!(sites(&out) == before, "a refused build changes nothing");
    drop(held);
    build(project.path(), &out, &[]);
    assert!(sites(&out) != before, "free again once the first is done");
}

#[test]
fn two_builds_started_together_never_mix_and_one_wins_cleanly() {
    let project = sample_copy();
    let work = scratch();
    let out = work.path().join("public");
    build(project.path(), &out, &[]);
    replace_in(project.path(), NEWS, "Ngọc Hà", "Ngọc Hân");
    let first = build_command(project.path(), &out, &["--clean"])
        .spawn()
        .unwrap();
    let second = build_command(project.path(), &out, &["--clean"])
        .spawn()
        .unwrap();
    let results = [
        first.wait_with_output().unwrap(),
        second.wait_with_output().unwrap(),
    ];
    let codes: Vec<Option<i32>> = results.iter().map(|o| o.status.code()).collect();
    assert!(codes.contains(&Some(0)), "one of them builds: {codes:?}");
    for output in &results {
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success()
                || (output.status.code() == Some(2)
                    && stderr.contains("another baucu build is writing to")),
            "a build that loses the race says so: {stderr}"
        );
    }
    let expected = work.path().join("expected");
    build(project.path(), &expected, &["--clean"]);
    let (mut got, mut want) = (sites(&out), sites(&expected));
    got.remove(".baucu-cache");
    want.remove(".baucu-cache");
    assert!(got == want, "the output is the new site, whole");
}

/// Root can mount a small tmpfs: a disk that fills up during a build.
fn small_disk(dir: &Path, size: &str) -> bool {
    std::fs::create_dir_all(dir).unwrap();
    Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
        .arg(dir)
        .status()
        .is_ok_and(|s| s.success())
}

/// Fills the disk at `dir` but for `room` bytes, with a file that [`drain`] removes.
fn fill(dir: &Path, room: u64) {
    let df = Command::new("df")
        .args(["--output=avail", "-B1"])
        .arg(dir)
        .output()
        .unwrap();
    let available: u64 = String::from_utf8_lossy(&df.stdout)
        .lines()
        .nth(1)
        .and_then(|l| l.trim().parse().ok())
        .expect("df tells the room left");
    let filler = std::fs::File::create(dir.join("filler")).unwrap();
    // Written, not sized: tmpfs takes room only for the pages written.
    let mut filler = std::io::BufWriter::new(filler);
    let block = vec![1u8; 1 << 20];
    let mut left = available.saturating_sub(room);
    use std::io::Write;
    while left > 0 {
        let n = left.min(block.len() as u64) as usize;
        filler.write_all(&block[..n]).unwrap();
        left -= n as u64;
    }
    filler.flush().unwrap();
}

fn drain(dir: &Path) {
    std::fs::remove_file(dir.join("filler")).unwrap();
}

struct Unmount(PathBuf);

impl Drop for Unmount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_leaves_the_old_site_and_says_so_truly() {
    let project = sample_copy();
    let work = scratch();
    let disk = work.path().join("disk");
    if !small_disk(&disk, "200m") {
        eprintln!("skipped: mounting a tmpfs needs root");
        return;
    }
    let _unmount = Unmount(disk.clone());
    let out = disk.join("public");
    build(project.path(), &out, &[]);
    let before = sites(&out);
    let used: u64 = before.values().flatten().map(|(_, b)| b.len() as u64).sum();
    // Room for a fifth of another site: a full build fills the disk.
    fill(&disk, used / 5);
    replace_in(project.path(), NEWS, "Ngọc Hà", "Ngọc Hân");
    for extra in [&["--clean"][..], &[]] {
        let output = build_command(project.path(), &out, extra).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        if output.status.success() {
            // An incremental build needs little room: it may fit.
            assert!(extra.is_empty(), "a full build cannot fit: {stderr}");
            continue;
        }
        assert_eq!(output.status.code(), Some(2), "{extra:?}: {stderr}");
        assert!(
            stderr.contains("the previous output is unchanged"),
            "{stderr}"
        );
        assert!(sites(&out) == before, "{extra:?}: the old site, whole");
    }
    drain(&disk);
    build(project.path(), &out, &[]);
    let after = sites(&out);
    assert!(after != before);
    assert!(
        after
            .keys()
            .all(|n| !n.starts_with(".baucu-staging-") && !n.starts_with(".baucu-old-")),
        "no debris: {:?}",
        after.keys()
    );
}
