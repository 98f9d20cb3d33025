//! Vietnamese text handling in one place: folding tone marks and `đ`, slugs,
//! name order for sorting, and dates and numbers the way each language writes them.

use std::cmp::Ordering;
use time::{Date, Month, Weekday};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Lowercase, drop tone and vowel marks, and fold `đ` to `d`: "Đà Nẵng" → "da nang".
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

/// One word of a text, for search: its folded form ("ha") and its lowercase form
/// with tone marks ("hạ"), so that tone-exact matches can rank first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub folded: String,
    pub toned: String,
}

/// Splits a text into its words (Vietnamese syllables, English words, numbers) as
/// written, normalised to NFC, for [`token`]: callers that meet the same words again
/// and again can keep their tokens instead of making them each time.
pub fn words(text: &str, mut each: impl FnMut(&str)) {
    // Content is almost always NFC already: normalise only when it is not.
    let normalised;
    let text = match unicode_normalization::is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => text,
        _ => {
            normalised = text.nfc().collect::<String>();
            normalised.as_str()
        }
    };
    for word in text.split(|c: char| !is_alphanumeric(c)) {
        if !word.is_empty() {
            each(word);
        }
    }
}

/// `char::is_alphanumeric`, with the letters Vietnamese uses answered without a
/// search of the Unicode tables: the search index splits every text of every page.
pub fn is_alphanumeric(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        // Latin-1 letters (less × and ÷), Latin Extended-A and -B: đ, ơ, ư.
        '\u{C0}'..='\u{24F}' => c != '\u{D7}' && c != '\u{F7}',
        // Latin Extended Additional's Vietnamese block: ạ … ỹ.
        '\u{1EA0}'..='\u{1EF9}' => true,
        _ => !c.is_ascii() && c.is_alphanumeric(),
    }
}

/// The token of one word of [`words`].
pub fn token(word: &str) -> Token {
    let toned: String = word.chars().flat_map(char::to_lowercase).collect();
    let folded = fold(&toned);
    Token { folded, toned }
}

/// An ASCII slug: "Phường Hạ Long" → "phuong-ha-long".
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in fold(text).chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c);
        } else {
            pending_dash = true;
        }
    }
    slug
}

/// True when `s` can stand in a URL path segment as it is: lowercase ASCII letters,
/// digits and inner single dashes.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Letters of the Vietnamese alphabet in order, base letter only; `ă â đ ê ô ơ ư`
/// are letters of their own, sorted after their plain form.
const ALPHABET: &str = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";

/// Sort key of one word by Vietnamese alphabetical order: letters first, tone marks
/// only to break ties ("Anh" < "Ánh" < "Bình").
fn word_key(word: &str) -> (Vec<u16>, Vec<u8>) {
    let mut letters = Vec::with_capacity(word.len());
    let mut tones = Vec::with_capacity(word.len());
    for c in word.nfd().flat_map(char::to_lowercase) {
        match c {
            // Tone marks, in the conventional order: ngang, huyền, hỏi, ngã, sắc, nặng.
            '\u{300}' => set_last_tone(&mut tones, 1),
            '\u{309}' => set_last_tone(&mut tones, 2),
            '\u{303}' => set_last_tone(&mut tones, 3),
            '\u{301}' => set_last_tone(&mut tones, 4),
            '\u{323}' => set_last_tone(&mut tones, 5),
            // Vowel marks make a new letter: a+˘ = ă, a+^ = â, o+˛ = ơ, u+˛ = ư.
            '\u{306}' | '\u{302}' | '\u{31b}' => {
                if let Some(last) = letters.last_mut() {
                    let base = ALPHABET.chars().nth(*last as usize).unwrap_or('a');
                    let marked = match (base, c) {
                        ('a', '\u{306}') => 'ă',
                        ('a', '\u{302}') => 'â',
                        ('e', '\u{302}') => 'ê',
                        ('o', '\u{302}') => 'ô',
                        ('o', '\u{31b}') => 'ơ',
                        ('u', '\u{31b}') => 'ư',
                        _ => base,
                    };
                    *last = letter_rank(marked);
                }
            }
            c if is_combining_mark(c) => {}
            c => {
                letters.push(letter_rank(c));
                tones.push(0);
            }
        }
    }
    (letters, tones)
}

fn set_last_tone(tones: &mut [u8], tone: u8) {
    if let Some(last) = tones.last_mut() {
        *last = tone;
    }
}

fn letter_rank(c: char) -> u16 {
    match ALPHABET.chars().position(|a| a == c) {
        Some(i) => i as u16,
        // Digits and other characters sort after letters, by code point.
        None => 64 + (c as u32).min(60_000) as u16,
    }
}

/// Compares two Vietnamese full names the way official lists are ordered: by given
/// name (the last word), then the middle names, then the family name (the first word).
pub fn compare_names(a: &str, b: &str) -> Ordering {
    name_key(a).cmp(&name_key(b))
}

