#!/usr/bin/env python3
"""Instructions per keystroke on the typing screen, typebar beside GNU Typist, counted with callgrind.

    python3 benchmarks/key-instructions.py [--functions N] [BIN]   # default BIN: scripts/release-build.sh's build
    python3 benchmarks/key-instructions.py --chat template|desk [--functions N] [BIN]

callgrind counts instructions, which a busy machine does not change, so this is the figure to compare builds by
when timings are noisy. Each program runs under `valgrind --tool=callgrind` on a 100x30 pseudo-terminal twice:
once typing the first 20 characters of the passage billing/charged-twice and once the first 70 (all on its first
line, so GNU Typist needs no Return), one key every 30 ms. Counts stop at the last key (`callgrind_control
--dump`). Per key is the difference between the two runs over the 50 keys; "start" is the 20-key run less its 20
keys. GNU Typist (`gtypist` on PATH) gets the same text as a speed test. `--chat` runs the chat desk instead, on
80x24 as benchmarks/chat.sh does (its keys 80 ms apart; in desk mode after a search's reply is inserted), and the
typing screen on the same keys: customers' arrivals and the clock's seconds fall between the keys, so the desk's
figure moves by a few thousand from run to run. `--functions N` also lists typebar's N costliest functions a key
and to start, inclusive of what they call (callgrind_annotate on both runs; names demangled when `swift demangle`
is on PATH). Needs valgrind; Python 3 standard library only.
"""
import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time

# The pty plumbing is pty-latency.py's.
_spec = importlib.util.spec_from_file_location("pty_latency", os.path.join(os.path.dirname(__file__), "pty-latency.py"))
pty_latency = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pty_latency)

SHORT, LONG = 20, 70


def instructions(argv, keys, quit_keys, env, marker, out, size=(100, 30), before="", gap=0.03):
    """Runs argv under callgrind, sends `before` (a key a second), types `keys` `gap` seconds apart, sends
    `quit_keys`; returns the instructions counted up to the last key (a dump then: what leaving costs, such as the
    chat desk writing its shift's log, is not counted)."""
    for old in (out, out + ".1"):
        if os.path.exists(old):
            os.remove(old)
    pid, fd, started = pty_latency.spawn(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"] + argv, *size, env)
    _, screen = pty_latency.wait_for_screen(fd, started, marker, timeout=120)
    if screen is None:
        pty_latency.stop(pid, fd)
        sys.exit(f"key-instructions: {argv[0]} drew no screen under callgrind")
    pty_latency.drain(fd, 1.0)
    for key in before:
        os.write(fd, key.encode())
        pty_latency.drain(fd, 1.0)
    pty_latency.drain(fd, 3.0)
    for key in keys:
        os.write(fd, key.encode())
        pty_latency.drain(fd, gap)
    pty_latency.drain(fd, 1.0)
    subprocess.run(["callgrind_control", "--dump", str(pid)], check=True, capture_output=True)
    for key in quit_keys:
        os.write(fd, key.encode())
        pty_latency.drain(fd, 1.0)
    deadline = time.time() + 30
    while time.time() < deadline:
        pty_latency.drain(fd, 0.2)
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
    else:
        pty_latency.stop(pid, fd)  # SIGTERM: callgrind still writes its counts
    try:
        os.close(fd)
    except OSError:
        pass
    # The dump holds the counts up to the last key; the file at the end, those after it.
    os.replace(out + ".1", out)
    with open(out) as counts:
        for line in counts:
            if line.startswith("totals:"):
                return int(line.split()[1])
    sys.exit(f"key-instructions: no counts from {argv[0]}")


def inclusive(out):
    """Each function's instructions in a callgrind file, inclusive of its callees."""
    listing = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", "--show-percs=no", out],
                             check=True, capture_output=True, text=True).stdout
    costs = {}
    for line in listing.splitlines():
        parts = line.split(None, 1)
        if len(parts) == 2 and parts[0].replace(",", "").isdigit() and ":" in parts[1]:
            costs[parts[1].split(" [", 1)[0]] = int(parts[0].replace(",", ""))
    return costs


def print_functions(short_out, long_out, count):
    """The `count` costliest functions a key, then to start and leave (the short run less its keys)."""
    short, long = inclusive(short_out), inclusive(long_out)
    per_key = {name: (long[name] - short.get(name, 0)) / (LONG - SHORT) for name in long}
    start = {name: short[name] - SHORT * per_key.get(name, 0) for name in short}
    for title, costs in (("a key", per_key), ("to start", start)):
        rows = sorted(((cost, name) for name, cost in costs.items() if cost > 0), reverse=True)[:count]
        names = [name.split(":", 1)[1] for _, name in rows]
        if shutil.which("swift"):
            demangled = subprocess.run(["swift", "demangle", "--simplified", "--compact"], input="\n".join(names),
                                       capture_output=True, text=True).stdout.splitlines()
            if len(demangled) == len(names):
                names = demangled
        print(f"  typebar's costliest functions {title}, with what they call:")
        for (cost, _), name in zip(rows, names):
            print(f"  {cost:12,.0f}  {name[:110]}")


