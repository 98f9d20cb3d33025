//! Measures gzip and brotli settings on the text files of a built site, one thread,
//! in memory: bytes and seconds per file type, to choose the levels of
//! `src/write/compress.rs` (README, "Deploying to a CDN").
//!
//! ```sh
//! cargo run --release --example compress_levels -- public/quang-ninh
//! ```

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

type Method = (&'static str, fn(&[u8]) -> usize);

fn zlib_rs(bytes: &[u8], level: u32) -> usize {
    let mut encoder = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), flate2::Compression::new(level));
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap().len()
}

fn libdeflate(bytes: &[u8], level: i32) -> usize {
    let mut c = libdeflater::Compressor::new(libdeflater::CompressionLvl::new(level).unwrap());
    let mut out = vec![0; c.gzip_compress_bound(bytes.len())];
    c.gzip_compress(bytes, &mut out).unwrap()
}

/// The brotli crate (Rust), as baucu used it before.
fn brotli(bytes: &[u8], quality: i32) -> usize {
    let bits = (usize::BITS - bytes.len().leading_zeros()) as i32;
    let params = brotli::enc::BrotliEncoderParams {
        quality,
        lgwin: bits.clamp(18, 22),
        size_hint: bytes.len(),
        ..Default::default()
    };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).unwrap();
    out.len()
}

/// Google's brotli, as `baucu::write::brotli` calls it.
fn brotlic(bytes: &[u8], quality: u8) -> usize {
    baucu::write::brotli(bytes, quality).len()
}

/// Google's brotli with a window of `bits` whatever the file's size.
fn brotlic_window(bytes: &[u8], quality: u8, bits: u8) -> usize {
    let mut out = vec![0; bytes.len() + 1024];
    brotlic::compress(
        bytes,
        &mut out,
        brotlic::Quality::new(quality).unwrap(),
        brotlic::WindowSize::new(bits).unwrap(),
        brotlic::CompressionMode::Generic,
    )
    .unwrap()
}

const METHODS: [Method; 25] = [
    ("libdeflate 1", |b| libdeflate(b, 1)),
    ("libdeflate 4", |b| libdeflate(b, 4)),
    ("libdeflate 5", |b| libdeflate(b, 5)),
    ("C brotli 2", |b| brotlic(b, 2)),
    ("C brotli 3", |b| brotlic(b, 3)),
    ("zlib-rs 6", |b| zlib_rs(b, 6)),
    ("zlib-rs 9", |b| zlib_rs(b, 9)),
    ("libdeflate 6", |b| libdeflate(b, 6)),
    ("libdeflate 7", |b| libdeflate(b, 7)),
    ("libdeflate 8", |b| libdeflate(b, 8)),
    ("libdeflate 9", |b| libdeflate(b, 9)),
    ("libdeflate 12", |b| libdeflate(b, 12)),
    ("brotli 3", |b| brotli(b, 3)),
    ("brotli 4", |b| brotli(b, 4)),
    ("brotli 5", |b| brotli(b, 5)),
    ("brotli 6", |b| brotli(b, 6)),
    ("brotli 7", |b| brotli(b, 7)),
    ("brotli 11", |b| brotli(b, 11)),
    ("C brotli 4", |b| brotlic(b, 4)),
    ("C brotli 5", |b| brotlic(b, 5)),
    ("C brotli 6", |b| brotlic(b, 6)),
    ("C brotli 11", |b| brotlic(b, 11)),
    ("C brotli 5 w16", |b| brotlic_window(b, 5, 16)),
    ("C brotli 4 w16", |b| brotlic_window(b, 4, 16)),
    ("C brotli 5 w22", |b| brotlic_window(b, 5, 22)),
];

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).expect("usage: compress_levels DIR"));
    let mut files: BTreeMap<String, Vec<Vec<u8>>> = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() && baucu::write::is_text(entry.path()) {
            let ext = entry
                .path()
                .extension()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            // BANDS=1: files grouped by type and size (KiB band) instead of type only.
            let key = match std::env::var_os("BANDS") {
                Some(_) => {
                    let len = entry.metadata().unwrap().len();
                    let band = [1u64, 2, 4, 8, 16, 32, 64, 128]
                        .into_iter()
                        .find(|kib| len < kib * 1024)
                        .map_or(">128K".to_string(), |kib| format!("<{kib}K"));
                    format!("{ext}{band}")
                }
                None => ext,
            };
            files
                .entry(key)
                .or_default()
                .push(std::fs::read(entry.path()).unwrap());
        }
    }
    println!(
        "{:<10} {:>6} {:>12} {:<14} {:>12} {:>7} {:>8} {:>8}",
        "type", "files", "bytes", "method", "out", "ratio", "seconds", "MB/s"
    );
    for (ext, list) in &files {
        let original: usize = list.iter().map(Vec::len).sum();
        for (name, method) in METHODS {
            // ONLY="brotli 5,libdeflate 6": just those.
            if let Ok(only) = std::env::var("ONLY") {
                if !only.split(',').any(|o| o == name) {
                    continue;
                }
            }
            if name.ends_with("brotli 11") && original > 10_000_000 {
                continue;
            }
            let start = Instant::now();
            let out: usize = list.iter().map(|b| method(b)).sum();
            let elapsed: Duration = start.elapsed();
            println!(
                "{ext:<10} {:>6} {original:>12} {name:<14} {out:>12} {:>7.4} {:>8.3} {:>8.1}",
                list.len(),
                out as f64 / original as f64,
                elapsed.as_secs_f64(),
                original as f64 / 1e6 / elapsed.as_secs_f64()
            );
        }
    }
}
