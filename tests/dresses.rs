//! The dresses of docs/genre.md change nothing a reader of the record should see: every sample, with one
//! dress put on each of its lines (or with other line endings), parses to the record of the sample as
//! it is. The dresses of the text, the markers, the labels, the headings and the numbering are each
//! applied alone, to every sample they fit.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed, which is what we want to see

use std::fs;
use std::path::Path;

use tian::{Options, Report};

/// The record without what the bytes themselves decide (their hash, size and encoding) and without the
/// diagnostics' messages, which quote the input as written (`办理结果 value not understood`); their
/// codes and lines stay.
fn record(bytes: &[u8]) -> Result<Report, String> {
    let mut report =
        tian::parse(bytes, Some("dressed.txt"), &Options::default()).map_err(|e| e.to_string())?;
    report.source.sha256.clear();
    report.source.encoding.clear();
    report.source.bytes = 0;
    for d in &mut report.diagnostics {
        d.message.clear();
    }
    Ok(report)
}

/// Where two records differ: the first line of their JSON that does.
fn first_difference(plain: &Report, got: &Report) -> String {
    let (a, b) = (serde_json::to_string_pretty(plain).unwrap(), serde_json::to_string_pretty(got).unwrap());
    let at = a.lines().zip(b.lines()).position(|(x, y)| x != y).unwrap_or(0);
    let line = |s: &str| s.lines().nth(at).unwrap_or("<end>").to_owned();
    format!("line {} of the JSON\n  plain:   {}\n  dressed: {}", at + 1, line(&a), line(&b))
}

/// Notes in `failures` where a record `got` from a variation of a sample (`what`) is not the sample's
/// own (`plain`), or was refused.
fn compare(failures: &mut Vec<String>, what: &str, plain: &Report, got: Result<Report, String>) {
    match got {
        Ok(got) if got == *plain => {}
        Ok(got) => failures.push(format!("{what}: {}", first_difference(plain, &got))),
        Err(e) => failures.push(format!("{what}: refused: {e}")),
    }
}

/// An ideograph of the main block, U+4E00–U+9FFF.
fn is_ideograph(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// The lines with `dress` put on each that holds text.
fn wear(lines: &[String], dress: Dress) -> Vec<String> {
    lines.iter().map(|l| if l.trim().is_empty() { l.clone() } else { dress(l) }).collect()
}

/// The samples, decoded and split into lines as tian splits them (`\n`, `\r\n` or a lone `\r`), each
/// with its name: those written for these dresses. The documents written elsewhere (those with a truth
/// file in `tests/truth/`) already wear damage of their own, on which some dresses destroy what tells
/// a reader the record (every character spaced in a list of names with offices, a page break inside an
/// indented signature); they are held to their hand-made truth instead (`tests/truth.rs`).
fn samples() -> Vec<(String, Vec<String>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = fs::read_dir(root.join("input"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy();
            !root.join("tests/truth").join(format!("{stem}.truth.json")).exists()
        })
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| {
            let bytes = fs::read(f).unwrap();
            let text =
                tian::decode::decode(&bytes, None, &tian::FileName(None)).unwrap().text.replace("\r\n", "\n");
            let lines = text.split(['\n', '\r']).map(str::to_owned).collect();
            (f.file_name().unwrap().to_string_lossy().into_owned(), lines)
        })
        .collect()
}

type Dress = fn(&str) -> String;

