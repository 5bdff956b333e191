#!/usr/bin/env python3
"""Typing-screen benchmark: typebar against GNU Typist through a real pseudo-terminal, in the same run.

    python3 benchmarks/pty-latency.py --typebar BIN [--rounds 3] [--starts 10] [--pause-ms 0] [--keys 150] [--gap-ms 40]
                                      [--idle-s 3] [--cols 100] [--rows 30] [--json FILE] [--extra=ARG ...]

Both programs get the same text (the built-in passage billing/charged-twice, as `typebar passages show` prints
it; GNU Typist reads it as a speed test from a script file written to a temporary folder), the same terminal
size and the same keys at the same pace. Each round runs typebar and then GNU Typist (the order flips every
round, so neither always runs on a warmer machine), and the figures are the medians over the rounds. Before the
rounds typebar's binary is written back and dropped from the page cache, then started once untimed, as
first-screen.py does: an installed binary is read from disk, and one just copied or built sits in the cache in
the large folios its writing left, which start differently (here 1.21x GNU Typist's first screen against 1.04x).

  first byte      from spawning the program to its first byte of output;
  first screen    from spawning it to the first screen that shows the text (its first long word has been written);
  key p50/p99     from writing a key to the first byte of output that answers it;
  CPU per key     the child's CPU time (every thread's /proc/PID/task/TID/schedstat) over the keys, per key;
  idle CPU        the child's CPU over --idle-s seconds with nobody typing, as a share of one core. For
                  typebar this is taken during a timed test's countdown (`typebar test`), whose clock redraws
                  once a second; for GNU Typist after the keys, in its speed test.

`--extra=ARG` (repeatable) adds an argument to typebar's practice command, e.g. `--extra=--pace --extra=40`.
`--pause-ms N` waits N ms before each start-up: back to back, each start finds the processor busy and its caches
holding the program's last start, which favours a small program; a person's start finds the machine idle.

The ratio column is typebar / GNU Typist: a machine's absolute figures move with its load, the ratios much
less. Without gtypist on PATH (apt-get install gtypist), typebar is measured alone. Python 3 standard library
only.
"""
import argparse
import json
import os
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import fcntl
import time
import textwrap

PASSAGE = "billing/charged-twice"


def spawn(argv, cols, rows, env):
    """Starts argv on a new pty of the given size; returns (pid, master fd, start time).

    posix_spawn, not fork: Python's fork copies the page tables of this process and its child then takes a fault for
    each page it writes before exec, some 300, which added about 2.4 ms of the harness's own, varying from start to
    start, to every program's first screen."""
    master, slave = os.openpty()
    fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    terminal = os.ttyname(slave)
    started = time.perf_counter()
    # The child starts a session of its own and opens the terminal as fd 0 (its controlling terminal, as a session
    # leader's first terminal becomes), then 1 and 2 on it; the pty's own descriptors close at exec.
    pid = os.posix_spawnp(argv[0], argv, env, setsid=True, file_actions=[
        (os.POSIX_SPAWN_OPEN, 0, terminal, os.O_RDWR, 0),
        (os.POSIX_SPAWN_DUP2, 0, 1),
        (os.POSIX_SPAWN_DUP2, 0, 2),
    ])
    os.close(slave)
    return pid, master, started


def settle(path):
    """Writes `path` back to disk and drops it from the page cache, so its next start reads it in by page faults."""
    os.sync()
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(descriptor)


def stop(pid, fd):
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            break
        deadline = time.perf_counter() + 0.5
        while time.perf_counter() < deadline:
            drain(fd, 0.02)
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                os.close(fd)
                return
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    os.close(fd)


def drain(fd, seconds):
    """Reads whatever arrives for `seconds`, so the program never blocks on a full pty; returns the bytes."""
    data = b""
    end = time.perf_counter() + seconds
    while True:
        left = end - time.perf_counter()
        if left <= 0:
            return data
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            return data
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return data
        if not chunk:
            return data
        data += chunk


def cpu_seconds(pid):
    """CPU time of every thread of pid, in seconds, from the scheduler's nanosecond counters."""
    total = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{tid}/schedstat") as counters:
            total += int(counters.read().split()[0])
    return total / 1e9


