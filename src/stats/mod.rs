//! Who is standing and who was elected, counted once per build from the linked
//! portal: per level, for the official candidates and (once results name them) the
//! elected, the shares the election councils announce ("cơ cấu, thành phần"):
//! women, ethnic minorities, outside the Party, under 40 on election day,
//! incumbents, self-nominated, education, age bands and ethnic groups. Figures of
//! several provinces add up ([`Group::add_group`]) for the national portal.

pub mod education;

use crate::content::records::{CandidateRecord, CandidateStatus};
use crate::model::{Election, Portal};
use education::Education;
use std::collections::BTreeMap;

/// Age bands on election day, by their code in `age:<band>`, with the first age of
/// each (the last band has no end).
pub const AGE_BANDS: [(&str, u32); 5] = [
    ("under-30", 0),
    ("30-39", 30),
    ("40-49", 40),
    ("50-59", 50),
    ("60-plus", 60),
];

/// Who is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Population {
    /// Candidates on the official lists (`status: official`).
    Candidates,
    /// Those the results name elected.
    Elected,
}

impl Population {
    pub fn code(self) -> &'static str {
        match self {
            Population::Candidates => "candidates",
            Population::Elected => "elected",
        }
    }
}

/// The counts of one population.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Group {
    pub total: u64,
    pub women: u64,
    pub ethnic_minority: u64,
    pub non_party: u64,
    pub under_40: u64,
    pub incumbent: u64,
    pub self_nominated: u64,
    pub postgraduate: u64,
    pub university: u64,
    pub below_university: u64,
    pub education_unclassified: u64,
    /// By ethnic group's code.
    pub ethnicity: BTreeMap<String, u64>,
    /// By band of [`AGE_BANDS`].
    pub age: [u64; AGE_BANDS.len()],
}

/// The age in whole years on `day` of someone born on `birth`.
pub fn age_on(birth: time::Date, day: time::Date) -> u32 {
    let mut age = day.year() - birth.year();
    if (u8::from(day.month()), day.day()) < (u8::from(birth.month()), birth.day()) {
        age -= 1;
    }
    age.max(0) as u32
}

impl Group {
    /// Counts one person as of election day.
    pub fn add(&mut self, record: &CandidateRecord, election_day: time::Date) {
        self.total += 1;
        let count = |yes: bool| u64::from(yes);
        self.women += count(record.gender == "female");
        // An ethnic group not written is not counted as a minority.
        self.ethnic_minority += count(record.ethnicity.as_deref().is_some_and(|e| e != "kinh"));
        self.non_party += count(record.party_join_date.is_none());
        let age = age_on(record.birth_date.0, election_day);
        self.under_40 += count(age < 40);
        self.incumbent += count(!record.incumbent.is_empty());
        self.self_nominated += count(record.self_nominated);
        let vi = |t: &Option<crate::content::records::Text>| t.as_ref().map(|t| t.vi.clone());
        let (qualification, title) = (vi(&record.qualification), vi(&record.academic_title));
        match education::classify(qualification.as_deref(), title.as_deref()) {
            Education::Postgraduate => self.postgraduate += 1,
            Education::University => self.university += 1,
            Education::Below => self.below_university += 1,
            Education::Unclassified => self.education_unclassified += 1,
        }
        if let Some(code) = &record.ethnicity {
            *self.ethnicity.entry(code.clone()).or_default() += 1;
        }
        let band = AGE_BANDS
            .iter()
            .rposition(|(_, from)| age >= *from)
            .unwrap_or(0);
        self.age[band] += 1;
    }

    /// Adds another group's counts (a province's to the country's).
    pub fn add_group(&mut self, other: &Group) {
        self.total += other.total;
        self.women += other.women;
        self.ethnic_minority += other.ethnic_minority;
        self.non_party += other.non_party;
        self.under_40 += other.under_40;
        self.incumbent += other.incumbent;
        self.self_nominated += other.self_nominated;
        self.postgraduate += other.postgraduate;
        self.university += other.university;
        self.below_university += other.below_university;
        self.education_unclassified += other.education_unclassified;
        for (code, n) in &other.ethnicity {
            *self.ethnicity.entry(code.clone()).or_default() += n;
        }
        for (mine, theirs) in self.age.iter_mut().zip(other.age) {
            *mine += theirs;
        }
    }

    /// The measures of the open data, in their order: the eight shares, then the
    /// ethnic groups (most first, then by code), then the age bands.
    pub fn measures(&self) -> Vec<(String, u64)> {
        let mut out: Vec<(String, u64)> = [
            ("women", self.women),
            ("ethnic_minority", self.ethnic_minority),
            ("non_party", self.non_party),
            ("under_40", self.under_40),
            ("incumbent", self.incumbent),
            ("self_nominated", self.self_nominated),
            ("postgraduate", self.postgraduate),
            ("university", self.university),
        ]
        .into_iter()
        .map(|(m, n)| (m.to_string(), n))
        .collect();
        out.extend(
            self.ethnic_groups()
                .into_iter()
                .map(|(code, n)| (format!("ethnicity:{code}"), n)),
        );
        out.extend(
            AGE_BANDS
                .iter()
                .zip(self.age)
                .map(|((band, _), n)| (format!("age:{band}"), n)),
        );
        out
    }

