#!/usr/bin/env bash
# Scoring benchmark: times `typebar score --keys FILE --json` (release build, process start
# included) on the logs from benchmarks/make-logs.py and measures each run's max RSS.
#
#   benchmarks/run.sh            # all four logs
#   RUNS_1M=5 benchmarks/run.sh  # fewer timed runs for the 1M-event logs (default 10)
#
# Needs: swift, python3, hyperfine, GNU time (/usr/bin/time). Results go to benchmarks/data/.
# The logs are generated once; after changing make-logs.py, run it with --force.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
data=benchmarks/data
runs_1m="${RUNS_1M:-10}"

for tool in hyperfine python3 /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "run.sh: $tool is missing (apt-get install -y hyperfine time)" >&2; exit 2; }
done

echo "== building (release, Swift runtime linked statically: scripts/release-build.sh)"
bin="$(scripts/release-build.sh typebar)/typebar"

echo "== logs"
python3 benchmarks/make-logs.py

# Share of CPU time the hypervisor took (steal) since the snapshot in $1; prints a percentage.
cpu_snapshot() { head -n 1 /proc/stat; }
steal_since() {
    local before=($1) after=($(cpu_snapshot)) total=0 steal i
    for ((i = 1; i < ${#after[@]}; i++)); do total=$((total + after[i] - before[i])); done
    steal=$((after[8] - before[8]))
    echo $((total > 0 ? 100 * steal / total : 0))
}

logs=(clean-20k garbage-20k clean-1m garbage-1m)
for log in "${logs[@]}"; do
    file="$data/$log.jsonl"
    case "$log" in *-1m) runs=(--runs "$runs_1m") ;; *) runs=() ;; esac
    echo "== $log"
    snapshot=$(cpu_snapshot)
    # -i: exit status 1 (scored, below the bar) is a normal outcome for these logs.
    hyperfine -N -i --warmup 3 "${runs[@]}" \
        --command-name "$log" \
        --export-json "$data/score-$log.json" \
        --export-markdown "$data/score-$log.md" \
        "$bin score --keys $file --json"
    steal_since "$snapshot" >"$data/score-$log.steal"
    # Max RSS in KB over three runs.
    rss=0
    for _ in 1 2 3; do
        /usr/bin/time -f %M -o "$data/score-$log.rss.tmp" "$bin" score --keys "$file" --json >/dev/null 2>&1 || true
        kb=$(tail -n 1 "$data/score-$log.rss.tmp")
        if (( kb > rss )); then rss=$kb; fi
    done
    rm -f "$data/score-$log.rss.tmp"
    echo "$rss" >"$data/score-$log.rss"
done

echo
echo "== summary ($(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load average $(cut -d' ' -f1-3 /proc/loadavg))"
python3 - "$data" "${logs[@]}" <<'EOF'
import json, sys
data, logs = sys.argv[1], sys.argv[2:]
stats = {}
for log in logs:
    r = json.load(open(f"{data}/score-{log}.json"))["results"][0]
    rss = int(open(f"{data}/score-{log}.rss").read())
    steal = int(open(f"{data}/score-{log}.steal").read())
    stats[log] = (r["mean"] * 1000, r["stddev"] * 1000, rss / 1024, r["min"] * 1000,
                  (r["user"] + r["system"]) * 1000, steal)
print("| log | events | mean ± sd (ms) | min (ms) | user+sys (ms) | max RSS (MB) | steal |")
print("|---|---:|---:|---:|---:|---:|---:|")
for log in logs:
    mean, sd, mb, low, cpu, steal = stats[log]
    events = "20,000" if log.endswith("20k") else "1,000,000"
    print(f"| {log} | {events} | {mean:.1f} ± {sd:.1f} | {low:.1f} | {cpu:.1f} | {mb:.1f} | {steal}% |")
print()
def verdict(ok): return "met" if ok else "MISSED"
c20, c1m, g20, g1m = (stats.get(k) for k in ("clean-20k", "clean-1m", "garbage-20k", "garbage-1m"))
if c20:
    print(f"target 1: clean-20k < 50 ms: {c20[0]:.1f} ms, {verdict(c20[0] < 50)}")
for name, s in (("clean-1m", c1m), ("garbage-1m", g1m)):
    if s:
        print(f"target 2: {name} < 1000 ms and < 100 MB: {s[0]:.0f} ms, {s[2]:.1f} MB, {verdict(s[0] < 1000 and s[2] < 100)}")
for size, c, g in (("20k", c20, g20), ("1m", c1m, g1m)):
    if c and g:
        ratio = g[0] / c[0]
        print(f"target 3: garbage/clean at {size}: {ratio:.2f}, {verdict(ratio <= 2)}")
EOF
