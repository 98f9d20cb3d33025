//! A candidate's residence as the province's privacy setting lets it be shown: on
//! the candidate's page, in the open data, and to the check that no street address
//! is published.

use crate::content::records::{ResidencePrivacy, Text};
use crate::text::fold;

/// The residence as the province's privacy setting allows it to be shown.
pub fn residence(text: &Text, privacy: ResidencePrivacy) -> Option<Text> {
    match privacy {
        ResidencePrivacy::Full => Some(text.clone()),
        ResidencePrivacy::Hidden => None,
        ResidencePrivacy::Commune => {
            let trim = |s: &str| -> String {
                let parts: Vec<&str> = s
                    .split(',')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .collect();
                let markers = [
                    "xa ",
                    "phuong ",
                    "thi tran ",
                    "dac khu ",
                    "commune",
                    "ward",
                    "town",
                ];
                let start = parts.iter().position(|part| {
                    let f = fold(part);
                    markers
                        .iter()
                        .any(|m| f.starts_with(m) || f.ends_with(m.trim()))
                });
                match start {
                    Some(i) => parts[i..].join(", "),
                    None if parts.len() > 2 => parts[parts.len() - 2..].join(", "),
                    None => parts.join(", "),
                }
            };
            Some(Text {
                vi: trim(&text.vi),
                translations: text
                    .translations
                    .iter()
                    .map(|(l, t)| (l.clone(), trim(t)))
                    .collect(),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn residence_privacy() {
        let full = Text::plain("Số 12, phố Lê Thánh Tông, Phường Hạ Long, tỉnh Quảng Ninh");
        assert_eq!(
            residence(&full, ResidencePrivacy::Full).unwrap().vi,
            full.vi
        );
        assert_eq!(
            residence(&full, ResidencePrivacy::Commune).unwrap().vi,
            "Phường Hạ Long, tỉnh Quảng Ninh"
        );
        assert!(residence(&full, ResidencePrivacy::Hidden).is_none());
        let no_marker = Text::plain("Thôn 3, Hải Hà, Quảng Ninh");
        assert_eq!(
            residence(&no_marker, ResidencePrivacy::Commune).unwrap().vi,
            "Hải Hà, Quảng Ninh"
        );
    }
}