    /// The ethnic groups, most first, then by code.
    pub fn ethnic_groups(&self) -> Vec<(&str, u64)> {
        let mut groups: Vec<(&str, u64)> = self
            .ethnicity
            .iter()
            .map(|(code, n)| (code.as_str(), *n))
            .collect();
        groups.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        groups
    }
}

/// One level's figures in one province (or the country).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LevelFigures {
    /// Index into `Election::levels`.
    pub level: usize,
    pub units: u64,
    pub seats: u64,
    pub candidates: Group,
    /// `None` until results name someone elected at this level.
    pub elected: Option<Group>,
}

impl LevelFigures {
    fn new(level: usize) -> LevelFigures {
        LevelFigures {
            level,
            units: 0,
            seats: 0,
            candidates: Group::default(),
            elected: None,
        }
    }

    pub fn add_level(&mut self, other: &LevelFigures) {
        self.units += other.units;
        self.seats += other.seats;
        self.candidates.add_group(&other.candidates);
        if let Some(theirs) = &other.elected {
            self.elected
                .get_or_insert_with(Group::default)
                .add_group(theirs);
        }
    }

    /// The groups to publish: the candidates, then the elected when there are any.
    pub fn groups(&self) -> Vec<(Population, &Group)> {
        let mut out = vec![(Population::Candidates, &self.candidates)];
        if let Some(elected) = &self.elected {
            out.push((Population::Elected, elected));
        }
        out
    }
}

/// A province's (or the country's) figures: one entry per level of the election
/// that has at least one unit, in the election's order.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Figures {
    pub levels: Vec<LevelFigures>,
}

impl Figures {
    /// Counts a province in one pass over its units.
    pub fn of(portal: &Portal, election: &Election) -> Figures {
        let mut levels: Vec<LevelFigures> =
            (0..election.levels.len()).map(LevelFigures::new).collect();
        for unit in &portal.units {
            let figures = &mut levels[unit.level];
            figures.units += 1;
            figures.seats += u64::from(unit.seats);
            for &s in &unit.standings {
                let standing = &portal.standings[s];
                if standing.status == CandidateStatus::Official {
                    let record = &portal.people[standing.person].record;
                    figures.candidates.add(record, election.date);
                }
            }
            if let Some(result) = &unit.result {
                for &person in &result.elected {
                    let elected = figures.elected.get_or_insert_with(Group::default);
                    elected.add(&portal.people[person].record, election.date);
                }
            }
        }
        levels.retain(|l| l.units > 0);
        Figures { levels }
    }

    /// The sum over provinces, level by level.
    pub fn sum<'a>(all: impl IntoIterator<Item = &'a Figures>) -> Figures {
        let mut levels: Vec<LevelFigures> = Vec::new();
        for figures in all {
            for level in &figures.levels {
                match levels.iter_mut().find(|l| l.level == level.level) {
                    Some(mine) => mine.add_level(level),
                    None => levels.push(level.clone()),
                }
            }
        }
        levels.sort_by_key(|l| l.level);
        Figures { levels }
    }

    pub fn level(&self, level: usize) -> Option<&LevelFigures> {
        self.levels.iter().find(|l| l.level == level)
    }

    /// The rows of `thong-ke.csv`: `province` (empty for the country), level id,
    /// population, measure, count, total.
    pub fn rows(&self, province: &str, election: &Election) -> Vec<Row> {
        let mut rows = Vec::new();
        for level in &self.levels {
            for (population, group) in level.groups() {
                if group.total == 0 {
                    continue;
                }
                for (measure, count) in group.measures() {
                    rows.push(Row {
                        province: province.to_string(),
                        level: election.levels[level.level].id.clone(),
                        population: population.code(),
                        measure,
                        count,
                        total: group.total,
                    });
                }
            }
        }
        rows
    }
}

/// One row of the statistics as open data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub province: String,
    pub level: String,
    pub population: &'static str,
    pub measure: String,
    pub count: u64,
    pub total: u64,
}

impl Row {
    /// `count` in percent of `total`, with two decimals, rounded half up.
    pub fn percent(&self) -> String {
        percent(self.count, self.total)
    }
}

/// `count / total` in percent with two decimals ("45.28"), rounded half up.
pub fn percent(count: u64, total: u64) -> String {
    crate::text::format_percent(count, total, "en").map_or_else(
        || "0.00".to_string(),
        |p| p.trim_end_matches('%').to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u8, d: u8) -> time::Date {
        time::Date::from_calendar_date(y, time::Month::try_from(m).unwrap(), d).unwrap()
    }

    #[test]
    fn ages_turn_on_the_birthday() {
        let election = day(2026, 3, 15);
        assert_eq!(age_on(day(1986, 3, 15), election), 40);
        assert_eq!(age_on(day(1986, 3, 16), election), 39);
        assert_eq!(age_on(day(2000, 2, 29), election), 26);
    }

    #[test]
    fn percents_as_the_councils_announce_them() {
        // 393 women of 868 National Assembly candidates in 2021: 45.28%.
        assert_eq!(percent(393, 868), "45.28");
        assert_eq!(percent(185, 868), "21.31");
        assert_eq!(percent(74, 868), "8.53");
        assert_eq!(percent(564, 868), "64.98");
        assert_eq!(percent(1, 3), "33.33");
        assert_eq!(percent(2, 3), "66.67");
        assert_eq!(percent(1, 8), "12.50");
        assert_eq!(percent(3, 3), "100.00");
    }
}
