#!/usr/bin/env bash
# Renders an HTML report (e.g. target/online-retail/report.html, written by the examples) to a PNG screenshot with
# headless Chromium, so it can be looked at without a browser:
#
#   examples/scripts/screenshot-report.sh target/online-retail/report.html /tmp/report.png [width,height]
#
# The window is 1280x2000 pixels unless a third argument says otherwise. Chromium comes from the Debian package
# "chromium"; when it is missing it is installed with apt-get (as root, or through sudo), which is said first.
# The report is self-contained, and the browser runs with a throwaway profile and its background network
# features off.
set -euo pipefail

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
    echo "usage: $0 <report.html> <out.png> [width,height]" >&2
    exit 2
fi
report="$1"
out="$2"
size="${3:-1280,2000}"
if [ ! -f "$report" ]; then
    echo "no such report: $report (run an example first, e.g. OnlineRetailSegmentation)" >&2
    exit 2
fi
if ! [[ "$size" =~ ^[0-9]+,[0-9]+$ ]]; then
    echo "window size must be <width>,<height> in pixels but was '$size'" >&2
    exit 2
fi

browser=""
for b in chromium chromium-browser; do
    if command -v "$b" >/dev/null 2>&1; then
        browser="$(command -v "$b")"
        break
    fi
done
if [ -z "$browser" ]; then
    echo "chromium is not installed: installing the Debian package 'chromium' with apt-get" >&2
    sudo=""
    if [ "$(id -u)" != 0 ]; then
        command -v sudo >/dev/null 2>&1 || { echo "not root and no sudo: install chromium by hand" >&2; exit 1; }
        sudo=sudo
    fi
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get install -y -q chromium >&2 || { $sudo apt-get update -q >&2 && $sudo apt-get install -y -q chromium >&2; }
    browser="$(command -v chromium)"
fi

abs_report="$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
mkdir -p "$(dirname "$out")"
abs_out="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT

"$browser" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --hide-scrollbars --user-data-dir="$profile" --screenshot="$abs_out" \
    --window-size="$size" "file://$abs_report" >"$profile/chromium.log" 2>&1 || true

if [ ! -s "$abs_out" ]; then
    tail -20 "$profile/chromium.log" >&2
    echo "chromium wrote no screenshot to $abs_out" >&2
    exit 1
fi
echo "$abs_out"
