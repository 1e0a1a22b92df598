//! People and bodies: the supervisors and proposers of a proposal.
//!
//! A field of names is split like any list ([`lists::names`]), then each piece is read as a person: a
//! name of two to four characters (or a minority name with `·`), with the office that is often written
//! before it (`市政协副主席 沈国强`, `县政协主席李明`) or after it in brackets (`沈国强(市政协副主席)`) taken
//! away, since an office is not a person. A proposer may also be a body (a party committee, a people's
//! organization, a sector group), which is kept whole. Whatever is taken away or not recognised is said
//! in a diagnostic with the field's line.

use std::sync::LazyLock;

use regex::Regex;

use crate::extract::lists;
use crate::model::{Code, Diagnostic, ProposerKind};
use crate::text::{fold_traditional, trim};

/// How the titles of posts end: ranks and posts, `副` ones included (副主席 ends in 主席).
// must match the ends of: 市政协副主席   区政协秘书长   县委常委   市人大常委会主任   政协委员   党组成员
const OFFICE_ENDS: [&str; 27] = [
    "主席",
    "秘书长",
    "主任",
    "书记",
    "部长",
    "局长",
    "县长",
    "市长",
    "区长",
    "州长",
    "旗长",
    "镇长",
    "乡长",
    "委员",
    "常委",
    "组长",
    "成员",
    "调研员",
    "巡视员",
    "理事长",
    "会长",
    "院长",
    "校长",
    "处长",
    "科长",
    "主委",
    "领导",
];

/// Whether a piece of a list of names is an office rather than a person: it ends as the titles of posts
/// do (`市政协副主席`, `县政协党组成员`, `市政协领导`).
fn is_office(folded: &str) -> bool {
    OFFICE_ENDS.iter().any(|end| folded.ends_with(end))
}

/// One person: two to four characters, or a minority name with a middle dot.
// must match: 吴雪峰   欧阳修文   买买提·艾力
static PERSON: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\p{Han}{2,4}|\p{Han}{1,8}·\p{Han}{1,8})$").expect("valid regex"));

/// A piece read as a person: the name, and the office written with it if any.
#[derive(Debug, PartialEq, Eq)]
struct Person<'a> {
    name: &'a str,
    office: Option<&'a str>,
}

/// Reads a piece of a list of names: the name with the office before it (`市政协副主席沈国强`) or after it
/// in brackets (`沈国强(市政协副主席)`) taken away. A piece that is an office alone has no name.
fn person(piece: &str) -> Option<Person<'_>> {
    let folded = fold_traditional(piece);
    if let Some(inner) = folded.strip_suffix(')')
        && let Some(open) = inner.rfind('(')
        && is_office(&inner[open + 1..])
    {
        let name = trim(&piece[..open]);
        return (!name.is_empty()).then(|| Person { name, office: Some(&piece[open + 1..piece.len() - 1]) });
    }
    if is_office(&folded) {
        return None;
    }
    // An office fused to the name: a name of two to four characters (the longest first) after where an
    // office ends.
    for take in (2..=4).rev() {
        let Some((at, _)) = folded.char_indices().rev().nth(take - 1) else { continue };
        if is_office(&folded[..at]) && PERSON.is_match(&folded[at..]) {
            return Some(Person { name: &piece[at..], office: Some(&piece[..at]) });
        }
    }
    Some(Person { name: piece, office: None })
}

/// The names of the pieces of a list of people, offices taken away; each office taken away, or piece
/// that is an office alone, is said with an info. `role` names what they are (`supervisor`).
fn people(pieces: &[String], role: &str, line: usize, diags: &mut Vec<Diagnostic>) -> Vec<String> {
    let mut names = Vec::new();
    for piece in pieces {
        let Some(Person { name, office }) = person(piece) else {
            let message = format!("{piece} is an office, not a person; not kept as a {role}");
            diags.push(Diagnostic::new(Code::OfficeNotAName, Some(line), message));
            continue;
        };
        if let Some(office) = office {
            let message = format!("the office {office} is taken away from {name}");
            diags.push(Diagnostic::new(Code::OfficeNotAName, Some(line), message));
        }
        names.push(name.to_owned());
    }
    names
}

/// The supervisors of a `督办领导` value: names only ([`people`]); a name that does not read as a
/// person's is kept, with a warning.
pub fn supervisors(value: &str, gaps: &[usize], line: usize, diags: &mut Vec<Diagnostic>) -> Vec<String> {
    let names = people(&lists::names(value, gaps), "supervisor", line, diags);
    for name in names.iter().filter(|n| !PERSON.is_match(n)) {
        let message = format!("{name} does not read as a person's name; kept as written");
        diags.push(Diagnostic::new(Code::UnrecognisedName, Some(line), message));
    }
    names
}

