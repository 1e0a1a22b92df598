//! Furniture: whole lines that are a page's and not the report's, and are dropped: page numbers
//! (`— 3 —`, `第3页`), a site's breadcrumbs, metadata and navigation, image names, editors' credits.
//! A page's footer is not furniture: it is where the article ends, which the segmenter must see.

use std::sync::LazyLock;

use regex::Regex;

use crate::text::{fold_traditional, is_han, trad_to_simp, trim};

/// A page number on its own line.
// must match: — 3 —   -3-   - 3 -   第3页   第 3 页 共 10 页   3/10   12
pub(super) static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[-—–―－~_]{1,2} ?(?-u:\d){1,4} ?[-—–―－~_]{1,2}|第 ?(?-u:\d){1,4} ?页(?: ?[,/]? ?共 ?(?-u:\d){1,4} ?页)?|(?-u:\d){1,4} ?/ ?(?-u:\d){1,4}|(?-u:\d){1,4}|[Pp]age ?(?-u:\d){1,4}(?: ?of ?(?-u:\d){1,4})?)$",
    )
    .expect("valid regex")
});

pub fn is_page_number(s: &str) -> bool {
    // What PAGE_NUMBER's alternatives start with, and for the two that share their start with many lines
    // what else they need: a line of figures (`12`, `3/10`) holds nothing else, where an outcome's `1、…`
    // does; `第3页` ends in 页, where a marker's `第12号提案` does not. Most lines never reach the regex.
    // Lines are checked for their length first: most are longer than any page number.
    if s.len() > 40 {
        return false;
    }
    let may_match = match s.chars().next() {
        Some('0'..='9') => s.bytes().all(|b| b.is_ascii_digit() || b == b' ' || b == b'/'),
        Some('第') => s.ends_with('页'),
        Some('-' | '—' | '–' | '―' | '－' | '~' | '_' | 'P' | 'p') => true,
        _ => false,
    };
    may_match && PAGE_NUMBER.is_match(s)
}

/// Site furniture: breadcrumbs, metadata, e-paper navigation, image names, editors' credits. Matched on
/// a line folded to Simplified ([`fold_traditional`]). A page's footer (print and close buttons, the
/// previous and next article) is not here: it is where the article ends, which the segmenter must see
/// (the grammar's [`crate::grammar::Closing::Footer`]).
// must match: 当前位置:首页 > 政协要闻      发布时间:2024-12-20 来源:区政协   字号:[大] [中] [小]
// must match: 上一期 下一期   当前版: 02版   图片1.png   (责任编辑:王五)
pub(super) static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
          (?:当前位置|您当前的位置|您的位置|当前所在位置|所在位置)\ ?:
        | 首页\ ?[>>›»/]
        | (?:发布时间|发布日期|发表时间|更新时间|信息来源|来源|作者|浏览次数|点击次数|点击数|阅读次数|访问次数|阅读量|字号|稿源|供稿)\ ?:
        | 字号\ ?\[
        | .{0,20}\[大\]\ ?\[中\]\ ?\[小\]
        | (?:上一期|下一期|版面导航|当前版|上一版|下一版|往期回顾|返回首页|返回目录|返回顶部|返回列表)
        | [^\ ]{1,60}\.(?i:png|jpe?g|gif|bmp|webp)
        | \(?(?:责任编辑|编辑|审核|校对|审校)\ ?:[^)]{0,20}\)?
        )",
    )
    .expect("valid regex")
});

/// Lines of site furniture end where a short metadata line would end; long lines are prose.
pub(super) const FURNITURE_MAX_CHARS: usize = 120;

/// The first characters FURNITURE's alternatives can start with (Simplified).
pub(super) const FURNITURE_FIRST: [char; 35] = [
    '(', '[', '【', '〔', '上', '下', '作', '供', '信', '关', '分', '发', '字', '审', '当', '往', '您', '所',
    '打', '扫', '收', '更', '来', '校', '浏', '点', '版', '稿', '编', '访', '责', '返', '阅', '顶', '首',
];

/// Whether `c` is one of [`FURNITURE_FIRST`], asked once a line.
pub(super) fn furniture_first(c: char) -> bool {
    FURNITURE_FIRST.contains(&c)
}

