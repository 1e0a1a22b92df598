//! Header facts: title, region, session, intro paragraphs and the stated statistics.
//!
//! Every figure is reported as written; none is computed or "fixed" here. Each regex runs on the line
//! folded to Simplified, and values are cut from the original line at the same byte offsets.

use std::sync::LazyLock;

use regex::Regex;

use crate::grammar::{chinese_number, is_title_like};
use crate::model::{Session, Statistics};
use crate::normalize::Line;

/// What the header says, with the line each statistic was read from.
#[derive(Debug, Default)]
pub struct Header {
    pub title: Option<String>,
    pub region: Option<String>,
    pub session: Option<Session>,
    pub intro: Vec<String>,
    pub statistics: Statistics,
    pub lines: StatLines,
}

/// Input line of each statistic, for diagnostics about it.
#[derive(Debug, Default, Clone, Copy)]
pub struct StatLines {
    pub submitted: Option<usize>,
    pub registered: Option<usize>,
    pub registration_rate: Option<usize>,
    pub merged: Option<usize>,
    pub final_registered: Option<usize>,
    pub key_proposals: Option<usize>,
}

/// Most lines a title block spans.
const TITLE_MAX_LINES: usize = 3;

pub fn header(lines: &[Line<'_>]) -> Header {
    let mut h = Header::default();
    let title_lines = lines.iter().take(TITLE_MAX_LINES).take_while(|l| is_title_like(&l.text)).count();
    if title_lines > 0 {
        h.title = Some(lines[..title_lines].iter().map(|l| &*l.text).collect());
    }
    h.intro = lines[title_lines..].iter().map(|l| l.text.to_string()).collect();

    let folded: Vec<(usize, &str, &str)> = lines.iter().map(|l| (l.no, l.folded(), &*l.text)).collect();
    h.region =
        folded.iter().filter(|(_, f, _)| holds(f, REGION_WORDS)).find_map(|(_, f, orig)| region(f, orig));
    h.session =
        folded.iter().filter(|(_, f, _)| holds(f, SESSION_WORDS)).find_map(|(_, f, orig)| session(f, orig));
    statistics(&folded, &mut h);
    h
}

/// A region name at the start of a line, before 政协 (or inside the CPPCC's full name).
// must match: 萧山区政协十五届三次会议以来   中国人民政治协商会议杭州市萧山区委员会
static REGION: LazyLock<Regex> = LazyLock::new(|| {
    let place = r"\p{Han}{1,12}?(?:自治区|自治州|自治县|特别行政区|省|市|区|县|旗|盟)";
    Regex::new(&format!(r"^(?:中国人民政治协商会议({place})委员会|({place})(?:政协|政治协商会议))"))
        .expect("valid regex")
});

/// REGION matches only lines holding one of these, SESSION only lines holding 届.
const REGION_WORDS: &[&str] = &["政协", "政治协商会议"];
const SESSION_WORDS: &[&str] = &["届"];

/// Words that can stand before 区政协 without being a place (本届区政协, 全区政协 …). Whole words:
/// single characters would also reject real places (上城区, 下城区).
const NOT_A_PLACE_START: &[&str] =
    &["本届", "上届", "历届", "全", "今年", "去年", "各", "我", "该", "在", "由", "经", "据"];

fn region(folded: &str, orig: &str) -> Option<String> {
    let range = region_range(folded)?;
    let folded_name = &folded[range.clone()];
    (!NOT_A_PLACE_START.iter().any(|w| folded_name.starts_with(*w))).then(|| orig[range].to_owned())
}

/// Where REGION's place lies in `folded`: its first match, and the [`place`] within it.
fn region_range(folded: &str) -> Option<std::ops::Range<usize>> {
    let m = REGION.find(folded)?;
    let within = place(m.as_str());
    Some(m.start() + within.start..m.start() + within.end)
}

/// The CPPCC's full name, which REGION's first alternative opens with.
const FULL_NAME: &str = "中国人民政治协商会议";

/// Where REGION's place lies in a match of it: read off the match, since asking the regex for its groups
/// runs its backtracker on every line with 政协 (test `groups_are_read_as_the_regex_reads_them`). A match
/// ending in 委员会 is the first alternative, the full name around the place; any other ends in the
/// second alternative's 政协 or 政治协商会议, and a place ends in neither (it ends in 市, 区 …).
fn place(matched: &str) -> std::ops::Range<usize> {
    match matched.strip_suffix("委员会") {
        Some(m) => FULL_NAME.len()..m.len(),
        None => {
            let name = matched.strip_suffix("政治协商会议").or_else(|| matched.strip_suffix("政协"));
            0..name.map_or(matched.len(), str::len)
        }
    }
}

/// A session: 届 and 次.
// must match: 十五届三次会议   第十五届委员会第三次会议   15届3次全体会议
static SESSION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"第?([一二三四五六七八九十]{1,3}|(?-u:\d){1,2})届(?:委员会)?第?([一二三四五六七八九十]{1,3}|(?-u:\d){1,2})次(?:全体)?会议")
        .expect("valid regex")
});