const DRESSES: [(&str, Dress); 34] = [
    ("ideographic indent", |l| format!("\u{3000}\u{3000}{l}")),
    ("entity indent", |l| format!("&emsp;&emsp;{l}")),
    ("no-break space indent", |l| format!("&nbsp;&nbsp;{l}")),
    ("Kangxi radicals", |l| l.replace('一', "\u{2F00}").replace('文', "\u{2F42}").replace('方', "\u{2F45}")),
    ("pinyin glosses", |l| l.replace('协', "协(xié)").replace('会', "会(huì)").replace('案', "案(àn)")),
    ("full-width forms", widen),
    ("doubled commas", |l| l.replace(',', ",,")),
    ("no-break space after sentences", |l| l.replace('。', "。&nbsp;")),
    ("form feeds", |l| format!("{l}\u{c}")),
    ("spaces around numbers", spaced_numbers),
    ("spaces between characters", spaced_characters),
    ("a space after every ideograph", spaced_ideographs),
    ("bracketed markers", |l| if is_marker(l) { format!("【{l}】") } else { l.to_owned() }),
    ("號 in markers", |l| if is_marker(l) { l.replace('号', "號") } else { l.to_owned() }),
    ("labels followed by a space", |l| relabel(l, " ")),
    ("labels followed by nothing", |l| relabel(l, "")),
    ("labels followed by a tab", |l| relabel(l, "\t")),
    ("labels followed by a colon and a space", |l| relabel(l, ": ")),
    ("two-character names padded", |l| {
        match l.strip_prefix("督办领导:").or_else(|| l.strip_prefix("提案者:")) {
            Some(name) if name.chars().count() == 2 => {
                let (label, _) = l.split_at(l.len() - name.len());
                let mut chars = name.chars();
                format!("{label}{} {}", chars.next().unwrap(), chars.as_str())
            }
            _ => l.to_owned(),
        }
    }),
    ("trailing white space", |l| format!("{l} \t\u{3000}")),
    ("titles without brackets", |l| retitle(l, |t| t.to_owned())),
    ("titles after 题目", |l| retitle(l, |t| format!("题目:《{t}》"))),
    ("titles after 案由", |l| retitle(l, |t| format!("案由:{t}"))),
    ("square-bracket headings", |l| l.replace('【', "[").replace('】', "]")),
    ("tortoise-shell headings", |l| l.replace('【', "〔").replace('】', "〕")),
    ("numbered headings", |l| {
        l.replace("【提案主要内容】", "一、提案主要内容").replace("【办理工作成效】", "二、办理工作成效")
    }),
    ("outcomes numbered 1、", |l| renumber(l, |n| format!("{n}、"))),
    ("outcomes numbered (1)", |l| renumber(l, |n| format!("({n})"))),
    ("outcomes numbered ①", |l| renumber(l, |n| char::from_u32(0x245F + n).unwrap().to_string())),
    ("outcomes numbered ⑴", |l| renumber(l, |n| char::from_u32(0x2473 + n).unwrap().to_string())),
    ("key-proposal markers", |l| {
        if is_marker(l) { l.replace("号提案", "号重点提案") } else { l.to_owned() }
    }),
    ("other label words", |l| {
        [
            ("提案者", "第一提案人"),
            ("督办领导", "牵头督办"),
            ("主办单位", "承办单位"),
            ("办理类别", "办理结果"),
        ]
        .iter()
        .find_map(|(from, to)| l.strip_prefix(from).map(|rest| format!("{to}{rest}")))
        .unwrap_or_else(|| l.to_owned())
    }),
    ("quoted categories", |l| match l.strip_prefix("办理类别:").and_then(|v| v.strip_suffix('类')) {
        Some(letter) => format!("办理类别:“{letter}”类"),
        None => l.to_owned(),
    }),
    ("other heading words", |l| l.replace("【办理工作成效】", "【办理情况】")),
];

/// A title alone on its line in 《》, written by `title` instead.
fn retitle(line: &str, title: fn(&str) -> String) -> String {
    match line.strip_prefix('《').and_then(|l| l.strip_suffix('》')) {
        Some(inner) if !inner.contains(['《', '》']) => title(inner),
        _ => line.to_owned(),
    }
}

/// `第322号提案` alone on its line.
fn is_marker(line: &str) -> bool {
    line.strip_prefix('第')
        .and_then(|l| l.strip_suffix("号提案"))
        .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
}

/// The labels of the samples' fields, with their colon.
const FIELDS: [&str; 6] = ["提案者:", "提案人:", "督办领导:", "主办单位:", "协办单位:", "办理类别:"];

/// A line opened by a label and a colon, with `sep` for the colon.
fn relabel(line: &str, sep: &str) -> String {
    match FIELDS.iter().find(|label| line.starts_with(*label)) {
        Some(label) => format!("{}{sep}{}", &label[..label.len() - 1], &line[label.len()..]),
        None => line.to_owned(),
    }
}

