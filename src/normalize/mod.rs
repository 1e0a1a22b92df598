//! Normalize: decoded text → clean, numbered, non-blank lines.
//!
//! Takes the decoded text and gives [`Line`]s that remember the input line(s) they came from. Per line:
//! HTML entities decoded, control and zero-width characters dropped, NFKC (full-width forms and Kangxi
//! radicals folded; `①`–`⑳` and `…` kept, since they carry meaning here), pinyin glosses removed
//! (`協(xié)` → `協`), spaces between Chinese characters removed, doubled punctuation collapsed. Whole lines
//! that are page numbers (`— 3 —`, `第3页`) or site furniture (breadcrumbs, metadata, footers) are dropped.
//! Line ends are `\n`, `\r\n` or `\r`; a form feed splits a line without counting as one.
//!
//! Here: the lines and their bookkeeping. `scan`: one pass over a line that says what it needs; `clean`:
//! the cleaning steps; `furniture`: whole lines that are a page's, not the report's.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

use crate::model::{Code, Diagnostic};
use crate::text::{fold_chars, fold_traditional, is_han, is_traditional, trim, utf8_len};

mod clean;
mod furniture;
mod scan;
pub use clean::clean;
use furniture::matches_furniture;
pub use furniture::{is_chrome, is_furniture, is_page_number};
#[allow(clippy::wildcard_imports)]
use {clean::*, scan::*};

/// One logical line of the document. Its text borrows the decoded document where cleaning changed
/// nothing, which is most lines: no copy, no allocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line<'a> {
    /// 1-based input line where it starts.
    pub no: usize,
    /// 1-based input line where it ends (later than `no` once page-broken pieces are joined).
    pub last: usize,
    pub text: Cow<'a, str>,
    /// Byte offsets in `text` where a space between two Chinese characters was removed, in ascending
    /// order ([`gaps_within`] relies on it). Prose ignores them; name lists use them to tell
    /// `叶建宏 陈金良` (two names) from `黎 丽` (one padded name).
    pub gaps: Vec<usize>,
    /// `text` folded to Simplified, kept only where it differs: folded once, matched many times.
    folded: Option<String>,
    /// The first line after a page break (a page number or a form feed): where a document extracted
    /// from pages repeats its running header.
    pub page_top: bool,
    /// The first line after a line of site furniture or page chrome: a title does not go on across one.
    pub after_chrome: bool,
    /// A line that opens a page's footer (its buttons and links, 抄送: [`crate::grammar::opens_footer`]),
    /// as the page-break repair marked it: furniture wherever it stands, which the segmenter drops.
    pub footer: bool,
}

/// The gaps strictly between `start` and `end`, as offsets from `start`. Found by binary search in the
/// ascending gaps: a search of all of a line's gaps for each value or list part made a line of
/// tens of thousands of spaced characters take seconds, its time growing with the square of its length.
pub fn gaps_within(gaps: &[usize], start: usize, end: usize) -> impl Iterator<Item = usize> + '_ {
    let from = gaps.partition_point(|&g| g <= start);
    let to = gaps.partition_point(|&g| g < end).max(from);
    gaps[from..to].iter().map(move |&g| g - start)
}

