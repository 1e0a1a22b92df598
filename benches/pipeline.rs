//! Criterion benchmarks, one per pipeline stage and for the whole library parse (also of the documents
//! in full-width dress alone, and in each dress of docs/genre.md the corpus lacks), on the same generated
//! corpus every time (`tian_corpus`, seed 1). Run with `cargo bench --bench pipeline`; throughput is
//! reported in bytes of each stage's input, and for the database in bytes of the documents whose
//! reports it stores, so that it compares with the parse and with `tian convert`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use tian::output::db::Db;
use tian::{FileName, Options, decode, normalize, output, repair, report, segment};

/// About 4 MB of documents: enough variety, short enough for a quick run.
const CORPUS_BYTES: u64 = 4 << 20;

struct Corpus {
    utf8: Vec<Vec<u8>>,
    gb18030: Vec<Vec<u8>>,
    texts: Vec<String>,
}

/// The generated documents decoded, then encoded again as UTF-8 and as GB18030, so both encodings carry
/// the same text.
fn corpus() -> Corpus {
    let file = FileName(None);
    let texts: Vec<String> = tian_corpus::generate(1, CORPUS_BYTES)
        .map(|d| decode::decode(&d.bytes, None, &file).expect("generated text decodes").text.into_owned())
        .collect();
    let utf8 = texts.iter().map(|t| t.as_bytes().to_vec()).collect();
    let gb18030 = texts.iter().map(|t| encoding_rs::GB18030.encode(t).0.into_owned()).collect();
    Corpus { utf8, gb18030, texts }
}

/// Puts a dress on one line of a document.
type Dress = fn(&str) -> String;

fn total(docs: &[Vec<u8>]) -> u64 {
    docs.iter().map(|d| d.len() as u64).sum()
}

