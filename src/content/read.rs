//! Reading one file from disk as text: the size limit, UTF-8 with the place of the
//! first bad byte, no byte-order mark, Windows line breaks made `\n`, composed (NFC)
//! Vietnamese, and no control character but tab and line break.

use super::source::SourceFile;
use crate::diagnostics::{tr, Diagnostic, Position};
use std::path::{Path, PathBuf};

/// Files larger than this are refused: no content file comes near it.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a text file: refuses invalid UTF-8 and huge files, drops a byte-order mark,
/// turns CRLF into LF.
pub fn read_source(root: &Path, path: &Path) -> Result<SourceFile, Diagnostic> {
    let shown = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let cannot_read = |e: std::io::Error| {
        Diagnostic::error(
            shown.clone(),
            tr!("Không đọc được tệp: {e}", "cannot read the file: {e}"),
        )
    };
    let metadata = std::fs::metadata(path).map_err(cannot_read)?;
    if metadata.len() > MAX_FILE_BYTES {
        return Err(too_large(shown, metadata.len()));
    }
    let bytes = std::fs::read(path).map_err(cannot_read)?;
    decode_source(shown, path.to_path_buf(), bytes)
}

fn too_large(shown: PathBuf, bytes: u64) -> Diagnostic {
    let mb = bytes / (1024 * 1024);
    let max = MAX_FILE_BYTES / (1024 * 1024);
    Diagnostic::error(
        shown,
        tr!(
            "Tệp quá lớn ({mb} MB); mỗi tệp nội dung tối đa {max} MB",
            "the file is too large ({mb} MB); content files are at most {max} MB"
        ),
    )
    .expected(tr!("tối đa {max} MB", "at most {max} MB"))
    .hint(tr!(
        "chia dữ liệu thành nhiều tệp, hoặc kiểm tra lại xem có đúng là tệp này không",
        "split the data into several files, or check that this is the right file"
    ))
}

/// The text of a content file from its bytes: UTF-8 (a byte-order mark and CRLF line
/// endings are accepted), at most [`MAX_FILE_BYTES`], in Unicode NFC.
pub fn decode_source(
    shown: PathBuf,
    disk_path: PathBuf,
    bytes: Vec<u8>,
) -> Result<SourceFile, Diagnostic> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(shown, bytes.len() as u64));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            let line = valid.matches('\n').count() + 1;
            let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            return Err(Diagnostic::error(
                shown,
                tr!(
                    "Tệp không phải là văn bản UTF-8 hợp lệ (có thể được lưu bằng bảng mã khác, như TCVN3 hoặc Windows-1258)",
                    "the file is not valid UTF-8 text (it may have been saved in another encoding, such as TCVN3 or Windows-1258)"
                ),
            )
            .at(Position { line, column })
            .span(1)
            .expected(tr!("văn bản mã hóa UTF-8", "text encoded as UTF-8"))
            .hint(tr!(
                "lưu lại tệp với bảng mã UTF-8 (trong Notepad: File › Save as › Encoding: UTF-8)",
                "save the file as UTF-8 (in Notepad: File › Save as › Encoding: UTF-8)"
            )));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    };
    // Composed (NFC) Vietnamese, as almost every editor writes it: a file typed or
    // pasted in decomposed form (macOS, some input methods) must name the same
    // people and communes, and fold and search the same way.
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    let text = match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text,
        _ => text.nfc().collect(),
    };
    if let Some(error) = control_character(&shown, &text) {
        return Err(error);
    }
    Ok(SourceFile::new(shown, disk_path, text))
}

/// The first control character other than tab and line break, as an error at its
/// place: invisible in an editor, it would make the feeds invalid XML and reach
/// spreadsheets and screen readers as garbage.
fn control_character(shown: &Path, text: &str) -> Option<Diagnostic> {
    let at = text.find(|c: char| c.is_control() && c != '\t' && c != '\n')?;
    let code = text[at..].chars().next().map_or(0, u32::from);
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some(
        Diagnostic::error(
            shown.to_path_buf(),
            tr!(
                "Có ký tự điều khiển vô hình U+{code:04X} trong văn bản",
                "an invisible control character, U+{code:04X}, is in the text"
            ),
        )
        .at(Position { line, column })
        .span(1)
        .expected(tr!(
            "chữ, dấu câu, dấu cách, tab hoặc xuống dòng",
            "letters, punctuation, spaces, tabs or line breaks"
        ))
        .hint(tr!(
            "xóa ký tự ở vị trí này (thường có khi sao chép từ PDF hoặc Word); nó hiện thành khoảng trống hoặc ô vuông",
            "delete the character at this place (it often comes from copying out of a PDF or Word); it shows as nothing or a box"
        )),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_refused_at_their_place() {
        let decode = |text: &str| {
            decode_source("a.md".into(), "a.md".into(), text.as_bytes().to_vec()).map(|_| ())
        };
        // (text, line, column, code point)
        for (text, line, column, code) in [
            ("title: A\u{0}\n", 1, 9, "U+0000"),
            (
                "---\ntitle: Hạ Long\n---\nMột \u{7}chuông\n",
                4,
                5,
                "U+0007",
            ),
            ("a\r\nb\u{1b}[31m\n", 2, 2, "U+001B"),
            ("x\n\ny\u{7f}", 3, 2, "U+007F"),
            ("C1: \u{85}", 1, 5, "U+0085"),
        ] {
            let error = decode(text).unwrap_err();
            assert_eq!(error.line, line, "{text:?}");
            assert_eq!(error.column, column, "{text:?}");
            assert!(
                error.message.en.contains(code),
                "{text:?}: {}",
                error.message
            );
        }
        for fine in [
            "tab\there\n",
            "lines\r\nfrom Windows\r\n",
            "Đắk Lắk ✓ “quotes”\n",
        ] {
            decode(fine).unwrap();
        }
    }
}
