#!/usr/bin/env bash
# Builds a Debian package of typebar for a training room's machines: the same files as scripts/install.sh, under /usr.
#
#   scripts/package-deb.sh [--output DIR]     # default DIR: the current folder; prints the .deb's path
#
# Install it with `apt-get install ./typebar_VERSION_ARCH.deb` (or `dpkg -i`). Depends lists the Debian packages
# that hold the shared libraries the binary links (ncursesw, the C library), found with dpkg -S.
set -euo pipefail
output="$PWD"
while [ $# -gt 0 ]; do
    case "$1" in
        --output) [ $# -ge 2 ] || { echo "package-deb.sh: --output needs a folder" >&2; exit 2; }; output="$2"; shift 2 ;;
        -h|--help) sed -n '2,7s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) echo "package-deb.sh: unknown argument $1 (scripts/package-deb.sh [--output DIR])" >&2; exit 2 ;;
    esac
done
for tool in dpkg-deb dpkg readelf; do
    command -v "$tool" >/dev/null || { echo "package-deb.sh: $tool is missing (apt-get install dpkg-dev binutils)" >&2; exit 2; }
done
mkdir -p "$output"
output="$(cd "$output" && pwd)"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/root"
"$repo/scripts/stage.sh" "$root" /usr
binary="$root/usr/bin/typebar"
version="$("$binary" --version)"
arch="$(dpkg --print-architecture)"

# One Debian package per shared library the binary needs, as this machine's dpkg knows them.
depends=()
for library in $(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
    # awk reads to the end (no early exit), so ldconfig never writes into a closed pipe under pipefail.
    path="$(ldconfig -p | awk -v lib="$library" '$1 == lib && path == "" { path = $NF } END { print path }')"
    [ -n "$path" ] || { echo "package-deb.sh: no installed file for $library" >&2; exit 1; }
    owner=""
    # Merged-/usr systems list a library under /lib or /usr/lib: ask for each spelling of its path.
    real="$(readlink -f "$path")"
    for candidate in "$path" "$real" "${real#/usr}" "/usr${path#/usr}"; do
        owner="$(dpkg -S "$candidate" 2>/dev/null | sed -n '1s/:.*//p')" || true
        [ -z "$owner" ] || break
    done
    [ -n "$owner" ] || { echo "package-deb.sh: no Debian package holds $path" >&2; exit 1; }
    depends+=("$owner")
done
# Data the binary reads rather than links: the dictionary free-written replies are spell-checked with.
depends+=(hunspell-en-us)
depends_line="$(printf '%s\n' "${depends[@]}" | sort -u | paste -sd, - | sed 's/,/, /g')"

mkdir -p "$root/DEBIAN"
cat >"$root/DEBIAN/control" <<CONTROL
Package: typebar
Version: $version
Architecture: $arch
Maintainer: typebar maintainers <typebar@localhost>
Depends: $depends_line
Section: education
Priority: optional
Installed-Size: $(du -sk "$root/usr" | cut -f1)
Description: typing trainer and assessment tool for chat-support jobs
 Practise on canned support replies against the 40-50 WPM hiring bar, run
 signed timed assessments, score keystroke logs from scripts, and report a
 class's results as HTML, CSV, JSON or Markdown.
CONTROL
deb="$output/typebar_${version}_${arch}.deb"
dpkg-deb --root-owner-group --build "$root" "$deb" >&2
echo "$deb"
