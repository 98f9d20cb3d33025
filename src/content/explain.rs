//! serde's error messages, rewritten for the people who write content: in Vietnamese
//! and English, with what was expected and a hint (the closest field name, the
//! allowed values, how to write a number or a date). Works on the message text only;
//! `yaml.rs` turns serde_yaml's errors into that text and places the result.

use crate::diagnostics::{tr, Localized};
use crate::text::closest;

/// Field names that identify a person privately: refused wherever they appear.
pub const PRIVATE_FIELDS: &[&str] = &[
    "national_id",
    "id_number",
    "identity_card",
    "identity_number",
    "citizen_id",
    "cccd",
    "so_cccd",
    "cmnd",
    "so_cmnd",
    "can_cuoc",
    "passport",
    "so_ho_chieu",
    "phone",
    "phone_number",
    "mobile",
    "so_dien_thoai",
    "dien_thoai",
    "email",
    "address",
    "home_address",
    "street_address",
    "dia_chi",
    "tax_code",
    "ma_so_thue",
    "bank_account",
    "so_tai_khoan",
    "social_insurance",
    "so_bhxh",
];

/// Separates the Vietnamese and English halves of a message that a deserialiser of
/// `records.rs` hands to serde as one string.
pub(super) const SEPARATOR: char = '\u{1f}';

/// A message in both languages, as one string that survives serde's error type.
pub(crate) fn encode(message: &Localized) -> String {
    format!("{SEPARATOR}{}{SEPARATOR}{}", message.vi, message.en)
}

fn decode(text: &str) -> Option<Localized> {
    let mut parts = text.split(SEPARATOR);
    let before = parts.next()?;
    let vi = parts.next()?;
    let en = parts.next()?;
    Some(Localized::new(
        format!("{before}{vi}"),
        format!("{before}{en}"),
    ))
}

/// A serde error rewritten for people.
#[derive(Debug)]
pub(super) struct Explained {
    pub(super) message: Localized,
    pub(super) expected: Option<Localized>,
    pub(super) hint: Option<Localized>,
    /// The name or value the error is about, to find it in the text.
    pub(super) subject: Option<String>,
    /// The error is at a field name (serde's position is right), not in a value.
    pub(super) at_key: bool,
}

impl Explained {
    fn new(message: Localized) -> Self {
        Explained {
            message,
            expected: None,
            hint: None,
            subject: None,
            at_key: false,
        }
    }
}

