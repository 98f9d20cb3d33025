//! The client-side search index: one per province and language, split into small
//! files so that a phone downloads only what a query needs.
//!
//! - Terms are folded syllables ("ha") and pairs of adjacent syllables ("ha_long").
//!   Each posting keeps the toned spelling the document used ("hạ"), so the browser
//!   ranks tone-exact matches first.
//! - Shards: every term lives in the shard of its first two letters (`s-ha.<hash>.json`);
//!   on a big portal a shard over [`SHARD_BUDGET`] is split by a longer prefix
//!   (`s-ngu.<hash>.json`), and a term lives in the shard of the longest key it
//!   starts with.
//! - Result metadata (title, URL, kind, date, snippet) lives in chunks of
//!   [`META_CHUNK`] documents, fetched only for the results shown.
//! - The manifest names every file (each carries a content hash, so a CDN can cache it
//!   forever) and holds the facets: kind ranges, news dates and categories, levels.
//!
//! The browser side is `themes/default/static/search.js`.

mod documents;
mod national;
mod postings;

pub use documents::{documents, Kind, SearchDoc, NAME, PLACE, TEXT, TITLE};
pub use national::national_documents;

use crate::hash::fnv1a;
use crate::text::{token, Token};
pub use postings::MAX_EXTRA;
use postings::{encode_postings, pair_key, FastMap, Interner, Postings, WordIds};
use serde::Serialize;
use std::collections::BTreeMap;

/// Documents per metadata file.
pub const META_CHUNK: usize = 4;
/// Metadata files per naming block (see `Manifest::meta_blocks`).
pub const META_BLOCK: usize = 64;
/// Most a term's weight in one document counts (see [`documents::NAME`]).
pub const MAX_TERM_SCORE: u32 = 40;

/// The files of one index, relative to the site root, and the manifest's URL.
pub struct SearchIndex {
    pub files: Vec<(String, Vec<u8>)>,
    pub manifest_url: String,
}

