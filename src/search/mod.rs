//! The client-side search index: one per province and language, split into small
//! files so that a phone downloads only what a query needs.
//!
//! - Terms are folded syllables ("ha") and pairs of adjacent syllables ("ha_long").
//!   Each posting keeps the toned spelling the document used ("hạ"), so the browser
//!   ranks tone-exact matches first.
//! - Shards: every term lives in the shard of its first two letters (`s-ha.<hash>.json`).
//! - Result metadata (title, URL, kind, date, snippet) lives in chunks of
//!   [`META_CHUNK`] documents, fetched only for the results shown.
//! - The manifest names every file (each carries a content hash, so a CDN can cache it
//!   forever) and holds the facets: kind ranges, news dates and categories, levels.
//!
//! The browser side is `themes/default/static/search.js`.

mod documents;

pub use documents::{documents, Kind, SearchDoc};

use crate::model::fnv1a;
use crate::text::tokens;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Documents per metadata file.
pub const META_CHUNK: usize = 16;
/// Most a term's weight in one document counts: a long text repeating a word does
/// not bury a short one that is about it.
pub const MAX_TERM_SCORE: u32 = 24;

/// The files of one index, relative to the site root, and the manifest's URL.
pub struct SearchIndex {
    pub files: Vec<(String, Vec<u8>)>,
    pub manifest_url: String,
}

/// One term's postings while building, in document order.
#[derive(Default)]
struct Postings {
    /// The toned spellings documents use for the term.
    spellings: Vec<String>,
    /// (document, score, index of its spelling).
    docs: Vec<(u32, u32, u32)>,
}

impl Postings {
    /// Counts one more occurrence in `doc` (documents come in increasing order).
    fn add(&mut self, doc: u32, weight: u32, cap: u32, toned: &str) {
        if let Some(last) = self.docs.last_mut().filter(|last| last.0 == doc) {
            last.1 = (last.1 + weight).min(cap);
            return;
        }
        let spelling = match self.spellings.iter().position(|s| s == toned) {
            Some(i) => i,
            None => {
                self.spellings.push(toned.to_string());
                self.spellings.len() - 1
            }
        };
        self.docs.push((doc, weight.min(cap), spelling as u32));
    }
}

/// Builds the index of `docs` (already ordered by kind) under `dir` (e.g. `_search/vi`).
pub fn build_index(
    docs: &[SearchDoc],
    dir: &str,
    categories: &[String],
    levels: &[String],
) -> SearchIndex {
    let mut terms: HashMap<String, Postings> = HashMap::new();
    let mut add =
        |term: &str, doc: u32, weight: u32, cap: u32, toned: &str| match terms.get_mut(term) {
            Some(postings) => postings.add(doc, weight, cap, toned),
            None => {
                let mut postings = Postings::default();
                postings.add(doc, weight, cap, toned);
                terms.insert(term.to_string(), postings);
            }
        };
    let (mut pair, mut toned_pair) = (String::new(), String::new());
    for (id, doc) in docs.iter().enumerate() {
        let id = id as u32;
        let cap = doc.term_cap;
        for (weight, text) in &doc.fields {
            let words = tokens(text);
            for (i, word) in words.iter().enumerate() {
                add(&word.folded, id, *weight, cap, &word.toned);
                if let Some(next) = words.get(i + 1) {
                    pair.clear();
                    pair.push_str(&word.folded);
                    pair.push('_');
                    pair.push_str(&next.folded);
                    toned_pair.clear();
                    toned_pair.push_str(&word.toned);
                    toned_pair.push(' ');
                    toned_pair.push_str(&next.toned);
                    add(&pair, id, *weight * 2, cap, &toned_pair);
                }
            }
        }
    }
    let terms: BTreeMap<String, Postings> = terms.into_iter().collect();

    let mut files = Vec::new();
    let mut shards: BTreeMap<String, BTreeMap<&str, Vec<serde_json::Value>>> = BTreeMap::new();
    for (term, postings) in &terms {
        shards
            .entry(shard_key(term))
            .or_default()
            .insert(term, encode_postings(postings));
    }
    let mut shard_names = BTreeMap::new();
    for (key, shard) in &shards {
        let bytes = serde_json::to_vec(shard).expect("shards serialise");
        let name = hashed(&format!("s-{key}"), &bytes);
        files.push((format!("{dir}/{name}"), bytes));
        shard_names.insert(key.clone(), name);
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
        let name = hashed(&format!("v-{key}"), &bytes);
        files.push((format!("{dir}/{name}"), bytes));
        vocabulary_names.insert(key.clone(), name);
    }

    let mut meta_names = Vec::new();
    for (chunk_index, chunk) in docs.chunks(META_CHUNK).enumerate() {
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
        let bytes = serde_json::to_vec(&rows).expect("metadata serialises");
        let name = hashed(&format!("m-{chunk_index}"), &bytes);
        files.push((format!("{dir}/{name}"), bytes));
        meta_names.push(name);
    }

    let manifest = Manifest {
        version: 1,
        count: docs.len(),
        shards: shard_names,
        vocabulary: vocabulary_names,
        meta_size: META_CHUNK,
        meta: meta_names,
        kinds: kind_ranges(docs),
        news: docs
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
            .collect(),
        categories: categories.to_vec(),
        levels: levels.to_vec(),
        level_masks: docs
            .iter()
            .map(|d| char::from_digit(d.levels & 0x1f, 32).unwrap_or('0'))
            .collect(),
    };
    let bytes = serde_json::to_vec(&manifest).expect("manifest serialises");
    let name = hashed("manifest", &bytes);
    let manifest_url = format!("/{dir}/{name}");
    files.push((format!("{dir}/{name}"), bytes));
    SearchIndex {
        files,
        manifest_url,
    }
}

/// Postings as a flat list: for each document, the gap from the previous document's
/// id, its score, and the index of its toned spelling in the term's list of spellings
/// (the list comes first). Gaps keep the numbers small, and small numbers compress well.
fn encode_postings(postings: &Postings) -> Vec<serde_json::Value> {
    let mut flat = Vec::with_capacity(postings.docs.len() * 3);
    let mut previous = 0;
    for &(doc, score, spelling) in &postings.docs {
        flat.extend([doc - previous, score, spelling]);
        previous = doc;
    }
    vec![
        serde_json::json!(postings.spellings),
        serde_json::json!(flat),
    ]
}

/// The shard of a term: its first two characters ("ha" for "hanh" and "ha_long").
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

fn hashed(stem: &str, bytes: &[u8]) -> String {
    format!("{stem}.{}.json", &format!("{:016x}", fnv1a(bytes))[..10])
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
    shards: BTreeMap<String, String>,
    /// First letter → the file listing every word that starts with it.
    vocabulary: BTreeMap<String, String>,
    meta_size: usize,
    meta: Vec<String>,
    /// (kind code, first doc, end): documents are ordered by kind.
    kinds: Vec<(char, usize, usize)>,
    /// Per news document, in order: (Julian day, category index or -1).
    news: Vec<(i32, i64)>,
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
            term_cap: MAX_TERM_SCORE,
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
    fn file_names_change_with_content() {
        let a = build_index(&[doc(Kind::Page, "Một")], "_search/vi", &[], &[]);
        let b = build_index(&[doc(Kind::Page, "Hai")], "_search/vi", &[], &[]);
        assert_ne!(a.manifest_url, b.manifest_url);
        assert_eq!(shard_key("nguyen"), "ng");
        assert_eq!(shard_key("a"), "a");
    }
}
