//! The education a qualification reads as: "Tiến sĩ Luật", "Thạc sĩ Quản lý kinh tế",
//! "TS", "ThS", a professor's title, a specialist doctor's degree (Chuyên khoa I/II,
//! Bác sĩ nội trú) are postgraduate; "Cử nhân", "Kỹ sư", "Bác sĩ", "Dược sĩ", "Kiến
//! trúc sư", "Đại học" are a university degree; "Cao đẳng", "Trung cấp", "Sơ cấp"
//! are below; anything else cannot be classified and is counted as such.

use crate::text::fold;

/// A candidate's highest education, as far as the text tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Education {
    Postgraduate,
    University,
    Below,
    Unclassified,
}

/// Words (folded, whole) that mean each class, most advanced first.
const POSTGRADUATE: &[&str] = &[
    "tien si",
    "thac si",
    "giao su",
    "pho giao su",
    "tskh",
    "ts",
    "ths",
    "pgs",
    "gs",
    "chuyen khoa",
    "ckii",
    "cki",
    "bac si noi tru",
];
const UNIVERSITY: &[&str] = &[
    "cu nhan",
    "ky su",
    "kien truc su",
    "bac si",
    "duoc si",
    "dai hoc",
    "cn",
    "ks",
];
const BELOW: &[&str] = &["cao dang", "trung cap", "so cap", "trung hoc", "pho thong"];

/// Classifies a candidate by their qualification and academic title (Vietnamese).
pub fn classify(qualification: Option<&str>, academic_title: Option<&str>) -> Education {
    let text = [qualification, academic_title]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ; ");
    let words: String = fold(&text)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let padded = format!(" {words} ");
    let has = |phrases: &[&str]| phrases.iter().any(|p| padded.contains(&format!(" {p} ")));
    if has(POSTGRADUATE) {
        Education::Postgraduate
    } else if has(UNIVERSITY) {
        Education::University
    } else if has(BELOW) {
        Education::Below
    } else {
        Education::Unclassified
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualifications_as_lists_write_them() {
        use Education::*;
        let table = [
            (Some("Thạc sĩ Quản lý kinh tế"), None, Postgraduate),
            (Some("Cử nhân Luật"), Some("Tiến sĩ"), Postgraduate),
            (Some("TS. Kinh tế"), None, Postgraduate),
            (Some("ThS Kinh tế"), None, Postgraduate),
            (Some("Bác sĩ chuyên khoa II"), None, Postgraduate),
            (Some("Kỹ sư Xây dựng"), None, University),
            (Some("Bác sĩ đa khoa"), None, University),
            (Some("Đại học Sư phạm Toán"), None, University),
            (Some("Cao đẳng Sư phạm"), None, Below),
            (Some("Trung cấp Y"), None, Below),
            (Some("Nông dân"), None, Unclassified),
            (None, None, Unclassified),
            // "Thạch" and "Tây" are no degree.
            (Some("Kinh doanh Thạch Tây"), None, Unclassified),
        ];
        for (qualification, title, expected) in table {
            assert_eq!(
                classify(qualification, title),
                expected,
                "{qualification:?} {title:?}"
            );
        }
    }
}