/// The first two characters (Simplified) of FURNITURE's alternatives that start with a word, in order:
/// most lines that start with one of [`FURNITURE_FIRST`] (关于…, 发展…, 【提案主要内容】) never reach the
/// regex.
#[rustfmt::skip]
pub(super) const FURNITURE_STARTS: [(char, char); 53] = [
    ('(', '审'), ('(', '校'), ('(', '编'), ('(', '责'), ('[', '关'), ('[', '打'), ('[', '收'), ('[', '返'),
    ('[', '顶'), ('【', '关'), ('【', '打'), ('【', '收'), ('【', '返'), ('【', '顶'), ('〔', '关'), ('〔', '打'),
    ('〔', '收'), ('〔', '返'), ('〔', '顶'), ('上', '一'), ('下', '一'), ('作', '者'), ('供', '稿'), ('信', '息'),
    ('关', '闭'), ('分', '享'), ('发', '布'), ('发', '表'), ('字', '号'), ('审', '校'), ('审', '核'), ('当', '前'),
    ('往', '期'), ('您', '当'), ('您', '的'), ('所', '在'), ('打', '印'), ('扫', '一'), ('收', '藏'), ('更', '新'),
    ('来', '源'), ('校', '对'), ('浏', '览'), ('点', '击'), ('版', '面'), ('稿', '源'), ('编', '辑'), ('访', '问'),
    ('责', '任'), ('返', '回'), ('阅', '读'), ('顶', '部'), ('首', '页'),
];

/// Whether the extension of an image file follows a `.` somewhere in `s`: what FURNITURE's image names
/// need, and a line's `.` in a figure (`2.6亿`) does not give.
pub(super) fn has_image_extension(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr_iter(b'.', b).any(|i| {
        IMAGE_EXTENSIONS
            .iter()
            .any(|e| b.get(i + 1..i + 1 + e.len()).is_some_and(|x| x.eq_ignore_ascii_case(e.as_bytes())))
    })
}

/// The extensions of FURNITURE's image names.
pub(super) const IMAGE_EXTENSIONS: [&str; 6] = ["png", "jpg", "jpeg", "gif", "bmp", "webp"];

pub(super) fn is_image_name(s: &str) -> bool {
    let tail = &s.as_bytes()[s.len().saturating_sub(5)..];
    [".png", ".jpg", "jpeg", ".gif", ".bmp", "webp"].iter().any(|ext| {
        tail.len() >= ext.len() && tail[tail.len() - ext.len()..].eq_ignore_ascii_case(ext.as_bytes())
    })
}

/// Whether a cleaned line is site furniture (the regex `FURNITURE`): breadcrumbs, metadata, footers,
/// image names.
pub fn is_furniture(s: &str) -> bool {
    matches_furniture(s, true)
}

/// [`is_furniture`], told whether `s` can hold a `[` at all ([`Scan::may_hold_bracket`]).
pub(super) fn matches_furniture(s: &str, may_hold_bracket: bool) -> bool {
    // More bytes than four a character allows: more characters than furniture has.
    if s.len() > FURNITURE_MAX_CHARS * 4 {
        return false;
    }
    let mut head = s.chars().map(|c| trad_to_simp(c).unwrap_or(c));
    let Some(first) = head.next() else { return false };
    // Whatever FURNITURE can match: a word it starts with; an image name (which it need not end with,
    // though it starts with one of its first characters); or the font-size switch, anywhere.
    // The memchr crate's search, which is vectorised where core's `str::contains(char)` is not.
    let candidate = (furniture_first(first)
        && (FURNITURE_STARTS.binary_search(&(first, head.next().unwrap_or('\0'))).is_ok()
            || has_image_extension(s)))
        // An ASCII letter is a whole character, and no other character ends in an ASCII byte.
        || (s.as_bytes().last().is_some_and(u8::is_ascii_alphabetic) && is_image_name(s))
        || (may_hold_bracket && memchr::memchr(b'[', s.as_bytes()).is_some() && s.contains("[大]"));
    candidate && s.chars().count() <= FURNITURE_MAX_CHARS && FURNITURE.is_match(&fold_traditional(s))
}

/// Longest line of page chrome ([`is_chrome`]).
pub(super) const CHROME_MAX_CHARS: usize = 80;

/// The longest piece of a navigation bar, in characters.
pub(super) const NAV_PIECE_MAX_CHARS: usize = 15;

/// The keys of a page's metadata, before a colon: when it was published, by whom, how often read,
/// the size of its type, where to share it.
pub(super) const METADATA_KEYS: [&str; 18] = [
    "发布时间",
    "发布日期",
    "发表时间",
    "更新时间",
    "信息来源",
    "来源",
    "稿源",
    "供稿",
    "作者",
    "编辑",
    "日期",
    "时间",
    "浏览次数",
    "点击数",
    "阅读",
    "字号",
    "字体",
    "分享到",
];

