//! tian-corpus: a deterministic generator of realistic proposal summaries, for tian's benchmarks. Not
//! part of tian: its benchmarks, its profile loop and the measurements of docs/performance.md use it.
//!
//! Given a seed, [`document`] writes the same document for the same index on every machine and every
//! run: varied labels, markers, headings, numbering and suggestion styles, page breaks with page
//! numbers, site furniture, full-width and Traditional variants, the other dresses of copies found in
//! the wild (entities, wide-space indents, spaced characters, doubled commas, Kangxi radicals, pinyin
//! glosses), CRLF line ends, and a share encoded as GB18030 and UTF-16. It is not a parser test (the goldens are); it gives every benchmark the same data.

/// SplitMix64: tiny, fast and fixed forever, so a seed means the same corpus in every version of tian.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next_u64() % items.len() as u64) as usize]
    }
}

/// One generated document: where it goes below the corpus folder, and its bytes.
#[derive(Debug, Clone)]
pub struct Doc {
    pub name: String,
    pub bytes: Vec<u8>,
}

const REGIONS: &[&str] = &[
    "萧山区",
    "余杭区",
    "临平区",
    "富阳区",
    "滨江区",
    "西湖区",
    "拱墅区",
    "上城区",
    "建德市",
    "桐庐县",
    "淳安县",
];
const NUMERALS: &[&str] = &[
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五",
    "十六",
];
const VERBS: &[&str] = &["加快", "推进", "加强", "完善", "深化", "优化", "提升", "健全", "推动", "支持"];
const TOPICS: &[&str] = &[
    "专精特新企业培育",
    "城区快速路周边噪声治理",
    "“医康养”一体化服务",
    "农村生活污水治理",
    "老旧小区加装电梯",
    "青年人才住房保障",
    "数字乡村建设",
    "湘湖文旅融合发展",
    "民营企业投资信心",
    "低空经济发展",
    "中小学课后服务",
    "社区食堂建设",
    "新能源汽车充电设施布局",
    "运河沿岸夜间经济",
    "农村独居老人关爱服务",
    "政府产业基金",
];
const PROPOSERS: &[&str] = &[
    "中国民主同盟萧山区委员会",
    "民进萧山区委员会",
    "区工商业联合会",
    "区总工会",
    "经济界",
    "吴雪峰",
    "戚敏敏",
    "高清淼",
    "胡观忠",
    "黎 丽",
    "张三、李四",
    "王建平等11人",
    "九三学社萧山区基层委员会",
];
const LEADERS: &[&str] = &["叶建宏", "陈金良", "郭荣", "汤卫", "黄晓燕", "瞿虎", "施利君", "朱 宁"];
const UNITS: &[&str] = &[
    "区经信局",
    "区发改局",
    "区卫健局",
    "区住建局",
    "区民政局",
    "区教育局",
    "区农业农村局",
    "区文广旅体局",
    "区财政局",
];
const SENTENCES: &[&str] = &[
    "当前我区相关工作取得积极成效,但仍存在统筹协调不够、部门协同不足、社会参与度不高等问题",
    "随着经济社会快速发展,群众对美好生活的需求日益增长,相关领域的短板弱项逐步显现",
    "该领域是推进共同富裕和高质量发展的重要抓手,事关群众切身利益和城市长远发展",
    "近年来各地围绕这一领域开展了大量探索,积累了可复制可推广的经验做法",
    "调研发现,基层在政策落实、资金保障和人才支撑等方面仍面临不少困难",
];
const SUGGESTIONS: &[&str] = &[
    "加强顶层设计,统筹推进相关规划编制和政策制定",
    "加大资金保障力度,完善财政奖补和社会资本参与机制",
    "强化部门协同联动,建立常态化工作推进机制",
    "加强人才队伍建设,完善培养、引进和激励政策",
    "推进数字化改革,以数字化手段提升服务效率和管理水平",
    "加大宣传引导力度,营造全社会共同参与的良好氛围",
];
const OUTCOMES: &[(&str, &str)] = &[
    ("完善政策体系", "出台专项政策文件3个,明确工作目标、重点任务和保障措施,形成政策合力。"),
    ("加大资金投入", "全年安排专项资金2.6亿元,撬动社会资本投入8亿余元,重点项目有序推进。"),
    ("强化协同联动", "建立由分管区领导牵头的工作专班,定期召开联席会议,协调解决问题42个。"),
    ("推进数字赋能", "上线数字化应用场景5个,累计服务群众120万人次,群众满意度显著提升。"),
    ("加强队伍建设", "开展各类专业培训36期,培训人员2800余人次,人才队伍结构持续优化。"),
];