fn session(folded: &str, orig: &str) -> Option<Session> {
    let m = SESSION.find(folded)?;
    let (term, meeting) = term_and_meeting(m.as_str())?;
    Some(Session {
        label: orig[m.range()].to_owned(),
        term: chinese_number(term),
        meeting: chinese_number(meeting),
    })
}

/// SESSION's two numbers, read off a match of it (see [`place`]): 第? term 届 委员会? 第? meeting 次. Neither
/// number holds 届, 第 or 次.
fn term_and_meeting(matched: &str) -> Option<(&str, &str)> {
    let (term, rest) = matched.split_once('届')?;
    let rest = rest.strip_prefix("委员会").unwrap_or(rest);
    let meeting = rest.strip_prefix('第').unwrap_or(rest).split_once('次')?.0;
    Some((term.strip_prefix('第').unwrap_or(term), meeting))
}

/// The Chinese numerals a count is written in: a macro, so that [`NUM`] is built from them at compile time.
macro_rules! numerals {
    () => {
        "〇零一二两三四五六七八九十百千"
    };
}

/// A count in digits or Chinese numerals. Digits here and everywhere in the parser are ASCII: NFKC has made
/// full-width ones ASCII, [`chinese_number`] reads no others, and Unicode's `\d` (some 60 ranges, copied
/// for every repetition) took half the instructions of parsing one file with `tian parse`, in compiling.
const NUM: &str = concat!(r"((?-u:\d){1,7}|[", numerals!(), "]{1,8})");
/// A percentage as written.
const RATE: &str = r"((?-u:\d){1,3}(?:\.(?-u:\d){1,3})?)%";

fn stat_regex(template: &str) -> Regex {
    Regex::new(&template.replace("NUM", NUM).replace("RATE", RATE)).expect("valid regex")
}

// must match: 以提案形式提出意见建议380件   共收到提案358件   共提交提案298件   提案总数为301件
static SUBMITTED: LazyLock<Regex> = LazyLock::new(|| {
    stat_regex(
        r"(?:提出|收到|提交|征集到?)(?:各类)?(?:意见建议|委员提案|提案)(?:共)?NUM件|共(?:收到|提交|提出)NUM件|提案总数(?:为|达)?NUM件",
    )
});

// must match: 共立案353件   经审查立案312件   确定立案300件   符合立案条件330件   (skipped: 最终立案351件, 不予立案5件)
static REGISTERED: LazyLock<Regex> = LazyLock::new(|| {
    stat_regex(&format!(
        r"({})?(?:共|经审查,?)?(?:确定|予以|同意)?立案(?:为)?NUM件|符合立案条件(?:的)?(?:提案)?(?:有|共)?NUM件",
        NOT_REGISTERED_START.join("|")
    ))
});

