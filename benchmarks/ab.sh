#!/usr/bin/env bash
# Same-hour A/B: another revision of typebar against this tree, on the same data, in the same run.
#
#   benchmarks/ab.sh REV            # e.g. main, or a commit; ROUNDS=3 (default) rounds of hyperfine
#   benchmarks/ab.sh FOLDER         # another checkout, as it is (its .build-release is reused)
#   CALLGRIND=0 benchmarks/ab.sh REV  # wall and CPU time only, no instruction counts
#
# Builds REV (checked out into a temporary git worktree) and this tree with scripts/release-build.sh, each in its
# own .build-release, so both are the static release build that is installed. Then, for scoring (the four logs of
# benchmarks/make-logs.py), `typebar stats` over benchmarks/data/history-100k.jsonl and `typebar report` (html,
# csv) over benchmarks/data/assessments-100k.jsonl, it runs ROUNDS rounds of hyperfine, each timing both builds
# with the order flipped every round, so a change in the machine's load falls on both. Last, unless CALLGRIND=0,
# valgrind's callgrind counts each build's instructions on the smaller inputs: a count the load cannot change.
#
# Needs: git, swift, python3, hyperfine, valgrind, strip. Results: benchmarks/data/ab-*.json and a table on stdout.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
[ $# -eq 1 ] || { sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
rev=$1
rounds="${ROUNDS:-3}"
data=benchmarks/data
for tool in git hyperfine python3; do
    command -v "$tool" >/dev/null || { echo "ab.sh: $tool is missing (apt-get install -y hyperfine)" >&2; exit 2; }
done
[ "${CALLGRIND:-1}" = 0 ] || command -v valgrind >/dev/null || { echo "ab.sh: valgrind is missing (or CALLGRIND=0)" >&2; exit 2; }

if [ -d "$rev" ]; then
    other=$(cd "$rev" && pwd)
    rev=$(git -C "$other" rev-parse --short HEAD)
else
    other=$(mktemp -d)/typebar-ab
    git worktree add --detach "$other" "$rev" >/dev/null
    trap 'git worktree remove --force "$other"' EXIT
fi
echo "== building $rev ($(git -C "$other" rev-parse --short HEAD)) and this tree ($(git rev-parse --short HEAD))" >&2
a="$("$other/scripts/release-build.sh" typebar)/typebar"
b="$(scripts/release-build.sh typebar)/typebar"

python3 benchmarks/make-logs.py >&2
python3 benchmarks/make-history.py "$b" >&2
python3 benchmarks/make-assessments.py >&2
out=$(mktemp -d)

# name|arguments, run by both builds.
cases=(
    "score clean-20k|score --keys $data/clean-20k.jsonl --json"
    "score garbage-20k|score --keys $data/garbage-20k.jsonl --json"
    "score clean-1m|score --keys $data/clean-1m.jsonl --json"
    "score garbage-1m|score --keys $data/garbage-1m.jsonl --json"
    "stats 100k|stats --history $data/history-100k.jsonl"
    "report html 100k|report --format html -o $out/report.html $data/assessments-100k.jsonl"
    "report csv 100k|report --format csv -o $out/report.csv $data/assessments-100k.jsonl"
)
for entry in "${cases[@]}"; do
    name=${entry%%|*}
    arguments=${entry#*|}
    runs=10
    case "$name" in *1m | report*) runs=5 ;; esac
    for ((round = 1; round <= rounds; round++)); do
        first=("$a $arguments" "$b $arguments")
        names=(--command-name "$rev" --command-name "this tree")
        if ((round % 2 == 0)); then
            first=("$b $arguments" "$a $arguments")
            names=(--command-name "this tree" --command-name "$rev")
        fi
        hyperfine -N -i --warmup 1 --runs "$runs" "${names[@]}" --export-json "$data/ab-${name// /-}-$round.json" \
            "${first[@]}" >/dev/null
    done
    echo "== $name: $rounds rounds done" >&2
done

echo "== $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$data" "$rev" "$rounds" "${cases[@]%%|*}" <<'EOF'
import json, sys
data, rev, rounds, names = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
print(f"| what | {rev}: mean (ms) | this tree: mean (ms) | {rev}: CPU (ms) | this tree: CPU (ms) | this / {rev} (CPU) |")
print("|---|---:|---:|---:|---:|---:|")
for name in names:
    totals = {}
    for round in range(1, rounds + 1):
        for result in json.load(open(f"{data}/ab-{name.replace(' ', '-')}-{round}.json"))["results"]:
            mean, cpu = totals.get(result["command"], (0.0, 0.0))
            totals[result["command"]] = (mean + result["mean"] * 1000 / rounds, cpu + (result["user"] + result["system"]) * 1000 / rounds)
    (a_mean, a_cpu), (b_mean, b_cpu) = totals[rev], totals["this tree"]
    print(f"| {name} | {a_mean:.1f} | {b_mean:.1f} | {a_cpu:.1f} | {b_cpu:.1f} | {b_cpu / a_cpu:.2f} |")
EOF

[ "${CALLGRIND:-1}" = 0 ] && exit 0
# Instruction counts, on copies without debug information (valgrind cannot read the release build's), over the
# first 20,000 records so each run takes seconds.
head -n 20000 "$data/assessments-100k.jsonl" >"$out/assessments-20k.jsonl"
head -n 20000 "$data/history-100k.jsonl" >"$out/history-20k.jsonl"
strip --strip-debug -o "$out/typebar-a" "$a"
strip --strip-debug -o "$out/typebar-b" "$b"
a="$out/typebar-a"
b="$out/typebar-b"
count() {
    { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null || true; } | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
echo
echo "| instructions (callgrind) | $rev | this tree | this / $rev |"
echo "|---|---:|---:|---:|"
for entry in "score clean-20k|score --keys $data/clean-20k.jsonl --json" "score garbage-20k|score --keys $data/garbage-20k.jsonl --json" \
    "stats 20k|stats --history $out/history-20k.jsonl" "report html 20k|report --format html -o $out/r.html $out/assessments-20k.jsonl" \
    "report csv 20k|report --format csv -o $out/r.csv $out/assessments-20k.jsonl"; do
    name=${entry%%|*}
    read -ra arguments <<<"${entry#*|}"
    ia=$(count "$a" "${arguments[@]}")
    ib=$(count "$b" "${arguments[@]}")
    echo "| $name | $ia | $ib | $(python3 -c "print(f'{$ib / $ia:.3f}')") |"
done
