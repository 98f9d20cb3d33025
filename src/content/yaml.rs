//! The only module that touches the YAML crates. serde_yaml deserialises typed
//! records (archived upstream: keeping every use here lets a maintained fork replace it
//! in one place); yaml-rust2's event parser finds positions for diagnostics, only when
//! a diagnostic needs one, and looks at a file's structure (anchors, duplicate keys,
//! depth, script addresses, HTML) when its text gives a reason to. `explain.rs` words
//! serde's errors for people.

use crate::content::explain::{explain, SEPARATOR};
use crate::content::markup::{find_script_address, find_tag};
use crate::content::source::SourceFile;
use crate::diagnostics::{tr, Diagnostic, Position};
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// Content needs a few levels of nesting (a list of entries holding texts by
/// language); anything deeper than this is a mistake or an attack.
pub const MAX_DEPTH: usize = 32;

/// Deserialises the YAML part of `file` into `T`, turning any failure into a
/// diagnostic with the file, line, column and a hint.
pub fn parse<T: DeserializeOwned>(file: &SourceFile) -> Result<T, Diagnostic> {
    let text = file.yaml_text();
    if is_blank(text) {
        let (message, hint) = if file.yaml_line_offset > 0 {
            (
                tr!(
                    "Phần đầu tệp (front matter) để trống",
                    "the front matter is empty"
                ),
                tr!(
                    "viết ít nhất `title: …` giữa hai dòng `---`",
                    "write at least `title: …` between the two `---` lines"
                ),
            )
        } else {
            (
                tr!("Tệp không có nội dung", "the file is empty"),
                tr!(
                    "viết nội dung mà tệp này cần có, hoặc xóa tệp",
                    "write the content this file should hold, or delete the file"
                ),
            )
        };
        return Err(Diagnostic::error(file.path.clone(), message)
            .at(Position {
                line: 1 + file.yaml_line_offset,
                column: 1,
            })
            .hint(hint));
    }
    let scanned = needs_scan(text);
    if scanned {
        if let Some(problem) = scan_structure(text) {
            return Err(problem.diagnostic(file));
        }
    }
    serde_yaml::from_str(text).map_err(|err| {
        // A structural problem explains a failure better than serde does (its message
        // for a duplicate key has no line, for deep nesting no cause).
        let structural = if scanned { None } else { scan_structure(text) };
        match structural {
            Some(problem) => problem.diagnostic(file),
            None => to_diagnostic(file, &err),
        }
    })
}

/// Deserialises a standalone YAML text (a theme's translation file).
pub fn parse_str<T: DeserializeOwned>(text: &str) -> Result<T, (String, Position)> {
    serde_yaml::from_str(text).map_err(|err| {
        let position = err
            .location()
            .map(|l| Position {
                line: l.line(),
                column: l.column(),
            })
            .unwrap_or_default();
        (strip_location(&err.to_string()), position)
    })
}

/// Nothing but blank lines, comments and document markers.
fn is_blank(text: &str) -> bool {
    text.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#') || line == "---" || line == "..."
    })
}

/// Whether the text could hold an anchor, an alias, a script address or deep nesting:
/// only then is the
/// structure looked at before deserialising (duplicate keys and depth are found by
/// serde too, and explained by the scan when it fails).
fn needs_scan(text: &str) -> bool {
    // A backslash: a double-quoted escape can make a control character (`"\x01"`).
    text.contains(['&', '*', '\\']) || has_script_colon(text) || may_nest_deeply(text)
}

/// Whether `script:` appears, in any case (`javascript:`, `VBScript:`). Looked for at
/// each colon, which are few, rather than at each byte.
fn has_script_colon(text: &str) -> bool {
    let bytes = text.as_bytes();
    text.match_indices(':')
        .any(|(i, _)| i >= 6 && bytes[i - 6..i].eq_ignore_ascii_case(b"script"))
}

