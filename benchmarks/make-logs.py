#!/usr/bin/env python3
"""Writes the keystroke logs used by benchmarks/run.sh into benchmarks/data/.

    python3 benchmarks/make-logs.py [--force] [--sizes 20k,1m]

For each size N it writes two logs with the same target text and N events each:

  clean-N.jsonl    a plausible typist: ~60 WPM (lognormal intervals, mean ~200 ms), ~3% wrong
                   characters, most noticed within a few keys and fixed with backspace, sometimes by
                   deleting the whole word with word-backspace.
  garbage-N.jsonl  random events: printable ASCII characters (quote and backslash included; one in
                   six a space), backspace and word-backspace, at increasing times.

The target (the header's "text") is the body of every passage in passages/*/*.txt (front matter
dropped, whitespace collapsed), in path order, repeated as needed and cut at the first word end
after N characters: about one character per event, more than the clean typist ever reaches.
Output is deterministic (each log has its own fixed seed); --force rewrites existing logs.
"""

import argparse
import json
import math
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSAGES = ROOT / "passages"
OUT = ROOT / "benchmarks" / "data"

SIZES = {"20k": 20_000, "1m": 1_000_000}

MEAN_INTERVAL_MS = 200.0  # 60 WPM = 300 characters a minute
SIGMA = 0.35              # spread of the lognormal intervals
MISTAKE_RATE = 0.03


def passage_body(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    if lines and lines[0].strip() == "---":
        try:
            end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
            lines = lines[end + 1:]
        except StopIteration:
            pass
    return " ".join(" ".join(lines).split())


def corpus() -> str:
    bodies = [passage_body(p) for p in sorted(PASSAGES.glob("*/*.txt"))]
    text = " ".join(b for b in bodies if b)
    if not text:
        sys.exit(f"make-logs: no passage text under {PASSAGES}")
    return text


def target_text(min_chars: int) -> str:
    """The corpus, repeated as needed and cut at the first word end at or after `min_chars` characters."""
    base = corpus()
    repeats = math.ceil(min_chars / (len(base) + 1))
    text = " ".join([base] * repeats)
    end = text.find(" ", min_chars)
    return text if end < 0 else text[:end]


def lognormal_interval(rng: random.Random, mean: float) -> float:
    mu = math.log(mean) - SIGMA * SIGMA / 2  # so the mean is `mean`
    return rng.lognormvariate(mu, SIGMA)


def header(text: str) -> str:
    return json.dumps({"format": "typebar-keystrokes", "version": 1, "text": text},
                      ensure_ascii=False, separators=(",", ":"))


def char_line(t: float, ch: str) -> str:
    return '{"t":%.3f,"ch":%s}' % (t, json.dumps(ch, ensure_ascii=False))


def key_line(t: float, key: str) -> str:
    return '{"t":%.3f,"key":"%s"}' % (t, key)


NEIGHBOURS = "qwertyuiopasdfghjklzxcvbnm"


def wrong_char(rng: random.Random, right: str) -> str:
    while True:
        c = rng.choice(NEIGHBOURS)
        if c != right:
            return c


def clean_events(text: str, n: int, seed: int):
    """Yields n event lines of a plausible typist working through `text`."""
    rng = random.Random(seed)
    t = 500.0 + rng.random() * 1000  # first key a little after the screen appears
    typed = []          # what is on screen
    pending_fix = None  # keys to type before noticing the oldest uncorrected mistake
    fix_position = 0    # index in `typed` of that mistake
    emitted = 0
    while emitted < n:
        if pending_fix is not None and pending_fix == 0:
            # Noticed: delete back to the mistake (one key at a time, or the word at once).
            pending_fix = None
            if rng.random() < 0.15:
                t += lognormal_interval(rng, 250)
                yield key_line(t, "word-backspace")
                emitted += 1
                while typed and typed[-1] == " ":
                    typed.pop()
                while typed and typed[-1] != " ":
                    typed.pop()
            else:
                while len(typed) > fix_position and emitted < n:
                    t += lognormal_interval(rng, 130)
                    yield key_line(t, "backspace")
                    emitted += 1
                    typed.pop()
            continue
        right = text[len(typed)]
        interval = MEAN_INTERVAL_MS * (1.4 if right == " " else 0.95)
        if rng.random() < 0.004:
            interval += rng.uniform(500, 2500)  # a pause to read ahead
        t += lognormal_interval(rng, interval)
        if rng.random() < MISTAKE_RATE and right != " ":
            ch = wrong_char(rng, right)
            if pending_fix is None and rng.random() < 0.85:
                # keys typed after the mistake before it is noticed
                yield char_line(t, ch)
                emitted += 1
                fix_position = len(typed)
                typed.append(ch)
                pending_fix = rng.choice([0, 0, 1, 1, 2, 3])
                continue
        else:
            ch = right
        if pending_fix is not None:
            pending_fix -= 1
        yield char_line(t, ch)
        typed.append(ch)
        emitted += 1


PRINTABLE = [chr(c) for c in range(0x21, 0x7F)]  # all printable ASCII but space, quote and backslash included


def garbage_events(n: int, seed: int):
    """Yields n random event lines at increasing times.

    95% characters, 4% backspace, 1% word-backspace. One character in six is a space, as in prose, so a
    word-backspace removes a few characters rather than a long run: the typed buffer then grows about as
    fast as the clean typist's (~0.85 characters an event), and the two logs align buffers of similar length.
    """
    rng = random.Random(seed)
    t = rng.random() * 1000
    for _ in range(n):
        t += rng.expovariate(1 / MEAN_INTERVAL_MS)
        r = rng.random()
        if r < 0.95:
            yield char_line(t, " " if rng.random() < 1 / 6 else rng.choice(PRINTABLE))
        elif r < 0.99:
            yield key_line(t, "backspace")
        else:
            yield key_line(t, "word-backspace")


def write(path: Path, head: str, events) -> None:
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(head + "\n")
        for line in events:
            f.write(line + "\n")
    tmp.replace(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="rewrite logs that already exist")
    parser.add_argument("--sizes", default=",".join(SIZES), help="comma-separated: " + ", ".join(SIZES))
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    for index, name in enumerate(SIZES):
        if name not in args.sizes.split(","):
            continue
        n = SIZES[name]
        clean = OUT / f"clean-{name}.jsonl"
        garbage = OUT / f"garbage-{name}.jsonl"
        if clean.exists() and garbage.exists() and not args.force:
            continue
        text = target_text(n)
        head = header(text)
        write(clean, head, clean_events(text, n, seed=1000 + index))
        write(garbage, head, garbage_events(n, seed=2000 + index))
        print(f"wrote {clean.name}, {garbage.name}: {n} events each, target {len(text)} characters")


if __name__ == "__main__":
    main()
