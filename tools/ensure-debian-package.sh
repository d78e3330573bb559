#!/usr/bin/env bash
# Make sure a program from a Debian package is there for some of the tests.
# Usage: ensure-debian-package.sh PACKAGE "WHAT IT IS FOR" "HINT IF MISSING" CANDIDATE...
# Exits 0 when one CANDIDATE (a path, or empty) is executable. As root on a machine without it, installs
# PACKAGE with apt-get. Otherwise says what is missing: those tests then skip with a one-line reason,
# except under CI=true where a missing program is a failure.
set -u
package=$1 purpose=$2 hint=$3
shift 3
for candidate in "$@"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then
    exit 0
  fi
done
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's $package for $purpose..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "$package" >/dev/null && exit 0
  echo "Could not install $package with apt-get." >&2
  [ "${CI:-}" = "true" ] && exit 1
  exit 0
fi
echo "$package is not installed and this user cannot install it (try: $hint)."
echo "Without it, $purpose will be skipped."
[ "${CI:-}" = "true" ] && { echo "CI=true: a missing $package is a failure." >&2; exit 1; }
exit 0
