//! Diff: two reports → what changed between them (year over year, or two editions of one report).
//!
//! Takes two [`Report`]s and gives a [`Diff`]: the documents' titles, regions and sessions; every
//! statistic old → new; the proposals matched one to one with the fields that changed; those on one side
//! only; and aggregates side by side. Two editions of one session are matched by docket number; reports
//! of different sessions by title similarity (Sørensen–Dice on character bigrams, textdistance's
//! arithmetic), best pairs first. [`render`] turns a diff into text or Markdown; its JSON is the serialized [`Diff`].

pub mod render;

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::hash::Hash;

use serde::{Deserialize, Serialize};

use crate::model::{Figure as Stated, Outcome, Proposal, Report, Stat};

/// Layout version of [`Diff`]'s JSON; bumped on any incompatible change.
pub const DIFF_VERSION: u32 = 1;

/// Default title-similarity threshold. In the tests, continued topics under new titles score 0.33–0.57
/// and unrelated topics of the same district at most 0.13; 0.25 sits between with room on both sides.
pub const DEFAULT_THRESHOLD: f64 = 0.25;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diff {
    pub diff_version: u32,
    pub old: Side,
    pub new: Side,
    /// Document facts that differ: `title`, `region`, `session`.
    pub documents: Vec<ValueChange>,
    /// Every figure stated on either side.
    pub statistics: Vec<StatChange>,
    pub matching: Matching,
    /// Matched proposals, in the order of the old report.
    pub matched: Vec<Pair>,
    pub only_old: Vec<ProposalRef>,
    pub only_new: Vec<ProposalRef>,
    pub aggregates: Aggregates,
    /// How many differences: document facts, changed figures, changed pairs, unmatched proposals.
    pub differences: usize,
}

/// One report as the diff names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Side {
    pub path: Option<String>,
    pub title: Option<String>,
    pub region: Option<String>,
    pub session: Option<String>,
    pub proposals: usize,
}

/// A single value, old → new.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValueChange {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// A count or a rate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Figure {
    Count(i64),
    Rate(f64),
}

/// One statistic, old → new.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatChange {
    pub field: String,
    pub old: Option<Figure>,
    pub new: Option<Figure>,
    /// new − old, when both are stated (percentage points for rates).
    pub change: Option<Figure>,
    /// Relative change of a count in percent, one decimal; null for rates and when old is 0.
    pub percent: Option<f64>,
}

/// How proposals were paired.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Matching {
    /// `number` (same session) or `title` (different sessions).
    pub method: String,
    /// The similarity threshold, for `title`.
    pub threshold: Option<f64>,
}

/// A proposal named by number and title.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProposalRef {
    pub number: u32,
    pub title: Option<String>,
}

/// Two matched proposals and what changed between them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pair {
    pub old: ProposalRef,
    pub new: ProposalRef,
    /// Title similarity, for matching by title.
    pub score: Option<f64>,
    pub changes: Vec<Change>,
}

/// One changed field of a matched pair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// title, proposer, proposer_kind, lead_unit, category.
    Value {
        field: String,
        old: Option<String>,
        new: Option<String>,
    },
    /// supervisors, assisting_units, suggestions: what was added and removed.
    List {
        field: String,
        added: Vec<String>,
        removed: Vec<String>,
    },
    Outcomes {
        added: Vec<Outcome>,
        removed: Vec<Outcome>,
        changed: Vec<OutcomeChange>,
    },
}

/// An outcome present on both sides with a different text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutcomeChange {
    pub old: Outcome,
    pub new: Outcome,
}

/// Counts side by side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Aggregates {
    pub lead_unit: Vec<Count>,
    pub category: Vec<Count>,
    pub proposer_kind: Vec<Count>,
    pub proposers_in_both: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Count {
    /// The unit, category or kind; `(none)` where the field is missing.
    pub key: String,
    pub old: usize,
    pub new: usize,
}

