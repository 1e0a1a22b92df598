//! Header facts: title, region, session, intro paragraphs and the stated statistics.
//!
//! Every figure is reported as written; none is computed or "fixed" here. Each regex runs on the line
//! folded to Simplified, and values are cut from the original line at the same byte offsets.

use std::sync::LazyLock;

use regex::Regex;

use super::preview;
use crate::grammar::{self, chinese_number, title_block};
use crate::model::{Code, Diagnostic, Figure, ReportDate, Session, Stat, Statistics};
use crate::normalize::Line;

/// What the header says, with the line each statistic was read from.
#[derive(Debug, Default)]
pub struct Header {
    pub title: Option<String>,
    pub region: Option<String>,
    pub session: Option<Session>,
    /// A date on its own line under the title.
    pub date: Option<ReportDate>,
    pub intro: Vec<String>,
    pub statistics: Statistics,
    pub lines: StatLines,
    /// Figures stated as parts of one stated before (`现将其中4件重点提案…`).
    pub parts: Vec<(Stat, Figure)>,
}

/// Input line of each statistic, for diagnostics about it.
#[derive(Debug, Default, Clone)]
pub struct StatLines(Vec<(Stat, usize)>);

impl StatLines {
    /// The line `stat` was read from.
    pub fn get(&self, stat: Stat) -> Option<usize> {
        self.0.iter().find(|(s, _)| *s == stat).map(|&(_, no)| no)
    }

    fn set(&mut self, stat: Stat, line: usize) {
        self.0.push((stat, line));
    }
}

/// Reads the header: the title (the first lines that make no sentence, past any page furniture before
/// them), a date under it, the intro paragraphs, and the facts stated in them.
pub fn header(lines: &[Line<'_>], diags: &mut Vec<Diagnostic>) -> Header {
    let mut h = Header::default();
    let block = title_block(lines);
    let lead = block.start;
    // A masthead (the committee's name over its report) says whose the report is: the region's source.
    let masthead: Vec<bool> = lines[..lead].iter().map(|l| is_masthead(l.folded())).collect();
    let mastheads: Vec<&Line<'_>> =
        lines[..lead].iter().zip(&masthead).filter(|(_, m)| **m).map(|(l, _)| l).collect();
    // A site's banner: a line that makes no sentence, over the navigation the normalizer dropped.
    let banner = |k: usize| lines[k + 1].after_chrome && grammar::is_title_like(&lines[k].text);
    for (k, line) in lines[..lead].iter().enumerate() {
        if masthead[k] || banner(k) {
            continue;
        }
        diags.push(Diagnostic::new(
            Code::UnplacedText,
            Some(line.no),
            format!("text before the title fits no field; not kept: {}", preview(&line.text)),
        ));
    }
    let title_lines = block.len();
    if title_lines > 0 {
        h.title = Some(lines[block].iter().map(|l| &*l.text).collect());
    }
    let rest = &lines[lead..];
    let mut rest = &rest[title_lines..];
    if title_lines > 0
        && let Some((line, after)) = rest.split_first()
        && let Some(date) = grammar::date(line.folded()).filter(|d| d.range.start == 0)
    {
        h.date = Some(ReportDate { text: line.text[date.range].to_owned(), iso: date.iso });
        rest = after;
    }
    h.intro = rest.iter().map(|l| l.text.to_string()).collect();

    let folded: Vec<(usize, &str, &str)> =
        lines[lead..].iter().map(|l| (l.no, l.folded(), &*l.text)).collect();
    // The full name wherever it is, before a short one.
    let named = |(_, f, orig): &&(usize, &str, &str)| full_name_region(f, orig);
    let with_words = || folded.iter().filter(|(_, f, _)| holds(f, REGION_WORDS));
    h.region = with_words()
        .find_map(|l| named(&l))
        .or_else(|| mastheads.iter().find_map(|l| full_name_region(l.folded(), &l.text)))
        .or_else(|| with_words().find_map(|(_, f, orig)| region(f, orig)));
    h.session =
        folded.iter().filter(|(_, f, _)| holds(f, SESSION_WORDS)).find_map(|(_, f, orig)| session(f, orig));
    statistics(&folded, &mut h, diags);
    h
}

/// What kind of place a place is: the word its name ends in.
const LEVELS: [&str; 10] = ["自治区", "自治州", "自治县", "特别行政区", "省", "市", "区", "县", "旗", "盟"];

/// A place: a name and what kind of place it is ([`LEVELS`]).
static PLACE: LazyLock<String> = LazyLock::new(|| format!(r"\p{{Han}}{{1,12}}?(?:{})", LEVELS.join("|")));

/// The CPPCC's name around its place, which says the place for certain: `中国人民政治协商会议X委员会`,
/// `政协X委员会`, perhaps with the term between.
// must match: 中国人民政治协商会议杭州市萧山区委员会   政协萧县委员会提案委员会   政协莒县第十二届委员会
static FULL_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:中国人民政治协商会议|政协)({})(?:第[{}]{{1,3}}届)?委员会",
        *PLACE,
        grammar::counting_numerals()
    ))
    .expect("valid regex")
});

/// A place before 政协 where a phrase starts: the start of a line, or after punctuation.
// must match: 萧山区政协十五届三次会议以来   今年以来,德清县政协围绕…
static REGION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?:^|[,;。:、 《“(])({})(?:政协|政治协商会议)", *PLACE)).expect("valid regex")
});

/// Whether `line` holds one of `words`: REGION and SESSION can only match a line holding one of the
/// words every alternative of them contains, and a substring search costs far less than the regex.
fn holds(line: &str, words: &[&str]) -> bool {
    words.iter().any(|w| memchr::memmem::find(line.as_bytes(), w.as_bytes()).is_some())
}

