#!/usr/bin/env python3
"""Writes the start-up order file: the functions typebar runs on its way to its first screens, one linker section a
line, so scripts/release-build.sh can have the linker lay them out together.

    python3 scripts/startup-order.py [--output scripts/startup.order] BIN

BIN is a release build with its symbols (scripts/release-build.sh's typebar, not the stripped installed copy).
Each start runs under callgrind (valgrind) on a 100x30 pseudo-terminal up to its first screen, and is then sent
SIGTERM, as a person's Esc would end it: `typebar practice`, `typebar test`, `typebar chat` (template and desk
modes, to the intro), `typebar drill` and `typebar --version`. Every function of BIN that ran is written as
`.text.NAME`, the section the compiler put it in (Swift and the static runtimes are compiled with a section a
function), sorted by name so the file changes only where the code did.

Why: a start touches a few thousand functions spread over 27 MB of code, and each page the kernel maps on a fault
brings its neighbours with it; laid out together they come in a few dozen faults instead of three hundred
(docs/performance.md, "Start-up"). A name that no longer exists is ignored by the linker, so a stale file costs
speed, never correctness. Needs valgrind, binutils' strip and Python 3's standard library.
"""
import argparse
import importlib.util
import os
import re
import signal
import subprocess
import sys
import tempfile
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


def profile(binary, arguments, marker, scratch, index):
    out = os.path.join(scratch, f"callgrind.{index}")
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8", HOME=scratch,
               TYPEBAR_HISTORY=os.path.join(scratch, "history.jsonl"))
    env.pop("NO_COLOR", None)
    argv = ["valgrind", "--tool=callgrind", "--demangle=no", f"--callgrind-out-file={out}", binary] + arguments
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
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("binary", metavar="BIN")
    parser.add_argument("--output", default=os.path.join(ROOT, "scripts", "startup.order"))
    options = parser.parse_args()
    found = set()
    with tempfile.TemporaryDirectory(prefix="startup-order-") as scratch:
        # Profiled without its debug information, which valgrind's reader gives up on in a binary this size; the
        # symbol table, which names the functions, stays.
        binary = os.path.join(scratch, "typebar")
        subprocess.run(["strip", "--strip-debug", "-o", binary, os.path.realpath(options.binary)], check=True)
        version = os.path.join(scratch, "callgrind.version")
        subprocess.run(["valgrind", "--tool=callgrind", "--demangle=no", f"--callgrind-out-file={version}",
                        binary, "--version"], check=True, capture_output=True)
        found |= functions(version, binary)
        for index, (arguments, marker) in enumerate(STARTS):
            found |= functions(profile(binary, arguments, marker, scratch, index), binary)
    if not found:
        sys.exit(f"startup-order: no function of {options.binary} in the profiles (is it stripped?)")
    # Functions without a symbol of their own show as addresses or "(below main)": nothing to name.
    named = sorted(name for name in found if not name.startswith(("0x", "(")))
    with open(options.output, "w") as out:
        out.writelines(f".text.{name}\n" for name in named)
    print(f"startup-order: {len(named)} functions written to {options.output}")


if __name__ == "__main__":
    main()
