#!/usr/bin/env python3
"""Writes benchmarks/data/history-100k.jsonl: 100,000 history records shaped like real ones.

The template is a real record: typebar scores and saves examples/charged-twice-practice.jsonl into a scratch
history first (pass the typebar binary). Each generated record varies the id, time, mode, figures, per-key table
and timeline: four in five are practice sessions (30-90 s), one in five timed tests (1-5 minutes, so timelines of
60-300 seconds), over 400 days.

    python3 benchmarks/make-history.py BIN [--count N] [--force]

Then also writes benchmarks/data/assessments-100k.jsonl, if missing: the same records as chat-40 attempts of 300
candidates, for the report benchmarks (benchmarks/history.sh, benchmarks/store.sh).
"""
import json, os, random, subprocess, sys, tempfile

args = sys.argv[1:]
if not args:
    sys.exit(__doc__)
binary = args[0]
count = int(args[args.index("--count") + 1]) if "--count" in args else 100_000
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out = os.path.join(root, "benchmarks", "data", f"history-{count // 1000}k.jsonl")
assessed = os.path.join(root, "benchmarks", "data", f"assessments-{count // 1000}k.jsonl")


def write_assessments():
    """The records as assessment attempts: chat-40, 300 candidates, one attempt each."""
    if os.path.exists(assessed) and "--force" not in args:
        return
    with open(out) as lines, open(assessed, "w") as target:
        for number, line in enumerate(lines):
            record = json.loads(line)
            record.update(mode="assessment", candidate=f"Candidate {number % 300:03d}", assessment="chat-40",
                          config_sha256="0" * 64, attempt=1, attempts=1, max_errors=None, backspace=True)
            target.write(json.dumps(record, separators=(",", ":"), ensure_ascii=False) + "\n")
    print(f"wrote {assessed}")


if os.path.exists(out) and "--force" not in args:
    print(f"{out} exists (--force to rewrite)")
    write_assessments()
    sys.exit(0)
os.makedirs(os.path.dirname(out), exist_ok=True)

with tempfile.TemporaryDirectory() as scratch:
    history = os.path.join(scratch, "history.jsonl")
    subprocess.run([binary, "score", "--keys", os.path.join(root, "examples", "charged-twice-practice.jsonl"),
                    "--save", "--history", history], check=False, capture_output=True)
    template = json.loads(open(history).readline())

rng = random.Random(7)
start = 1_760_000_000
with open(out, "w") as f:
    for i in range(count):
        r = dict(template)
        t = start + i * (400 * 86400 / count) + rng.random() * 60
        net = max(5.0, 25 + 30 * i / count + rng.gauss(0, 6))
        r["id"] = f"bench-{i:07d}"
        r["time"] = __import__("time").strftime("%Y-%m-%dT%H:%M:%S", __import__("time").gmtime(t)) + f".{int(t * 1000) % 1000:03d}Z"
        test = rng.random() < 0.2
        r["mode"] = "test" if test else "practice"
        r["time_limit"] = rng.choice([60, 120, 180, 300]) if test else None
        seconds = r["time_limit"] if test else rng.randint(30, 90)
        r["elapsed_seconds"] = seconds
        r["net_wpm"] = round(net, 6)
        r["gross_wpm"] = round(net + rng.random() * 4, 6)
        r["accuracy"] = round(min(100, 90 + rng.random() * 10), 6)
        r["keys"] = [[k[0], k[1] + rng.randint(0, 3), rng.randint(0, 1), round(120 + rng.random() * 200, 1)] for k in template["keys"]]
        r["timeline"] = [round(net + rng.gauss(0, 5), 1) for _ in range(seconds)]
        f.write(json.dumps(r, separators=(",", ":")) + "\n")
print(f"wrote {out} ({os.path.getsize(out) / 1e6:.0f} MB, {count} records)")
write_assessments()