impl<'a> Line<'a> {
    pub fn new(no: usize, text: impl Into<Cow<'a, str>>) -> Line<'a> {
        let text = text.into();
        Line {
            no,
            last: no,
            folded: fold_owned(&text),
            text,
            gaps: Vec::new(),
            page_top: false,
            after_chrome: false,
            footer: false,
        }
    }

    /// The text folded to Simplified ([`fold_traditional`]), for matching labels, headings and markers.
    pub fn folded(&self) -> &str {
        self.folded.as_deref().unwrap_or(&self.text)
    }

    /// Appends `next`, the continuation of this line's paragraph: its text, its gaps and its last line.
    pub(crate) fn join(&mut self, next: &Line<'_>) {
        // Room for the space and the next line at once: a borrowed line copied by `to_mut` has none, and the
        // copy grew again for the next line, two allocations a join.
        let room = 1 + next.text.len();
        match &mut self.text {
            Cow::Borrowed(text) => {
                let mut owned = String::with_capacity(text.len() + room);
                owned.push_str(text);
                self.text = Cow::Owned(owned);
            }
            Cow::Owned(text) => text.reserve(room),
        }
        let words = self.text.ends_with(|c: char| c.is_ascii_alphabetic())
            && next.text.starts_with(|c: char| c.is_ascii_alphabetic());
        if words {
            self.text.to_mut().push(' ');
        } else if self.text.ends_with(is_han) && next.text.starts_with(is_han) {
            self.gaps.push(self.text.len());
        }
        let shift = self.text.len();
        self.text.to_mut().push_str(&next.text);
        self.gaps.extend(next.gaps.iter().map(|g| g + shift));
        self.last = next.last;
        if self.folded.is_some() || next.folded.is_some() {
            self.folded = fold_owned(&self.text);
        }
    }
}

fn fold_owned(text: &str) -> Option<String> {
    match fold_traditional(text) {
        Cow::Owned(folded) => Some(folded),
        Cow::Borrowed(_) => None,
    }
}

/// Splits, cleans and filters the lines of `text`. Pushes a diagnostic for each line with lost characters.
pub fn lines<'a>(text: &'a str, had_decode_errors: bool, diags: &mut Vec<Diagnostic>) -> Vec<Line<'a>> {
    // About one line per 40 bytes in this genre: room for most documents without growing.
    let mut out = Vec::with_capacity(text.len() / 40 + 8);
    let mut lost = LostReports::default();
    // A page number or a form feed, and site furniture, were passed since the last line kept.
    let (mut page_break, mut chrome) = (false, false);
    for (no, untrimmed) in physical_lines(text) {
        // Cleaning trims a line anyway; trimmed first, a line indented with wide spaces (`　　`) needs
        // no cleaning and is borrowed as it is. A form feed the trimming takes away still breaks a page.
        let raw = trim(untrimmed);
        let (feed_before, feed_after) = if raw.len() < untrimmed.len() {
            // `raw` is a slice of `untrimmed`: where it starts is how much was trimmed before it.
            let at = raw.as_ptr().addr() - untrimmed.as_ptr().addr();
            (untrimmed[..at].contains('\u{c}'), untrimmed[at + raw.len()..].contains('\u{c}'))
        } else {
            (false, false)
        };
        page_break |= feed_before;
        // Blank lines, half of a document's, hold nothing to scan, report or keep.
        if raw.is_empty() {
            continue;
        }
        let scan = Scan::of(raw);
        if had_decode_errors && scan.replacement {
            lost.push(
                diags,
                Code::InvalidBytes,
                no,
                "bytes invalid in the detected encoding were replaced by U+FFFD",
            );
        } else if scan.replacement || (scan.question_pair && LOST_QUESTION_MARKS.is_match(raw)) {
            lost.push(
                diags,
                Code::LostCharacters,
                no,
                "characters were lost before this file was made (U+FFFD or ??)",
            );
        }
        let mut keep = |(text, gaps, traditional): Cleaned<'a>, scan: Scan, after_feed: bool| {
            page_break |= after_feed;
            if text.is_empty() {
            } else if is_page_number(&text) {
                page_break = true;
            } else if matches_furniture(&text, scan.may_hold_bracket())
                || (scan.may_be_chrome() && is_chrome(&text))
            {
                chrome = true;
            } else {
                let folded = traditional.then(|| fold_chars(&text));
                let (page_top, after_chrome) = (std::mem::take(&mut page_break), std::mem::take(&mut chrome));
                out.push(Line { no, last: no, text, gaps, folded, page_top, after_chrome, footer: false });
            }
        };
        if scan.form_feed {
            for (k, piece) in raw.split('\u{c}').map(str::trim).enumerate() {
                let scan = Scan::of(piece);
                keep(clean_scanned(piece, scan), scan, k > 0);
            }
        } else {
            keep(clean_scanned(raw, scan), scan, false);
        }
        page_break |= feed_after;
    }
    lost.finish(diags);
    out
}

/// Lists at most this many lines with lost characters one by one, then sums up the rest.
const MAX_LOST_REPORTS: usize = 20;

/// Diagnostics for lines with lost characters, capped so a badly damaged file does not flood the report.
#[derive(Debug, Default)]
struct LostReports {
    count: usize,
    first_unreported: Option<usize>,
}

impl LostReports {
    fn push(&mut self, diags: &mut Vec<Diagnostic>, code: Code, line: usize, what: &str) {
        self.count += 1;
        if self.count <= MAX_LOST_REPORTS {
            diags.push(Diagnostic::new(code, Some(line), what));
        } else {
            self.first_unreported.get_or_insert(line);
        }
    }

    fn finish(self, diags: &mut Vec<Diagnostic>) {
        if let Some(line) = self.first_unreported {
            let rest = self.count - MAX_LOST_REPORTS;
            let what = format!("{rest} more lines with lost or invalid characters from here on");
            diags.push(Diagnostic::new(Code::LostCharacters, Some(line), what));
        }
    }
}

/// How many lines `text` has, counted as [`lines`] numbers them.
pub fn line_count(text: &str) -> usize {
    physical_lines(text).count()
}

/// Yields (1-based number, text) for lines ended by `\n`, `\r\n` or a lone `\r`.
fn physical_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = text;
    let mut no = 0;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        no += 1;
        // Half of the lines are blank: their end is found without a search.
        let end = match rest.as_bytes() {
            [b'\n' | b'\r', ..] => Some(0),
            b => memchr::memchr2(b'\n', b'\r', b),
        };
        let (line, next) = match end {
            Some(i) => {
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                (&rest[..i], &rest[i + skip..])
            }
            None => (rest, ""),
        };
        rest = next;
        Some((no, line))
    })
}

