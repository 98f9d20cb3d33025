//! Raw HTML where a province allows it (`markdown: {raw_html: true}`): a corpus of
//! known script-injection vectors (OWASP's filter-evasion list, mutation XSS, the
//! ones found against baucu) must each be refused by `check` at its line, and the
//! body the renderer publishes from them must hold nothing that can run, parsed as a
//! browser would (html5ever, through scraper).

mod common;

use common::*;
use scraper::{Html, Selector};

const NEWS: &str = "content/quang-ninh/news/2026-01-08-tap-huan-nghiep-vu-bau-cu.md";

/// One vector a line: each is a whole HTML block or an inline tag in a paragraph.
const VECTORS: &[&str] = &[
    // Found against baucu (issue 21).
    "<div><b>x</b><img src=x onerror=alert(1)></div>",
    "<!-- n --><img src=x onerror=alert(2)>",
    "a <img src=x onerror =alert(4)> b",
    "<a href=\"java&#115;cript:alert(8)\">x</a>",
    "<button formaction=\"javascript:alert(16)\">x</button>",
    // OWASP XSS filter evasion.
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=javascript:alert('XSS')>",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
    "<a onmouseover=\"alert(document.cookie)\">xxs link</a>",
    "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\"\\>",
    "<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>",
    "<IMG SRC=# onmouseover=\"alert('xxs')\">",
    "<IMG SRC=/ onerror=\"alert(String.fromCharCode(88,83,83))\"></img>",
    "<img src=x onerror=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041\">",
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
    "<IMG SRC=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041>",
    "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>",
    "<IMG SRC=\"jav\tascript:alert('XSS');\">",
    "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
    "<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">",
    "<IMG SRC=\"jav&#x0D;ascript:alert('XSS');\">",
    "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
    "<SCRIPT/XSS SRC=\"http://xss.example/xss.js\"></SCRIPT>",
    "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(\"XSS\")>",
    "<<SCRIPT>alert(\"XSS\");//\\<</SCRIPT>",
    "<SCRIPT SRC=http://xss.example/xss.js?< B >",
    "<iframe src=http://xss.example/scriptlet.html <",
    "</TITLE><SCRIPT>alert(\"XSS\");</SCRIPT>",
    "<INPUT TYPE=\"IMAGE\" SRC=\"javascript:alert('XSS');\">",
    "<BODY BACKGROUND=\"javascript:alert('XSS')\">",
    "<IMG DYNSRC=\"javascript:alert('XSS')\">",
    "<IMG LOWSRC=\"javascript:alert('XSS')\">",
    "<STYLE>li {list-style-image: url(\"javascript:alert('XSS')\");}</STYLE><UL><LI>XSS</br>",
    "<svg/onload=alert('XSS')>",
    "<BODY ONLOAD=alert('XSS')>",
    "<BGSOUND SRC=\"javascript:alert('XSS');\">",
    "<LINK REL=\"stylesheet\" HREF=\"javascript:alert('XSS');\">",
    "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert('XSS');\">",
    "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=data:text/html base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K\">",
    "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>",
    "<FRAMESET><FRAME SRC=\"javascript:alert('XSS');\"></FRAMESET>",
    "<TABLE BACKGROUND=\"javascript:alert('XSS')\"><tr><td>x</td></tr></TABLE>",
    "<table><tr><TD BACKGROUND=\"javascript:alert('XSS')\">x</td></tr></table>",
    "<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">x</DIV>",
    "<DIV STYLE=\"width: expression(alert('XSS'));\">x</DIV>",
    "<BASE HREF=\"javascript:alert('XSS');//\">",
    "<OBJECT TYPE=\"text/x-scriptlet\" DATA=\"http://xss.example/scriptlet.html\"></OBJECT>",
    "<EMBED SRC=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\" type=\"image/svg+xml\" AllowScriptAccess=\"always\"></EMBED>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
    "<a href=\"&#x6A;avascript&colon;alert(1)\">x</a>",
    "<a href=\"javascript&#58;alert(1)\">x</a>",
    "<a href=\"vbscript:msgbox(1)\">x</a>",
    "<a href=\"  JAVASCRIPT:alert(1)\">x</a>",
    "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
    "<details open ontoggle=alert(1)>x</details>",
    "<video><source onerror=\"alert(1)\"></video>",
    "<audio src=x onerror=alert(1)></audio>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<isindex action=javascript:alert(1) type=image>",
    "<marquee onstart=alert(1)>x</marquee>",
    "<div onfocus=alert(1) tabindex=0 autofocus>x</div>",
    "<form action=\"javascript:alert(1)\"><input type=submit></form>",
    "<p><a href=\"/tin-tuc/\" onclick=\"alert(1)\">tin</a></p>",
    // Mutation XSS: markup that a parser re-reads differently once serialised.
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
    "<svg><p><style><img src=x onerror=alert(1)></style></p></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
    "<svg></p><style><a id=\"</style><img src=1 onerror=alert(1)>\">",
    "<xmp><img src=x onerror=alert(1)></xmp>",
    "<textarea><img src=x onerror=alert(1)></textarea>",
    "<template><img src=x onerror=alert(1)></template>",
    "<select><template><style><img src=x onerror=alert(1)></style></template></select>",
];

