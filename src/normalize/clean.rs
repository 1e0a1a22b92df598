//! Clean: a line made plain, as its [`Scan`] asks: HTML entities decoded, NFKC (full-width forms and
//! Kangxi radicals folded), pinyin glosses removed, spaces between Chinese characters removed (their
//! places kept as gaps), doubled punctuation collapsed.

#[allow(clippy::wildcard_imports)]
use super::*;

/// A pinyin gloss after a character on Traditional mirror sites, with the character and any space
/// between them ([`drop_glosses`]).
// must match: 政協(xié)   協 (xié)
pub(super) static PINYIN_GLOSS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\p{Han}\s*\((?:[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*|[a-zü]{1,6}[1-5])\)")
        .expect("valid regex")
});

/// Removes each [`PINYIN_GLOSS`], keeping the character it follows. Found without a capture group,
/// which took the regex crate's backtracker and a clearing of its memory for every match, where a plain
/// search takes its DFA: the replacing by capture cost an eighth of the parse of glossed documents.
pub(super) fn drop_glosses(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    for m in PINYIN_GLOSS.find_iter(s) {
        // The character is the match's first.
        let kept = m.start() + s[m.start()..].chars().next().map_or(0, char::len_utf8);
        out.push_str(&s[copied..kept]);
        copied = m.end();
    }
    out.push_str(&s[copied..]);
    out
}

/// A cleaned line: text, offsets of removed inter-Chinese spaces, whether it holds Traditional characters.
pub(super) type Cleaned<'a> = (Cow<'a, str>, Vec<usize>, bool);

/// Cleans one line; returns the text and the offsets of removed inter-Chinese spaces.
pub fn clean(raw: &str) -> (String, Vec<usize>) {
    let (text, gaps, _) = clean_scanned(raw, Scan::of(raw));
    (text.into_owned(), gaps)
}

/// [`clean`] given the line's scan: a plain line of Chinese text is returned as it is.
pub(super) fn clean_scanned(raw: &str, mut n: Scan) -> Cleaned<'_> {
    if n.entity
        && let (Cow::Owned(mut decoded), made, indent) = decode_entities(raw)
    {
        // An entity can stand for anything (a wide space, a full-width comma); what the decoded
        // characters need is added to what the line needed, and its `&` are text now (`&amp;nbsp;`
        // means `&nbsp;`, not a space). An indent of entities goes here, so it asks for no tightening.
        decoded.drain(..indent);
        let scan = Scan { entity: false, ..n.or(made) };
        let (text, gaps, traditional) = clean_scanned(&decoded, scan);
        let text = match text {
            Cow::Borrowed(_) => decoded,
            Cow::Owned(text) => text,
        };
        return (Cow::Owned(text), gaps, traditional);
    }
    if !(n.fold || n.wide || n.gloss || n.space || n.doubled) {
        return (Cow::Borrowed(raw), Vec::new(), n.traditional);
    }
    // Folding makes spaces, ASCII parentheses and commas: the folded line is scanned again.
    let s = if n.fold {
        let folded = fold_width(raw);
        n = Scan::of(&folded);
        folded
    } else if n.wide {
        // No scan again: its pair flags already took full-width forms for what they narrow to.
        Cow::Owned(narrow(raw))
    } else {
        Cow::Borrowed(raw)
    };
    let s = if n.gloss { Cow::Owned(drop_glosses(&s)) } else { s };
    let (s, gaps, joined) = if n.space { tighten(&s) } else { (s.into_owned(), Vec::new(), false) };
    // Tightening can make a pair of marks out of `, ,`.
    let (s, gaps) = if n.doubled || joined { collapse_punct(s, gaps) } else { (s, gaps) };
    // Removing glosses, spaces and punctuation removes no ideograph, so `traditional` still holds.
    (Cow::Owned(s), gaps, n.traditional)
}