/// Names of bodies that put forward collective proposals: the bodies by name, or a name ending in a
/// sector's or a group's word. Not 党 at the end: the parties are named above, and 建党 ends given
/// names (李建党).
// must match: 中国民主同盟萧山区委员会   区工商业联合会   区总工会   经济界   九三学社萧山支社
static COLLECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:委员会|委会|联合会|工商联|总工会|工会|妇联|团委|共青团|科协|侨联|台联|文联|社科联|民盟|民进|民革|民建|农工党|致公党|九三学社|台盟|协会|学会|商会|支社|支部|总支|小组|联组)|.{2,}(?:界|界别|组|委)$")
        .expect("valid regex")
});

/// `…等11人`, `…等五位委员`, `…等5个集体`: more proposers than the field names.
// must match: 张三等11人   张三等五位委员   李红梅等3名委员   市农工党支部等5个集体
static AND_OTHERS: LazyLock<Regex> = LazyLock::new(|| {
    let n = crate::grammar::counting_numerals();
    Regex::new(&format!(r"等\s*(?:(?-u:\d){{1,3}}|[{n}两]{{1,3}})\s*(?:人|位|名|个|家)\p{{Han}}{{0,4}}$"))
        .expect("valid regex")
});

/// The proposers a proposer field names, how it is written, and what kind of proposal that makes.
#[derive(Debug, PartialEq, Eq)]
pub struct Proposers {
    /// The value as written: a space where one separated two names (`王晓东 李红梅`).
    pub written: String,
    pub names: Vec<String>,
    pub kind: Option<ProposerKind>,
}

/// Reads a proposer field: a body (kept whole, or split only at 、 , ;), one person, or several
/// (`王晓东 李红梅`, `张三、李四`, `张三等5位委员`). The kind is `collective` when a body is named,
/// `joint` for several people, `individual` for one; `None`, with a warning, when it cannot be told.
pub fn proposers(value: &str, gaps: &[usize], line: usize, diags: &mut Vec<Diagnostic>) -> Proposers {
    let folded = fold_traditional(value);
    let others = if folded.contains('等') { AND_OTHERS.find(&folded).map(|m| m.start()) } else { None };
    let listed = &value[..others.unwrap_or(value.len())];
    if COLLECTIVE.is_match(&folded) {
        let names: Vec<String> = listed
            .split(['、', ',', ';'])
            .map(|part| trim(part).to_owned())
            .filter(|part| !part.is_empty())
            .collect();
        return Proposers { written: value.to_owned(), names, kind: Some(ProposerKind::Collective) };
    }
    let pieces = lists::names(listed, gaps);
    let names = people(&pieces, "proposer", line, diags);
    let written = written_with_spaces(value, gaps, &pieces);
    let persons = names.iter().all(|n| PERSON.is_match(n));
    let kind = match names.len() {
        _ if !persons => None,
        0 => None,
        1 if others.is_none() => Some(ProposerKind::Individual),
        _ => Some(ProposerKind::Joint),
    };
    if kind.is_none() {
        diags.push(Diagnostic::new(
            Code::UnknownProposerKind,
            Some(line),
            format!("proposer {value} reads as neither people nor a body; its kind is left empty"),
        ));
    }
    Proposers { written, names, kind }
}

