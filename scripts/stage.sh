#!/usr/bin/env bash
# Lays out an installed typebar under ROOT/PREFIX: what scripts/install.sh installs and scripts/package-deb.sh
# packages, from one static release build.
#
#   scripts/stage.sh ROOT PREFIX
#
#   PREFIX/bin/typebar                                     the static release binary (it carries every passage),
#                                                          stripped of its symbol tables and debug information
#   PREFIX/share/man/man1/typebar.1.gz                     the manual, generated from the command definitions
#   PREFIX/share/bash-completion/completions/typebar       bash completions
#   PREFIX/share/zsh/site-functions/_typebar               zsh completions
#   PREFIX/share/fish/vendor_completions.d/typebar.fish    fish completions
#   PREFIX/share/doc/typebar/copyright                     who wrote what the binary carries, under which licence
#
# With TYPEBAR_DEBUG_FILE=FILE the symbol tables and debug information go to FILE (objcopy --only-keep-debug), and
# the installed binary names it in its .gnu_debuglink section, so gdb and addr2line find it beside the binary or
# under /usr/lib/debug/PREFIX/bin.
# The man page comes from swift-argument-parser's generate-manual plugin, which builds the package and reads
# every command's arguments, options and help from the built binary (`typebar --experimental-dump-help`).
# Needs: swift, ncursesw's headers, readelf, strip and objcopy (binutils), gzip.
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
# The generator writes a blank line between a discussion's paragraphs, which mdoc warns about (lintian's
# groff-message): a paragraph macro says the same.
mend_manual() { sed 's/^$/.Pp/' "$1"; }
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
    "$dest/share/zsh/site-functions" "$dest/share/fish/vendor_completions.d" "$dest/share/doc/typebar"
install -m 755 "$bin/typebar" "$dest/bin/typebar"
# Symbol tables and debug information are nothing a user runs (docs/performance.md, "Package", gives the sizes):
# the installed binary keeps neither, nor the compilers' .comment notes. The Swift runtime finds its metadata
# through sections strip keeps, not through symbols.
if [ -n "${TYPEBAR_DEBUG_FILE:-}" ]; then
    objcopy --only-keep-debug "$bin/typebar" "$TYPEBAR_DEBUG_FILE"
    chmod 644 "$TYPEBAR_DEBUG_FILE"
fi
strip --strip-all --remove-section=.comment --remove-section=.note "$dest/bin/typebar"
if [ -n "${TYPEBAR_DEBUG_FILE:-}" ]; then
    objcopy --add-gnu-debuglink="$TYPEBAR_DEBUG_FILE" "$dest/bin/typebar"
fi
# The manual, compressed as Debian keeps manuals; its generator's markup is mended first (mend_manual).
mend_manual "$manuals/typebar.1" | gzip -9n >"$dest/share/man/man1/typebar.1.gz"
chmod 644 "$dest/share/man/man1/typebar.1.gz"
# A completion script is sourced, never run: no #! line.
"$bin/typebar" --generate-completion-script bash | sed '1{/^#!/d}' >"$dest/share/bash-completion/completions/typebar"
"$bin/typebar" --generate-completion-script zsh >"$dest/share/zsh/site-functions/_typebar"
"$bin/typebar" --generate-completion-script fish >"$dest/share/fish/vendor_completions.d/typebar.fish"
install -m 644 packaging/copyright "$dest/share/doc/typebar/copyright"
chmod 644 "$dest/share/bash-completion/completions/typebar" "$dest/share/zsh/site-functions/_typebar" \
    "$dest/share/fish/vendor_completions.d/typebar.fish"
