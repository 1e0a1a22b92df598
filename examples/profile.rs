//! A loop over the generated corpus for profilers, which need one long run of the parser rather than
//! criterion's many short ones:
//!
//! ```text
//! cargo build --release --example profile
//! perf record --call-graph dwarf target/release/examples/profile
//! N=1 valgrind --tool=callgrind --toggle-collect='tian::parse' target/release/examples/profile gb18030
//! ```
//!
//! Parses the 4 MB corpus of the benchmarks N times (default 30), as UTF-8 or, with `gb18030`, as
//! GB18030, and prints the best and the median throughput of a round.

use std::hint::black_box;
use std::time::Instant;

use tian::{FileName, Options, decode};

fn main() {
    let gb18030 = std::env::args().nth(1).as_deref() == Some("gb18030");
    let rounds: usize = std::env::var("N").ok().and_then(|v| v.parse().ok()).unwrap_or(30);
    let file = FileName(None);
    let docs: Vec<Vec<u8>> = tian::corpus::generate(1, 4 << 20)
        .map(|d| decode::decode(&d.bytes, None, &file).expect("generated text decodes").text.into_owned())
        .map(|t| if gb18030 { encoding_rs::GB18030.encode(&t).0.into_owned() } else { t.into_bytes() })
        .collect();
    let bytes: usize = docs.iter().map(Vec::len).sum();
    // Rounds are timed one by one: on a shared machine the best and the median say more than the mean.
    let mut rates: Vec<f64> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            for d in &docs {
                black_box(tian::parse(d, None, &Options::default()).ok());
            }
            bytes as f64 / start.elapsed().as_secs_f64() / 1e6
        })
        .collect();
    rates.sort_by(f64::total_cmp);
    let best = rates.last().copied().unwrap_or(0.0);
    let median = rates.get(rates.len() / 2).copied().unwrap_or(0.0);
    println!("{best:.1} MB/s best, {median:.1} MB/s median of {rounds} rounds");
}