/// Compares two reports.
pub fn diff(old: &Report, new: &Report, threshold: f64) -> Diff {
    let documents = documents(old, new);
    let statistics = statistics(old, new);
    let by_number = same_session(old, new);
    let pairs = if by_number {
        match_numbers(&old.proposals, &new.proposals)
    } else {
        match_titles(old, new, threshold)
    };
    let matched: Vec<Pair> = pairs
        .iter()
        .map(|&(i, j, score)| {
            let (a, b) = (&old.proposals[i], &new.proposals[j]);
            Pair { old: reference(a), new: reference(b), score, changes: changes(a, b, by_number) }
        })
        .collect();
    let (mut taken_old, mut taken_new) = (vec![false; old.proposals.len()], vec![false; new.proposals.len()]);
    for &(i, j, _) in &pairs {
        (taken_old[i], taken_new[j]) = (true, true);
    }
    let only = |proposals: &[Proposal], taken: &[bool]| -> Vec<ProposalRef> {
        proposals.iter().zip(taken).filter(|&(_, &taken)| !taken).map(|(p, _)| reference(p)).collect()
    };
    let (only_old, only_new) = (only(&old.proposals, &taken_old), only(&new.proposals, &taken_new));
    let differences = documents.len()
        + statistics.iter().filter(|s| s.old != s.new).count()
        + matched.iter().filter(|p| !p.changes.is_empty()).count()
        + only_old.len()
        + only_new.len();
    Diff {
        diff_version: DIFF_VERSION,
        old: side(old),
        new: side(new),
        documents,
        statistics,
        matching: Matching {
            method: if by_number { "number" } else { "title" }.to_owned(),
            threshold: (!by_number).then_some(threshold),
        },
        matched,
        only_old,
        only_new,
        aggregates: aggregates(old, new),
        differences,
    }
}

fn side(r: &Report) -> Side {
    Side {
        path: r.source.path.clone(),
        title: r.title.clone(),
        region: r.region.clone(),
        session: r.session.as_ref().map(|s| s.label.clone()),
        proposals: r.proposals.len(),
    }
}

fn reference(p: &Proposal) -> ProposalRef {
    ProposalRef { number: p.number, title: p.title.clone() }
}

fn documents(old: &Report, new: &Report) -> Vec<ValueChange> {
    let session = |r: &Report| r.session.as_ref().map(|s| s.label.clone());
    [
        ("title", old.title.clone(), new.title.clone()),
        ("region", old.region.clone(), new.region.clone()),
        ("session", session(old), session(new)),
    ]
    .into_iter()
    .filter(|(_, a, b)| a != b)
    .map(|(field, old, new)| ValueChange { field: field.to_owned(), old, new })
    .collect()
}

/// Two editions of one report: same region and same 届/次.
fn same_session(old: &Report, new: &Report) -> bool {
    let key = |r: &Report| r.session.as_ref().map(|s| (r.region.clone(), s.term, s.meeting));
    match (key(old), key(new)) {
        (Some(a), Some(b)) => a == b,
        // No session on either side: editions of one report keep their title, and the same bytes are
        // the same report, whatever their header lost.
        (None, None) => {
            (old.title.is_some() && old.title == new.title)
                || (!old.source.sha256.is_empty() && old.source.sha256 == new.source.sha256)
        }
        _ => false,
    }
}

