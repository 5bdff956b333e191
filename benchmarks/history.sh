#!/usr/bin/env bash
# History benchmark: `typebar stats` over 100,000 records (time and max RSS), and the cost of one append
# (1,000 appends, each locked, written and fsynced, by the history-stress helper, less a 1-append run).
#
#   benchmarks/history.sh
#
# Needs: swift, python3, hyperfine, GNU time (/usr/bin/time). The history is generated once into
# benchmarks/data/history-100k.jsonl (python3 benchmarks/make-history.py BIN --force to rewrite it).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
for tool in hyperfine python3 /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "history.sh: $tool is missing (apt-get install -y hyperfine time)" >&2; exit 2; }
done

echo "== building (release, Swift runtime linked statically: scripts/release-build.sh)"
bin="$(scripts/release-build.sh typebar history-stress)"

python3 benchmarks/make-history.py "$bin/typebar"
history=benchmarks/data/history-100k.jsonl
echo "== typebar stats, $(wc -l <"$history") records, $(du -m "$history" | cut -f1) MB"
hyperfine -N --warmup 2 --runs 20 "$bin/typebar stats --history $history"
for _ in 1 2 3; do /usr/bin/time -f "max RSS %M KB" "$bin/typebar" stats --history "$history" >/dev/null; done

echo "== appends"
target=$(mktemp -d)/history.jsonl
hyperfine -N --warmup 1 --runs 10 --prepare "rm -f $target" \
    "$bin/history-stress $target 1000 bench" "$bin/history-stress $target 1 bench"
echo "(per append: the difference of the two means, divided by 999)"

echo "== typebar report over the same 100,000 records as assessment attempts (300 candidates)"
assessed=benchmarks/data/assessments-100k.jsonl
out=$(mktemp -d)
for format in html csv; do
    hyperfine -N --warmup 1 --runs 5 "$bin/typebar report --format $format -o $out/report.$format $assessed"
done
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
for format in html csv; do
    /usr/bin/time -f "report --format $format: max RSS %M KB, user %U s, sys %S s, wall %e s" \
        "$bin/typebar" report --format "$format" -o "$out/report.$format" "$assessed"
done
ls -l "$out"
