//! Precompressed copies, for hosts that serve them as they are (nginx
//! `brotli_static`, `gzip_static`; without a copy they send the next one, or the
//! original): `<file>.gz` beside every text file of a site of at least
//! [`MIN_BYTES`], and `<file>.br` too beside the larger ones ([`BROTLI_MIN_BYTES`])
//! and the stylesheet and scripts. Made from the bytes in memory as each file is
//! written ([`super::Staging`]). Deterministic: the same bytes give the same copies.

use std::cell::RefCell;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

/// Extensions of the files that get compressed copies.
pub const TEXT_EXTENSIONS: [&str; 8] = ["html", "css", "js", "json", "xml", "svg", "csv", "txt"];

/// Text files smaller than this get no copies: compressing one saves a few hundred
/// bytes at most, less than the response headers sent with it, and costs two files
/// to write, hash, list and upload.
pub const MIN_BYTES: usize = 1024;

/// Text files smaller than this get a `.gz` only, unless they are a stylesheet or
/// a script. On pages of the national fixture brotli (quality 5) writes 6–8% less
/// than gzip for 2.7 times its time, and a `.br` is one more file to write, list
/// and upload: for the candidate, unit and news pages (95% of the files) the copy
/// saved about 160 bytes a download and made the default build 2.9 times the
/// `--no-precompress` one. Larger files are few, and save up to 27 KB each.
pub const BROTLI_MIN_BYTES: usize = 16 * 1024;

/// The copies made so far, counted from many threads.
#[derive(Debug, Default)]
pub struct CompressStats {
    /// Text files compressed (each got a `.gz`, some a `.br` too).
    pub files: AtomicUsize,
    pub original_bytes: AtomicU64,
    pub brotli_bytes: AtomicU64,
    pub gzip_bytes: AtomicU64,
    /// Time spent compressing and writing the copies, summed over threads.
    pub nanos: AtomicU64,
}

/// True for a file whose extension is one of [`TEXT_EXTENSIONS`].
pub fn is_text(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| TEXT_EXTENSIONS.contains(&e))
}

/// True when a file at `path` of `len` bytes gets a `.gz` copy.
pub fn wants_copies(path: &Path, len: usize) -> bool {
    len >= MIN_BYTES && is_text(path)
}

/// True when a file at `path` of `len` bytes gets a `.br` copy besides its `.gz`:
/// from [`BROTLI_MIN_BYTES`] on, and the stylesheet and scripts (fetched by every
/// visitor) from [`MIN_BYTES`] on.
pub fn wants_brotli(path: &Path, len: usize) -> bool {
    wants_copies(path, len) && (len >= BROTLI_MIN_BYTES || is_style_or_script(path))
}

fn is_style_or_script(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("css" | "js")
    )
}

/// The copies of one file: always a `.gz`, a `.br` when [`wants_brotli`].
pub struct Copies {
    pub br: Option<Vec<u8>>,
    pub gz: Vec<u8>,
}

/// Compresses `bytes`, the contents of the file at `path` (its extension and size
/// say whether it gets a `.br`, and at what quality).
pub fn compress(path: &Path, bytes: &[u8]) -> Copies {
    Copies {
        br: wants_brotli(path, bytes.len()).then(|| brotli(bytes, brotli_quality(path))),
        gz: gzip(bytes),
    }
}