/// REGION matches only lines holding one of these, SESSION only lines holding 届.
const REGION_WORDS: &[&str] = &["政协", "政治协商会议"];
const SESSION_WORDS: &[&str] = &["届"];

/// Words that stand before a place, or before 区政协 where no place is named (本届区政协, 全区政协,
/// 关于市政协): determiners and prepositions. A place's name may open with one of their characters
/// (全椒县, 和平区, 从江县): only before a bare level is such a word no place.
const NOT_A_PLACE_START: &[&str] = &[
    "本届", "上届", "历届", "全", "今年", "去年", "各", "我", "该", "在", "由", "经", "据", "关于", "对于",
    "根据", "按照", "为", "对", "从", "向", "将", "把", "和", "与", "及", "同", "原", "是",
];

/// Conjunctions: a match of a place that has run over one to a bare level joins two bodies
/// (`区委、区政府和区政协`); within a name it is the name's (太和县).
const CONJUNCTIONS: [char; 3] = ['和', '与', '及'];

/// Words no place's name holds: an organ of government, or 的.
const NOT_IN_A_PLACE: &[&str] = &["的", "政府", "人大", "委"];

/// The place a match of [`REGION`]'s place names, as a range of it: none when it is a function word
/// before a bare level (全县, 在区, 关于市), or two bodies joined; a word of more than one character before
/// a named place (关于杭州市) is no part of it.
fn place_name(place: &str) -> Option<std::ops::Range<usize>> {
    let bare = |rest: &str| LEVELS.contains(&rest);
    for word in NOT_A_PLACE_START {
        if let Some(rest) = place.strip_prefix(word) {
            if bare(rest) {
                return None;
            }
            if word.chars().nth(1).is_some() {
                let at = word.len();
                return place_name(rest).map(|r| r.start + at..r.end + at);
            }
        }
    }
    let joined = place.char_indices().any(|(at, c)| {
        CONJUNCTIONS.contains(&c) && bare(&place[at + c.len_utf8()..]) && place[..at].chars().nth(1).is_some()
    });
    (!joined && !NOT_IN_A_PLACE.iter().any(|w| place.contains(w))).then_some(0..place.len())
}

/// The place whose CPPCC a (folded) line names, as `orig` writes it: from the CPPCC's full name, or
/// else before 政协 where a phrase starts.
pub fn region(folded: &str, orig: &str) -> Option<String> {
    full_name_region(folded, orig).or_else(|| {
        let place = REGION.find_iter(folded).find_map(|m| {
            let p = region_place(folded, m.range());
            place_name(&folded[p.clone()]).map(|r| p.start + r.start..p.start + r.end)
        })?;
        Some(orig[innermost(folded, place)].to_owned())
    })
}

/// The place (REGION's group) in a match of REGION: after the punctuation a phrase starts with, before
/// 政协. Read from the match, where a search for the group cost several times the match.
fn region_place(folded: &str, m: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let text = &folded[m.clone()];
    let start = text.chars().next().filter(|&c| !crate::text::is_han(c)).map_or(0, char::len_utf8);
    let end =
        text.strip_suffix("政协").or_else(|| text.strip_suffix("政治协商会议")).map_or(text.len(), str::len);
    m.start + start..m.start + end
}

/// The place the CPPCC's full name gives in a (folded) line, as `orig` writes it.
fn full_name_region(folded: &str, orig: &str) -> Option<String> {
    // Every full name ends in 委员会; most lines that name the CPPCC do not hold it.
    if !folded.contains("委员会") {
        return None;
    }
    let m = FULL_NAME.find(folded)?;
    Some(orig[innermost(folded, full_name_place(folded, m.range()))].to_owned())
}

/// The place (FULL_NAME's group) in a match of FULL_NAME: between the CPPCC's name and 委员会, without
/// the term (`第十二届`) before it.
fn full_name_place(folded: &str, m: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let text = &folded[m.clone()];
    let after =
        text.strip_prefix("中国人民政治协商会议").or_else(|| text.strip_prefix("政协")).unwrap_or(text);
    let start = text.len() - after.len();
    let place = after.strip_suffix("委员会").unwrap_or(after);
    let term = place.strip_suffix('届').and_then(|p| p.rfind('第')).filter(|&at| {
        place[at + '第'.len_utf8()..place.len() - '届'.len_utf8()].chars().all(grammar::is_numeral)
    });
    let place = term.map_or(place, |at| &place[..at]);
    m.start + start..m.start + start + place.len()
}

/// Whether a line is a masthead: the committee's full name and nothing else, perhaps as an official
/// document's (`政协岳西县委员会文件`).
fn is_masthead(folded: &str) -> bool {
    let name = folded.strip_suffix("文件").unwrap_or(folded);
    FULL_NAME.find(name).is_some_and(|m| m.range() == (0..name.len()))
}

/// The place a range of `folded` names, without the places above it (`杭州市萧山区` → `萧山区`,
/// `浙江省海宁市` → `海宁市`): the same district keyed the same way, whether or not its city is written.
/// A level's name ends in 省, 市, 盟 or 自治州 and has a name before it (`杭州市`, not the 州 of 杭州); the
/// place under it needs two characters (`沙市区` under `荆州市`).
fn innermost(folded: &str, mut range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    const LEVELS: [&str; 4] = ["省", "市", "盟", "自治州"];
    loop {
        let place = &folded[range.clone()];
        let split = place.char_indices().skip(1).find_map(|(i, c)| {
            let after = i + c.len_utf8();
            let level = LEVELS.iter().any(|l| place[..after].ends_with(l));
            (level && place[after..].chars().count() >= 2).then_some(after)
        });
        match split {
            Some(after) => range.start += after,
            None => return range,
        }
    }
}

