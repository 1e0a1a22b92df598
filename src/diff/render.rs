//! Rendering a [`Diff`] as text for the terminal (optionally coloured) or as Markdown for a write-up.
//!
//! Chinese text is put last on each line, after the numbers, so columns stay aligned whatever the width
//! of the characters.

use std::fmt::Write;

use super::{Change, Diff, Figure, Outcome, ProposalRef, StatChange};

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

struct Paint(bool);

impl Paint {
    fn with(&self, code: &str, s: &str) -> String {
        if self.0 { format!("{code}{s}{RESET}") } else { s.to_owned() }
    }

    /// Appends `text` as one line in colour `code`.
    fn line(&self, out: &mut String, code: &str, text: &str) {
        out.push_str(&self.with(code, text));
        out.push('\n');
    }
}

fn figure(f: Option<Figure>) -> String {
    match f {
        Some(Figure::Count(n)) => n.to_string(),
        Some(Figure::Rate(r)) => r.to_string(),
        None => "–".to_owned(),
    }
}

fn change(s: &StatChange) -> String {
    match (s.change, s.old, s.new) {
        (Some(Figure::Count(c)), _, _) => {
            let percent = s.percent.map(|p| format!(" ({p:+}%)")).unwrap_or_default();
            format!("{c:+}{percent}")
        }
        (Some(Figure::Rate(c)), _, _) => format!("{c:+} points"),
        (None, Some(_), None) => "old only".to_owned(),
        (None, None, Some(_)) => "new only".to_owned(),
        _ => String::new(),
    }
}

fn opt(s: Option<&str>) -> &str {
    s.unwrap_or("–")
}

fn title(p: &ProposalRef) -> &str {
    opt(p.title.as_deref())
}

fn outcome_line(o: &Outcome) -> String {
    format!("{}. {}", o.index, o.text.replace('\n', " "))
}

/// The diff as text; `color` adds ANSI colours (red removed, green added).
pub fn text(d: &Diff, color: bool) -> String {
    let p = Paint(color);
    let mut s = String::new();
    let side = |label: &str, side: &super::Side| {
        format!(
            "{label}  {}  {} · {} · {} · {} proposals\n",
            opt(side.path.as_deref()),
            opt(side.title.as_deref()),
            opt(side.region.as_deref()),
            opt(side.session.as_deref()),
            side.proposals
        )
    };
    s += &p.with(RED, &side("OLD", &d.old));
    s += &p.with(GREEN, &side("NEW", &d.new));

    s += &format!("\n{}\n", p.with(BOLD, "Documents"));
    if d.documents.is_empty() {
        s += "  same title, region and session\n";
    }
    for c in &d.documents {
        let _ = writeln!(s, "  {:<8} {} → {}", c.field, opt(c.old.as_deref()), opt(c.new.as_deref()));
    }

    s += &format!("\n{}\n", p.with(BOLD, "Statistics"));
    if d.statistics.is_empty() {
        s += "  none stated\n";
    }
    for st in &d.statistics {
        let same = st.old == st.new;
        let line = format!(
            "  {:>6} → {:<6} {:<16} {}",
            figure(st.old),
            figure(st.new),
            if same { "=".to_owned() } else { change(st) },
            st.field
        );
        s += &line;
        s.push('\n');
    }

    let how = match d.matching.threshold {
        Some(t) => format!("matched by title similarity (threshold {t})"),
        None => "matched by docket number".to_owned(),
    };
    let _ = writeln!(s, "\n{} {how}: {} pairs", p.with(BOLD, "Proposals"), d.matched.len());
    for pair in &d.matched {
        let score = pair.score.map(|x| format!(" ({x})")).unwrap_or_default();
        let status = if pair.changes.is_empty() { " unchanged" } else { "" };
        let _ =
            writeln!(s, "  {} → {}{score}{status}  {}", pair.old.number, pair.new.number, title(&pair.new));
        for c in &pair.changes {
            change_lines(&mut s, c, &p);
        }
    }
    let _ = writeln!(s, "\n{} {}", p.with(BOLD, "Only in OLD:"), d.only_old.len());
    for r in &d.only_old {
        p.line(&mut s, RED, &format!("  - {}  {}", r.number, title(r)));
    }
    let _ = writeln!(s, "{} {}", p.with(BOLD, "Only in NEW:"), d.only_new.len());
    for r in &d.only_new {
        p.line(&mut s, GREEN, &format!("  + {}  {}", r.number, title(r)));
    }

    let _ = writeln!(s, "\n{}", p.with(BOLD, "Aggregates (old → new)"));
    for (name, counts) in [
        ("lead unit", &d.aggregates.lead_unit),
        ("category", &d.aggregates.category),
        ("proposer kind", &d.aggregates.proposer_kind),
    ] {
        let _ = writeln!(s, "  {name}");
        for c in counts {
            let _ = writeln!(s, "    {:>3} → {:<3} {}", c.old, c.new, c.key);
        }
    }
    let both = &d.aggregates.proposers_in_both;
    let _ = writeln!(
        s,
        "  proposers in both: {}",
        if both.is_empty() { "none".to_owned() } else { both.join("、") }
    );
    let _ = writeln!(s, "\n{} differences", d.differences);
    s
}

