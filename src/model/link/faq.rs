//! Questions and answers, shared and the province's own: ids usable in addresses and
//! unique, categories known.

use super::{slug_expected, Linker};
use crate::content::records::FaqRecord;
use crate::content::source::Origin;
use crate::content::Loaded;
use crate::diagnostics::tr;
use crate::model::{FaqItem, Portal};
use crate::text::{is_slug, slugify};
use std::collections::HashMap;

impl Linker<'_> {
    pub(super) fn link_faq<'r>(
        &mut self,
        portal: &mut Portal,
        records: impl Iterator<Item = &'r Loaded<FaqRecord>>,
    ) {
        let mut seen: HashMap<String, Origin> = HashMap::new();
        for item in records {
            let r = &item.record;
            let id = &r.id;
            if !is_slug(id) {
                let suggested = slugify(id);
                self.diagnostics.push(
                    item.origin
                        .error(
                            "id",
                            tr!(
                                "Mã câu hỏi `{id}` không dùng được trong địa chỉ trang web",
                                "the id `{id}` cannot be used in a web address"
                            ),
                        )
                        .expected(slug_expected())
                        .hint(tr!("ví dụ `{suggested}`", "e.g. `{suggested}`")),
                );
                continue;
            }
            if let Some(first) = seen.get(id) {
                let also = format!(
                    "{}:{}",
                    first.file.path.display(),
                    first.position("id").line
                );
                self.diagnostics.push(
                    item.origin
                        .error(
                            "id",
                            tr!(
                                "Mã câu hỏi `{id}` được dùng hai lần (lần kia ở {also})",
                                "the question id `{id}` is used twice (also in {also})"
                            ),
                        )
                        .hint(tr!(
                            "mỗi câu hỏi có một mã riêng: đổi mã của một trong hai câu",
                            "each question has its own id: change one of them"
                        )),
                );
                continue;
            }
            seen.insert(r.id.clone(), item.origin.clone());
            self.check_code("faq_category", &r.category, &item.origin, "category");
            portal.faq.push(FaqItem {
                id: r.id.clone(),
                category: r.category.clone(),
                question: r.question.clone(),
                answer: r.answer.clone(),
                source: r.source.clone(),
                origin: item.origin.clone(),
            });
        }
    }
}
