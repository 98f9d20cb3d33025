//! The structure of a YAML text, looked at before deserialising when its text gives a
//! reason to: anchors and aliases, duplicate keys, nesting beyond [`MAX_DEPTH`], a
//! second document, script addresses and control characters made by escapes.

use super::MAX_DEPTH;
use crate::content::markup::find_script_address;
use crate::content::positions::{scalar_length, to_position};
use crate::content::source::SourceFile;
use crate::diagnostics::{tr, Diagnostic, Position};
use std::collections::HashMap;
use yaml_rust2::parser::{Event, Parser};

/// What a structure scan refuses.
#[derive(Debug)]
enum ProblemKind {
    Anchor,
    Alias,
    DuplicateKey {
        key: String,
        first_line: usize,
    },
    TooDeep,
    SeveralDocuments,
    ScriptAddress {
        found: String,
    },
    /// A double-quoted escape (`\\x07`, `\\0`, `\\e`) made a control character.
    ControlEscape {
        code: u32,
    },
}

#[derive(Debug)]
pub(super) struct Problem {
    kind: ProblemKind,
    /// In the YAML part.
    position: Position,
    length: usize,
}

impl Problem {
    pub(super) fn diagnostic(self, file: &SourceFile) -> Diagnostic {
        let mut position = file.shift(self.position);
        let mut length = self.length;
        let (message, expected, hint) = match self.kind {
            ProblemKind::Anchor | ProblemKind::Alias => {
                // Point at the `&` or `*` itself.
                let anchor = matches!(self.kind, ProblemKind::Anchor);
                let found = if anchor {
                    // The event comes after its `&name`, on its line or a line above.
                    find_before(file, position, '&', 3)
                } else {
                    file.find_after(position, "*", 1)
                };
                if let Some(found) = found {
                    position = found;
                    length = file
                        .text
                        .lines()
                        .nth(found.line - 1)
                        .map(|line| {
                            line.chars()
                                .skip(found.column - 1)
                                .take_while(|c| !c.is_whitespace() && !",]}".contains(*c))
                                .count()
                        })
                        .unwrap_or(1);
                }
                (
                    tr!(
                        "Tệp nội dung không được dùng neo (`&…`) và bí danh (`*…`) của YAML",
                        "YAML anchors (`&…`) and aliases (`*…`) are not allowed in content files"
                    ),
                    None,
                    tr!(
                        "viết đầy đủ giá trị ở mỗi chỗ cần dùng; nếu đây là chữ bắt đầu bằng `&` hoặc `*`, hãy đặt cả đoạn chữ trong dấu nháy kép",
                        "write the value out in full wherever it is needed; if this is text that starts with `&` or `*`, put the whole text in double quotes"
                    ),
                )
            }
            ProblemKind::DuplicateKey { key, first_line } => {
                let first_line = first_line + file.yaml_line_offset;
                (
                    tr!(
                        "`{key}` được viết hai lần trong cùng một mục (lần đầu ở dòng {first_line})",
                        "`{key}` is written twice in the same entry (first on line {first_line})"
                    ),
                    Some(tr!(
                        "mỗi tên chỉ xuất hiện một lần trong một mục",
                        "each name appears only once in an entry"
                    )),
                    tr!(
                        "xóa một trong hai dòng, hoặc sửa lại tên cho đúng",
                        "delete one of the two lines, or correct the name"
                    ),
                )
            }
            ProblemKind::TooDeep => (
                tr!(
                    "Dữ liệu YAML lồng nhau quá sâu (hơn {MAX_DEPTH} cấp)",
                    "the YAML is nested too deeply (more than {MAX_DEPTH} levels)"
                ),
                Some(tr!(
                    "nhiều nhất {MAX_DEPTH} cấp lồng nhau",
                    "at most {MAX_DEPTH} levels of nesting"
                )),
                tr!(
                    "tệp nội dung chỉ cần vài cấp thụt lề: kiểm tra các dấu ngoặc `[`, `{{` và cách thụt lề",
                    "content files need only a few levels of indentation: check the brackets `[`, `{{` and the indentation"
                ),
            ),
            ProblemKind::SeveralDocuments => (
                tr!(
                    "Tệp chứa nhiều hơn một tài liệu YAML (có dòng `---` ở giữa tệp)",
                    "the file holds more than one YAML document (a `---` line in the middle)"
                ),
                None,
                tr!(
                    "xóa dòng `---` này; mỗi tệp chỉ chứa một tài liệu",
                    "delete this `---` line: a file holds one document"
                ),
            ),
            ProblemKind::ScriptAddress { found } => {
                if let Some(at) = file.find_after(position, &found, 400) {
                    position = at;
                }
                length = found.chars().count();
                (
                    tr!(
                        "Có địa chỉ `{found}` chạy mã script trong nội dung chữ: cổng thông tin không cho phép",
                        "the script address `{found}` in a text field would run code: the portal does not allow it"
                    ),
                    Some(tr!(
                        "liên kết bắt đầu bằng https:// hoặc / (trang trong cổng)",
                        "links starting with https:// or / (a page of the portal)"
                    )),
                    tr!(
                        "xóa địa chỉ này, hoặc thay bằng một địa chỉ https://",
                        "remove the address, or write an https:// address instead"
                    ),
                )
            }
            ProblemKind::ControlEscape { code } => (
                tr!(
                    "Ký tự thoát trong chuỗi này tạo ra ký tự điều khiển vô hình U+{code:04X}",
                    "an escape in this text makes the invisible control character U+{code:04X}"
                ),
                Some(tr!(
                    "chữ, dấu câu, dấu cách, tab hoặc xuống dòng",
                    "letters, punctuation, spaces, tabs or line breaks"
                )),
                tr!(
                    "xóa ký tự thoát `\\…` tạo ra nó (như `\\0`, `\\a`, `\\e`, `\\x01`)",
                    "delete the `\\…` escape that makes it (such as `\\0`, `\\a`, `\\e`, `\\x01`)"
                ),
            ),
        };
        let mut d = Diagnostic::error(file.path.clone(), message)
            .at(position)
            .span(length)
            .hint(hint);
        if let Some(expected) = expected {
            d = d.expected(expected);
        }
        d
    }
}

