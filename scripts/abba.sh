#!/usr/bin/env bash
# Compares two builds of tian on one corpus, run in groups A B B A, the way docs/performance.md
# says to measure: this machine's speed drifts within an hour, and a group's ratio is taken between
# runs minutes apart, with the drift cancelled by the order.
#
#   scripts/abba.sh GROUPS OLD_TIAN NEW_TIAN CORPUS [convert options...]
#   TMPDIR=/dev/shm scripts/abba.sh 4 /tmp/old-tian target/release/tian /tmp/corpus --jobs 2
#
# Each run converts CORPUS into a new folder under $TMPDIR. Prints, for each build, the median and the
# range of the wall time, the median user time and the range of the peak memory; then B/A of the wall
# time for each group. Trust a change that wins in every group.
set -euo pipefail

if [ $# -lt 4 ]; then
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
fi
groups=$1 a=$2 b=$3 corpus=$4
shift 4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for g in $(seq "$groups"); do
    for which in A B B A; do
        bin=$a
        [ "$which" = B ] && bin=$b
        rm -rf "$work/out"
        /usr/bin/time -a -o "$work/times" -f "$g $which %e %U %M" \
            "$bin" convert "$corpus" --out "$work/out" --quiet "$@" >/dev/null
    done
done

awk -v a="$a" -v b="$b" '
    function median(v, n,    i, j, t) {
        for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j-1] > v[j]; j--) { t = v[j]; v[j] = v[j-1]; v[j-1] = t }
        return n % 2 ? v[(n+1)/2] : (v[n/2] + v[n/2+1]) / 2
    }
    {
        k = $2; n[k]++
        wall[k, n[k]] = $3; user[k, n[k]] = $4
        if (!(k in lo) || $5 < lo[k]) lo[k] = $5
        if ($5 > hi[k]) hi[k] = $5
        sum[$1, k] += $3
    }
    END {
        for (k = 1; k <= 2; k++) {
            key = k == 1 ? "A" : "B"
            delete w; delete u
            for (i = 1; i <= n[key]; i++) { w[i] = wall[key, i]; u[i] = user[key, i] }
            mid = median(w, n[key])  # sorts w: its ends are the range
            printf "%s %s: wall %.2f s median (%.2f-%.2f), user %.2f s median, peak %d-%d MB\n", key, (k == 1 ? a : b), mid, w[1], w[n[key]], median(u, n[key]), lo[key] / 1024, hi[key] / 1024
        }
        printf "B/A of the wall time, by group:"
        for (g = 1; (g, "A") in sum; g++) printf " %.3f", sum[g, "B"] / sum[g, "A"]
        printf "\n"
    }' "$work/times"
