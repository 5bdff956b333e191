#!/usr/bin/env bash
# Installs typebar for one user (default) or for a machine: a static release build (no Swift libraries needed at
# run time; every passage inside), its man page and bash, zsh and fish completions.
#
#   scripts/install.sh                   # into ~/.local: ~/.local/bin/typebar, ~/.local/share/man/man1/typebar.1, ...
#   scripts/install.sh --prefix /usr/local
#
# Needs Swift 6 and ncursesw's headers (apt-get install libncursesw5-dev) to build; the installed binary needs only
# ncursesw and the C library. The shells find the completions in PREFIX/share when PREFIX is ~/.local, /usr/local
# or /usr; `man typebar` finds the page when PREFIX/bin is on PATH.
set -euo pipefail
usage() { sed -n '2,11s/^# \{0,1\}//p' "$0"; }
prefix="$HOME/.local"
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a folder" >&2; exit 2; }; prefix="$2"; shift 2 ;;
        --prefix=*) prefix="${1#--prefix=}"; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "install.sh: unknown argument $1 (scripts/install.sh [--prefix DIR])" >&2; exit 2 ;;
    esac
done
[ -n "$prefix" ] || { echo "install.sh: --prefix needs a folder" >&2; exit 2; }
mkdir -p "$prefix"
prefix="$(cd "$prefix" && pwd)"
"$(dirname "${BASH_SOURCE[0]}")/stage.sh" "" "$prefix"
echo "installed typebar $("$prefix/bin/typebar" --version) in $prefix/bin"
case ":$PATH:" in
    *":$prefix/bin:"*) ;;
    *) echo "note: $prefix/bin is not on PATH; add it to use typebar and man typebar" ;;
esac
