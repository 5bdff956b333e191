#!/usr/bin/env python3
"""Writes benchmarks/data/assessments-100k.jsonl: the records of benchmarks/data/history-100k.jsonl taken again as
assessment attempts of 300 candidates on one assessment, for timing `typebar report`.

    python3 benchmarks/make-assessments.py [--force]
"""
import json, os, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
source = os.path.join(root, "benchmarks", "data", "history-100k.jsonl")
target = os.path.join(root, "benchmarks", "data", "assessments-100k.jsonl")
if os.path.exists(target) and "--force" not in sys.argv[1:]:
    print(f"{target} exists (--force to rewrite)")
    sys.exit(0)
if not os.path.exists(source):
    sys.exit(f"{source} is missing: run python3 benchmarks/make-history.py BIN first")
with open(source) as lines, open(target, "w") as out:
    for number, line in enumerate(lines):
        record = json.loads(line)
        record.update(mode="assessment", candidate=f"Candidate {number % 300:03d}", assessment="chat-40",
                      config_sha256="0" * 64, attempt=1, attempts=1, max_errors=None, backspace=True)
        out.write(json.dumps(record, separators=(",", ":"), ensure_ascii=False) + "\n")
print(f"wrote {target}")