// must match: 其余27件作为来信处理   15件转社情民意   不予立案5件
static NOT_REGISTERED: LazyLock<Regex> = LazyLock::new(|| {
    stat_regex(
        r"其余(?:的)?NUM件|NUM件(?:提案)?(?:作为来信|转(?:为)?社情民意|转为意见和?建议|作为意见建议|不予立案|未予立案)|不予立案(?:的)?(?:提案)?NUM件",
    )
});

// must match: 立案率为92.9%   立案率达95%   立案率96.2%
static REGISTRATION_RATE: LazyLock<Regex> = LazyLock::new(|| stat_regex(r"立案率(?:为|达|是)?RATE"));
// must match: 办复率100%
static REPLY_RATE: LazyLock<Regex> = LazyLock::new(|| stat_regex(r"办复率(?:为|达|是)?RATE"));
// must match: 满意率98.6%   满意和基本满意率为100%
static SATISFACTION_RATE: LazyLock<Regex> =
    LazyLock::new(|| stat_regex(r"满意(?:和基本满意)?(?:率|度)(?:为|达|是)?RATE"));

// must match: 有4件提案因分别归属相同主题而作并案处理为2件   31件提案因分别归属13个相同主题
static MERGED: LazyLock<Regex> = LazyLock::new(|| {
    stat_regex(
        r"NUM件(?:提案)?[^。;,件]{0,30}?并案(?:处理)?(?:为|成)NUM件|NUM件(?:提案)?因?(?:分别)?归属(?:于)?NUM个(?:相同)?主题",
    )
});

// must match: 最终立案351件   并案处理后为123件
static FINAL_REGISTERED: LazyLock<Regex> =
    LazyLock::new(|| stat_regex(r"最终(?:确定)?立案(?:为)?NUM件|并案(?:处理)?后(?:为|共|立案|共立案)?NUM件"));

// must match: 确定《关于…》等7件提案为区政协领导重点督办提案   现将7件重点提案督办情况介绍如下   重点提案12件
static KEY_PROPOSALS: LazyLock<Regex> = LazyLock::new(|| {
    stat_regex(
        r"等NUM件(?:提案)?(?:为|作为|列为|确定为)[^。]{0,30}?重点|NUM件(?:重点督办|重点)提案|重点(?:督办)?提案(?:共|有)?NUM件",
    )
});

/// Whether `line` holds one of `words`: a statistic's regex can only match a line holding one of the
/// words every alternative of it contains, and a substring search costs far less than the regex.
fn holds(line: &str, words: &[&str]) -> bool {
    words.iter().any(|w| line.contains(w))
}

/// Each statistic's regex with the words one of which it needs (the test `words_are_needed` checks them).
const SUBMITTED_WORDS: &[&str] = &["提案", "意见建议", "共"];
const REGISTERED_WORDS: &[&str] = &["立案"];
const NOT_REGISTERED_WORDS: &[&str] = &["其余", "来信", "社情民意", "意见", "立案"];
const REGISTRATION_RATE_WORDS: &[&str] = &["立案率"];
const REPLY_RATE_WORDS: &[&str] = &["办复率"];
const SATISFACTION_RATE_WORDS: &[&str] = &["满意"];
const MERGED_WORDS: &[&str] = &["并案", "归属"];
const FINAL_REGISTERED_WORDS: &[&str] = &["最终", "并案"];
const KEY_PROPOSALS_WORDS: &[&str] = &["重点"];

/// The first line holding one of `words` whose text yields a value, and that value.
fn first<T>(
    lines: &[(usize, &str, &str)],
    words: &[&str],
    mut read: impl FnMut(&str) -> Option<T>,
) -> Option<(T, usize)> {
    lines
        .iter()
        .filter(|(_, folded, _)| holds(folded, words))
        .find_map(|(no, folded, _)| read(folded).map(|v| (v, *no)))
}

/// The Chinese numerals of [`NUM`].
const NUMERALS: &str = numerals!();

