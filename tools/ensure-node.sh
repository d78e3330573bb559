#!/usr/bin/env bash
# Make sure node is there for the site's scoring-parity tests (the site itself needs no node: it is built
# by Python and runs in the browser). As root on a machine without it, install Debian's nodejs with apt-get.
# Otherwise say what is missing: those tests then skip with a one-line reason, except under CI=true.
set -u
for candidate in "${NODE:-}" "$(command -v node 2>/dev/null)" "$(command -v nodejs 2>/dev/null)"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then
    exit 0
  fi
done
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's nodejs for the site's scoring tests..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq nodejs >/dev/null && exit 0
  echo "Could not install nodejs with apt-get." >&2
  [ "${CI:-}" = "true" ] && exit 1
  exit 0
fi
echo "node is not installed and this user cannot install it (try: sudo apt-get install nodejs, or node 20 from nodejs.org)."
echo "The site's scoring-parity tests will be skipped."
[ "${CI:-}" = "true" ] && { echo "CI=true: a missing node is a failure." >&2; exit 1; }
exit 0
