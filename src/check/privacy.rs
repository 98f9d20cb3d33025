//! Private data of candidates that field names cannot catch: a phone or identity
//! number written into a text, and a street address that the province's privacy
//! setting (`privacy: {residence: commune}`) would still publish because baucu cannot
//! tell where the commune starts.

use crate::content::records::{ResidencePrivacy, Text};
use crate::diagnostics::{tr, Diagnostic, Localized};
use crate::model::Portal;
use crate::text::{fold, is_alphanumeric};

/// Every text of every candidate in every file, and the residence as it would be
/// published.
pub fn private_data(portal: &Portal, found: &mut Vec<Diagnostic>) {
    for standing in &portal.standings {
        // Each file's own record: the first one written, or a repeat at another level.
        let person = &portal.people[standing.person];
        let r = standing
            .repeated_record
            .as_deref()
            .unwrap_or(&person.record);
        let origin = &standing.origin;
        let name = &r.name;
        let texts: [(&str, Option<&Text>); 10] = [
            ("hometown", r.hometown.as_ref()),
            ("residence", r.residence.as_ref()),
            ("qualification", r.qualification.as_ref()),
            ("academic_title", r.academic_title.as_ref()),
            ("political_theory", r.political_theory.as_ref()),
            ("foreign_language", r.foreign_language.as_ref()),
            ("occupation", r.occupation.as_ref()),
            ("workplace", r.workplace.as_ref()),
            ("note", r.note.as_ref()),
            ("bio", r.bio.as_ref()),
        ];
        for (field, text) in texts {
            let Some(text) = text else { continue };
            let all = std::iter::once(text.vi.as_str())
                .chain(text.translations.values().map(String::as_str));
            if let Some((number, kind)) = all.filter_map(find_private_number).next() {
                let (kind_vi, kind_en) = (&kind.vi, &kind.en);
                found.push(
                    origin
                        .error_at_text(
                            field,
                            &number,
                            tr!(
                                "Trường `{field}` của {name} có vẻ chứa {kind_vi} (`{number}`): thông tin cá nhân riêng tư không được công bố",
                                "`{field}` of {name} seems to hold {kind_en} (`{number}`): private data must not be published"
                            ),
                        )
                        .expected(tr!(
                            "không có số điện thoại hay số định danh cá nhân",
                            "no phone or identity numbers"
                        ))
                        .hint(tr!(
                            "xóa số này khỏi nội dung",
                            "remove the number from the text"
                        )),
                );
            }
        }
        if portal.residence_privacy == ResidencePrivacy::Commune {
            if let Some(residence) = &r.residence {
                if let Some(street) = published_street(residence) {
                    found.push(
                        origin
                            .error_at_text(
                                "residence",
                                &street,
                                tr!(
                                    "Nơi cư trú của {name} sẽ bị công bố kèm địa chỉ nhà riêng (`{street}`) vì không xác định được phần xã, phường",
                                    "the residence of {name} would be published with a street address (`{street}`): baucu cannot tell where the commune starts"
                                ),
                            )
                            .expected(tr!(
                                "các phần ngăn bằng dấu phẩy, có tên xã, phường (theo `privacy: {{residence: commune}}`)",
                                "parts separated by commas, naming the commune (as `privacy: {{residence: commune}}` asks)"
                            ))
                            .hint(tr!(
                                "ngăn các phần bằng dấu phẩy và ghi rõ xã, phường, ví dụ `Số 5, đường Trần Phú, Phường Hạ Long, tỉnh Quảng Ninh`: chỉ phần từ xã, phường trở đi được công bố",
                                "separate the parts with commas and name the commune, e.g. `Số 5, đường Trần Phú, Phường Hạ Long, tỉnh Quảng Ninh`: only the part from the commune on is published"
                            )),
                    );
                }
            }
        }
    }
}

