//! Images that Markdown bodies show: registered to be published, or reported where
//! they are written when they cannot be.

use super::Linker;
use crate::diagnostics::{Diagnostic, Localized};
use crate::model::assets::{ImageUse, Referrer};
use crate::model::Portal;
use std::path::Path;
use std::sync::Arc;

impl Linker<'_> {
    /// Registers the images a Markdown body shows, so that they are published, and
    /// reports the ones that cannot be.
    pub(super) fn register_markdown_images(
        &mut self,
        portal: &mut Portal,
        file: &Arc<crate::content::source::SourceFile>,
        body: &str,
    ) {
        let base_dir = file
            .disk_path
            .parent()
            .unwrap_or(Path::new("."))
            .to_path_buf();
        for (reference, offset) in crate::markdown::local_images(body) {
            let at = |message: Localized| {
                let position = file.body_position(body, offset);
                let written = file.find_after(position, &reference, 1);
                Diagnostic::error(file.path.clone(), message)
                    .at(written.unwrap_or(position))
                    .span(if written.is_some() {
                        reference.chars().count()
                    } else {
                        0
                    })
            };
            if let Err(message) = portal.assets.register_image(
                self.content_root,
                &base_dir,
                &reference,
                ImageUse::News,
                || Referrer::At(at(Localized::from(""))),
            ) {
                self.diagnostics.push(at(message));
            }
        }
    }
}
