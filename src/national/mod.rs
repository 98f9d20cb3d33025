//! The national portal's data: of each province, what the country-wide site shows —
//! its name and address, its figures, and its National Assembly units with their
//! candidates and results — as a [`ProvinceEntry`]. An entry is made when the
//! province is built and kept beside its build cache, so that a build of a few
//! provinces still has every other province's entry without loading it.

pub mod routes;

use crate::content::records::CandidateStatus;
use crate::content::values::Text;
use crate::model::{Election, Portal};
use crate::stats::Figures;
use serde::{Deserialize, Serialize};

/// Bumped when [`ProvinceEntry`] changes shape: an entry of another version is not
/// read (the province is built again).
pub const FORMAT: u32 = 1;

/// The level the national portal covers: the National Assembly (`quoc-hoi`), else the
/// first level of the election.
pub fn national_level(election: &Election) -> usize {
    election
        .levels
        .iter()
        .position(|l| l.id == "quoc-hoi")
        .unwrap_or(0)
}

/// One province as the national portal shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProvinceEntry {
    pub format: u32,
    pub id: String,
    pub name: Text,
    /// The province portal's address, without a trailing slash.
    pub base_url: String,
    /// Every level's figures (the national statistics add them up).
    pub figures: Figures,
    /// The units of the national level, by number.
    pub units: Vec<NationalUnit>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NationalUnit {
    pub number: u32,
    pub seats: u32,
    /// The communes it is made of.
    pub communes: Vec<NationalCommune>,
    pub description: Option<Text>,
    /// The official candidates, in ballot order.
    pub candidates: Vec<NationalCandidate>,
    /// Once results are published.
    pub result: Option<NationalResult>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NationalCommune {
    pub name: Text,
    /// Its entry on the province's lookup page (`/tra-cuu/#<slug>`).
    pub slug: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NationalCandidate {
    /// The id of the candidate's page on the province portal.
    pub id: String,
    pub ballot_order: u32,
    pub name: String,
    pub gender: String,
    pub birth_year: i32,
    pub ethnicity: Option<String>,
    pub occupation: Option<Text>,
    pub workplace: Option<Text>,
    /// Votes, once results give them.
    pub votes: Option<u64>,
    pub elected: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NationalResult {
    /// The results are official (not provisional).
    pub official: bool,
    pub voters: Option<u64>,
    pub ballots_cast: Option<u64>,
    pub valid_ballots: Option<u64>,
}

impl ProvinceEntry {
    /// The national portal's entry of a linked province, with its figures.
    pub fn of(portal: &Portal, election: &Election, figures: &Figures) -> ProvinceEntry {
        let level = national_level(election);
        let units = portal
            .units
            .iter()
            .filter(|u| u.level == level && u.commune.is_none())
            .map(|unit| NationalUnit {
                number: unit.number,
                seats: unit.seats,
                communes: unit
                    .communes
                    .iter()
                    .filter_map(|&code| portal.commune(code))
                    .map(|c| NationalCommune {
                        name: c.name.clone(),
                        slug: c.slug.clone(),
                    })
                    .collect(),
                description: unit.description.clone(),
                candidates: unit
                    .standings
                    .iter()
                    .map(|&s| &portal.standings[s])
                    .filter(|s| s.status == CandidateStatus::Official)
                    .map(|standing| {
                        let person = &portal.people[standing.person];
                        let record = &person.record;
                        let result = unit.result.as_ref();
                        NationalCandidate {
                            id: person.id.clone(),
                            ballot_order: standing.ballot_order,
                            name: record.name.clone(),
                            gender: record.gender.clone(),
                            birth_year: record.birth_date.0.year(),
                            ethnicity: record.ethnicity.clone(),
                            occupation: record.occupation.clone(),
                            workplace: record.workplace.clone(),
                            votes: result.and_then(|r| r.votes_of(standing.person)),
                            elected: result.is_some_and(|r| r.is_elected(standing.person)),
                        }
                    })
                    .collect(),
                result: unit.result.as_ref().map(|r| NationalResult {
                    official: r.status == crate::content::records::ResultStatus::Official,
                    voters: r.voters,
                    ballots_cast: r.ballots_cast,
                    valid_ballots: r.valid_ballots,
                }),
            })
            .collect();
        ProvinceEntry {
            format: FORMAT,
            id: portal.id.clone(),
            name: portal.name.clone(),
            base_url: portal.base_url.clone(),
            figures: figures.clone(),
            units,
        }
    }

    pub fn candidates(&self) -> usize {
        self.units.iter().map(|u| u.candidates.len()).sum()
    }

    pub fn seats(&self) -> u64 {
        self.units.iter().map(|u| u64::from(u.seats)).sum()
    }
}

/// The whole country: every province's entry, ordered by name the Vietnamese way,
/// and the figures summed over them.
#[derive(Debug, Clone)]
pub struct Nation {
    pub provinces: Vec<ProvinceEntry>,
    pub figures: Figures,
    /// Index into `Election::levels` of the level shown.
    pub level: usize,
}

impl Nation {
    pub fn new(mut provinces: Vec<ProvinceEntry>, election: &Election) -> Nation {
        provinces.sort_by(|a, b| {
            crate::text::text_key(&a.name.vi)
                .cmp(&crate::text::text_key(&b.name.vi))
                .then_with(|| a.id.cmp(&b.id))
        });
        let figures = Figures::sum(provinces.iter().map(|p| &p.figures));
        Nation {
            provinces,
            figures,
            level: national_level(election),
        }
    }

    pub fn province(&self, id: &str) -> Option<&ProvinceEntry> {
        self.provinces.iter().find(|p| p.id == id)
    }
}
