#!/usr/bin/env bash
# Builds a Debian package of typebar for a training room's machines: the same files as scripts/install.sh, under /usr.
#
#   scripts/package-deb.sh [--output DIR] [--debug-file]
#
# Writes DIR/typebar_VERSION_ARCH.deb (DIR: the current folder by default) and prints its path; with --debug-file
# also DIR/typebar.debug, the binary's symbol tables and debug information, which the packaged binary names
# (gnu_debuglink) and does not carry: gdb finds it as /usr/lib/debug/usr/bin/typebar.debug. Install the package with `apt-get install ./typebar_VERSION_ARCH.deb`.
#
# The package is laid out as Debian expects (lintian reports nothing but the overrides in packaging/, each with its
# reason): Depends lists the Debian packages that hold the shared libraries the binary links, found with dpkg -S; the
# copyright file is packaging/copyright; the changelog is one entry for this version. The maintainer is
# DEBFULLNAME <DEBEMAIL> when both are set, else git's user.name and user.email, else the author of the last commit.
set -euo pipefail
output="$PWD"
debug_file=0
while [ $# -gt 0 ]; do
    case "$1" in
        --output) [ $# -ge 2 ] || { echo "package-deb.sh: --output needs a folder" >&2; exit 2; }; output="$2"; shift 2 ;;
        --debug-file) debug_file=1; shift ;;
        -h|--help) sed -n '2,14s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) echo "package-deb.sh: unknown argument $1 (scripts/package-deb.sh [--output DIR] [--debug-file])" >&2; exit 2 ;;
    esac
done
for tool in dpkg-deb dpkg readelf objcopy gzip; do
    command -v "$tool" >/dev/null || { echo "package-deb.sh: $tool is missing (apt-get install dpkg-dev binutils)" >&2; exit 2; }
done
mkdir -p "$output"
output="$(cd "$output" && pwd)"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/root"
if [ "$debug_file" = 1 ]; then
    TYPEBAR_DEBUG_FILE="$work/typebar.debug" "$repo/scripts/stage.sh" "$root" /usr
else
    "$repo/scripts/stage.sh" "$root" /usr
fi
binary="$root/usr/bin/typebar"
version="$("$binary" --version)"
arch="$(dpkg --print-architecture)"

if [ -n "${DEBFULLNAME:-}" ] && [ -n "${DEBEMAIL:-}" ]; then
    maintainer="$DEBFULLNAME <$DEBEMAIL>"
elif [ -n "$(git -C "$repo" config user.name 2>/dev/null)" ] && [ -n "$(git -C "$repo" config user.email 2>/dev/null)" ]; then
    maintainer="$(git -C "$repo" config user.name) <$(git -C "$repo" config user.email)>"
else
    maintainer="$(git -C "$repo" log -1 --format='%an <%ae>' 2>/dev/null)" \
        || { echo "package-deb.sh: no maintainer: set DEBFULLNAME and DEBEMAIL" >&2; exit 2; }
fi

# The Debian package that holds a shared library (a soname), as this machine's dpkg knows it.
package_of() {
    local library="$1" path real candidate owner=""
    # awk reads to the end (no early exit), so ldconfig never writes into a closed pipe under pipefail.
    path="$(ldconfig -p | awk -v lib="$library" '$1 == lib && path == "" { path = $NF } END { print path }')"
    [ -n "$path" ] || { echo "package-deb.sh: no installed file for $library" >&2; exit 1; }
    # Merged-/usr systems list a library under /lib or /usr/lib: ask for each spelling of its path.
    real="$(readlink -f "$path")"
    for candidate in "$path" "$real" "${real#/usr}" "/usr${path#/usr}"; do
        owner="$(dpkg -S "$candidate" 2>/dev/null | sed -n '1s/:.*//p')" || true
        [ -z "$owner" ] || break
    done
    [ -n "$owner" ] || { echo "package-deb.sh: no Debian package holds $path" >&2; exit 1; }
    echo "$owner"
}
# One Debian package per shared library the binary links (the C library's); then the dictionary free-written
# replies are checked with, data the binary reads rather than links.
depends=()
for library in $(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
    depends+=("$(package_of "$library")")
done
depends+=(hunspell-en-us)
depends_line="$(printf '%s\n' "${depends[@]}" | sort -u | paste -sd, - | sed 's/,/, /g')"

# Debian's files beside the copyright: the changelog (a native package's, one entry for this version, dated by the
# last commit) and lintian's overrides, each with its reason.
doc="$root/usr/share/doc/typebar"
when="$(git -C "$repo" log -1 --format=%aD 2>/dev/null || date -R)"
revision="$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo "a source tree")"
gzip -9n >"$doc/changelog.gz" <<CHANGELOG
typebar ($version) unstable; urgency=medium

  * typebar $version, packaged from $revision.

 -- $maintainer  $when
CHANGELOG
install -d "$root/usr/share/lintian/overrides"
install -m 644 "$repo/packaging/lintian-overrides" "$root/usr/share/lintian/overrides/typebar"
chmod 644 "$doc/changelog.gz"

mkdir -p "$root/DEBIAN"
(cd "$root" && find usr -type f -print0 | sort -z | xargs -0 md5sum) >"$root/DEBIAN/md5sums"
cat >"$root/DEBIAN/control" <<CONTROL
Package: typebar
Version: $version
Architecture: $arch
Maintainer: $maintainer
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
if [ "$debug_file" = 1 ]; then
    mv "$work/typebar.debug" "$output/typebar.debug"
fi
echo "$deb"
