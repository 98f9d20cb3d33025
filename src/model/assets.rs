//! Files that content refers to (news images, candidate photos, document files):
//! resolved relative to the file that names them, refused when they lead outside the
//! content root, and given the URL they are published at.

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
    ) -> Result<String, String> {
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
                let bytes = std::fs::read(&source)
                    .map_err(|e| format!("cannot read `{reference}`: {e}"))?;
                let hash = format!("{:016x}", fnv1a(&bytes));
                let (stem, ext) = match name.rsplit_once('.') {
                    Some((s, e)) => (s, format!(".{}", e.to_ascii_lowercase())),
                    None => (name.as_str(), String::new()),
                };
                format!("/media/{}.{}{ext}", crate::text::slugify(stem), &hash[..10])
            }
            Publish::AsIs(dir) => format!("{dir}{name}"),
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

/// The canonical path of `reference`, which must exist inside `content_root`.
pub fn resolve(content_root: &Path, base_dir: &Path, reference: &str) -> Result<PathBuf, String> {
    let relative = Path::new(reference);
    if reference.is_empty()
        || relative.is_absolute()
        || reference.contains("://")
        || relative
            .components()
            .any(|c| matches!(c, Component::Prefix(_)))
    {
        return Err(format!(
            "`{reference}` must be a path relative to this file, like images/photo.jpg"
        ));
    }
    let joined = base_dir.join(relative);
    let canonical = joined
        .canonicalize()
        .map_err(|_| format!("the file `{reference}` does not exist"))?;
    if !canonical.starts_with(content_root) {
        return Err(format!(
            "`{reference}` leads outside the content folder; only files inside content/ are published"
        ));
    }
    if !canonical.is_file() {
        return Err(format!("`{reference}` is not a file"));
    }
    Ok(canonical)
}

/// 64-bit FNV-1a: a fast, stable content hash for file names (not for security).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
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
        assert!(err.contains("outside"), "{err}");
        assert!(assets
            .register(&root, &base, "/etc/passwd", Publish::Fingerprinted)
            .is_err());
        assert!(assets
            .register(&root, &base, "images/missing.png", Publish::Fingerprinted)
            .unwrap_err()
            .contains("does not exist"));
    }
}
