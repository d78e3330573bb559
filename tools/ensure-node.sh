#!/usr/bin/env bash
# Make sure node is there for the site's scoring-parity tests (the site itself needs no node: it is built
# by Python and runs in the browser).
exec bash "$(dirname "$0")/ensure-debian-package.sh" nodejs "the site's scoring-parity tests" \
  "sudo apt-get install nodejs, or node 20 from nodejs.org" \
  "${NODE:-}" "$(command -v node 2>/dev/null)" "$(command -v nodejs 2>/dev/null)"