/// The value with a space put back where a removed space separated two of `pieces` (`王晓东 李红梅`),
/// not where it padded a name (`黎 丽`) nor before what follows the names (`章红梅 等11人`).
fn written_with_spaces(value: &str, gaps: &[usize], pieces: &[String]) -> String {
    // Where each piece starts and ends in the value.
    let mut spans = Vec::new();
    let mut at = 0;
    for piece in pieces {
        if let Some(found) = value[at..].find(piece.as_str()) {
            spans.push((at + found, at + found + piece.len()));
            at += found + piece.len();
        }
    }
    let between = |g: usize| spans.windows(2).any(|w| w[0].1 == g && w[1].0 == g);
    let mut out = String::with_capacity(value.len() + gaps.len());
    let mut copied = 0;
    for &g in gaps {
        if between(g) {
            out.push_str(&value[copied..g]);
            out.push(' ');
            copied = g;
        }
    }
    out.push_str(&value[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sup(value: &str, gaps: &[usize]) -> (Vec<String>, Vec<Code>) {
        let mut diags = Vec::new();
        let names = supervisors(value, gaps, 1, &mut diags);
        (names, diags.into_iter().map(|d| d.code).collect())
    }

    #[test]
    fn offices_are_not_supervisors() {
        // 市政协副主席 沈国强: the space between them became a gap.
        let gap = "市政协副主席".len();
        assert_eq!(sup("市政协副主席沈国强", &[gap]), (vec!["沈国强".into()], vec![Code::OfficeNotAName]));
        assert_eq!(sup("市政协副主席沈国强", &[]).0, ["沈国强"]);
        assert_eq!(sup("沈国强(市政协副主席)", &[]).0, ["沈国强"]);
        let two = "县政协主席李明、县政协副主席王芳";
        assert_eq!(sup(two, &[]).0, ["李明", "王芳"]);
        assert_eq!(sup("叶建宏", &[]), (vec!["叶建宏".into()], vec![]));
        assert_eq!(sup("叶建宏、陈金良", &[]).0, ["叶建宏", "陈金良"]);
        assert_eq!(sup("市政协领导", &[]), (vec![], vec![Code::OfficeNotAName]));
        assert_eq!(
            sup("(市政协副主席)", &[]),
            (vec![], vec![Code::OfficeNotAName]),
            "an office in brackets alone"
        );
    }

    /// A proposer's office is taken away and said, as a supervisor's is.
    #[test]
    fn offices_are_not_proposers() {
        let mut diags = Vec::new();
        let p = proposers("县政协副主席王芳", &[], 4, &mut diags);
        assert_eq!((p.names, p.kind), (vec!["王芳".to_owned()], Some(ProposerKind::Individual)));
        let said: Vec<_> = diags.iter().map(|d| (d.code, d.line, d.message.as_str())).collect();
        assert_eq!(
            said,
            [(Code::OfficeNotAName, Some(4), "the office 县政协副主席 is taken away from 王芳")]
        );
    }

    /// A person's given name may end in a character that ends a body's name elsewhere (建党).
    #[test]
    fn a_name_ending_as_a_party_is_a_person() {
        for name in ["李建党", "王建党"] {
            assert_eq!(prop(name, &[]).kind, Some(ProposerKind::Individual), "{name}");
        }
        for body in ["致公党萧山区支部", "农工党", "中国农工民主党萧山区委员会"] {
            assert_eq!(prop(body, &[]).kind, Some(ProposerKind::Collective), "{body}");
        }
    }

    fn prop(value: &str, gaps: &[usize]) -> Proposers {
        proposers(value, gaps, 1, &mut Vec::new())
    }

    #[test]
    fn proposers_and_their_kinds() {
        let p = prop("王晓东李红梅", &["王晓东".len()]);
        assert_eq!(
            (p.written.as_str(), p.names.clone(), p.kind),
            ("王晓东 李红梅", vec!["王晓东".into(), "李红梅".into()], Some(ProposerKind::Joint))
        );
        let p = prop("黎丽", &["黎".len()]);
        assert_eq!((p.written.as_str(), p.kind), ("黎丽", Some(ProposerKind::Individual)));
        assert_eq!(prop("张三、李四", &[]).names, ["张三", "李四"]);
        let p = prop("张三等5位委员", &[]);
        assert_eq!((p.names.clone(), p.kind), (vec!["张三".into()], Some(ProposerKind::Joint)));
        assert_eq!(prop("张三等11人", &[]).kind, Some(ProposerKind::Joint));
        for body in [
            "中国民主同盟萧山区委员会",
            "民进萧山区委员会",
            "区工商业联合会",
            "区总工会",
            "经济界",
            "九三学社萧山支社",
            "农业界别",
            "民盟海宁市委会",
        ] {
            let p = prop(body, &[]);
            assert_eq!(
                (p.names.clone(), p.kind),
                (vec![body.to_owned()], Some(ProposerKind::Collective)),
                "{body}"
            );
        }
        assert_eq!(prop("民盟海宁市委会、市工商联", &[]).names.len(), 2);
        assert_eq!(prop("市农工党支部等5个集体", &[]).names, ["市农工党支部"]);
        assert_eq!(prop("吴雪峰", &[]).kind, Some(ProposerKind::Individual));
        assert_eq!(prop("买买提·艾力", &[]).kind, Some(ProposerKind::Individual));
        let mut diags = Vec::new();
        assert_eq!(proposers("某某某某某某某", &[], 3, &mut diags).kind, None);
        assert_eq!(diags[0].code, Code::UnknownProposerKind);
    }
}
