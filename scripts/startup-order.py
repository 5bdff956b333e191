#!/usr/bin/env python3
"""Writes the start-up order file: the functions typebar runs on its way to its first screens, and the data its
typing screens' starts read and write, one symbol a line, so scripts/release-build.sh can have the linker (lld,
--symbol-ordering-file) lay each kind out together.

    python3 scripts/startup-order.py [--output scripts/startup.order] [--data-only] BIN

BIN is a release build with its symbols (scripts/release-build.sh's typebar, not the stripped installed copy).
Each start runs under callgrind (valgrind) on a 100x30 pseudo-terminal up to its first screen, and is then sent
SIGTERM, as a person's Esc would end it: `typebar practice`, `typebar test`, `typebar chat` (template and desk
modes, to the intro), `typebar drill` and `typebar --version`. Every function of BIN that ran is written under
`# functions`, sorted by name so the file changes only where the code did. lld lays out the section that holds each
named symbol: Swift and the static runtimes are compiled with a section a function, so the functions move alone.

The data: `typebar practice` and `typebar test` run again under valgrind's lackey, which reports every load and
store, up to the first screen. Each variable of BIN's writable segments they touch is written under `# variables`.
Where an object file keeps its variables in one section, as Swift does for metadata caches and once-tokens, the
linker moves that whole section, and with it the object's other variables, still far fewer pages than before.
`--data-only` keeps the file's functions and writes the data anew.

Why: a start touches a few thousand functions spread over 27 MB of code, and each page the kernel maps on a fault
brings its neighbours with it; laid out together they come in a few faults instead of three hundred
(docs/performance.md, "Start-up"); a start's variables, together, are a few pages written instead of some dozens,
each page written a copy the kernel makes. A name that no longer exists is ignored by the linker, so a stale file
costs speed, never correctness. Needs valgrind, binutils' strip and Python 3's standard library.
"""
import argparse
import bisect
import importlib.util
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_spec = importlib.util.spec_from_file_location("pty_latency", os.path.join(ROOT, "benchmarks", "pty-latency.py"))
pty_latency = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pty_latency)

STARTS = [
    (["practice", "--passage", pty_latency.PASSAGE], b"Esc"),
    (["test", "--seed", "1"], b"Esc"),
    (["chat", "--seed", "1"], b"Press Enter"),
    (["chat", "--mode", "desk", "--scenario", "desk-busy-day", "--seed", "1"], b"Press Enter"),
    (["drill", "--seed", "1"], b"Esc"),
]


def functions(profile, binary):
    """Names of the functions of `binary` that ran, from a callgrind profile (names compressed as (id) name)."""
    objects, names, found = {}, {}, set()
    current_object = called_object = None
    entry = re.compile(r"^(ob|cob|fn|cfn|fi|fe|cfi)=\((\d+)\)(?: (.*))?$")
    with open(profile, errors="replace") as lines:
        for line in lines:
            match = entry.match(line.rstrip("\n"))
            if not match:
                continue
            kind, number, name = match.groups()
            if kind in ("ob", "cob"):
                if name is not None:
                    objects[number] = name
                if kind == "ob":
                    current_object = called_object = objects.get(number)
                else:
                    called_object = objects.get(number)
            elif kind in ("fn", "cfn"):
                owner = current_object if kind == "fn" else called_object
                if name is not None:
                    names[number] = name
                name = names.get(number)
                if name and owner and os.path.realpath(owner) == binary:
                    found.add(name)
    return found


# The typing screens' starts, whose data is laid out together (a drill's start reads every passage's words: 9,800
# variables, which would spread these 760 over twelve times the pages).
DATA_STARTS = [start for start in STARTS if start[0][0] in ("practice", "test")]
# nm's letters for a variable: without a value (.bss), with one (.data and its kin), read-only.
DATA_LETTERS = ("b", "d", "r")
# The lines that head the file's two lists (lld's ordering file skips a line that starts with #).
FUNCTIONS, VARIABLES = "# functions", "# variables"


def run_to_first_screen(tool, binary, arguments, marker, scratch):
    """Runs BIN with `arguments` under valgrind's `tool` options on a 100x30 pty up to `marker`, then ends it."""
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8", HOME=scratch,
               TYPEBAR_HISTORY=os.path.join(scratch, "history.jsonl"))
    env.pop("NO_COLOR", None)
    argv = ["valgrind"] + tool + [binary] + arguments
    pid, fd, started = pty_latency.spawn(argv, 100, 30, env)
    _, screen = pty_latency.wait_for_screen(fd, started, marker, timeout=120)
    if screen is None:
        sys.exit(f"startup-order: `typebar {' '.join(arguments)}` showed no first screen under callgrind")
    # The first SIGTERM leaves as Esc would; under valgrind the screen's blocked read may not return for it, and a
    # second one ends the process at once (the profile is written either way).
    for _ in range(2):
        os.kill(pid, signal.SIGTERM)
        deadline = time.time() + 2
        while time.time() < deadline and not os.waitpid(pid, os.WNOHANG)[0]:
            pty_latency.drain(fd, 0.1)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
    pty_latency.stop(pid, fd)