/// Builds the index of `docs` (already ordered by kind) under `dir` (e.g. `_search/vi`).
pub fn build_index(
    docs: &[SearchDoc],
    dir: &str,
    categories: &[String],
    levels: &[String],
) -> SearchIndex {
    // Words repeat from document to document (names, places, the election's own
    // words): each is folded once, and a text becomes a list of word numbers.
    let mut word_ids: FastMap<String, WordIds> = FastMap::default();
    let (mut folded_terms, mut toned_words) = (Interner::default(), Interner::default());
    let mut singles: Vec<Postings<u32>> = Vec::new();
    let mut pairs: FastMap<u64, Postings<u64>> = FastMap::default();
    let mut words: Vec<WordIds> = Vec::new();
    for (id, doc) in docs.iter().enumerate() {
        let id = id as u32;
        for (weight, text) in &doc.fields {
            words.clear();
            crate::text::words(text, |word| {
                let ids = match word_ids.get(word) {
                    Some(&ids) => ids,
                    None => {
                        let Token { folded, toned } = token(word);
                        let ids = WordIds {
                            folded: folded_terms.id(&folded),
                            toned: toned_words.id(&toned),
                        };
                        word_ids.insert(word.to_string(), ids);
                        ids
                    }
                };
                words.push(ids);
            });
            for (i, word) in words.iter().enumerate() {
                let term = word.folded as usize;
                if term >= singles.len() {
                    singles.resize_with(term + 1, Postings::new);
                }
                singles[term].add(id, *weight, word.toned);
                if let Some(next) = words.get(i + 1) {
                    pairs
                        .entry(pair_key(word.folded, next.folded))
                        .or_insert_with(Postings::new)
                        .add(id, *weight * 2, pair_key(word.toned, next.toned));
                }
            }
        }
    }
    let (folded, toned) = (&folded_terms.names, &toned_words.names);
    let half = |key: u64| ((key >> 32) as usize, (key & 0xffff_ffff) as usize);
    let mut terms: BTreeMap<String, Postings<String>> = BTreeMap::new();
    for (term, postings) in singles.into_iter().enumerate() {
        if postings.docs.is_empty() {
            continue;
        }
        terms.insert(
            folded[term].clone(),
            postings.spelled(|s| toned[s as usize].clone()),
        );
    }
    for (key, postings) in pairs {
        let (a, b) = half(key);
        terms.insert(
            format!("{}_{}", folded[a], folded[b]),
            postings.spelled(|s| {
                let (a, b) = half(s);
                format!("{} {}", toned[a], toned[b])
            }),
        );
    }

    // Shards and vocabularies are named by their own hash: an edit renames only the
    // few it touches.
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let encoded: Vec<(&str, String)> = terms
        .iter()
        .map(|(term, postings)| (term.as_str(), encode_postings(postings)))
        .collect();
    let mut shard_names = BTreeMap::new();
    for (key, shard) in shards(&encoded) {
        let bytes = shard_json(&shard);
        let hash = content_hash(&bytes);
        files.push((format!("{dir}/s-{}.{hash}.json", file_key(&key)), bytes));
        shard_names.insert(key, hash);
    }

    // Words by first letter, without postings: the browser reads one only when a word
    // matches nothing, to find a spelling one letter away (in any shard).
    let mut vocabularies: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for term in terms.keys().filter(|t| !t.contains('_')) {
        vocabularies
            .entry(vocabulary_key(term))
            .or_default()
            .push(term);
    }
    let mut vocabulary_names = BTreeMap::new();
    for (key, words) in &vocabularies {
        let bytes = serde_json::to_vec(words).expect("words serialise");
        let hash = content_hash(&bytes);
        files.push((format!("{dir}/v-{key}.{hash}.json"), bytes));
        vocabulary_names.insert(key.clone(), hash);
    }

    // Metadata files are many: they are named by the hash of their block of
    // META_BLOCK files, so the manifest lists one hash per block, and an edit renames
    // one block.
    let chunks: Vec<Vec<u8>> = docs
        .chunks(META_CHUNK)
        .map(|chunk| {
            let rows: Vec<MetaRow> = chunk
                .iter()
                .map(|d| {
                    MetaRow(
                        d.url.clone(),
                        d.title.clone(),
                        d.kind.code(),
                        d.date.map(|x| x.to_string()).unwrap_or_default(),
                        d.snippet.clone(),
                    )
                })
                .collect();
            serde_json::to_vec(&rows).expect("metadata serialises")
        })
        .collect();
    let mut meta_blocks = Vec::new();
    for (block, members) in chunks.chunks(META_BLOCK).enumerate() {
        let mut hasher = crate::hash::Fnv1a::default();
        for bytes in members {
            hasher.write_bytes(&fnv1a(bytes).to_le_bytes());
        }
        let hash = format!("{:016x}", hasher.finish())[..10].to_string();
        for (i, bytes) in members.iter().enumerate() {
            let chunk = block * META_BLOCK + i;
            files.push((format!("{dir}/m-{chunk}.{hash}.json"), bytes.clone()));
        }
        meta_blocks.push(hash);
    }

    let news: Vec<(i32, i64)> = docs
        .iter()
        .filter(|d| d.kind == Kind::News)
        .map(|d| {
            let days = d.date.map(|x| x.to_julian_day()).unwrap_or(0);
            let category = d
                .category
                .as_ref()
                .and_then(|c| categories.iter().position(|k| k == c))
                .map_or(-1, |i| i as i64);
            (days, category)
        })
        .collect();
    let manifest = Manifest {
        version: 2,
        count: docs.len(),
        shards: shard_names,
        vocabulary: vocabulary_names,
        meta_size: META_CHUNK,
        meta_block: META_BLOCK,
        meta_blocks,
        kinds: kind_ranges(docs),
        news_days: news
            .iter()
            .scan(0, |previous, (day, _)| {
                let delta = day - *previous;
                *previous = *day;
                Some(delta)
            })
            .collect(),
        news_categories: news
            .iter()
            .map(|(_, c)| {
                u32::try_from(*c)
                    .ok()
                    .and_then(|c| char::from_digit(c, 36))
                    .unwrap_or('-')
            })
            .collect(),
        categories: categories.to_vec(),
        levels: levels.to_vec(),
        level_masks: docs
            .iter()
            .map(|d| char::from_digit(d.levels & 0x1f, 32).unwrap_or('0'))
            .collect(),
    };
    let bytes = serde_json::to_vec(&manifest).expect("manifest serialises");
    let name = format!("manifest.{}.json", content_hash(&bytes));
    let manifest_url = format!("/{dir}/{name}");
    files.push((format!("{dir}/{name}"), bytes));
    SearchIndex {
        files,
        manifest_url,
    }
}

/// Most bytes a shard should hold before it is split by a longer prefix (raw JSON;
/// about a third of that once compressed).
pub const SHARD_BUDGET: usize = 12 * 1024;

