#!/usr/bin/env bash
# Counts the instructions of one round of the library parse over the 4 MB corpus of the benchmarks,
# under callgrind: the measure docs/performance.md gives for changes too small for this machine's
# clock. Only `tian::parse` is counted, SHA-256 with it (in software: valgrind lacks the SHA
# instructions, so it weighs more than on the clock). Two runs, of four rounds and of two, are
# differenced, which leaves out what happens once (compiling the regexes).
#
#   scripts/instructions.sh [gb18030]
#   git worktree add /tmp/old HEAD~1 && (cd /tmp/old && scripts/instructions.sh)   # the code before
#
# Measures the tree it is run from. Needs valgrind; takes half a minute once built.
set -euo pipefail

mode=${1:-}
case "$mode" in
    "" | gb18030) ;;
    *)
        sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2
        exit 2
        ;;
esac
command -v valgrind >/dev/null || { echo "instructions.sh needs valgrind" >&2; exit 1; }
cargo build --quiet --release --example profile
profile=${CARGO_TARGET_DIR:-target}/release/examples/profile

count() {
    N=$1 valgrind --tool=callgrind --callgrind-out-file=/dev/null --toggle-collect='tian::parse' \
        "$profile" $mode 2>&1 | awk '/Collected/ { print $4 }'
}
two=$(count 2)
four=$(count 4)
echo "$(( (four - two) / 2 )) instructions a round"