/// An outcome opened by `1.` to `9.`, opened by `mark(n)` instead.
fn renumber(line: &str, mark: fn(u32) -> String) -> String {
    let mut chars = line.chars();
    match (chars.next().and_then(|c| c.to_digit(10)), chars.next()) {
        (Some(n @ 1..=9), Some('.')) => format!("{}{}", mark(n), chars.as_str().trim_start()),
        _ => line.to_owned(),
    }
}

/// `每年 6 至 7 月`: a space between an ideograph and a digit, either way round.
fn spaced_numbers(line: &str) -> String {
    let mut out = String::new();
    let mut prev = ' ';
    for c in line.chars() {
        if (is_ideograph(prev) && c.is_ascii_digit()) || (prev.is_ascii_digit() && is_ideograph(c)) {
            out.push(' ');
        }
        out.push(c);
        prev = c;
    }
    out
}

/// A space after every ideograph followed by another, by a digit or by Chinese punctuation, as PDF
/// extraction spaces a page. Not before a Latin word or a sign, where a space may be the author's.
fn spaced_ideographs(line: &str) -> String {
    let chinese = |c: char| is_ideograph(c) || c.is_ascii_digit() || "、。,;:“”《》【】()[]".contains(c);
    let mut out = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if is_ideograph(c) && chars.peek().is_some_and(|&next| chinese(next)) {
            out.push(' ');
        }
    }
    out
}

/// A space between every second and third ideograph in a row.
fn spaced_characters(line: &str) -> String {
    let mut out = String::new();
    let mut run = 0;
    for c in line.chars() {
        run = if is_ideograph(c) { run + 1 } else { 0 };
        if run == 3 {
            out.push(' ');
            run = 1;
        }
        out.push(c);
    }
    out
}

/// The full-width forms of docs/genre.md (`，：；（）１２３％`) for the digits and punctuation of a line. Not
/// in an HTML entity, which a page that widens its text still writes in ASCII, and not `?`, which
/// stands for a character lost in the encoder, whatever the width of the text around it.
fn widen(line: &str) -> String {
    let mut out = String::with_capacity(line.len() * 2);
    let mut entity_end = 0;
    for (i, c) in line.char_indices() {
        if c == '&'
            && let Some(end) = line[i..].find(';').filter(|&end| end <= 9)
        {
            entity_end = i + end + 1;
        }
        let wide = i >= entity_end && (c.is_ascii_digit() || ",.:;()%!".contains(c));
        out.push(if wide { char::from_u32(u32::from(c) + 0xFEE0).unwrap() } else { c });
    }
    out
}

/// The samples with every line dressed, and with every line ending: the name of the dress, the text.
fn dressed(lines: &[String]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> =
        DRESSES.iter().map(|&(dress, f)| (dress.to_owned(), wear(lines, f).join("\n"))).collect();
    out.extend([("CRLF", "\r\n"), ("CR", "\r")].map(|(ends, sep)| (ends.to_owned(), lines.join(sep))));
    out
}

/// The record with every line number taken out, for dresses that add lines.
fn without_line_numbers(mut report: Report) -> Report {
    for p in &mut report.proposals {
        p.lines = [0, 0];
    }
    for d in &mut report.diagnostics {
        d.line = None;
    }
    report
}

/// Each line of more than 20 characters from the first block on broken after its tenth by a page: a
/// blank line, a page number in one of the forms of docs/genre.md, a blank line. In the header only lines of
/// more than 60 characters, after their 55th: ten characters of a paragraph after the title would read
/// as the title's last line.
fn page_broken(lines: &[String], page: &str) -> String {
    let mut out = Vec::new();
    let mut in_blocks = false;
    for line in lines {
        in_blocks |= line.starts_with('第') && line.contains("号提案");
        // A break just after a full stop looks like the end of a paragraph, as it may well be: the cut
        // falls after an ideograph or a digit, as the breaks of docs/genre.md do (`3` / `80件`).
        let cut = line.char_indices().skip(if in_blocks { 10 } else { 55 }).find(|&(i, _)| {
            line[..i].chars().next_back().is_some_and(|c| c.is_ascii_digit() || is_ideograph(c))
        });
        match cut {
            Some((cut, _)) if line.chars().count() > if in_blocks { 20 } else { 60 } => {
                out.extend([&line[..cut], "", page, "", &line[cut..]]);
            }
            _ => out.push(line),
        }
    }
    out.join("\n")
}