/// Rewrites serde's messages into what a non-programmer can act on.
pub(super) fn explain(raw: &str) -> Explained {
    // serde_yaml prefixes the path inside the document: "candidates[3]: …".
    let (context, detail) = match raw.find(": ") {
        Some(i) if !raw[..i].contains(' ') && !raw[..i].contains(SEPARATOR) => {
            (Some(&raw[..i]), &raw[i + 2..])
        }
        _ => (None, raw),
    };
    let place = context
        .map(|c| tr!(" (trong {c})", " (in {c})"))
        .unwrap_or_else(|| Localized::new("", ""));
    let with_place = |m: Localized| {
        Localized::new(
            format!("{}{}", m.vi, place.vi),
            format!("{}{}", m.en, place.en),
        )
    };

    if let Some(message) = decode(detail) {
        let subject = backticked(&message.en).into_iter().next();
        let mut e = Explained::new(with_place(message));
        e.subject = subject;
        return e;
    }
    if let Some(rest) = detail.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or_default().to_string();
        let allowed = backticked(rest.split_once(", expected").map_or("", |x| x.1));
        let mut e;
        if PRIVATE_FIELDS.contains(&field.as_str()) {
            e = Explained::new(with_place(tr!(
                "`{field}` là thông tin cá nhân riêng tư của người ứng cử, không được công bố",
                "`{field}` is private personal data and must not be published"
            )));
            e.expected = Some(tr!(
                "không có số định danh, số điện thoại, email hay địa chỉ nhà riêng",
                "no identity number, phone number, email or home address"
            ));
            e.hint = Some(tr!(
                "xóa dòng `{field}`: cổng thông tin không công bố số định danh, số điện thoại, email hay địa chỉ nhà riêng của người ứng cử (nơi cư trú ghi ở `residence`)",
                "delete the `{field}` line: the portal publishes no identity numbers, phone numbers, emails or home addresses of candidates (the place of residence goes in `residence`)"
            ));
        } else {
            e = Explained::new(with_place(tr!(
                "Không nhận ra trường `{field}`",
                "unknown field `{field}`"
            )));
            let close = closest(&field, allowed.iter().map(String::as_str));
            if !allowed.is_empty() && close.is_none() {
                let list = allowed.join(", ");
                e.expected = Some(tr!(
                    "một trong các trường: {list}",
                    "one of the fields: {list}"
                ));
            }
            e.hint = Some(match close {
                Some(name) => tr!("có phải bạn muốn viết `{name}`?", "did you mean `{name}`?"),
                None if allowed.is_empty() => tr!("xóa trường này", "remove this field"),
                None => tr!(
                    "xóa dòng này, hoặc sửa tên trường thành một trong các tên ở trên",
                    "remove this line, or correct the field name to one of the names above"
                ),
            });
        }
        e.subject = Some(field);
        e.at_key = true;
        return e;
    }
    if let Some(rest) = detail.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or_default();
        let mut e = Explained::new(with_place(tr!(
            "Thiếu trường bắt buộc `{field}`",
            "required field `{field}` is missing"
        )));
        e.hint = Some(tr!(
            "thêm dòng `{field}: …` vào mục này",
            "add a line `{field}: …` to this entry"
        ));
        e.at_key = true;
        return e;
    }
    if let Some(rest) = detail.strip_prefix("unknown variant `") {
        let value = rest.split('`').next().unwrap_or_default().to_string();
        let allowed = backticked(rest.split_once(", expected").map_or("", |x| x.1));
        let list = allowed.join(", ");
        let mut e = Explained::new(with_place(tr!(
            "`{value}` không phải là giá trị được phép",
            "`{value}` is not an allowed value"
        )));
        e.expected = Some(tr!("một trong: {list}", "one of: {list}"));
        e.hint = Some(match closest(&value, allowed.iter().map(String::as_str)) {
            Some(v) => tr!("có phải bạn muốn viết `{v}`?", "did you mean `{v}`?"),
            None => tr!("dùng một trong: {list}", "use one of: {list}"),
        });
        e.subject = Some(value);
        return e;
    }
    for (prefix, invalid_value) in [("invalid type: ", false), ("invalid value: ", true)] {
        if let Some(rest) = detail.strip_prefix(prefix) {
            let (found, expected) = rest
                .split_once(", expected ")
                .unwrap_or((rest, "another type"));
            let found = describe_found(found);
            let wanted = describe_expected(expected);
            let message = if invalid_value {
                Localized::new(
                    format!("Giá trị không hợp lệ: {}, cần {}", found.vi, wanted.vi),
                    format!("invalid value: {}, expected {}", found.en, wanted.en),
                )
            } else {
                Localized::new(
                    format!("Sai kiểu giá trị: đang là {}, cần {}", found.vi, wanted.vi),
                    format!(
                        "wrong kind of value: found {}, expected {}",
                        found.en, wanted.en
                    ),
                )
            };
            let mut e = Explained::new(with_place(message));
            e.expected = Some(wanted);
            e.hint = Some(type_hint(expected));
            return e;
        }
    }
    if let Some(rest) = detail
        .strip_prefix("duplicate field `")
        .or_else(|| detail.strip_prefix("duplicate entry with key `"))
    {
        let key = rest.split('`').next().unwrap_or_default().to_string();
        let mut e = Explained::new(with_place(tr!(
            "`{key}` được viết hai lần trong cùng một mục",
            "`{key}` is written twice in the same entry"
        )));
        e.hint = Some(tr!(
            "xóa một trong hai dòng, hoặc sửa lại tên cho đúng",
            "delete one of the two lines, or correct the name"
        ));
        e.subject = Some(key);
        return e;
    }
    if detail.contains("recursion limit exceeded") {
        let mut e = Explained::new(with_place(tr!(
            "Dữ liệu YAML lồng nhau quá sâu",
            "the YAML is nested too deeply"
        )));
        e.hint = Some(tr!(
            "tệp nội dung chỉ cần vài cấp thụt lề",
            "content files need only a few levels of indentation"
        ));
        return e;
    }
    if detail.contains("repetition limit exceeded") || detail.contains("unknown anchor") {
        let mut e = Explained::new(with_place(tr!(
            "Tệp nội dung không được dùng neo (`&…`) và bí danh (`*…`) của YAML",
            "YAML anchors (`&…`) and aliases (`*…`) are not allowed in content files"
        )));
        e.hint = Some(tr!(
            "viết đầy đủ giá trị thay vì dùng `&neo` và `*bí-danh`; nếu đây là chữ bắt đầu bằng `*` hoặc `&`, hãy đặt cả đoạn chữ trong dấu nháy kép",
            "write the value out in full instead of using `&anchor` and `*alias`; if this is text that starts with `*` or `&`, put the whole text in double quotes"
        ));
        return e;
    }
    if detail.contains("more than one document") {
        let mut e = Explained::new(tr!(
            "Tệp chứa nhiều hơn một tài liệu YAML (có dòng `---` ở giữa tệp)",
            "the file holds more than one YAML document (a `---` line in the middle)"
        ));
        e.hint = Some(tr!(
            "xóa dòng `---` ở giữa tệp",
            "delete the `---` line in the middle of the file"
        ));
        return e;
    }
    syntax_error(detail, with_place)
}

