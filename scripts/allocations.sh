#!/usr/bin/env bash
# Counts the heap allocations of one round of the library parse over the 4 MB corpus of the benchmarks,
# under valgrind's DHAT: like the instruction count of scripts/instructions.sh, a figure that does not
# swing with the machine. Two runs, of two rounds and of one, are differenced, which leaves out the corpus
# generator and what happens once (compiling the regexes). With --sites, also the places in tian's
# source that allocate most (needs python3).
#
#   scripts/allocations.sh [gb18030] [--sites]
#
# The profile loop is built with line tables, in a target folder of its own. Needs valgrind; takes a
# minute once built.
set -euo pipefail

mode=""
sites=""
for arg in "$@"; do
    case "$arg" in
        gb18030) mode=gb18030 ;;
        --sites) sites=1 ;;
        *)
            sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2
            exit 2
            ;;
    esac
done
command -v valgrind >/dev/null || { echo "allocations.sh needs valgrind" >&2; exit 1; }
target=${CARGO_TARGET_DIR:-target}/line-tables
CARGO_PROFILE_RELEASE_DEBUG=line-tables-only \
    cargo build --quiet --release --example profile --target-dir "$target"
profile=$target/release/examples/profile
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Prints "blocks bytes" of a run of N rounds.
count() {
    N=$1 valgrind --tool=dhat --dhat-out-file="$out/$1.json" "$profile" $mode 2>&1 |
        awk '/Total:/ { gsub(",", ""); print $6, $3 }'
}
read -r one_blocks one_bytes < <(count 1)
read -r two_blocks two_bytes < <(count 2)
echo "$((two_blocks - one_blocks)) allocations, $((two_bytes - one_bytes)) bytes a round"

if [ -n "$sites" ]; then
    # Each allocation is put at the innermost frame in tian's own source; the corpus generator is left out.
    python3 - "$out/2.json" "$out/1.json" <<'EOF'
import collections, json, re, sys

def sites(path):
    d = json.load(open(path))
    frames = d["ftbl"]
    count = collections.Counter()
    for pp in d["pps"]:
        fs = [frames[i] for i in pp["fs"]]
        if any("tian_corpus" in f for f in fs):
            continue
        # DHAT names tian's files without their folder, dependencies' with theirs (`src/hir/mod.rs`).
        site = "elsewhere (regex, std, the loop)"
        for f in fs[1:]:
            m = re.search(r"\(([a-z_]+\.rs:\d+)\)", f)
            if m and not m.group(1).startswith("alloc.rs"):
                fn = next((g.group(1) for g in (re.search(r": (tian::[\w:]+)", g) for g in fs) if g), "")
                site = f"{m.group(1)} {fn}"
                break
        count[site] += pp["tbk"]
    return count

round_ = sites(sys.argv[1])
round_.subtract(sites(sys.argv[2]))
for site, n in round_.most_common(25):
    print(f"{n:8} {site}")
EOF
fi