fn stages(c: &mut Criterion) {
    let corpus = corpus();
    let file = FileName(None);
    let mut g = c.benchmark_group("stage");
    g.measurement_time(Duration::from_secs(5)).sample_size(20);

    for (name, docs) in [("decode_utf8", &corpus.utf8), ("decode_gb18030", &corpus.gb18030)] {
        g.throughput(Throughput::Bytes(total(docs)));
        g.bench_function(name, |b| {
            b.iter(|| {
                for d in docs {
                    black_box(decode::decode(black_box(d), None, &file).ok());
                }
            });
        });
    }

    g.throughput(Throughput::Bytes(total(&corpus.utf8)));
    g.bench_function("normalize", |b| {
        b.iter(|| {
            for text in &corpus.texts {
                let lines = normalize::lines(black_box(text), false, &mut Vec::new());
                black_box(repair::repair(lines));
            }
        });
    });
    let normalized: Vec<_> =
        corpus.texts.iter().map(|t| repair::repair(normalize::lines(t, false, &mut Vec::new()))).collect();
    g.bench_function("segment_extract", |b| {
        b.iter_batched(
            || normalized.clone(),
            |docs| {
                for lines in docs {
                    let doc = segment::segment(lines);
                    let source = tian::model::Source {
                        path: None,
                        sha256: String::new(),
                        format: tian::model::Format::Text,
                        encoding: "UTF-8".into(),
                        bytes: 0,
                    };
                    black_box(report::build(doc, source, Vec::new()));
                }
            },
            BatchSize::LargeInput,
        );
    });
    // Each report under its own path, as `tian convert` stores them.
    let reports: Vec<_> = corpus
        .utf8
        .iter()
        .enumerate()
        .filter_map(|(i, d)| tian::parse(d, Some(&format!("doc-{i}.txt")), &Options::default()).ok())
        .collect();
    g.bench_function("serialize_json", |b| {
        b.iter(|| {
            for r in &reports {
                black_box(output::to_json(black_box(r)));
            }
        });
    });
    // `tian convert` writes both, on the parser threads.
    g.bench_function("serialize_jsonl", |b| {
        b.iter(|| {
            for r in &reports {
                black_box(output::to_jsonl(black_box(r)));
            }
        });
    });
    // A new database each time, written in chunks and finished with its indexes, as `tian convert`
    // does on its database thread.
    let dir = tempfile::tempdir().expect("a temporary folder");
    // Each report keyed by its source path, as unique as a file's identity.
    let refs: Vec<(&str, &tian::Report)> =
        reports.iter().map(|r| (r.source.path.as_deref().unwrap_or("-"), r)).collect();
    g.bench_function("store_sqlite", |b| {
        b.iter_batched(
            || {
                let path = dir.path().join("bench.db");
                let _ = std::fs::remove_file(&path);
                path
            },
            |path| {
                let mut db = Db::open(&path).expect("database opens");
                for chunk in refs.chunks(tian::batch::CHUNK) {
                    db.store(chunk, false).expect("stores");
                }
                db.finish().expect("finishes");
            },
            BatchSize::PerIteration,
        );
    });
    g.finish();

    let mut g = c.benchmark_group("parse");
    g.measurement_time(Duration::from_secs(5)).sample_size(20);
    // The fifth of the documents dressed in full-width punctuation, as many real pages are: nearly
    // every line of them needs cleaning, so they parse slower than the rest.
    let full_width: Vec<Vec<u8>> =
        corpus.texts.iter().filter(|t| t.contains('，')).map(|t| t.as_bytes().to_vec()).collect();
    for (name, docs) in
        [("utf8", &corpus.utf8), ("gb18030", &corpus.gb18030), ("utf8_full_width", &full_width)]
    {
        g.throughput(Throughput::Bytes(total(docs)));
        g.bench_function(name, |b| {
            b.iter(|| {
                for d in docs {
                    black_box(tian::parse(black_box(d), None, &Options::default()).ok());
                }
            });
        });
    }
    g.finish();

    // The dresses of docs/genre.md that the generated corpus does not wear, each put on every line of the
    // plain documents (neither full-width nor Traditional), so the cost of each is seen alone.
    let plain: Vec<&String> =
        corpus.texts.iter().filter(|t| !t.contains('，') && !t.contains('區')).collect();
    let dress = |f: Dress| -> Vec<Vec<u8>> {
        plain
            .iter()
            .map(|t| {
                let lines: Vec<String> =
                    t.lines().map(|l| if l.trim().is_empty() { l.to_owned() } else { f(l) }).collect();
                lines.join("\n").into_bytes()
            })
            .collect()
    };
    let dresses: [(&str, Dress); 8] = [
        ("none", str::to_owned),
        ("ideographic_indent", |l| format!("\u{3000}\u{3000}{l}")),
        ("entity_indent", |l| format!("&emsp;&emsp;{l}")),
        ("nbsp_after_sentences", |l| l.replace('。', "。&nbsp;")),
        ("spaces_between_characters", |l| {
            l.chars()
                .enumerate()
                .flat_map(|(i, c)| [Some(c), (i % 9 == 8).then_some(' ')])
                .flatten()
                .collect()
        }),
        ("doubled_commas", |l| l.replace(',', ",,")),
        ("kangxi_radicals", |l| l.replace('一', "\u{2F00}").replace('文', "\u{2F42}")),
        ("pinyin_glosses", |l| l.replace('协', "协(xié)").replace('会', "会(huì)").replace('案', "案(àn)")),
    ];
    let mut g = c.benchmark_group("dress");
    g.measurement_time(Duration::from_secs(3)).sample_size(10);
    for (name, f) in dresses {
        let docs = dress(f);
        // A dress the parser misreads would be timed on documents it gives up on.
        let refused = docs.iter().filter(|d| tian::parse(d, None, &Options::default()).is_err()).count();
        assert_eq!(refused, 0, "{name}: documents the parser refuses");
        g.throughput(Throughput::Bytes(total(&docs)));
        g.bench_function(name, |b| {
            b.iter(|| {
                for d in &docs {
                    black_box(tian::parse(black_box(d), None, &Options::default()).ok());
                }
            });
        });
    }
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