/// The sort key of a full name (see [`compare_names`]).
pub fn name_key(name: &str) -> NameKey {
    let words: Vec<&str> = name.split_whitespace().collect();
    let mut ordered: Vec<&str> = Vec::with_capacity(words.len());
    if let Some((given, rest)) = words.split_last() {
        ordered.push(given);
        if let Some((family, middle)) = rest.split_first() {
            ordered.extend(middle.iter());
            ordered.push(family);
        }
    }
    NameKey(ordered.iter().map(|w| word_key(w)).collect())
}

/// Words compared one after another, each by its letters and then its tones.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct NameKey(Vec<(Vec<u16>, Vec<u8>)>);

/// Sort key of a place or title: Vietnamese alphabetical order of the whole text.
pub fn text_key(text: &str) -> NameKey {
    NameKey(text.split_whitespace().map(word_key).collect())
}

/// A date as a reader of `lang` writes it: "Thứ năm, 13/05/2021" in Vietnamese,
/// "Thursday, 13 May 2021" otherwise.
pub fn format_date(date: Date, lang: &str) -> String {
    if lang == "vi" {
        format!(
            "{}, {:02}/{:02}/{}",
            vi_weekday(date.weekday()),
            date.day(),
            u8::from(date.month()),
            date.year()
        )
    } else {
        format!(
            "{}, {} {} {}",
            date.weekday(),
            date.day(),
            en_month(date.month()),
            date.year()
        )
    }
}

/// A short date without the weekday: "13/05/2021", "13 May 2021".
pub fn format_short_date(date: Date, lang: &str) -> String {
    if lang == "vi" {
        format!(
            "{:02}/{:02}/{}",
            date.day(),
            u8::from(date.month()),
            date.year()
        )
    } else {
        format!("{} {} {}", date.day(), en_month(date.month()), date.year())
    }
}

fn vi_weekday(day: Weekday) -> &'static str {
    match day {
        Weekday::Monday => "Thứ hai",
        Weekday::Tuesday => "Thứ ba",
        Weekday::Wednesday => "Thứ tư",
        Weekday::Thursday => "Thứ năm",
        Weekday::Friday => "Thứ sáu",
        Weekday::Saturday => "Thứ bảy",
        Weekday::Sunday => "Chủ nhật",
    }
}

fn en_month(month: Month) -> String {
    month.to_string()
}

/// A count with thousands grouped: "412.345" in Vietnamese, "412,345" in English.
pub fn format_count(n: u64, lang: &str) -> String {
    let sep = if lang == "vi" { '.' } else { ',' };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A share as a percentage with two decimals: "74,38%" / "74.38%".
pub fn format_percent(part: u64, whole: u64, lang: &str) -> Option<String> {
    if whole == 0 {
        return None;
    }
    let hundredths = (part as u128 * 10_000 + whole as u128 / 2) / whole as u128;
    let sep = if lang == "vi" { ',' } else { '.' };
    Some(format!(
        "{}{}{:02}%",
        hundredths / 100,
        sep,
        hundredths % 100
    ))
}

/// `text` as XML character data or an attribute value. Characters XML 1.0 cannot hold
/// at all (C0 controls but tab and line breaks, lone surrogates' stand-ins U+FFFE and
/// U+FFFF) are dropped: `check` refuses them in files, but a YAML escape (`"\x01"`) or
/// a Markdown reference (`&#1;`) can still make one, and one would make the whole
/// feed or chart unreadable.
pub fn xml_escape(text: &str) -> String {
    let mut xml = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => xml.push_str("&amp;"),
            '<' => xml.push_str("&lt;"),
            '>' => xml.push_str("&gt;"),
            '"' => xml.push_str("&quot;"),
            '\t' | '\n' | '\r' => xml.push(c),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => {}
            c => xml.push(c),
        }
    }
    xml
}

