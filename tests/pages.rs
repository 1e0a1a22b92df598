//! Saved web pages (`tests/fixtures/pages`, made by its `make.py` from samples in `input/`) give the
//! same record as the text they were made from, through the real binary: the page's navigation,
//! script, style and footer are no text, its tables of fields read as `label:value` lines, and a GBK
//! page is decoded by its `<meta>` declaration.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

mod common;

use assert_cmd::Command;
use serde_json::Value;

use common::{record, root, said};

#[test]
fn pages_give_the_record_of_their_text() {
    for (page, text, encoding) in [
        ("tests/fixtures/pages/page-utf8-xiaoshan.html", "input/xiaoshan-15-3-key-proposals.txt", "UTF-8"),
        ("tests/fixtures/pages/page-gbk-xinhui.html", "input/web-copy-xinhui.txt", "GB18030"),
    ] {
        let from_page = record(page);
        assert_eq!(from_page["source"]["encoding"], encoding, "{page}");
        let from_text = record(text);
        assert_eq!(
            (&from_page["source"]["format"], &from_text["source"]["format"]),
            (&"html".into(), &"text".into())
        );
        assert_eq!(said(from_page), said(from_text), "{page}");
    }
}

/// A page whose bytes do not bear out its declared charset (UTF-8 declared as GBK) is decoded as they
/// are: the declaration is passed over for detection.
#[test]
fn a_wrong_declaration_is_passed_over() {
    let root = root();
    let page = std::fs::read_to_string(root.join("tests/fixtures/pages/page-utf8-xiaoshan.html")).unwrap();
    let wrong = page.replace("charset=utf-8", "charset=gbk");
    let tmp = tempfile::TempDir::new().unwrap();
    let path = tmp.path().join("wrong.html");
    std::fs::write(&path, wrong).unwrap();
    let from_wrong = record(path.to_str().unwrap());
    assert_eq!(from_wrong["source"]["encoding"], "UTF-8");
    let codes: Vec<&Value> =
        from_wrong["diagnostics"].as_array().unwrap().iter().map(|d| &d["code"]).collect();
    assert_eq!(codes, [&Value::from("wrong-charset")], "said, not passed over silently");
    assert_eq!(said(from_wrong), said(record("tests/fixtures/pages/page-utf8-xiaoshan.html")));
}

/// `tian parse --text` prints the text tian reads: a page's as a browser shows it, the lines its
/// warnings name.
#[test]
fn parse_prints_the_text_it_reads() {
    let root = root();
    let out = Command::cargo_bin("tian")
        .unwrap()
        .current_dir(root)
        .args(["parse", "tests/fixtures/pages/page-gbk-xinhui.html", "--text"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().any(|l| l.contains("第12号提案")), "{text}");
    // The page's own head, script, style, navigation and footer (the sample's text has a site's lines
    // of its own, which the parser drops later).
    for furniture in
        ["政协门户网站", "pageId", "font-family", "首页 | 提案工作 | 政协要闻", "浙ICP备00000000号", "<p>"]
    {
        assert!(!text.contains(furniture), "{furniture} in {text}");
    }
}
