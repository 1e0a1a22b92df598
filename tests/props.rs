//! Property tests: no input makes the parser panic or hang, and every report it gives is well formed;
//! and two properties of the genre's structure: a closing appended to a report (signatures, dates,
//! attachments, contacts, footers, in any order), and its markers numbered as a list in any style,
//! change none of its proposals.
//!
//! The inputs: arbitrary bytes, and the committed samples mutated the way scraping and copying damage
//! real documents (lines deleted, duplicated, shuffled, cut in two, junk inserted).

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed, which is what we want to see

use std::fs;
use std::path::Path;

use proptest::prelude::*;
use tian::{Options, Report};

/// What must hold for any report, whatever the input.
fn check(report: &Report, line_count: usize) {
    for p in &report.proposals {
        assert_eq!(Some(&p.number), p.numbers.first(), "number is the first of numbers");
        let [first, last] = p.lines;
        assert!(
            1 <= first && first <= last && last <= line_count.max(1),
            "lines {first}..{last} of {line_count}"
        );
        for o in &p.outcomes {
            assert!(!o.text.contains('\r'), "no carriage returns in text");
            if let Some(h) = &o.heading {
                assert!(o.text.starts_with(h.as_str()), "a heading is the start of its text");
            }
        }
        for text in p.title.iter().chain(p.content.iter()).chain(p.suggestions.iter()) {
            assert!(!text.contains(['\r', '\u{c}']), "no line-end controls in {text:?}");
        }
    }
    for d in &report.diagnostics {
        if let Some(line) = d.line {
            assert!(line >= 1 && line <= line_count.max(1), "diagnostic line {line} of {line_count}");
        }
    }
    let json = tian::output::to_json(report);
    let back: tian::Report = serde_json::from_slice(&json).expect("the JSON reads back");
    assert_eq!(&back, report, "the JSON holds the whole record");
}

fn parse(bytes: &[u8]) {
    let line_count = bytes.split(|&b| b == b'\n' || b == b'\r').count() + 1;
    // UTF-16 input has twice the line-break bytes it seems to; the bound only needs to be an upper one.
    if let Ok(report) = tian::parse(bytes, Some("prop.txt"), &Options::default()) {
        check(&report, line_count);
    }
}

fn samples() -> Vec<Vec<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("input");
    let mut files: Vec<_> = fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
        .iter()
        .filter_map(|f| String::from_utf8(fs::read(f).ok()?).ok())
        .map(|text| text.lines().map(str::to_owned).collect())
        .collect()
}

#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize),
    Duplicate(usize),
    Swap(usize, usize),
    /// Cut a line in two at a character index, as a page break does.
    Break(usize, usize),
    Insert(usize, String),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let junk = prop_oneof![
        Just("第1号提案".to_owned()),
        Just("【办理工作成效】".to_owned()),
        Just("办理类别:".to_owned()),
        Just("— 3 —".to_owned()),
        Just("\u{c}".to_owned()),
        Just("为此建议:一是".to_owned()),
        Just("共立案99999999999件".to_owned()),
        Just("第99999999999号提案".to_owned()),
        ".{0,40}",
    ];
    prop_oneof![
        any::<usize>().prop_map(Mutation::Delete),
        any::<usize>().prop_map(Mutation::Duplicate),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Swap(a, b)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Break(a, b)),
        (any::<usize>(), junk).prop_map(|(a, s)| Mutation::Insert(a, s)),
    ]
}

