#!/usr/bin/env bash
# Runs typebar's fuzz targets with libFuzzer (docs/fuzzing.md).
#
#   scripts/fuzz.sh TARGET SECONDS [LIBFUZZER OPTIONS...]    one target, e.g. scripts/fuzz.sh keystroke-log 600
#   scripts/fuzz.sh all SECONDS                               every target, SECONDS each, FUZZ_JOBS at a time
#   scripts/fuzz.sh TARGET run FILE...                        run inputs once (a crash to reproduce), no fuzzing
#
# Targets: keystroke-log history-line assessment-config passage key-decoder report chat-log scenario
# chat-assessment settings store-record desk-session.
# Builds Fuzz/ with --sanitize=fuzzer --sanitize=address into its own scratch folder (FUZZ_BUILD, default
# Fuzz/.build), so the top-level .build is never touched. The seed corpus in Fuzz/corpus/TARGET is read, never
# written; inputs that reach new code are kept in FUZZ_WORK/corpus/TARGET (default Fuzz/.build/fuzz) and
# crashes are written to FUZZ_WORK/crashes/TARGET/. Exit status: 0 no crash, 1 a target crashed (or ran out of
# memory or time on one input), 2 usage. With `all`, FUZZ_JOBS targets (default: the machine's processors, at most
# 4) run side by side, one libFuzzer process each, and each one's report is printed whole once it has ended.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
targets=(keystroke-log history-line assessment-config passage key-decoder report chat-log scenario chat-assessment
         settings store-record desk-session)
build=${FUZZ_BUILD:-$root/Fuzz/.build}
work=${FUZZ_WORK:-$build/fuzz}

usage() {
    sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

[ $# -ge 2 ] || usage
target=$1
seconds=$2
shift 2

known=0
for name in "${targets[@]}" all; do [ "$name" = "$target" ] && known=1; done
if [ $known -eq 0 ]; then
    echo "fuzz.sh: unknown target '$target'; the targets are: ${targets[*]} (or all)" >&2
    exit 2
fi
if [ "$seconds" != run ] && ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
    echo "fuzz.sh: SECONDS must be a whole number above 0 (or 'run' with input files), not '$seconds'" >&2
    exit 2
fi

# The longest input each target is given: enough for its formats' real files (a history line of a long test is
# about 2 KB), small enough that every run stays quick.
max_len() {
    case $1 in
        history-line|report|store-record|scenario) echo 16384 ;;
        keystroke-log|chat-log|desk-session) echo 8192 ;;
        key-decoder) echo 1024 ;;
        *) echo 4096 ;;
    esac
}

# The format's tokens, where a target has them (Fuzz/dictionaries).
dictionary() {
    [ -f "$root/Fuzz/dictionaries/$1.dict" ] && echo "-dict=$root/Fuzz/dictionaries/$1.dict"
    return 0
}

# swiftc keeps only the last -sanitize= it is given, and `swift build --sanitize=fuzzer --sanitize=address`
# passes two, in an order that changes from run to run (each change rebuilds everything, and half the time the
# Swift code gets no coverage). So SwiftPM is asked for the fuzzer alone (it then links libFuzzer's main), and
# swiftc and clang get both sanitizers in one flag each.
flags=(--package-path "$root/Fuzz" --scratch-path "$build" --sanitize=fuzzer
       -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=address)

# SwiftPM plans the build again when the root manifest changes, but does not notice files added to or removed from
# a dependency on disk (typebar itself, here): a newer manifest time makes it look again.
touch "$root/Fuzz/Package.swift"

echo "fuzz.sh: building the fuzz targets (sanitizers: fuzzer, address) in $build"
set +e
swift build "${flags[@]}" 2>&1 \
    | grep -Ev '^\[[0-9]+/[0-9]+\] (Compiling|Emitting|Wrapping|Write|Linking|Applying)|Cannot export local symbol'
built=${PIPESTATUS[0]}
set -e
if [ "$built" -ne 0 ]; then
    echo "fuzz.sh: the fuzz targets did not build" >&2
    exit 2
fi
bin=$(swift build "${flags[@]}" --show-bin-path)

# The readers take their input from a file: keep it in memory, and remove it afterwards.
scratch=$(mktemp -d "$( [ -w /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")/typebar-fuzz.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# Leak checking is off: the Swift runtime keeps metadata and caches for the life of the process. The Swift
# runtime's backtracer is off too: libFuzzer prints the stack itself, and the backtracer's reads of the crashed
# stack look like memory errors to AddressSanitizer.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1}
export SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-enable=no}

run_one() {
    local name=$1
    local binary=$bin/fuzz-$name
    [ -x "$binary" ] || { echo "fuzz.sh: $binary was not built" >&2; return 1; }
    mkdir -p "$work/corpus/$name" "$work/crashes/$name"
    echo "fuzz.sh: $name for $seconds s (corpus $work/corpus/$name, crashes in $work/crashes/$name)"
    # New inputs go to the first folder; the seeds are only read. Progress lines are left out of the log.
    set +e
    TMPDIR=$scratch "$binary" \
        -max_total_time="$seconds" -max_len="$(max_len "$name")" -rss_limit_mb=2048 -malloc_limit_mb=2048 -timeout=10 \
        -artifact_prefix="$work/crashes/$name/" -print_final_stats=1 $(dictionary "$name") ${extra[@]+"${extra[@]}"} \
        "$work/corpus/$name" "$root/Fuzz/corpus/$name" 2>&1 \
        | grep -Ev '^#[0-9]+[[:space:]]+(NEW|REDUCE|pulse)|NEW_FUNC|^"|recommended dictionary'
    local status=${PIPESTATUS[0]}
    set -e
    return "$status"
}

extra=("$@")
if [ "$seconds" = run ]; then
    [ "$target" != all ] && [ $# -gt 0 ] || usage
    TMPDIR=$scratch exec "$bin/fuzz-$target" -rss_limit_mb=2048 -malloc_limit_mb=2048 -timeout=10 "$@"
fi

if [ "$target" = all ]; then
    processors=$(nproc 2>/dev/null || echo 1)
    jobs=${FUZZ_JOBS:-$((processors < 4 ? processors : 4))}
    [[ "$jobs" =~ ^[1-9][0-9]*$ ]] || { echo "fuzz.sh: FUZZ_JOBS must be a whole number above 0, not '$jobs'" >&2; exit 2; }
    # The targets in turn, `jobs` at a time, each writing its report to a file of its own that is printed whole once
    # it has ended (the oldest first), so reports never interleave.
    failed=() pids=() names=()
    finish_oldest() {
        local status=0
        wait "${pids[0]}" || status=$?
        cat "$scratch/${names[0]}.log"
        [ "$status" -eq 0 ] || failed+=("${names[0]}")
        pids=("${pids[@]:1}") names=("${names[@]:1}")
    }
    for name in "${targets[@]}"; do
        [ ${#pids[@]} -lt "$jobs" ] || finish_oldest
        run_one "$name" >"$scratch/$name.log" 2>&1 &
        pids+=($!) names+=("$name")
    done
    while [ ${#pids[@]} -gt 0 ]; do finish_oldest; done
    if [ ${#failed[@]} -gt 0 ]; then
        echo "fuzz.sh: crashes in: ${failed[*]} (inputs in $work/crashes/)" >&2
        exit 1
    fi
    echo "fuzz.sh: no crash in ${#targets[@]} targets, $seconds s each"
else
    if ! run_one "$target"; then
        echo "fuzz.sh: $target crashed (input in $work/crashes/$target/)" >&2
        exit 1
    fi
fi
