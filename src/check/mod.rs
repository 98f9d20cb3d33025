//! Stage 2b, check: the rules of CONTENT.md's "What `check` enforces" table, run over
//! a linked [`Portal`]. Each rule is a small function returning diagnostics.

mod coverage;
mod law;
mod links;
mod markup;
mod privacy;

pub use coverage::{translation_coverage, Coverage};
pub use links::check_internal_links;
pub use privacy::find_private_number;

use crate::diagnostics::Diagnostic;
use crate::model::{Election, Portal};

/// Every rule over one portal.
pub fn check_portal(portal: &Portal, election: &Election) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    law::communes_covered(portal, election, &mut found);
    law::seats_within_limit(portal, election, &mut found);
    law::enough_candidates(portal, election, &mut found);
    law::minimum_age(portal, election, &mut found);
    law::at_most_two_levels(portal, election, &mut found);
    law::same_biography(portal, &mut found);
    law::results_add_up(portal, &mut found);
    law::winners_have_majority(portal, &mut found);
    law::women_share(portal, election, &mut found);
    markup::markup_in_bodies(portal, &mut found);
    privacy::private_data(portal, &mut found);
    found
}
