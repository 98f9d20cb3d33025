//! Legal documents, shared and the province's own: each a web address or a file of
//! the project, which is then published under `/van-ban/`.

use super::Linker;
use crate::content::records::DocumentRecord;
use crate::content::Loaded;
use crate::diagnostics::tr;
use crate::model::assets::Publish;
use crate::model::{Document, Portal};
use std::path::Path;

impl Linker<'_> {
    pub(super) fn link_documents<'r>(
        &mut self,
        portal: &mut Portal,
        records: impl Iterator<Item = &'r Loaded<DocumentRecord>>,
    ) {
        for item in records {
            let r = &item.record;
            let (url, local) = match (&r.url, &r.file) {
                (Some(url), None) => {
                    if !url.starts_with("https://") && !url.starts_with("http://") {
                        self.diagnostics.push(
                            item.origin
                                .error(
                                    "url",
                                    tr!(
                                        "`{url}` không phải là địa chỉ trang web",
                                        "`{url}` is not a web address"
                                    ),
                                )
                                .expected(tr!(
                                    "một địa chỉ bắt đầu bằng https://",
                                    "an address starting with https://"
                                ))
                                .hint(tr!(
                                    "ghi đầy đủ địa chỉ bắt đầu bằng https://, hoặc dùng `file:` cho tệp có trong dự án",
                                    "write the full address starting with https://, or use `file:` for a file in the project"
                                )),
                        );
                        continue;
                    }
                    (url.clone(), false)
                }
                (None, Some(file)) => {
                    let base_dir = item
                        .origin
                        .file
                        .disk_path
                        .parent()
                        .unwrap_or(Path::new("."))
                        .to_path_buf();
                    match portal.assets.register(
                        self.content_root,
                        &base_dir,
                        file,
                        Publish::AsIs("/van-ban/"),
                    ) {
                        Ok(url) => (url, true),
                        Err(message) => {
                            self.diagnostics.push(item.origin.error("file", message));
                            continue;
                        }
                    }
                }
                _ => {
                    self.diagnostics.push(
                        item.origin
                            .error(
                                "",
                                tr!(
                                    "Mỗi văn bản có đúng một trong hai trường `url:` hoặc `file:`",
                                    "a document has either `url:` or `file:`, exactly one"
                                ),
                            )
                            .hint(tr!(
                                "ghi `url: https://…` cho văn bản trên trang khác, hoặc `file: documents/….pdf` cho tệp trong dự án",
                                "write `url: https://…` for a document on another site, or `file: documents/….pdf` for a file in the project"
                            )),
                    );
                    continue;
                }
            };
            portal.documents.push(Document {
                number: r.number.0.clone(),
                date: r.date.0,
                issuer: r.issuer.clone(),
                title: r.title.clone(),
                url,
                local,
            });
        }
        portal
            .documents
            .sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.number.cmp(&b.number)));
    }
}