/// A session: 届 and 次.
// must match: 十五届三次会议   第十五届委员会第三次会议   15届3次全体会议
static SESSION: LazyLock<Regex> = LazyLock::new(|| {
    let n = grammar::counting_numerals();
    Regex::new(&format!(
        r"第?([{n}]{{1,3}}|(?-u:\d){{1,2}})届(?:委员会)?第?([{n}]{{1,3}}|(?-u:\d){{1,2}})次(?:全体)?会议"
    ))
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

/// SESSION's two numbers, read off a match of it (see [`SESSION`]): 第? term 届 委员会? 第? meeting 次. Neither
/// number holds 届, 第 or 次.
fn term_and_meeting(matched: &str) -> Option<(&str, &str)> {
    let (term, rest) = matched.split_once('届')?;
    let rest = rest.strip_prefix("委员会").unwrap_or(rest);
    let meeting = rest.strip_prefix('第').unwrap_or(rest).split_once('次')?.0;
    Some((term.strip_prefix('第').unwrap_or(term), meeting))
}

// ---------------------------------------------------------------------------------------------------
// Statistics: a small grammar of clauses, figures and measures.
//
// The header states its figures in sentences no list of phrasings covers. Each sentence is cut into
// clauses at its punctuation (not inside 《》 or “”); in a clause, each figure (a count in 件 or 个, a
// percentage) is bound to the measure of its own clause: the one written before it since the figure
// before (`共收到提案412件`, `立案率达到93.7%`), or failing that the one after it (`36件未立案`,
// `7件提案为重点督办提案`). Several measures before figures `分别` written take them in order.

/// A figure: a number in digits (a decimal for rates) or numerals, and its unit.
// must match: 412件   三百八十件   13个   92.9%
static FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"((?-u:\d){{1,7}}(?:\.(?-u:\d){{1,3}})?|[{}]{{1,8}})(件|个|%)",
        grammar::numeral_chars()
    ))
    .expect("valid regex")
});

/// The measures a figure can be bound to, strongest first where two start at one place. The groups are
/// named after what they measure; `weak` ones (`共有`) give way to a measure after the figure.
// must match: 收到   立案   未立案   最终立案   并案处理后   并案   重点   立案率   办复率   满意
static MEASURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
          (?P<registration_rate>立案率)
        | (?P<reply_rate>办复率|办结率|答复率|回复率|办理率)
        | (?P<satisfaction_rate>满意)
        | (?P<final_registered>(?:最终|最后|实际)(?:确定)?(?:立案|交办|办理)|(?:并案|合并|归并)(?:处理|办理)?后)
        | (?P<merged>并案|合并|归并|并为|并成|合为|归属)
        | (?P<not_registered>未立案|不予立案|未予立案|不立案|未能立案|不符合立案|其余|余下|转为|转交|转由|转送|转至|转有关|转相关|作为(?:委员)?来信|作为[^,。;件]{0,12}?(?:处理|参考)|作为意见|作为建议|社情民意|撤回|撤案|退回)
        | (?P<registered>立案)
        | (?P<submitted>收到|提交|提出|征集|受理|总数)
        | (?P<weak>共有|共计|合计|总计)
        | (?P<key_proposals>重点)
        ",
    )
    .expect("valid regex")
});

/// What a measure measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Measure {
    Stat(Stat),
    /// 并案: the figure before it merged into the figure after it.
    Merged,
    /// 共有, 共计: a total of proposals received, unless the clause says more after the figure.
    Weak,
}

impl Measure {
    /// The measure a word MEASURE matched names: the group of MEASURE that matched it, read from the
    /// word, where a search for the groups cost several times the match. The first group that matches
    /// a word whole is the one that matched it, and the groups' words differ but for those told here.
    fn named(word: &str) -> Measure {
        match word {
            "立案率" => Measure::Stat(Stat::RegistrationRate),
            "办复率" | "办结率" | "答复率" | "回复率" | "办理率" => {
                Measure::Stat(Stat::ReplyRate)
            }
            "满意" => Measure::Stat(Stat::SatisfactionRate),
            _ if ["最终", "最后", "实际"].iter().any(|w| word.starts_with(w)) || word.ends_with('后') => {
                Measure::Stat(Stat::FinalRegistered)
            }
            "并案" | "合并" | "归并" | "并为" | "并成" | "合为" | "归属" => Measure::Merged,
            "立案" => Measure::Stat(Stat::Registered),
            "收到" | "提交" | "提出" | "征集" | "受理" | "总数" => Measure::Stat(Stat::Submitted),
            "共有" | "共计" | "合计" | "总计" => Measure::Weak,
            "重点" => Measure::Stat(Stat::KeyProposals),
            _ => Measure::Stat(Stat::NotRegistered),
        }
    }

    /// The measure of a match of MEASURE by its groups: the tests' oracle for [`Measure::named`].
    #[cfg(test)]
    fn of(caps: &regex::Captures<'_>) -> Option<Measure> {
        let group = |name| caps.name(name).is_some();
        Some(if group("merged") {
            Measure::Merged
        } else if group("weak") {
            Measure::Weak
        } else {
            let stat = Stat::ALL.into_iter().find(|s| group(s.name()))?;
            Measure::Stat(stat)
        })
    }

    /// Which measure wins where a stretch of a clause holds several: the more specific.
    fn strength(self) -> u8 {
        match self {
            Measure::Stat(Stat::KeyProposals) => 6,
            Measure::Stat(Stat::FinalRegistered) => 5,
            Measure::Merged => 4,
            Measure::Stat(Stat::NotRegistered) => 3,
            Measure::Stat(Stat::Registered) => 2,
            Measure::Stat(_) => 1,
            Measure::Weak => 0,
        }
    }

    fn fits(self, rate: bool) -> bool {
        match self {
            Measure::Stat(stat) => stat.is_rate() == rate,
            Measure::Merged | Measure::Weak => !rate,
        }
    }
}