/// A phone number (`0912 345 678`, `+84 912 345 678`) or a national identity number
/// (12 digits; 9 for the old card) in a text, as written, with what it looks like.
pub fn find_private_number(text: &str) -> Option<(String, Localized)> {
    // Numbers are ASCII: walk the bytes, and decode a character only beside a number
    // (every candidate's every text is checked, and most of it is words).
    let bytes = text.as_bytes();
    let digit_at = |k: usize| bytes.get(k).is_some_and(u8::is_ascii_digit);
    let mut i = 0;
    while i < bytes.len() {
        let starts_number = digit_at(i) || (bytes[i] == b'+' && digit_at(i + 1));
        if !starts_number || text[..i].chars().next_back().is_some_and(is_alphanumeric) {
            i += 1;
            continue;
        }
        // Digits, with single spaces, dots or dashes between groups.
        let mut j = i + 1;
        let mut end = i + 1;
        while j < bytes.len() {
            if digit_at(j) {
                end = j + 1;
                j += 1;
            } else if matches!(bytes[j], b' ' | b'.' | b'-') && digit_at(j + 1) {
                j += 1;
            } else {
                break;
            }
        }
        let written = text[i..end].trim_end_matches(['.', '-', ' ']).to_string();
        let digits: String = written.chars().filter(char::is_ascii_digit).collect();
        let followed_by_word = text[j..].chars().next().is_some_and(is_alphanumeric);
        if !followed_by_word {
            let phone = ((10..=11).contains(&digits.len())
                && digits.starts_with('0')
                && !digits.starts_with("00"))
                || (digits.len() == 11 && digits.starts_with("84") && written.starts_with('+'));
            let identity =
                digits.len() == 12 || (digits.len() == 9 && !written.contains(['.', ' ']));
            if phone {
                return Some((written, tr!("số điện thoại", "a phone number")));
            }
            if identity {
                return Some((
                    written,
                    tr!(
                        "số căn cước hoặc chứng minh nhân dân",
                        "an identity card number"
                    ),
                ));
            }
        }
        i = j.max(i + 1);
    }
    None
}

/// The first street-level part of `residence` that the `commune` setting would still
/// publish.
fn published_street(residence: &Text) -> Option<String> {
    let shown = crate::model::residence(residence, ResidencePrivacy::Commune)?;
    std::iter::once(&shown.vi)
        .chain(shown.translations.values())
        .flat_map(|t| t.split(','))
        .map(str::trim)
        .find(|part| looks_like_street(part))
        .map(str::to_string)
}

fn looks_like_street(part: &str) -> bool {
    let f = fold(part);
    const STARTS: &[&str] = &[
        "so ",
        "so nha",
        "nha so",
        "duong ",
        "pho ",
        "ngo ",
        "ngach ",
        "hem ",
        "kiet ",
        "to dan pho",
        "to ",
        "khu pho",
        "khu dan cu",
        "thon ",
        "ap ",
        "xom ",
        "ban ",
        "khom ",
        "no.",
        "no ",
        "house",
        "street",
        "lane",
        "alley",
    ];
    const ENDS: &[&str] = &[" street", " road", " lane", " alley", " avenue"];
    STARTS.iter().any(|s| f.starts_with(s))
        || ENDS.iter().any(|s| f.ends_with(s))
        || f.starts_with(|c: char| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_phone_and_identity_numbers() {
        let found = |t: &str| find_private_number(t).map(|(n, k)| (n, k.en));
        assert_eq!(
            found("Liên hệ 0912 345 678."),
            Some(("0912 345 678".into(), "a phone number".into()))
        );
        assert_eq!(
            found("gọi +84 912.345.678"),
            Some(("+84 912.345.678".into(), "a phone number".into()))
        );
        assert_eq!(
            found("Số: 0912345678"),
            Some(("0912345678".into(), "a phone number".into()))
        );
        assert_eq!(
            found("CCCD 022186001234"),
            Some(("022186001234".into(), "an identity card number".into()))
        );
    }

    #[test]
    fn leaves_dates_counts_and_years_alone() {
        for text in [
            "Sinh năm 1976, vào Đảng 2001-03-01",
            "được 266.637 phiếu",
            "Quyết định số 1234/QĐ-UBND ngày 12.05.2010",
            "Khóa XVI, nhiệm kỳ 2026-2031",
            "1.234.567.890 đồng",
            "Số 12, phố Lê Thánh Tông",
            // Glued to a word, before or after (Vietnamese letters too): a code.
            "mã hồ sơ Đ0912345678",
            "mã 0912345678ư",
        ] {
            assert_eq!(find_private_number(text), None, "{text}");
        }
    }

    #[test]
    fn street_addresses_that_commune_privacy_would_publish() {
        assert_eq!(
            published_street(&Text::plain("Số 5 Trần Phú, Hạ Long")).as_deref(),
            Some("Số 5 Trần Phú")
        );
        assert_eq!(
            published_street(&Text::plain(
                "Số 12, phố Lê Thánh Tông, Phường Hạ Long, tỉnh Quảng Ninh"
            )),
            None
        );
        assert_eq!(
            published_street(&Text::plain("Thôn 3, Hải Hà, Quảng Ninh")),
            None
        );
    }
}
