//! Stage 2a, link: the typed model of one province portal. Records from the load
//! stage are joined here (units by level and number, candidates to units, results to
//! candidates, translations to originals); `link/` builds it, `crate::check` then
//! runs the rules over it.

mod assets;
pub mod link;
pub mod news_index;
mod residence;

pub use assets::{
    damaged_image, probe_image, AssetMap, ImageFormat, ImageHeader, ImageId, ImageUse,
    ImageVariant, PublishedImage, Referrer, SourceImage, MAX_DECODED_BYTES, MAX_SIDE,
};
pub use link::{link_project, LinkOptions};
pub use news_index::NewsIndex;
pub use residence::residence;

use crate::content::records::*;
use crate::content::source::Origin;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// The election, shared by every province of the project.
#[derive(Debug, Clone)]
pub struct Election {
    pub id: String,
    pub name: Text,
    pub date: time::Date,
    pub levels: Vec<Level>,
    /// The youngest a candidate may be on election day (`min_candidate_age`, 21).
    pub min_candidate_age: u32,
    /// How many levels one person may stand at (`max_levels_per_person`, 2).
    pub max_levels_per_person: usize,
    /// The first is the default language, served at the site root.
    pub languages: Vec<String>,
    pub theme: String,
    /// Extra codes from baucu.yaml, by field.
    pub codes: BTreeMap<String, BTreeMap<String, Text>>,
    /// The national portal of `national:`, when declared.
    pub national: Option<NationalSite>,
    pub origin: Origin,
}

/// The national portal: its address (without a trailing slash) and name.
#[derive(Debug, Clone)]
pub struct NationalSite {
    pub base_url: String,
    pub name: Text,
}

#[derive(Debug, Clone)]
pub struct Level {
    pub id: String,
    pub name: Text,
    pub max_seats_per_unit: u32,
    /// How many more candidates than seats a unit's list needs.
    pub min_extra_candidates: ExtraCandidates,
    /// The least share of women on the level's list in a province, in percent (a
    /// warning); `None` when the level has no such target.
    pub min_women_percent: Option<u32>,
    pub scope: Scope,
    pub origin: Origin,
}

impl Election {
    pub fn level_index(&self, id: &str) -> Option<usize> {
        self.levels.iter().position(|l| l.id == id)
    }
}

/// One province: one portal, one output site.
#[derive(Debug)]
pub struct Portal {
    pub id: String,
    pub dir: PathBuf,
    pub name: Text,
    /// Without a trailing slash.
    pub base_url: String,
    pub agency: Option<Text>,
    pub contact: Option<ContactRecord>,
    pub residence_privacy: ResidencePrivacy,
    pub vneid: bool,
    pub raw_html: bool,
    pub communes: Vec<Commune>,
    pub commune_index: HashMap<u32, usize>,
    /// Ordered by level, then commune, then number.
    pub units: Vec<Unit>,
    /// Every person standing, ordered by name the Vietnamese way.
    pub people: Vec<Person>,
    pub standings: Vec<Standing>,
    /// Newest first.
    pub news: Vec<NewsItem>,
    /// The news by tag and by category, with the tags' names.
    pub news_index: NewsIndex,
    pub pages: Vec<FreePage>,
    pub faq: Vec<FaqItem>,
    /// In date order.
    pub timeline: Vec<TimelineEntry>,
    /// Newest first.
    pub documents: Vec<Document>,
    /// Files published with the site (images, photos, documents).
    pub assets: AssetMap,
    /// The emblem, logo and favicon of province.yaml.
    pub brand: Brand,
    pub origin: Origin,
}

/// The province's own images (`emblem`, `logo`, `favicon` of province.yaml).
#[derive(Debug, Default)]
pub struct Brand {
    pub emblem: Option<BrandImage>,
    pub logo: Option<BrandImage>,
    pub favicon: Option<BrandImage>,
}

/// An SVG or PNG published as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BrandImage {
    /// `/media/quoc-huy.3f2a9c1d0b.svg`.
    pub url: String,
    /// `image/svg+xml` or `image/png`.
    pub mime: String,
    /// Its size as the file says (1 × 1 when an SVG says none).
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, Clone)]
pub struct Commune {
    pub code: u32,
    pub name: Text,
    pub kind: String,
    /// `phuong-ha-long-6688`: the code keeps communes that fold alike apart.
    pub slug: String,
    pub origin: Origin,
}