/// Edit distance, for "did you mean" hints.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == *cb {
                diagonal
            } else {
                1 + diagonal.min(above).min(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The candidate closest to `word` when it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

/// The known code a mistyped `code` most likely means: a Vietnamese word for it
/// (`nam` for `male`), a code with the same word parts (`van-kieu` for
/// `bru-van-kieu`), or the nearest spelling.
pub fn closest_code<'a>(code: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    const WORDS: &[(&str, &str)] = &[
        ("nam", "male"),
        ("nu", "female"),
        ("khong", "none"),
        ("phat", "phat-giao"),
        ("thien-chua", "cong-giao"),
        ("cong-giao", "cong-giao"),
        ("jrai", "gia-rai"),
        ("bahnar", "ba-na"),
        ("ede", "e-de"),
        ("hmong", "mong"),
        ("viet", "kinh"),
    ];
    let known: Vec<&str> = known.into_iter().collect();
    let slug = slugify(code);
    if let Some(&(_, meant)) = WORDS.iter().find(|(word, _)| *word == slug) {
        if let Some(found) = known.iter().find(|k| **k == meant) {
            return Some(found);
        }
    }
    let parts = |s: &str| -> Vec<String> { s.split('-').map(str::to_string).collect() };
    let wanted = parts(&slug);
    let by_parts = known.iter().copied().filter(|k| {
        let have = parts(k);
        !slug.is_empty()
            && (wanted.iter().all(|w| have.contains(w)) || have.iter().all(|h| wanted.contains(h)))
    });
    if let Some(found) = by_parts.min_by_key(|k| (k.len(), *k)) {
        return Some(found);
    }
    closest(&slug, known)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn mistyped_codes_find_what_they_mean() {
        let ethnicities = ["kinh", "bru-van-kieu", "gia-rai", "ba-na", "brau", "tay"];
        assert_eq!(closest_code("van-kieu", ethnicities), Some("bru-van-kieu"));
        assert_eq!(closest_code("Vân Kiều", ethnicities), Some("bru-van-kieu"));
        assert_eq!(closest_code("jrai", ethnicities), Some("gia-rai"));
        assert_eq!(closest_code("tày", ethnicities), Some("tay"));
        assert_eq!(closest_code("xyz-abc-def", ethnicities), None);
        assert_eq!(closest_code("nam", ["female", "male"]), Some("male"));
        assert_eq!(closest_code("Nữ", ["female", "male"]), Some("female"));
        assert_eq!(closest_code("femal", ["female", "male"]), Some("female"));
    }

    #[test]
    fn the_fast_alphanumeric_test_agrees_with_unicode_on_every_char() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn folds_tone_marks_and_d() {
        assert_eq!(fold("Đà Nẵng"), "da nang");
        assert_eq!(fold("Nguyễn Thị Hồng Hạnh"), "nguyen thi hong hanh");
        assert_eq!(fold("ĐƯỜNG"), "duong");
    }

    fn tokens(text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        words(text, |word| out.push(token(word)));
        out
    }

    #[test]
    fn tokens_keep_the_toned_form() {
        let t = tokens("Phường Hạ Long, Đà Nẵng (2026)");
        let folded: Vec<&str> = t.iter().map(|t| t.folded.as_str()).collect();
        assert_eq!(folded, ["phuong", "ha", "long", "da", "nang", "2026"]);
        assert_eq!(t[1].toned, "hạ");
        // Decomposed input (as some keyboards send it) gives the same tokens.
        let decomposed: String = "Hạ".nfd().collect();
        assert_eq!(tokens(&decomposed)[0].toned, "hạ");
    }

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(slugify("Phường Hạ Long"), "phuong-ha-long");
        assert_eq!(slugify("Văn Miếu - Quốc Tử Giám"), "van-mieu-quoc-tu-giam");
        assert_eq!(slugify("  Bầu cử!  "), "bau-cu");
        assert!(is_slug("phuong-ha-long-6688"));
        assert!(!is_slug("Phuong"));
        assert!(!is_slug("a b"));
        assert!(!is_slug("a--b"));
    }

    #[test]
    fn names_sort_by_given_name_then_middle_then_family() {
        let mut names = vec![
            "Trần Văn Bình",
            "Nguyễn Thị Anh",
            "Lê Ánh",
            "Đỗ Văn An",
            "Phạm Thị Ánh",
            "Vũ Đức Đạt",
            "Hoàng Văn Dũng",
        ];
        names.sort_by(|a, b| compare_names(a, b));
        assert_eq!(
            names,
            vec![
                "Đỗ Văn An",
                "Nguyễn Thị Anh",
                "Lê Ánh",
                "Phạm Thị Ánh",
                "Trần Văn Bình",
                "Hoàng Văn Dũng",
                "Vũ Đức Đạt",
            ]
        );
    }

    #[test]
    fn d_bar_sorts_after_d_and_a_breve_after_a() {
        assert_eq!(compare_names("X Đạt", "X Dũng"), Ordering::Greater);
        assert_eq!(compare_names("X Ăn", "X Anh"), Ordering::Greater);
        assert_eq!(compare_names("X Ân", "X Ăn"), Ordering::Greater);
    }

    #[test]
    fn dates_per_language() {
        assert_eq!(
            format_date(date!(2021 - 05 - 13), "vi"),
            "Thứ năm, 13/05/2021"
        );
        assert_eq!(
            format_date(date!(2021 - 05 - 13), "en"),
            "Thursday, 13 May 2021"
        );
        assert_eq!(
            format_date(date!(2026 - 03 - 15), "vi"),
            "Chủ nhật, 15/03/2026"
        );
    }

    #[test]
    fn numbers_per_language() {
        assert_eq!(format_count(412345, "vi"), "412.345");
        assert_eq!(format_count(412345, "en"), "412,345");
        assert_eq!(format_count(45, "en"), "45");
        assert_eq!(format_percent(301234, 405002, "vi").unwrap(), "74,38%");
        assert_eq!(format_percent(1, 3, "en").unwrap(), "33.33%");
        assert_eq!(format_percent(1, 0, "en"), None);
    }

    #[test]
    fn closest_field_name() {
        let fields = ["birth_date", "ballot_order", "name"];
        assert_eq!(closest("brith_date", fields), Some("birth_date"));
        assert_eq!(closest("xyz", fields), None);
    }
}