/// The first NUM of a statistic's match, found without asking the regex for its groups, which took the
/// backtracker for every match: the match's first run of ASCII digits and Chinese numerals. No word of the
/// statistics holds either, and a NUM ends before 件 or 个, so the run is the group (test
/// `figures_are_read_as_their_groups_read_them`).
fn first_figure(matched: &str) -> Option<u32> {
    let rest = &matched[matched.find(is_figure)?..];
    chinese_number(&rest[..rest.find(|c: char| !is_figure(c)).unwrap_or(rest.len())])
}

/// The last NUM of a MERGED match, found the same way as [`first_figure`]: the match's last run of figures.
/// Its second NUM ends the match but for words without figures, and follows 为, 成, 属 or 于.
fn last_figure(matched: &str) -> Option<u32> {
    let mut back = matched.char_indices().rev().skip_while(|&(_, c)| !is_figure(c));
    let (last, c) = back.next()?;
    let start = back.take_while(|&(_, c)| is_figure(c)).last().map_or(last, |(i, _)| i);
    chinese_number(&matched[start..last + c.len_utf8()])
}

/// A character a NUM is written in.
fn is_figure(c: char) -> bool {
    c.is_ascii_digit() || NUMERALS.contains(c)
}

/// Counts end in 件; lines without one are not searched.
fn count(re: &Regex) -> impl FnMut(&str) -> Option<u32> + '_ {
    move |s| s.contains('件').then(|| re.find(s)).flatten().and_then(|m| first_figure(m.as_str()))
}

/// Rates end in %; lines without one are not searched. A match is its words, then RATE: the figure runs
/// from its first digit to the % that ends it.
fn rate(re: &Regex) -> impl FnMut(&str) -> Option<f64> + '_ {
    move |s| {
        let m = s.contains('%').then(|| re.find(s)).flatten()?.as_str();
        m[m.find(|c: char| c.is_ascii_digit())?..m.len() - 1].parse().ok()
    }
}

/// REGISTERED's words for other figures (最终立案, 不予立案): a match that starts with one is not the count.
const NOT_REGISTERED_START: [&str; 6] = ["最终", "最后", "后", "不予", "未予", "未"];

fn registered(line: &str) -> Option<u32> {
    REGISTERED
        .find_iter(line)
        .filter(|m| !NOT_REGISTERED_START.iter().any(|w| m.as_str().starts_with(w)))
        .find_map(|m| first_figure(m.as_str()))
}

/// MERGED's two figures, before and after.
fn merged(line: &str) -> Option<(u32, u32)> {
    let m = MERGED.find(line)?.as_str();
    Some((first_figure(m)?, last_figure(m)?))
}

fn statistics(lines: &[(usize, &str, &str)], h: &mut Header) {
    let s = &mut h.statistics;
    let at = &mut h.lines;
    (s.submitted, at.submitted) = first(lines, SUBMITTED_WORDS, count(&SUBMITTED)).unzip();
    // 最终立案 and 不予立案 are other figures: skip those matches, keep looking on the line.
    (s.registered, at.registered) = first(lines, REGISTERED_WORDS, registered).unzip();
    s.not_registered = first(lines, NOT_REGISTERED_WORDS, count(&NOT_REGISTERED)).map(|(v, _)| v);
    (s.registration_rate, at.registration_rate) =
        first(lines, REGISTRATION_RATE_WORDS, rate(&REGISTRATION_RATE)).unzip();
    if let Some(((from, into), no)) = first(lines, MERGED_WORDS, merged) {
        (s.merged_from, s.merged_into, at.merged) = (Some(from), Some(into), Some(no));
    }
    (s.final_registered, at.final_registered) =
        first(lines, FINAL_REGISTERED_WORDS, count(&FINAL_REGISTERED)).unzip();
    (s.key_proposals, at.key_proposals) = first(lines, KEY_PROPOSALS_WORDS, count(&KEY_PROPOSALS)).unzip();
    s.reply_rate = first(lines, REPLY_RATE_WORDS, rate(&REPLY_RATE)).map(|(v, _)| v);
    s.satisfaction_rate = first(lines, SATISFACTION_RATE_WORDS, rate(&SATISFACTION_RATE)).map(|(v, _)| v);
}

