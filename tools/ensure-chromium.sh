#!/usr/bin/env bash
# Make sure Debian's Chromium is there for the browser tests (never a downloaded browser build).
exec bash "$(dirname "$0")/ensure-debian-package.sh" chromium "the browser tests" "sudo apt-get install chromium" \
  "${CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser
