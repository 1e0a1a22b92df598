//! The closing: what a report says of itself after its last proposal.
//!
//! Takes the closing lines the segmenter cut off the last block and gives the report's issuer (the
//! first signature) and date (the first date, alone or after the signature). Attachments and contact
//! lines are recognised and not kept, with an info each; a website's footer is dropped; any other text
//! fits no field and is reported with its line, never appended to the last proposal.

use super::{header, preview};
use crate::grammar::{self, Closing};
use crate::model::{Code, Diagnostic, ReportDate};
use crate::normalize::Line;
use crate::text::trim;

/// What the closing says of the report.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Ending {
    pub issuer: Option<String>,
    pub date: Option<ReportDate>,
    /// The place whose CPPCC the closing names: in the signature, or in a site's footer
    /// (`版权所有:中国人民政治协商会议永康市委员会`).
    pub region: Option<String>,
}

/// Reads the closing lines.
pub fn closing(lines: &[Line<'_>], diags: &mut Vec<Diagnostic>) -> Ending {
    let mut ending = Ending::default();
    // After an attachment line, its list; after a website's footer starts, the rest of the page.
    let (mut attachment, mut footer): (bool, Option<(usize, usize)>) = (false, None);
    for line in lines {
        let folded = line.folded();
        if ending.region.is_none() {
            ending.region = header::region(folded, &line.text);
        }
        // Once a footer has begun, the page's lines are its own: a committee's name or a date there is the
        // site's, not the report's issuer or date.
        if let Some((_, n)) = &mut footer {
            *n += 1;
            continue;
        }
        let kind = grammar::closing(folded);
        let Some(kind) = kind else {
            let listed = attachment && grammar::item_marker(folded).is_some();
            diags.push(if listed {
                Diagnostic::new(
                    Code::ClosingMatter,
                    Some(line.no),
                    format!("attachment not kept: {}", preview(&line.text)),
                )
            } else {
                Diagnostic::new(
                    Code::UnplacedText,
                    Some(line.no),
                    format!("text after the last proposal fits no field; not kept: {}", preview(&line.text)),
                )
            });
            continue;
        };
        match kind {
            Closing::Signature(len) => {
                let name = trim(&line.text[..len]);
                if ending.issuer.is_none() {
                    ending.issuer = Some(name.to_owned());
                } else {
                    diags.push(Diagnostic::new(
                        Code::ClosingMatter,
                        Some(line.no),
                        format!("a second signature, {name}; the first is the issuer"),
                    ));
                }
                take_date(&mut ending, line, folded, diags);
            }
            Closing::Date => take_date(&mut ending, line, folded, diags),
            Closing::Attachment | Closing::Contact => {
                attachment |= kind == Closing::Attachment;
                diags.push(Diagnostic::new(
                    Code::ClosingMatter,
                    Some(line.no),
                    format!("closing line not kept: {}", preview(&line.text)),
                ));
            }
            Closing::Footer => {
                footer.get_or_insert((line.no, 0));
            }
        }
    }
    if let Some((from, n)) = footer
        && n > 0
    {
        diags.push(Diagnostic::new(
            Code::ClosingMatter,
            Some(from),
            format!(
                "{n} more line{} of the page's footer from here on not kept",
                if n == 1 { "" } else { "s" }
            ),
        ));
    }
    ending
}

/// Takes the date that ends `line`, unless the report has one already (then says so).
fn take_date(ending: &mut Ending, line: &Line<'_>, folded: &str, diags: &mut Vec<Diagnostic>) {
    let Some(date) = grammar::date(folded) else { return };
    let text = trim(&line.text[date.range]).to_owned();
    match &ending.date {
        None => ending.date = Some(ReportDate { text, iso: date.iso }),
        Some(first) if first.iso != date.iso => diags.push(Diagnostic::new(
            Code::ClosingMatter,
            Some(line.no),
            format!("a second date, {text}; the first, {}, is the report's", first.text),
        )),
        Some(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(texts: &[&'static str]) -> (Ending, Vec<(Code, Option<usize>)>) {
        let lines: Vec<Line<'_>> = texts.iter().zip(1..).map(|(t, no)| Line::new(no, *t)).collect();
        let mut diags = Vec::new();
        let ending = closing(&lines, &mut diags);
        (ending, diags.into_iter().map(|d| (d.code, d.line)).collect())
    }

    #[test]
    fn issuer_and_date() {
        let (ending, diags) = read(&["海宁市政协提案委员会", "2024年12月", "【打印本页】【关闭窗口】"]);
        assert_eq!(ending.issuer.as_deref(), Some("海宁市政协提案委员会"));
        assert_eq!(ending.date, Some(ReportDate { text: "2024年12月".into(), iso: "2024-12".into() }));
        assert!(diags.is_empty());
        let (ending, _) = read(&["德清县政协办公室 二〇二四年十一月三十日"]);
        assert_eq!(ending.issuer.as_deref(), Some("德清县政协办公室"));
        assert_eq!(ending.region.as_deref(), Some("德清县"));
        assert_eq!(
            ending.date.map(|d| (d.text, d.iso)),
            Some(("二〇二四年十一月三十日".into(), "2024-11-30".into()))
        );
        let (ending, _) =
            read(&["【打印本页】", "版权所有:中国人民政治协商会议永康市委员会 主办:永康市政协办公室"]);
        assert_eq!((ending.issuer, ending.region.as_deref()), (None, Some("永康市")));
    }

    #[test]
    fn what_is_not_kept_is_said() {
        let (_, diags) = read(&["附件:重点提案名单", "联系人:王芳", "此为结束语"]);
        assert_eq!(
            diags,
            [(Code::ClosingMatter, Some(1)), (Code::ClosingMatter, Some(2)), (Code::UnplacedText, Some(3))]
        );
        // An attachment's list, and a page's footer, are one of them each.
        let (_, diags) = read(&[
            "附件:1.名单",
            "2.评价表",
            "【打印】【关闭】",
            "相关报道",
            "·市政协召开会议",
            "主办单位:市政协办公室",
        ]);
        assert_eq!(
            diags,
            [(Code::ClosingMatter, Some(1)), (Code::ClosingMatter, Some(2)), (Code::ClosingMatter, Some(3))]
        );
    }
}
