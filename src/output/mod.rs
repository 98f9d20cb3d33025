//! Stage 5, write: each province's site is written into a staging directory beside
//! its destination and swapped in only when every province built, so a failed build
//! leaves the previous output as it was. [`finish_site`] ends each site: feeds and
//! sitemaps, `_headers`, precompressed copies and the deploy manifest.

mod assets;
mod compress;
pub mod deploy;
mod feeds;
mod headers;
mod open_data;

pub use assets::{fingerprinted_name, integrity, static_asset, StaticAsset};
pub use compress::{compress_site, CompressStats};
pub use deploy::{DeployPlan, Manifest, MANIFEST_NAME};
pub use feeds::{atom_feed, robots_txt, sitemap_entries, sitemaps, Feed};
pub use headers::headers_file;
pub use open_data::{candidates_csv, candidates_json};

use crate::model::{Election, Portal};
use crate::render::i18n::Translations;
use crate::routes::Route;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// What [`finish_site`] needs to know of the province.
pub struct SiteInput<'a> {
    pub portal: &'a Portal,
    pub election: &'a Election,
    pub routes: &'a [Route],
    pub tr: &'a Translations,
    pub categories: &'a [String],
}

/// Ends a province's site once its pages, assets and data are staged: writes the
/// Atom feeds (per language and per category), the sitemap(s), robots.txt and
/// `_headers`, then the `.br`/`.gz` copies of every text file (stage `compress`),
/// then the deploy manifest, last, so that it lists every file (stage `manifest`).
pub fn finish_site(
    staging: &mut Staging,
    site: &SiteInput,
    timings: &mut crate::Timings,
) -> io::Result<()> {
    let start = std::time::Instant::now();
    let (portal, election) = (site.portal, site.election);
    for lang in &election.languages {
        let province = crate::render::pages::loc(&portal.name, lang).text;
        let news = site.tr.ui(lang, "title_news");
        let all = format!("{news} · {province}");
        let feed = Feed {
            lang,
            category: None,
            title: &all,
        };
        staging.write(
            &feed.url(election),
            atom_feed(portal, election, &feed).as_bytes(),
        )?;
        for category in site.categories {
            let name = site.tr.code(lang, "news_category", category).text;
            let title = format!("{news}: {name} · {province}");
            let feed = Feed {
                lang,
                category: Some(category),
                title: &title,
            };
            staging.write(
                &feed.url(election),
                atom_feed(portal, election, &feed).as_bytes(),
            )?;
        }
    }
    for (path, xml) in sitemaps(portal, site.routes) {
        staging.write(&path, xml.as_bytes())?;
    }
    staging.write("robots.txt", robots_txt(portal).as_bytes())?;
    let headers = headers_file(&staging.dir)?;
    staging.write("_headers", headers.as_bytes())?;
    timings.add("write", start.elapsed());

    let start = std::time::Instant::now();
    let stats = compress_site(&staging.dir, None)?;
    staging.files_written += 2 * stats.files;
    staging.bytes_written += stats.brotli_bytes + stats.gzip_bytes;
    timings.add("compress", start.elapsed());

    let start = std::time::Instant::now();
    staging.bytes_written += deploy::write_manifest(&staging.dir)?;
    staging.files_written += 1;
    timings.add("manifest", start.elapsed());
    Ok(())
}

/// A province's site being written, not yet published.
pub struct Staging {
    pub province: String,
    pub dir: PathBuf,
    destination: PathBuf,
    pub files_written: usize,
    pub bytes_written: u64,
}

impl Staging {
    /// Creates an empty staging directory for `province` inside `out_dir`.
    pub fn create(out_dir: &Path, province: &str) -> io::Result<Staging> {
        fs::create_dir_all(out_dir)?;
        let dir = out_dir.join(format!(".baucu-staging-{province}-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir)?;
        }
        fs::create_dir_all(&dir)?;
        Ok(Staging {
            province: province.to_string(),
            dir,
            destination: out_dir.join(province),
            files_written: 0,
            bytes_written: 0,
        })
    }

    /// Writes a file at a site-relative path.
    pub fn write(&mut self, relative: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.path_of(relative)?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| named(parent, e))?;
        }
        fs::write(&path, bytes).map_err(|e| named(&path, e))?;
        self.files_written += 1;
        self.bytes_written += bytes.len() as u64;
        Ok(())
    }

    /// Copies a source file to a site-relative path.
    pub fn copy(&mut self, relative: &str, source: &Path) -> io::Result<()> {
        let path = self.path_of(relative)?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| named(parent, e))?;
        }
        self.bytes_written += fs::copy(source, &path).map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("{} → {}: {e}", source.display(), path.display()),
            )
        })?;
        self.files_written += 1;
        Ok(())
    }

    /// Refuses any path that could leave the staging directory.
    fn path_of(&self, relative: &str) -> io::Result<PathBuf> {
        let relative = relative.trim_start_matches('/');
        let safe = Path::new(relative)
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
        if !safe || relative.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("unsafe output path {relative}"),
            ));
        }
        Ok(self.dir.join(relative))
    }

    /// Replaces the published site with this one.
    pub fn publish(self) -> io::Result<()> {
        let old = self.destination.with_file_name(format!(
            ".baucu-old-{}-{}",
            self.province,
            std::process::id()
        ));
        if self.destination.exists() {
            fs::rename(&self.destination, &old)?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.destination) {
            // Put the previous site back before reporting.
            if old.exists() {
                let _ = fs::rename(&old, &self.destination);
            }
            return Err(e);
        }
        if old.exists() {
            fs::remove_dir_all(&old)?;
        }
        Ok(())
    }

    /// Throws the staging directory away (the build failed).
    pub fn discard(self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// An I/O error that says which file it was about.
fn named(path: &Path, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

/// Minifies an HTML page: smaller pages for slow mobile networks.
pub fn minify_html(html: &str) -> Vec<u8> {
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_html_and_head_opening_tags = true;
    cfg.keep_closing_tags = true;
    cfg.minify_css = false;
    cfg.minify_js = false;
    minify_html::minify(html.as_bytes(), &cfg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staging_refuses_paths_that_escape() {
        let out = tempfile::tempdir().unwrap();
        let mut staging = Staging::create(out.path(), "p").unwrap();
        assert!(staging.write("../evil.html", b"x").is_err());
        assert!(staging.write("a/../../evil.html", b"x").is_err());
        staging.write("ok/index.html", b"x").unwrap();
        staging.publish().unwrap();
        assert!(out.path().join("p/ok/index.html").is_file());
        assert!(!out.path().join("evil.html").exists());
    }

    #[test]
    fn publish_replaces_the_previous_site() {
        let out = tempfile::tempdir().unwrap();
        let mut first = Staging::create(out.path(), "p").unwrap();
        first.write("old.html", b"old").unwrap();
        first.publish().unwrap();
        let mut second = Staging::create(out.path(), "p").unwrap();
        second.write("new.html", b"new").unwrap();
        second.publish().unwrap();
        assert!(out.path().join("p/new.html").is_file());
        assert!(!out.path().join("p/old.html").exists());
        let leftovers: Vec<_> = fs::read_dir(out.path()).unwrap().flatten().collect();
        assert_eq!(leftovers.len(), 1, "only the site remains");
    }

    #[test]
    fn minified_html_keeps_the_language() {
        let html = "<!doctype html><html lang=\"vi\"><head><title>A</title></head><body><p>Xin  chào</p></body></html>";
        let out = String::from_utf8(minify_html(html)).unwrap();
        assert!(
            out.contains("<html lang=vi>") || out.contains("<html lang=\"vi\">"),
            "{out}"
        );
    }
}
