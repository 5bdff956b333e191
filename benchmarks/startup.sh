#!/usr/bin/env bash
# Start-up benchmark: `typebar --version` and `typebar passages list` (release build as installed), timed with
# hyperfine beside GNU Typist's `gtypist --version` when it is installed, and counted in instructions with
# callgrind, which a busy machine does not change; then the instructions a typing screen's start spends up to the
# terminal, without a settings file and with one.
#
#   benchmarks/startup.sh
#
# Needs: swift, hyperfine; valgrind for the instruction counts; gtypist for the comparison (all apt-get install).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
command -v hyperfine >/dev/null || { echo "startup.sh: hyperfine is missing (apt-get install -y hyperfine)" >&2; exit 2; }

echo "== building (release, Swift runtime linked statically: scripts/release-build.sh)"
bin="$(scripts/release-build.sh typebar)/typebar"
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"

commands=("$bin --version" "$bin passages list")
if command -v gtypist >/dev/null; then commands+=("gtypist --version"); fi
hyperfine -N --warmup 5 --runs 100 "${commands[@]}"

if command -v valgrind >/dev/null; then
    # valgrind cannot read the DWARF the Swift toolchain writes; a copy without it keeps the symbols.
    copy="$(mktemp)"
    trap 'rm -f "$copy" "$copy.out"' EXIT
    strip --strip-debug -o "$copy" "$bin"
    for arguments in "--version" "passages list"; do
        # shellcheck disable=SC2086
        valgrind --tool=callgrind --callgrind-out-file="$copy.out" "$copy" $arguments >/dev/null 2>"$copy.log" || true
        echo "instructions, typebar $arguments: $(sed -n 's/.*refs: *//p' "$copy.log")"
        rm -f "$copy.log"
    done
    # Reading the settings (docs/settings.md): `typebar practice` without a terminal reads the settings and the
    # passages, then stops with its "needs a terminal" message: counted without a settings file and with one
    # holding eight keys (no store, which would be opened).
    settings="$(mktemp -d)"
    trap 'rm -f "$copy" "$copy.out"; rm -rf "$settings"' EXIT
    mkdir -p "$settings/without" "$settings/with/typebar"
    printf '%s\n' "# a candidate's settings" "bar: 45" "min_accuracy: 97" "test_minutes: 2" "chat_mode: guided" "chats: 3" \
        "colours: 256" "live_figures: hidden" "history: $settings/history.jsonl" >"$settings/with/typebar/settings.yaml"
    for config in without with; do
        env -u NO_COLOR -u TYPEBAR_SETTINGS -u TYPEBAR_HISTORY -u TYPEBAR_STORE XDG_CONFIG_HOME="$settings/$config" HOME="$settings" \
            valgrind --tool=callgrind --callgrind-out-file="$copy.out" "$copy" practice --passage billing/charged-twice \
            </dev/null >/dev/null 2>"$copy.log" || true
        echo "instructions, typebar practice up to its terminal, $config a settings file: $(sed -n 's/.*refs: *//p' "$copy.log")"
        rm -f "$copy.log"
    done
fi
