//! Model: the record `tian` emits, one [`Report`] per input document.
//!
//! These types are the contract with every consumer (the JSON files, the later database and diff), so the
//! field names and their order are fixed; `schema_version` changes when they do. The JSON Schema printed by
//! `tian schema` is derived from these types, so it cannot drift from what is emitted.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Version of the record layout below; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 4;

/// One parsed proposal-handling summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Report {
    pub schema_version: u32,
    pub source: Source,
    /// Document title: first real line of the header (site furniture skipped).
    pub title: Option<String>,
    /// The place whose CPPCC wrote the report, e.g. 萧山区.
    pub region: Option<String>,
    pub session: Option<Session>,
    /// The body that issued the report, as its signature gives it (`海宁市政协提案委员会`).
    pub issuer: Option<String>,
    /// The report's date, from its closing or from under its title.
    pub date: Option<ReportDate>,
    pub statistics: Statistics,
    /// Header paragraphs after the title, page breaks repaired.
    pub intro: Vec<String>,
    pub proposals: Vec<Proposal>,
    /// The report's own paragraphs after its proposals: a concluding section under a heading that goes
    /// on with the header's outline (`三、存在的问题和下一步工作`).
    pub conclusion: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Where the report came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Source {
    /// Path as given on the command line; null for standard input.
    pub path: Option<String>,
    /// SHA-256 of the raw bytes, lower-case hex.
    pub sha256: String,
    /// What the bytes were: plain text, a web page, a DOCX or a PDF. (A report of schema 2, before it
    /// was kept, reads back as text.)
    #[serde(default)]
    pub format: Format,
    /// Encoding actually used: UTF-8, GB18030, Big5, UTF-16LE or UTF-16BE; for a DOCX the encoding of
    /// its XML (UTF-8); for a PDF the table that mapped most of its glyphs to characters (`ToUnicode`,
    /// or a predefined CMap such as `UniGB-UCS2-H` or `GBK-EUC-H`).
    pub encoding: String,
    /// Size of the raw input in bytes.
    pub bytes: u64,
}

/// The CPPCC session (届, 次) the report belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Session {
    /// As written, e.g. 十五届三次会议.
    pub label: String,
    /// 届, e.g. 15.
    pub term: Option<u32>,
    /// 次, e.g. 3.
    pub meeting: Option<u32>,
}

/// A date as written and in ISO 8601.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ReportDate {
    /// As written: `2024年12月`, `二〇二四年十一月三十日`.
    pub text: String,
    /// `YYYY-MM` or `YYYY-MM-DD`.
    pub iso: String,
}

/// Figures stated in the header; every key present, null where the text does not say it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Statistics {
    /// Proposals received (提出/收到/提交 … 件).
    pub submitted: Option<u32>,
    /// Registered (立案 … 件).
    pub registered: Option<u32>,
    /// Received but not registered (作为来信处理, 转社情民意, 不予立案 …).
    pub not_registered: Option<u32>,
    /// 立案率, percent as written.
    pub registration_rate: Option<f64>,
    /// Proposals merged (… 件 … 并案处理).
    pub merged_from: Option<u32>,
    /// What they were merged into (并案处理为 … 件).
    pub merged_into: Option<u32>,
    /// Registered after merging (最终立案 … 件).
    pub final_registered: Option<u32>,
    /// Key proposals the report covers (… 件重点提案).
    pub key_proposals: Option<u32>,
    /// 办复率, percent as written.
    pub reply_rate: Option<f64>,
    /// 满意率, percent as written.
    pub satisfaction_rate: Option<f64>,
}

/// One of the figures of [`Statistics`]: the one list of them, in the order of its fields, which the
/// header's reader, the database's columns and the diff walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stat {
    Submitted,
    Registered,
    NotRegistered,
    RegistrationRate,
    MergedFrom,
    MergedInto,
    FinalRegistered,
    KeyProposals,
    ReplyRate,
    SatisfactionRate,
}

/// The value of one statistic: a count of proposals, or a percentage as written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Figure {
    Count(u32),
    Rate(f64),
}

impl Stat {
    /// Every statistic, in the order of [`Statistics`]' fields.
    pub const ALL: [Stat; 10] = [
        Stat::Submitted,
        Stat::Registered,
        Stat::NotRegistered,
        Stat::RegistrationRate,
        Stat::MergedFrom,
        Stat::MergedInto,
        Stat::FinalRegistered,
        Stat::KeyProposals,
        Stat::ReplyRate,
        Stat::SatisfactionRate,
    ];