/// The index of the first line after `i` with text.
fn next_text(lines: &[String], i: usize) -> Option<usize> {
    (i + 1..lines.len()).find(|&k| !lines[k].trim().is_empty())
}

/// Whether a line is one of the samples' labelled fields.
fn is_label(line: &str) -> bool {
    FIELDS.iter().any(|l| line.starts_with(l))
}

/// The site furniture of docs/genre.md, one piece after every seventh line, as e-paper pages and mirror
/// sites put navigation and footers between an article's pieces.
fn furniture_between(lines: &[String]) -> Vec<String> {
    const FURNITURE: [&str; 6] = [
        "上一期 下一期 版面导航",
        "当前版: 02版",
        "图片1.png",
        "【打印本页】 【关闭窗口】",
        "(责任编辑:王五)",
        "— 2 —",
    ];
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        out.push(line.clone());
        if i % 7 == 6 {
            out.push(FURNITURE[i / 7 % FURNITURE.len()].to_owned());
        }
    }
    out
}

/// `第12号提案《关于…》`: the title in 《》 moved up onto its marker's line.
fn titles_on_markers(lines: &[String]) -> Vec<String> {
    let mut out = lines.to_vec();
    for i in (0..out.len()).rev() {
        if is_marker(&out[i])
            && let Some(k) = next_text(&out, i).filter(|&k| out[k].starts_with('《'))
        {
            let title = out.remove(k);
            out[i].push_str(&title);
        }
    }
    out
}

/// `提案者:吴雪峰 督办领导:郭荣`: each field moved up onto the line of the field before it.
fn labels_on_one_line(lines: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in lines {
        let previous = out.iter().rposition(|l| !l.trim().is_empty());
        match previous {
            Some(p) if is_label(line) && is_label(&out[p]) => {
                out.truncate(p + 1);
                out[p] = format!("{} {line}", out[p]);
            }
            _ => out.push(line.clone()),
        }
    }
    out
}

/// The fields of each block in the reverse order.
fn labels_reversed(lines: &[String]) -> Vec<String> {
    let mut out = lines.to_vec();
    let mut i = 0;
    while i < out.len() {
        let run: Vec<usize> = (i..out.len())
            .take_while(|&k| is_label(&out[k]) || out[k].trim().is_empty())
            .filter(|&k| is_label(&out[k]))
            .collect();
        // Which value of a field given twice is kept depends on the order: such blocks stay as they are.
        let words: std::collections::BTreeSet<&str> =
            run.iter().filter_map(|&k| out[k].split(':').next()).collect();
        let fields: Vec<String> = if words.len() == run.len() {
            run.iter().rev().map(|&k| out[k].clone()).collect()
        } else {
            run.iter().map(|&k| out[k].clone()).collect()
        };
        for (&k, field) in run.iter().zip(fields) {
            out[k] = field;
        }
        i = run.last().map_or(i + 1, |&k| k + 1);
    }
    out
}

/// `提案主要内容:专精特新企业是…`: a bracketed heading with its first paragraph on its line.
fn headings_with_text(lines: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut moved = None;
    for (i, line) in lines.iter().enumerate() {
        let name = line.strip_prefix('【').and_then(|l| l.strip_suffix('】'));
        let text = next_text(lines, i).filter(|&k| !lines[k].starts_with(['【', '第']));
        match (name.filter(|n| ["提案主要内容", "办理工作成效"].contains(n)), text) {
            (Some(name), Some(k)) => {
                out.push(format!("{name}:{}", lines[k]));
                moved = Some(k);
            }
            _ if moved == Some(i) => {}
            _ => out.push(line.clone()),
        }
    }
    out
}

/// Lines laid out otherwise.
type Layout = fn(&[String]) -> Vec<String>;