fn apply(lines: &mut Vec<String>, m: &Mutation) {
    if lines.is_empty() {
        return;
    }
    let n = lines.len();
    match m {
        Mutation::Delete(i) => {
            lines.remove(i % n);
        }
        Mutation::Duplicate(i) => {
            let line = lines[i % n].clone();
            lines.insert(i % n, line);
        }
        Mutation::Swap(a, b) => lines.swap(a % n, b % n),
        Mutation::Break(i, at) => {
            let line = &lines[i % n];
            let chars = line.chars().count();
            if chars > 1 {
                let cut = line.char_indices().nth(at % chars).map_or(0, |(b, _)| b);
                let (head, tail) = line.split_at(cut);
                let (head, tail) = (head.to_owned(), tail.to_owned());
                lines[i % n] = head;
                lines.insert(i % n + 1, String::new());
                lines.insert(i % n + 2, tail);
            }
        }
        Mutation::Insert(i, s) => lines.insert(i % n, s.clone()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        parse(&bytes);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "(?s).{0,2000}") {
        parse(text.as_bytes());
    }

    #[test]
    fn mutated_samples_never_panic(
        which in any::<usize>(),
        mutations in proptest::collection::vec(mutation(), 1..30),
        crlf in any::<bool>(),
    ) {
        let all = samples();
        let mut lines = all[which % all.len()].clone();
        for m in &mutations {
            apply(&mut lines, m);
        }
        let text = lines.join(if crlf { "\r\n" } else { "\n" });
        parse(text.as_bytes());
    }
}

/// Inputs shaped to make a careless parser slow or deep: it must simply finish.
#[test]
fn pathological_shapes_finish() {
    let huge_line = "专精特新企业,".repeat(200_000);
    let many_markers = "第1号提案\n".repeat(20_000);
    let distinct_markers: String = (0..50_000).map(|i| format!("第{i}号提案\n")).collect();
    let many_items = format!("第1号提案\n【办理工作成效】\n{}", "1.甲\n".repeat(20_000));
    let deep_join = "一段没有标点的文字".to_owned() + &"\n继续没有标点的文字".repeat(20_000);
    // A page that spaces its characters, run together on one line: tens of thousands of gaps, which a
    // list of units or a line of labels once searched whole for each unit or value.
    let spaced_units = format!("第1号提案\n协办单位:{}", "区发 改局、".repeat(60_000));
    let spaced_labels = format!("第1号提案\n{}", "督办领导:李 四 ".repeat(60_000));
    let shapes =
        [huge_line, many_markers, distinct_markers, many_items, deep_join, spaced_units, spaced_labels];
    for text in shapes {
        parse(text.as_bytes());
    }
}

/// The proposals of a text, which must parse.
fn proposals(text: &str) -> Vec<tian::model::Proposal> {
    tian::parse(text.as_bytes(), Some("prop.txt"), &Options::default()).unwrap().proposals
}

/// A line of a report's closing, in one of its forms: the issuing body, a date, the two on one line, an
/// attachment, a contact, a line of a website's footer; indented or not.
fn closing_line() -> impl Strategy<Value = String> {
    let place = prop::sample::select(
        &["海宁市", "德清县", "萧山区", "鄂托克旗", "中国人民政治协商会议桐乡市委员会"][..],
    );
    let body = prop::sample::select(&["政协提案委员会", "政协办公室", "政协", "政协提案委"][..]);
    let year = prop::sample::select(&["2024", "二〇二四", "二零二三"][..]);
    let month = prop::sample::select(&["12", "十二", "3", "十一"][..]);
    let day = prop::sample::select(&["", "30日", "三十日", "1日", "二十一日"][..]);
    let signature =
        (place, body).prop_map(|(p, b)| if p.ends_with("委员会") { p.to_owned() } else { format!("{p}{b}") });
    let date = (year, month, day, any::<bool>()).prop_map(|(y, m, d, bracketed)| {
        let date = format!("{y}年{m}月{d}");
        if bracketed { format!("({date})") } else { date }
    });
    let indent = prop::sample::select(&["", "\u{3000}\u{3000}\u{3000}\u{3000}", "        "][..]);
    let line = prop_oneof![
        signature.clone(),
        date.clone(),
        (signature, date).prop_map(|(s, d)| format!("{s}  {d}")),
        prop::sample::select(
            &[
                "附件:1.2024年度重点提案督办工作安排",
                "附件2",
                "附:重点提案名单",
                "联系人:王芳 联系电话:0573-87012345",
                "地址:海宁市海州街道文苑南路1号 邮编:314400",
                "【打印本页】【关闭窗口】",
                "上一篇:市政协召开主席会议",
                "下一篇:市政协开展界别协商活动",
                "版权所有:海宁市政协 All Rights Reserved",
                "浙ICP备12345678号-1",
                "主办:海宁市政协办公室 技术支持:海宁市大数据中心",
                "扫一扫在手机打开当前页",
            ][..]
        )
        .prop_map(str::to_owned),
    ];
    (indent, line).prop_map(|(i, l)| format!("{i}{l}"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Whatever closes a report, in any order, is no part of its last proposal.
    #[test]
    fn a_closing_never_changes_the_proposals(
        which in any::<usize>(),
        closing in proptest::collection::vec(closing_line(), 1..8),
        blank in any::<bool>(),
    ) {
        let all = samples();
        let lines = &all[which % all.len()];
        let text = lines.join("\n");
        let sep = if blank { "\n\n" } else { "\n" };
        let closed = format!("{text}{sep}{}\n", closing.join(sep));
        prop_assert_eq!(proposals(&closed), proposals(&text), "{}", closing.join(" / "));
    }
}

/// The enumerators a report numbers its blocks with, as a list: the `n`th block's prefix.
const BLOCK_LISTS: &[fn(usize) -> String] = &[
    |n| format!("({})", ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"][(n - 1) % 10]),
    |n| format!("{}、", ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"][(n - 1) % 10]),
    |n| format!("{n}."),
    |n| format!("{n}、"),
    |n| format!("({n})"),
    |n| char::from_u32(0x2460 + (n as u32 - 1) % 20).unwrap().to_string(),
];

/// A marker line as the samples write it: `第322号提案`, `【第12号重点提案】`.
fn is_plain_marker(line: &str) -> bool {
    let line = line.trim().trim_start_matches('【');
    line.strip_prefix('第').is_some_and(|rest| {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        digits > 0 && rest[digits..].starts_with('号')
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Blocks numbered as a list, in any style, with or without a space, are the same blocks.
    #[test]
    fn prefixed_markers_never_change_the_proposals(which in any::<usize>(), style in 0..BLOCK_LISTS.len(), space in any::<bool>()) {
        let all = samples();
        let lines = &all[which % all.len()];
        let mut n = 0;
        let prefixed: Vec<String> = lines
            .iter()
            .map(|line| {
                if !is_plain_marker(line) {
                    return line.clone();
                }
                n += 1;
                format!("{}{}{}", BLOCK_LISTS[style](n), if space { " " } else { "" }, line.trim())
            })
            .collect();
        prop_assert_eq!(proposals(&prefixed.join("\n")), proposals(&lines.join("\n")));
    }
}