/// `??` standing for lost characters next to Chinese text.
// must match: 区政协??委员
static LOST_QUESTION_MARKS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{Han}\?{2,}|\?{2,}\p{Han}").expect("valid regex"));

#[cfg(test)]
mod tests {
    use super::clean::*;
    use super::furniture::*;
    use super::scan::*;
    use super::*;
    use crate::text::{CJK_LEN, CJK_START, TRAD3, in_map3, no_space_at, starts_no_space, trad_to_simp};
    use crate::traditional::{SIMPLIFIED, TRADITIONAL};

    fn texts(src: &str) -> Vec<String> {
        lines(src, false, &mut Vec::new()).into_iter().map(|l| l.text.into_owned()).collect()
    }

    #[test]
    fn line_endings_and_form_feeds() {
        let got = lines("甲\r\n乙\r丙\n丁\u{c}戊", false, &mut Vec::new());
        let nos: Vec<_> = got.iter().map(|l| (l.no, &*l.text)).collect();
        assert_eq!(nos, [(1, "甲"), (2, "乙"), (3, "丙"), (4, "丁"), (4, "戊")]);
    }

    #[test]
    fn full_width_folds_but_circled_numbers_and_ellipsis_stay() {
        assert_eq!(clean("提案者：张三（１２３）　，％").0, "提案者:张三(123),%");
        assert_eq!(clean("①加强……").0, "①加强……");
        assert_eq!(clean("⼀是").0, "一是", "Kangxi radical look-alike");
    }

    #[test]
    fn entities_and_indentation() {
        assert_eq!(clean("&emsp;&emsp;区政协&nbsp;委员&#12288;会&amp;").0, "区政协委员会&");
        assert_eq!(clean("　　萧山区政协").0, "萧山区政协");
    }

    #[test]
    fn spaces_inside_chinese_go_and_are_remembered() {
        let (text, gaps) = clean("每年 6 至 7 月,黎 丽 参加");
        assert_eq!(text, "每年6至7月,黎丽参加");
        assert_eq!(gaps, ["每年6至7月,黎".len(), "每年6至7月,黎丽".len()]);
        assert_eq!(clean("第 322 号提案").0, "第322号提案");
        assert_eq!(clean("1. 深化 App Store").0, "1. 深化 App Store");
        // Square brackets are what NFKC makes of `［］`: a heading spaced out keeps its brackets tight.
        assert_eq!(clean("[ 提 案 主 要 内 容 ]").0, "[提案主要内容]");
    }

    #[test]
    fn pinyin_glosses_are_removed_but_real_parentheses_stay() {
        assert_eq!(clean("政協(xié)會(huì)").0, "政協會");
        // A gloss may open with a vowel that carries the tone.
        assert_eq!(clean("第3号提案(àn)").0, "第3号提案");
        assert_eq!(clean("提案（àn）").0, "提案");
        // A page that spaces its characters puts a space before the gloss too.
        assert_eq!(clean("政 協 (xié) 會 (huì)").0, "政協會");
        assert_eq!(clean("区(县)域 系统(app) 案(an4)").0, "区(县)域系统(app)案");
    }

    #[test]
    fn doubled_punctuation() {
        assert_eq!(clean("甲,,乙,。丙;;丁").0, "甲,乙。丙;丁");
        let (text, gaps) = clean("黎 丽,,王 五");
        assert_eq!(text, "黎丽,王五");
        assert_eq!(gaps, ["黎".len(), "黎丽,王".len()]);
        // A space between the marks goes, and what is left is doubled too, whether or not another pair
        // on the line was doubled without one.
        assert_eq!(clean("甲, ,乙").0, "甲,乙");
        assert_eq!(clean("甲, ,乙,,丙").0, "甲,乙,丙");
        assert_eq!(clean("甲。 、乙").0, "甲。乙");
    }

    #[test]
    fn page_numbers_and_furniture_are_dropped() {
        let src = "当前位置:首页 > 政协要闻\n发布时间:2024-12-20 来源:区政协\n字号:[大] [中] [小]\n标题\n— 3 —\n-4-\n- 5 -\n第6页\n7\n图片1.png\n(责任编辑:王五)\n當前位置:首頁";
        assert_eq!(texts(src), ["标题"]);
        // A page's footer is the segmenter's, to see where the article ends.
        assert_eq!(
            texts("标题\n【打印本页】 【关闭窗口】\n上一篇:某文"),
            ["标题", "【打印本页】【关闭窗口】", "上一篇:某文"]
        );
        assert_eq!(
            texts("来源于群众的意见建议,经整理后形成提案。"),
            ["来源于群众的意见建议,经整理后形成提案。"]
        );
    }

