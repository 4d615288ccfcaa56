#!/usr/bin/env bash
# Prints the path of a promtool (Prometheus's rule checker), fetching one when none is at hand:
# the one on PATH, else .cache/promtool/promtool, else Debian's `prometheus` package downloaded
# (not installed: installing it would start a Prometheus service) and unpacked into that cache.
# Idempotent; ops/ops.test.ts looks in the same two places. Needs apt (Debian/Ubuntu) to fetch.
set -euo pipefail
cd "$(dirname "$0")/.."
cache=.cache/promtool

if command -v promtool >/dev/null 2>&1; then
  command -v promtool
  exit 0
fi
if [ -x "$cache/promtool" ]; then
  echo "$PWD/$cache/promtool"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "get-promtool: no promtool on PATH and no apt-get to fetch Debian's prometheus package; install Prometheus's promtool" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# apt drops privileges to _apt for downloads; let it write here (otherwise it warns and downloads as root).
if [ "$(id -u)" = 0 ] && id _apt >/dev/null 2>&1; then chown _apt "$work"; fi
download() { (cd "$work" && apt-get download -qq prometheus); }
if ! download; then
  # A fresh machine has no package lists yet, or stale ones naming a version the mirror dropped.
  apt-get update -qq
  download
fi
dpkg-deb -x "$work"/prometheus_*.deb "$work/unpacked"
mkdir -p "$cache"
install -m 755 "$work/unpacked/usr/bin/promtool" "$cache/promtool.partial"
mv "$cache/promtool.partial" "$cache/promtool"
"$cache/promtool" --version >&2
echo "$PWD/$cache/promtool"
