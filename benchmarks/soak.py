#!/usr/bin/env python3
"""A long shift at the chat desk, through a real pseudo-terminal: does typebar stay as lean at the end as at the start?

    benchmarks/soak.py [--minutes 60] [--gap-ms 150] [--tolerance 0.10] BINARY

Writes a scenario of its own (four chats, twenty customers arriving over the whole shift, each with ten turns, a
shift as long as --minutes) and plays it with `BINARY chat --scenario-file … --mode guided` on an 80 x 24 pty
(TERM=xterm-256color, LANG=C.UTF-8, a history and HOME of its own). One key every --gap-ms: reply text, with Enter,
Backspace, F1-F4 and Ctrl-N among it (never q or Esc, which would leave; an `r` now and then, which starts another
shift should one end early). Every minute it samples the resident memory (VmRSS) and the CPU the process used per
key in that minute.

At the end it leaves the shift (Esc twice, then q on the results), and checks:
  - resident memory in the last minute is within --tolerance of the first minute's;
  - CPU per key in the last minute is within --tolerance of the first minute's;
  - the process exited by itself with status 0, and no process of its session is left;
  - the terminal's modes (termios) are what they were before typebar started, and the output ends by leaving the
    alternate screen with the cursor shown.
Prints one JSON object, and exits 1 when a check fails (2 on bad usage). Linux only (/proc).
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import termios
import time
import fcntl
import struct
import select

REPLY = "Thanks for waiting, I can see the order and have sent the refund to your card today. "


def cpu_seconds(pid):
    """CPU seconds used so far by every thread of `pid`, from the scheduler's nanosecond counters."""
    total = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat") as counters:
                total += int(counters.read().split()[0])
        except FileNotFoundError:
            pass  # a thread that ended between the listing and the read
    return total / 1e9


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def session_members(sid):
    """Processes whose session is `sid` (the one typebar leads), other than zombies."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                text = stat.read()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2:].split()
        if int(fields[3]) == sid and fields[0] != "Z":
            found.append(int(entry))
    return found


def scenario(seconds):
    """A scenario as long as the shift, the desk as busy at its end as at its start: four chats, twenty customers
    arriving four at a time in five waves, each wave as patient as the gap to the next, ten turns each."""
    limit = min(3600, max(30, int(seconds)))
    gap = limit / 5
    lines = [
        "# Written by benchmarks/soak.py: a shift as long as the soak.",
        "name: Soak shift",
        "summary: Twenty customers in five waves of four, four chats at once.",
        "category: mixed",
        "chats: 4",
        f"patience: {min(900, max(10, round(gap)))}",
        f"time_limit: {limit}",
        "customers:",
    ]
    for number in range(20):
        lines += [
            f"  - arrival: {round(number // 4 * gap + number % 4, 1)}",
            "    details:",
            "      order: {pattern: '\\#5####'}",
            "      amount: {money: [12, 80]}",
            "    turns:",
        ]
        for turn in range(10):
            lines += [
                f"      - message: \"Message {turn + 1}: my card was charged twice for order [order], [amount] each.\"",
                "        reply: /dup",
                "        delay: 5",
            ]
    return "\n".join(lines) + "\n"


def keys():
    """The endless key stream: reply text, Enter after each sentence, and the desk's other keys now and then."""
    special = {
        37: b"\x0e",        # Ctrl-N: the most urgent customer
        53: b"\x1bOP",      # F1
        71: b"\x1bOQ",      # F2
        89: b"\x1bOR",      # F3
        107: b"\x1bOS",     # F4
        113: b"\x7f",       # Backspace
        131: b"r",          # a new shift, should one have ended (typed text otherwise)
    }
    count = 0
    while True:
        for character in REPLY:
            count += 1
            yield special.get(count % 150, b"\r" if character == "." else character.encode())