    /// The font-size switch is furniture wherever cleaning made its `[` from: an ASCII one, a full-width
    /// one, an entity or a vertical form that NFKC folds. Only `[` makes these lines furniture: they start
    /// with no furniture word and end in no image name.
    #[test]
    fn navigation_bars_and_metadata_lines_are_chrome() {
        assert!(METADATA_KEYS.iter().all(|k| k.chars().count() <= METADATA_KEY_MAX_CHARS));
        assert!(
            METADATA_KEYS.iter().all(|k| k.chars().last().is_some_and(|c| METADATA_KEY_LASTS.contains(&c)))
        );
        for chrome in [
            "嵊州市政协 | 首页 | 政协概况 | 协商议政 | 提案工作",
            "泉南新聞網 繁體版 | 簡體版",
            "福清新闻网 > 新闻 > 时政要闻",
            "您现在的位置:首页 > 履职动态 > 提案工作",
            "你的位置: 网站首页 » 政协动态",
            "【字体:大中小】",
            "字体:【大】【中】【小】分享到:微信微博 QQ空间",
            "日期:2024年11月28日 来源:县政协提案委 作者:提案委",
            "2024-11-22 16:08来源:福清市政协编辑:林晓",
        ] {
            assert!(is_chrome(chrome), "{chrome}");
        }
        for text in [
            "提案者:张三 督办领导:李四",
            "完成时间:2024年底",
            "因此建议:一是加强甲;二是完善乙。",
            "A>B",
            "主办单位:区经信局",
            "办理结果:满意率>95% > 去年",
            "提案者:张三 > 李四",
        ] {
            assert!(!is_chrome(text), "{text}");
        }
    }

    #[test]
    fn a_line_after_a_page_break_is_a_page_top() {
        let got = lines("甲\n— 2 —\n乙\n丙\u{c}丁", false, &mut Vec::new());
        let tops: Vec<_> = got.iter().map(|l| (&*l.text, l.page_top)).collect();
        assert_eq!(tops, [("甲", false), ("乙", true), ("丙", false), ("丁", true)]);
    }

    #[test]
    fn a_font_size_switch_is_furniture_whatever_its_bracket_was() {
        for switch in [
            "[大] [中] [小]",
            "［大］［中］［小］",
            "&#91;大&#93;&#91;中&#93;&#91;小&#93;",
            "﹇大﹈﹇中﹈﹇小﹈",
        ] {
            assert_eq!(texts(&format!("标题\n文字大小:{switch}\n正文")), ["标题", "正文"], "{switch}");
        }
    }

    /// Furniture is at most FURNITURE_MAX_CHARS characters, however many bytes they take: a line of 120
    /// four-byte characters (480 bytes) can be furniture, a line of 121 cannot.
    #[test]
    fn furniture_is_counted_in_characters() {
        let line = |n| format!("当前位置:{}", "𠀀".repeat(n - 5));
        assert!(is_furniture(&line(FURNITURE_MAX_CHARS)));
        assert!(!is_furniture(&line(FURNITURE_MAX_CHARS + 1)));
    }

    /// The lines of `text` by the definition: `\r\n`, `\r` and `\n` each end one.
    fn lines_by_bytes(text: &str) -> Vec<(usize, &str)> {
        let (b, mut out, mut start, mut i) = (text.as_bytes(), Vec::new(), 0, 0);
        while let Some(&x) = b.get(i) {
            i += 1;
            if x == b'\r' || x == b'\n' {
                out.push((out.len() + 1, &text[start..i - 1]));
                i += usize::from(x == b'\r' && b.get(i) == Some(&b'\n'));
                start = i;
            }
        }
        if start < b.len() {
            out.push((out.len() + 1, &text[start..]));
        }
        out
    }

    proptest::proptest! {
        /// Blank lines, whose end is taken without a search, are numbered as the others.
        #[test]
        fn physical_lines_are_the_lines_by_definition(text in "[甲a \r\n]{0,12}") {
            proptest::prop_assert_eq!(physical_lines(&text).collect::<Vec<_>>(), lines_by_bytes(&text));
        }
    }

