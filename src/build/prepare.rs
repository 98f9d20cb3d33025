//! Everything up to the route table, shared by `check` and `build`: load, link,
//! check and plan every page of the selected provinces, writing nothing.

use super::{Options, Report, RunError};
use crate::assets::{self, StaticAsset};
use crate::diagnostics::{self, Diagnostic};
use crate::model::{self, Election, LinkOptions, Portal};
use crate::render::i18n::Translations;
use crate::render::{Renderer, Theme};
use crate::routes::{self, Route};
use crate::{check, content};
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

/// Everything up to the route table, shared by `check` and `build`.
pub(super) struct Prepared {
    pub election: Election,
    pub portals: Vec<Portal>,
    pub routes: Vec<Vec<Route>>,
    pub renderer: Renderer,
    pub theme: Theme,
    /// The theme's static files as published (minified, named by their hash): made
    /// once, for the link check and the sites.
    pub static_assets: Vec<(String, StaticAsset)>,
    pub categories: Vec<String>,
    pub content_root: PathBuf,
}

/// Loads, links, checks and plans every page, without writing anything.
pub fn check_project(options: &Options) -> Result<Report, RunError> {
    let (_, report) = prepare(options)?;
    Ok(report)
}

pub(super) fn prepare(options: &Options) -> Result<(Option<Prepared>, Report), RunError> {
    let mut report = Report::default();
    let start = std::time::Instant::now();
    let (project, mut found) = content::load_project(&options.root, &options.provinces)?;
    report.timings.add("load", start.elapsed());
    report.diagnostics.append(&mut found);
    let Some(project) = project else {
        diagnostics::sort(&mut report.diagnostics);
        return Ok((None, report));
    };

    let config = &project.config.record;
    let theme_and_translations = Theme::load(&options.root, &config.theme).and_then(|theme| {
        let tr = Translations::load(
            &theme.i18n,
            &config.languages,
            config.codes.clone(),
            &theme.origin,
        )?;
        Ok((theme, tr))
    });
    let (theme, translations) = match theme_and_translations {
        Ok(pair) => pair,
        Err(message) => {
            report.diagnostics.push(
                Diagnostic::error("baucu.yaml", message)
                    .at(project.config.origin.position("theme")),
            );
            diagnostics::sort(&mut report.diagnostics);
            return Ok((None, report));
        }
    };
    let codes = translations.known_codes();
    let start = std::time::Instant::now();
    let (election, portals, mut found) = model::link_project(
        &project,
        &LinkOptions {
            drafts: options.drafts,
            codes: &codes,
        },
    );
    report.diagnostics.append(&mut found);
    report.timings.add("link", start.elapsed());
    let Some(election) = election else {
        diagnostics::sort(&mut report.diagnostics);
        return Ok((None, report));
    };

    let categories: Vec<String> = codes
        .get("news_category")
        .map(|c| c.iter().cloned().collect())
        .unwrap_or_default();
    let renderer = match Renderer::new(&theme, Arc::new(translations)) {
        Ok(r) => r,
        Err(message) => {
            report
                .diagnostics
                .push(Diagnostic::error(theme.origin.clone(), message));
            diagnostics::sort(&mut report.diagnostics);
            return Ok((None, report));
        }
    };
    let content_root = project.content_root.clone();
    let static_assets: Vec<(String, StaticAsset)> = theme
        .static_files
        .iter()
        .map(|(name, bytes)| (name.clone(), assets::static_asset(name, bytes)))
        .collect();
    let mut all_routes = Vec::new();
    let start = std::time::Instant::now();
    for portal in &portals {
        report
            .diagnostics
            .extend(check::check_portal(portal, &election));
        report
            .coverage
            .extend(check::translation_coverage(portal, &election));
        match routes::plan(portal, &election, &categories) {
            Ok(routes) => {
                // A file that failed to load takes its pages with it: links to them
                // would only repeat that error.
                if !report.has_errors() {
                    let extra = published_files(portal, &election, &static_assets, &categories);
                    report
                        .diagnostics
                        .extend(check::check_internal_links(portal, &routes, &extra));
                }
                all_routes.push(routes);
            }
            Err(mut found) => {
                report.diagnostics.append(&mut found);
                all_routes.push(Vec::new());
            }
        }
    }
    report.timings.add("check and plan routes", start.elapsed());
    diagnostics::sort(&mut report.diagnostics);
    let prepared = Prepared {
        election,
        portals,
        routes: all_routes,
        renderer,
        theme,
        static_assets,
        categories,
        content_root,
    };
    Ok((Some(prepared), report))
}

/// Site files that are not pages: feeds, sitemap, data ([`routes::other_files`]),
/// images and the theme's static files.
fn published_files(
    portal: &Portal,
    election: &Election,
    static_assets: &[(String, StaticAsset)],
    categories: &[String],
) -> HashSet<String> {
    let mut files: HashSet<String> = routes::other_files(&election.languages, categories)
        .into_iter()
        .collect();
    files.extend(portal.assets.iter().map(|(_, url)| url.to_string()));
    files.extend(static_assets.iter().map(|(_, a)| format!("/{}", a.path)));
    files
}
