#!/usr/bin/env bash
# Builds the release binary the way it is installed and benchmarked: optimised, with the Swift runtime and
# Foundation linked in statically (--static-swift-stdlib), so the binary needs no Swift libraries at run time and
# starts without loading them. Prints the folder that holds the built products.
#
#   scripts/release-build.sh [PRODUCT...]      # default: typebar
#
# Every release build shares one scratch folder, .build-release, so the install, package and benchmark scripts
# reuse each other's work.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
flags=(-c release --static-swift-stdlib --scratch-path .build-release)
products=("$@")
[ ${#products[@]} -gt 0 ] || products=(typebar)
for product in "${products[@]}"; do
    swift build "${flags[@]}" --product "$product" >&2
done
swift build "${flags[@]}" --show-bin-path