def wait_for_screen(fd, started, marker, timeout=10.0):
    """Returns (ms to the first byte, ms to the byte that completes `marker`); None where it never came."""
    first = None
    seen = b""
    deadline = started + timeout
    while True:
        left = deadline - time.perf_counter()
        if left <= 0:
            return first, None
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            return first, None
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return first, None
        now = time.perf_counter()
        if not chunk:
            return first, None
        if first is None:
            first = (now - started) * 1000
        seen += chunk
        if marker in seen:
            return first, (now - started) * 1000


def time_keys(pid, fd, keys, gap):
    """Types keys gap seconds apart; returns (per-key ms to the first answering byte, CPU ms per key, unanswered)."""
    latencies = []
    unanswered = 0
    cpu_before = cpu_seconds(pid)
    for key in keys:
        sent = time.perf_counter()
        os.write(fd, key.encode())
        ready, _, _ = select.select([fd], [], [], 1.0)
        if ready:
            latencies.append((time.perf_counter() - sent) * 1000)
            os.read(fd, 65536)
        else:
            unanswered += 1
        drain(fd, max(0.0, gap - (time.perf_counter() - sent)))
    cpu_after = cpu_seconds(pid)
    return latencies, (cpu_after - cpu_before) * 1000 / len(keys), unanswered


def idle_cpu(pid, fd, seconds):
    drain(fd, 0.3)
    before = cpu_seconds(pid)
    started = time.perf_counter()
    drain(fd, seconds)
    return (cpu_seconds(pid) - before) / (time.perf_counter() - started) * 100


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Program:
    """One program under test: how to start its typing screen, the keys it is sent, and how to idle it."""

    def __init__(self, name, screen, keys, idle=None):
        self.name, self.screen, self.keys, self.idle = name, screen, keys, idle


def measure(program, options, env, marker):
    """One round: --starts start-ups to the first screen, one typing run, one idle reading."""
    firsts, screens = [], []
    for _ in range(options.starts):
        time.sleep(options.pause_ms / 1000)
        pid, fd, started = spawn(program.screen, options.cols, options.rows, env)
        first, screen = wait_for_screen(fd, started, marker)
        stop(pid, fd)
        if first is None or screen is None:
            sys.exit(f"pty-latency: {program.name} drew no screen with {marker!r} within 10 s: {' '.join(program.screen)}")
        firsts.append(first)
        screens.append(screen)

    pid, fd, started = spawn(program.screen, options.cols, options.rows, env)
    wait_for_screen(fd, started, marker)
    drain(fd, 0.3)
    latencies, cpu_per_key, unanswered = time_keys(pid, fd, program.keys, options.gap_ms / 1000)
    if program.idle is None:
        idle = idle_cpu(pid, fd, options.idle_s)
    stop(pid, fd)
    if program.idle is not None:
        argv, first_key = program.idle
        pid, fd, started = spawn(argv, options.cols, options.rows, env)
        wait_for_screen(fd, started, b"")
        drain(fd, 0.3)
        os.write(fd, first_key.encode())  # the countdown starts at the first key
        idle = idle_cpu(pid, fd, options.idle_s)
        stop(pid, fd)
    if unanswered:
        print(f"pty-latency: {program.name}: {unanswered} keys drew nothing within 1 s", file=sys.stderr)
    return {
        "first_byte_ms": statistics.median(firsts),
        "first_screen_ms": statistics.median(screens),
        "key_p50_ms": statistics.median(latencies),
        "key_p99_ms": percentile(latencies, 0.99),
        "cpu_ms_per_key": cpu_per_key,
        "idle_cpu_percent": idle,
        "keys_ms": latencies,
    }


def passage_text(typebar):
    shown = subprocess.run([typebar, "passages", "show", PASSAGE], check=True, capture_output=True, text=True).stdout
    body = shown.split("\n\n", 1)[1]  # title and details, a blank line, then the text wrapped at 78 columns
    return " ".join(body.split())


