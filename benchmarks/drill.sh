#!/usr/bin/env bash
# Drill benchmark: `typebar drill --print --json` over a history of 100,000 records (release build, process start
# included), the latest 50 of them with a saved keystroke log, so the 20 logs the drill reads are all there; then
# over a history of 300 chat shifts kept with `typebar score --save`, whose latest 20 the drill replays.
#
#   benchmarks/drill.sh
#
# Needs: swift, python3, hyperfine, GNU time (/usr/bin/time). Uses benchmarks/data/history-100k.jsonl from
# benchmarks/make-history.py (written once) and builds benchmarks/data/drill/ from it.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scratch=.build-bench
for tool in hyperfine python3 /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "drill.sh: $tool is missing (apt-get install -y hyperfine time)" >&2; exit 2; }
done

echo "== building (release, --scratch-path $scratch)"
swift build -c release --scratch-path "$scratch" --product typebar
bin="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/typebar"

python3 benchmarks/make-history.py "$bin"
folder=benchmarks/data/drill
history=$folder/history.jsonl
if [ ! -f "$history" ]; then
    rm -rf "$folder"
    mkdir -p "$folder"
    # One real saved session: its log goes into sessions/, and the latest 50 records point at copies of it.
    "$bin" score --keys examples/charged-twice-practice.jsonl --save --history "$folder/template.jsonl" >/dev/null 2>&1 || true
    python3 - benchmarks/data/history-100k.jsonl "$folder" <<'PY'
import json, os, shutil, sys
source, folder = sys.argv[1], sys.argv[2]
template = json.loads(open(os.path.join(folder, "template.jsonl")).readline())
log = os.path.join(folder, template["log"])
lines = open(source).read().splitlines()
with open(os.path.join(folder, "history.jsonl"), "w") as out:
    for number, line in enumerate(lines):
        if number >= len(lines) - 50:
            record = json.loads(line)
            record["log"] = f"sessions/bench-{number}.jsonl"
            record.pop("log_sha256", None)
            shutil.copy(log, os.path.join(folder, record["log"]))
            line = json.dumps(record, separators=(",", ":"), ensure_ascii=False)
        out.write(line + "\n")
PY
fi
echo "== typebar drill --print --json, $(wc -l <"$history") records, $(du -m "$history" | cut -f1) MB"
hyperfine -N --warmup 2 --runs 20 "$bin drill --print --json --seed 7 --history $history"
for _ in 1 2 3; do /usr/bin/time -f "max RSS %M KB" "$bin" drill --print --json --seed 7 --history "$history" >/dev/null; done
"$bin" drill --print --json --seed 7 --history "$history" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("focus", d["focus"], "history", d["history"])'

# 300 scripted shifts of monday-rush (guided, seed 3): every reply typed 150 ms a key into its chat, about 1,000
# events a log, kept as a played shift is.
chats=benchmarks/data/drill-chat
if [ ! -f "$chats/history.jsonl" ]; then
    rm -rf "$chats"
    mkdir -p "$chats"
    "$bin" chat --check monday-rush --seed 3 --json | python3 -c '
import json, sys
scenario = json.load(sys.stdin)
lines = [json.dumps({"format": "typebar-keystrokes", "version": 1, "mode": "chat", "chat_scenario": "monday-rush",
                     "chat_mode": "guided", "chat_seed": "3"})]
t = 1000
for number, customer in enumerate(scenario["customers"]):
    t = max(t, customer["arrival_seconds"] * 1000 + 500)
    for turn in customer["turns"]:
        lines.append(json.dumps({"t": t, "chat": "select", "to": number % scenario["chats"] + 1}))
        for character in turn["reply"]:
            t += 150
            lines.append(json.dumps({"t": t, "ch": character}))
        t += 150
        lines.append(json.dumps({"t": t, "chat": "send"}))
        t += (turn.get("delay_seconds") or 0) * 1000
print("\n".join(lines))
' >"$chats/shift.jsonl"
    for _ in $(seq 300); do "$bin" score --keys "$chats/shift.jsonl" --save --history "$chats/history.jsonl" >/dev/null 2>&1 || true; done
fi
echo "== typebar drill --print --json, $(wc -l <"$chats/history.jsonl") chat shifts of $(wc -l <"$chats/shift.jsonl") log lines"
hyperfine -N --warmup 2 --runs 20 "$bin drill --print --json --seed 7 --history $chats/history.jsonl"
"$bin" drill --print --json --seed 7 --history "$chats/history.jsonl" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("focus", d["focus"], "history", d["history"])'