#[cfg(test)]
mod tests {
    use super::*;

    use regex::Captures;

    /// The numbers captured by whichever alternative matched, in order: what [`first_figure`] and
    /// [`last_figure`] must find.
    fn numbers(caps: &Captures<'_>) -> Vec<u32> {
        caps.iter().skip(1).flatten().filter_map(|m| chinese_number(m.as_str())).collect()
    }

    fn stats(text: &str) -> Statistics {
        let lines = vec![Line::new(2, text)];
        header(&lines).statistics
    }

    /// Every alternative and optional part of the header regexes, in phrases.
    const PHRASES: &[&str] = &[
        "提出意见建议380件",
        "收到各类委员提案共12件",
        "征集到提案三百件",
        "提交提案5件",
        "共收到358件",
        "共提交140件",
        "共提出3件",
        "提案总数为301件",
        "提案总数达3件",
        "提案总数3件",
        "最终立案351件",
        "共立案353件",
        "经审查,确定立案300件",
        "予以立案为5件",
        "同意立案5件",
        "立案12件",
        "符合立案条件330件",
        "符合立案条件的提案有3件",
        "不予立案5件",
        "其余27件",
        "其余的3件",
        "15件转社情民意",
        "15件提案作为来信处理",
        "3件转为意见和建议",
        "3件转为意见建议",
        "3件作为意见建议",
        "3件不予立案",
        "3件未予立案",
        "不予立案的提案5件",
        "立案率为92.9%",
        "立案率达95%",
        "立案率96.2%",
        "立案率是9%",
        "办复率100%",
        "办复率为9%",
        "满意率98.6%",
        "满意和基本满意率为100%",
        "满意度达95%",
        "有4件提案因分别归属相同主题而作并案处理为2件",
        "4件并案为2件",
        "4件提案另行并案成2件",
        "31件提案因分别归属13个相同主题",
        "3件归属于2个主题",
        "最终确定立案为3件",
        "并案处理后为123件",
        "并案后共3件",
        "并案后立案3件",
        "并案后共立案3件",
        "等7件提案为区政协领导重点督办提案",
        "等七件作为重点",
        "7件重点督办提案",
        "7件重点提案",
        "重点提案12件",
        "重点督办提案共3件",
        "重点提案有3件",
        "十五届三次会议",
        "第十五届委员会第三次会议",
        "15届3次全体会议",
        "萧山区政协十五届",
        "中国人民政治协商会议杭州市萧山区委员会",
        "萧山区政治协商会议",
    ];

    /// Every phrase a header regex matches holds one of the words it is filtered by.
    #[test]
    fn words_are_needed() {
        let checks: [(&Regex, &[&str]); 11] = [
            (&REGION, REGION_WORDS),
            (&SESSION, SESSION_WORDS),
            (&SUBMITTED, SUBMITTED_WORDS),
            (&REGISTERED, REGISTERED_WORDS),
            (&NOT_REGISTERED, NOT_REGISTERED_WORDS),
            (&REGISTRATION_RATE, REGISTRATION_RATE_WORDS),
            (&REPLY_RATE, REPLY_RATE_WORDS),
            (&SATISFACTION_RATE, SATISFACTION_RATE_WORDS),
            (&MERGED, MERGED_WORDS),
            (&FINAL_REGISTERED, FINAL_REGISTERED_WORDS),
            (&KEY_PROPOSALS, KEY_PROPOSALS_WORDS),
        ];
        for phrase in PHRASES {
            let matched: Vec<_> = checks.iter().filter(|(re, _)| re.is_match(phrase)).collect();
            assert!(!matched.is_empty(), "{phrase} matches no header regex");
            for (re, words) in matched {
                assert!(holds(phrase, words), "{phrase} matches {} but holds none of {words:?}", re.as_str());
            }
        }
    }