/// The layouts: the lines of a sample laid out otherwise, each with its name.
fn laid_out(lines: &[String]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = ["— 3 —", "-3-", "- 3 -", "第3页", "\u{c}"]
        .iter()
        .map(|page| (format!("page broken by {page:?}"), page_broken(lines, page)))
        .collect();
    let layouts: [(&str, Layout); 5] = [
        ("furniture between the lines", furniture_between),
        ("titles on markers' lines", titles_on_markers),
        ("fields on one line", labels_on_one_line),
        ("fields in reverse order", labels_reversed),
        ("headings with text", headings_with_text),
    ];
    out.extend(layouts.iter().map(|(name, f)| ((*name).to_owned(), f(lines).join("\n"))));
    out
}

#[test]
fn samples_laid_out_otherwise_parse_as_the_samples_do() {
    let mut failures = Vec::new();
    let mut used = std::collections::BTreeSet::new();
    for (name, lines) in samples() {
        let undressed = lines.join("\n");
        let plain = without_line_numbers(record(undressed.as_bytes()).unwrap());
        for (layout, text) in laid_out(&lines) {
            if text != undressed {
                used.insert(layout.clone());
            }
            compare(
                &mut failures,
                &format!("{name}, {layout}"),
                &plain,
                record(text.as_bytes()).map(without_line_numbers),
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(used.len(), 10, "layouts that changed a sample: {used:?}");
}

#[test]
fn dressed_samples_parse_as_the_samples_do() {
    let mut failures = Vec::new();
    // Dresses that changed some sample: one that changed none would pass without testing anything.
    let mut worn = std::collections::BTreeSet::new();
    let samples = samples();
    assert!(samples.len() >= 13, "input/ holds the samples");
    for (name, lines) in samples {
        let undressed = lines.join("\n");
        let plain = record(undressed.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e}"));
        for (dress, text) in dressed(&lines) {
            if text != undressed {
                worn.insert(dress.clone());
            }
            compare(&mut failures, &format!("{name}, {dress}"), &plain, record(text.as_bytes()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(worn.len(), DRESSES.len() + 2, "dresses that changed a sample: {worn:?}");
}

/// The suggestions of each proposal.
fn suggestions(text: &str) -> Result<Vec<Vec<String>>, String> {
    Ok(record(text.as_bytes())?.proposals.into_iter().map(|p| p.suggestions).collect())
}

/// The enumerator of item `n`.
type Mark = fn(usize) -> String;

/// A line's suggestions after a `建议:` cue, if they are separated by `;` alone, enumerated by
/// `mark(n)`; the cue replaced by `cue` either way.
fn restyled(line: &str, cue: &str, mark: Option<Mark>) -> String {
    let Some(at) = line.find("建议:") else { return line.to_owned() };
    let lead = line[..at].trim_end_matches(['为', '此', '因']);
    let rest = &line[at + "建议:".len()..];
    let unmarked = !rest.starts_with(['一', '第', '(', '1']);
    let items: Vec<&str> = rest.split(';').collect();
    let rest = match mark {
        Some(mark) if unmarked && items.len() > 1 => items
            .iter()
            .enumerate()
            .map(|(i, item)| format!("{}{item}", mark(i + 1)))
            .collect::<Vec<_>>()
            .join(";"),
        _ => rest.to_owned(),
    };
    format!("{lead}{cue}{rest}")
}

#[test]
fn suggestions_read_alike_whatever_their_cue_and_numbering() {
    const CHINESE: [&str; 9] = ["一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let marks: [(&str, Mark); 4] = [
        ("一是", |n| format!("{}是", CHINESE[n - 1])),
        ("(1)", |n| format!("({n})")),
        ("第一,", |n| format!("第{},", CHINESE[n - 1])),
        ("1.", |n| format!("{n}.")),
    ];
    let cues = ["为此建议:", "因此建议:", "建议如下:", "因此,提出以下建议:", "现提出三点建议:", "具体建议:"];
    let mut failures = Vec::new();
    let mut restyled_any = false;
    for (name, lines) in samples() {
        let plain = suggestions(&lines.join("\n")).unwrap();
        let styles = cues.iter().map(|cue| (*cue, None)).chain(marks.iter().map(|(m, f)| (*m, Some(*f))));
        for (style, mark) in styles {
            let cue = if mark.is_some() { "为此建议:" } else { style };
            let text: Vec<String> = lines.iter().map(|l| restyled(l, cue, mark)).collect();
            restyled_any |= mark.is_some() && text != lines;
            match suggestions(&text.join("\n")) {
                Ok(got) if got == plain => {}
                Ok(got) => {
                    failures.push(format!("{name}, {style}:\n  plain:    {plain:?}\n  restyled: {got:?}"));
                }
                Err(e) => failures.push(format!("{name}, {style}: refused: {e}")),
            }
        }
    }
    assert!(restyled_any, "no sample has suggestions separated by ; alone");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Each way docs/genre.md gives a statistic, as a pattern with the number in `(…)` and replacements for it.
const STATISTIC_PHRASES: [(&str, &[&str]); 5] = [
    (
        r"(?:共收到提案|共提交提案|以提案形式提出意见建议)(\d+)件",
        &["共收到提案${1}件", "共提交提案${1}件", "以提案形式提出意见建议${1}件", "提案总数为${1}件"],
    ),
    (
        r"(?:共立案|经审查立案|确定立案)(\d+)件",
        &["共立案${1}件", "经审查立案${1}件", "确定立案${1}件", "符合立案条件的提案${1}件"],
    ),
    (r"立案率(?:为|达)?([\d.]+)%", &["立案率为${1}%", "立案率达${1}%", "立案率${1}%"]),
    (
        r"其余(\d+)件(?:作为来信处理|转社情民意|转为意见和建议)",
        &["其余${1}件作为来信处理", "其余${1}件转社情民意", "${1}件转为意见和建议", "不予立案${1}件"],
    ),
    (r"现将(\d+)件重点提案", &["现将${1}件重点督办提案", "现将重点提案${1}件", "现将重点督办提案共${1}件"]),
];

#[test]
fn statistics_read_alike_however_they_are_phrased() {
    let mut failures = Vec::new();
    let mut rephrased = 0;
    for (name, lines) in samples() {
        let text = lines.join("\n");
        let plain = record(text.as_bytes()).unwrap().statistics;
        for (pattern, phrasings) in STATISTIC_PHRASES {
            let re = regex::Regex::new(pattern).unwrap();
            for phrasing in phrasings {
                let other = re.replace_all(&text, *phrasing);
                rephrased += usize::from(other != text);
                match record(other.as_bytes()) {
                    Ok(got) if got.statistics == plain => {}
                    Ok(got) => {
                        failures.push(format!("{name}, {phrasing}: {:?}\n  want {plain:?}", got.statistics));
                    }
                    Err(e) => failures.push(format!("{name}, {phrasing}: refused: {e}")),
                }
            }
        }
    }
    assert!(rephrased > 20, "the samples' statistics were rephrased {rephrased} times");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The text in each encoding of docs/genre.md, with its name.
fn encoded(text: &str) -> Vec<(&'static str, Vec<u8>)> {
    let utf16 = |big: bool| {
        let units = std::iter::once(0xFEFF).chain(text.encode_utf16());
        units.flat_map(|u: u16| if big { u.to_be_bytes() } else { u.to_le_bytes() }).collect()
    };
    vec![
        ("UTF-8 with a BOM", [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat()),
        ("GB18030", encoding_rs::GB18030.encode(text).0.into_owned()),
        ("UTF-16LE", utf16(false)),
        ("UTF-16BE", utf16(true)),
    ]
}

#[test]
fn samples_read_alike_in_every_encoding() {
    let mut failures = Vec::new();
    for (name, lines) in samples() {
        let text = lines.join("\n");
        let plain = record(text.as_bytes()).unwrap();
        for (encoding, bytes) in encoded(&text) {
            compare(&mut failures, &format!("{name}, {encoding}"), &plain, record(&bytes));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// All the dresses at once, in their order, with CRLF: `&nbsp;&nbsp;&emsp;&emsp;　　区 政 协（xié）十 五 届…`.
/// Dresses that undo each other's cue (a title no longer in 《》) simply do not apply.
#[test]
fn dresses_worn_together_change_nothing_either() {
    let mut failures = Vec::new();
    for (name, lines) in samples() {
        let plain = record(lines.join("\n").as_bytes()).unwrap();
        let mut worn = lines.clone();
        for (_, f) in DRESSES {
            worn = wear(&worn, f);
        }
        compare(&mut failures, &name, &plain, record(worn.join("\r\n").as_bytes()));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
