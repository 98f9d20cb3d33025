//! The news of a portal by tag and by category, built once when the portal is
//! linked: tag pages list a tag's items from it, and the "related news" under each
//! item come from it, so no page scans all the news to find its neighbours.
//!
//! Every list keeps the portal's order of news, newest first, and holds indexes
//! into `Portal::news`.

use crate::content::records::Text;
use crate::text::{fold, words};
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Default)]
pub struct NewsIndex {
    by_tag: BTreeMap<String, Vec<usize>>,
    by_category: BTreeMap<String, Vec<usize>>,
    /// The name of each tag, in Vietnamese and, when `codes: {news_tag: …}` gives it,
    /// in other languages (see [`tag_name`]).
    names: BTreeMap<String, Text>,
}

/// What the index needs to know of one news item.
pub struct Entry<'a> {
    pub category: &'a str,
    pub tags: &'a [String],
    /// The Vietnamese texts (title, summary, body) that may spell its tags out.
    pub texts: Vec<&'a str>,
}

impl NewsIndex {
    /// Indexes `entries` (in the portal's order of news, newest first); tag names
    /// come from `named` (baucu.yaml's `codes: {news_tag: …}`) or the texts.
    pub fn new<'a>(
        entries: impl IntoIterator<Item = Entry<'a>>,
        named: Option<&BTreeMap<String, Text>>,
    ) -> NewsIndex {
        let entries: Vec<Entry> = entries.into_iter().collect();
        let mut index = NewsIndex::default();
        for (i, entry) in entries.iter().enumerate() {
            index
                .by_category
                .entry(entry.category.to_string())
                .or_default()
                .push(i);
            for tag in entry.tags {
                let items = index.by_tag.entry(tag.clone()).or_default();
                // A tag written twice on one item counts once.
                if items.last() != Some(&i) {
                    items.push(i);
                }
            }
        }
        for (tag, items) in &index.by_tag {
            let name = match named.and_then(|n| n.get(tag)) {
                Some(text) => text.clone(),
                None => Text::plain(tag_name(
                    tag,
                    items.iter().flat_map(|&i| entries[i].texts.iter().copied()),
                )),
            };
            index.names.insert(tag.clone(), name);
        }
        index
    }

    /// Every tag used, in slug order.
    pub fn tags(&self) -> impl Iterator<Item = &str> {
        self.by_tag.keys().map(String::as_str)
    }

    /// The items carrying `tag`, newest first.
    pub fn tagged(&self, tag: &str) -> &[usize] {
        self.by_tag.get(tag).map_or(&[], Vec::as_slice)
    }

    /// The items of `category`, newest first.
    pub fn in_category(&self, category: &str) -> &[usize] {
        self.by_category.get(category).map_or(&[], Vec::as_slice)
    }

    /// The name of `tag` (its slug when the tag is not used).
    pub fn name(&self, tag: &str) -> Text {
        self.names
            .get(tag)
            .cloned()
            .unwrap_or_else(|| Text::plain(tag))
    }

    /// Up to `limit` items related to item `item` (of `category`, with `tags`): those
    /// sharing the most tags first, then the rest of its category, newest first
    /// within each. Only items `keep` accepts (those of the page's language) count.
    pub fn related(
        &self,
        item: usize,
        category: &str,
        tags: &[String],
        keep: impl Fn(usize) -> bool,
        limit: usize,
    ) -> Vec<usize> {
        let mut shared: HashMap<usize, usize> = HashMap::new();
        let mut seen_tags: Vec<&str> = Vec::new();
        for tag in tags {
            if seen_tags.contains(&tag.as_str()) {
                continue;
            }
            seen_tags.push(tag);
            for &other in self.tagged(tag) {
                if other != item {
                    *shared.entry(other).or_default() += 1;
                }
            }
        }
        let mut by_tags: Vec<(usize, usize)> = shared
            .into_iter()
            .filter(|&(other, _)| keep(other))
            .collect();
        // Most shared tags first, then newest (the lower index) first.
        by_tags.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut related: Vec<usize> = by_tags.into_iter().map(|(i, _)| i).take(limit).collect();
        for &other in self.in_category(category) {
            if related.len() >= limit {
                break;
            }
            if other != item && !related.contains(&other) && keep(other) {
                related.push(other);
            }
        }
        related
    }
}