fn statistics(old: &Report, new: &Report) -> Vec<StatChange> {
    let (a, b) = (&old.statistics, &new.statistics);
    let figure = |f: Stated| match f {
        Stated::Count(n) => Figure::Count(i64::from(n)),
        Stated::Rate(r) => Figure::Rate(r),
    };
    // Counts first, then rates, each in the order of the record.
    let order = Stat::ALL.iter().filter(|s| !s.is_rate()).chain(Stat::ALL.iter().filter(|s| s.is_rate()));
    let mut out = Vec::new();
    for &stat in order {
        let (old, new) = (a.get(stat).map(figure), b.get(stat).map(figure));
        let (change, percent) = match (old, new) {
            (Some(Figure::Count(o)), Some(Figure::Count(n))) => {
                let percent = (o != 0).then(|| round((n - o) as f64 * 100.0 / o as f64, 1));
                (Some(Figure::Count(n - o)), percent)
            }
            (Some(Figure::Rate(o)), Some(Figure::Rate(n))) => (Some(Figure::Rate(round(n - o, 2))), None),
            _ => (None, None),
        };
        out.push((stat.name(), old, new, change, percent));
    }
    out.into_iter()
        .filter(|(_, old, new, _, _)| old.is_some() || new.is_some())
        .map(|(field, old, new, change, percent)| StatChange {
            field: field.to_owned(),
            old,
            new,
            change,
            percent,
        })
        .collect()
}

fn round(x: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (x * scale).round() / scale
}

/// Pairs by docket number, each proposal used once.
fn match_numbers(old: &[Proposal], new: &[Proposal]) -> Vec<(usize, usize, Option<f64>)> {
    let (mut used_old, mut used_new) = (vec![false; old.len()], vec![false; new.len()]);
    let mut pairs = Vec::new();
    pair_in_order(
        old,
        new,
        (&mut used_old, &mut used_new),
        |p| Some(p.number),
        |i, j| pairs.push((i, j, None)),
    );
    pairs
}

/// Pairs each old item not yet paired, in order, with the first new item not yet paired whose key is
/// the same; an item without a key is not paired. The new items are found through a map of each key's
/// items in order, not by a search from the first for each old one, which made a diff of thousands of
/// proposals or outcomes take a minute.
fn pair_in_order<'a, T, K: Eq + Hash>(
    old: &'a [T],
    new: &'a [T],
    (used_old, used_new): (&mut [bool], &mut [bool]),
    key: impl Fn(&'a T) -> Option<K>,
    mut paired: impl FnMut(usize, usize),
) {
    let mut by_key: HashMap<K, VecDeque<usize>> = HashMap::new();
    for (j, b) in new.iter().enumerate().filter(|&(j, _)| !used_new[j]) {
        if let Some(k) = key(b) {
            by_key.entry(k).or_default().push_back(j);
        }
    }
    for (i, a) in old.iter().enumerate() {
        if !used_old[i]
            && let Some(j) = key(a).and_then(|k| by_key.get_mut(&k)?.pop_front())
        {
            (used_old[i], used_new[j]) = (true, true);
            paired(i, j);
        }
    }
}

