#!/usr/bin/env bash
# Make sure Debian's Chromium is there for the browser tests (never a downloaded browser build).
# As root on a machine without it, install it with apt-get. Otherwise say what is missing:
# the browser tests then skip with a one-line reason, except under CI=true where they fail.
set -u
for candidate in "${CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then
    exit 0
  fi
done
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null && exit 0
  echo "Could not install chromium with apt-get." >&2
  [ "${CI:-}" = "true" ] && exit 1
  exit 0
fi
echo "Chromium is not installed and this user cannot install it (try: sudo apt-get install chromium)."
echo "The browser tests will be skipped."
[ "${CI:-}" = "true" ] && { echo "CI=true: a missing browser is a failure." >&2; exit 1; }
exit 0