/// A tag's name when baucu.yaml gives none: the words of the Vietnamese texts that
/// fold to the tag's slug, as written most often there (`co-to` → "Cô Tô",
/// `hdnd-tinh` → "HĐND tỉnh"), with a capital first letter; else the slug's words
/// ("bau-cu-2021" → "Bau cu 2021").
pub fn tag_name<'a>(slug: &str, texts: impl IntoIterator<Item = &'a str>) -> String {
    let wanted: Vec<&str> = slug.split('-').filter(|w| !w.is_empty()).collect();
    let mut counts: Vec<(String, usize)> = Vec::new();
    if !wanted.is_empty() {
        for text in texts {
            let mut found: Vec<String> = Vec::new();
            words(text, |w| found.push(w.to_string()));
            let folded: Vec<String> = found.iter().map(|w| fold(w)).collect();
            for start in 0..folded.len() {
                let end = start + wanted.len();
                if end <= folded.len()
                    && folded[start..end].iter().zip(&wanted).all(|(a, b)| a == b)
                {
                    let phrase = found[start..end].join(" ");
                    match counts.iter_mut().find(|(p, _)| *p == phrase) {
                        Some((_, n)) => *n += 1,
                        None => counts.push((phrase, 1)),
                    }
                }
            }
        }
    }
    // The most frequent spelling; among equals, the first met.
    let best = counts
        .iter()
        .enumerate()
        .max_by(|(ia, a), (ib, b)| a.1.cmp(&b.1).then(ib.cmp(ia)))
        .map(|(_, (phrase, _))| phrase.clone());
    capitalise(&best.unwrap_or_else(|| wanted.join(" ")))
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(list: &[&str]) -> Vec<String> {
        list.iter().map(|t| t.to_string()).collect()
    }

    /// Items newest first: (category, tags).
    fn index(items: &[(&str, Vec<String>)]) -> NewsIndex {
        NewsIndex::new(
            items.iter().map(|(category, tags)| Entry {
                category,
                tags,
                texts: Vec::new(),
            }),
            None,
        )
    }

    #[test]
    fn lists_keep_the_newest_first_and_count_a_repeated_tag_once() {
        let idx = index(&[
            ("chi-dao", tags(&["a", "b", "a"])),
            ("tap-huan", tags(&["b"])),
            ("chi-dao", tags(&[])),
        ]);
        assert_eq!(idx.tagged("a"), &[0]);
        assert_eq!(idx.tagged("b"), &[0, 1]);
        assert_eq!(idx.tagged("none"), &[] as &[usize]);
        assert_eq!(idx.in_category("chi-dao"), &[0, 2]);
        assert_eq!(idx.tags().collect::<Vec<_>>(), ["a", "b"]);
    }

    #[test]
    fn related_puts_more_shared_tags_first_then_the_category_newest_first() {
        let items = [
            ("chi-dao", tags(&["x"])),       // 0: one shared tag
            ("tap-huan", tags(&["x", "y"])), // 1: two shared tags
            ("chi-dao", tags(&[])),          // 2: same category
            ("chi-dao", tags(&["x", "y"])),  // 3: the item itself
            ("tuyen-truyen", tags(&[])),     // 4: unrelated
            ("chi-dao", tags(&[])),          // 5: same category, older
        ];
        let idx = index(&items);
        let related = idx.related(3, "chi-dao", &items[3].1, |_| true, 4);
        assert_eq!(related, [1, 0, 2, 5]);
        // Fewer wanted: the best ones.
        assert_eq!(idx.related(3, "chi-dao", &items[3].1, |_| true, 2), [1, 0]);
        // Items of another language do not count.
        assert_eq!(
            idx.related(3, "chi-dao", &items[3].1, |i| i != 1, 4),
            [0, 2, 5]
        );
        // No tags, no category neighbours: nothing.
        assert!(idx.related(4, "tuyen-truyen", &[], |_| true, 4).is_empty());
    }

    #[test]
    fn tag_names_come_from_the_text_or_the_slug() {
        let texts = [
            "Sẵn sàng bầu cử ở Cô Tô, Vân Đồn",
            "Đặc khu Cô Tô có 3 tổ bầu cử; cô tô",
        ];
        assert_eq!(tag_name("co-to", texts), "Cô Tô");
        assert_eq!(tag_name("to-bau-cu", texts), "Tổ bầu cử");
        assert_eq!(
            tag_name("hdnd-tinh", ["Đại biểu HĐND tỉnh khóa mới"]),
            "HĐND tỉnh"
        );
        assert_eq!(tag_name("bau-cu-2021", texts), "Bau cu 2021");
        assert_eq!(tag_name("x", [] as [&str; 0]), "X");
    }

    #[test]
    fn named_tags_take_the_name_given() {
        let mut named = BTreeMap::new();
        let mut text = Text::plain("Bầu cử năm 2021");
        text.translations
            .insert("en".into(), "2021 election".into());
        named.insert("bau-cu-2021".to_string(), text.clone());
        let t = tags(&["bau-cu-2021", "co-to"]);
        let idx = NewsIndex::new(
            [Entry {
                category: "chi-dao",
                tags: &t,
                texts: vec!["Cô Tô"],
            }],
            Some(&named),
        );
        assert_eq!(idx.name("bau-cu-2021"), text);
        assert_eq!(idx.name("co-to").vi, "Cô Tô");
    }
}
