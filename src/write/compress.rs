//! Precompressed copies: `<file>.br` and `<file>.gz` beside every text file of a
//! finished site, for hosts that serve them as they are (nginx `brotli_static`,
//! `gzip_static`). Deterministic: the same bytes give the same copies.

use super::manifest::KnownHashes;
use super::named;
use rayon::prelude::*;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Extensions of the files that get compressed copies.
pub const TEXT_EXTENSIONS: [&str; 8] = ["html", "css", "js", "json", "xml", "svg", "csv", "txt"];

/// What [`compress_site`] did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CompressStats {
    /// Text files compressed (each got a `.br` and a `.gz`).
    pub files: usize,
    pub original_bytes: u64,
    pub brotli_bytes: u64,
    pub gzip_bytes: u64,
}

impl CompressStats {
    fn add(mut self, other: CompressStats) -> CompressStats {
        self.files += other.files;
        self.original_bytes += other.original_bytes;
        self.brotli_bytes += other.brotli_bytes;
        self.gzip_bytes += other.gzip_bytes;
        self
    }
}

/// Writes `.br` and `.gz` copies of the text files of the site in `dir`: all of them,
/// or only those of `only` (paths relative to `dir`, for an incremental build).
/// With `known`, the copies' hashes are recorded there for the deploy manifest.
pub fn compress_site(
    dir: &Path,
    only: Option<&[PathBuf]>,
    known: Option<&KnownHashes>,
) -> io::Result<CompressStats> {
    let files: Vec<PathBuf> = match only {
        Some(list) => list
            .iter()
            .map(|p| dir.join(p))
            .filter(|p| is_text(p))
            .collect(),
        None => walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_file() && is_text(e.path()))
            .map(|e| e.into_path())
            .collect(),
    };
    files
        .par_iter()
        .map(|path| {
            let stats = compress_file(path, only.is_some()).map_err(|e| named(path, e))?;
            if let (Some(known), Ok(relative)) = (known, path.strip_prefix(dir)) {
                let relative = relative.to_string_lossy().replace('\\', "/");
                known.record(&format!("{relative}.br"), &stats.copies.0);
                known.record(&format!("{relative}.gz"), &stats.copies.1);
            }
            Ok(stats.stats)
        })
        .try_reduce(CompressStats::default, |a, b| Ok(a.add(b)))
}

/// True for a file whose extension is one of [`TEXT_EXTENSIONS`].
pub fn is_text(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| TEXT_EXTENSIONS.contains(&e))
}

/// One file's copies as written, and their sizes.
struct Compressed {
    stats: CompressStats,
    /// The `.br` and the `.gz` bytes.
    copies: (Vec<u8>, Vec<u8>),
}

/// Writes the copies of `path`. With `replace` (an incremental build, whose staged
/// files are hard links to the published ones), an old copy is deleted first, so that
/// the new one is a new file and the published copy is left as it was.
fn compress_file(path: &Path, replace: bool) -> io::Result<Compressed> {
    let bytes = fs::read(path)?;
    let br = brotli(&bytes, brotli_quality(path));
    let gz = gzip(&bytes)?;
    for (suffix, copy) in [("br", &br), ("gz", &gz)] {
        let copy_path = with_suffix(path, suffix);
        if replace {
            match fs::remove_file(&copy_path) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        fs::write(copy_path, copy)?;
    }
    Ok(Compressed {
        stats: CompressStats {
            files: 1,
            original_bytes: bytes.len() as u64,
            brotli_bytes: br.len() as u64,
            gzip_bytes: gz.len() as u64,
        },
        copies: (br, gz),
    })
}

/// Quality 11 for the stylesheet and scripts (few, small, downloaded by every
/// visitor and cached forever); 6 for pages, feeds, data and the search index.
/// Measured on the sample (brotli crate, per file): 7 and above cost four times as
/// much as 6 for 2% fewer bytes, 11 about twenty times as much for 11%.
fn brotli_quality(path: &Path) -> i32 {
    match path.extension().and_then(|e| e.to_str()) {
        Some("css" | "js") => 11,
        _ => 6,
    }
}

/// Brotli with a window fitted to the file (18 to 22 bits: smaller windows switch the
/// encoder to slower hashers, larger ones add nothing to a small file).
pub fn brotli(bytes: &[u8], quality: i32) -> Vec<u8> {
    let bits = (usize::BITS - bytes.len().leading_zeros()) as i32;
    let params = brotli::enc::BrotliEncoderParams {
        quality,
        lgwin: bits.clamp(18, 22),
        size_hint: bytes.len(),
        ..Default::default()
    };
    let mut out = Vec::with_capacity(bytes.len() / 3 + 64);
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)
        .expect("compressing into memory cannot fail");
    out
}

