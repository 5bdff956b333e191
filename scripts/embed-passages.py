#!/usr/bin/env python3
"""Writes Sources/TypeBarKit/Passages/BuiltInPassages.swift from passages/, so the binary carries every built-in passage.

Run it after adding or editing a passage: python3 scripts/embed-passages.py

Each passage is stored twice: parsed (id, title, difficulty, tags and the whitespace-normalised text, exactly what
Passage.parse makes of the file), so that starting typebar parses nothing; and as the file's bytes, for
`typebar passages lint`. The parsing here follows Passage.parse (docs/passages.md); a test (PassageLibraryTests)
parses every embedded file with typebar's own parser and fails when the two disagree, or when this file and
passages/ do.
"""
import pathlib
import sys
import unicodedata

root = pathlib.Path(__file__).resolve().parent.parent
FIELDS = ("title", "difficulty", "tags")
DIFFICULTIES = ("easy", "medium", "hard")
# Unicode's White_Space property: what Swift's Character.isWhitespace accepts.
WHITE_SPACE = set("\t\n\v\f\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000") | {chr(c) for c in range(0x2000, 0x200B)}


def fail(path, line, message):
    sys.exit(f"passages/{path}:{line}: {message} (typebar passages lint passages explains every problem)")


def characters(text):
    """The text as Swift sees it, one character per grapheme (a base and its combining marks; CR LF as one)."""
    out = []
    for char in text:
        if out and (unicodedata.combining(char) or (char == "\n" and out[-1] == "\r")):
            out[-1] += char
        else:
            out.append(char)
    return out


def normalise_whitespace(raw):
    """Each run of whitespace becomes one space; leading and trailing whitespace is dropped."""
    words, word = [], ""
    for char in characters(raw):
        if all(c in WHITE_SPACE for c in char):
            if word:
                words.append(word)
            word = ""
        else:
            word += char
    if word:
        words.append(word)
    return " ".join(words)


def estimated_difficulty(text):
    """Over 12 % digits and symbols (not counting spaces, commas and full stops) is hard, over 5 % medium."""
    total = awkward = 0
    for char in characters(text):
        if char == " ":
            continue
        total += 1
        if not char[0].isalpha() and char not in (",", "."):
            awkward += 1
    if total == 0:
        return "easy"
    share = awkward / total
    return "hard" if share > 0.12 else ("medium" if share > 0.05 else "easy")


def parse(rel, contents):
    """(title, difficulty, tags, text) of one passage file, as Passage.parse reads it."""
    lines = [line[:-1] if line.endswith("\r") else line for line in contents.split("\n")]
    fields, body, body_line = {}, contents, 1
    if lines[0].strip(" \t") == "---":
        close = next((i for i in range(1, len(lines)) if lines[i].strip(" \t") == "---"), None)
        if close is None:
            fail(rel, 1, "front matter opened with '---' is never closed")
        for index in range(1, close):
            line = lines[index]
            if not line.strip(" \t"):
                continue
            if ":" not in line:
                fail(rel, index + 1, "front matter lines are 'name: value'")
            name, value = line.split(":", 1)
            name, value = name.strip(" \t").lower(), value.strip(" \t")
            if name not in FIELDS or name in fields or (name == "difficulty" and value not in DIFFICULTIES):
                fail(rel, index + 1, f"bad front matter field {name!r}")
            fields[name] = value
        body, body_line = "\n".join(lines[close + 1:]), close + 2
    text = normalise_whitespace(body)
    if not text:
        fail(rel, body_line, "the passage has no text to type")
    slug = rel.rsplit("/", 1)[-1][:-len(".txt")]
    default_title = slug.replace("-", " ").replace("_", " ")
    title = fields.get("title", default_title[:1].upper() + default_title[1:])
    difficulty = fields.get("difficulty") or estimated_difficulty(text)
    tags = [tag.strip(" \t") for tag in fields.get("tags", "").split(",") if tag.strip(" \t")]
    return title, difficulty, tags, text


def literal(text):
    """A one-line Swift string literal."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append("\\u{%x}" % ord(char))
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def passage_id(rel):
    category, slug = rel.split("/")
    def name(part):
        return part.lower().replace(" ", "-").replace("_", "-")
    return f"{name(category)}/{name(slug[:-len('.txt')])}"


files = sorted(p for p in (root / "passages").glob("*/*.txt"))
parsed = []
raw = []
for path in files:
    rel = path.relative_to(root / "passages").as_posix()
    text = path.read_text(encoding="utf-8")
    parsed.append((passage_id(rel), parse(rel, text)))
    hashes = "#"
    while ('"""' + hashes) in text or ("\\" + hashes) in text:
        hashes += "#"
    # A multi-line literal drops the newline after its opening and before its closing delimiter, so the text
    # goes between them unchanged, with one newline added before the close.
    raw.append(f'        ("{rel}", {hashes}"""\n{text}\n"""{hashes}),')
parsed.sort(key=lambda entry: entry[0].encode("utf-8"))

out = [
    "// Generated by scripts/embed-passages.py from passages/. Do not edit; run the script after changing a passage.",
    "// PassageLibraryTests checks that this file matches passages/ and that `passages` is what Passage.parse makes of `files`.",
    "",
    "enum BuiltInPassages {",
    "    /// Every built-in passage, parsed when this file was generated, in id order: starting typebar parses nothing.",
    "    static let passages: [Passage] = [",
]
for pid, (title, difficulty, tags, text) in parsed:
    out.append(f"        Passage(id: {literal(pid)}, title: {literal(title)}, difficulty: .{difficulty}, "
               f"tags: [{', '.join(literal(tag) for tag in tags)}],")
    out.append(f"                text: {literal(text)}, origin: .builtIn),")
out += [
    "    ]",
    "",
    "    /// The passage files as they are in passages/, as `(path relative to passages/, contents)`, for `passages lint`.",
    "    static let files: [(path: String, contents: String)] = [",
]
out += raw
out += ["    ]", "}"]
(root / "Sources/TypeBarKit/Passages/BuiltInPassages.swift").write_text("\n".join(out) + "\n", encoding="utf-8")
print(f"embedded {len(files)} passages")
