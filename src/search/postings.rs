//! Postings while the index is built: a term's documents with their scores and the
//! toned spellings they use, and the compact JSON they are written as.

use std::collections::HashMap;

/// One term's postings while building, in document order. Spellings are numbers
/// while building (a word's, or a pair of words'), spelled out when encoded.
pub(super) struct Postings<S> {
    /// The toned spellings documents use for the term.
    pub(super) spellings: Vec<S>,
    pub(super) docs: Vec<Posting>,
}

/// A term in one document: its score is the weight of the best field it is in, plus
/// one for each further occurrence up to [`MAX_EXTRA`], never over [`super::MAX_TERM_SCORE`].
pub(super) struct Posting {
    doc: u32,
    best: u32,
    extra: u32,
    /// Index of the first spelling seen in the document.
    spelling: u32,
}

impl Posting {
    fn score(&self) -> u32 {
        (self.best + self.extra.min(MAX_EXTRA)).min(super::MAX_TERM_SCORE)
    }
}

/// Most further occurrences of a term add to its score in a document.
pub const MAX_EXTRA: u32 = 2;

impl<S: Copy + PartialEq> Postings<S> {
    pub(super) fn new() -> Self {
        Postings {
            spellings: Vec::new(),
            docs: Vec::new(),
        }
    }

    /// Counts one more occurrence in `doc` (documents come in increasing order).
    pub(super) fn add(&mut self, doc: u32, weight: u32, toned: S) {
        if let Some(last) = self.docs.last_mut().filter(|last| last.doc == doc) {
            last.best = last.best.max(weight);
            last.extra += 1;
            return;
        }
        let spelling = match self.spellings.iter().position(|s| *s == toned) {
            Some(i) => i,
            None => {
                self.spellings.push(toned);
                self.spellings.len() - 1
            }
        };
        self.docs.push(Posting {
            doc,
            best: weight,
            extra: 0,
            spelling: spelling as u32,
        });
    }

    pub(super) fn spelled(self, spell: impl Fn(S) -> String) -> Postings<String> {
        Postings {
            spellings: self.spellings.into_iter().map(spell).collect(),
            docs: self.docs,
        }
    }
}

pub(super) type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<crate::hash::Fnv1a>>;

/// A word as the index knows it: its folded term and its toned spelling, each as a
/// number, so that terms and pairs of terms are counted without hashing strings.
#[derive(Clone, Copy)]
pub(super) struct WordIds {
    pub(super) folded: u32,
    pub(super) toned: u32,
}

/// Numbers for strings, in the order first seen.
#[derive(Default)]
pub(super) struct Interner {
    ids: FastMap<String, u32>,
    pub(super) names: Vec<String>,
}

impl Interner {
    pub(super) fn id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(name.to_string(), id);
        self.names.push(name.to_string());
        id
    }
}

pub(super) fn pair_key(first: u32, second: u32) -> u64 {
    (u64::from(first) << 32) | u64::from(second)
}

/// Postings as a flat list: for each document, the gap from the previous document's
/// id, its score, and the index of its toned spelling in the term's list of spellings
/// (the list comes first). Gaps keep the numbers small, and small numbers compress well.
pub(super) fn encode_postings(postings: &Postings<String>) -> String {
    use std::fmt::Write;
    let mut json = serde_json::to_string(&postings.spellings).expect("spellings serialise");
    json.insert(0, '[');
    json.push_str(",[");
    let mut previous = 0;
    for (i, posting) in postings.docs.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        let (doc, score, spelling) = (posting.doc, posting.score(), posting.spelling);
        let _ = write!(json, "{},{score},{spelling}", doc - previous);
        previous = doc;
    }
    json.push_str("]]");
    json
}