/// A figure found in a clause.
#[derive(Debug, Clone, Copy)]
struct Found {
    figure: Figure,
    /// A 个 (of topics), which only a merge counts.
    topics: bool,
    start: usize,
    end: usize,
}

fn figures(clause: &str) -> Vec<Found> {
    FIGURE
        .find_iter(clause)
        .filter_map(|whole| {
            // The unit is the match's last character, the number all before it.
            let unit_at = whole.as_str().char_indices().next_back()?.0;
            let (number, unit) = whole.as_str().split_at(unit_at);
            let figure = if unit == "%" {
                Figure::Rate(number.parse().ok()?)
            } else {
                Figure::Count(chinese_number(number)?)
            };
            Some(Found { figure, topics: unit == "个", start: whole.start(), end: whole.end() })
        })
        .collect()
}

/// The measures in a stretch of a clause, in order, each with its word and where the word ends in the
/// stretch. Each stretch between two figures is searched once: it is the text after one figure and
/// before the next.
struct Stretch<'a> {
    text: &'a str,
    measures: Vec<(Measure, &'a str, usize)>,
}

impl<'a> Stretch<'a> {
    fn of(text: &'a str) -> Stretch<'a> {
        let measures =
            MEASURE.find_iter(text).map(|m| (Measure::named(m.as_str()), m.as_str(), m.end())).collect();
        Stretch { text, measures }
    }

    fn measures(&self) -> impl Iterator<Item = Measure> + '_ {
        self.measures.iter().map(|&(m, ..)| m)
    }

    /// Whether the last merge word of the stretch says what proposals were merged into: `并为`, `合并为`,
    /// `并案处理为`, `归属`; not `并案:`, a merge's heading before what was merged.
    fn merges_into(&self) -> bool {
        let Some(&(_, word, end)) = self.measures.iter().rev().find(|(m, ..)| *m == Measure::Merged) else {
            return false;
        };
        let after = &self.text[end..];
        let after = after.strip_prefix("处理").or_else(|| after.strip_prefix("办理")).unwrap_or(after);
        matches!(word, "并为" | "并成" | "合为" | "归属") || after.starts_with(['为', '成'])
    }

    /// The strongest measure of the stretch that fits a figure (a rate or a count).
    fn strongest(&self, rate: bool) -> Option<Measure> {
        self.measures().filter(|m| m.fits(rate)).max_by_key(|m| m.strength())
    }
}

