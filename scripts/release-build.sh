#!/usr/bin/env bash
# Builds the release binary the way it is installed and benchmarked: optimised, with the Swift runtime and
# Foundation linked in statically (--static-swift-stdlib), so the binary needs no Swift libraries at run time and
# starts without loading them. Two link options make the start cheaper still (docs/performance.md, "Start-up"):
# -no-pie, so the loader has no 118,000 relocations to apply to the binary, and --no-export-dynamic, so the
# binary's own 36,000 symbols are not published to the loader (the Swift runtime's start-up dladdr would walk them
# all). TYPEBAR_PIE=1 builds a position-independent binary instead, whose own code the kernel places at a random
# address like the libraries': slower to start (docs/performance.md, "Start-up", gives the figure and the command
# that measures it). Prints the folder that holds the built products.
#
#   scripts/release-build.sh [PRODUCT...]      # default: typebar
#
# Every release build shares one scratch folder, .build-release, so the install, package and benchmark scripts
# reuse each other's work.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
flags=(-c release --static-swift-stdlib -Xlinker --no-export-dynamic --scratch-path .build-release)
[ "${TYPEBAR_PIE:-}" = 1 ] || flags+=(-Xlinker -no-pie)
products=("$@")
[ ${#products[@]} -gt 0 ] || products=(typebar)
for product in "${products[@]}"; do
    swift build "${flags[@]}" --product "$product" >&2
done
swift build "${flags[@]}" --show-bin-path
