//! JavaScript minified by removing comments and the whitespace no token needs, and
//! nothing else: no renaming, no reordering, so the output depends on the script
//! alone (builds stay reproducible).
//!
//! Why by hand: the minifiers at hand are either not reproducible (minify-js orders
//! hoisted functions by a hash map), heavy to compile for one 15 KB script (oxc, swc),
//! or rewrite code they should not (minifier-rs joins `let a = 1⏎let b = 2` into
//! `let a=1let b=2` and `return⏎x` into `return x`).
//!
//! What it understands: strings, template literals (with `${…}` nested to any depth),
//! regular expression literals (told from division by the token before them, with
//! character classes), line and block comments (`/*! … */` licence comments are
//! kept). Line breaks are kept wherever automatic semicolon insertion could depend
//! on them, and a space is kept wherever joining two tokens could make one (`a + +b`,
//! `x / /re/`, `1 .toFixed`). A script it cannot read to the end (an unterminated
//! string, comment, template or regular expression) is left as written.

/// The script without its comments and needless whitespace; `None` when it cannot
/// be read to the end.
pub fn minify_js(source: &str) -> Option<String> {
    let mut m = Minifier {
        chars: source.chars().collect(),
        i: 0,
        out: String::with_capacity(source.len()),
        pending: Gap::None,
        previous: Previous::Start,
        braces: 0,
        templates: Vec::new(),
        parens: Vec::new(),
    };
    m.run()?;
    Some(m.out)
}

/// Whitespace and comments seen since the last token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Gap {
    None,
    Space,
    LineBreak,
}

/// The last token written, as far as telling a regular expression from a division
/// needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Previous {
    Start,
    /// An identifier, keyword or number; `after_dot` when it is a property name.
    Word {
        text: String,
        after_dot: bool,
    },
    /// A string, template or regular expression.
    Literal {
        regex: bool,
    },
    /// `)` or `]`: a value ends there (but see `parens`).
    CloseValue,
    /// Any other punctuator, its last character.
    Punctuator(char),
}

/// Keywords after which `/` starts a regular expression.
const BEFORE_EXPRESSION: [&str; 14] = [
    "return",
    "typeof",
    "instanceof",
    "in",
    "of",
    "new",
    "delete",
    "void",
    "throw",
    "case",
    "do",
    "else",
    "yield",
    "await",
];

struct Minifier {
    chars: Vec<char>,
    i: usize,
    out: String,
    pending: Gap,
    previous: Previous,
    /// Open `{` in code (template substitutions included).
    braces: usize,
    /// For each template substitution open, the value of `braces` when it opened.
    templates: Vec<usize>,
    /// For each open `(`: whether it follows `if`, `while`, `for` or `with` (then
    /// the `)` ends a condition, and a regular expression may follow).
    parens: Vec<bool>,
}

fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{b}' | '\u{c}' | '\u{a0}' | '\u{feff}')
        || (!c.is_ascii() && c.is_whitespace() && !is_line_break(c))
}

/// A character that can be part of an identifier, keyword or number.
fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '_' | '$' | '\\' | '#')
        || (!c.is_ascii() && !c.is_whitespace())
}

/// A character of an operator: two of them never touch where whitespace was.
fn is_operator(c: char) -> bool {
    matches!(
        c,
        '+' | '-'
            | '*'
            | '/'
            | '%'
            | '<'
            | '>'
            | '='
            | '!'
            | '&'
            | '|'
            | '^'
            | '~'
            | '?'
            | ':'
            | '.'
    )
}