/// The clauses of a (folded) line, each with whether it ends a sentence: cut at `,` `;` `。` `:` `!`
/// `?` and brackets (an aside in brackets is a clause of its own), never inside 《》 or “”, nor at a colon
/// between a measure and its figure (`收到提案:286件`).
fn clauses(line: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in line.char_indices() {
        let figure_after = || {
            line[i + c.len_utf8()..]
                .trim_start()
                .starts_with(|n: char| n.is_ascii_digit() || grammar::is_numeral(n))
        };
        match c {
            '《' | '“' => depth += 1,
            '》' | '”' => depth = (depth - 1).max(0),
            ':' if figure_after() => {}
            ',' | ';' | '。' | ':' | '!' | '?' | '(' | ')' if depth == 0 => {
                out.push((&line[start..i], matches!(c, '。' | ';' | '!' | '?')));
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push((&line[start..], true));
    out
}

/// What the sentence a clause belongs to has said so far: the measure of its last count, which a
/// share after it (`予以立案的241件,占提案总数的91.6%`) is a rate of.
#[derive(Debug, Default, Clone, Copy)]
struct Sentence {
    last_count: Option<Measure>,
}

/// The rate a share (`占…%`) of a count of `measure` is.
fn share_of(measure: Measure) -> Option<Stat> {
    match measure {
        Measure::Stat(Stat::Registered) => Some(Stat::RegistrationRate),
        Measure::Stat(Stat::SatisfactionRate) => Some(Stat::SatisfactionRate),
        _ => None,
    }
}

/// `clause` with what it quotes (`“同类合并”原则`, `《…》`) blanked out, byte for byte: a quoted word names
/// something and measures nothing.
fn unquoted(clause: &str) -> std::borrow::Cow<'_, str> {
    if !clause.contains(['“', '《']) {
        return std::borrow::Cow::Borrowed(clause);
    }
    let mut depth = 0usize;
    clause
        .chars()
        .map(|c| {
            let inside = depth > 0;
            match c {
                '“' | '《' => depth += 1,
                '”' | '》' => depth = depth.saturating_sub(1),
                _ => {}
            }
            match (inside, c.len_utf8()) {
                (false, _) => c,
                (true, 1) => '_',
                (true, 2) => '\u{B7}',
                (true, 3) => '\u{2026}',
                (true, _) => '\u{1F000}',
            }
        })
        .collect::<String>()
        .into()
}

/// The statistics a clause states, each with its value.
fn clause_statistics(clause: &str, sentence: &mut Sentence) -> Vec<(Stat, Figure)> {
    let clause = &unquoted(clause);
    let found = figures(clause);
    let mut out = Vec::new();
    if found.is_empty() {
        return out;
    }
    // `办复率、满意率分别为100%、98.6%`: the measures before the first figure take the figures in order.
    // The stretches before each figure and after the last.
    let stretches: Vec<Stretch<'_>> = (0..=found.len())
        .map(|k| {
            let from = if k == 0 { 0 } else { found[k - 1].end };
            Stretch::of(&clause[from..found.get(k).map_or(clause.len(), |n| n.start)])
        })
        .collect();
    if stretches[0].text.contains("分别") {
        let stats: Vec<Stat> = stretches[0]
            .measures()
            .filter_map(|m| match m {
                Measure::Stat(s) => Some(s),
                _ => None,
            })
            .collect();
        if stats.len() == found.len() {
            for (stat, f) in stats.into_iter().zip(&found) {
                if stat.is_rate() == matches!(f.figure, Figure::Rate(_)) && !f.topics {
                    out.push((stat, f.figure));
                }
            }
            return out;
        }
    }
    for (k, f) in found.iter().enumerate() {
        let rate = matches!(f.figure, Figure::Rate(_));
        let last = k + 1 == found.len();
        let before_text = &stretches[k];
        let before = before_text.strongest(rate);
        let after = stretches[k + 1].strongest(rate);
        let measure = match (before, after) {
            // What is chosen is named after its count: `从立案提案中遴选出5件重点提案`.
            (_, Some(Measure::Stat(Stat::KeyProposals))) if last => after,
            (Some(Measure::Weak), Some(after)) => Some(after),
            (Some(before), _) => Some(before),
            (None, after) => after,
        };
        if !rate {
            // The subject of a count, whether or not a count can measure it (`满意和基本满意的236件`).
            let subject = before_text.measures().max_by_key(|m| m.strength());
            sentence.last_count = subject.or(measure);
        }
        match measure {
            Some(Measure::Merged) if !rate => {
                // Before 并案, what was merged; after a merging into (并为, 合并为, 归属), what they became.
                let into = before == Some(Measure::Merged) && before_text.merges_into();
                if let Figure::Count(n) = f.figure {
                    out.push((if into { Stat::MergedInto } else { Stat::MergedFrom }, Figure::Count(n)));
                }
            }
            Some(Measure::Weak) if !f.topics => out.push((Stat::Submitted, f.figure)),
            Some(Measure::Stat(stat)) if !f.topics => out.push((stat, f.figure)),
            None if rate && before_text.text.contains('占') => {
                if let Some(stat) = sentence.last_count.and_then(share_of) {
                    out.push((stat, f.figure));
                }
            }
            _ => {}
        }
    }
    out
}

/// Reads the statistics of the header's lines: the first value of each, at its line. A later value that
/// differs is reported, not taken.
fn statistics(lines: &[(usize, &str, &str)], h: &mut Header, diags: &mut Vec<Diagnostic>) {
    for &(no, folded, _) in lines {
        if !folded.contains(['件', '个', '%']) {
            continue;
        }
        let mut sentence = Sentence::default();
        // The statistics this sentence has stated: a smaller value of one of them after it is one of
        // its parts (`未立案的35件中,21件转为委员来信,14件…`), not a second value.
        let mut stated: Vec<Stat> = Vec::new();
        for (clause, ends) in clauses(folded) {
            for (stat, figure) in clause_statistics(clause, &mut sentence) {
                match h.statistics.get(stat) {
                    None => {
                        h.statistics.set(stat, figure);
                        h.lines.set(stat, no);
                        stated.push(stat);
                    }
                    Some(first) if first == figure => {}
                    // Part of a figure stated before: in its sentence, or said so (`现将其中4件…`).
                    Some(first)
                        if (stated.contains(&stat) || clause.contains("其中")) && smaller(figure, first) =>
                    {
                        h.parts.push((stat, figure));
                    }
                    Some(first) => diags.push(Diagnostic::new(
                        Code::ConflictingStatistic,
                        Some(no),
                        format!(
                            "{} stated again as {}; the first, {}, is kept",
                            stat.name(),
                            show(figure),
                            show(first)
                        ),
                    )),
                }
            }
            if ends {
                sentence = Sentence::default();
                stated.clear();
            }
        }
    }
}

/// Whether figure `a` is less than `b`.
fn smaller(a: Figure, b: Figure) -> bool {
    match (a, b) {
        (Figure::Count(a), Figure::Count(b)) => a < b,
        (Figure::Rate(a), Figure::Rate(b)) => a < b,
        _ => false,
    }
}

fn show(figure: Figure) -> String {
    match figure {
        Figure::Count(n) => n.to_string(),
        Figure::Rate(r) => format!("{r}%"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every line of the documents in `input/`, folded, and some phrasings of the genre: where the
    /// readings from a match are held to the regexes' groups.
    fn lines_to_read() -> Vec<String> {
        let mut out: Vec<String> = [
            "共收到提案286件,经审查立案253件,其中并案处理后为240件,最终立案240件",
            "未立案36件转为委员来信,作为意见建议转有关部门参考18件",
            "合并为12件,归属13个相同主题,并案处理为2件,实际交办351件,最后确定立案300件",
            "办复率100%,满意和基本满意率达到99.16%,共计312件,合计3件,重点提案7件",
            "中国人民政治协商会议杭州市萧山区委员会,政协莒县第十二届委员会,政协萧县委员会提案委员会",
            "今年以来,德清县政协围绕…;《海宁市政协》“平湖市政协”(嘉善县政治协商会议)",
        ]
        .map(String::from)
        .to_vec();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("input");
        for entry in std::fs::read_dir(dir).unwrap() {
            let bytes = std::fs::read(entry.unwrap().path()).unwrap();
            let file = crate::FileName(None);
            let text = crate::decode::decode(&bytes, None, &file).unwrap().text.into_owned();
            for line in crate::normalize::lines(&text, false, &mut Vec::new()) {
                out.push(line.folded().to_owned());
            }
        }
        out
    }

    #[test]
    fn measures_and_figures_read_from_a_match_are_the_groups() {
        for line in lines_to_read() {
            let by_groups: Vec<Option<Measure>> =
                MEASURE.captures_iter(&line).map(|c| Measure::of(&c)).collect();
            let named: Vec<Option<Measure>> =
                MEASURE.find_iter(&line).map(|m| Some(Measure::named(m.as_str()))).collect();
            assert_eq!(named, by_groups, "{line}");
            let by_groups: Vec<(String, String)> =
                FIGURE.captures_iter(&line).map(|c| (c[1].to_owned(), c[2].to_owned())).collect();
            let read: Vec<(String, String)> = FIGURE
                .find_iter(&line)
                .map(|m| {
                    let at = m.as_str().char_indices().next_back().unwrap().0;
                    (m.as_str()[..at].to_owned(), m.as_str()[at..].to_owned())
                })
                .collect();
            assert_eq!(read, by_groups, "{line}");
        }
    }

    #[test]
    fn places_read_from_a_match_are_the_groups() {
        let mut full_names = 0;
        for line in lines_to_read() {
            let by_groups: Vec<_> = REGION.captures_iter(&line).map(|c| c.get(1).unwrap().range()).collect();
            let read: Vec<_> = REGION.find_iter(&line).map(|m| region_place(&line, m.range())).collect();
            assert_eq!(read, by_groups, "{line}");
            let by_group = FULL_NAME.captures(&line).map(|c| c.get(1).unwrap().range());
            let read = FULL_NAME.find(&line).map(|m| full_name_place(&line, m.range()));
            assert_eq!(read, by_group, "{line}");
            full_names += usize::from(read.is_some());
        }
        assert!(full_names >= 10, "the lines hold the CPPCC's full name");
    }

    fn stats(text: &str) -> Statistics {
        let lines = vec![Line::new(2, text)];
        header(&lines, &mut Vec::new()).statistics
    }

    /// Phrases of header sentences, each with the statistics it states, in the order of its figures.
    /// Measures before their figure and after it, with 达/达到/为/占/是 or nothing between, in full-width
    /// or spaced figures (which the normalizer has made plain by the time the header is read).
    const STATED: &[(&str, &[(Stat, f64)])] = &[
        ("以提案形式提出意见建议380件", &[(Stat::Submitted, 380.0)]),
        ("收到各类委员提案共12件", &[(Stat::Submitted, 12.0)]),
        ("征集到提案三百件", &[(Stat::Submitted, 300.0)]),
        ("共收到358件", &[(Stat::Submitted, 358.0)]),
        ("提案总数为301件", &[(Stat::Submitted, 301.0)]),
        ("大会期间共有提案412件", &[(Stat::Submitted, 412.0)]),
        ("共立案353件", &[(Stat::Registered, 353.0)]),
        ("经审查立案386件", &[(Stat::Registered, 386.0)]),
        ("符合立案条件的提案有330件", &[(Stat::Registered, 330.0)]),
        ("予以立案为5件", &[(Stat::Registered, 5.0)]),
        ("其余27件作为来信处理", &[(Stat::NotRegistered, 27.0)]),
        ("15件转社情民意", &[(Stat::NotRegistered, 15.0)]),
        ("不予立案的提案5件", &[(Stat::NotRegistered, 5.0)]),
        ("未立案36件转为委员来信", &[(Stat::NotRegistered, 36.0)]),
        ("36件未立案", &[(Stat::NotRegistered, 36.0)]),
        ("作为意见建议转有关部门参考18件", &[(Stat::NotRegistered, 18.0)]),
        ("立案率为92.9%", &[(Stat::RegistrationRate, 92.9)]),
        ("立案率达95%", &[(Stat::RegistrationRate, 95.0)]),
        ("办复率100%", &[(Stat::ReplyRate, 100.0)]),
        ("办结率达到100%", &[(Stat::ReplyRate, 100.0)]),
        ("满意率98.6%", &[(Stat::SatisfactionRate, 98.6)]),
        ("满意和基本满意率达到99.16%", &[(Stat::SatisfactionRate, 99.16)]),
        ("委员对办理结果满意和基本满意的占99.2%", &[(Stat::SatisfactionRate, 99.2)]),
        ("有4件提案因分别归属相同主题而作并案处理为2件", &[(Stat::MergedFrom, 4.0), (Stat::MergedInto, 2.0)]),
        ("31件提案因分别归属13个相同主题而作并案处理", &[(Stat::MergedFrom, 31.0), (Stat::MergedInto, 13.0)]),
        ("将内容相近的12件提案并案为5件", &[(Stat::MergedFrom, 12.0), (Stat::MergedInto, 5.0)]),
        ("最终立案351件", &[(Stat::FinalRegistered, 351.0)]),
        ("并案处理后为123件", &[(Stat::FinalRegistered, 123.0)]),
        ("确定《关于甲,乙的建议》等7件提案为区政协领导重点督办提案", &[(Stat::KeyProposals, 7.0)]),
        ("确定3件提案为市政协领导重点督办提案", &[(Stat::KeyProposals, 3.0)]),
        ("现将七件重点提案督办情况介绍如下", &[(Stat::KeyProposals, 7.0)]),
        ("重点提案12件", &[(Stat::KeyProposals, 12.0)]),
        ("共有7件提案被确定为重点提案", &[(Stat::KeyProposals, 7.0)]),
        ("办复率、满意率分别为100%、98.6%", &[(Stat::ReplyRate, 100.0), (Stat::SatisfactionRate, 98.6)]),
        ("从立案提案中遴选出5件重点提案", &[(Stat::KeyProposals, 5.0)]),
        ("从立案提案中遴选出4件作为年度重点提案", &[(Stat::KeyProposals, 4.0)]),
        ("12件并为5件", &[(Stat::MergedFrom, 12.0), (Stat::MergedInto, 5.0)]),
        ("合并为16件", &[(Stat::MergedInto, 16.0)]),
        ("有14件经并案处理合为6件", &[(Stat::MergedFrom, 14.0), (Stat::MergedInto, 6.0)]),
        ("实际办理211件", &[(Stat::FinalRegistered, 211.0)]),
        ("按照“同类合并”原则将28件并为11件", &[(Stat::MergedFrom, 28.0), (Stat::MergedInto, 11.0)]),
        ("并案:8件并为3件", &[(Stat::MergedFrom, 8.0), (Stat::MergedInto, 3.0)]),
        ("收到提案:286件", &[(Stat::Submitted, 286.0)]),
        ("其中委员个人提案350件", &[]),
        ("比上年增加12件", &[]),
        ("十届二次会议", &[]),
    ];

    #[test]
    fn each_phrase_states_its_figures() {
        for &(phrase, want) in STATED {
            let got: Vec<(Stat, f64)> = clause_statistics(phrase, &mut Sentence::default())
                .into_iter()
                .map(|(stat, figure)| match figure {
                    Figure::Count(n) => (stat, f64::from(n)),
                    Figure::Rate(r) => (stat, r),
                })
                .collect();
            assert_eq!(got, want, "{phrase}");
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

    /// A share after a count is a rate of what was counted.
    #[test]
    fn shares_are_rates_of_their_counts() {
        let s = stats("其中,经审查予以立案的241件,占提案总数的91.6%;不予立案的22件。");
        assert_eq!((s.registered, s.registration_rate), (Some(241), Some(91.6)));
        let s = stats("委员对办理结果表示满意和基本满意的236件,占98.3%。");
        assert_eq!(s.satisfaction_rate, Some(98.3));
    }

    /// The parts of a figure in its sentence are no second value of it; a later sentence's is.
    #[test]
    fn parts_of_a_figure_are_not_a_second_value() {
        let mut diags = Vec::new();
        let h = header(
            &[Line::new(2, "未立案的35件中,21件转为委员来信,14件作为意见建议转交有关部门参考。")],
            &mut diags,
        );
        assert_eq!((h.statistics.not_registered, diags.len()), (Some(35), 0));
    }

    /// Figures laid out as a table, each after its measure and a colon.
    #[test]
    fn figures_after_their_measures_and_colons() {
        let s = stats(
            "收到提案:286件;立案:251件;不予立案:35件(转为社情民意信息12件,转为委员来信23件);并案:8件并为3件;最终立案:246件;办复率:100%;满意和基本满意率:96.3%。",
        );
        let want = Statistics {
            submitted: Some(286),
            registered: Some(251),
            not_registered: Some(35),
            registration_rate: None,
            merged_from: Some(8),
            merged_into: Some(3),
            final_registered: Some(246),
            key_proposals: None,
            reply_rate: Some(100.0),
            satisfaction_rate: Some(96.3),
        };
        assert_eq!(s, want);
    }

    /// A smaller figure said to be among a larger one is a part of it too.
    #[test]
    fn a_part_said_so_is_not_a_second_value() {
        let mut diags = Vec::new();
        let lines =
            [Line::new(2, "确定重点提案10件。"), Line::new(3, "现将其中4件重点提案办理情况通报如下:")];
        let h = header(&lines, &mut diags);
        assert_eq!((h.statistics.key_proposals, diags.len()), (Some(10), 0));
    }

    /// A figure stated again with another value keeps the first and says so.
    #[test]
    fn a_second_value_is_reported() {
        let mut diags = Vec::new();
        let h = header(&[Line::new(2, "共收到提案412件。"), Line::new(3, "共收到提案410件。")], &mut diags);
        assert_eq!(h.statistics.submitted, Some(412));
        assert_eq!(
            diags.iter().map(|d| (d.code, d.line)).collect::<Vec<_>>(),
            [(Code::ConflictingStatistic, Some(3))]
        );
    }

    /// Phrases of the lines that name a region and a session.
    const PHRASES: &[&str] = &[
        "十五届三次会议",
        "第十五届委员会第三次会议",
        "15届3次全体会议",
        "萧山区政协十五届",
        "中国人民政治协商会议杭州市萧山区委员会",
        "萧山区政治协商会议",
    ];

    /// Every phrase the region and session regexes match holds one of the words they are filtered by.
    #[test]
    fn words_are_needed() {
        for phrase in PHRASES {
            for (re, words) in [(&*REGION, REGION_WORDS), (&*SESSION, SESSION_WORDS)] {
                if re.is_match(phrase) {
                    assert!(
                        holds(phrase, words),
                        "{phrase} matches {} but holds none of {words:?}",
                        re.as_str()
                    );
                }
            }
        }
    }

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
        /// The session's numbers read off a match are the regex's groups.
        #[test]
        fn groups_are_read_as_the_regex_reads_them(text in texts(SESSION_PIECES)) {
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
    fn a_title_block_over_two_lines_is_one_title_and_the_date_under_it_is_the_reports() {
        let line = Line::new;
        let h = header(
            &[
                line(1, "中国人民政治协商会议杭州市萧山区委员会"),
                line(2, "第十五届委员会第二次会议重点提案办理情况报告"),
                line(3, "2024年12月20日"),
                line(4, "第十五届委员会第二次会议期间,共提交提案140件。"),
            ],
            &mut Vec::new(),
        );
        assert_eq!(
            h.title.as_deref(),
            Some("中国人民政治协商会议杭州市萧山区委员会第十五届委员会第二次会议重点提案办理情况报告")
        );
        assert_eq!(h.date.map(|d| d.iso).as_deref(), Some("2024-12-20"));
        assert_eq!(h.intro, ["第十五届委员会第二次会议期间,共提交提案140件。"]);
    }

    #[test]
    fn page_furniture_before_the_title_does_not_hide_it() {
        let line = Line::new;
        let mut diags = Vec::new();
        let h = header(
            &[
                line(1, "【字体:大 中 小】 发布时间:2024-12-20 来源:海宁政协网"),
                line(2, "市政协十届三次会议重点提案督办情况综述"),
                line(3, "海宁市政协十届三次会议以来,共收到提案412件。"),
            ],
            &mut diags,
        );
        assert_eq!(h.title.as_deref(), Some("市政协十届三次会议重点提案督办情况综述"));
        assert_eq!(h.region.as_deref(), Some("海宁市"));
        assert_eq!(
            diags.iter().map(|d| (d.code, d.line)).collect::<Vec<_>>(),
            [(Code::UnplacedText, Some(1))]
        );
        // Prose first: no title, and nothing passed over.
        let h = header(&[line(1, "今年以来,共收到提案412件。"), line(2, "重点提案督办情况")], &mut diags);
        assert_eq!((h.title, h.intro.len()), (None, 2));
    }

    /// The committee's name over its report, a site's banner or an official document's masthead, is
    /// where the report says whose it is: the region, not unplaced text.
    #[test]
    fn a_masthead_names_the_region() {
        let line = Line::new;
        for masthead in ["政协海安市委员会", "中国人民政治协商会议桐乡市委员会", "政协岳西县委员会文件"]
        {
            let mut diags = Vec::new();
            // A navigation bar, dropped by the normalizer, stood between the masthead and the title:
            // the two are no one title.
            let mut title = line(3, "关于十届三次会议重点提案办理情况的通报");
            title.after_chrome = true;
            let h =
                header(&[line(1, masthead), title, line(4, "本次会议以来,共收到提案412件。")], &mut diags);
            assert_eq!(h.title.as_deref(), Some("关于十届三次会议重点提案办理情况的通报"), "{masthead}");
            assert!(h.region.as_deref().is_some_and(|r| masthead.contains(r)), "{masthead}: {:?}", h.region);
            assert_eq!(diags, [], "{masthead}");
        }
        // A masthead loses to the full name in the report's own words, which is about the report.
        let mut diags = Vec::new();
        let mut title = line(3, "重点提案办理情况");
        title.after_chrome = true;
        let prose = line(4, "江门市新会区政协十三届三次会议以来,共收到提案200件。");
        let h = header(&[line(1, "新会政协网"), title, prose], &mut diags);
        assert_eq!(h.region.as_deref(), Some("新会区"));
        assert_eq!(diags, [], "a site's banner over its navigation is furniture");
        // A line before the title with no navigation under it fits no field.
        let mut diags = Vec::new();
        header(
            &[line(1, "岳政协〔2024〕21号"), line(2, "重点提案办理情况"), line(3, "共收到提案200件。")],
            &mut diags,
        );
        assert_eq!(
            diags.iter().map(|d| (d.code, d.line)).collect::<Vec<_>>(),
            [(Code::UnplacedText, Some(1))]
        );
    }

    #[test]
    fn title_region_session() {
        let line = Line::new;
        let h = header(
            &[
                line(1, "區政協十五屆三次會議重點督辦提案綜述"),
                line(3, "蕭山區政協十五屆三次會議以來,廣大政協委員積極建言。"),
            ],
            &mut Vec::new(),
        );
        assert_eq!(h.title.as_deref(), Some("區政協十五屆三次會議重點督辦提案綜述"));
        assert_eq!(h.region.as_deref(), Some("蕭山區"));
        let s = h.session.unwrap();
        assert_eq!((s.label.as_str(), s.term, s.meeting), ("十五屆三次會議", Some(15), Some(3)));
        assert_eq!(h.intro.len(), 1);
        assert_eq!(
            region("中国人民政治协商会议杭州市萧山区委员会", "中国人民政治协商会议杭州市萧山区委员会")
                .as_deref(),
            Some("萧山区")
        );
        for (place, innermost_place) in [
            ("荆州市沙市区政协", "沙市区"),
            ("浙江省海宁市政协", "海宁市"),
            ("甘孜藏族自治州泸定县政协", "泸定县"),
            ("苏州工业园区政协", "苏州工业园区"),
            ("济南市市中区政协", "市中区"),
        ] {
            assert_eq!(region(place, place).as_deref(), Some(innermost_place), "{place}");
        }
        assert_eq!(region("本届区政协", "本届区政协"), None);
        assert_eq!(
            region("上城区政协一届四次会议以来", "上城區政協一屆四次會議以來").as_deref(),
            Some("上城區")
        );
        assert_eq!(region("下城区政协", "下城区政协").as_deref(), Some("下城区"));
        for (line, place) in [
            ("政协萧县委员会提案委员会", Some("萧县")),
            ("政协莒县第十二届委员会第三次会议期间", Some("莒县")),
            ("关于市政协十五届三次会议重点提案督办情况的报告", None),
            ("今年以来,德清县政协围绕中心工作", Some("德清县")),
            ("全县政协委员积极建言", None),
            ("分别由区委、区政府和区政协领导领衔督办", None),
        ] {
            assert_eq!(region(line, line).as_deref(), place, "{line}");
        }
        let s = session("第十五届委员会第三次会议", "第十五届委员会第三次会议").unwrap();
        assert_eq!((s.term, s.meeting), (Some(15), Some(3)));
    }

    /// A place whose name opens with a character that is also a word before a place (和平区, 全椒县) or
    /// holds a conjunction (太和县) is a place; a function word before a bare level (全县, 在区, 关于市) is
    /// none, and before a named place it is no part of it.
    #[test]
    fn places_that_open_or_hold_a_function_word() {
        for place in
            ["和平区", "和田市", "从江县", "同安区", "原平市", "将乐县", "全椒县", "太和县", "平和县"]
        {
            let line = format!("{place}政协十届三次会议以来");
            assert_eq!(region(&line, &line).as_deref(), Some(place), "{line}");
        }
        for line in
            ["在区政协的领导下", "各县政协积极参与", "我市政协委员", "今年县政协围绕", "区政府与区政协共同"]
        {
            assert_eq!(region(line, line), None, "{line}");
        }
        let line = "关于杭州市萧山区政协十五届三次会议重点提案的报告";
        assert_eq!(region(line, line).as_deref(), Some("萧山区"));
    }
}