#[derive(Debug)]
pub struct Unit {
    pub level: usize,
    /// The commune of a commune-wide level's unit.
    pub commune: Option<u32>,
    pub number: u32,
    pub seats: u32,
    /// The communes a province-wide unit is made of.
    pub communes: Vec<u32>,
    pub area: Option<Text>,
    pub description: Option<Text>,
    /// Indexes into `Portal::standings`, in ballot order.
    pub standings: Vec<usize>,
    pub result: Option<UnitResult>,
    pub origin: Origin,
}

#[derive(Debug)]
pub struct Person {
    pub id: String,
    /// The biography as first written (every file must agree on it).
    pub record: CandidateRecord,
    pub photo: Option<ImageId>,
    /// Indexes into `Portal::standings`, in level order.
    pub standings: Vec<usize>,
}

/// One person on one unit's list.
#[derive(Debug)]
pub struct Standing {
    pub person: usize,
    pub unit: usize,
    pub ballot_order: u32,
    pub status: CandidateStatus,
    pub note: Option<Text>,
    /// The record as written in this file, kept only when the person already
    /// appeared at another level (the check compares the two biographies).
    pub repeated_record: Option<Box<CandidateRecord>>,
    pub origin: Origin,
}

#[derive(Debug)]
pub struct UnitResult {
    pub status: ResultStatus,
    pub voters: Option<u64>,
    pub ballots_cast: Option<u64>,
    pub valid_ballots: Option<u64>,
    /// By person index.
    pub votes: Vec<(usize, Option<u64>)>,
    pub elected: Vec<usize>,
    pub origin: Origin,
}

impl UnitResult {
    pub fn votes_of(&self, person: usize) -> Option<u64> {
        self.votes
            .iter()
            .find(|(p, _)| *p == person)
            .and_then(|(_, v)| *v)
    }

    pub fn is_elected(&self, person: usize) -> bool {
        self.elected.contains(&person)
    }
}

#[derive(Debug)]
pub struct NewsItem {
    pub slug: String,
    pub date: DateTime,
    pub category: String,
    pub tags: Vec<String>,
    pub author: Option<String>,
    pub featured: bool,
    pub draft: bool,
    pub image: Option<ImageId>,
    /// By language; the default language is always there.
    pub versions: BTreeMap<String, NewsVersion>,
}

#[derive(Debug)]
pub struct NewsVersion {
    pub title: String,
    pub summary: Option<String>,
    pub body: String,
    /// The Markdown file, for resolving relative links and images.
    pub file: std::sync::Arc<crate::content::source::SourceFile>,
}

#[derive(Debug)]
pub struct FreePage {
    pub slug: String,
    pub order: Option<i32>,
    /// Marked `draft: true` (published only with `--drafts`).
    pub draft: bool,
    pub versions: BTreeMap<String, NewsVersion>,
}

#[derive(Debug)]
pub struct FaqItem {
    pub id: String,
    pub category: String,
    pub question: Text,
    pub answer: Text,
    pub source: Option<Text>,
    pub origin: Origin,
}

#[derive(Debug)]
pub struct TimelineEntry {
    pub date: time::Date,
    pub title: Text,
    pub basis: Option<Text>,
}

#[derive(Debug)]
pub struct Document {
    pub number: String,
    pub date: time::Date,
    pub issuer: Text,
    pub title: Text,
    /// A link out, or the site URL of a file published with the portal.
    pub url: String,
    pub local: bool,
}

impl Portal {
    /// A site with a name and an address and no content yet: what linking a province
    /// fills, and the national portal, whose pages come from the provinces' entries.
    pub fn site_only(id: &str, name: Text, base_url: &str, origin: Origin) -> Portal {
        Portal {
            id: id.to_string(),
            dir: PathBuf::new(),
            name,
            base_url: base_url.to_string(),
            agency: None,
            contact: None,
            residence_privacy: ResidencePrivacy::default(),
            vneid: false,
            raw_html: false,
            communes: Vec::new(),
            commune_index: HashMap::new(),
            units: Vec::new(),
            people: Vec::new(),
            standings: Vec::new(),
            news: Vec::new(),
            news_index: NewsIndex::default(),
            pages: Vec::new(),
            faq: Vec::new(),
            timeline: Vec::new(),
            documents: Vec::new(),
            assets: AssetMap::default(),
            brand: Brand::default(),
            origin,
        }
    }

    pub fn commune(&self, code: u32) -> Option<&Commune> {
        self.commune_index.get(&code).map(|&i| &self.communes[i])
    }

    pub fn units_of_level(&self, level: usize) -> impl Iterator<Item = (usize, &Unit)> {
        self.units
            .iter()
            .enumerate()
            .filter(move |(_, u)| u.level == level)
    }
}