/// libyaml's syntax errors, with a Vietnamese reading of the common ones.
fn syntax_error(detail: &str, with_place: impl Fn(Localized) -> Localized) -> Explained {
    const KNOWN: &[(&str, &str)] = &[
        (
            "mapping values are not allowed",
            "có dấu `: ` ở chỗ không được phép",
        ),
        (
            "did not find expected key",
            "thiếu tên trường ở chỗ cần có, hoặc thụt lề bị lệch",
        ),
        (
            "could not find expected ':'",
            "thiếu dấu `:` sau tên trường",
        ),
        (
            "found character that cannot start any token",
            "có ký tự không được đứng đầu một giá trị (ví dụ tab, `@` hoặc `` ` ``)",
        ),
        (
            "did not find expected ',' or ']'",
            "thiếu dấu `,` hoặc dấu `]` trong danh sách",
        ),
        (
            "did not find expected ',' or '}'",
            "thiếu dấu `,` hoặc dấu `}`",
        ),
        (
            "found unexpected end of stream",
            "tệp kết thúc giữa chừng: thiếu dấu ngoặc hoặc dấu nháy đóng",
        ),
        (
            "block sequence entries are not allowed",
            "dòng `- …` đặt sai chỗ hoặc thụt lề bị lệch",
        ),
        (
            "found a tab character",
            "có ký tự tab dùng để thụt lề; YAML chỉ dùng dấu cách",
        ),
        (
            "did not find expected '-' indicator",
            "thụt lề của danh sách bị lệch",
        ),
        (
            "found unknown escape character",
            "có ký tự `\\` không hợp lệ trong chữ đặt trong dấu nháy kép",
        ),
        (
            "control characters are not allowed",
            "có ký tự điều khiển không in được trong tệp",
        ),
        ("found unexpected ':'", "có dấu `:` ở chỗ không được phép"),
        (
            "did not find expected node content",
            "thiếu giá trị ở chỗ cần có",
        ),
        (
            "found incompatible YAML document",
            "phiên bản YAML khai báo ở đầu tệp không được hỗ trợ",
        ),
    ];
    let vietnamese = KNOWN
        .iter()
        .find(|(english, _)| detail.contains(english))
        .map(|(_, vi)| vi.to_string());
    let mut e = Explained::new(with_place(Localized::new(
        match &vietnamese {
            Some(vi) => format!("Không đọc được YAML: {vi}"),
            None => format!("Không đọc được YAML: {detail}"),
        },
        format!("the YAML cannot be read: {detail}"),
    )));
    e.hint = Some(tr!(
        "kiểm tra thụt lề (chỉ dùng dấu cách) và đặt trong dấu nháy kép những đoạn chữ có `: `, `#` hoặc bắt đầu bằng `[`, `{{`, `*`, `&`",
        "check the indentation (spaces only) and put text containing `: ` or `#`, or starting with `[`, `{{`, `*` or `&`, in double quotes"
    ));
    e
}

/// serde's "found" part (`string "abc"`, `integer `5``, `sequence`) for people.
fn describe_found(found: &str) -> Localized {
    let found = found.trim();
    if let Some(rest) = found.strip_prefix("string ") {
        return tr!("chữ {rest}", "the text {rest}");
    }
    if let Some(rest) = found.strip_prefix("integer ") {
        return tr!("số {rest}", "the number {rest}");
    }
    if let Some(rest) = found.strip_prefix("floating point ") {
        return tr!("số thập phân {rest}", "the decimal number {rest}");
    }
    if let Some(rest) = found.strip_prefix("boolean ") {
        return tr!("giá trị đúng/sai {rest}", "the value {rest}");
    }
    match found {
        "sequence" => tr!("một danh sách", "a list"),
        "map" => tr!("một nhóm trường", "a group of fields"),
        "unit value" => tr!("một giá trị trống", "an empty value"),
        other => Localized::new(other, other),
    }
}

