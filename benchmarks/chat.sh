#!/usr/bin/env bash
# Chat-desk screen benchmark: keystroke-to-screen latency, CPU per key and idle CPU through a real pty
# (benchmarks/chat-pty.py), for `typebar chat` and, alternating with it in the same run, the typing screen
# (`typebar practice`), so the two are compared under the same load.
#
#   benchmarks/chat.sh          # 3 rounds
#   ROUNDS=5 benchmarks/chat.sh
#   MODE=desk benchmarks/chat.sh   # the help desk: a knowledge-base search, a reply inserted and typed on
#
# Needs: swift, python3 (Linux: it reads /proc). Prints one JSON line per run.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scratch=.build-bench
rounds="${ROUNDS:-3}"

echo "== building (release, --scratch-path $scratch)" >&2
swift build -c release --scratch-path "$scratch" --product typebar >&2
bin="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/typebar"

keys="Sorry about that, I can see the order was charged twice, so I have refunded the extra amount. "
for round in $(seq "$rounds"); do
    echo "== round $round" >&2
    # The chat desk: Enter leaves the intro; 10 s idle while four customers arrive, wait and write; then 96 keys.
    if [ "${MODE:-template}" = desk ]; then
        # The help desk on its busiest scenario: / opens the search, "refund" narrows it, Tab inserts the reply
        # chosen, then the same 96 keys as below typed on after it.
        python3 benchmarks/chat-pty.py --keys "/refund	$keys" --idle-s 10 -- "$bin" chat --scenario desk-busy-day --mode desk --seed 1
    else
        python3 benchmarks/chat-pty.py --keys "$keys" --idle-s 10 -- "$bin" chat --scenario monday-rush --seed 1
    fi
    # The typing screen on the same keys: its first key starts the clock, so the idle figure includes its
    # once-a-second redraw, like the chat desk's.
    python3 benchmarks/chat-pty.py --start "S" --keys "$keys" --idle-s 10 -- "$bin" practice --passage billing/charged-twice
done
