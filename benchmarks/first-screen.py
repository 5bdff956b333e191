#!/usr/bin/env python3
"""Start-up to the first screen, interleaved: typebar builds side by side (and GNU Typist when installed).

    python3 benchmarks/first-screen.py [--starts 40] [--chat] [--pause-ms 0] BIN [BIN ...]

Each start runs the program on a new 100x30 pseudo-terminal and times it from its spawning to the output that completes
the first screen's marker: for `typebar practice --passage billing/charged-twice` the passage's first long word
(as benchmarks/pty-latency.py does); with --chat, also `typebar chat --seed 1`, to the intro's "Press Enter".
GNU Typist (`gtypist` on PATH) starts on the same text, as a speed test. The programs take turns, start after
start, in an order that flips each time, so a machine whose speed drifts charges every program alike; the figures
are the median and quartiles over the starts, and each median's ratio to GNU Typist's and to the first BIN's
typing screen. Compare builds of one commit linked differently, or a build before and after a change. With
--pause-ms, each start waits that long first, so it meets an idle machine as a person's start does. Python 3
standard library only.

Before the starts, each BIN is written back and dropped from the page cache, then started once untimed, so every
build is timed from the state of a binary started before, whatever way its file came into the cache (a file just
written sits in the cache in large folios the kernel may map 2 MB at a time, one read back from disk in smaller
ones: the same binary can start 1-2 ms apart from the two).
"""
import argparse
import importlib.util
import os
import shutil
import statistics
import sys
import tempfile
import textwrap
import time

# The pty plumbing is pty-latency.py's.
_spec = importlib.util.spec_from_file_location("pty_latency", os.path.join(os.path.dirname(__file__), "pty-latency.py"))
pty_latency = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pty_latency)


def first_screen(argv, env, marker):
    """Milliseconds from spawning to the byte that completes `marker`, or None when it never came."""
    pid, fd, started = pty_latency.spawn(argv, 100, 30, env)
    _, screen = pty_latency.wait_for_screen(fd, started, marker)
    pty_latency.stop(pid, fd)
    return screen


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("binaries", nargs="+", metavar="BIN", help="typebar binaries to compare")
    parser.add_argument("--starts", type=int, default=40, help="starts per program")
    parser.add_argument("--chat", action="store_true", help="the chat desk's intro instead of the typing screen")
    parser.add_argument("--pause-ms", type=float, default=0,
                        help="a pause before each start, so each meets an idle machine as a person's start does")
    options = parser.parse_args()

    scratch = tempfile.mkdtemp(prefix="first-screen-")
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8", COLUMNS="100", LINES="30",
               TYPEBAR_HISTORY=os.path.join(scratch, "history.jsonl"), HOME=scratch)
    env.pop("NO_COLOR", None)
    binaries = [os.path.abspath(binary) for binary in options.binaries]
    text = pty_latency.passage_text(binaries[0])
    word = next(word for word in text.split() if len(word) >= 5).encode()
    several = len(binaries) > 1
    programs = []
    for binary in binaries:
        label = binary if several else "typebar"
        programs.append((f"{label} practice", [binary, "practice", "--passage", pty_latency.PASSAGE], word))
        if options.chat:
            programs.append((f"{label} chat", [binary, "chat", "--seed", "1"], b"Press Enter"))
    gtypist = shutil.which("gtypist")
    if gtypist:
        lines = textwrap.wrap(text, width=72)
        script = os.path.join(scratch, "speed.typ")
        with open(script, "w") as out:
            out.write("S:" + lines[0] + "\n" + "".join(" :" + line + "\n" for line in lines[1:]))
        programs.append(("GNU Typist", [gtypist, "--silent", script], word))

    for binary in binaries:
        pty_latency.settle(binary)
    for _, argv, marker in programs:
        first_screen(argv, env, marker)
    times = {name: [] for name, _, _ in programs}
    for start in range(options.starts):
        for name, argv, marker in (programs if start % 2 == 0 else programs[::-1]):
            time.sleep(options.pause_ms / 1000)
            took = first_screen(argv, env, marker)
            if took is None:
                sys.exit(f"first-screen: {name} showed no first screen within 10 s")
            times[name].append(took)
        time.sleep(0.01)
    shutil.rmtree(scratch, ignore_errors=True)

    pause = f", {options.pause_ms:g} ms apart" if options.pause_ms else ""
    print(f"{options.starts} starts each, interleaved{pause}, 100x30; milliseconds from spawn to the first screen")
    width = max(len(name) for name in times)
    medians = {name: statistics.median(values) for name, values in times.items()}
    typing = medians[programs[0][0]]
    print(f"{'':{width}}  {'median':>8}  {'p25':>8}  {'p75':>8}  {'/ typing':>8}  {'/ GNU Typist':>12}")
    for name, values in times.items():
        quartiles = statistics.quantiles(values, n=4)
        against = f"{medians[name] / medians['GNU Typist']:12.2f}" if "GNU Typist" in medians else f"{'':12}"
        print(f"{name:{width}}  {medians[name]:8.2f}  {quartiles[0]:8.2f}  {quartiles[2]:8.2f}  "
              f"{medians[name] / typing:8.2f}  {against}")


if __name__ == "__main__":
    main()
