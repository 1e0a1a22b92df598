#!/usr/bin/env bash
# Compares two builds of the profile loop (examples/profile.rs) in alternating pairs, the way
# docs/performance.md says to judge a change to the library parse: the machine's speed swings within minutes, so
# each pair's ratio is taken between two runs seconds apart, the order alternating, and the median of
# the ratios is what counts. A change of a few percent needs a dozen pairs or more.
#
#   scripts/pairs.sh PAIRS OLD_PROFILE NEW_PROFILE [gb18030]
#   cp target/release/examples/profile /tmp/old-profile   # before the change; then rebuild
#   N=60 scripts/pairs.sh 14 /tmp/old-profile target/release/examples/profile
#
# Each run prints its best round; N (default 30) is the rounds a run. Prints each pair (old/new MB/s,
# best round of each run), then the median, lowest and highest ratio new/old and each build's median
# and best.
set -euo pipefail

if [ $# -lt 3 ]; then
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
fi
pairs=$1 old=$2 new=$3 mode=${4:-}
best() { "$1" $mode | awk '{ print $1 }'; }

rows=$(mktemp)
trap 'rm -f "$rows"' EXIT
for p in $(seq "$pairs"); do
    if [ $((p % 2)) = 1 ]; then
        a=$(best "$old")
        b=$(best "$new")
    else
        b=$(best "$new")
        a=$(best "$old")
    fi
    echo "$a $b" >>"$rows"
    printf '%s/%s ' "$a" "$b"
done
echo

median() {
    sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
ratios=$(awk '{ printf "%.4f\n", $2 / $1 }' "$rows")
printf 'median ratio new/old %.3f (lowest %.3f, highest %.3f)\n' "$(echo "$ratios" | median)" \
    "$(echo "$ratios" | sort -g | head -1)" "$(echo "$ratios" | sort -g | tail -1)"
printf 'old: median %.1f, best %.1f; new: median %.1f, best %.1f\n' \
    "$(cut -d' ' -f1 "$rows" | median)" "$(cut -d' ' -f1 "$rows" | sort -g | tail -1)" \
    "$(cut -d' ' -f2 "$rows" | median)" "$(cut -d' ' -f2 "$rows" | sort -g | tail -1)"