/// The part of a title that tells topics apart: without the 关于…的建议 frame and punctuation.
fn title_core(title: &str) -> String {
    let t = title.strip_prefix("关于").unwrap_or(title);
    let t = ["的建议", "的提案", "建议", "提案"].iter().find_map(|s| t.strip_suffix(s)).unwrap_or(t);
    t.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// A title's core ([`title_core`]) and its character bigrams, sorted: what [`similarity`] compares,
/// made once a title rather than once a pair.
struct Core {
    text: String,
    bigrams: Vec<(char, char)>,
}

impl Core {
    fn new(title: &str) -> Core {
        let text = title_core(title);
        let mut bigrams: Vec<(char, char)> = text.chars().zip(text.chars().skip(1)).collect();
        bigrams.sort_unstable();
        Core { text, bigrams }
    }
}

/// Sørensen–Dice similarity of the character bigrams of two title cores: twice the bigrams they share,
/// counted as multisets, over the bigrams of both. That is textdistance's arithmetic, the tests' oracle;
/// strsim's `sorensen_dice` divides by byte lengths (rapidfuzz/strsim-rs#79), which cuts every Chinese
/// score to about a third. The shared bigrams are counted in one walk of the two sorted lists, where
/// textdistance counts both titles into hash maps for every pair.
fn similarity(a: &Core, b: &Core) -> f64 {
    let (x, y) = (&a.bigrams, &b.bigrams);
    if x.is_empty() || y.is_empty() {
        return if a.text == b.text { 1.0 } else { 0.0 };
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while let (Some(p), Some(q)) = (x.get(i), y.get(j)) {
        match p.cmp(q) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => (shared, i, j) = (shared + 1, i + 1, j + 1),
        }
    }
    (2 * shared) as f64 / (x.len() + y.len()) as f64
}

/// Pairs by title similarity at or above `threshold`, best first; ties go to the earlier proposals.
fn match_titles(old: &Report, new: &Report, threshold: f64) -> Vec<(usize, usize, Option<f64>)> {
    let cores = |r: &Report| -> Vec<Option<Core>> {
        r.proposals.iter().map(|p| p.title.as_deref().map(Core::new)).collect()
    };
    let (a, b) = (cores(old), cores(new));
    let mut candidates = Vec::new();
    for (i, ta) in a.iter().enumerate() {
        for (j, tb) in b.iter().enumerate() {
            if let (Some(ta), Some(tb)) = (ta, tb) {
                let score = round(similarity(ta, tb), 3);
                if score >= threshold {
                    candidates.push((score, i, j));
                }
            }
        }
    }
    candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let (mut used_old, mut used_new) = (vec![false; a.len()], vec![false; b.len()]);
    let mut pairs = Vec::new();
    for (score, i, j) in candidates {
        if !used_old[i] && !used_new[j] {
            used_old[i] = true;
            used_new[j] = true;
            pairs.push((i, j, Some(score)));
        }
    }
    pairs.sort_by_key(|&(i, _, _)| i);
    pairs
}

fn changes(a: &Proposal, b: &Proposal, same_report: bool) -> Vec<Change> {
    let mut out = Vec::new();
    let kind = |p: &Proposal| p.proposer_kind.map(|k| k.as_str().to_owned());
    let values = [
        ("title", a.title.clone(), b.title.clone()),
        ("proposer", a.proposer.clone(), b.proposer.clone()),
        ("proposer_kind", kind(a), kind(b)),
        ("lead_unit", a.lead_unit.clone(), b.lead_unit.clone()),
        ("category", a.category.clone(), b.category.clone()),
    ];
    for (field, old, new) in values {
        if old != new {
            out.push(Change::Value { field: field.to_owned(), old, new });
        }
    }
    let lists = [
        ("supervisors", &a.supervisors, &b.supervisors),
        ("assisting_units", &a.assisting_units, &b.assisting_units),
        ("suggestions", &a.suggestions, &b.suggestions),
    ];
    // Each side's items in a set: a search of the other side's list for each item made a proposal's
    // thousands of suggestions take seconds.
    fn set(items: &[String]) -> HashSet<&str> {
        items.iter().map(String::as_str).collect()
    }
    for (field, old, new) in lists {
        let (in_old, in_new) = (set(old), set(new));
        let added: Vec<String> = new.iter().filter(|x| !in_old.contains(x.as_str())).cloned().collect();
        let removed: Vec<String> = old.iter().filter(|x| !in_new.contains(x.as_str())).cloned().collect();
        if !added.is_empty() || !removed.is_empty() {
            out.push(Change::List { field: field.to_owned(), added, removed });
        }
    }
    if let Some(outcomes) = outcome_changes(&a.outcomes, &b.outcomes, same_report) {
        out.push(outcomes);
    }
    out
}

/// Outcomes are paired by identical text, then by heading, then — between two editions of one report,
/// where item 3 is still item 3 — by number; the rest are added or removed. Year over year, the numbers
/// of two different years' items say nothing, so they are not paired by number.
fn outcome_changes(old: &[Outcome], new: &[Outcome], same_report: bool) -> Option<Change> {
    let (mut used_old, mut used_new) = (vec![false; old.len()], vec![false; new.len()]);
    let mut changed = Vec::new();
    let mut paired = |i: usize, j: usize| {
        if old[i].text != new[j].text {
            changed.push((i, OutcomeChange { old: old[i].clone(), new: new[j].clone() }));
        }
    };
    pair_in_order(old, new, (&mut used_old, &mut used_new), |o| Some(o.text.as_str()), &mut paired);
    pair_in_order(old, new, (&mut used_old, &mut used_new), |o| o.heading.as_deref(), &mut paired);
    if same_report {
        pair_in_order(old, new, (&mut used_old, &mut used_new), |o| Some(o.index), &mut paired);
    }
    changed.sort_by_key(|(i, _)| *i);
    let changed: Vec<_> = changed.into_iter().map(|(_, c)| c).collect();
    let removed: Vec<Outcome> =
        old.iter().zip(&used_old).filter(|(_, u)| !**u).map(|(o, _)| o.clone()).collect();
    let added: Vec<Outcome> =
        new.iter().zip(&used_new).filter(|(_, u)| !**u).map(|(o, _)| o.clone()).collect();
    (!added.is_empty() || !removed.is_empty() || !changed.is_empty()).then_some(Change::Outcomes {
        added,
        removed,
        changed,
    })
}

/// What a missing value is counted under.
const NONE_KEY: &str = "(none)";

fn aggregates<'a>(old: &'a Report, new: &'a Report) -> Aggregates {
    let count = |key: &dyn Fn(&Proposal) -> Option<String>| -> Vec<Count> {
        let mut map: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        for p in &old.proposals {
            map.entry(key(p).unwrap_or_else(|| NONE_KEY.to_owned())).or_default().0 += 1;
        }
        for p in &new.proposals {
            map.entry(key(p).unwrap_or_else(|| NONE_KEY.to_owned())).or_default().1 += 1;
        }
        let mut counts: Vec<Count> =
            map.into_iter().map(|(key, (old, new))| Count { key, old, new }).collect();
        counts.sort_by(|a, b| (b.old + b.new).cmp(&(a.old + a.new)).then_with(|| a.key.cmp(&b.key)));
        counts
    };
    // By the people and bodies named, so a member who proposed alone one year and jointly the next is
    // in both.
    let names = |r: &'a Report| r.proposals.iter().flat_map(|p| p.proposers.iter().map(String::as_str));
    let new_proposers: HashSet<&str> = names(new).collect();
    let mut proposers_in_both: Vec<String> =
        names(old).filter(|name| new_proposers.contains(name)).map(str::to_owned).collect();
    proposers_in_both.sort();
    proposers_in_both.dedup();
    Aggregates {
        lead_unit: count(&|p| p.lead_unit.clone()),
        category: count(&|p| p.category.clone()),
        proposer_kind: count(&|p| p.proposer_kind.map(|k| k.as_str().to_owned())),
        proposers_in_both,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Format, ProposerKind, SCHEMA_VERSION, Session, Source, Statistics};

    fn sim(a: &str, b: &str) -> f64 {
        similarity(&Core::new(a), &Core::new(b))
    }

    /// The similarity as textdistance computed it, on the bigrams of each pair.
    fn sim_by_textdistance(a: &str, b: &str) -> f64 {
        use textdistance::Algorithm;
        let (a, b) = (title_core(a), title_core(b));
        let bigrams = |s: &str| -> Vec<(char, char)> { s.chars().zip(s.chars().skip(1)).collect() };
        let (x, y) = (bigrams(&a), bigrams(&b));
        if x.is_empty() || y.is_empty() {
            return if a == b { 1.0 } else { 0.0 };
        }
        textdistance::SorensenDice::default().for_iter(x.into_iter(), y.into_iter()).nsim()
    }

    proptest::proptest! {
        /// Counted in one walk of the sorted bigrams, the similarity is textdistance's, to the last bit:
        /// titles of a few characters, so that bigrams repeat.
        #[test]
        fn similarity_is_textdistances(a in "(关于)?[甲乙丙ab,]{0,10}(的建议)?", b in "(关于)?[甲乙丙ab,]{0,10}(的建议)?") {
            proptest::prop_assert_eq!(sim(&a, &b).to_bits(), sim_by_textdistance(&a, &b).to_bits());
        }
    }

    fn proposal(number: u32, title: &str) -> Proposal {
        Proposal {
            number,
            numbers: vec![number],
            title: Some(title.to_owned()),
            proposer: Some("张三".into()),
            proposers: vec!["张三".into()],
            proposer_kind: Some(ProposerKind::Individual),
            supervisors: vec!["李四".into()],
            lead_unit: Some("区发改局".into()),
            assisting_units: vec![],
            category: Some("A".into()),
            content: None,
            suggestions: vec![],
            outcomes: vec![],
            lines: [1, 2],
        }
    }

    fn report(meeting: u32, proposals: Vec<Proposal>) -> Report {
        Report {
            schema_version: SCHEMA_VERSION,
            source: Source {
                path: None,
                sha256: String::new(),
                format: Format::Text,
                encoding: "UTF-8".into(),
                bytes: 0,
            },
            title: Some("综述".into()),
            region: Some("萧山区".into()),
            session: Some(Session {
                label: format!("十五届{meeting}次会议"),
                term: Some(15),
                meeting: Some(meeting),
            }),
            issuer: None,
            date: None,
            statistics: Statistics::default(),
            intro: vec![],
            proposals,
            conclusion: vec![],
            diagnostics: vec![],
        }
    }

    /// Reports of thousands of proposals compare in moments, by number and by title. The test only has
    /// to finish: matching by number once searched the new report from its start for each old proposal,
    /// the unmatched were found by a search of all pairs for each proposal, and every pair of titles
    /// counted both titles' bigrams anew.
    #[test]
    fn large_reports_finish() {
        // A distinct title for each number: its digits written as ideographs.
        let title = |i: u32| -> String {
            let ideograph =
                |d: char| "甲乙丙丁戊己庚辛壬癸".chars().nth(d.to_digit(10).unwrap_or(0) as usize);
            let digits: String = (i * 7919 % 1_000_003).to_string().chars().filter_map(ideograph).collect();
            format!("关于{digits}项目建设的建议")
        };
        let proposals = |n: u32| -> Vec<Proposal> { (1..=n).map(|i| proposal(i, &title(i))).collect() };
        let d = diff(&report(3, proposals(20_000)), &report(3, proposals(20_000)), DEFAULT_THRESHOLD);
        assert_eq!((d.matched.len(), d.only_old.len(), d.only_new.len()), (20_000, 0, 0));
        let d = diff(&report(3, proposals(1_500)), &report(4, proposals(1_500)), DEFAULT_THRESHOLD);
        assert_eq!((d.matching.method.as_str(), d.matched.len(), d.only_old.len()), ("title", 1_500, 0));
        assert!(d.matched.iter().all(|p| p.old.number == p.new.number && p.score == Some(1.0)));
        // One proposal of 5,000 outcomes, one in ten of them reworded: each old outcome searched the new
        // ones from the start, by text, by heading and by number.
        let outcomes = |edit: u32| -> Vec<Outcome> {
            let text = |i: u32| {
                if edit > 0 && i.is_multiple_of(10) { format!("{} 改", title(i)) } else { title(i) }
            };
            (1..=5_000).map(|i| Outcome { index: i, heading: None, text: text(i) }).collect()
        };
        let (mut a, mut b) = (proposal(1, "关于甲的建议"), proposal(1, "关于甲的建议"));
        (a.outcomes, b.outcomes) = (outcomes(0), outcomes(1));
        let d = diff(&report(3, vec![a]), &report(3, vec![b]), DEFAULT_THRESHOLD);
        let Some(Change::Outcomes { added, removed, changed }) = d.matched[0].changes.last() else {
            panic!("no outcome changes: {:?}", d.matched[0].changes);
        };
        assert_eq!((added.len(), removed.len(), changed.len()), (0, 0, 500));
        // And 40,000 suggestions, one in ten reworded: each searched the other side's whole list.
        let suggestions = |edit: u32| -> Vec<String> {
            (1..=40_000)
                .map(|i| if edit > 0 && i % 10 == 0 { format!("{} 改", title(i)) } else { title(i) })
                .collect()
        };
        let (mut a, mut b) = (proposal(1, "关于甲的建议"), proposal(1, "关于甲的建议"));
        (a.suggestions, b.suggestions) = (suggestions(0), suggestions(1));
        let d = diff(&report(3, vec![a]), &report(3, vec![b]), DEFAULT_THRESHOLD);
        let Some(Change::List { added, removed, .. }) = d.matched[0].changes.last() else {
            panic!("no suggestion changes: {:?}", d.matched[0].changes);
        };
        assert_eq!((added.len(), removed.len()), (4_000, 4_000));
    }

    #[test]
    fn a_report_without_session_or_title_is_the_same_as_itself() {
        // A header lost in scraping: nothing says which session, and some proposals lost their titles.
        let mut r = report(3, vec![proposal(1, "关于加强养老服务的建议"), proposal(2, "")]);
        (r.session, r.title, r.proposals[1].title) = (None, None, None);
        r.source.sha256 = "9ab2747904a6d6b63c75f99e17642d2abdacac64b425219385d1b5c58b24d4fa".into();
        let d = diff(&r, &r, DEFAULT_THRESHOLD);
        assert_eq!((d.differences, d.matched.len()), (0, 2));
        // Other bytes, and still no session or title: nothing says they are one report.
        let mut other = r.clone();
        other.source.sha256 = "0".repeat(64);
        assert_eq!(diff(&r, &other, DEFAULT_THRESHOLD).matching.method, "title");
    }

    #[test]
    fn identical_reports_have_no_differences() {
        let r = report(3, vec![proposal(1, "关于加强养老服务的建议"), proposal(2, "关于推进数字乡村的建议")]);
        let d = diff(&r, &r, DEFAULT_THRESHOLD);
        assert_eq!(d.differences, 0);
        assert_eq!(d.matching.method, "number");
        assert!(d.matched.iter().all(|p| p.changes.is_empty()) && d.matched.len() == 2);
    }

    #[test]
    fn one_side_empty() {
        let full = report(3, vec![proposal(1, "关于加强养老服务的建议")]);
        let empty = report(4, vec![]);
        let d = diff(&full, &empty, DEFAULT_THRESHOLD);
        assert_eq!((d.matched.len(), d.only_old.len(), d.only_new.len()), (0, 1, 0));
        let d = diff(&empty, &full, DEFAULT_THRESHOLD);
        assert_eq!((d.matched.len(), d.only_old.len(), d.only_new.len()), (0, 0, 1));
    }

    #[test]
    fn ties_go_to_the_earlier_proposals() {
        let old = report(3, vec![proposal(1, "关于加强养老服务的建议")]);
        let new =
            report(4, vec![proposal(7, "关于加强养老服务的建议"), proposal(8, "关于加强养老服务的建议")]);
        let d = diff(&old, &new, DEFAULT_THRESHOLD);
        assert_eq!(d.matched.len(), 1);
        assert_eq!((d.matched[0].new.number, d.matched[0].score), (7, Some(1.0)));
        assert_eq!(d.only_new.iter().map(|p| p.number).collect::<Vec<_>>(), [8]);
    }

    #[test]
    fn best_pairs_first() {
        // 2 fits 7 best; 1 fits 7 less well and must not take it.
        let old = report(
            3,
            vec![proposal(1, "关于加强养老服务的建议"), proposal(2, "关于加强社区养老服务体系的建议")],
        );
        let new = report(4, vec![proposal(7, "关于加强社区养老服务体系建设的建议")]);
        let d = diff(&old, &new, DEFAULT_THRESHOLD);
        assert_eq!((d.matched[0].old.number, d.matched[0].new.number), (2, 7));
        assert_eq!(d.only_old.iter().map(|p| p.number).collect::<Vec<_>>(), [1]);
    }

    #[test]
    fn threshold_edges() {
        let old = report(3, vec![proposal(1, "关于甲乙丙丁的建议")]);
        let new = report(4, vec![proposal(2, "关于甲乙戊己的建议")]);
        // 甲乙丙丁 vs 甲乙戊己: one shared bigram of three each → 2·1/6 = 0.333.
        let score = round(sim("甲乙丙丁", "甲乙戊己"), 3);
        assert_eq!(score, 0.333);
        assert_eq!(diff(&old, &new, 0.333).matched.len(), 1, "a score equal to the threshold matches");
        assert_eq!(diff(&old, &new, 0.334).matched.len(), 0, "just below does not");
    }

    #[test]
    fn similarity_counts_characters_not_bytes() {
        assert_eq!(sim("甲乙", "甲乙"), 1.0);
        assert_eq!(sim("甲", "乙"), 0.0);
        assert_eq!(sim("甲", "甲"), 1.0);
        // ASCII and Chinese strings of the same shape score the same.
        assert_eq!(sim("abcd", "abef"), sim("甲乙丙丁", "甲乙戊己"));
    }

    #[test]
    fn title_core_drops_the_frame() {
        assert_eq!(title_core("关于加强“医康养”服务的建议"), "加强医康养服务");
        assert_eq!(title_core("关于推进数字乡村建设的提案"), "推进数字乡村建设");
    }

    #[test]
    fn field_changes_and_outcomes() {
        let mut a = proposal(142, "关于减轻噪声的建议");
        let mut b = a.clone();
        b.category = Some("A".into());
        a.category = Some("B".into());
        b.suggestions = vec!["加装声屏障".into()];
        a.outcomes = vec![
            Outcome { index: 1, heading: Some("甲".into()), text: "甲。一".into() },
            Outcome { index: 2, heading: None, text: "乙".into() },
        ];
        b.outcomes = vec![
            Outcome { index: 1, heading: Some("甲".into()), text: "甲。二".into() },
            Outcome { index: 2, heading: None, text: "乙".into() },
            Outcome { index: 3, heading: None, text: "丙".into() },
        ];
        let c = changes(&a, &b, true);
        assert_eq!(c.len(), 3, "{c:?}");
        assert_eq!(
            c[0],
            Change::Value { field: "category".into(), old: Some("B".into()), new: Some("A".into()) }
        );
        let Change::Outcomes { added, removed, changed } = &c[2] else { panic!("{c:?}") };
        assert_eq!((added.len(), removed.len(), changed.len()), (1, 0, 1));
        assert_eq!(changed[0].new.text, "甲。二");
        // Year over year only text and heading pair outcomes: item 2 → 2 with other text is added + removed.
        let mut c = b.clone();
        c.outcomes[1].text = "丁".into();
        let Some(Change::Outcomes { added, removed, changed }) =
            outcome_changes(&b.outcomes, &c.outcomes, false)
        else {
            panic!()
        };
        assert_eq!((added.len(), removed.len(), changed.len()), (1, 1, 0));
    }

    #[test]
    fn statistics_changes() {
        let mut old = report(3, vec![]);
        let mut new = report(4, vec![]);
        old.statistics.submitted = Some(380);
        new.statistics.submitted = Some(372);
        old.statistics.registration_rate = Some(92.9);
        new.statistics.registration_rate = Some(94.1);
        new.statistics.reply_rate = Some(100.0);
        let s = statistics(&old, &new);
        assert_eq!(s.len(), 3);
        assert_eq!((s[0].change, s[0].percent), (Some(Figure::Count(-8)), Some(-2.1)));
        assert_eq!(s[1].change, Some(Figure::Rate(1.2)));
        assert_eq!((s[2].old, s[2].change), (None, None));
    }
}