/// Page chrome that furniture's first words do not give away: a navigation bar of short pieces of words between
/// `|`, `>`, `»` or `›` (`嵊州市政协 | 首页 | 政协概况`, `福清新闻网 > 新闻 > 时政要闻`), or a line of
/// metadata: two of [`METADATA_KEYS`] before colons, or one that opens the line after a bracket or a
/// time (`【字体:大 中 小】`, `2024-11-22 16:08 来源:福清市政协 编辑:林晓`).
pub fn is_chrome(s: &str) -> bool {
    // Prose, most lines, ends a sentence.
    if s.len() > CHROME_MAX_CHARS * 4 || s.ends_with('。') {
        return false;
    }
    let b = s.as_bytes();
    // `»` (C2 BB) and `›` (E2 80 BA), found by their first bytes, which few other characters of Chinese
    // text have (`“` `…` `—`).
    let angle = || {
        memchr::memchr2_iter(0xC2, 0xE2, b)
            .any(|i| b[i..].starts_with(&[0xC2, 0xBB]) || b[i..].starts_with(&[0xE2, 0x80, 0xBA]))
    };
    // Most lines hold none of the separators: one search turns them away.
    let separator = memchr::memchr3(b'|', b'>', b':', b).is_some();
    if !separator && !angle() {
        return false;
    }
    let nav = memchr::memchr2(b'|', b'>', b).is_some() || angle();
    // Metadata is looked for first at its colons alone: a label's colon (`提案者:`) turns it away.
    let chrome =
        (nav && is_navigation(s)) || (separator && memchr::memchr(b':', b).is_some() && is_metadata(s));
    chrome && !s.contains('。') && s.chars().count() <= CHROME_MAX_CHARS
}

/// A navigation bar: short pieces of words between `|`, `>`, `»` or `›`, the first perhaps labelled
/// ([`breadcrumb_root`]).
pub(super) fn is_navigation(s: &str) -> bool {
    let mut pieces: Vec<&str> = s.split(['|', '>', '»', '›']).map(trim).collect();
    if let Some(root) = breadcrumb_root(pieces[0]) {
        pieces[0] = root;
    }
    pieces.len() >= 2
        && pieces.iter().all(|p| {
            p.chars().any(is_han)
                && p.chars().count() <= NAV_PIECE_MAX_CHARS
                && !p.contains([',', ';', ':', '!', '?'])
        })
}

/// A line of metadata: two of [`METADATA_KEYS`] before colons, or one that opens the line after a
/// bracket or a time.
pub(super) fn is_metadata(s: &str) -> bool {
    let b = s.as_bytes();
    // The keys before each colon, read back from it a character at a time, folded to Simplified: most
    // lines have a colon or none, and folding the whole line cost a tenth of the parse.
    let opening = |c: char| c.is_ascii_digit() || matches!(c, '-' | ':' | ' ' | '/' | '【' | '[' | '(');
    let (mut keys, mut opens) = (0, false);
    for colon in memchr::memchr_iter(b':', b) {
        let before = s[..colon].trim_end();
        // Most colons follow no key's last character: a label's, or a sentence's (`为此建议:`).
        let last = before.chars().next_back().map(|c| trad_to_simp(c).unwrap_or(c));
        if !last.is_some_and(|c| METADATA_KEY_LASTS.contains(&c)) {
            continue;
        }
        let mut tail = ['\0'; METADATA_KEY_MAX_CHARS];
        let mut starts = [0; METADATA_KEY_MAX_CHARS];
        let mut n = 0;
        for (at, c) in before.char_indices().rev().take(METADATA_KEY_MAX_CHARS) {
            tail[METADATA_KEY_MAX_CHARS - 1 - n] = trad_to_simp(c).unwrap_or(c);
            starts[METADATA_KEY_MAX_CHARS - 1 - n] = at;
            n += 1;
        }
        let tail = &tail[METADATA_KEY_MAX_CHARS - n..];
        let starts = &starts[METADATA_KEY_MAX_CHARS - n..];
        for key in METADATA_KEYS {
            let len = key.chars().count();
            if len <= n && tail[n - len..].iter().copied().eq(key.chars()) {
                keys += 1;
                opens |= s[..starts[n - len]].trim_matches(opening).is_empty();
            }
        }
    }
    keys >= 2 || opens
}

/// The last characters of [`METADATA_KEYS`] (the test of chrome holds the two together).
pub(super) const METADATA_KEY_LASTS: [char; 11] =
    ['间', '期', '源', '稿', '者', '辑', '数', '读', '号', '体', '到'];

/// The longest of [`METADATA_KEYS`], in characters.
pub(super) const METADATA_KEY_MAX_CHARS: usize = 4;

/// The root of a breadcrumb whose first piece says what the bar is (`您现在的位置:首页`): the piece
/// after the colon, when the label names a position (…位置) or the root is the site's home page. Any
/// other `名称:值` before a `>` is a field of the report, not navigation.
pub(super) fn breadcrumb_root(first: &str) -> Option<&str> {
    let (label, root) = first.rsplit_once(':')?;
    let root = trim(root);
    let label = trim(label);
    let home = ["首页", "主页", "首頁", "主頁"].iter().any(|h| root.ends_with(h));
    (label.chars().count() <= 8 && (label.ends_with("位置") || home)).then_some(root)
}