fn change_lines(s: &mut String, c: &Change, p: &Paint) {
    match c {
        Change::Value { field, old, new } => {
            let _ = writeln!(s, "      {field}: {} → {}", opt(old.as_deref()), opt(new.as_deref()));
        }
        Change::List { field, added, removed } => {
            let _ = writeln!(s, "      {field}:");
            for r in removed {
                p.line(s, RED, &format!("        - {r}"));
            }
            for a in added {
                p.line(s, GREEN, &format!("        + {a}"));
            }
        }
        Change::Outcomes { added, removed, changed } => {
            let _ = writeln!(s, "      outcomes:");
            for o in removed {
                p.line(s, RED, &format!("        - {}", outcome_line(o)));
            }
            for o in added {
                p.line(s, GREEN, &format!("        + {}", outcome_line(o)));
            }
            for ch in changed {
                p.line(s, RED, &format!("        ~ {}", outcome_line(&ch.old)));
                p.line(s, GREEN, &format!("        ~ {}", outcome_line(&ch.new)));
            }
        }
    }
}

/// A Markdown table cell: no pipes, no line breaks.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The diff as Markdown.
pub fn markdown(d: &Diff) -> String {
    let mut s =
        String::from("# Comparison of two proposal reports\n\n| | old | new |\n| --- | --- | --- |\n");
    let rows = [
        ("path", d.old.path.as_deref(), d.new.path.as_deref()),
        ("title", d.old.title.as_deref(), d.new.title.as_deref()),
        ("region", d.old.region.as_deref(), d.new.region.as_deref()),
        ("session", d.old.session.as_deref(), d.new.session.as_deref()),
    ];
    for (name, old, new) in rows {
        let _ = writeln!(s, "| {name} | {} | {} |", cell(opt(old)), cell(opt(new)));
    }
    let _ = writeln!(s, "| proposals | {} | {} |", d.old.proposals, d.new.proposals);

    s += "\n## Statistics\n\n| figure | old | new | change |\n| --- | ---: | ---: | --- |\n";
    for st in &d.statistics {
        let ch = if st.old == st.new { "=".to_owned() } else { change(st) };
        let _ = writeln!(s, "| {} | {} | {} | {ch} |", st.field, figure(st.old), figure(st.new));
    }

    let how = match d.matching.threshold {
        Some(t) => format!("matched by title similarity, threshold {t}"),
        None => "matched by docket number".to_owned(),
    };
    let _ = writeln!(s, "\n## Proposals ({how})\n");
    for pair in &d.matched {
        let score = pair.score.map(|x| format!(", similarity {x}")).unwrap_or_default();
        let _ =
            writeln!(s, "### {} → {}{score}: {}\n", pair.old.number, pair.new.number, cell(title(&pair.new)));
        if pair.changes.is_empty() {
            s += "Unchanged.\n\n";
        }
        for c in &pair.changes {
            match c {
                Change::Value { field, old, new } => {
                    let _ = writeln!(
                        s,
                        "- **{field}**: {} → {}",
                        cell(opt(old.as_deref())),
                        cell(opt(new.as_deref()))
                    );
                }
                Change::List { field, added, removed } => {
                    for r in removed {
                        let _ = writeln!(s, "- **{field}** removed: {}", cell(r));
                    }
                    for a in added {
                        let _ = writeln!(s, "- **{field}** added: {}", cell(a));
                    }
                }
                Change::Outcomes { added, removed, changed } => {
                    for o in removed {
                        let _ = writeln!(s, "- **outcome** removed: {}", cell(&outcome_line(o)));
                    }
                    for o in added {
                        let _ = writeln!(s, "- **outcome** added: {}", cell(&outcome_line(o)));
                    }
                    for ch in changed {
                        let _ = writeln!(
                            s,
                            "- **outcome** changed: {} → {}",
                            cell(&outcome_line(&ch.old)),
                            cell(&outcome_line(&ch.new))
                        );
                    }
                }
            }
        }
        if !pair.changes.is_empty() {
            s.push('\n');
        }
    }
    for (name, refs) in [("Only in the old report", &d.only_old), ("Only in the new report", &d.only_new)] {
        let _ = writeln!(s, "## {name}\n");
        if refs.is_empty() {
            s += "None.\n\n";
            continue;
        }
        s += "| number | title |\n| ---: | --- |\n";
        for r in refs {
            let _ = writeln!(s, "| {} | {} |", r.number, cell(title(r)));
        }
        s.push('\n');
    }
    s += "## Aggregates\n";
    for (name, counts) in [
        ("Lead unit", &d.aggregates.lead_unit),
        ("Category", &d.aggregates.category),
        ("Proposer kind", &d.aggregates.proposer_kind),
    ] {
        let _ = writeln!(s, "\n### {name}\n\n| | old | new |\n| --- | ---: | ---: |");
        for c in counts {
            let _ = writeln!(s, "| {} | {} | {} |", cell(&c.key), c.old, c.new);
        }
    }
    let both = &d.aggregates.proposers_in_both;
    let _ = writeln!(
        s,
        "\n**Proposers in both:** {}\n",
        if both.is_empty() { "none".to_owned() } else { both.join("、") }
    );
    let _ = writeln!(s, "{} differences.", d.differences);
    s
}