/// Writes the document for `index` under `seed`.
pub fn document(seed: u64, index: u64) -> Doc {
    let mut rng = Rng::new(seed ^ index.wrapping_mul(0xA076_1D64_78BD_642F));
    let region = *rng.pick(REGIONS);
    let term = *rng.pick(NUMERALS);
    let meeting = *rng.pick(&NUMERALS[..5]);
    let mut t = String::with_capacity(12_000);
    let furniture = rng.chance(20);
    if furniture {
        t += "当前位置:首页 > 政协要闻 > 提案工作\n发布时间:2024-12-18 09:30  来源:区政协提案委\n字号:[大] [中] [小]\n";
    }
    let blocks = rng.range(6, 10);
    let submitted = rng.range(180, 420);
    let registered = submitted - rng.range(5, 30);
    t += &format!("\n区政协{term}届{meeting}次会议重点督办提案综述\n\n");
    t += &format!(
        "{region}政协{term}届{meeting}次会议以来,广大政协委员积极建言献策。全年以提案形式提出意见建议{submitted}件,经审查,共立案{registered}件,其余{}件作为来信处理,立案率为{:.1}%。\n\n",
        submitted - registered,
        registered as f64 * 100.0 / submitted as f64
    );
    t += &format!("现将{blocks}件重点提案督办情况介绍如下:\n\n");
    let mut page = 2;
    for b in 0..blocks {
        proposal(&mut rng, &mut t, b, &mut page);
    }
    if furniture {
        t += "(责任编辑:王小燕)\n【打印本页】 【关闭窗口】\n";
    }
    encode(&mut rng, seed, index, t)
}

fn proposal(rng: &mut Rng, t: &mut String, b: u64, page: &mut u32) {
    let number = rng.range(1, 400);
    let title = format!("关于{}{}的建议", rng.pick(VERBS), rng.pick(TOPICS));
    match rng.range(0, 3) {
        0 => *t += &format!("第{number}号提案\n\n《{title}》\n\n"),
        1 => *t += &format!("【第 {number} 号提案】\n\n题目:《{title}》\n\n"),
        2 => *t += &format!("第{number}号重点提案《{title}》\n\n"),
        _ => *t += &format!("第{number}号、第{}号提案\n\n《{title}》\n\n", number + 100 + b),
    }
    let proposer_label = rng.pick(&["提案者", "提案人", "领衔人"]);
    let leader_label = rng.pick(&["督办领导", "领衔督办"]);
    let unit_label = rng.pick(&["主办单位", "承办单位"]);
    let category_label = rng.pick(&["办理类别", "办理结果"]);
    *t += &format!("{proposer_label}:{}\n\n", rng.pick(PROPOSERS));
    *t += &format!("{leader_label}:{}\n{unit_label}:{}\n", rng.pick(LEADERS), rng.pick(UNITS));
    if rng.chance(30) {
        *t += &format!("协办单位:{}、{}\n", rng.pick(UNITS), rng.pick(UNITS));
    }
    *t += &format!("{category_label}:{}类\n\n", rng.pick(&["A", "A", "A", "B", "“B”", "C"]));

    let (content_heading, outcome_heading) = *rng.pick(&[
        ("【提案主要内容】", "【办理工作成效】"),
        ("[提案主要内容]", "[办理成效]"),
        ("一、提案主要内容", "二、办理情况"),
        ("〔提案主要内容〕", "〔办理情况〕"),
    ]);
    *t += &format!("{content_heading}\n\n");
    let mut content = String::new();
    for _ in 0..rng.range(2, 4) {
        content += *rng.pick(SENTENCES);
        content += "。";
    }
    content += *rng.pick(&["为此建议:", "因此建议:", "因此,提出以下建议:", "建议如下:"]);
    let style = rng.range(0, 3);
    let count = rng.range(3, 5);
    for i in 0..count {
        let s = rng.pick(SUGGESTIONS);
        let n = i as usize;
        match style {
            0 => content += &format!("{}是{s}", NUMERALS[n]),
            1 => content += &format!("({}){s}", n + 1),
            2 => content += &format!("第{},{s}", NUMERALS[n]),
            _ => content += s,
        }
        content += if i + 1 == count { "。" } else { ";" };
    }
    paragraph(rng, t, &content, page);
    *t += &format!("{outcome_heading}\n\n");
    let numbering = rng.range(0, 3);
    for i in 0..rng.range(2, 5) {
        let (heading, text) = rng.pick(OUTCOMES);
        let n = i as usize + 1;
        let marker = match numbering {
            0 => format!("{n}. "),
            1 => format!("({n})"),
            2 => char::from_u32(0x245F + n as u32).map(String::from).unwrap_or_default(),
            _ => format!("{n}、"),
        };
        let body = if rng.chance(50) { format!("{heading}。{text}") } else { (*text).to_owned() };
        paragraph(rng, t, &format!("{marker}{body}"), page);
    }
}