impl Minifier {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.i + ahead).copied()
    }

    fn run(&mut self) -> Option<()> {
        // A hashbang line stays as it is.
        if self.peek(0) == Some('#') && self.peek(1) == Some('!') {
            while let Some(c) = self.peek(0).filter(|&c| !is_line_break(c)) {
                self.out.push(c);
                self.i += 1;
            }
        }
        while let Some(c) = self.peek(0) {
            if is_line_break(c) {
                self.pending = Gap::LineBreak;
                self.i += 1;
            } else if is_space(c) {
                self.pending = self.pending.max(Gap::Space);
                self.i += 1;
            } else if c == '/' && self.peek(1) == Some('/') {
                while self.peek(0).is_some_and(|c| !is_line_break(c)) {
                    self.i += 1;
                }
            } else if c == '/' && self.peek(1) == Some('*') {
                self.block_comment()?;
            } else if c == '\'' || c == '"' {
                self.token_start(c);
                self.string(c)?;
                self.previous = Previous::Literal { regex: false };
            } else if c == '`' {
                self.token_start(c);
                self.out.push('`');
                self.i += 1;
                self.template()?;
            } else if c == '/' && self.regex_allowed() {
                self.token_start(c);
                self.regex()?;
                self.previous = Previous::Literal { regex: true };
            } else if is_word(c) {
                self.token_start(c);
                let start = self.i;
                while self.peek(0).is_some_and(is_word) {
                    self.i += 1;
                }
                let text: String = self.chars[start..self.i].iter().collect();
                self.out.push_str(&text);
                let after_dot = self.out[..self.out.len() - text.len()].ends_with('.');
                self.previous = Previous::Word { text, after_dot };
            } else {
                self.punctuator(c)?;
            }
        }
        Some(())
    }

    /// Writes the whitespace that must stay before a token starting with `next`.
    fn token_start(&mut self, next: char) {
        let gap = std::mem::replace(&mut self.pending, Gap::None);
        let Some(last) = self.out.chars().next_back() else {
            return;
        };
        let space = (is_word(last) && (is_word(next) || matches!(next, '\'' | '"' | '`')))
            || (is_operator(last) && is_operator(next))
            || (last.is_ascii_digit() && next == '.')
            || (matches!(self.previous, Previous::Literal { regex: true }) && is_word(next));
        match gap {
            Gap::None => {}
            // No semicolon can be inserted after these, nor before those.
            Gap::LineBreak
                if !matches!(last, ';' | '{' | '(' | ',' | '[')
                    && !matches!(next, ';' | ')' | ']' | '}' | ',') =>
            {
                self.out.push('\n')
            }
            _ if space => self.out.push(' '),
            _ => {}
        }
    }

    fn block_comment(&mut self) -> Option<()> {
        let start = self.i;
        self.i += 2;
        let mut line_break = false;
        loop {
            match self.peek(0)? {
                '*' if self.peek(1) == Some('/') => break,
                c => {
                    line_break |= is_line_break(c);
                    self.i += 1;
                }
            }
        }
        self.i += 2;
        if self.chars.get(start + 2) == Some(&'!') {
            // A licence comment stays, on its own.
            self.token_start('/');
            self.out.extend(&self.chars[start..self.i]);
            self.pending = Gap::LineBreak;
        } else {
            // A comment holding a line break counts as one (for semicolon insertion).
            let gap = if line_break {
                Gap::LineBreak
            } else {
                Gap::Space
            };
            self.pending = self.pending.max(gap);
        }
        Some(())
    }

    fn string(&mut self, quote: char) -> Option<()> {
        self.out.push(quote);
        self.i += 1;
        loop {
            let c = self.peek(0)?;
            self.out.push(c);
            self.i += 1;
            match c {
                '\\' => {
                    // An escape, a line continuation included (`\r\n` is one).
                    let escaped = self.peek(0)?;
                    self.out.push(escaped);
                    self.i += 1;
                    if escaped == '\r' && self.peek(0) == Some('\n') {
                        self.out.push('\n');
                        self.i += 1;
                    }
                }
                c if c == quote => return Some(()),
                '\n' | '\r' => return None,
                _ => {}
            }
        }
    }

    /// The rest of a template literal (or of one after a substitution), as written,
    /// up to its end or the next `${`.
    fn template(&mut self) -> Option<()> {
        loop {
            let c = self.peek(0)?;
            self.out.push(c);
            self.i += 1;
            match c {
                '\\' => {
                    self.out.push(self.peek(0)?);
                    self.i += 1;
                }
                '`' => {
                    self.previous = Previous::Literal { regex: false };
                    return Some(());
                }
                '$' if self.peek(0) == Some('{') => {
                    self.out.push('{');
                    self.i += 1;
                    self.templates.push(self.braces);
                    self.previous = Previous::Punctuator('{');
                    return Some(());
                }
                _ => {}
            }
        }
    }

    fn regex_allowed(&self) -> bool {
        match &self.previous {
            Previous::Start | Previous::Punctuator(_) => true,
            Previous::Word { text, after_dot } => {
                !after_dot && BEFORE_EXPRESSION.contains(&text.as_str())
            }
            Previous::Literal { .. } | Previous::CloseValue => false,
        }
    }

    /// A regular expression literal with its flags, as written.
    fn regex(&mut self) -> Option<()> {
        self.out.push('/');
        self.i += 1;
        let mut class = false;
        loop {
            let c = self.peek(0)?;
            if is_line_break(c) {
                return None;
            }
            self.out.push(c);
            self.i += 1;
            match c {
                '\\' => {
                    let escaped = self.peek(0).filter(|&c| !is_line_break(c))?;
                    self.out.push(escaped);
                    self.i += 1;
                }
                '[' => class = true,
                ']' => class = false,
                '/' if !class => break,
                _ => {}
            }
        }
        while let Some(flag) = self.peek(0).filter(|&c| is_word(c)) {
            self.out.push(flag);
            self.i += 1;
        }
        Some(())
    }

    fn punctuator(&mut self, c: char) -> Option<()> {
        self.token_start(c);
        self.i += 1;
        match c {
            '{' => {
                self.braces += 1;
                self.out.push('{');
            }
            '}' if self.templates.last() == Some(&self.braces) => {
                // The end of a template substitution: the template goes on.
                self.templates.pop();
                self.out.push('}');
                return self.template();
            }
            '}' => {
                self.braces = self.braces.checked_sub(1)?;
                self.out.push('}');
            }
            '(' => {
                let condition = matches!(
                    &self.previous,
                    Previous::Word { text, after_dot: false }
                        if matches!(text.as_str(), "if" | "while" | "for" | "with")
                );
                self.parens.push(condition);
                self.out.push('(');
            }
            ')' => {
                let condition = self.parens.pop()?;
                self.out.push(')');
                self.previous = if condition {
                    Previous::Punctuator(')')
                } else {
                    Previous::CloseValue
                };
                return Some(());
            }
            ']' => {
                self.out.push(']');
                self.previous = Previous::CloseValue;
                return Some(());
            }
            c => self.out.push(c),
        }
        // `}` may end a block (a regular expression may follow) or an object literal
        // (a division would be odd): taken as the end of a block.
        self.previous = Previous::Punctuator(c);
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn min(source: &str) -> String {
        minify_js(source).unwrap_or_else(|| panic!("{source:?} reads to the end"))
    }

    #[test]
    fn comments_and_spaces_go() {
        assert_eq!(
            min("// head\nfunction f ( a , b ) {\n  /* sum */ return a + b; // tail\n}\n"),
            "function f(a,b){return a+b;}"
        );
        assert_eq!(
            min("const x = 1; /*! licence */ const y = 2;"),
            "const x=1;/*! licence */\nconst y=2;"
        );
        assert_eq!(min("let a = [1, 2] ;"), "let a=[1,2];");
    }

    #[test]
    fn line_breaks_stay_where_semicolons_may_be_inserted() {
        assert_eq!(min("let a = 1\nlet b = 2\n"), "let a=1\nlet b=2");
        assert_eq!(
            min("function f() {\n  return\n  x\n}"),
            "function f(){return\nx}"
        );
        assert_eq!(min("a\n++b"), "a\n++b");
        assert_eq!(
            min("const f = (x) => x\n[1, 2].map(f)"),
            "const f=(x)=>x\n[1,2].map(f)"
        );
        assert_eq!(min("x = 1 /* a\nb */ y = 2"), "x=1\ny=2");
        assert_eq!(min("f(\n  a,\n  b\n)\n"), "f(a,b)");
    }

    #[test]
    fn tokens_that_would_merge_keep_a_space() {
        assert_eq!(min("a + +b; c - -d; e - --f"), "a+ +b;c- -d;e- --f");
        assert_eq!(
            min("x = y / /re/.exec(z).length"),
            "x=y/ /re/.exec(z).length"
        );
        assert_eq!(min("if (/a/ in o) {}"), "if(/a/ in o){}");
        assert_eq!(min("1 .toFixed(2)"), "1 .toFixed(2)");
        assert_eq!(
            min("return typeof x === 'string'"),
            "return typeof x==='string'"
        );
        assert_eq!(min("a = b ? - c : d"), "a=b? -c:d");
    }

    #[test]
    fn strings_templates_and_regular_expressions_are_kept_whole() {
        let kept = [
            r#"s = "a  // not a comment /* nor this */ 'q' \" b";"#,
            r"s = 'it\'s  here';",
            "s = `line one\n  line two // kept ${ a  +  `inner ${ b } ` } end`;",
            r"r = /[/ ]+\/\/ x/gu.test(s);",
            r"r = s.replace(/[\u0300-\u036f]/g, '');",
            "r = s.split(/([\\p{L}\\p{N}]+)/u);",
        ];
        for source in kept {
            let out = min(source);
            for literal in [
                "\"a  // not",
                "'it\\'s  here'",
                "line one\n  line two // kept",
                "`inner ${b} `",
                "/[/ ]+\\/\\/ x/gu",
                "/[\\u0300-\\u036f]/g",
                "/([\\p{L}\\p{N}]+)/u",
            ] {
                if source.contains(literal) {
                    assert!(out.contains(literal), "{literal:?} in {out:?}");
                }
            }
        }
        assert_eq!(
            min("x = `a ${ { b : 1 }.b } c` ;"),
            "x=`a ${{b:1}.b} c`;",
            "braces inside a substitution"
        );
    }

    #[test]
    fn regular_expressions_are_told_from_divisions() {
        assert_eq!(min("a = b / c / d"), "a=b/c/d");
        assert_eq!(min("a = (b + c) / 2"), "a=(b+c)/2");
        assert_eq!(min("a = x[1] / 2"), "a=x[1]/2");
        assert_eq!(min("a = o.return / 2"), "a=o.return/2");
        assert_eq!(min("if (x) /a b/.test(y)"), "if(x)/a b/.test(y)");
        assert_eq!(min("return /a b/.test(y)"), "return/a b/.test(y)");
        assert_eq!(min("f(/a b/)"), "f(/a b/)");
    }

    #[test]
    fn a_script_that_cannot_be_read_to_the_end_is_left_alone() {
        for broken in [
            "s = 'open",
            "/* open",
            "s = `open ${ a }",
            "r = /open\n/",
            "f(a))",
        ] {
            assert_eq!(minify_js(broken), None, "{broken:?}");
        }
    }

    #[test]
    fn minifying_again_changes_nothing() {
        let source = include_str!("../../themes/default/static/search.js");
        let once = min(source);
        assert!(
            once.len() < source.len() * 3 / 4,
            "{} of {}",
            once.len(),
            source.len()
        );
        assert_eq!(min(&once), once);
        assert_eq!(min(source), once, "reproducible");
    }
}
