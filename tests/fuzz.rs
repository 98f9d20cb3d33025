//! Fuzzing: arbitrary and mutated bytes never make a parser panic, and mutated copies
//! of the sample project never make `check` panic. `BAUCU_FUZZ_ITERATIONS` and
//! `BAUCU_FUZZ_SEED` set how many inputs and which; a failing input is kept under
//! the target folder to reproduce it.

mod common;

use common::table::CONFIG;
use common::*;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// SplitMix64: a small, fast, deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// How many inputs the parser fuzz test tries (`BAUCU_FUZZ_ITERATIONS`, or
/// `default`); the project fuzz test checks a five-hundredth as many projects.
fn iterations(default: usize) -> usize {
    std::env::var("BAUCU_FUZZ_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn seed() -> u64 {
    std::env::var("BAUCU_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x00ba_0c00)
}

/// Pieces that YAML, Markdown and baucu give meaning to.
const TOKENS: &[&str] = &[
    "&a ",
    "*a",
    "[",
    "]",
    "{",
    "}",
    ": ",
    "- ",
    "\n---\n",
    "---\n",
    "\t",
    "\r\n",
    "\r",
    "\u{feff}",
    "'",
    "\"",
    "#",
    "|\n",
    ">-\n",
    "!!str ",
    "!!binary ",
    "? ",
    "<<: *a\n",
    "\n  ",
    "99999999999999999999",
    "18446744073709551615",
    "-1",
    "null",
    "~",
    "2026-02-31",
    "31/02/2026",
    "<script>",
    "</b>",
    "javascript:",
    "\\u0000",
    "\0",
    "é",
    "Ạ",
    "𝔸",
    "0912 345 678",
    "..",
    "../../",
    "%",
    "@",
    "`",
    "vi: ",
    "en: ",
    "id: ",
    "unit: ",
    "seats: ",
    "votes: ",
    "elected: [",
    "level: ",
    "commune: ",
    "title: ",
    "date: ",
    "photo: ",
    "file: ",
    "url: ",
    "[1, 2, 3]",
    "{vi: x}",
    "{1: 1}",
    "- id: x\n",
    "\n",
    " ",
    "0",
    "4294967296",
    "1e400",
    ".nan",
    "true",
    "yes",
    "![x](../../x.png)",
    "[x](/khong-co/)",
    "**",
    "<!-- ",
    "&#x3c;",
    "9223372036854775807",
    "-9223372036854775808",
    "4294967295",
    "offset_days: ",
    "min_extra_candidates: {1: 4294967295}",
    "max_seats_per_unit: 0",
    "min_candidate_age: ",
    "9999-12-31",
    "0000-01-01",
    "T23:59:59-23:59",
];

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut bytes = input.to_vec();
    for _ in 0..1 + rng.below(6) {
        let len = bytes.len();
        let at = rng.below(len + 1);
        match rng.below(11) {
            0 if len > 0 => {
                let i = rng.below(len);
                bytes[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                bytes[i] = rng.next() as u8;
            }
            2 => {
                let n = 1 + rng.below(8);
                let random: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
                bytes.splice(at..at, random);
            }
            3 if len > 0 => {
                let end = (at + 1 + rng.below(64)).min(len);
                bytes.drain(at.min(end)..end);
            }
            4 if len > 0 => {
                let start = rng.below(len);
                let end = (start + 1 + rng.below(256)).min(len);
                let copy = bytes[start..end].to_vec();
                bytes.splice(at..at, copy);
            }
            5 | 6 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes().to_vec();
                bytes.splice(at..at, token);
            }
            7 => {
                let depth = 1 + rng.below(200);
                let open = if rng.below(2) == 0 { b'[' } else { b'{' };
                bytes.splice(at..at, std::iter::repeat_n(open, depth));
            }
            8 => bytes.truncate(at),
            9 => {
                // Duplicate a line (a duplicate key, a repeated entry).
                let text = bytes.clone();
                let lines: Vec<&[u8]> = text.split_inclusive(|&b| b == b'\n').collect();
                if !lines.is_empty() {
                    let i = rng.below(lines.len());
                    let mut out = Vec::with_capacity(bytes.len() + lines[i].len());
                    for (j, line) in lines.iter().enumerate() {
                        out.extend_from_slice(line);
                        if j == i {
                            out.extend_from_slice(line);
                        }
                    }
                    bytes = out;
                }
            }
            _ => {
                // Swap two lines (indentation and order change).
                let text = bytes.clone();
                let mut lines: Vec<&[u8]> = text.split_inclusive(|&b| b == b'\n').collect();
                if lines.len() > 1 {
                    let (i, j) = (rng.below(lines.len()), rng.below(lines.len()));
                    lines.swap(i, j);
                    bytes = lines.concat();
                }
            }
        }
    }
    bytes
}

/// The YAML and Markdown files of the sample project, by path from the root.
fn sample_texts() -> Vec<(PathBuf, Vec<u8>)> {
    let root = repo_root();
    let mut files = vec![(
        PathBuf::from(CONFIG),
        std::fs::read(root.join(CONFIG)).unwrap(),
    )];
    for entry in walkdir::WalkDir::new(root.join("content"))
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        let path = entry.path();
        let is_text = path.extension().is_some_and(|e| e == "yaml" || e == "md");
        if entry.file_type().is_file() && is_text {
            let rel = path.strip_prefix(&root).unwrap().to_path_buf();
            files.push((rel, std::fs::read(path).unwrap()));
        }
    }
    files
}

