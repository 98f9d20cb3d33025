//! Writing a results file as the sample's: one unit after another, its figures
//! (`null` when unknown, never 0), the votes from the most to the fewest, who was
//! elected, each candidate's name as a comment after the id.

use super::super::yaml::{file_head, scalar, Written};
use crate::content::records::{ResultStatus, UnitResultRecord};
use std::collections::BTreeMap;

/// The file: `comments` (without their `# `), `level:`, `commune:` for a
/// commune-wide level, then the units in the order given. `names` gives each
/// candidate's name by id, for the comments.
pub fn write_results(
    comments: &[String],
    level: &str,
    commune: Option<u32>,
    units: &[UnitResultRecord],
    names: &BTreeMap<&str, &str>,
) -> Written {
    let mut out = file_head(comments, level, commune);
    if units.is_empty() {
        out.line(None, "units: []");
        return out;
    }
    let name = |id: &str| {
        names
            .get(id)
            .map(|n| format!("  # {}", n.replace('\n', " ")))
            .unwrap_or_default()
    };
    let count = |n: Option<u64>| n.map_or("null".to_string(), |n| n.to_string());
    out.line(None, "units:");
    for (i, u) in units.iter().enumerate() {
        let status = match u.status {
            ResultStatus::Official => "official",
            ResultStatus::Provisional => "provisional",
        };
        out.line(Some((i, "number")), &format!("  - number: {}", u.number));
        out.line(Some((i, "status")), &format!("    status: {status}"));
        out.line(
            Some((i, "voters")),
            &format!("    voters: {}", count(u.voters)),
        );
        out.line(
            Some((i, "ballots_cast")),
            &format!("    ballots_cast: {}", count(u.ballots_cast)),
        );
        out.line(
            Some((i, "valid_ballots")),
            &format!("    valid_ballots: {}", count(u.valid_ballots)),
        );
        if u.votes.is_empty() {
            out.line(Some((i, "votes")), "    votes: {}");
        } else {
            out.line(Some((i, "votes")), "    votes:");
            let mut votes: Vec<(&String, &Option<u64>)> = u.votes.iter().collect();
            votes.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            for (id, n) in votes {
                let line = format!("      {}: {}{}", scalar(id), count(*n), name(id));
                out.line(Some((i, "votes")), &line);
            }
        }
        if u.elected.is_empty() {
            out.line(Some((i, "elected")), "    elected: []");
        } else {
            out.line(Some((i, "elected")), "    elected:");
            for id in &u.elected {
                let line = format!("      - {}{}", scalar(id), name(id));
                out.line(Some((i, "elected")), &line);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_as_the_sample_writes_it() {
        let unit = UnitResultRecord {
            number: 2,
            status: ResultStatus::Official,
            voters: Some(1000),
            ballots_cast: None,
            valid_ballots: Some(900),
            votes: [
                ("a-1980".to_string(), Some(500)),
                ("b-1970".to_string(), Some(700)),
            ]
            .into_iter()
            .collect(),
            elected: vec!["b-1970".to_string()],
        };
        let names = [("b-1970", "Bùi Văn B")].into_iter().collect();
        let written = write_results(&["Kết quả".into()], "quoc-hoi", None, &[unit], &names);
        assert_eq!(
            written.text,
            "# Kết quả\nlevel: quoc-hoi\nunits:\n  - number: 2\n    status: official\n    voters: 1000\n    ballots_cast: null\n    valid_ballots: 900\n    votes:\n      b-1970: 700  # Bùi Văn B\n      a-1980: 500\n    elected:\n      - b-1970  # Bùi Văn B\n"
        );
        assert_eq!(written.at_line(11), Some((0, "votes")));
    }
}