def profile(binary, arguments, marker, scratch, index):
    out = os.path.join(scratch, f"callgrind.{index}")
    run_to_first_screen(["--tool=callgrind", "--demangle=no", f"--callgrind-out-file={out}"], binary, arguments, marker,
                        scratch)
    return out


def data_segments(binary):
    """The start and end of each of BIN's writable segments, from its program headers (lld writes two: the data made
    read-only after relocation, then the rest with .bss)."""
    headers = subprocess.run(["readelf", "-lW", binary], check=True, capture_output=True, text=True).stdout
    segments = []
    for line in headers.splitlines():
        fields = line.split()
        if fields and fields[0] == "LOAD" and "W" in "".join(fields[6:-1]):
            start = int(fields[2], 16)
            segments.append((start, start + int(fields[5], 16)))
    if not segments:
        sys.exit(f"startup-order: {binary} has no writable segment")
    return segments


def variables(binary):
    """BIN's variables in its writable segments, by address: (start, end, name)."""
    segments = data_segments(binary)
    listing = subprocess.run(["nm", "-n", "-S", "--defined-only", binary], check=True, capture_output=True,
                             text=True).stdout
    found = []
    for line in listing.splitlines():
        fields = line.split(maxsplit=3)
        if len(fields) == 4 and fields[2].lower() in DATA_LETTERS:
            start = int(fields[0], 16)
            if any(low <= start < high for low, high in segments):
                found.append((start, start + max(1, int(fields[1], 16)), fields[3]))
    return found


def touched(binary, known, arguments, marker, scratch, index):
    """The names of the variables of `known` a start reads or writes up to its first screen, from lackey's trace
    (read as it is written, through a pipe: a start makes some millions of lines)."""
    starts = [variable[0] for variable in known]
    trace = os.path.join(scratch, f"lackey.{index}")
    os.mkfifo(trace)
    found = set()

    def read():
        with open(trace, errors="replace") as lines:
            for line in lines:
                if len(line) < 4 or line[1] not in "LSM":
                    continue
                address = int(line[3:].split(",", 1)[0], 16)
                at = bisect.bisect_right(starts, address) - 1
                if at >= 0 and address < known[at][1]:
                    found.add(at)

    # A daemon, so a start that shows no screen (and exits) is not kept waiting on a pipe valgrind never opened.
    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    run_to_first_screen(["--tool=lackey", "--trace-mem=yes", f"--log-file={trace}"], binary, arguments, marker,
                        scratch)
    reader.join()
    return {known[at][2] for at in found}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("binary", metavar="BIN")
    parser.add_argument("--output", default=os.path.join(ROOT, "scripts", "startup.order"))
    parser.add_argument("--data-only", action="store_true", help="keep the file's functions, write its data anew")
    options = parser.parse_args()
    found, data = set(), set()
    with tempfile.TemporaryDirectory(prefix="startup-order-") as scratch:
        # Profiled without its debug information, which valgrind's reader gives up on in a binary this size; the
        # symbol table, which names the functions, stays.
        binary = os.path.join(scratch, "typebar")
        subprocess.run(["strip", "--strip-debug", "-o", binary, os.path.realpath(options.binary)], check=True)
        if not options.data_only:
            version = os.path.join(scratch, "callgrind.version")
            subprocess.run(["valgrind", "--tool=callgrind", "--demangle=no", f"--callgrind-out-file={version}",
                            binary, "--version"], check=True, capture_output=True)
            found |= functions(version, binary)
            for index, (arguments, marker) in enumerate(STARTS):
                found |= functions(profile(binary, arguments, marker, scratch, index), binary)
        known = variables(binary)
        for index, (arguments, marker) in enumerate(DATA_STARTS):
            data |= touched(binary, known, arguments, marker, scratch, index)
    if options.data_only:
        with open(options.output) as kept:
            lines = [line.rstrip("\n") for line in kept]
        if FUNCTIONS not in lines:
            sys.exit(f"startup-order: {options.output} has no {FUNCTIONS!r} list to keep")
        first = lines.index(FUNCTIONS) + 1
        text = lines[first:lines.index(VARIABLES)] if VARIABLES in lines else lines[first:]
    else:
        if not found:
            sys.exit(f"startup-order: no function of {options.binary} in the profiles (is it stripped?)")
        # Functions without a symbol of their own show as addresses or "(below main)": nothing to name.
        text = sorted(name for name in found if not name.startswith(("0x", "(")))
    if not data:
        sys.exit(f"startup-order: no variable of {options.binary} in the traces (is it stripped?)")
    variables_found = sorted(data - set(text))
    with open(options.output, "w") as out:
        out.writelines(line + "\n" for line in [FUNCTIONS] + text + [VARIABLES] + variables_found)
    print(f"startup-order: {len(text)} functions and {len(variables_found)} variables written to {options.output}")


if __name__ == "__main__":
    main()