    #[test]
    fn sample_phrasing() {
        let s = stats(
            "全年以提案形式提出意见建议380件,经审查,共立案353件,其余27件作为来信处理,立案率为92.9%,其中有4件提案因分别归属相同主题而作并案处理为2件,最终立案351件。确定《关于甲,乙的建议》等7件提案为区政协领导重点督办提案。",
        );
        let want = Statistics {
            submitted: Some(380),
            registered: Some(353),
            not_registered: Some(27),
            registration_rate: Some(92.9),
            merged_from: Some(4),
            merged_into: Some(2),
            final_registered: Some(351),
            key_proposals: Some(7),
            reply_rate: None,
            satisfaction_rate: None,
        };
        assert_eq!(s, want);
    }

    #[test]
    fn other_phrasings() {
        let s = stats(
            "共收到提案358件,符合立案条件330件,28件转社情民意,立案率达92.2%。31件提案因分别归属13个相同主题而作并案处理,最终立案312件。办复率100%,满意和基本满意率为98.6%。现将七件重点提案督办情况介绍如下:",
        );
        assert_eq!((s.submitted, s.registered, s.not_registered), (Some(358), Some(330), Some(28)));
        assert_eq!((s.merged_from, s.merged_into, s.final_registered), (Some(31), Some(13), Some(312)));
        assert_eq!((s.reply_rate, s.satisfaction_rate, s.key_proposals), (Some(100.0), Some(98.6), Some(7)));
        let s = stats("共提交提案140件,立案133件,并案处理后为123件,不予立案7件。");
        assert_eq!((s.submitted, s.registered, s.final_registered), (Some(140), Some(133), Some(123)));
        assert_eq!(s.not_registered, Some(7));
    }

    /// Figures are read in ASCII digits (NFKC makes them of full-width ones) or Chinese numerals. One in
    /// other digits is passed over like any other word, and does not hide a readable one after it.
    #[test]
    fn figures_in_other_digits_are_passed_over() {
        let s = stats("共收到٣件,共收到5件,立案率为٩٠%,立案率为96%");
        assert_eq!((s.submitted, s.registration_rate), (Some(5), Some(96.0)));
    }

    /// Words that come before a figure, figures with what ends them, and words that follow.
    const FIGURE_PIECES: &[&str] = &[
        "共收到",
        "立案",
        "共立案",
        "其余",
        "最终立案",
        "不予立案",
        "等",
        "重点提案",
        "立案率为",
        "办复率",
        "满意率",
        "后",
        "符合立案条件",
        "十件",
        "三十件",
        "两件",
        "12件",
        "一二件",
        "1234567件",
        "12345678件",
        "十个",
        "〇件",
        "92.9%",
        "1.2.3%",
        "3%",
        "100%",
        "提案",
        "作为来信",
        "并案为",
        "重点",
        ",",
        "。",
        "为",
    ];