/// Groups terms (sorted) into shards keyed by a prefix: first the first two letters
/// ([`shard_key`]); a shard over [`SHARD_BUDGET`] is split by one more letter, and so
/// on, so that a big portal's shards stay small. A term lives in the shard of the
/// longest key it starts with, which is how the browser finds it.
fn shards<'a>(terms: &'a [(&'a str, String)]) -> Vec<(String, Vec<&'a (&'a str, String)>)> {
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, (term, _)) in terms.iter().enumerate() {
        groups.entry(shard_key(term)).or_default().push(i);
    }
    let size = |members: &[usize]| -> usize {
        members
            .iter()
            .map(|&i| terms[i].0.len() + 4 + terms[i].1.len())
            .sum()
    };
    let mut out = Vec::new();
    let mut pending: Vec<(String, Vec<usize>)> = groups.into_iter().collect();
    while let Some((key, members)) = pending.pop() {
        let length = key.chars().count();
        let splittable = key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && members.len() > 1
            && size(&members) > SHARD_BUDGET;
        if !splittable {
            out.push((key, members));
            continue;
        }
        let mut deeper: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for i in members {
            deeper
                .entry(terms[i].0.chars().take(length + 1).collect())
                .or_default()
                .push(i);
        }
        if deeper.len() == 1 && deeper.contains_key(&key) {
            // Every term is the key itself: nothing to split.
            let (key, members) = deeper.into_iter().next().expect("one group");
            out.push((key, members));
            continue;
        }
        pending.extend(deeper);
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out.into_iter()
        .map(|(key, mut members)| {
            members.sort_unstable();
            (key, members.into_iter().map(|i| &terms[i]).collect())
        })
        .collect()
}

/// A shard as a JSON object: term → its encoded postings, in term order.
fn shard_json(terms: &[&(&str, String)]) -> Vec<u8> {
    let mut json = Vec::with_capacity(terms.iter().map(|(t, p)| t.len() + p.len() + 4).sum());
    json.push(b'{');
    for (i, (term, postings)) in terms.iter().enumerate() {
        if i > 0 {
            json.push(b',');
        }
        serde_json::to_writer(&mut json, term).expect("terms serialise");
        json.push(b':');
        json.extend_from_slice(postings.as_bytes());
    }
    json.push(b'}');
    json
}

/// A shard key as it appears in a file name (`_` is kept; keys are ASCII).
fn file_key(key: &str) -> String {
    key.replace('_', "-")
}

/// The first shard of a term: its first two characters ("ha" for "hanh" and "ha_long").
pub fn shard_key(term: &str) -> String {
    let key: String = term.chars().take(2).collect();
    if key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        key
    } else {
        // Keep file names ASCII: other scripts share one shard per first letter code.
        format!("u{:x}", key.chars().next().map_or(0, |c| c as u32))
    }
}

/// The vocabulary file of a word: its first letter.
pub fn vocabulary_key(term: &str) -> String {
    match term.chars().next() {
        Some(c) if c.is_ascii_alphanumeric() => c.to_string(),
        Some(c) => format!("u{:x}", c as u32),
        None => String::new(),
    }
}

/// The ten hex digits of content hash that name an index file.
fn content_hash(bytes: &[u8]) -> String {
    format!("{:016x}", fnv1a(bytes))[..10].to_string()
}

fn kind_ranges(docs: &[SearchDoc]) -> Vec<(char, usize, usize)> {
    let mut ranges: Vec<(char, usize, usize)> = Vec::new();
    for (i, doc) in docs.iter().enumerate() {
        match ranges.last_mut() {
            Some(last) if last.0 == doc.kind.code() => last.2 = i + 1,
            _ => ranges.push((doc.kind.code(), i, i + 1)),
        }
    }
    ranges
}

#[derive(Serialize)]
struct MetaRow(String, String, char, String, String);

#[derive(Serialize)]
struct Manifest {
    version: u32,
    count: usize,
    /// Shard key (see [`shards`]) → the hash in its file name, `s-<key>.<hash>.json`.
    shards: BTreeMap<String, String>,
    /// First letter → the hash of the file listing every word starting with it.
    vocabulary: BTreeMap<String, String>,
    meta_size: usize,
    /// Metadata file `m-<n>` is named by the hash of its block:
    /// `m-<n>.<meta_blocks[n / meta_block]>.json`.
    meta_block: usize,
    meta_blocks: Vec<String>,
    /// (kind code, first doc, end): documents are ordered by kind.
    kinds: Vec<(char, usize, usize)>,
    /// Per news document, in order: its Julian day, as the difference from the
    /// previous one's.
    news_days: Vec<i32>,
    /// Per news document: its category's index in base 36, `-` for none.
    news_categories: String,
    categories: Vec<String>,
    levels: Vec<String>,
    /// One base-32 digit per document: the bitmask of its levels.
    level_masks: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(kind: Kind, title: &str) -> SearchDoc {
        SearchDoc {
            kind,
            url: format!("/{}/", crate::text::slugify(title)),
            title: title.into(),
            snippet: String::new(),
            date: None,
            category: None,
            levels: 0,
            fields: vec![(3, title.into())],
        }
    }

    #[test]
    fn terms_are_folded_with_their_toned_spelling_and_paired() {
        let docs = vec![
            doc(Kind::Unit, "Phường Hạ Long"),
            doc(Kind::Unit, "Hà Long"),
        ];
        let index = build_index(&docs, "_search/vi", &[], &[]);
        let shard = index
            .files
            .iter()
            .find(|(p, _)| p.contains("/s-ha."))
            .expect("shard ha");
        let shard: serde_json::Value = serde_json::from_slice(&shard.1).unwrap();
        assert_eq!(shard["ha"][0], serde_json::json!(["hạ", "hà"]));
        assert_eq!(shard["ha"][1], serde_json::json!([0, 3, 0, 1, 3, 1]));
        assert_eq!(
            shard["ha_long"][0],
            serde_json::json!(["hạ long", "hà long"])
        );
        assert!(index.manifest_url.starts_with("/_search/vi/manifest."));
    }

    #[test]
    fn a_term_scores_its_best_field_and_a_little_for_repeats() {
        let mut news = doc(Kind::News, "Cô Tô");
        news.fields = vec![(TITLE, "Tin".into()), (TEXT, "tổ tổ tổ tổ tổ tổ".into())];
        let name = doc(Kind::Commune, "Đặc khu Cô Tô");
        let name = SearchDoc {
            fields: vec![(NAME, "Đặc khu Cô Tô".into())],
            ..name
        };
        let index = build_index(&[name, news], "_search/vi", &[], &[]);
        let shard = index
            .files
            .iter()
            .find(|(p, _)| p.contains("/s-to."))
            .expect("shard to");
        let shard: serde_json::Value = serde_json::from_slice(&shard.1).unwrap();
        // The name: 10; six times in running text: 1 + 2, not 6.
        assert_eq!(
            shard["to"][1],
            serde_json::json!([0, NAME, 0, 1, TEXT + MAX_EXTRA, 1])
        );
    }

    #[test]
    fn big_shards_split_by_longer_prefixes() {
        let names: Vec<String> = (0..3000)
            .map(|i| {
                format!(
                    "Nguyễn Văn {} {}",
                    ["An", "Anh", "Bình", "Nga", "Ngọc"][i % 5],
                    i
                )
            })
            .collect();
        let docs: Vec<SearchDoc> = names.iter().map(|n| doc(Kind::Candidate, n)).collect();
        let index = build_index(&docs, "_search/vi", &[], &[]);
        let manifest = index.files.last().unwrap();
        let manifest: serde_json::Value = serde_json::from_slice(&manifest.1).unwrap();
        let keys: Vec<&str> = manifest["shards"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert!(keys.iter().any(|k| k.len() > 2), "ng is split: {keys:?}");
        // Each term is in the shard of the longest key it starts with.
        for (path, bytes) in index.files.iter().filter(|(p, _)| p.contains("/s-")) {
            let shard: BTreeMap<String, serde_json::Value> = serde_json::from_slice(bytes).unwrap();
            for term in shard.keys() {
                let longest = keys
                    .iter()
                    .filter(|k| term.starts_with(*k))
                    .max_by_key(|k| k.len())
                    .unwrap();
                let hash = manifest["shards"][*longest].as_str().unwrap();
                let name = format!("/s-{}.{hash}.json", file_key(longest));
                assert!(path.ends_with(&name), "{term} is in {path}, not {name}");
            }
            let splittable = shard.len() > 1;
            assert!(
                !splittable || bytes.len() <= SHARD_BUDGET * 2,
                "{path}: {} bytes",
                bytes.len()
            );
        }
    }

    #[test]
    fn file_names_change_with_content() {
        let a = build_index(&[doc(Kind::Page, "Một")], "_search/vi", &[], &[]);
        let b = build_index(&[doc(Kind::Page, "Hai")], "_search/vi", &[], &[]);
        assert_ne!(a.manifest_url, b.manifest_url);
        assert_eq!(shard_key("nguyen"), "ng");
        assert_eq!(shard_key("a"), "a");
    }
}
