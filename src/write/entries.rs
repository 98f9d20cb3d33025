//! The national portal's entry of each province ([`ProvinceEntry`]), kept beside the
//! build cache in `<out>/.baucu-cache/national/<province>.json` when the province is
//! built, so that the national portal can be made without loading provinces that did
//! not change. `_made` holds a fingerprint of the entries the published national
//! portal was made from: when they differ, it is made again.

use super::cache::write_atomically;
use crate::national::{ProvinceEntry, FORMAT};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

fn dir(out: &Path) -> PathBuf {
    out.join(".baucu-cache").join("national")
}

fn entry_path(out: &Path, province: &str) -> PathBuf {
    dir(out).join(format!("{province}.json"))
}

pub fn save_entry(out: &Path, entry: &ProvinceEntry) -> io::Result<()> {
    fs::create_dir_all(dir(out))?;
    let json = serde_json::to_vec(entry).map_err(io::Error::other)?;
    write_atomically(&entry_path(out, &entry.id), &json)
}

/// The entry of `province`, or `None` when there is none, or one of another format
/// (the province is then loaded again).
pub fn load_entry(out: &Path, province: &str) -> Option<ProvinceEntry> {
    let bytes = fs::read(entry_path(out, province)).ok()?;
    let entry: ProvinceEntry = serde_json::from_slice(&bytes).ok()?;
    (entry.format == FORMAT && entry.id == province).then_some(entry)
}

/// A fingerprint of the entries of `provinces` as saved.
pub fn entries_fingerprint(out: &Path, provinces: &[String]) -> u64 {
    let mut hasher = crate::hash::Fnv1a::default();
    for province in provinces {
        hasher.write_bytes(province.as_bytes());
        hasher.write_bytes(&fs::read(entry_path(out, province)).unwrap_or_default());
        hasher.write_bytes(&[0]);
    }
    hasher.finish()
}

/// The fingerprint the published national portal was made from.
pub fn made_from(out: &Path) -> Option<u64> {
    let text = fs::read_to_string(dir(out).join("_made")).ok()?;
    u64::from_str_radix(text.trim(), 16).ok()
}

pub fn save_made_from(out: &Path, fingerprint: u64) -> io::Result<()> {
    fs::create_dir_all(dir(out))?;
    write_atomically(
        &dir(out).join("_made"),
        format!("{fingerprint:x}\n").as_bytes(),
    )
}