    /// The field's name in JSON, the database and CSV.
    pub fn name(self) -> &'static str {
        match self {
            Stat::Submitted => "submitted",
            Stat::Registered => "registered",
            Stat::NotRegistered => "not_registered",
            Stat::RegistrationRate => "registration_rate",
            Stat::MergedFrom => "merged_from",
            Stat::MergedInto => "merged_into",
            Stat::FinalRegistered => "final_registered",
            Stat::KeyProposals => "key_proposals",
            Stat::ReplyRate => "reply_rate",
            Stat::SatisfactionRate => "satisfaction_rate",
        }
    }

    /// Whether the figure is a percentage.
    pub fn is_rate(self) -> bool {
        matches!(self, Stat::RegistrationRate | Stat::ReplyRate | Stat::SatisfactionRate)
    }
}

impl Statistics {
    /// The value of `stat`, if stated.
    pub fn get(&self, stat: Stat) -> Option<Figure> {
        let count = |n: Option<u32>| n.map(Figure::Count);
        let rate = |r: Option<f64>| r.map(Figure::Rate);
        match stat {
            Stat::Submitted => count(self.submitted),
            Stat::Registered => count(self.registered),
            Stat::NotRegistered => count(self.not_registered),
            Stat::RegistrationRate => rate(self.registration_rate),
            Stat::MergedFrom => count(self.merged_from),
            Stat::MergedInto => count(self.merged_into),
            Stat::FinalRegistered => count(self.final_registered),
            Stat::KeyProposals => count(self.key_proposals),
            Stat::ReplyRate => rate(self.reply_rate),
            Stat::SatisfactionRate => rate(self.satisfaction_rate),
        }
    }

    /// Sets `stat` to `figure`; a figure of the other kind (a rate for a count) is ignored.
    pub fn set(&mut self, stat: Stat, figure: Figure) {
        if stat.is_rate() != matches!(figure, Figure::Rate(_)) {
            return;
        }
        let (count, rate) = match figure {
            Figure::Count(n) => (Some(n), None),
            Figure::Rate(r) => (None, Some(r)),
        };
        match stat {
            Stat::Submitted => self.submitted = count,
            Stat::Registered => self.registered = count,
            Stat::NotRegistered => self.not_registered = count,
            Stat::RegistrationRate => self.registration_rate = rate,
            Stat::MergedFrom => self.merged_from = count,
            Stat::MergedInto => self.merged_into = count,
            Stat::FinalRegistered => self.final_registered = count,
            Stat::KeyProposals => self.key_proposals = count,
            Stat::ReplyRate => self.reply_rate = rate,
            Stat::SatisfactionRate => self.satisfaction_rate = rate,
        }
    }
}

/// What a document's bytes were, which says how its text was read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text.
    #[default]
    Text,
    /// A web page (HTML), read as a browser shows it.
    Html,
    /// A Word document (DOCX): its body, with Word's automatic numbers written out.
    Docx,
    /// A PDF's text layer.
    Pdf,
}

impl Format {
    /// The name used in JSON, JSON Lines and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }
}

/// How a proposal was put forward (委员个人提案 / 联名提案 / 集体提案).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ProposerKind {
    /// One member.
    Individual,
    /// Several members.
    Joint,
    /// A body: party committee, people's organization, sector group …
    Collective,
}

impl ProposerKind {
    /// The name used in JSON, the database and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            ProposerKind::Individual => "individual",
            ProposerKind::Joint => "joint",
            ProposerKind::Collective => "collective",
        }
    }
}