/// Decodes the HTML entities left in scraped text: `&nbsp;` `&emsp;` `&#12288;` `&#x3000;`, numeric ones
/// and the names [`entity_char`] knows; others stay as they are. Written out: a regex with a closure
/// cost twice the rest of such a line's cleaning. The regex it implements, kept as a test oracle, is
/// `&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});`, every match replaced from left to right.
///
/// With the text come the flags of the characters the entities stood for ([`Scan::made`]), so the
/// decoded line is not scanned again, and the length of the white space that entities opening the line
/// stood for (`&emsp;&emsp;`, a paragraph's indent): the cleaning drops it, and its flags are left out.
pub(super) fn decode_entities(s: &str) -> (Cow<'_, str>, Scan, usize) {
    let b = s.as_bytes();
    let mut made = Scan::default();
    let mut indent = 0;
    let mut out = String::new();
    let mut copied = 0;
    let mut from = 0;
    while let Some(at) = memchr::memchr(b'&', &b[from..]).map(|k| from + k) {
        let Some((name, end)) = entity_at(s, at) else {
            from = at + 1;
            continue;
        };
        if let Some(c) = entity_char(name) {
            if indent == out.len() && copied == at && c.is_whitespace() {
                indent += c.len_utf8();
            } else {
                made.made(c);
            }
            out.reserve(s.len());
            out.push_str(&s[copied..at]);
            out.push(c);
            copied = end;
        }
        from = end;
    }
    if copied == 0 {
        return (Cow::Borrowed(s), made, 0);
    }
    out.push_str(&s[copied..]);
    (Cow::Owned(out), made, indent)
}

/// The entity at byte `at` (a `&`) of `s`: its name without `&` and `;`, and the byte after the `;`.
pub(super) fn entity_at(s: &str, at: usize) -> Option<(&str, usize)> {
    // The length of the run of `is` opening `b`, if it is 1 to `max` bytes long.
    let run = |b: &[u8], is: fn(&u8) -> bool, max: usize| {
        let n = b.iter().take(max + 1).take_while(|x| is(x)).count();
        (1..=max).contains(&n).then_some(n)
    };
    let rest = &s.as_bytes()[at + 1..];
    let len = if let Some(hex) = rest.strip_prefix(b"#x").or_else(|| rest.strip_prefix(b"#X")) {
        2 + run(hex, u8::is_ascii_hexdigit, 6)?
    } else if let Some(digits) = rest.strip_prefix(b"#") {
        1 + run(digits, u8::is_ascii_digit, 7)?
    } else {
        Some(run(rest, u8::is_ascii_alphabetic, 8)?).filter(|&n| n >= 2)?
    };
    (rest.get(len) == Some(&b';')).then(|| (&s[at + 1..at + 1 + len], at + len + 2))
}

/// The character an entity's name stands for: a code point (`#12288`, `#x3000`) or a name tian knows.
pub(super) fn entity_char(name: &str) -> Option<char> {
    if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
        return u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
    }
    if let Some(dec) = name.strip_prefix('#') {
        return dec.parse().ok().and_then(char::from_u32);
    }
    Some(match name {
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "mdash" => '—',
        "hellip" => '…',
        "middot" => '·',
        _ => return None,
    })
}

/// Kept through NFKC: circled numbers mark list items (`①`), and `…` would become `...`.
pub(super) fn keep_through_nfkc(c: char) -> bool {
    matches!(c, '\u{2460}'..='\u{2473}' | '…')
}

/// Characters NFKC leaves as they are and that need no other cleaning: printable ASCII, unified
/// ideographs, the usual Chinese punctuation, and the pinyin letters of [`PINYIN_GLOSS`], which on some
/// mirror sites follow every other character. A line made only of these skips the NFKC tables.
pub(super) fn plain(c: char) -> bool {
    matches!(c,
        ' '..='~' | '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '、' | '。' | '\u{300A}'..='\u{3011}' | '〔' | '〕'
        | '“' | '”' | '‘' | '’' | '—' | '·' | '…' | '\u{2460}'..='\u{2473}')
        || pinyin_letter(c)
}

/// Full-width ASCII, the ideographic space, the no-break space and the Kangxi radicals: nearly all NFKC
/// changes in documents that use full-width punctuation, where nearly every line has some, or that were
/// extracted from PDFs whose fonts put radicals for ideographs (`⼀` for `一`).
pub(super) fn wide(c: char) -> bool {
    matches!(c, '\u{FF01}'..='\u{FF5E}' | '\u{3000}' | '\u{A0}' | '\u{2F00}'..='\u{2FD5}')
}

/// NFKC of the Kangxi radicals U+2F00–U+2FD5, in order: one unified ideograph each, three bytes like
/// the radical (test `kangxi_radicals_narrow_as_nfkc_does`).
pub(super) const KANGXI: &str = "一丨丶丿乙亅二亠人儿入八冂冖冫几凵刀力勹匕匚匸十卜卩厂厶又口囗土士夂夊夕大女子宀寸小尢尸屮山巛工己巾干幺广廴廾弋弓彐彡彳心戈戶手支攴文斗斤方无日曰月木欠止歹殳毋比毛氏气水火爪父爻爿片牙牛犬玄玉瓜瓦甘生用田疋疒癶白皮皿目矛矢石示禸禾穴立竹米糸缶网羊羽老而耒耳聿肉臣自至臼舌舛舟艮色艸虍虫血行衣襾見角言谷豆豕豸貝赤走足身車辛辰辵邑酉釆里金長門阜隶隹雨靑非面革韋韭音頁風飛食首香馬骨高髟鬥鬯鬲鬼魚鳥鹵鹿麥麻黃黍黑黹黽鼎鼓鼠鼻齊齒龍龜龠";