    /// [`starts_no_space`] and [`no_space_at`] never take white space for none, and the second tells
    /// every other character of U+2000–U+3FFF by its bytes.
    #[test]
    fn no_space_starts_with_these() {
        let mut utf8 = [0; 4];
        for c in '\0'..=char::MAX {
            let b = c.encode_utf8(&mut utf8).as_bytes();
            assert!(!(starts_no_space(b[0]) && c.is_whitespace()), "{c:?} is white space");
            assert!(!(no_space_at(b, 0) && c.is_whitespace()), "{c:?} is white space");
        }
        for c in ('\u{2000}'..='\u{3FFF}').filter(|c| !c.is_whitespace()) {
            assert!(no_space_at(c.encode_utf8(&mut [0; 4]).as_bytes(), 0), "{c:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn trim_is_str_trim(s in "[ \\t\u{3000}\u{2028}\u{a0}\u{85}a,。甲é\u{10000}\u{1680}]{0,8}") {
            proptest::prop_assert_eq!(trim(&s), s.trim());
        }
    }

    /// Page numbers are in ASCII digits, as NFKC leaves full-width ones: a line of digits tian does not
    /// read is text, whatever stands around them, as a bare one (`١٢`) always was.
    #[test]
    fn page_numbers_are_in_ascii_digits() {
        assert_eq!(texts("标题\n第６页\n－７－"), ["标题"]);
        assert_eq!(texts("标题\n١٢\n第١٢页\n- ١ -"), ["标题", "١٢", "第١٢页", "- ١ -"]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// The checks before PAGE_NUMBER turn away only lines it would not match.
        #[test]
        fn page_numbers_are_what_their_regex_matches(
            pieces in proptest::collection::vec(proptest::prop_oneof![
                // Whole page numbers of each shape, the longest too, which one or two pieces keep or spoil.
                1 => proptest::sample::select(&[
                    "— 3 —", "-12-", "第 1234 页 , 共 1234 页", "第3页共10页", "3 / 10", "1234/5678", "12",
                    "Page 3 of 10", "page 1234 of 1234",
                ][..]),
                3 => proptest::sample::select(&[
                    "1", "23", "4567", "12345", " ", "/", "第", "页", "共", ",", "-", "—", "–", "―", "－", "~",
                    "_", "Page", "page", "of", "P", "、", "推进", "号", "提案", "。", "١",
                ][..]),
            ], 1..4)
        ) {
            let line = pieces.concat();
            proptest::prop_assert_eq!(is_page_number(&line), PAGE_NUMBER.is_match(&line), "{:?}", line);
        }
    }

    /// The words of FURNITURE, in both scripts, and what stands around them.
    const FURNITURE_PIECES: &[&str] = &[
        "当前位置",
        "您当前的位置",
        "您的位置",
        "当前所在位置",
        "所在位置",
        "首页",
        "发布时间",
        "发布日期",
        "发表时间",
        "更新时间",
        "信息来源",
        "来源",
        "作者",
        "浏览次数",
        "点击次数",
        "点击数",
        "阅读次数",
        "访问次数",
        "阅读量",
        "字号",
        "稿源",
        "供稿",
        "上一期",
        "下一期",
        "版面导航",
        "当前版",
        "上一版",
        "下一版",
        "往期回顾",
        "返回首页",
        "返回目录",
        "返回顶部",
        "返回列表",
        "打印本页",
        "打印此页",
        "打印",
        "关闭窗口",
        "关闭本页",
        "关闭",
        "收藏本页",
        "收藏",
        "返回",
        "顶部",
        "扫一扫在手机打开",
        "责任编辑",
        "编辑",
        "审核",
        "校对",
        "审校",
        "上一篇",
        "下一篇",
        "分享到",
        "當前位置",
        "發佈時間",
        "責任編輯",
        "【",
        "】",
        "(",
        ")",
        " ",
        ":",
        ":",
        ":",
        ">",
        "[大]",
        "[中]",
        "[小]",
        ".png",
        ".JPG",
        ".jpeg",
        ".Gif",
        ".bmp",
        ".webP",
        ".we",
        "2.6亿",
        "图片1",
        "上海",
        "关于",
        "发展",
        "x",
        ".",
        "。",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// The two-character filter lets through every line the regex alone, behind the old one-character
        /// filter, would take for furniture.
        #[test]
        fn furniture_filter_loses_nothing(
            open in proptest::sample::select(&["", "", "(", "【", "[", "〔"][..]),
            word in proptest::sample::select(FURNITURE_PIECES),
            sep in proptest::sample::select(&["", ":", " :", " ", "】", "]", "〕", ">"][..]),
            tail in proptest::collection::vec(proptest::sample::select(FURNITURE_PIECES), 0..4),
        ) {
            let line = format!("{open}{word}{sep}{}", tail.concat());
            let first = line.chars().next().map(|c| trad_to_simp(c).unwrap_or(c)).unwrap_or(' ');
            let old_candidate = FURNITURE_FIRST.contains(&first)
                || (line.ends_with(|c: char| c.is_ascii_alphabetic()) && is_image_name(&line))
                || line.contains("[大]");
            let old = old_candidate
                && line.chars().count() <= FURNITURE_MAX_CHARS
                && FURNITURE.is_match(&fold_traditional(&line));
            proptest::prop_assert_eq!(is_furniture(&line), old, "{}", line);
        }
    }

    #[test]
    fn furniture_first_is_the_list() {
        for c in '\0'..=char::MAX {
            assert_eq!(furniture_first(c), FURNITURE_FIRST.contains(&c), "{c:?}");
        }
    }

    #[test]
    fn furniture_starts_are_in_order_for_the_binary_search() {
        assert!(FURNITURE_FIRST.is_sorted() && FURNITURE_STARTS.is_sorted());
    }

    #[test]
    fn furniture_words_start_with_a_first_character() {
        for (first, _) in FURNITURE_STARTS {
            assert!(FURNITURE_FIRST.contains(&first), "{first}");
        }
    }

    #[test]
    fn lost_characters_are_reported_with_their_line() {
        let mut diags = Vec::new();
        lines("甲\n乙\u{FFFD}丙\n丁??戊", true, &mut diags);
        let at: Vec<_> = diags.iter().map(|d| (d.code.as_str(), d.line)).collect();
        assert_eq!(at, [("invalid-bytes", Some(2)), ("lost-characters", Some(3))]);
    }

    #[test]
    fn a_badly_damaged_file_does_not_flood_the_report() {
        let src = "甲\u{FFFD}\n".repeat(30);
        let mut diags = Vec::new();
        lines(&src, true, &mut diags);
        assert_eq!(diags.len(), MAX_LOST_REPORTS + 1);
        let last = diags.last().unwrap();
        assert_eq!((last.line, last.message.starts_with("10 more lines")), (Some(21), true));
    }

    /// The scan with no short path: every character through [`Scan::step`]. The short paths and their
    /// tables must agree with it (and `scan_sees_every_plain_character_of_three_bytes` checks the
    /// Traditional map against [`TRADITIONAL`] itself).
    fn scan_by_chars(s: &str) -> Scan {
        let mut n = Scan::default();
        let mut prev = '\0';
        for c in s.chars() {
            n.step(prev, c);
            prev = c;
        }
        n
    }

    proptest::proptest! {
        #[test]
        fn scan_matches_its_definition(s in "(\\PC|[、。,;，；(（?aｚàǖü &\u{c}\u{FFFD}號點辦區縣一-龥〇-〗①-⑳“”—…·])*") {
            proptest::prop_assert_eq!(Scan::of(&s), scan_by_chars(&s));
        }
    }

    /// The first version of [`tighten`], a character at a time: the oracle of the one that finds white
    /// space by its bytes and copies stretches. What becomes of a run is [`settle_space`], shared.
    fn tighten_by_chars(s: &str) -> (String, Vec<usize>, bool) {
        let mut out = String::with_capacity(s.len());
        let mut gaps = Vec::new();
        let mut joined = false;
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            if !c.is_whitespace() {
                out.push(c);
                continue;
            }
            while chars.next_if(|c| c.is_whitespace()).is_some() {}
            if let (Some(prev), Some(&next)) = (out.chars().next_back(), chars.peek()) {
                joined |= settle_space(prev, next, &mut out, &mut gaps);
            }
        }
        (out, gaps, joined)
    }

    proptest::proptest! {
        #[test]
        fn tightening_by_stretches_is_tightening_by_characters(s in "[ \t\r\u{b}\u{3000}\u{A0}\u{85}\u{1680}\u{2003}\u{2028}\u{202F}\u{205F}\u{A1}\u{2010}\u{2030}\u{3001}a-c0-9,;(、。“一-龥𠀀]*") {
            let (text, gaps, joined) = tighten(&s);
            let doubled = text.chars().zip(text.chars().skip(1)).any(|(a, b)| is_list_punct(a) && is_list_punct(b));
            // What the cleaning relies on to skip collapsing: a doubled mark after tightening was
            // doubled before or made by it.
            proptest::prop_assert!(!doubled || joined || Scan::of(&s).doubled, "{:?}", text);
            proptest::prop_assert_eq!((text, gaps, joined), tighten_by_chars(&s));
        }
    }

    #[test]
    fn space_at_is_is_whitespace() {
        for c in '\0'..=char::MAX {
            let s = format!("{c}x");
            let want = if c.is_whitespace() { c.len_utf8() } else { 0 };
            assert_eq!(space_at(s.as_bytes(), 0), want, "U+{:04X}", c as u32);
        }
    }

    /// The first version of [`collapse_punct`], over a vector of the characters: the oracle of the
    /// streaming one.
    fn collapse_punct_by_index(s: &str, gaps: &[usize]) -> (String, Vec<usize>) {
        let mut out = String::with_capacity(s.len());
        let mut gaps_out = Vec::with_capacity(gaps.len());
        let mut gi = gaps.iter().peekable();
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            let (at, c) = chars[i];
            while let Some(&&g) = gi.peek() {
                if g > at {
                    break;
                }
                gaps_out.push(out.len());
                gi.next();
            }
            if is_list_punct(c) {
                let mut j = i;
                while j + 1 < chars.len() && is_list_punct(chars[j + 1].1) {
                    j += 1;
                }
                let run = &chars[i..=j];
                let keep = if run.iter().any(|&(_, c)| c == '。') { '。' } else { c };
                out.push(keep);
                i = j + 1;
            } else {
                out.push(c);
                i += 1;
            }
        }
        gaps_out.extend(gi.map(|_| out.len()));
        (out, gaps_out)
    }

