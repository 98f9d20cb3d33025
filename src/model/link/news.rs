//! News items of `news/`: translations joined to their Vietnamese original, the date,
//! category and cover image checked, drafts left out unless asked for.

use super::{no_original, Linker};
use crate::content::records::{DateTime, NewsFrontMatter};
use crate::content::source::{Origin, YamlPath};
use crate::content::MarkdownSource;
use crate::diagnostics::{tr, Diagnostic};
use crate::model::assets::{ImageUse, Referrer};
use crate::model::news_index::{Entry, NewsIndex};
use crate::model::{NewsItem, NewsVersion, Portal};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

impl Linker<'_> {
    pub(super) fn link_news(
        &mut self,
        portal: &mut Portal,
        sources: &[MarkdownSource<NewsFrontMatter>],
    ) {
        let default_lang = &self.election.languages[0];
        let mut by_slug: BTreeMap<&str, Vec<&MarkdownSource<NewsFrontMatter>>> = BTreeMap::new();
        for source in sources {
            by_slug
                .entry(source.slug.as_str())
                .or_default()
                .push(source);
        }
        for (slug, versions) in by_slug {
            let originals: Vec<_> = versions
                .iter()
                .filter(|v| &v.lang == default_lang)
                .collect();
            let Some(original) = originals.first() else {
                for v in &versions {
                    self.diagnostics
                        .push(no_original(v.file.path.clone(), slug));
                }
                continue;
            };
            if originals.len() > 1 {
                let also = originals[0].file.path.display();
                self.diagnostics.push(
                    Diagnostic::error(
                        originals[1].file.path.clone(),
                        tr!(
                            "Hai tin có cùng đường dẫn `{slug}` (tin kia: {also})",
                            "two news items have the slug `{slug}` (also {also})"
                        ),
                    )
                    .hint(tr!(
                        "địa chỉ của tin lấy từ tên tệp sau phần ngày: đặt cho mỗi tin một tên riêng",
                        "news addresses come from the file name after the date: give each item its own name"
                    )),
                );
                continue;
            }
            let front = &original.front;
            let origin = Origin::new(&original.file, YamlPath::root());
            let date = match (front.date, original.date_prefix) {
                (Some(d), _) => d,
                (None, Some(prefix)) => DateTime::from_date(prefix.0),
                (None, None) => {
                    self.diagnostics.push(
                        origin
                            .error("", tr!("Tin chưa có ngày (`date`)", "the news item has no `date`"))
                            .hint(tr!(
                                "thêm `date: 2026-01-14T14:00:00+07:00` vào phần đầu tệp, hoặc đặt ngày ở đầu tên tệp",
                                "add `date: 2026-01-14T14:00:00+07:00` to the front matter, or start the file name with the date"
                            )),
                    );
                    continue;
                }
            };
            let Some(category) = front.category.clone() else {
                self.diagnostics.push(
                    origin
                        .error(
                            "",
                            tr!(
                                "Tin chưa có chuyên mục (`category`)",
                                "the news item has no `category`"
                            ),
                        )
                        .hint(tr!(
                            "thêm `category: tin-bau-cu` (hoặc mã chuyên mục tin khác)",
                            "add `category: tin-bau-cu` (or another news category code)"
                        )),
                );
                continue;
            };
            self.check_code("news_category", &category, &origin, "category");
            let draft = front.draft.unwrap_or(false);
            let base_dir = original
                .file
                .disk_path
                .parent()
                .unwrap_or(Path::new("."))
                .to_path_buf();
            let image = front.image.as_ref().and_then(|image| {
                match portal.assets.register_image(
                    self.content_root,
                    &base_dir,
                    image,
                    ImageUse::News,
                    || Referrer::Field(origin.clone(), "image"),
                ) {
                    Ok(id) => Some(id),
                    Err(message) => {
                        self.diagnostics.push(origin.error("image", message));
                        None
                    }
                }
            });
            let mut item_versions = BTreeMap::new();
            for v in &versions {
                self.register_markdown_images(portal, &v.file, &v.body);
                item_versions.insert(
                    v.lang.clone(),
                    NewsVersion {
                        title: v.front.title.clone(),
                        summary: v.front.summary.clone(),
                        body: v.body.clone(),
                        file: Arc::clone(&v.file),
                    },
                );
            }
            if draft && !self.options.drafts {
                continue;
            }
            portal.news.push(NewsItem {
                slug: slug.to_string(),
                date,
                category,
                tags: front.tags.iter().map(|t| t.0.clone()).collect(),
                author: front.author.clone(),
                featured: front.featured.unwrap_or(false),
                draft,
                image,
                versions: item_versions,
            });
        }
        portal
            .news
            .sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
        let entries = portal.news.iter().map(|item| {
            let original = &item.versions[default_lang];
            Entry {
                category: &item.category,
                tags: &item.tags,
                texts: [Some(original.title.as_str()), original.summary.as_deref()]
                    .into_iter()
                    .flatten()
                    .chain([original.body.as_str()])
                    .collect(),
            }
        });
        portal.news_index = NewsIndex::new(entries, self.election.codes.get("news_tag"));
    }
}
