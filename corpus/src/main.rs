//! `tian-corpus --out DIR --size 200M`: write a deterministic benchmark corpus.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;

/// Write a deterministic corpus of generated proposal summaries, for tian's benchmarks.
#[derive(Debug, Parser)]
#[command(name = "tian-corpus", version, about)]
struct Args {
    /// Folder to write into (created if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Total size: bytes, or with a K, M or G suffix (200M).
    #[arg(long, default_value = "200M", value_parser = parse_size)]
    size: u64,
    /// The same seed writes the same corpus.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn parse_size(s: &str) -> Result<u64, String> {
    let (digits, unit) = match s.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => (&s[..i], c.to_ascii_uppercase()),
        _ => (s, 'B'),
    };
    let n: u64 = digits.parse().map_err(|_| format!("{s:?} is not a size such as 200M"))?;
    let scale = match unit {
        'B' => 1,
        'K' => 1 << 10,
        'M' => 1 << 20,
        'G' => 1 << 30,
        _ => return Err(format!("{s:?}: the unit is K, M or G")),
    };
    n.checked_mul(scale).ok_or_else(|| format!("{s:?} is too large"))
}

fn main() -> ExitCode {
    match run(&Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tian-corpus: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &Args) -> anyhow::Result<()> {
    let (mut files, mut bytes) = (0u64, 0u64);
    for doc in tian_corpus::generate(args.seed, args.size) {
        let path = args.out.join(&doc.name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("{}: cannot create", parent.display()))?;
        }
        std::fs::write(&path, &doc.bytes).with_context(|| format!("{}: cannot write", path.display()))?;
        files += 1;
        bytes += doc.bytes.len() as u64;
    }
    eprintln!("wrote {files} files, {:.1} MB, to {}", bytes as f64 / 1e6, args.out.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("200M"), Ok(200 << 20));
        assert_eq!(parse_size("1g"), Ok(1 << 30));
        assert_eq!(parse_size("512"), Ok(512));
        assert!(parse_size("12X").is_err() && parse_size("M").is_err());
    }
}