/// One proposal block (`第N号提案` and what follows it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Proposal {
    /// First docket number of the block marker.
    pub number: u32,
    /// All docket numbers of the marker (several when proposals were merged).
    pub numbers: Vec<u32>,
    /// Title without 《》.
    pub title: Option<String>,
    /// 提案者 / 提案人 / 第一提案人 / 领衔人, as written.
    pub proposer: Option<String>,
    /// Each person or body the proposer field names (`王晓东 李红梅` → both).
    pub proposers: Vec<String>,
    pub proposer_kind: Option<ProposerKind>,
    /// 督办领导 / 领衔督办 / 牵头督办: the names, without the offices written before them.
    pub supervisors: Vec<String>,
    /// 主办单位 / 承办单位.
    pub lead_unit: Option<String>,
    /// 协办单位 / 会办单位.
    pub assisting_units: Vec<String>,
    /// 办理类别 / 办理结果: the letter as written (A, B, C, D, 甲 …).
    pub category: Option<String>,
    /// The 提案主要内容 section, paragraphs joined with "\n".
    pub content: Option<String>,
    /// Items after the suggestion cue (为此建议 …), enumerators removed.
    pub suggestions: Vec<String>,
    /// Numbered items of the 办理工作成效 section.
    pub outcomes: Vec<Outcome>,
    /// First and last line of the block in the decoded input, 1-based.
    pub lines: [usize; 2],
}

/// One numbered item of the outcome section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Outcome {
    /// The number as written (1 for `1.`, `(1)`, `①`, `一是` …).
    pub index: u32,
    /// Short lead phrase ending in 。 (without it), or null.
    pub heading: Option<String>,
    /// The whole item without its marker.
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing, not a problem in itself (e.g. header sums that do not add up).
    Info,
    /// Something missing or not understood; `--strict` fails on these.
    Warning,
}

impl Severity {
    /// The name used in JSON and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
        }
    }
}

/// A problem found in the input, pointing at a line where there is one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable machine-readable code, e.g. `missing-category`.
    pub code: Code,
    pub message: String,
    /// 1-based line in the decoded input.
    pub line: Option<usize>,
}

impl Diagnostic {
    /// A diagnostic of `code`, with the severity that code always has.
    pub fn new(code: Code, line: Option<usize>, message: impl Into<String>) -> Self {
        Diagnostic { severity: code.severity(), code, message: message.into(), line }
    }
}

/// Defines [`Code`] from one list: each code's variant, its name in JSON and the database, its severity
/// and what it means.
macro_rules! codes {
    ($($(#[doc = $doc:literal])+ $variant:ident = $name:literal, $severity:ident;)+) => {
        /// Every diagnostic tian gives: the one list of them (the README's table follows it).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
        #[serde(rename_all = "kebab-case")]
        pub enum Code {
            $($(#[doc = $doc])+ $variant,)+
        }

        impl Code {
            /// Every code, in the order of the list.
            pub const ALL: &[Code] = &[$(Code::$variant,)+];

            /// The name used in JSON and the database (`missing-title`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)+
                }
            }

            /// Warnings are what `--strict` rejects: something missing or not understood. Infos are
            /// worth knowing and not a problem in themselves.
            pub fn severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity,)+
                }
            }

            /// What the code means, as its documentation says.
            pub fn meaning(self) -> &'static str {
                match self {
                    $(Code::$variant => concat!($($doc),+).trim_ascii(),)+
                }
            }
        }
    };
}

