#!/usr/bin/env python3
"""Many consecutive `typebar score --save` into one history, or into one store: does saving slow down as they fill?

    benchmarks/saves.py [--count 1000] [--store URL] [--tolerance 0.15] BINARY

Scores examples/the-cat-sat.jsonl and saves it --count times in a row, each a new typebar process, into a fresh
history file (or, with --store, into that store, which must be migrated; the local history is then only the
fallback and must stay empty). Just before each save the same log is scored without --save, the control: the same
process's work less the save, at the same moment. Per hundred saves it reports the median wall time and the median
CPU time (user and system, the typebar process's own) of a save and of its control, the median of each save's CPU
over its control's and, for the history, the bytes the file grew by. Checks, after the first hundred (start-up and
the file system's first allocations):
  - no hundred's median save-to-control ratio is more than --tolerance above the second hundred's. The host's
    speed drifts by half over a minute and slow spells last seconds; a save and its control meet the same host, so
    their ratio moves only when the save itself does more work. Wall time is reported, not checked;
  - every record adds the same bytes to the history, within 2 % (the file grows linearly);
  - every save succeeded, and the history (or the store) holds exactly --count results.
Prints one JSON object; exits 1 when a check fails.
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--store")
    parser.add_argument("--tolerance", type=float, default=0.15)
    parser.add_argument("binary")
    options = parser.parse_args()
    if options.count < 200 or options.count % 100:
        parser.error("--count must be a multiple of 100, at least 200 (hundreds are compared with the second)")

    work = tempfile.mkdtemp(prefix="typebar-saves.")
    history = os.path.join(work, "history.jsonl")
    log = os.path.join(ROOT, "examples", "the-cat-sat.jsonl")
    environment = dict(os.environ, HOME=work, XDG_CONFIG_HOME=os.path.join(work, "config"), TYPEBAR_HISTORY=history)
    for name in ("TYPEBAR_STORE", "TYPEBAR_SETTINGS", "TYPEBAR_KEY"):
        environment.pop(name, None)
    # The control scores the same log without keeping it; the save keeps it.
    control = [options.binary, "score", "--keys", log]
    command = control + ["--save"] + (["--store", options.store] if options.store else [])

    def children_cpu():
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    def timed(arguments):
        started, cpu_before = time.perf_counter(), children_cpu()
        run = subprocess.run(arguments, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        return run, time.perf_counter() - started, children_cpu() - cpu_before

    failures, times, cpus, control_cpus, ratios, sizes = [], [], [], [], [], []
    for number in range(options.count):
        checked, _, control_cpu = timed(control)
        run, wall, cpu = timed(command)
        times.append(wall)
        cpus.append(cpu)
        control_cpus.append(control_cpu)
        ratios.append(cpu / max(control_cpu, 1e-6))
        # 1 is a result below the bar (the example's is); 2 an error.
        for what, done in (("save", run), ("control (no --save)", checked)):
            if done.returncode not in (0, 1) or "marked unsent" in done.stderr:
                failures.append(f"{what} {number + 1}: status {done.returncode}: {done.stderr.strip()[:300]}")
        if failures:
            break
        sizes.append(os.path.getsize(history) if os.path.exists(history) else 0)

    hundreds = []
    for start in range(0, len(times) - len(times) % 100, 100):
        within = slice(start, start + 100)
        hundred = {"saves": f"{start + 1}-{start + 100}",
                   "median_ms": round(statistics.median(times[within]) * 1000, 2),
                   "cpu_ms": round(statistics.median(cpus[within]) * 1000, 2),
                   "control_cpu_ms": round(statistics.median(control_cpus[within]) * 1000, 2),
                   "save_to_control": round(statistics.median(ratios[within]), 3)}
        if not options.store:
            before = sizes[start - 1] if start else 0
            hundred["bytes_per_record"] = round((sizes[start + 99] - before) / 100, 1)
        hundreds.append(hundred)

    if not failures:
        if len(hundreds) >= 2:
            # CPU a save costs over its control's: what grows if saving does more work as the history fills, and
            # not what the host's speed or other work on the machine does to both.
            second = hundreds[1]["save_to_control"]
            for hundred in hundreds[2:]:
                if hundred["save_to_control"] > second * (1 + options.tolerance):
                    failures.append(f"saves {hundred['saves']} took {hundred['save_to_control']} times their controls' CPU"
                                    f" ({hundred['cpu_ms']} against {hundred['control_cpu_ms']} ms), the second hundred {second} times")
        if options.store:
            if os.path.exists(history) and os.path.getsize(history) > 0:
                failures.append("results went to the local history instead of the store")
            status = subprocess.run([options.binary, "store", "status", "--store", options.store], env=environment,
                                    capture_output=True, text=True)
            held = [line for line in status.stdout.splitlines() if line.startswith("results: ")]
            if held != [f"results: {options.count}"]:
                failures.append(f"the store holds {held or status.stderr.strip()}, not results: {options.count}")
        else:
            first = hundreds[0]["bytes_per_record"]
            for hundred in hundreds[1:]:
                if abs(hundred["bytes_per_record"] - first) > first * 0.02:
                    failures.append(f"saves {hundred['saves']} added {hundred['bytes_per_record']} bytes a record, the first hundred {first}")
            with open(history) as file:
                lines = sum(1 for _ in file)
            if lines != options.count:
                failures.append(f"the history holds {lines} lines, not {options.count}")

    print(json.dumps({
        "binary": options.binary, "into": "store" if options.store else "history", "count": options.count,
        "total_s": round(sum(times), 2), "history_bytes": sizes[-1] if sizes else 0,
        "hundreds": hundreds, "failures": failures,
    }))
    subprocess.run(["rm", "-rf", work])
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