def drain(fd, seconds):
    """Reads whatever typebar writes for `seconds`; returns the bytes."""
    data = bytearray()
    end = time.monotonic() + seconds
    while True:
        left = end - time.monotonic()
        if left <= 0:
            return bytes(data)
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 1 << 16)
            except OSError:
                return bytes(data)
            if not chunk:
                return bytes(data)
            data += chunk


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=60)
    parser.add_argument("--gap-ms", type=float, default=150)
    parser.add_argument("--tolerance", type=float, default=0.10)
    parser.add_argument("binary")
    options = parser.parse_args()
    if options.minutes < 2 or options.gap_ms <= 0:
        parser.error("--minutes must be at least 2 (the first and the last minute are compared), --gap-ms above 0")
    if not os.access(options.binary, os.X_OK):
        parser.error(f"{options.binary} is not an executable; build typebar first (swift build)")

    work = tempfile.mkdtemp(prefix="typebar-soak.")
    scenario_path = os.path.join(work, "soak.yaml")
    with open(scenario_path, "w") as file:
        file.write(scenario(options.minutes * 60))

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    modes_before = termios.tcgetattr(slave)
    environment = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", HOME=work,
                       TYPEBAR_HISTORY=os.path.join(work, "history.jsonl"), XDG_CONFIG_HOME=os.path.join(work, "config"))
    environment.pop("TYPEBAR_SETTINGS", None)
    environment.pop("TYPEBAR_STORE", None)
    process = subprocess.Popen(
        [options.binary, "chat", "--scenario-file", scenario_path, "--mode", "guided", "--seed", "7"],
        stdin=slave, stdout=slave, stderr=slave, env=environment, start_new_session=True,
        preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
    pid = process.pid
    drain(master, 1.5)
    os.write(master, b"\r")  # leaves the intro
    drain(master, 0.5)
    # The shift began with that Enter, half a second ago: the scenario's time limit is the soak's length.

    gap = options.gap_ms / 1000
    minute_marks, samples = [], []
    started = time.monotonic()
    window_cpu, window_keys, window_start = cpu_seconds(pid), 0, started
    stream = keys()
    next_key = time.monotonic()
    total_keys = 0
    minutes = int(options.minutes)
    while len(samples) < minutes:
        if process.poll() is not None:
            break
        os.write(master, next(stream))
        window_keys += 1
        total_keys += 1
        next_key += gap
        drain(master, max(0, next_key - time.monotonic()))
        # Minute k closes k minutes into the shift; the last a few seconds early, before the shift's own end.
        closes = started + 60 * (len(samples) + 1) - (3 if len(samples) + 1 == minutes else 0)
        if time.monotonic() >= closes:
            cpu = cpu_seconds(pid)
            samples.append({
                "minute": len(samples) + 1,
                "rss_kb": rss_kb(pid),
                "cpu_per_key_ms": round((cpu - window_cpu) / window_keys * 1000, 4),
                "keys": window_keys,
            })
            window_cpu, window_keys, window_start = cpu, 0, time.monotonic()

    alive_at_end = process.poll() is None
    # Leave: Esc twice ends the shift, q leaves the results.
    tail = b""
    if alive_at_end:
        os.write(master, b"\x1b")
        drain(master, 0.6)
        os.write(master, b"\x1b")
        drain(master, 2.5)
        os.write(master, b"q")
        deadline = time.monotonic() + 15
        while process.poll() is None and time.monotonic() < deadline:
            tail = (tail + drain(master, 0.2))[-4096:]
        tail = (tail + drain(master, 0.3))[-4096:]
    status = process.poll()
    if status is None:
        process.kill()
        process.wait()
    time.sleep(0.2)
    left_running = session_members(pid)
    modes_after = termios.tcgetattr(slave)
    os.close(master)
    os.close(slave)

    history = os.path.join(work, "history.jsonl")
    shifts_saved = sum(1 for _ in open(history)) if os.path.exists(history) else 0
    failures = []
    if shifts_saved == 0:
        failures.append("no shift was saved to the history: the keys did not reach the desk")
    if not alive_at_end:
        failures.append(f"typebar exited during the soak (status {process.returncode})")
    if len(samples) < 2:
        failures.append(f"only {len(samples)} minutes were sampled")
    else:
        first, last = samples[0], samples[-1]
        if last["rss_kb"] > first["rss_kb"] * (1 + options.tolerance):
            failures.append(f"resident memory grew from {first['rss_kb']} KB to {last['rss_kb']} KB")
        if last["cpu_per_key_ms"] > first["cpu_per_key_ms"] * (1 + options.tolerance):
            failures.append(f"CPU per key grew from {first['cpu_per_key_ms']} ms to {last['cpu_per_key_ms']} ms")
    if status != 0:
        failures.append(f"typebar did not exit by itself with status 0 (status {status})")
    if left_running:
        failures.append(f"processes left running: {left_running}")
    if modes_after != modes_before:
        failures.append("the terminal's modes differ from before typebar started")
    if alive_at_end and (b"\x1b[?1049l" not in tail or b"\x1b[?25h" not in tail[tail.rfind(b"\x1b[?1049l") - 64:]):
        failures.append("the output does not end by leaving the alternate screen with the cursor shown")

    print(json.dumps({
        "binary": options.binary, "minutes": options.minutes, "gap_ms": options.gap_ms, "keys": total_keys, "shifts_saved": shifts_saved,
        "first_minute": samples[0] if samples else None, "last_minute": samples[-1] if samples else None,
        "rss_change_percent": round((samples[-1]["rss_kb"] / samples[0]["rss_kb"] - 1) * 100, 2) if len(samples) > 1 else None,
        "cpu_per_key_change_percent": round((samples[-1]["cpu_per_key_ms"] / samples[0]["cpu_per_key_ms"] - 1) * 100, 2)
        if len(samples) > 1 and samples[0]["cpu_per_key_ms"] > 0 else None,
        "exit_status": status, "left_running": left_running, "terminal_restored": modes_after == modes_before,
        "samples": samples, "failures": failures,
    }))
    subprocess.run(["rm", "-rf", work])
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