/// NFKC of a line whose only characters that are not [`plain`] are [`wide`] (see [`fold_width`]): their
/// narrow forms, and the stretches between copied whole. The two wide spaces are left as they are: a line
/// holding one is always tightened ([`tighten`]), which treats every space alike.
pub(super) fn narrow(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    // Lead bytes, never inside a character: `s[copied..i]` is always whole characters.
    for i in memchr::memchr2_iter(0xE2, 0xEF, b) {
        let narrowed = match b[i..] {
            [0xEF, 0xBC, z @ 0x81..=0xBF, ..] => char::from(z - 0x60), // U+FF01–U+FF3F → `!`–`_`
            [0xEF, 0xBD, z @ 0x80..=0x9E, ..] => char::from(z - 0x20), // U+FF40–U+FF5E → `` ` ``–`~`
            // U+2F00–U+2FD5: the radical's index is its code point less 0x2F00.
            [0xE2, y @ 0xBC..=0xBF, z, ..] => {
                let index = (usize::from(y & 0x3F) << 6 | usize::from(z & 0x3F)) - (0x3C << 6);
                match KANGXI.get(index * 3..index * 3 + 3).and_then(|k| k.chars().next()) {
                    Some(ideograph) => ideograph,
                    None => continue,
                }
            }
            _ => continue,
        };
        out.push_str(&s[copied..i]);
        out.push(narrowed);
        copied = i + 3;
    }
    out.push_str(&s[copied..]);
    out
}

/// Drops control and zero-width characters; NFKC-folds the rest except [`keep_through_nfkc`]. Only for
/// lines with a character that is neither [`plain`] nor [`wide`]: [`narrow`] gives the same, without
/// the normalization tables, for lines of those two alone.
pub(super) fn fold_width(s: &str) -> Cow<'_, str> {
    let dropped = |c: char| {
        (c.is_control() && c != '\t') || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
    };
    let quick = s.chars().all(|c| !dropped(c) && !keep_through_nfkc(c));
    if quick && is_nfkc_quick(s.chars()) == IsNormalized::Yes {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut run = String::new();
    for c in s.chars() {
        if dropped(c) {
            continue;
        }
        if keep_through_nfkc(c) {
            out.extend(run.nfkc());
            run.clear();
            out.push(c);
        } else {
            run.push(c);
        }
    }
    out.extend(run.nfkc());
    Cow::Owned(out)
}

/// Chinese punctuation (and what NFKC leaves of the full-width block).
pub(super) fn is_cjk_punct(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}' | '“' | '”' | '‘' | '’' | '…' | '—' | '·')
        || ('\u{2460}'..='\u{2473}').contains(&c)
}

/// ASCII punctuation that NFKC made out of full-width Chinese punctuation.
pub(super) fn is_folded_punct(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | '!' | '?' | '(' | ')' | '%' | '[' | ']')
}

/// Whether a run of white space between `prev` and `next` goes: between Chinese text and Chinese text,
/// digits or punctuation. Elsewhere it becomes one space.
pub(super) fn space_goes(prev: char, next: char) -> bool {
    let tight = |c: char| is_han(c) || is_cjk_punct(c) || is_folded_punct(c);
    (tight(prev) && (tight(next) || next.is_ascii_digit())) || (prev.is_ascii_digit() && tight(next))
}

/// The length in bytes of the white space character (`char::is_whitespace`) starting at byte `i` of
/// `b`, or 0. Its lead bytes are few (test `space_at_is_is_whitespace`), so ideographs pass on one
/// comparison and [`tighten`] never decodes a character it keeps.
pub(super) fn space_at(b: &[u8], i: usize) -> usize {
    match b.get(i..) {
        Some([b'\t'..=b'\r' | b' ', ..]) => 1,
        // U+0085, U+00A0
        Some([0xC2, 0x85 | 0xA0, ..]) => 2,
        // U+1680
        Some([0xE1, 0x9A, 0x80, ..]) => 3,
        // U+2000–U+200A, U+2028, U+2029, U+202F, U+205F
        Some([0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..] | [0xE2, 0x81, 0x9F, ..]) => 3,
        // U+3000
        Some([0xE3, 0x80, 0x80, ..]) => 3,
        _ => 0,
    }
}