/// A paragraph, sometimes cut in two by a page break (with a page number or a form feed).
fn paragraph(rng: &mut Rng, t: &mut String, text: &str, page: &mut u32) {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() > 20 && rng.chance(25) {
        let cut = rng.range(8, chars.len() as u64 - 8) as usize;
        let head: String = chars[..cut].iter().collect();
        let tail: String = chars[cut..].iter().collect();
        let number = match rng.range(0, 3) {
            0 => format!("— {page} —"),
            1 => format!("-{page}-"),
            2 => format!("第{page}页"),
            _ => "\u{c}".to_owned(),
        };
        *page += 1;
        *t += &format!("{head}\n\n{number}\n\n{tail}\n\n");
    } else {
        *t += text;
        *t += "\n\n";
    }
}

/// The dresses of copies found in the wild that a document may wear besides its script and width, each
/// on every line: indents of wide spaces or entities, `&nbsp;` after sentences, spaces between
/// ideographs, doubled commas, Kangxi radicals, pinyin glosses.
const DRESSES: [fn(&str) -> String; 7] = [
    |l| format!("\u{3000}\u{3000}{l}"),
    |l| format!("&emsp;&emsp;{l}"),
    |l| l.replace('。', "。&nbsp;"),
    spaced,
    |l| l.replace(',', ",,"),
    |l| l.replace('一', "\u{2F00}").replace('文', "\u{2F42}"),
    |l| l.replace('协', "协(xié)").replace('会', "会(huì)").replace('案', "案(àn)"),
];

/// A space between two ideographs now and then, as extractions pad them (`黎 丽`).
fn spaced(l: &str) -> String {
    let ideograph = |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c);
    let chars: Vec<char> = l.chars().collect();
    let mut out = String::with_capacity(l.len() + l.len() / 9);
    for (i, &c) in chars.iter().enumerate() {
        out.push(c);
        if i % 9 == 8 && ideograph(c) && chars.get(i + 1).copied().is_some_and(ideograph) {
            out.push(' ');
        }
    }
    out
}

/// Applies the document's dress (script, width, the dresses of [`DRESSES`], line ends) and encoding.
fn encode(rng: &mut Rng, seed: u64, index: u64, mut t: String) -> Doc {
    if rng.chance(5) {
        t = to_traditional(&t);
    }
    if rng.chance(20) {
        t = t
            .chars()
            .map(|c| match c {
                ',' | ':' | ';' | '(' | ')' | '%' | '0'..='9' => {
                    char::from_u32(c as u32 + 0xFEE0).unwrap_or(c)
                }
                _ => c,
            })
            .collect();
    }
    for dress in DRESSES {
        if rng.chance(8) {
            let lines: Vec<String> =
                t.split('\n').map(|l| if l.trim().is_empty() { l.to_owned() } else { dress(l) }).collect();
            t = lines.join("\n");
        }
    }
    if rng.chance(20) {
        t = t.replace('\n', "\r\n");
    }
    let roll = rng.range(0, 99);
    let bytes = match roll {
        0..=11 => encoding_rs::GB18030.encode(&t).0.into_owned(),
        12..=16 => {
            [&[0xFF, 0xFE][..], &t.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<_>>()].concat()
        }
        17..=18 => {
            [&[0xFE, 0xFF][..], &t.encode_utf16().flat_map(u16::to_be_bytes).collect::<Vec<_>>()].concat()
        }
        _ => t.into_bytes(),
    };
    Doc { name: format!("s{seed}/{:03}/{index:06}.txt", index / 1000), bytes }
}