codes! {
    /// Bytes invalid in the detected encoding were replaced by U+FFFD.
    InvalidBytes = "invalid-bytes", Warning;
    /// A web page whose bytes are not in the charset it declares: read in the encoding detected.
    WrongCharset = "wrong-charset", Warning;
    /// An encoding asked for a DOCX or a PDF, whose characters are not bytes to decode: not used.
    EncodingNotUsed = "encoding-not-used", Info;
    /// U+FFFD or `??` in the text itself: characters lost before the file was made.
    LostCharacters = "lost-characters", Warning;
    /// A bracketed section heading tian does not know; its text is not kept.
    UnknownSection = "unknown-section", Warning;
    /// A `名称:` line among the fields that is no label tian knows.
    UnknownLabel = "unknown-label", Warning;
    /// Text before any section heading, kept as content.
    TextOutsideSection = "text-outside-section", Warning;
    /// A section heading with nothing under it.
    EmptySection = "empty-section", Warning;
    /// A label with no value.
    EmptyField = "empty-field", Warning;
    /// A field given twice; the first value is kept.
    DuplicateField = "duplicate-field", Warning;
    /// Several lead units; the first is taken as lead, the others as assisting.
    SeveralLeadUnits = "several-lead-units", Info;
    /// A handling category that is no letter tian knows.
    UnknownCategory = "unknown-category", Warning;
    /// A proposal without a title.
    MissingTitle = "missing-title", Warning;
    /// A proposal without a proposer.
    MissingProposer = "missing-proposer", Warning;
    /// A proposal without a supervising leader.
    MissingSupervisors = "missing-supervisors", Warning;
    /// A proposal without a lead unit.
    MissingLeadUnit = "missing-lead-unit", Warning;
    /// A proposal without a handling category.
    MissingCategory = "missing-category", Warning;
    /// A proposal without a content section.
    MissingContent = "missing-content", Warning;
    /// A proposal without outcomes.
    MissingOutcomes = "missing-outcomes", Warning;
    /// Text before the first numbered outcome; not kept.
    OutcomePreamble = "outcome-preamble", Info;
    /// Outcomes not numbered 1, 2, 3 …
    OutcomeNumbering = "outcome-numbering", Warning;
    /// No numbered outcomes: each paragraph taken as one, numbered in order.
    UnnumberedOutcomes = "unnumbered-outcomes", Info;
    /// A docket number used by two blocks.
    DuplicateNumber = "duplicate-number", Warning;
    /// The header's count of key proposals differs from the blocks found.
    CountMismatch = "count-mismatch", Warning;
    /// Header figures that do not add up.
    SumMismatch = "sum-mismatch", Info;
    /// A 立案率 that is neither registered nor final registered ÷ submitted.
    RateMismatch = "rate-mismatch", Info;
    /// A statistic stated again with another value; the first is kept.
    ConflictingStatistic = "conflicting-statistic", Info;
    /// An office written with a name (`市政协副主席 沈国强`) is not a person: taken away.
    OfficeNotAName = "office-not-a-name", Info;
    /// A supervisor that does not read as a person's name; kept as written.
    UnrecognisedName = "unrecognised-name", Warning;
    /// A proposer that reads as neither people nor a body: its kind is left empty.
    UnknownProposerKind = "unknown-proposer-kind", Warning;
    /// An attachment or contact line of the report's closing: recognised, and not kept.
    ClosingMatter = "closing-matter", Info;
    /// Text that fits no field (before the title, or in the closing): not kept.
    UnplacedText = "unplaced-text", Warning;
    /// A line repeated at the top of each page of a document extracted from pages: dropped.
    RunningHeader = "running-header", Info;
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Report {
    /// The diagnostics that are warnings (what `--strict` rejects).
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Warning)
    }

    /// True when any diagnostic is a warning.
    pub fn has_warnings(&self) -> bool {
        self.warnings().next().is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_of_the_other_kind_is_ignored() {
        let mut s = Statistics::default();
        s.set(Stat::Submitted, Figure::Count(380));
        s.set(Stat::Submitted, Figure::Rate(92.9));
        s.set(Stat::ReplyRate, Figure::Rate(100.0));
        s.set(Stat::ReplyRate, Figure::Count(3));
        assert_eq!((s.submitted, s.reply_rate), (Some(380), Some(100.0)));
    }

    #[test]
    fn names_match_the_json() {
        for kind in [ProposerKind::Individual, ProposerKind::Joint, ProposerKind::Collective] {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
        }
        for severity in [Severity::Info, Severity::Warning] {
            assert_eq!(serde_json::to_value(severity).unwrap(), severity.as_str());
        }
        for code in Code::ALL {
            assert_eq!(serde_json::to_value(code).unwrap(), code.as_str());
        }
    }

    /// The README's table of diagnostics names every code once, with its severity.
    #[test]
    fn the_readme_lists_every_code() {
        let readme = include_str!("../README.md");
        let table =
            readme.split("| code | severity | when |").nth(1).expect("the README's table of diagnostics");
        let rows: Vec<&str> = table.lines().skip(2).take_while(|l| l.starts_with('|')).collect();
        for code in Code::ALL {
            let quoted = format!("`{}`", code.as_str());
            let listed: Vec<&&str> = rows.iter().filter(|r| r.contains(&quoted)).collect();
            assert_eq!(listed.len(), 1, "{quoted} in the README's table of diagnostics");
            let severity = listed[0].split('|').nth(2).map(str::trim);
            assert_eq!(severity, Some(code.severity().as_str()), "{quoted}");
        }
        let named =
            rows.iter().map(|r| r.split('|').nth(1).unwrap_or("").matches('`').count() / 2).sum::<usize>();
        assert_eq!(named, Code::ALL.len(), "the table names no code tian does not give");
    }
}
