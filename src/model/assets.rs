//! Files that content refers to (news images, candidate photos, document files):
//! resolved relative to the file that names them, refused when they lead outside the
//! content root, and given the URL they are published at.

use crate::diagnostics::{tr, Localized};
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

#[derive(Debug, Default)]
pub struct AssetMap {
    /// Canonical source path → site URL.
    urls: BTreeMap<PathBuf, String>,
}

/// Where a referenced file is published.
pub enum Publish {
    /// `/media/<stem>.<hash>.<ext>`: the content hash lets a CDN cache it forever.
    Fingerprinted,
    /// `<dir>/<file name>`, as it is (documents keep their names).
    AsIs(&'static str),
}

impl AssetMap {
    /// Resolves `reference` (relative to `base_dir`) and registers it. `content_root`
    /// must be canonical.
    pub fn register(
        &mut self,
        content_root: &Path,
        base_dir: &Path,
        reference: &str,
        publish: Publish,
    ) -> Result<String, Localized> {
        let source = resolve(content_root, base_dir, reference)?;
        if let Some(url) = self.urls.get(&source) {
            return Ok(url.clone());
        }
        let name = source
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("file")
            .to_string();
        let url = match publish {
            Publish::Fingerprinted => {
                let bytes = std::fs::read(&source).map_err(|e| {
                    tr!(
                        "Không đọc được `{reference}`: {e}",
                        "cannot read `{reference}`: {e}"
                    )
                })?;
                let hash = format!("{:016x}", fnv1a(&bytes));
                let (stem, ext) = match name.rsplit_once('.') {
                    Some((s, e)) => (s, format!(".{}", e.to_ascii_lowercase())),
                    None => (name.as_str(), String::new()),
                };
                format!("/media/{}.{}{ext}", crate::text::slugify(stem), &hash[..10])
            }
            Publish::AsIs(dir) => {
                if !is_url_file_name(&name) {
                    let stem_ext = name.rsplit_once('.');
                    let suggested = match stem_ext {
                        Some((stem, ext)) => format!(
                            "{}.{}",
                            crate::text::slugify(stem),
                            crate::text::slugify(ext)
                        ),
                        None => crate::text::slugify(&name),
                    };
                    return Err(tr!(
                        "Tên tệp `{name}` không dùng được trong địa chỉ trang web (tệp được công bố tại {dir}{name}); đổi tên thành `{suggested}`",
                        "the file name `{name}` cannot be used in a web address (the file is published at {dir}{name}): rename it to `{suggested}`"
                    ));
                }
                let url = format!("{dir}{name}");
                if let Some((other, _)) = self.urls.iter().find(|(_, u)| **u == url) {
                    let other = other.display();
                    return Err(tr!(
                        "Hai tệp khác nhau cùng được công bố tại {url} (tệp kia: {other}); đổi tên một tệp",
                        "two different files would be published at {url} (the other is {other}): rename one of them"
                    ));
                }
                url
            }
        };
        self.urls.insert(source, url.clone());
        Ok(url)
    }

    /// The URL of a file registered earlier, by its reference from `base_dir`.
    pub fn url_for(&self, content_root: &Path, base_dir: &Path, reference: &str) -> Option<&str> {
        let source = resolve(content_root, base_dir, reference).ok()?;
        self.urls.get(&source).map(String::as_str)
    }

    /// Every (source file, URL), in a stable order.
    pub fn iter(&self) -> impl Iterator<Item = (&Path, &str)> {
        self.urls.iter().map(|(p, u)| (p.as_path(), u.as_str()))
    }
}

/// A file name that a URL holds as it is: ASCII letters, digits, `-`, `_` and `.`,
/// not starting with a dot.
fn is_url_file_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// The canonical path of `reference`, which must exist inside `content_root`.
pub fn resolve(
    content_root: &Path,
    base_dir: &Path,
    reference: &str,
) -> Result<PathBuf, Localized> {
    let relative = Path::new(reference);
    if reference.is_empty()
        || relative.is_absolute()
        || reference.contains("://")
        || relative
            .components()
            .any(|c| matches!(c, Component::Prefix(_)))
    {
        return Err(tr!(
            "`{reference}` phải là đường dẫn tính từ thư mục của tệp này, ví dụ images/anh.jpg",
            "`{reference}` must be a path relative to this file, like images/photo.jpg"
        ));
    }
    let joined = base_dir.join(relative);
    let canonical = joined.canonicalize().map_err(|_| {
        tr!(
            "Không có tệp `{reference}`",
            "the file `{reference}` does not exist"
        )
    })?;
    if !canonical.starts_with(content_root) {
        return Err(tr!(
            "`{reference}` dẫn ra ngoài thư mục content/; chỉ các tệp trong content/ mới được công bố",
            "`{reference}` leads outside the content folder; only files inside content/ are published"
        ));
    }
    if !canonical.is_file() {
        return Err(tr!(
            "`{reference}` không phải là một tệp",
            "`{reference}` is not a file"
        ));
    }
    Ok(canonical)
}

/// 64-bit FNV-1a: a fast, stable content hash for file names and the build cache
/// (not for security).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hasher = Fnv1a::default();
    hasher.write_bytes(bytes);
    hasher.finish()
}

/// FNV-1a fed piece by piece; as an `io::Write` it hashes what is serialised into it
/// without building the text.
#[derive(Debug, Clone, Copy)]
pub struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv1a {
    pub fn write_bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    pub fn finish(&self) -> u64 {
        self.0
    }
}

/// Also a hasher for hash maps of short keys (terms, words), where it beats the
/// default SipHash several times over.
impl std::hash::Hasher for Fnv1a {
    fn write(&mut self, bytes: &[u8]) {
        self.write_bytes(bytes);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl std::io::Write for Fnv1a {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.write_bytes(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_outside_the_content_root() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir_all(content.join("p/news/images")).unwrap();
        std::fs::write(content.join("p/news/images/a.png"), b"png").unwrap();
        std::fs::write(dir.path().join("secret.txt"), b"secret").unwrap();
        let root = content.canonicalize().unwrap();
        let base = content.join("p/news");
        let mut assets = AssetMap::default();
        let url = assets
            .register(&root, &base, "images/a.png", Publish::Fingerprinted)
            .unwrap();
        assert!(
            url.starts_with("/media/a.") && url.ends_with(".png"),
            "{url}"
        );
        let err = assets
            .register(&root, &base, "../../../secret.txt", Publish::Fingerprinted)
            .unwrap_err();
        assert!(err.en.contains("outside"), "{err}");
        assert!(assets
            .register(&root, &base, "/etc/passwd", Publish::Fingerprinted)
            .is_err());
        assert!(assets
            .register(&root, &base, "images/missing.png", Publish::Fingerprinted)
            .unwrap_err()
            .en
            .contains("does not exist"));
    }
}