FIGURES = [
    ("first_byte_ms", "first byte (ms)"),
    ("first_screen_ms", "first screen (ms)"),
    ("key_p50_ms", "key to screen p50 (ms)"),
    ("key_p99_ms", "key to screen p99 (ms)"),
    ("cpu_ms_per_key", "CPU per key (ms)"),
    ("idle_cpu_percent", "idle CPU (% of a core)"),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--typebar", required=True, help="the typebar binary to measure")
    parser.add_argument("--gtypist", default=shutil.which("gtypist"), help="GNU Typist (default: gtypist on PATH)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--starts", type=int, default=10, help="start-ups timed per program and round")
    parser.add_argument("--pause-ms", type=float, default=0,
                        help="a pause before each start-up, so each meets an idle machine as a person's start does")
    parser.add_argument("--keys", type=int, default=150, help="keys typed per program and round")
    parser.add_argument("--gap-ms", type=float, default=40.0)
    parser.add_argument("--idle-s", type=float, default=3.0)
    parser.add_argument("--cols", type=int, default=100)
    parser.add_argument("--rows", type=int, default=30)
    parser.add_argument("--json", metavar="FILE", help="also write every round's figures here, with each key's time to the screen (keys_ms)")
    parser.add_argument("--extra", action="append", default=[], metavar="ARG",
                        help="an argument added to typebar's practice command (repeat for more)")
    options = parser.parse_args()

    typebar = os.path.abspath(options.typebar)
    text = passage_text(typebar)
    # GNU Typist wants lines that fit its screen and Return at each line's end; typebar gets spaces there.
    lines = textwrap.wrap(text, width=min(72, options.cols - 8))
    if options.keys > len(" ".join(lines)) - 1:
        sys.exit(f"pty-latency: --keys may be at most {len(' '.join(lines)) - 1} (the passage's length less one)")
    marker = next(word for word in text.split() if len(word) >= 5).encode()

    scratch = tempfile.mkdtemp(prefix="pty-latency-")
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8",
               COLUMNS=str(options.cols), LINES=str(options.rows),
               TYPEBAR_HISTORY=os.path.join(scratch, "history.jsonl"), HOME=scratch)
    env.pop("NO_COLOR", None)
    programs = [Program(
        "typebar",
        [typebar, "practice", "--passage", PASSAGE] + options.extra,
        " ".join(lines)[:options.keys],
        idle=([typebar, "test", "--minutes", "1", "--seed", "3"], "a"))]
    if options.gtypist:
        script = os.path.join(scratch, "speed.typ")
        with open(script, "w") as out:
            out.write("S:" + lines[0] + "\n" + "".join(" :" + line + "\n" for line in lines[1:]))
        programs.append(Program("GNU Typist", [options.gtypist, "--silent", script], "\r".join(lines)[:options.keys]))
    else:
        print("pty-latency: gtypist not found (apt-get install gtypist): measuring typebar alone", file=sys.stderr)

    settle(typebar)
    pid, fd, started = spawn(programs[0].screen, options.cols, options.rows, env)
    wait_for_screen(fd, started, marker)
    stop(pid, fd)
    rounds = {program.name: [] for program in programs}
    for number in range(options.rounds):
        for program in (programs if number % 2 == 0 else programs[::-1]):
            print(f"round {number + 1}/{options.rounds}: {program.name}", file=sys.stderr)
            rounds[program.name].append(measure(program, options, env, marker))
    shutil.rmtree(scratch, ignore_errors=True)

    medians = {name: {key: statistics.median(r[key] for r in runs) for key, _ in FIGURES} for name, runs in rounds.items()}
    pause = f" ({options.pause_ms:g} ms apart)" if options.pause_ms else ""
    print(f"{options.rounds} rounds, {options.starts} start-ups{pause} and {options.keys} keys {options.gap_ms:g} ms apart per "
          f"program and round, {options.cols}x{options.rows}; medians over the rounds")
    names = [program.name for program in programs]
    header = f"{'':24}" + "".join(f"{name:>12}" for name in names) + (f"{'ratio':>8}" if len(names) == 2 else "")
    print(header)
    for key, label in FIGURES:
        row = f"{label:24}" + "".join(f"{medians[name][key]:12.3f}" for name in names)
        if len(names) == 2 and medians[names[1]][key] > 0:
            row += f"{medians[names[0]][key] / medians[names[1]][key]:8.2f}"
        print(row)
    if options.json:
        with open(options.json, "w") as out:
            json.dump({"rounds": rounds, "medians": medians, "options": vars(options)}, out, indent=1)


if __name__ == "__main__":
    main()