    /// Texts of up to ten pieces: whole phrases, and more often `pieces`.
    fn texts(pieces: &'static [&'static str]) -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::strategy::Strategy;
        let piece = proptest::prop_oneof![
            1 => proptest::sample::select(PHRASES),
            3 => proptest::sample::select(pieces),
        ];
        proptest::collection::vec(piece, 0..10).prop_map(|pieces| pieces.concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// The figures read from a match are those its groups hold.
        #[test]
        fn figures_are_read_as_their_groups_read_them(text in texts(FIGURE_PIECES)) {
            let by_groups = |re: &Regex| re.captures(&text).and_then(|c| numbers(&c).first().copied());
            for re in [&*SUBMITTED, &*NOT_REGISTERED, &*FINAL_REGISTERED, &*KEY_PROPOSALS] {
                let read = re.find(&text).and_then(|m| first_figure(m.as_str()));
                proptest::prop_assert_eq!(read, by_groups(re), "{}", re.as_str());
            }
            for re in [&*REGISTRATION_RATE, &*REPLY_RATE, &*SATISFACTION_RATE] {
                let by_group: Option<f64> = re.captures(&text).and_then(|c| c[1].parse().ok());
                proptest::prop_assert_eq!(rate(re)(&text), by_group, "{}", re.as_str());
            }
            let by_groups = REGISTERED
                .captures_iter(&text)
                .filter(|c| c.get(1).is_none())
                .find_map(|c| numbers(&c).first().copied());
            proptest::prop_assert_eq!(registered(&text), by_groups);
            let by_groups = MERGED.captures(&text).map(|c| numbers(&c)).filter(|n| n.len() == 2);
            proptest::prop_assert_eq!(merged(&text).map(|(a, b)| vec![a, b]), by_groups);
        }

        /// The place and the session's numbers read off a match are the regex's groups.
        #[test]
        fn groups_are_read_as_the_regex_reads_them(text in texts(SESSION_PIECES)) {
            let by_group =
                REGION.captures(&text).and_then(|c| c.get(1).or_else(|| c.get(2))).map(|g| g.range());
            proptest::prop_assert_eq!(region_range(&text), by_group);
            let by_groups = SESSION.captures(&text).map(|c| (c[1].to_owned(), c[2].to_owned()));
            let read = SESSION.find(&text).and_then(|m| {
                term_and_meeting(m.as_str()).map(|(t, n)| (t.to_owned(), n.to_owned()))
            });
            proptest::prop_assert_eq!(read, by_groups);
        }
    }

    /// Pieces of the lines that name a region and a session.
    const SESSION_PIECES: &[&str] = &[
        "中国人民政治协商会议",
        "杭州市",
        "萧山区",
        "自治县",
        "本届",
        "区",
        "政协",
        "政治协商会议",
        "委员会",
        "第",
        "十五",
        "三",
        "15",
        "123",
        "届",
        "次",
        "全体",
        "会议",
        ",",
    ];

    #[test]
    fn final_and_refused_are_not_registered() {
        let s = stats("不予立案5件,最终立案351件");
        assert_eq!((s.registered, s.not_registered, s.final_registered), (None, Some(5), Some(351)));
    }

    #[test]
    fn a_title_block_over_two_lines_is_one_title() {
        let line = Line::new;
        let h = header(&[
            line(1, "中国人民政治协商会议杭州市萧山区委员会"),
            line(2, "第十五届委员会第二次会议重点提案办理情况报告"),
            line(3, "2024年12月20日"),
            line(4, "第十五届委员会第二次会议期间,共提交提案140件。"),
        ]);
        assert_eq!(
            h.title.as_deref(),
            Some("中国人民政治协商会议杭州市萧山区委员会第十五届委员会第二次会议重点提案办理情况报告")
        );
        assert_eq!(h.intro, ["2024年12月20日", "第十五届委员会第二次会议期间,共提交提案140件。"]);
    }

    #[test]
    fn title_region_session() {
        let line = Line::new;
        let h = header(&[
            line(1, "區政協十五屆三次會議重點督辦提案綜述"),
            line(3, "蕭山區政協十五屆三次會議以來,廣大政協委員積極建言。"),
        ]);
        assert_eq!(h.title.as_deref(), Some("區政協十五屆三次會議重點督辦提案綜述"));
        assert_eq!(h.region.as_deref(), Some("蕭山區"));
        let s = h.session.unwrap();
        assert_eq!((s.label.as_str(), s.term, s.meeting), ("十五屆三次會議", Some(15), Some(3)));
        assert_eq!(h.intro.len(), 1);
        assert_eq!(
            region("中国人民政治协商会议杭州市萧山区委员会", "中国人民政治协商会议杭州市萧山区委员会")
                .as_deref(),
            Some("杭州市萧山区")
        );
        assert_eq!(region("本届区政协", "本届区政协"), None);
        assert_eq!(
            region("上城区政协一届四次会议以来", "上城區政協一屆四次會議以來").as_deref(),
            Some("上城區")
        );
        assert_eq!(region("下城区政协", "下城区政协").as_deref(), Some("下城区"));
        let s = session("第十五届委员会第三次会议", "第十五届委员会第三次会议").unwrap();
        assert_eq!((s.term, s.meeting), (Some(15), Some(3)));
    }
}