/// Writes the copies of the file at `path`, whose bytes are `bytes`, when it wants
/// some ([`wants_copies`]), and counts them in `stats`. With `replace` (an
/// incremental build, whose staged files are hard links to the published ones), old
/// copies are deleted first, so that a new copy is a new file, and so that a file
/// now too small keeps none.
pub fn write_copies(
    path: &Path,
    bytes: &[u8],
    replace: bool,
    stats: &CompressStats,
) -> io::Result<Option<Copies>> {
    let start = std::time::Instant::now();
    if replace {
        for suffix in ["br", "gz"] {
            match fs::remove_file(with_suffix(path, suffix)) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
    }
    if !wants_copies(path, bytes.len()) {
        return Ok(None);
    }
    let copies = compress(path, bytes);
    if let Some(br) = &copies.br {
        fs::write(with_suffix(path, "br"), br)?;
    }
    fs::write(with_suffix(path, "gz"), &copies.gz)?;
    stats.files.fetch_add(1, Ordering::Relaxed);
    let sizes = [
        (&stats.original_bytes, bytes.len()),
        (&stats.brotli_bytes, copies.br.as_ref().map_or(0, Vec::len)),
        (&stats.gzip_bytes, copies.gz.len()),
    ];
    for (total, size) in sizes {
        total.fetch_add(size as u64, Ordering::Relaxed);
    }
    stats
        .nanos
        .fetch_add(start.elapsed().as_nanos() as u64, Ordering::Relaxed);
    Ok(Some(copies))
}

/// Quality 11 for the stylesheet and scripts (few, small, downloaded by every
/// visitor and cached forever); 5 for large pages, feeds, data and search shards.
/// Measured on a province of the national fixture (README, "Deploying to a CDN"):
/// 6 is 0.2–0.8% smaller for half as much time again, 4 is 2–7% larger.
fn brotli_quality(path: &Path) -> u8 {
    match path.extension().and_then(|e| e.to_str()) {
        Some("css" | "js") => 11,
        _ => 5,
    }
}

/// Brotli (Google's, one call for the whole file) with a window fitted to the file:
/// 18 to 22 bits, as larger ones add nothing to a small file.
pub fn brotli(bytes: &[u8], quality: u8) -> Vec<u8> {
    let bits = (usize::BITS - bytes.len().leading_zeros()).clamp(18, 22) as u8;
    let quality = brotlic::Quality::new(quality).expect("a quality of 0 to 11");
    let window = brotlic::WindowSize::new(bits).expect("a window of 18 to 22 bits");
    // The bound of a stored (uncompressed) stream, which brotli falls back to.
    let mut out = vec![0; bytes.len() + (bytes.len() >> 14) * 4 + 16];
    let len = brotlic::compress(
        bytes,
        &mut out,
        quality,
        window,
        brotlic::CompressionMode::Generic,
    )
    .expect("the output holds a stored stream");
    out.truncate(len);
    out
}

/// Gzip level of libdeflate: as small as zlib's best (9) on the pages, smaller on the
/// search index, at half its time; levels above 6 add under 1% for 10–80% more time.
const GZIP_LEVEL: i32 = 6;

thread_local! {
    /// One compressor a thread: making one allocates its hash tables.
    static DEFLATE: RefCell<libdeflater::Compressor> = RefCell::new(
        libdeflater::Compressor::new(
            libdeflater::CompressionLvl::new(GZIP_LEVEL).expect("a valid level"),
        ),
    );
}

/// Gzip (libdeflate) with no file name and modification time 0, so the output
/// depends on the bytes only.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    DEFLATE.with(|compressor| {
        let mut compressor = compressor.borrow_mut();
        let mut out = vec![0; compressor.gzip_compress_bound(bytes.len())];
        let len = compressor
            .gzip_compress(bytes, &mut out)
            .expect("the bound fits the output");
        out.truncate(len);
        out
    })
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
        let stats = CompressStats::default();
        let page = "<!doctype html><p>Bầu cử đại biểu Quốc hội</p>".repeat(50);
        let list = "<tr><td>Đơn vị bầu cử số 1<td>Nguyễn Văn An".repeat(400);
        let index = "{\"ba\":[1,2,3]}".repeat(100);
        let style = "body{margin:0}".repeat(80);
        // (file, bytes, whether it gets a .br beside its .gz)
        let cases = [
            ("index.html", page.as_bytes(), false),
            ("list.html", list.as_bytes(), true),
            ("s-ba.1.json", index.as_bytes(), false),
            ("style.css", style.as_bytes(), true),
        ];
        for (name, bytes, with_br) in cases {
            let path = dir.path().join(name);
            fs::write(&path, bytes).unwrap();
            let copies = write_copies(&path, bytes, false, &stats).unwrap().unwrap();
            let gz = fs::read(dir.path().join(format!("{name}.gz"))).unwrap();
            assert_eq!(gz, copies.gz, "{name}: as returned");
            assert_eq!(gunzip(&gz), bytes, "{name}.gz");
            assert!(gz.len() < bytes.len(), "{name}");
            let br = fs::read(dir.path().join(format!("{name}.br"))).ok();
            assert_eq!(br, copies.br, "{name}: as returned");
            assert_eq!(br.is_some(), with_br, "{name}: a .br or not");
            if let Some(br) = br {
                assert_eq!(unbrotli(&br), bytes, "{name}.br");
                assert!(br.len() < gz.len(), "{name}");
            }
        }
        assert_eq!(stats.files.load(Ordering::Relaxed), 4);
        let original = stats.original_bytes.load(Ordering::Relaxed);
        let all = page.len() + list.len() + index.len() + style.len();
        assert_eq!(original as usize, all);
        let large = (list.len() + style.len()) as u64;
        assert!(stats.brotli_bytes.load(Ordering::Relaxed) < large);
        assert!(stats.gzip_bytes.load(Ordering::Relaxed) < original);
    }

    #[test]
    fn brotli_goes_to_large_files_and_to_every_stylesheet_and_script() {
        let cases = [
            ("a/index.html", BROTLI_MIN_BYTES - 1, false),
            ("a/index.html", BROTLI_MIN_BYTES, true),
            ("data.json", BROTLI_MIN_BYTES, true),
            ("static/filter.1.js", MIN_BYTES, true),
            ("static/style.1.css", MIN_BYTES, true),
            ("static/style.1.css", MIN_BYTES - 1, false),
            ("media/photo.jpg", BROTLI_MIN_BYTES, false),
        ];
        for (path, len, wanted) in cases {
            assert_eq!(
                wants_brotli(Path::new(path), len),
                wanted,
                "{path} of {len} bytes"
            );
        }
    }

    #[test]
    fn images_and_small_files_get_none() {
        let dir = tempfile::tempdir().unwrap();
        let stats = CompressStats::default();
        let photo = vec![0xffu8; 4096];
        let small = "x".repeat(MIN_BYTES - 1);
        for (name, bytes) in [("photo.jpg", &photo[..]), ("robots.txt", small.as_bytes())] {
            let path = dir.path().join(name);
            assert!(write_copies(&path, bytes, false, &stats).unwrap().is_none());
            assert!(!dir.path().join(format!("{name}.br")).exists(), "{name}");
            assert!(!dir.path().join(format!("{name}.gz")).exists(), "{name}");
        }
        assert!(wants_copies(Path::new("a.txt"), MIN_BYTES));
        assert_eq!(stats.files.load(Ordering::Relaxed), 0);
    }

    #[test]
    fn replacing_a_file_that_became_small_deletes_its_old_copies() {
        let dir = tempfile::tempdir().unwrap();
        let stats = CompressStats::default();
        let path = dir.path().join("data.json");
        write_copies(&path, &[b' '; BROTLI_MIN_BYTES], false, &stats).unwrap();
        assert!(dir.path().join("data.json.br").is_file());
        assert!(dir.path().join("data.json.gz").is_file());
        write_copies(&path, b"{}", true, &stats).unwrap();
        assert!(!dir.path().join("data.json.br").exists());
        assert!(!dir.path().join("data.json.gz").exists());
    }

    #[test]
    fn copies_are_deterministic() {
        let text = "Ủy ban bầu cử tỉnh Quảng Ninh ".repeat(100);
        assert_eq!(gzip(text.as_bytes()), gzip(text.as_bytes()));
        assert_eq!(brotli(text.as_bytes(), 5), brotli(text.as_bytes(), 5));
        let gz = gzip(b"x");
        assert_eq!(&gz[..3], &[0x1f, 0x8b, 8], "a gzip member, deflate");
        assert_eq!(&gz[3..8], &[0, 0, 0, 0, 0], "no name, mtime 0");
    }

    #[test]
    fn a_write_into_a_missing_folder_fails() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gone/index.html");
        let stats = CompressStats::default();
        assert!(write_copies(&path, &[b'a'; 2048], false, &stats).is_err());
    }
}
