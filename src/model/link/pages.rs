//! Free pages of `pages/`: translations joined to their Vietnamese original, drafts
//! left out unless asked for, pages in their written order.

use super::{no_original, Linker};
use crate::content::records::PageFrontMatter;
use crate::content::MarkdownSource;
use crate::model::{FreePage, NewsVersion, Portal};
use std::collections::BTreeMap;
use std::sync::Arc;

impl Linker<'_> {
    pub(super) fn link_pages(
        &mut self,
        portal: &mut Portal,
        sources: &[MarkdownSource<PageFrontMatter>],
    ) {
        let default_lang = &self.election.languages[0];
        let mut by_slug: BTreeMap<&str, Vec<&MarkdownSource<PageFrontMatter>>> = BTreeMap::new();
        for source in sources {
            by_slug
                .entry(source.slug.as_str())
                .or_default()
                .push(source);
        }
        for (slug, versions) in by_slug {
            let Some(original) = versions.iter().find(|v| &v.lang == default_lang) else {
                for v in &versions {
                    self.diagnostics
                        .push(no_original(v.file.path.clone(), slug));
                }
                continue;
            };
            if original.front.draft && !self.options.drafts {
                continue;
            }
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
            portal.pages.push(FreePage {
                slug: slug.to_string(),
                order: original.front.order,
                draft: original.front.draft,
                versions: item_versions,
            });
        }
        portal.pages.sort_by(|a, b| {
            a.order
                .unwrap_or(i32::MAX)
                .cmp(&b.order.unwrap_or(i32::MAX))
                .then_with(|| a.slug.cmp(&b.slug))
        });
    }
}