    proptest::proptest! {
        #[test]
        fn collapsing_streams_as_it_indexed(s in "[,、;。，a区政协《〔\u{3000}]*", gaps in proptest::collection::vec(0usize..100, 0..6)) {
            let mut gaps: Vec<usize> = gaps.into_iter().map(|g| g.min(s.len())).filter(|&g| s.is_char_boundary(g)).collect();
            gaps.sort_unstable();
            proptest::prop_assert_eq!(collapse_punct(s.clone(), gaps.clone()), collapse_punct_by_index(&s, &gaps));
        }
    }

    /// An HTML entity left in scraped text: the regex [`decode_entities`] implements.
    // must match: &nbsp;  &emsp;  &#12288;  &#x3000;
    static ENTITY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});").expect("valid regex")
    });

    proptest::proptest! {
        #[test]
        fn entities_decode_as_the_regex_finds_them(s in "(&(#[0-9]{0,9}|#[xX][0-9a-fA-F]{0,8}|[a-zA-Z]{0,10}|nbsp|emsp|amp)?;?|[&#;x0-9a-z]|区政协| )*") {
            let by_regex = ENTITY.replace_all(&s, |caps: &regex::Captures<'_>| {
                entity_char(&caps[1]).map_or_else(|| caps[0].to_owned(), String::from)
            });
            proptest::prop_assert_eq!(decode_entities(&s).0, by_regex);
        }

        /// The flags of a line with its entities decoded, put together without a second scan, hold every
        /// flag a scan would find, and the line cleans as it would after a second scan.
        #[test]
        fn decoded_entities_need_no_second_scan(s in "(&(#44|#65292|#59|#12289|#40|#65288|#97|#65345|#63|#34399|#12|#xFFFD|#x2F00|#12288|nbsp|emsp|amp|eacute);|[(a,，;、?區 &#;x0-9]|区政协)*") {
            let scan = Scan::of(&s);
            let (decoded, made, indent) = decode_entities(&s);
            proptest::prop_assert!(decoded[..indent].chars().all(char::is_whitespace));
            let decoded = match decoded {
                Cow::Owned(mut d) => {
                    d.drain(..indent);
                    Cow::Owned(d)
                }
                borrowed => borrowed,
            };
            let merged = Scan { entity: false, ..scan.or(made) };
            let rescanned = Scan { entity: false, ..Scan::of(&decoded) };
            proptest::prop_assert_eq!(merged.or(rescanned), merged, "{:?}", decoded);
            if let Cow::Owned(decoded) = decoded {
                let (text, gaps, traditional) = clean_scanned(&decoded, rescanned);
                proptest::prop_assert_eq!(clean_scanned(&s, scan), (Cow::Owned(text.into_owned()), gaps, traditional));
            }
        }

        /// The byte-level short cut of the wide forms agrees with NFKC itself.
        #[test]
        fn narrowing_is_nfkc(s in "[ -~\u{FF01}-\u{FF5E}\u{2F00}-\u{2FD5}一-龥、。《》【】“”—·①-⑳…]*") {
            let nfkc: String =
                s.chars().map(|c| if keep_through_nfkc(c) { c.to_string() } else { c.nfkc().collect() }).collect();
            proptest::prop_assert_eq!(narrow(&s), nfkc);
        }

        /// White space at either end of a line makes no difference to its cleaning, so lines are trimmed
        /// before it.
        #[test]
        fn cleaning_ignores_the_white_space_around_a_line(s in "[ \t\u{3000}\u{A0}\u{2003}\u{c}\u{FEFF}\u{200B}a-z(,，、。一-龥&;#0-9]*") {
            proptest::prop_assert_eq!(clean(&s), clean(s.trim()));
        }

        /// A line in full-width dress cleans as its NFKC form does, though it is scanned only once and
        /// never goes through the normalization tables.
        #[test]
        fn a_wide_line_cleans_as_its_narrow_form(s in "[a-z(),;?、。 \u{3000}\u{A0}（），；？ａ-ｚ\u{2F00}-\u{2FD5}一-龥區號]*") {
            let nfkc: String = s.nfkc().collect();
            proptest::prop_assert_eq!(clean(&s), clean(&nfkc));
        }
    }

    #[test]
    fn scan_sees_every_pair_of_ascii_characters() {
        for a in '\0'..='\u{7F}' {
            for b in '\0'..='\u{7F}' {
                let s = format!("{a}{b}{a}(x{b}");
                assert_eq!(Scan::of(&s), scan_by_chars(&s), "{s:?}");
            }
        }
    }

    #[test]
    fn scan_sees_a_gloss_open_with_any_letter_of_two_bytes() {
        for c in ('\u{80}'..='\u{7FF}').chain(['a', 'ａ']) {
            for s in [format!("字({c}n)"), format!("字（{c}n）")] {
                assert_eq!(Scan::of(&s), scan_by_chars(&s), "{s}");
            }
        }
        assert!(Scan::of("提案(àn)").gloss && !Scan::of("(À)").gloss);
    }

    #[test]
    fn scan_sees_every_plain_character_of_three_bytes() {
        for c in ('\u{800}'..='\u{FFFF}').filter(|c| c.len_utf8() == 3) {
            let at = format!("{c} U+{:04X}", c as u32);
            assert_eq!(plain_three(c), plain(c) && !is_list_punct(c), "{at}");
            assert_eq!(in_map3(&TRAD3, c), TRADITIONAL.contains(c), "{at}");
            let s = format!("、{c}、{c}{c}(a");
            assert_eq!(Scan::of(&s), scan_by_chars(&s), "{at}");
        }
    }

    proptest::proptest! {
        /// On ascending gaps, the binary searches pick the gaps a filter picks.
        #[test]
        fn gaps_within_is_a_filter(
            gaps in proptest::collection::btree_set(0usize..60, 0..20),
            start in 0usize..70,
            len in 0usize..70,
        ) {
            let gaps: Vec<usize> = gaps.into_iter().collect();
            let end = start + len;
            let filtered: Vec<usize> =
                gaps.iter().filter(|&&g| g > start && g < end).map(|&g| g - start).collect();
            proptest::prop_assert_eq!(gaps_within(&gaps, start, end).collect::<Vec<_>>(), filtered);
        }
    }

    proptest::proptest! {
        /// [`fold_chars`], copying stretches, maps what a map over the characters maps.
        #[test]
        fn folding_maps_every_character(s in "[a-z，é號點辦區縣區葉陳吳一-龥𠀀-𠀃]*") {
            let by_chars: String = s.chars().map(|c| trad_to_simp(c).unwrap_or(c)).collect();
            proptest::prop_assert_eq!(fold_chars(&s), by_chars);
        }
    }

    proptest::proptest! {
        /// Found without a capture group, the glosses go as the regex with one would replace them.
        #[test]
        fn glosses_go_as_a_capture_would_replace_them(s in "([政協会]|\\((xié|huì|lü4|àn|ab|x1)\\)?|[()a-z1 ])*") {
            static WITH_GROUP: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(&PINYIN_GLOSS.as_str().replacen(r"\p{Han}", r"(\p{Han})", 1)).expect("valid regex")
            });
            proptest::prop_assert_eq!(drop_glosses(&s), WITH_GROUP.replace_all(&s, "$1"));
        }
    }

    #[test]
    fn plain_characters_need_no_cleaning() {
        for c in ('\0'..=char::MAX).filter(|&c| plain(c)) {
            let at = format!("{c} U+{:04X}", c as u32);
            assert!(keep_through_nfkc(c) || c.nfkc().eq([c]), "{at}");
            assert!(c == ' ' || !(c.is_whitespace() || c.is_control()), "{at}");
        }
        assert_eq!(('\0'..=char::MAX).filter(|&c| pinyin_letter(c)).count(), 25);
        for c in "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü".chars() {
            let gloss = |s: String| PINYIN_GLOSS.is_match(&s);
            assert!(plain(c) && (gloss(format!("政(l{c})")) || gloss(format!("政(l{c}4)"))), "{c}");
        }
    }

    #[test]
    fn kangxi_radicals_narrow_as_nfkc_does() {
        assert_eq!(KANGXI.chars().count(), 0x2FD6 - 0x2F00);
        for (radical, ideograph) in ('\u{2F00}'..='\u{2FD5}').zip(KANGXI.chars()) {
            assert_eq!(radical.nfkc().collect::<String>(), ideograph.to_string(), "U+{:04X}", radical as u32);
            assert!(plain(ideograph) && ideograph.len_utf8() == 3);
            assert_eq!(narrow(&radical.to_string()), ideograph.to_string());
        }
    }

    #[test]
    fn traditional_folding_keeps_byte_offsets() {
        assert_eq!(TRADITIONAL.chars().count(), SIMPLIFIED.chars().count());
        for (t, s) in TRADITIONAL.chars().zip(SIMPLIFIED.chars()) {
            assert_eq!(t.len_utf8(), s.len_utf8(), "{t}→{s}");
            assert!((CJK_START..CJK_START + CJK_LEN).contains(&(t as usize)), "{t} is in the table's block");
            assert_eq!(trad_to_simp(t), Some(s));
        }
        assert_eq!(fold_traditional("督辦領導:葉建宏"), "督办领导:叶建宏");
    }
}