/// Where a failing input is kept, to reproduce it.
fn keep_crash(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("fuzz-crashes");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name.replace('/', "__"));
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn parsers_never_panic_on_arbitrary_or_mutated_bytes() {
    let languages = vec!["vi".to_string(), "en".to_string()];
    let samples = sample_texts();
    // Every kind of file, once with random bytes and once as a mutated sample.
    let kinds: Vec<PathBuf> = [
        "baucu.yaml",
        "content/_shared/faq/x.yaml",
        "content/_shared/documents.yaml",
        "content/_shared/timeline.yaml",
        "content/p/province.yaml",
        "content/p/units/quoc-hoi.yaml",
        "content/p/units/hdnd-xa/6688.yaml",
        "content/p/candidates/quoc-hoi.yaml",
        "content/p/candidates/hdnd-xa/6688.yaml",
        "content/p/results/quoc-hoi.yaml",
        "content/p/faq/x.yaml",
        "content/p/timeline.yaml",
        "content/p/documents.yaml",
        "content/p/news/2026-01-08-x.md",
        "content/p/news/2026-01-08-x.en.md",
        "content/p/pages/x.md",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    let mut rng = Rng(seed());
    let n = iterations(5000);
    let started = Instant::now();
    for i in 0..n {
        let (path, bytes) = if i % 8 == 0 {
            let len = rng.below(512);
            let random: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
            (kinds[rng.below(kinds.len())].clone(), random)
        } else {
            let (path, original) = &samples[rng.below(samples.len())];
            // Parse as its own kind mostly, sometimes as another kind.
            let path = if rng.below(4) == 0 {
                kinds[rng.below(kinds.len())].clone()
            } else {
                path.clone()
            };
            (path, mutate(&mut rng, original))
        };
        let input = bytes.clone();
        let result =
            std::panic::catch_unwind(|| baucu::content::parse_in_memory(&path, input, &languages));
        match result {
            Ok(found) => {
                for d in found {
                    assert!(d.is_error() || !d.message.en.is_empty());
                    assert!(!d.message.vi.is_empty() && !d.message.en.is_empty());
                }
            }
            Err(_) => {
                let kept = keep_crash(&format!("{i}-{}", path.display()), &bytes);
                panic!(
                    "parsing {} panicked on input {i} (kept in {})",
                    path.display(),
                    kept.display()
                );
            }
        }
    }
    eprintln!(
        "fuzz: {n} inputs through the parsers in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

#[test]
fn check_never_panics_on_mutated_projects() {
    let project = sample_copy();
    let root = project.path();
    let samples = sample_texts();
    let mut rng = Rng(seed() ^ 0x5eed);
    let n = iterations(5000) / 500 + 2;
    let started = Instant::now();
    for i in 0..n {
        // One to three files mutated at once (a mistake in one shows up in others).
        let touched: Vec<usize> = (0..1 + rng.below(3))
            .map(|_| rng.below(samples.len()))
            .collect();
        let mut kept = Vec::new();
        for &t in &touched {
            let (path, original) = &samples[t];
            let mutated = mutate(&mut rng, original);
            std::fs::write(root.join(path), &mutated).unwrap();
            kept.push((path.clone(), mutated));
        }
        // Only the provinces touched (all of them for baucu.yaml and _shared/).
        let mut options = options_for(root);
        for (path, _) in &kept {
            let parts: Vec<String> = path
                .iter()
                .map(|p| p.to_string_lossy().into_owned())
                .collect();
            match parts.get(1).map(String::as_str) {
                Some("_shared") | None => options.provinces.clear(),
                Some(province) if parts.len() > 2 => options.provinces.push(province.to_string()),
                Some(_) => options.provinces.clear(),
            }
        }
        if kept
            .iter()
            .any(|(p, _)| p == Path::new(CONFIG) || p.starts_with("content/_shared"))
        {
            options.provinces.clear();
        }
        options.provinces.sort();
        options.provinces.dedup();
        let result = std::panic::catch_unwind(|| baucu::check_project(&options));
        if result.is_err() {
            let names: Vec<String> = kept
                .iter()
                .map(|(path, bytes)| {
                    keep_crash(&format!("project-{i}-{}", path.display()), bytes)
                        .display()
                        .to_string()
                })
                .collect();
            panic!(
                "check panicked on mutated project {i}: {}",
                names.join(", ")
            );
        }
        for &t in &touched {
            let (path, original) = &samples[t];
            std::fs::write(root.join(path), original).unwrap();
        }
    }
    eprintln!(
        "fuzz: {n} mutated projects checked in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}