/// Gzip at level 9 with no file name and modification time 0, so the output depends
/// on the bytes only.
pub fn gzip(bytes: &[u8]) -> io::Result<Vec<u8>> {
    let out = Vec::with_capacity(bytes.len() / 3 + 64);
    let mut encoder = flate2::GzBuilder::new()
        .mtime(0)
        .write(out, flate2::Compression::best());
    encoder.write_all(bytes)?;
    encoder.finish()
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn unbrotli(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        brotli::BrotliDecompress(&mut &bytes[..], &mut out).unwrap();
        out
    }

    fn gunzip(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn text_files_get_copies_that_decompress_to_the_original() {
        let dir = tempfile::tempdir().unwrap();
        let page = "<!doctype html><p>Bầu cử đại biểu Quốc hội</p>".repeat(50);
        fs::create_dir_all(dir.path().join("_search/vi")).unwrap();
        fs::write(dir.path().join("index.html"), &page).unwrap();
        fs::write(dir.path().join("_search/vi/s-ba.1.json"), "{\"ba\":[1]}").unwrap();
        fs::write(dir.path().join("empty.txt"), "").unwrap();
        fs::write(dir.path().join("photo.jpg"), [0xffu8, 0xd8, 0xff]).unwrap();
        let stats = compress_site(dir.path(), None, None).unwrap();
        assert_eq!(stats.files, 3);
        for name in ["index.html", "_search/vi/s-ba.1.json", "empty.txt"] {
            let original = fs::read(dir.path().join(name)).unwrap();
            let br = fs::read(dir.path().join(format!("{name}.br"))).unwrap();
            let gz = fs::read(dir.path().join(format!("{name}.gz"))).unwrap();
            assert_eq!(unbrotli(&br), original, "{name}.br");
            assert_eq!(gunzip(&gz), original, "{name}.gz");
        }
        assert!(
            !dir.path().join("photo.jpg.br").exists(),
            "images are left alone"
        );
        assert!(stats.brotli_bytes < stats.original_bytes);
        assert!(stats.gzip_bytes < stats.original_bytes);
    }

    #[test]
    fn only_the_listed_files_are_compressed() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.html"), "a").unwrap();
        fs::write(dir.path().join("b.html"), "b").unwrap();
        let stats = compress_site(dir.path(), Some(&[PathBuf::from("b.html")]), None).unwrap();
        assert_eq!(stats.files, 1);
        assert!(dir.path().join("b.html.br").is_file());
        assert!(!dir.path().join("a.html.br").exists());
    }

    #[test]
    fn copies_are_deterministic() {
        let text = "Ủy ban bầu cử tỉnh Quảng Ninh ".repeat(100);
        assert_eq!(
            gzip(text.as_bytes()).unwrap(),
            gzip(text.as_bytes()).unwrap()
        );
        assert_eq!(brotli(text.as_bytes(), 9), brotli(text.as_bytes(), 9));
        let gz = gzip(b"x").unwrap();
        assert_eq!(&gz[4..8], &[0, 0, 0, 0], "gzip header mtime is 0");
    }

    #[test]
    fn a_missing_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let err = compress_site(dir.path(), Some(&[PathBuf::from("gone.html")]), None).unwrap_err();
        assert!(err.to_string().contains("gone.html"), "{err}");
    }
}