def main():
    if not shutil.which("valgrind"):
        sys.exit("key-instructions: valgrind is missing (apt-get install -y valgrind)")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("binary", nargs="?", metavar="BIN", help="the typebar binary (default: a release build)")
    parser.add_argument("--functions", type=int, default=0, metavar="N", help="list typebar's N costliest functions a key")
    parser.add_argument("--chat", choices=["template", "desk"],
                        help="the chat desk instead, as benchmarks/chat.sh drives it, beside the typing screen")
    options = parser.parse_args()
    if options.binary:
        binary = os.path.abspath(options.binary)
    else:
        folder = subprocess.run([os.path.join(root, "scripts", "release-build.sh")], check=True, capture_output=True, text=True).stdout
        binary = os.path.join(folder.strip(), "typebar")
    scratch = tempfile.mkdtemp(prefix="key-instructions-")
    # valgrind cannot read the DWARF the Swift toolchain writes; a copy without it keeps the symbols.
    copy = os.path.join(scratch, "typebar")
    subprocess.run(["strip", "--strip-debug", "-o", copy, binary], check=True)
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8", COLUMNS="100", LINES="30",
               TYPEBAR_HISTORY=os.path.join(scratch, "history.jsonl"), HOME=scratch)
    env.pop("NO_COLOR", None)
    text = pty_latency.passage_text(binary)
    marker = next(word for word in text.split() if len(word) >= 5).encode()
    first_line = textwrap.wrap(text, width=72)[0]
    if len(first_line) < LONG:
        sys.exit(f"key-instructions: the passage's first line is shorter than {LONG} characters")
    programs = [("typebar", [copy, "practice", "--passage", pty_latency.PASSAGE], ["\x1b"])]
    gtypist = shutil.which("gtypist")
    if gtypist:
        script = os.path.join(scratch, "speed.typ")
        with open(script, "w") as out:
            out.write("S:" + first_line + "\n")
        # Esc ends the speed test; q and Esc leave its menu.
        programs.append(("GNU Typist", [gtypist, "--silent", script], ["\x1b", "q", "\x1b"]))
    else:
        print("key-instructions: gtypist not found (apt-get install gtypist): measuring typebar alone", file=sys.stderr)
    # (name, argv, keys sent first, quit keys, screen marker, size, gap between keys)
    runs = [(name, argv, "", quit_keys, marker, (100, 30), 0.03) for name, argv, quit_keys in programs]
    keys = first_line
    if options.chat:
        # chat.sh's run: Enter leaves the intro; in desk mode / searches, "refund" narrows, Tab inserts the reply,
        # and the keys go into its first blank. Customers arrive, write and wait meanwhile, as they do there.
        keys = "Sorry about that, I can see the order was charged twice, so I have refunded the extra amount. "
        scenario = ["--scenario", "desk-busy-day", "--mode", "desk"] if options.chat == "desk" else ["--scenario", "monday-rush"]
        runs = [
            ("typebar chat", [copy, "chat", *scenario, "--seed", "1"], "\r/refund\t" if options.chat == "desk" else "\r",
             ["\x1b", "\x1b", "\x1b"], b"Press Enter", (80, 24), 0.08),
            ("typing screen", [copy, "practice", "--passage", pty_latency.PASSAGE], "", ["\x1b"], marker, (80, 24), 0.08),
        ]
        print(f"callgrind, {SHORT} and {LONG} keys 80 ms apart, 80x24: the chat desk ({options.chat} mode), then the typing screen")
    else:
        print(f"callgrind, {SHORT} and {LONG} keys of {pty_latency.PASSAGE} 30 ms apart, 100x30")
    for name, argv, before, quit_keys, screen, size, gap in runs:
        short_out, long_out = os.path.join(scratch, "short.out"), os.path.join(scratch, "long.out")
        short = instructions(argv, keys[:SHORT], quit_keys, env, screen, short_out, size, before, gap)
        long = instructions(argv, keys[:LONG], quit_keys, env, screen, long_out, size, before, gap)
        per_key = (long - short) / (LONG - SHORT)
        print(f"{name:14} {per_key:10,.0f} instructions a key {short - SHORT * per_key:14,.0f} to start and up to the last key")
        if name.startswith("typebar") and options.functions > 0:
            print_functions(short_out, long_out, options.functions)
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
