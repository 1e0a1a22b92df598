//! HTML: a saved web page → the text lines the rest of the pipeline reads.
//!
//! Told by content, not by the file's name: a document whose first non-blank character opens a tag of
//! a page (`<!DOCTYPE html>`, `<html>`, `<head>`, `<body>`, `<meta>`, a comment) is a page. It is parsed
//! by a real HTML5 parser (html5ever, through `scraper`), which decodes entities and mends broken markup
//! as browsers do. Block elements and `<br>` end lines; scripts, styles, the page's head, navigation
//! and forms are no text; a table is read row by row, a row of two cells as `label:value` (`提案者 |
//! 张三` → `提案者:张三`). The page's declared charset (`<meta charset=gbk>`, `http-equiv`) is read
//! before the bytes are decoded; a BOM wins over it, and a declaration the bytes do not bear out is
//! passed over for detection.

use ego_tree::NodeRef;
use encoding_rs::Encoding;
use scraper::{Html, Node};

/// Elements whose content is no text of the report.
const NOT_TEXT: [&str; 14] = [
    "head", "script", "style", "noscript", "template", "nav", "form", "select", "button", "iframe", "svg",
    "object", "canvas", "footer",
];

/// Elements that stand on lines of their own.
const BLOCKS: [&str; 27] = [
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "section",
    "article",
    "header",
    "main",
    "aside",
    "blockquote",
    "pre",
    "address",
    "figure",
    "figcaption",
    "hr",
    "center",
];

/// What a page opens with, in lower case: the first non-blank characters of a saved web page.
const PAGE_OPENINGS: [&str; 6] = ["<!doctype html", "<html", "<head", "<body", "<meta", "<!--"];

/// Whether `text` is a web page ([`PAGE_OPENINGS`]).
pub fn is_page(text: &str) -> bool {
    let start = text.trim_start_matches(['\u{FEFF}', ' ', '\t', '\r', '\n']);
    let head: String = start.chars().take(16).flat_map(char::to_lowercase).collect();
    PAGE_OPENINGS.iter().any(|o| head.starts_with(o)) && (!head.starts_with("<!--") || has_page_tag(start))
}

/// Whether a text that opens with a comment goes on as a page.
fn has_page_tag(text: &str) -> bool {
    let head: String = text.chars().take(4096).flat_map(char::to_lowercase).collect();
    ["<html", "<body", "<p>", "<p ", "<div"].iter().any(|t| head.contains(t))
}

/// The charset a page's bytes declare in their first kilobytes (`<meta charset="gbk">`, `<meta
/// http-equiv="Content-Type" content="text/html; charset=gb2312">`), if they are a page and declare
/// one tian knows.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    // Most documents are no page, which their first character that is not white space tells.
    let first = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    if bytes[first] != b'<' {
        return None;
    }
    let head = &bytes[first..bytes.len().min(first + 4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let text = String::from_utf8_lossy(&lower);
    if !is_page(&text) {
        return None;
    }
    let at = text.find("charset=")? + "charset=".len();
    let label: String = text[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    Encoding::for_label(label.as_bytes())
}

/// The text of a page, a line for each block, `<br>` and table row.
pub fn text_of(page: &str) -> String {
    let html = Html::parse_document(page);
    let mut out = Lines::default();
    walk(html.tree.root(), &mut out);
    out.finish()
}

/// The lines being written: the text of the line at hand, with white space collapsed as a browser
/// collapses it.
#[derive(Default)]
struct Lines {
    done: Vec<String>,
    line: String,
}

impl Lines {
    fn push_text(&mut self, text: &str) {
        for c in text.chars() {
            // HTML's white space (not the no-break or the wide space, which are text).
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
                if !self.line.is_empty() && !self.line.ends_with(' ') {
                    self.line.push(' ');
                }
            } else {
                self.line.push(c);
            }
        }
    }

    fn end_line(&mut self) {
        let line = self.line.trim_end_matches(' ');
        if !line.is_empty() {
            self.done.push(line.to_owned());
        }
        self.line.clear();
    }

    fn finish(mut self) -> String {
        self.end_line();
        let mut text = self.done.join("\n");
        text.push('\n');
        text
    }
}

fn walk(node: NodeRef<'_, Node>, out: &mut Lines) {
    match node.value() {
        Node::Text(text) => out.push_text(text),
        Node::Element(element) => {
            let name = element.name();
            if NOT_TEXT.contains(&name) {
                return;
            }
            match name {
                "br" => out.end_line(),
                "tr" => row(node, out),
                _ => {
                    let block = BLOCKS.contains(&name);
                    if block {
                        out.end_line();
                    }
                    for child in node.children() {
                        walk(child, out);
                    }
                    if block {
                        out.end_line();
                    }
                }
            }
        }
        Node::Document | Node::Fragment => {
            for child in node.children() {
                walk(child, out);
            }
        }
        _ => {}
    }
}

/// A table row on a line of its own: two cells as `label:value`, more with a space between them.
fn row(node: NodeRef<'_, Node>, out: &mut Lines) {
    out.end_line();
    let cells: Vec<String> = node
        .children()
        .filter(|c| matches!(c.value(), Node::Element(e) if matches!(e.name(), "td" | "th")))
        .map(|cell| {
            let mut lines = Lines::default();
            walk(cell, &mut lines);
            lines.end_line();
            lines.done.join(" ")
        })
        .filter(|cell| !cell.is_empty())
        .collect();
    let line = crate::grammar::row_line(&cells);
    out.push_text(&line);
    out.end_line();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_told_by_their_opening() {
        assert!(is_page("<!DOCTYPE html><html><body><p>第1号提案</p></body></html>"));
        assert!(is_page("\u{FEFF}  <html lang=\"zh\">"));
        assert!(is_page("<!-- saved from url -->\n<html>"));
        assert!(!is_page("<!-- a comment in a text -->\n第1号提案"));
        assert!(!is_page("第1号提案\n<p>是文中的标记</p>"));
        assert!(!is_page("《关于甲的建议》"));
    }

    #[test]
    fn blocks_and_breaks_end_lines_and_furniture_is_no_text() {
        let page = "<html><head><title>站名</title><style>p{}</style></head><body>\
            <nav><a href=/>首页</a> &gt; <a>政协要闻</a></nav>\
            <h1>区政协重点提案督办情况综述</h1><p>一年来,&nbsp;区政协\n    共收到提案<b>286</b>件。</p>\
            <div>第1号提案<br>《关于甲的建议》</div><script>var x = '第9号提案';</script>\
            <table><tr><td>提案者</td><td>张三</td></tr><tr><th>主办单位:</th><td>区发改局</td></tr>\
            <tr><td>a</td><td>b</td><td>c</td></tr></table><footer>版权所有</footer></body></html>";
        assert_eq!(
            text_of(page),
            "区政协重点提案督办情况综述\n一年来,\u{a0}区政协 共收到提案286件。\n第1号提案\n《关于甲的建议》\n\
             提案者:张三\n主办单位: 区发改局\na b c\n"
        );
    }

    #[test]
    fn a_declared_charset_is_read_from_the_bytes() {
        let gbk = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">";
        assert_eq!(declared_charset(gbk), Some(encoding_rs::GBK));
        assert_eq!(declared_charset(b"<!DOCTYPE html><meta charset='GBK'>"), Some(encoding_rs::GBK));
        assert_eq!(declared_charset(b"<html><meta charset=utf-8>"), Some(encoding_rs::UTF_8));
        assert_eq!(declared_charset(b"charset=gbk in a text"), None, "not a page");
        assert_eq!(declared_charset(b"<html><meta charset=klingon>"), None);
    }
}