/// The last `needle` written before `from` (a position in the file), looking at most
/// `max_lines` lines back.
fn find_before(
    file: &SourceFile,
    from: Position,
    needle: char,
    max_lines: usize,
) -> Option<Position> {
    let lines: Vec<&str> = file.text.lines().collect();
    let last = from.line.checked_sub(1)?;
    for n in (last.saturating_sub(max_lines)..=last.min(lines.len().checked_sub(1)?)).rev() {
        let line = lines[n];
        let prefix: String = if n == last {
            line.chars().take(from.column.saturating_sub(1)).collect()
        } else {
            line.to_string()
        };
        if let Some(i) = prefix.rfind(needle) {
            return Some(Position {
                line: n + 1,
                column: prefix[..i].chars().count() + 1,
            });
        }
    }
    None
}

pub(super) enum ScanFrame {
    Sequence,
    Mapping {
        /// Keys seen so far, with the line each is written on.
        keys: HashMap<String, usize>,
        /// Whether the next node is a key.
        at_key: bool,
    },
}

/// The first anchor, alias, duplicate key, nesting beyond [`MAX_DEPTH`], second
/// document or script address in a text field. `None` also when the text is not valid YAML:
/// serde then says why. Iterative: any depth of nesting is safe.
pub(super) fn scan_structure(text: &str) -> Option<Problem> {
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<ScanFrame> = Vec::new();
    let mut documents = 0;
    loop {
        let (event, mark) = match parser.next_token() {
            Ok(next) => next,
            // yaml-rust2 stops at 255 levels of brackets, before any event for them.
            Err(e) if e.info().contains("recursion limit") => {
                return Some(Problem {
                    kind: ProblemKind::TooDeep,
                    position: to_position(*e.marker()),
                    length: 0,
                })
            }
            Err(_) => return None,
        };
        let position = to_position(mark);
        let problem = |kind| {
            Some(Problem {
                kind,
                position,
                length: 0,
            })
        };
        match event {
            Event::StreamEnd => return None,
            Event::DocumentStart => {
                documents += 1;
                if documents > 1 {
                    return problem(ProblemKind::SeveralDocuments);
                }
            }
            Event::Alias(_) => return problem(ProblemKind::Alias),
            Event::Scalar(value, style, anchor, _) => {
                if anchor > 0 {
                    return problem(ProblemKind::Anchor);
                }
                if let Some(c) = value
                    .chars()
                    .find(|c| c.is_control() && !matches!(c, '\t' | '\n'))
                {
                    return problem(ProblemKind::ControlEscape { code: u32::from(c) });
                }
                let is_key = matches!(stack.last(), Some(ScanFrame::Mapping { at_key: true, .. }));
                if is_key {
                    if let Some(ScanFrame::Mapping { keys, .. }) = stack.last_mut() {
                        if let Some(&first_line) = keys.get(&value) {
                            return Some(Problem {
                                length: scalar_length(&value, style),
                                kind: ProblemKind::DuplicateKey {
                                    key: value,
                                    first_line,
                                },
                                position,
                            });
                        }
                        keys.insert(value, position.line);
                    }
                } else if let Some(found) = find_script_address(&value) {
                    return problem(ProblemKind::ScriptAddress { found: found.found });
                }
                node_done(&mut stack);
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if anchor > 0 {
                    return problem(ProblemKind::Anchor);
                }
                if stack.len() >= MAX_DEPTH {
                    return problem(ProblemKind::TooDeep);
                }
                stack.push(if matches!(event, Event::SequenceStart(..)) {
                    ScanFrame::Sequence
                } else {
                    ScanFrame::Mapping {
                        keys: HashMap::new(),
                        at_key: true,
                    }
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                stack.pop();
                node_done(&mut stack);
            }
            Event::Nothing | Event::StreamStart | Event::DocumentEnd => {}
        }
    }
}

/// A node is complete: in a mapping, a key is followed by its value and a value by
/// the next key.
pub(super) fn node_done(stack: &mut [ScanFrame]) {
    if let Some(ScanFrame::Mapping { at_key, .. }) = stack.last_mut() {
        *at_key = !*at_key;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_structural_problems() {
        let dup = scan_structure("a: 1\nb:\n  x: 1\n  x: 2\n").unwrap();
        assert!(
            matches!(dup.kind, ProblemKind::DuplicateKey { ref key, first_line: 3 } if key == "x")
        );
        assert_eq!(dup.position, Position { line: 4, column: 3 });
        assert!(matches!(
            scan_structure("a: &x 1\nb: *x\n").unwrap().kind,
            ProblemKind::Anchor
        ));
        let deep = format!("a: {}1{}\n", "[".repeat(100), "]".repeat(100));
        assert!(matches!(
            scan_structure(&deep).unwrap().kind,
            ProblemKind::TooDeep
        ));
        let mut block = String::new();
        for depth in 0..2000 {
            block.push_str(&" ".repeat(depth));
            block.push_str("k:\n");
        }
        assert!(matches!(
            scan_structure(&block).unwrap().kind,
            ProblemKind::TooDeep
        ));
        assert!(matches!(
            scan_structure("a: 1\n---\na: 2\n").unwrap().kind,
            ProblemKind::SeveralDocuments
        ));
        assert!(matches!(
            scan_structure("bio: \"[x](javascript:alert(1))\"\n")
                .unwrap()
                .kind,
            ProblemKind::ScriptAddress { .. }
        ));
        assert!(scan_structure("title: \"<b>x</b>\"\n").is_none());
        assert!(scan_structure("a: 1\nb: [x, y]\nc: {vi: a, en: b}\n").is_none());
    }
}