/// The length of the character lead byte `x` starts, or 0 if the character may be white space
/// ([`space_at`]): [`tighten`] steps over the rest.
pub(super) fn step(x: u8) -> u8 {
    match x {
        b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3 => 0,
        b => utf8_len(b),
    }
}

/// Removes spaces that sit between Chinese text and Chinese text, digits or punctuation; collapses other
/// runs of white space to one space; trims. Says too whether it put two list punctuation marks
/// together, which [`collapse_punct`] then makes one.
pub(super) fn tighten(s: &str) -> (String, Vec<usize>, bool) {
    let s = trim(s);
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut gaps = Vec::new();
    let mut joined = false;
    // The text between runs of white space is copied a stretch at a time.
    let mut copied = 0;
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        let step = step(x);
        if step != 0 {
            i += usize::from(step);
            continue;
        }
        let mut end = i;
        while let n @ 1.. = space_at(b, end) {
            end += n;
        }
        if end == i {
            i += usize::from(utf8_len(x));
            continue;
        }
        out.push_str(&s[copied..i]);
        copied = end;
        i = end;
        // Trimmed, `s` has text on both sides of every run.
        if let (Some(prev), Some(next)) = (out.chars().next_back(), s[end..].chars().next()) {
            joined |= settle_space(prev, next, &mut out, &mut gaps);
        }
    }
    out.push_str(&s[copied..]);
    (out, gaps, joined)
}

/// What becomes of a run of white space between `prev` and `next`, `out` holding the text before it:
/// one space ([`space_goes`]), or nothing, remembered as a gap between two ideographs. Says whether it
/// put two list punctuation marks together.
pub(super) fn settle_space(prev: char, next: char, out: &mut String, gaps: &mut Vec<usize>) -> bool {
    if !space_goes(prev, next) {
        out.push(' ');
    } else if is_han(prev) && is_han(next) {
        gaps.push(out.len());
    } else {
        return is_list_punct(prev) && is_list_punct(next);
    }
    false
}

/// The list punctuation marks that [`collapse_punct`] collapses.
pub(super) fn is_list_punct(c: char) -> bool {
    matches!(c, ',' | '、' | ';' | '。')
}

/// The length in bytes of the list punctuation mark (`,` `、` `;` `。`) starting at byte `i` of `b`, or 0.
pub(super) fn list_punct_len(b: &[u8], i: usize) -> usize {
    match b.get(i..) {
        Some([b',' | b';', ..]) => 1,
        // `、` and `。`
        Some([0xE3, 0x80, 0x81 | 0x82, ..]) => 3,
        _ => 0,
    }
}

/// `,,` → `,`; `,。` → `。`: mirror sites double punctuation. Gaps after a removed character shift left.
/// The text between runs of two or more marks is copied a stretch at a time; a line with none is
/// returned as it came.
pub(super) fn collapse_punct(s: String, gaps: Vec<usize>) -> (String, Vec<usize>) {
    let b = s.as_bytes();
    // The first run at or after byte `from`. `,` `;` and the lead byte of `、` `。` are never inside a
    // character.
    let run_at = |from: usize| {
        memchr::memchr3_iter(b',', b';', 0xE3, &b[from..]).map(|k| from + k).find(|&at| {
            let first = list_punct_len(b, at);
            first > 0 && list_punct_len(b, at + first) > 0
        })
    };
    let Some(mut at) = run_at(0) else {
        return (s, gaps);
    };
    let mut out = String::with_capacity(s.len());
    let mut gaps_out = Vec::with_capacity(gaps.len());
    let mut gi = gaps.iter().copied().peekable();
    let mut copied = 0;
    loop {
        let mut keep = &s[at..at + list_punct_len(b, at)];
        let mut end = at;
        while let n @ 1.. = list_punct_len(b, end) {
            if &s[end..end + n] == "。" {
                keep = "。";
            }
            end += n;
        }
        // Up to the run, an offset moves left by what was removed before it; inside the run, it lands
        // after the mark kept.
        let shift = copied - out.len();
        while let Some(g) = gi.next_if(|&g| g <= at) {
            gaps_out.push(g - shift);
        }
        out.push_str(&s[copied..at]);
        out.push_str(keep);
        while gi.next_if(|&g| g < end).is_some() {
            gaps_out.push(out.len());
        }
        copied = end;
        match run_at(end) {
            Some(next) => at = next,
            None => break,
        }
    }
    let shift = copied - out.len();
    gaps_out.extend(gi.map(|g| g - shift));
    out.push_str(&s[copied..]);
    (out, gaps_out)
}
