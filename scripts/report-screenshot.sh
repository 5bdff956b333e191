#!/bin/sh
# Renders an HTML report (typebar report --format html) to a PNG with headless Chromium, to check how it looks
# without opening a browser. With a third argument, also prints it to that PDF, as a browser's print would.
#
#   scripts/report-screenshot.sh report.html report.png [report.pdf]
#
# Set WIDTH and HEIGHT to change the window (default 1200 by 1600 pixels). Chromium is not needed for anything
# else in typebar; on Debian or Ubuntu: apt-get update && apt-get install -y chromium
set -eu

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
    echo "usage: $0 REPORT.html OUT.png [OUT.pdf]" >&2
    exit 64
fi
html=$1
png=$2
pdf=${3:-}

if [ ! -f "$html" ]; then
    echo "$0: no such file: $html" >&2
    exit 66
fi

browser=
for name in chromium chromium-browser google-chrome google-chrome-stable; do
    if command -v "$name" >/dev/null 2>&1; then
        browser=$name
        break
    fi
done
if [ -z "$browser" ]; then
    echo "$0: Chromium is not installed (looked for chromium, chromium-browser, google-chrome)." >&2
    echo "Install it with: apt-get update && apt-get install -y chromium" >&2
    exit 69
fi

# Chromium wants an absolute file:// URL and absolute output paths.
absolute() {
    case $1 in
        /*) printf '%s\n' "$1" ;;
        *) printf '%s/%s\n' "$(pwd)" "$1" ;;
    esac
}
url="file://$(absolute "$html")"
png=$(absolute "$png")

# --no-sandbox: Chromium refuses to start as root otherwise (containers, CI). The page fetches nothing, so this
# opens no door. A throwaway profile keeps runs from touching, or depending on, the user's own.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
run() {
    "$browser" --headless --disable-gpu --no-sandbox --hide-scrollbars --user-data-dir="$profile" \
        --no-first-run --no-default-browser-check "$@" "$url" 2>"$profile/log" || {
        cat "$profile/log" >&2
        exit 70
    }
}

run --screenshot="$png" --window-size="${WIDTH:-1200},${HEIGHT:-1600}"
echo "wrote $png"
if [ -n "$pdf" ]; then
    pdf=$(absolute "$pdf")
    run --print-to-pdf="$pdf" --no-pdf-header-footer
    echo "wrote $pdf"
fi
