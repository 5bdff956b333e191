#!/usr/bin/env bash
# Lays out an installed typebar under ROOT/PREFIX: what scripts/install.sh installs and scripts/package-deb.sh
# packages, from one static release build.
#
#   scripts/stage.sh ROOT PREFIX
#
#   PREFIX/bin/typebar                                     the static release binary (it carries every passage),
#                                                          without its debug information
#   PREFIX/share/man/man1/typebar.1                        the manual, generated from the command definitions
#   PREFIX/share/bash-completion/completions/typebar       bash completions
#   PREFIX/share/zsh/site-functions/_typebar               zsh completions
#   PREFIX/share/fish/vendor_completions.d/typebar.fish    fish completions
#
# The man page comes from swift-argument-parser's generate-manual plugin, which builds the package and reads
# every command's arguments, options and help from the built binary (`typebar --experimental-dump-help`).
# Needs: swift, ncursesw's headers, readelf and strip (binutils).
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: scripts/stage.sh ROOT PREFIX" >&2; exit 2; }
root="$1"
prefix="$2"
case "$prefix" in
    /*) ;;
    *) echo "stage.sh: PREFIX must be an absolute path, not $prefix" >&2; exit 2 ;;
esac
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

# The manual: swift-argument-parser's generate-manual plugin builds every product (in debug mode, in the usual
# .build folder, which `swift build` and `swift test` have mostly built already: the page is the same whatever the
# build) and runs its generator on them. It never touches .build-release, whose binary it would relink against
# the shared Swift runtime.
manuals=.build/plugins/GenerateManual/outputs/typebar
rm -f "$manuals/typebar.1"
swift package plugin generate-manual --configuration debug \
    --date "$(git log -1 --format=%cs 2>/dev/null || date -u +%F)" >&2
[ -s "$manuals/typebar.1" ] || { echo "stage.sh: the manual generator wrote no $manuals/typebar.1" >&2; exit 1; }

bin="$(scripts/release-build.sh typebar)"
if readelf -d "$bin/typebar" | grep 'NEEDED.*libswift' >/dev/null; then
    echo "stage.sh: $bin/typebar links the Swift runtime dynamically: remove .build-release/release.yaml and run again" >&2
    exit 1
fi

dest="$root$prefix"
install -d "$dest/bin" "$dest/share/man/man1" "$dest/share/bash-completion/completions" \
    "$dest/share/zsh/site-functions" "$dest/share/fish/vendor_completions.d"
install -m 755 "$bin/typebar" "$dest/bin/typebar"
# The debug information is most of the file and nothing a user runs; the symbols stay, for readable crash reports.
strip --strip-debug "$dest/bin/typebar"
install -m 644 "$manuals/typebar.1" "$dest/share/man/man1/typebar.1"
"$bin/typebar" --generate-completion-script bash >"$dest/share/bash-completion/completions/typebar"
"$bin/typebar" --generate-completion-script zsh >"$dest/share/zsh/site-functions/_typebar"
"$bin/typebar" --generate-completion-script fish >"$dest/share/fish/vendor_completions.d/typebar.fish"
chmod 644 "$dest/share/bash-completion/completions/typebar" "$dest/share/zsh/site-functions/_typebar" \
    "$dest/share/fish/vendor_completions.d/typebar.fish"
