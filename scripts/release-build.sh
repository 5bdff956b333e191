#!/usr/bin/env bash
# Builds the release binary the way it is installed and benchmarked: optimised, with the Swift runtime and
# Foundation linked in statically (--static-swift-stdlib), so the binary needs no Swift libraries at run time and
# starts without loading them. What else makes the start cheaper (docs/performance.md, "Start-up", has the figures
# and the commands that measure them):
# - The C++ runtime the Swift runtime is written against (libstdc++), the unwinder (libgcc), Hunspell, and ncursesw
#   with its terminfo reader (libtinfo) are linked from their static archives (Debian's libstdc++-12-dev,
#   libhunspell-dev and libncurses-dev), so the loader neither maps them nor binds their thousands of symbols at each
#   start: the binary loads only the C library (libc and libm; glibc is left shared, as its LGPL licence expects of
#   a program that does not ship its object files). The toolchain names them `-lstdc++`, `-lhunspell` and
#   `-lncursesw`; given a folder that holds only their archives ahead of the others, the linker takes the archives.
#   ncursesw's archive needs the terminfo reader's after it (`-ltinfo`).
# - C++'s standard streams left unbuilt: ICU's calendar sources, linked in through Foundation, include <iostream>,
#   whose static constructor would build std::cout, std::cin and the six others, and the classic locale, before
#   `main` (49,000 instructions) for streams nothing in typebar uses. typebar's link sends that constructor to an
#   empty one (--wrap; Sources/CTerminal/StandardStreams.c), and is refused when any code but ios_base::Init's own
#   names a standard stream (the linker's --trace-symbol lists each file that does).
# - No `$ORIGIN` run path (--disable-local-rpath): the loader would look for each library beside the binary first.
# - Linked by lld, the toolchain's linker (-use-ld=lld), laid out by scripts/startup.order (--symbol-ordering-file):
#   the functions a start runs, together, so the kernel maps them in a few page faults instead of some hundreds
#   (every Swift function has a section of its own, -function-sections); then the variables its typing screens
#   touch, together. lld moves the whole section that holds a named symbol, so Swift's metadata caches and
#   once-tokens, which an object file keeps in one section, come together too (gold orders sections by name only,
#   and left them spread over a megabyte). scripts/startup.ld keeps the code of features no start runs, and the
#   code that runs before the huge-page hint (Sources/CTerminal/HugeText.c), away from the start's own; -z
#   max-page-size=0x200000 keeps each segment's file offset and address alike modulo 2 MB, as the kernel's 2 MB
#   mappings of a file need. scripts/startup-order.py writes the order from a profile of the starts; a stale file
#   costs speed, never correctness (names it lacks are laid out as before).
# - Concrete types' metadata reached through their accessors, not built from their mangled names
#   (-disable-concrete-type-metadata-mangled-name-accessors): by name, each type a start first uses (an array of
#   cells, of glyphs, an optional) is demangled and looked up, 3,000-5,000 instructions; the binary grows 0.3 MB.
# - -no-pie, so the loader has no 118,000 relocations to apply to the binary, and --no-export-dynamic, so the
#   binary's own 36,000 symbols are not published to the loader (the Swift runtime's start-up dladdr would walk
#   them all). TYPEBAR_PIE=1 builds a position-independent binary instead, whose own code the kernel places at a
#   random address like the libraries': slower to start.
# Prints the folder that holds the built products.
#
#   scripts/release-build.sh [PRODUCT...]      # default: typebar
#
# Every release build shares one scratch folder, .build-release, so the install, package and benchmark scripts
# reuse each other's work.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
static=.build-release/static-archives
mkdir -p "$static"
# Where a compiler driver (any of them) or the multiarch folder keeps an archive.
find_archive() {
    local tool found dir
    for tool in c++ gcc clang; do
        command -v "$tool" >/dev/null 2>&1 || continue
        found="$("$tool" -print-file-name="$1" 2>/dev/null)" || continue
        if [ "$found" != "$1" ] && [ -f "$found" ]; then echo "$found"; return; fi
    done
    for dir in "/usr/lib/$(uname -m)-linux-gnu" /usr/lib64 /usr/lib; do
        if [ -f "$dir/$1" ]; then echo "$dir/$1"; return; fi
    done
}
for archive in libstdc++.a libhunspell.a libncursesw.a libtinfo.a; do
    found="$(find_archive "$archive")"
    [ -n "$found" ] || { echo "release-build.sh: no $archive (apt-get install libstdc++-12-dev libhunspell-dev libncurses-dev)" >&2; exit 2; }
    ln -sfn "$found" "$static/$archive"
done
linker() { printf -- '-Xswiftc\n-Xclang-linker\n-Xswiftc\n%s\n' "$@"; }
mapfile -t link < <(linker "-L$PWD/$static" -static-libgcc)
flags=(-c release --static-swift-stdlib --scratch-path .build-release --disable-local-rpath "${link[@]}" -Xlinker -ltinfo
    -Xswiftc -Xfrontend -Xswiftc -function-sections
    -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors
    -Xswiftc -use-ld=lld -Xlinker --no-export-dynamic
    -Xlinker "--symbol-ordering-file=$PWD/scripts/startup.order" -Xlinker --no-warn-symbol-ordering
    -Xlinker -T -Xlinker "$PWD/scripts/startup.ld" -Xlinker -z -Xlinker max-page-size=0x200000)
# typebar's own: the streams left unbuilt (the empty constructor is CTerminal's, which the benchmarks' helpers do not
# link), and each file that refers to a standard stream named by the linker (checked below).
unbuilt_streams=(-Xlinker --wrap=_ZNSt8ios_base4InitC1Ev)
for stream in _ZSt3cin _ZSt4cout _ZSt4cerr _ZSt4clog _ZSt4wcin _ZSt5wcout _ZSt5wcerr _ZSt5wclog; do
    unbuilt_streams+=(-Xlinker "--trace-symbol=$stream")
done
[ "${TYPEBAR_PIE:-}" = 1 ] || flags+=(-Xlinker -no-pie)
products=("$@")
[ ${#products[@]} -gt 0 ] || products=(typebar)
output="$(mktemp)"
trap 'rm -f "$output"' EXIT
for product in "${products[@]}"; do
    own=()
    [ "$product" != typebar ] || own=("${unbuilt_streams[@]}")
    swift build "${flags[@]}" "${own[@]}" --product "$product" 2>&1 | tee "$output" >&2
    # ios_base::Init is wrapped into nothing (Sources/CTerminal/StandardStreams.c), so the standard streams are never
    # built: a link in which any code but Init's own (or the file that holds the streams) names one of them is
    # refused.
    streams='reference to _ZSt[0-9]+w?c(in|out|err|log)$'
    if grep -E "$streams" "$output" | grep -v -E '\((ios_init|globals_io)\.o\): '; then
        echo "release-build.sh: the code above uses C++'s standard streams, which this build leaves unbuilt (--wrap=_ZNSt8ios_base4InitC1Ev): drop the wrap or that use" >&2
        exit 1
    fi
done
swift build "${flags[@]}" --show-bin-path