/// Elements that run, load or embed code, or change how the page around is read.
const ACTIVE: &[&str] = &[
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta",
    "link", "form", "input", "button", "svg", "math", "noscript", "textarea", "xmp", "template",
    "select", "body", "isindex", "bgsound", "video", "audio", "marquee",
];

/// True when `value`, as a browser reads an address, would run or smuggle a document.
fn runs(value: &str) -> bool {
    let compact: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|scheme| compact.starts_with(scheme))
}

/// Panics with what is wrong if `html` holds anything that can run.
fn assert_inert(vector: &str, html: &str) {
    let doc = Html::parse_fragment(html);
    for element in doc.select(&Selector::parse("*").unwrap()) {
        let name = element.value().name();
        assert!(
            !ACTIVE.contains(&name),
            "<{name}> survived from {vector:?}: {html}"
        );
        for (attribute, value) in element.value().attrs() {
            assert!(
                !attribute.starts_with("on") && attribute != "style",
                "{attribute} on <{name}> survived from {vector:?}: {html}"
            );
            assert!(
                !runs(value),
                "{attribute}={value:?} on <{name}> survived from {vector:?}: {html}"
            );
        }
    }
}

#[test]
fn no_vector_survives_the_renderer() {
    assert!(VECTORS.len() >= 50, "a corpus of at least 50 vectors");
    for vector in VECTORS {
        let html = baucu::render::markdown::to_html(vector, true, 2, &|_| None);
        assert_inert(vector, &html);
        // Text next to a vector is kept: the sanitiser removes markup, not words.
        let html =
            baucu::render::markdown::to_html(&format!("Cử tri {vector}"), true, 2, &|_| None);
        assert!(html.contains("Cử tri"), "{html}");
        assert_inert(vector, &html);
    }
}

/// The news file that holds vector `i` alone (vectors must not run into each other:
/// an unclosed `<script>` would swallow the next one, as it does in a browser).
fn vector_file(i: usize) -> String {
    format!("content/quang-ninh/news/2026-01-09-vector-{i:02}.md")
}

#[test]
fn check_refuses_every_vector_at_its_line_and_the_build_publishes_nothing() {
    let (project, report) = broken(|root| {
        replace_in(
            root,
            "content/quang-ninh/province.yaml",
            "links:\n",
            "markdown: {raw_html: true}\nlinks:\n",
        );
        for (i, vector) in VECTORS.iter().enumerate() {
            let news = format!(
                "---\ntitle: Vector {i}\ndate: 2026-01-09T08:00:00+07:00\ncategory: tap-huan\n---\nCử tri lưu ý.\n\n{vector}\n\nHết.\n"
            );
            write_file(root, &vector_file(i), news);
        }
    });
    let mut as_text = 0;
    for (i, vector) in VECTORS.iter().enumerate() {
        // Markdown that reads a broken tag as text publishes it escaped, as letters
        // the editor sees on the page.
        if baucu::render::markdown::to_html(vector, true, 2, &|_| None).contains("&lt;") {
            as_text += 1;
            continue;
        }
        let file = vector_file(i);
        let lines = 8..=8 + vector.matches('\n').count();
        let refused = report
            .diagnostics
            .iter()
            .any(|d| d.is_error() && d.file.ends_with(&file) && lines.contains(&d.line));
        assert!(
            refused,
            "no error at line 8 of {file} for {vector:?}:\n{}",
            listing(&report)
        );
    }
    let refused = VECTORS.len() - as_text;
    assert!(refused >= 50, "only {refused} vectors reach the sanitiser");
    assert_build_refused(project.path());
}

#[test]
fn allowed_html_is_published_as_written() {
    let project = sample_copy();
    let root = project.path();
    replace_in(
        root,
        "content/quang-ninh/province.yaml",
        "links:\n",
        "markdown: {raw_html: true}\nlinks:\n",
    );
    let path = root.join(NEWS);
    let text = std::fs::read_to_string(&path).unwrap();
    let html = "<div class=\"ghi-chu\"><p>Cử tri <mark>lưu ý</mark>: <a href=\"/tra-cuu/\">tra cứu</a>.</p>\n<table><tr><th scope=\"row\">Giờ</th><td>7:00</td></tr></table></div>\n";
    std::fs::write(&path, format!("{text}\n{html}")).unwrap();
    let report = check(root);
    assert_clean(&report);
    let built = build_into(root, false);
    let page = built.page("quang-ninh", "/tin-tuc/tap-huan-nghiep-vu-bau-cu/");
    let note = select(&page, "div.ghi-chu");
    assert_eq!(note.len(), 1, "the editor's block is published");
    assert_eq!(text_of(&select(&page, "div.ghi-chu mark")[0]), "lưu ý");
    let link = &select(&page, "div.ghi-chu a")[0];
    assert_eq!(link.value().attr("href"), Some("/tra-cuu/"));
    assert_eq!(
        select(&page, "div.ghi-chu th")[0].value().attr("scope"),
        Some("row")
    );
}
