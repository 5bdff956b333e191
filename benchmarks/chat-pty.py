#!/usr/bin/env python3
"""Keystroke-to-screen latency, CPU per key and idle CPU of a typebar screen, through a real pseudo-terminal.

    benchmarks/chat-pty.py [--start KEYS] [--keys TEXT] [--gap-ms 80] [--idle-s 10] -- BINARY ARG...

Starts BINARY ARG... on an 80 x 24 pty (TERM=xterm-256color, LANG=C.UTF-8), waits for its first screen, sends
--start (for `typebar chat`: Enter, which leaves the intro), then leaves it alone for --idle-s seconds while
the customers arrive, wait and type, and reads the CPU the process used meanwhile (idle CPU, % of one core).
Then it types --keys one key every --gap-ms and records, per key, the time from writing the key to the first
byte of screen output and to the end of that output (8 ms of silence), the CPU used per key, the bytes written per key,
and the frames painted per key (write calls, /proc/PID/io) with the CPU per frame: every event the screen answers,
a key, a customer's message or a clock's second, is one frame.
Prints one JSON object. Linux only (/proc/PID/task/*/schedstat).
"""
import argparse
import fcntl
import json
import os
import pty
import select
import signal
import struct
import termios
import time


def cpu_seconds(pid):
    """CPU seconds used so far by every thread of `pid`, from the scheduler's nanosecond counters."""
    total = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{tid}/schedstat") as counters:
            total += int(counters.read().split()[0])
    return total / 1e9


def drain(fd, wait_first, quiet=0.008, counted=None):
    """Reads output: waits up to `wait_first` s for a first byte, then until `quiet` s pass with nothing.
    Returns the times of the first and last byte (None when nothing came); adds the bytes read to counted[0]."""
    first = last = None
    deadline = time.perf_counter() + wait_first
    while True:
        now = time.perf_counter()
        timeout = deadline - now if first is None else quiet
        if timeout <= 0:
            break
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            break
        try:
            data = os.read(fd, 1 << 16)
        except OSError:
            break
        if not data:
            break
        if counted is not None:
            counted[0] += len(data)
        last = time.perf_counter()
        first = first or last
    return first, last


def writes(pid):
    """Write calls made so far by `pid` (/proc/PID/io): one a frame painted."""
    with open(f"/proc/{pid}/io") as io:
        for line in io:
            if line.startswith("syscw:"):
                return int(line.split()[1])
    return 0


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--start", default="\r", help="keys sent once the first screen is up (default: Enter)")
    parser.add_argument("--keys", default="Sorry about that, I can see order was charged twice and refunded it. " * 2)
    parser.add_argument("--gap-ms", type=float, default=80)
    parser.add_argument("--idle-s", type=float, default=10)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    options = parser.parse_args()
    command = options.command[1:] if options.command[:1] == ["--"] else options.command

    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(TERM="xterm-256color", LANG="C.UTF-8", TYPEBAR_HISTORY="/dev/null")
        os.execvp(command[0], command)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    started = time.perf_counter()
    first, _ = drain(fd, 10)
    first_screen_ms = (first - started) * 1000 if first else None
    drain(fd, 0.3, quiet=0.2)
    if options.start:
        os.write(fd, options.start.encode())
        drain(fd, 2, quiet=0.2)

    # Idle: nobody types; customers arrive, wait and type, and the screen redraws only when it changes.
    cpu_before = cpu_seconds(pid)
    idle_start = time.perf_counter()
    while time.perf_counter() - idle_start < options.idle_s:
        drain(fd, 0.5)
    idle_cpu = (cpu_seconds(pid) - cpu_before) / (time.perf_counter() - idle_start) * 100

    latencies, settled = [], []
    written = [0]
    cpu_before = cpu_seconds(pid)
    writes_before = writes(pid)
    for key in options.keys:
        sent = time.perf_counter()
        os.write(fd, key.encode())
        first, last = drain(fd, 1, counted=written)
        if first:
            latencies.append((first - sent) * 1000)
            settled.append((last - sent) * 1000)
        remaining = options.gap_ms / 1000 - (time.perf_counter() - sent)
        if remaining > 0:
            drain(fd, remaining, counted=written)
    cpu_used = cpu_seconds(pid) - cpu_before
    cpu_per_key = cpu_used / len(options.keys) * 1000
    frames = max(1, writes(pid) - writes_before)

    os.kill(pid, signal.SIGTERM)
    os.waitpid(pid, 0)
    print(json.dumps({
        "command": " ".join(command), "keys": len(options.keys), "answered": len(latencies),
        "first_screen_ms": first_screen_ms and round(first_screen_ms, 1),
        "key_to_screen_p50_ms": round(percentile(latencies, 0.5), 3),
        "key_to_screen_p99_ms": round(percentile(latencies, 0.99), 3),
        "settled_p50_ms": round(percentile(settled, 0.5), 3),
        "cpu_per_key_ms": round(cpu_per_key, 3),
        "bytes_per_key": round(written[0] / len(options.keys), 1),
        "frames_per_key": round(frames / len(options.keys), 3),
        "cpu_per_frame_ms": round(cpu_used / frames * 1000, 3),
        "idle_cpu_percent": round(idle_cpu, 3),
        "idle_seconds": options.idle_s,
    }))


if __name__ == "__main__":
    main()