/// Whether brackets or indentation could nest deeper than [`MAX_DEPTH`]: then the
/// scan must run first, as libyaml takes time quadratic in the depth of `[[[…`.
fn may_nest_deeply(text: &str) -> bool {
    let mut depth: usize = 0;
    for b in text.bytes() {
        match b {
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    text.lines()
        .any(|line| line.len() - line.trim_start_matches(' ').len() > 2 * MAX_DEPTH)
}

// ---------------------------------------------------------------------------
// Structure

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
struct Problem {
    kind: ProblemKind,
    /// In the YAML part.
    position: Position,
    length: usize,
}

impl Problem {
    fn diagnostic(self, file: &SourceFile) -> Diagnostic {
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

enum ScanFrame {
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
fn scan_structure(text: &str) -> Option<Problem> {
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
fn node_done(stack: &mut [ScanFrame]) {
    if let Some(ScanFrame::Mapping { at_key, .. }) = stack.last_mut() {
        *at_key = !*at_key;
    }
}

/// The written length of a scalar on one line, when it can be told from its value.
fn scalar_length(value: &str, style: TScalarStyle) -> usize {
    if value.contains(['\n', '\r']) {
        return 0;
    }
    match style {
        TScalarStyle::Plain => value.chars().count(),
        TScalarStyle::SingleQuoted if !value.contains('\'') => value.chars().count() + 2,
        TScalarStyle::DoubleQuoted if !value.contains(['"', '\\']) && value.is_ascii() => {
            value.chars().count() + 2
        }
        TScalarStyle::DoubleQuoted if !value.contains(['"', '\\']) => value.chars().count() + 2,
        _ => 0,
    }
}

/// HTML tags and scripts in the text values of a YAML text that parsed: errors (the
/// portal would show them escaped, as their letters; they are never markup and never
/// run). At most 20 per file.
pub fn markup_warnings(file: &SourceFile) -> Vec<Diagnostic> {
    let text = file.yaml_text();
    if !text.contains('<') {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<ScanFrame> = Vec::new();
    while let Ok((event, mark)) = parser.next_token() {
        match event {
            Event::StreamEnd => break,
            Event::Scalar(value, ..) => {
                let is_key = matches!(stack.last(), Some(ScanFrame::Mapping { at_key: true, .. }));
                if !is_key {
                    if let Some(tag) = find_tag(&value) {
                        found.push(markup_warning(file, file.shift(to_position(mark)), tag));
                        if found.len() == 20 {
                            break;
                        }
                    }
                }
                node_done(&mut stack);
            }
            Event::Alias(_) => node_done(&mut stack),
            Event::SequenceStart(..) => stack.push(ScanFrame::Sequence),
            Event::MappingStart(..) => stack.push(ScanFrame::Mapping {
                keys: HashMap::new(),
                at_key: true,
            }),
            Event::SequenceEnd | Event::MappingEnd => {
                stack.pop();
                node_done(&mut stack);
            }
            _ => {}
        }
    }
    found
}

/// Texts by language (`{vi: …, fr: …}`) naming a language the project does not
/// publish: that text would silently never be shown. Errors, at the language key.
pub fn unknown_languages(file: &SourceFile, languages: &[String]) -> Vec<Diagnostic> {
    let text = file.yaml_text();
    if languages.is_empty() || !has_other_short_key(text, languages) {
        return Vec::new();
    }
    // The file's own index: an error elsewhere in it reuses it.
    let index = file.index();
    let mut found: Vec<(Position, String)> = index
        .iter()
        .filter_map(|(key, span)| {
            let path = key.strip_suffix('@')?;
            let (parent, name) = path.rsplit_once('.').unwrap_or(("", path));
            let sibling = if parent.is_empty() {
                "vi@".to_string()
            } else {
                format!("{parent}.vi@")
            };
            let foreign = crate::content::records::is_language_code(name)
                && !languages.iter().any(|l| l == name)
                && index.contains_key(&sibling);
            foreign.then(|| (file.shift(span.position), name.to_string()))
        })
        .collect();
    found.sort_by_key(|(p, lang)| (p.line, p.column, lang.clone()));
    let list = languages.join(", ");
    found
        .into_iter()
        .map(|(position, lang)| {
            Diagnostic::error(
                file.path.clone(),
                tr!(
                    "`{lang}` không phải là ngôn ngữ của cổng ({list}): đoạn chữ này sẽ không được hiển thị",
                    "`{lang}` is not one of the portal's languages ({list}): this text would never be shown"
                ),
            )
            .at(position)
            .span(lang.len())
            .expected(tr!("một trong: {list}", "one of: {list}"))
            .hint(tr!(
                "sửa mã ngôn ngữ (ví dụ `en`), hoặc thêm `{lang}` vào `languages:` trong baucu.yaml",
                "correct the language code (e.g. `en`), or add `{lang}` to `languages:` in baucu.yaml"
            ))
        })
        .collect()
}

/// A key of two or three lowercase letters other than a project language and the
/// format's own short field names (`id`, `url`, `bio`): only then can a text name a
/// language the project lacks.
fn has_other_short_key(text: &str, languages: &[String]) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(colon, &b)| {
        if b != b':' {
            return false;
        }
        let start = bytes[..colon]
            .iter()
            .rposition(|c| !c.is_ascii_lowercase())
            .map_or(0, |i| i + 1);
        let word = &text[start..colon];
        let before = bytes[..start].last().copied();
        (2..=3).contains(&word.len())
            && matches!(before, None | Some(b' ' | b'{' | b',' | b'\n' | b'\t'))
            && !matches!(word, "id" | "url" | "bio")
            && !languages.iter().any(|l| l == word)
    })
}

fn markup_warning(
    file: &SourceFile,
    value_at: Position,
    tag: crate::content::markup::Markup,
) -> Diagnostic {
    let found = &tag.found;
    let position = file.find_after(value_at, found, 400).unwrap_or(value_at);
    // A portal never shows a script or markup typed into a name or a title: the page
    // would only show its letters, so it is refused before it is published.
    let message = if tag.script {
        tr!(
            "Không được có mã script `{found}` trong nội dung chữ",
            "script `{found}` is not allowed in a text field"
        )
    } else {
        tr!(
            "Không được dùng thẻ HTML `{found}` trong nội dung chữ: trang sẽ hiện nguyên văn các ký tự này",
            "HTML `{found}` is not allowed in a text field: the page would show it as written"
        )
    };
    Diagnostic::error(file.path.clone(), message)
        .at(position)
        .span(found.chars().count())
        .expected(tr!(
            "chữ thuần, hoặc Markdown ở các trường cho phép định dạng",
            "plain text, or Markdown in the fields that allow formatting"
        ))
        .hint(tr!(
            "xóa thẻ này; định dạng bằng Markdown (`**đậm**`, `[liên kết](https://…)`)",
            "remove the tag; format with Markdown (`**bold**`, `[link](https://…)`)"
        ))
}

// ---------------------------------------------------------------------------
// serde's errors, explained

fn to_diagnostic(file: &SourceFile, err: &serde_yaml::Error) -> Diagnostic {
    let position = err
        .location()
        .map(|l| Position {
            line: l.line() + file.yaml_line_offset,
            column: l.column(),
        })
        .unwrap_or(Position {
            line: 1 + file.yaml_line_offset,
            column: 1,
        });
    let raw = strip_location(&err.to_string());
    let explained = explain(&raw);
    // serde_yaml places errors in a value (a bad date, a wrong type) at the start of
    // the enclosing entry; the path in its message finds the value itself.
    let (position, length) = match error_path(&raw) {
        Some(path) if !explained.at_key => {
            let (found, length) = file.locate_span(&path);
            let (found, length) = if found.line >= position.line || is_blank_at(file, found) {
                (found, length)
            } else {
                (position, 0)
            };
            // The path may stop at the entry: find the offending value inside it.
            match &explained.subject {
                Some(value) => file
                    .find_after(found, value, 60)
                    .map(|p| (p, value.chars().count()))
                    .unwrap_or((found, length)),
                None => (found, length),
            }
        }
        None if !explained.at_key => {
            // A top-level field (no path in the message): serde_yaml places the error
            // at the start of the document; the value named in the message is below.
            match &explained.subject {
                Some(value) => file
                    .find_after(position, value, 200)
                    .map(|p| (p, value.chars().count()))
                    .unwrap_or((position, 0)),
                None => (position, 0),
            }
        }
        _ => {
            // At a field name: underline it when it is written there.
            let length = explained
                .subject
                .as_deref()
                .filter(|name| file.find_after(position, name, 1) == Some(position))
                .map_or(0, |name| name.chars().count());
            (position, length)
        }
    };
    let mut d = Diagnostic::error(file.path.clone(), explained.message)
        .at(position)
        .span(length)
        .maybe_hint(explained.hint);
    if let Some(expected) = explained.expected {
        d = d.expected(expected);
    }
    d
}

/// True when nothing but blanks or a comment follows `at` on its line: a value
/// left empty.
fn is_blank_at(file: &SourceFile, at: Position) -> bool {
    let Some(line) = file.text.lines().nth(at.line.saturating_sub(1)) else {
        return false;
    };
    let rest: String = line.chars().skip(at.column.saturating_sub(1)).collect();
    let rest = rest.trim_start();
    rest.is_empty() || rest.starts_with('#')
}

/// The path serde_yaml puts before its message: `candidates[3].birth_date: …`.
fn error_path(raw: &str) -> Option<crate::content::source::YamlPath> {
    let (context, _) = raw.split_once(": ")?;
    if context.contains(' ') || context.is_empty() || context.contains(SEPARATOR) {
        return None;
    }
    let mut path = crate::content::source::YamlPath::root();
    for part in context.replace('[', ".").replace(']', "").split('.') {
        if part.is_empty() {
            continue;
        }
        path = match part.parse::<usize>() {
            Ok(i) => path.item(i),
            Err(_) => path.field(part),
        };
    }
    Some(path)
}

/// serde_yaml appends " at line 3 column 5"; the diagnostic carries that itself.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

// ---------------------------------------------------------------------------
// Positions

/// Where a value or key is written, and how many characters it takes on its line (0
/// when unknown or spread over several lines).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub position: Position,
    pub length: usize,
}

/// Positions of every value (`a.3.b`) and every key (`a.3.b@`) in a YAML text.
pub type PositionIndex = HashMap<String, Span>;

/// Every position of a YAML text. Iterative, so any nesting is safe; a syntax error
/// simply ends the index, and the positions found so far still help.
pub fn index_positions(text: &str) -> PositionIndex {
    let mut builder = PositionBuilder::default();
    let mut parser = Parser::new_from_str(text);
    while let Ok((event, mark)) = parser.next_token() {
        if event == Event::StreamEnd {
            break;
        }
        builder.on_event(event, mark);
    }
    builder.index
}

enum Frame {
    Sequence { next: usize },
    Mapping { key: Option<String> },
}

/// What a node is to its parent.
enum Role {
    Root,
    /// A value in a sequence or a mapping, with its path segment.
    Child(String),
    /// A mapping key.
    Key,
}

#[derive(Default)]
struct PositionBuilder {
    stack: Vec<Frame>,
    /// For each open container: whether it pushed a segment onto `path`.
    pushed: Vec<bool>,
    path: Vec<String>,
    index: PositionIndex,
}

impl PositionBuilder {
    fn role(&mut self, scalar: Option<&str>, span: Span) -> Role {
        match self.stack.last_mut() {
            None => Role::Root,
            Some(Frame::Sequence { next }) => {
                *next += 1;
                Role::Child((*next - 1).to_string())
            }
            Some(Frame::Mapping { key }) => match key.take() {
                Some(k) => Role::Child(k),
                None => {
                    let name = scalar.unwrap_or("?").to_string();
                    let mut full = self.path.clone();
                    full.push(name.clone());
                    self.index.insert(format!("{}@", full.join(".")), span);
                    *key = Some(name);
                    Role::Key
                }
            },
        }
    }

    fn record(&mut self, segment: Option<&str>, span: Span) {
        let mut key = self.path.join(".");
        if let Some(seg) = segment {
            if !key.is_empty() {
                key.push('.');
            }
            key.push_str(seg);
        }
        self.index.entry(key).or_insert(span);
    }

    /// Just after the `key:` whose value comes next, when one does.
    fn after_pending_key(&self) -> Option<Position> {
        let Some(Frame::Mapping { key: Some(name) }) = self.stack.last() else {
            return None;
        };
        let mut full = self.path.clone();
        full.push(name.clone());
        let key = self.index.get(&format!("{}@", full.join(".")))?;
        Some(Position {
            line: key.position.line,
            column: key.position.column + key.length + 1,
        })
    }

    fn leaf(&mut self, scalar: Option<&str>, span: Span) {
        match self.role(scalar, span) {
            Role::Root => self.record(None, span),
            Role::Child(seg) => self.record(Some(&seg), span),
            Role::Key => {}
        }
    }

    fn open(&mut self, frame: Frame, span: Span) {
        let pushed = match self.role(None, span) {
            Role::Root => {
                self.record(None, span);
                false
            }
            Role::Child(seg) => {
                self.record(Some(&seg), span);
                self.path.push(seg);
                true
            }
            Role::Key => {
                self.path.push("?".into());
                true
            }
        };
        self.pushed.push(pushed);
        self.stack.push(frame);
    }

    fn close(&mut self) {
        self.stack.pop();
        if self.pushed.pop() == Some(true) {
            self.path.pop();
        }
    }

    fn on_event(&mut self, event: Event, mark: Marker) {
        let at = |length| Span {
            position: to_position(mark),
            length,
        };
        match event {
            Event::Scalar(value, style, ..) => {
                let length = scalar_length(&value, style);
                let mut span = at(length);
                // A value left blank (`name:`) is marked where the next token starts,
                // often the next line: place it right after its key instead.
                if value.is_empty() && style == TScalarStyle::Plain {
                    if let Some(after) = self.after_pending_key() {
                        span.position = after;
                    }
                }
                self.leaf(Some(&value), span)
            }
            Event::Alias(_) => self.leaf(None, at(0)),
            Event::SequenceStart(..) => self.open(Frame::Sequence { next: 0 }, at(0)),
            Event::MappingStart(..) => self.open(Frame::Mapping { key: None }, at(0)),
            Event::SequenceEnd | Event::MappingEnd => self.close(),
            _ => {}
        }
    }
}

fn to_position(mark: Marker) -> Position {
    Position {
        line: mark.line(),
        column: mark.col() + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_script_address_in_any_case_asks_for_the_scan() {
        for text in [
            "bio: \"[x](javascript:alert(1))\"\n",
            "bio: \"VBScript:x\"\n",
            "bio: SCRIPT:x\n",
            "script: x\n",
        ] {
            assert!(has_script_colon(text), "{text}");
            assert!(needs_scan(text), "{text}");
        }
        for text in [
            "name: Nguyễn Văn An\nnote: \"script x: y\"\n",
            "scrip: x\n",
            ": script\n",
            "",
        ] {
            assert!(!has_script_colon(text), "{text}");
            assert!(!needs_scan(text), "{text}");
        }
    }

    #[test]
    fn indexes_values_and_keys() {
        let text = "level: quoc-hoi\ncandidates:\n  - id: a\n    unit: 1\n  - id: b\n    unit: 2\n";
        let index = index_positions(text);
        assert_eq!(index["level"].position, Position { line: 1, column: 8 });
        assert_eq!(index["level"].length, 8);
        assert_eq!(
            index["candidates.1.unit"].position,
            Position {
                line: 6,
                column: 11
            }
        );
        assert_eq!(
            index["candidates.1.unit@"].position,
            Position { line: 6, column: 5 }
        );
        assert_eq!(index["candidates.1.unit@"].length, 4);
        assert_eq!(index["candidates.0"].position.line, 3);
    }

    #[test]
    fn indexes_flow_style() {
        let text = "units:\n  - {number: 1, seats: 3, communes: [1, 2]}\n";
        let index = index_positions(text);
        assert_eq!(index["units.0.seats"].position.line, 2);
        assert_eq!(index["units.0.communes.1"].position.line, 2);
    }

    #[test]
    fn quoted_values_are_underlined_with_their_quotes() {
        let index = index_positions("a: \"xyz\"\nb: 'q'\n");
        assert_eq!(index["a"].position.column, 4);
        assert_eq!(index["a"].length, 5);
        assert_eq!(index["b"].length, 3);
    }

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
