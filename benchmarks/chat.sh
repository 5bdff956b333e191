#!/usr/bin/env bash
# Chat-desk screen benchmark: keystroke-to-screen latency, CPU per key and idle CPU through a real pty
# (benchmarks/chat-pty.py), for `typebar chat` and, in turns with it in the same run, the typing screen
# (`typebar practice`), so the two are compared under the same load. The binary is the release build
# (scripts/release-build.sh), or BIN, e.g. the one a .deb installs. Each round runs both screens, in an order that flips every round; the last line gives
# the medians over the rounds and the chat desk's ratio to the typing screen.
#
#   benchmarks/chat.sh          # 5 rounds
#   ROUNDS=3 benchmarks/chat.sh
#   BIN=/usr/bin/typebar benchmarks/chat.sh
#   MODE=desk benchmarks/chat.sh   # the help desk: a knowledge-base search, a reply inserted and typed on
#   BASE=/tmp/typebar-old benchmarks/chat.sh   # another build's chat desk too, in the same rounds, to compare builds
#
# Needs: swift, python3 (Linux: it reads /proc). Prints one JSON line per run, then the medians.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
rounds="${ROUNDS:-5}"

if [ -n "${BIN:-}" ]; then
    bin="$BIN"
else
    echo "== building (release, as installed: scripts/release-build.sh)" >&2
    bin="$(scripts/release-build.sh typebar)/typebar"
fi
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs" >&2

keys="Sorry about that, I can see the order was charged twice, so I have refunded the extra amount. "
runs="$(mktemp)"
trap 'rm -f "$runs"' EXIT
# The chat desk: Enter leaves the intro; 10 s idle while four customers arrive, wait and write; then 96 keys. With
# MODE=desk, the help desk on its busiest scenario: / opens the search, "refund" narrows it, Tab inserts the reply
# chosen, then the same 96 keys typed on after it.
chat() {
    local program="${1:-$bin}"
    if [ "${MODE:-template}" = desk ]; then
        python3 benchmarks/chat-pty.py --keys "/refund	$keys" --idle-s 10 -- "$program" chat --scenario desk-busy-day --mode desk --seed 1
    else
        python3 benchmarks/chat-pty.py --keys "$keys" --idle-s 10 -- "$program" chat --scenario monday-rush --seed 1
    fi
}
# With BASE, the other build's chat desk runs in every round too, first in odd rounds and last in even ones.
base() { if [ -n "${BASE:-}" ]; then chat "$BASE"; fi; }
# The typing screen on the same keys: its first key starts the clock, so the idle figure includes its once-a-second
# redraw, like the chat desk's.
typing() { python3 benchmarks/chat-pty.py --start "S" --keys "$keys" --idle-s 10 -- "$bin" practice --passage billing/charged-twice; }
for round in $(seq "$rounds"); do
    echo "== round $round" >&2
    if [ $((round % 2)) = 1 ]; then base; chat; typing; else typing; chat; base; fi | tee -a "$runs"
done
python3 - "$runs" "$bin" <<'SUMMARY'
import json, statistics, sys
runs = [json.loads(line) for line in open(sys.argv[1])]
figures = ["first_screen_ms", "key_to_screen_p50_ms", "key_to_screen_p99_ms", "cpu_per_key_ms", "cpu_per_frame_ms", "frames_per_key", "idle_cpu_percent", "bytes_per_key"]
medians = {}
binary = sys.argv[2]
for screen in ("chat", "practice", "base"):
    if screen == "base":
        chosen = [run for run in runs if run["command"].split()[1] == "chat" and run["command"].split()[0] != binary]
    else:
        chosen = [run for run in runs if run["command"].split()[1] == screen and run["command"].split()[0] == binary]
    if chosen:
        medians[screen] = {figure: statistics.median(run[figure] for run in chosen) for figure in figures}
print(f"medians over {sum(run['command'].split()[1] == 'practice' for run in runs)} rounds   " + "  ".join(f"{figure:>20}" for figure in figures))
for screen, values in medians.items():
    print(f"{screen:26}" + "  ".join(f"{values[figure]:20.3f}" for figure in figures))
print(f"{'chat / typing':26}" + "  ".join(f"{medians['chat'][f] / medians['practice'][f]:20.2f}" for f in figures))
if "base" in medians:
    print(f"{'base chat / typing':26}" + "  ".join(f"{medians['base'][f] / medians['practice'][f]:20.2f}" for f in figures))
SUMMARY