/// serde's "expected" part (`u32`, `a sequence`, `struct CandidateRecord`) for people.
fn describe_expected(expected: &str) -> Localized {
    let e = expected.trim();
    let integer = [
        "u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64", "usize",
    ];
    if integer.contains(&e) || e.contains("integer") {
        tr!("một số nguyên", "a whole number")
    } else if e.contains("boolean") || e == "bool" {
        tr!("`true` hoặc `false`", "`true` or `false`")
    } else if e.contains("sequence") {
        tr!("một danh sách", "a list")
    } else if e.starts_with("struct ") || e.starts_with("a map") || e == "map" {
        tr!(
            "một nhóm trường (mỗi dòng `tên: giá trị`)",
            "a group of fields (`name: value` lines)"
        )
    } else if e.contains("map by language") {
        tr!(
            "một đoạn chữ, hoặc `{{vi: \"…\", en: \"…\"}}`",
            "a text, or `{{vi: \"…\", en: \"…\"}}`"
        )
    } else if e.contains("single value") || e.contains("string") || e == "a character" {
        tr!(
            "một giá trị đơn (chữ hoặc số)",
            "a single value (text or number)"
        )
    } else if e.contains("f32") || e.contains("f64") || e.contains("float") {
        tr!("một số", "a number")
    } else {
        Localized::new(e, e)
    }
}

fn type_hint(expected: &str) -> Localized {
    let wanted = describe_expected(expected);
    if wanted.en == "a whole number" {
        tr!(
            "viết một số nguyên, không có dấu nháy, ví dụ `3`",
            "write a whole number without quotes, e.g. `3`"
        )
    } else if wanted.en.starts_with("`true`") {
        tr!(
            "viết `true` (có) hoặc `false` (không)",
            "write `true` or `false`"
        )
    } else if wanted.en == "a list" {
        tr!(
            "viết một danh sách: `[a, b]` hoặc mỗi mục một dòng `- mục`",
            "write a list: `[a, b]` or one `- item` per line"
        )
    } else if wanted.en.starts_with("a group of fields") {
        tr!(
            "viết các trường của mục này, mỗi trường một dòng `tên: giá trị`, thụt lề như nhau",
            "write the fields of this entry, one `name: value` per line, indented alike"
        )
    } else if wanted.en.starts_with("a text") {
        tr!(
            "viết một đoạn chữ, hoặc tiếng Việt và tiếng Anh dạng `{{vi: \"…\", en: \"…\"}}`",
            "write a text, or Vietnamese and English as `{{vi: \"…\", en: \"…\"}}`"
        )
    } else if wanted.en.starts_with("a single value") {
        tr!(
            "viết một giá trị trên cùng dòng, đặt trong dấu nháy kép nếu có dấu `: ` hoặc `#`",
            "write one value on the same line, in double quotes if it contains `: ` or `#`"
        )
    } else {
        Localized::new(
            format!("viết {} ở đây", wanted.vi),
            format!("write {} here", wanted.en),
        )
    }
}

fn backticked(text: &str) -> Vec<String> {
    text.split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Lang;

    #[test]
    fn explains_unknown_field_with_closest_name() {
        let e = explain(
            "candidates[0]: unknown field `brith_date`, expected one of `id`, `birth_date`",
        );
        assert!(
            e.message.en.contains("unknown field `brith_date`"),
            "{:?}",
            e.message
        );
        assert!(
            e.message.vi.contains("Không nhận ra trường `brith_date`"),
            "{:?}",
            e.message
        );
        let hint = e.hint.unwrap();
        assert_eq!(hint.en, "did you mean `birth_date`?");
        assert_eq!(hint.vi, "có phải bạn muốn viết `birth_date`?");
        assert!(e.expected.is_none());
    }

    #[test]
    fn explains_private_fields() {
        let e = explain("candidates[0]: unknown field `national_id`, expected `id`");
        assert!(e.message.en.contains("private"), "{:?}", e.message);
        assert!(e.message.vi.contains("riêng tư"), "{:?}", e.message);
    }

    #[test]
    fn explains_types_in_both_languages() {
        let e = explain("units[0].seats: invalid type: string \"ba\", expected u32");
        assert_eq!(
            e.message.en,
            "wrong kind of value: found the text \"ba\", expected a whole number (in units[0].seats)"
        );
        assert_eq!(
            e.message.get(Lang::Vi),
            "Sai kiểu giá trị: đang là chữ \"ba\", cần một số nguyên (trong units[0].seats)"
        );
    }

    #[test]
    fn decodes_bilingual_messages_of_the_records() {
        let raw = format!(
            "candidates[0].birth_date: {}",
            encode(&tr!("ngày `x` không có", "`x` does not exist"))
        );
        let e = explain(&raw);
        assert_eq!(
            e.message.en,
            "`x` does not exist (in candidates[0].birth_date)"
        );
        assert_eq!(
            e.message.vi,
            "ngày `x` không có (trong candidates[0].birth_date)"
        );
        assert_eq!(e.subject.as_deref(), Some("x"));
    }
}
