#!/usr/bin/env bash
# Checks what the install and package scripts produce, end to end: builds the .deb (scripts/package-deb.sh),
# unpacks it into a scratch root (dpkg -x) and runs the installed typebar and its man page there; checks the
# binary is stripped, needs no Swift library and, copied alone, still has every passage; runs
# lintian on the package when it is installed (any error or warning not overridden fails); and checks that
# scripts/install.sh --prefix lays out the same files. Exits non-zero at the first thing that is wrong.
#
#   scripts/check-install.sh
#
# It needs a static release build (several minutes the first time; later runs reuse .build-release).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "check-install: $*" >&2; exit 1; }

deb="$(scripts/package-deb.sh --output "$work")"
[ -f "$deb" ] || fail "package-deb.sh made no .deb"
version="$(dpkg-deb -f "$deb" Version)"
expected="$(grep -h "static let current = " Sources/*/Version.swift | sed -n 's/.*static let current = "\(.*\)".*/\1/p' | sed -n 1p)"
[ "$version" = "$expected" ] || fail "the package's version is '$version', typebar's is '$expected'"
for needed in libc6 hunspell-en-us; do
    dpkg-deb -f "$deb" Depends | grep "$needed" >/dev/null || fail "Depends does not name $needed: $(dpkg-deb -f "$deb" Depends)"
done

root="$work/root"
dpkg -x "$deb" "$root"
for file in usr/bin/typebar usr/share/man/man1/typebar.1.gz usr/share/bash-completion/completions/typebar \
    usr/share/zsh/site-functions/_typebar usr/share/fish/vendor_completions.d/typebar.fish \
    usr/share/doc/typebar/copyright usr/share/doc/typebar/changelog.gz usr/share/lintian/overrides/typebar; do
    [ -s "$root/$file" ] || fail "the package has no $file"
done
[ "$("$root/usr/bin/typebar" --version)" = "$expected" ] || fail "the installed typebar --version is not $expected"

page="$(MANWIDTH=100 man -l "$root/usr/share/man/man1/typebar.1.gz" 2>&1)" || fail "man -l failed: $page"
for word in NAME SYNOPSIS typebar practice assess score report passages --minutes; do
    grep -q -- "$word" <<<"$page" || fail "the man page does not mention $word"
done

bash -c "source '$root/usr/share/bash-completion/completions/typebar' && complete -p typebar" >/dev/null \
    || fail "the bash completions register nothing for typebar"
grep -q "#compdef typebar" "$root/usr/share/zsh/site-functions/_typebar" || fail "the zsh completions are not a #compdef file"
grep -q "complete -c 'typebar'" "$root/usr/share/fish/vendor_completions.d/typebar.fish" || fail "the fish completions complete nothing"

# Stripped: no symbol table, no debug information.
if readelf -S -W "$root/usr/bin/typebar" | grep -E ' \.(symtab|strtab|debug_[a-z_]+) ' >/dev/null; then
    fail "the binary is not stripped: $(readelf -S -W "$root/usr/bin/typebar" | grep -oE ' \.(symtab|debug_[a-z_]+) ' | tr -d '\n')"
fi
# Self-contained: the loader maps only the C library (the Swift runtime, Foundation, the C++ runtime, Hunspell and
# ncursesw are linked in from their archives; scripts/release-build.sh says why), every passage is inside the
# binary alone, and its Hunspell finds the two misspellings of a free-mode example with the dictionary Depends names.
needed="$(readelf -d "$root/usr/bin/typebar" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort | paste -sd' ' -)"
[ "$needed" = "ld-linux-x86-64.so.2 libc.so.6 libm.so.6" ] || fail "the binary loads more than the C library: $needed"
mkdir "$work/alone"
cp "$root/usr/bin/typebar" "$work/alone/typebar"
shipped="$(find passages -name '*.txt' | wc -l)"
listed="$(cd "$work/alone" && env -u TYPEBAR_PASSAGES ./typebar passages list | tail -1)"
[ "${listed%% passages*}" = "$shipped" ] || fail "the binary copied alone lists '$listed', not $shipped passages"
# Exit 1: scored, below the bar (the example's agent is careless on purpose).
env -u TYPEBAR_DICTIONARY "$work/alone/typebar" score --keys examples/free-monday-rush.jsonl --json >"$work/free.json" \
    || [ $? = 1 ] || fail "the binary alone could not score examples/free-monday-rush.jsonl"
grep -q '"misspelt":\["recieve","monney"\]' "$work/free.json" \
    || fail "the binary alone did not find the misspellings of examples/free-monday-rush.jsonl: $(cat "$work/free.json")"

# Debian's own checks: no error and no warning but those packaging/lintian-overrides gives a reason for.
lintian_result="lintian not installed"
if command -v lintian >/dev/null; then
    # --show-overrides would make lintian count the overridden tags towards --fail-on: it is left off.
    lintian --fail-on error,warning --display-level ">=warning" "$deb" >"$work/lintian.txt" 2>&1 \
        || { cat "$work/lintian.txt" >&2; fail "lintian reports errors or warnings on $(basename "$deb")"; }
    lintian_result="lintian clean but for packaging/lintian-overrides"
fi

# scripts/install.sh lays out the same files (with the same contents) under its prefix, less Debian's changelog and
# lintian overrides.
scripts/install.sh --prefix "$work/prefix" >/dev/null
diff -r -x changelog.gz -x lintian "$work/prefix" "$root/usr" || fail "install.sh --prefix and the .deb install different files"
echo "check-install: ok: $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB): version, man page, completions, stripped self-contained binary, $lintian_result, install.sh"