/// Documents `0, 1, 2 …` until their sizes add up to at least `total_bytes`.
pub fn generate(seed: u64, total_bytes: u64) -> impl Iterator<Item = Doc> {
    let mut written = 0u64;
    (0..).map(move |i| document(seed, i)).take_while(move |d| {
        let more = written < total_bytes;
        written += d.bytes.len() as u64;
        more
    })
}

/// The Traditional characters the generator dresses a mirror in: a mirror site's machine conversion
/// touches the common characters of labels, headings and statistics.
const MIRROR_TRADITIONAL: &str = "號點辦領導單會協類別結銜牽頭題標議屆區縣況內員見為來處轉餘並終歸屬確滿復經審條聯總黨團學進農鎮兩實現將級無數當發佈間覽頁編輯閉關於託達質詢與權門務計規劃調環國長書記衛財稅業產選專體簡設監應參動個這時葉陳吳鄭劉張黃趙孫錢馮蕭華億萬後採納強";

/// The Simplified forms of [`MIRROR_TRADITIONAL`], position for position: what tian folds them to (the
/// tests hold the two to tian's folding).
const MIRROR_SIMPLIFIED: &str = "号点办领导单会协类别结衔牵头题标议届区县况内员见为来处转余并终归属确满复经审条联总党团学进农镇两实现将级无数当发布间览页编辑闭关于托达质询与权门务计规划调环国长书记卫财税业产选专体简设监应参动个这时叶陈吴郑刘张黄赵孙钱冯萧华亿万后采纳强";

/// Simplified → Traditional with the mirror's characters.
fn to_traditional(s: &str) -> String {
    static BY_SIMPLIFIED: std::sync::LazyLock<std::collections::HashMap<char, char>> =
        std::sync::LazyLock::new(|| MIRROR_SIMPLIFIED.chars().zip(MIRROR_TRADITIONAL.chars()).collect());
    s.chars().map(|c| BY_SIMPLIFIED.get(&c).copied().unwrap_or(c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_corpus() {
        let a: Vec<_> = generate(7, 50_000).map(|d| (d.name, d.bytes)).collect();
        let b: Vec<_> = generate(7, 50_000).map(|d| (d.name, d.bytes)).collect();
        assert_eq!(a, b);
        assert!(a.len() >= 3);
        assert_ne!(document(7, 0).bytes, document(8, 0).bytes);
    }

    #[test]
    fn the_mirror_folds_back_as_tian_folds_it() {
        assert_eq!(MIRROR_TRADITIONAL.chars().count(), MIRROR_SIMPLIFIED.chars().count());
        assert_eq!(tian::text::fold_traditional(MIRROR_TRADITIONAL), MIRROR_SIMPLIFIED);
    }

    #[test]
    fn generated_documents_parse_with_their_blocks() {
        let mut encodings = std::collections::BTreeSet::new();
        for doc in generate(1, 1_500_000) {
            let report = tian::parse(&doc.bytes, Some(&doc.name), &tian::Options::default()).unwrap();
            let announced = report.statistics.key_proposals.unwrap() as usize;
            assert_eq!(report.proposals.len(), announced, "{}", doc.name);
            assert!(
                report.proposals.iter().all(|p| p.category.is_some() && !p.outcomes.is_empty()),
                "{}",
                doc.name
            );
            encodings.insert(report.source.encoding);
        }
        assert_eq!(encodings.len(), 4, "{encodings:?}");
    }
}
