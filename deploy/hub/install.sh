#!/usr/bin/env bash
# Install what `make hub` runs, inside the project, without touching the system:
#   $HUB_DIR/venv          JupyterHub, the idle culler, JupyterLab and the course, in a venv made from
#                          Debian's /usr/bin/python3 (every user can run it; a pyenv Python under
#                          root's 0700 home would not be)
#   $HUB_DIR/course        the instructors' full copy of this checkout (answers, guide, class view); its
#                          top folder is 0750, and `make hub` gives it to the instructors' group
#   $HUB_DIR/release       the student release (`course release`: no instructor cells, answers as salted
#                          hashes), readable by every user: learners' servers run the course from here
#   $HUB_DIR/chp           configurable-http-proxy from npm, run with the system's node
#
# HUB_DIR defaults to .hub in the checkout (deploy/hub/hub-dir.sh; a folder under /var/tmp when other users
# cannot reach the checkout). Learners' servers run as their own users, so every folder above HUB_DIR must
# let other users through (mode o+x); the script stops with a clear message if not.
# Re-running is cheap: the course copy is refreshed, and pip and npm run only when their inputs changed.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HUB_DIR=${HUB_DIR:-$(bash "$ROOT/deploy/hub/hub-dir.sh")}
PYTHON=${HUB_PYTHON:-/usr/bin/python3}
CHP_VERSION=5.3.0
REQUIREMENTS=$ROOT/deploy/hub/requirements.txt

say() { printf 'hub install: %s\n' "$*"; }
fail() { printf 'hub install: %s\n' "$*" >&2; exit 2; }

[ -x "$PYTHON" ] || fail "$PYTHON is missing. On Debian: apt-get install -y python3 python3-venv"
command -v npm >/dev/null || fail "npm is missing. The proxy needs node 20 or newer, with npm; Debian 12's own nodejs is node 18, so install node 20 or newer from nodejs.org"

mkdir -p "$HUB_DIR"
HUB_DIR=$(cd "$HUB_DIR" && pwd)
chmod 755 "$HUB_DIR"
# One install at a time in a folder: `make test` starts one in the background, and the hub tests wait for it.
exec 9>"$HUB_DIR/.install.lock"
flock 9

# Every folder from / down to HUB_DIR must be passable by other users.
dir=$HUB_DIR
while [ "$dir" != "/" ]; do
    mode=$(stat -c '%a' "$dir")
    if [ $(( 8#$mode & 1 )) -eq 0 ]; then
        fail "other users cannot pass through $dir (mode $mode), so learners' servers could not start.
Choose a folder they can reach, e.g.  make hub HUB_DIR=/srv/jane-susan-course-hub"
    fi
    dir=$(dirname "$dir")
done

# 1. The instructors' copy of the course (code, data with answers, notebooks, guide, deploy files).
COPY=$HUB_DIR/course
mkdir -p -m 0750 "$COPY"
chmod o-rwx "$COPY"  # closed before anything is copied in; `make hub` gives it to the instructors' group
tar -C "$ROOT" --exclude=.git --exclude=.venv --exclude=.hub --exclude=build --exclude=artifacts \
    --exclude='__pycache__' --exclude='*.egg-info' --exclude=.pytest_cache --exclude=.hypothesis \
    -cf - . | tar -C "$COPY" --no-same-owner -xf -
# files the checkout no longer has are removed from the copy, so a deleted module cannot linger
(cd "$ROOT" && find course data notebooks deploy -type f ! -path '*/__pycache__/*' | sort) > "$HUB_DIR/.wanted"
(cd "$COPY" && find course data notebooks deploy -type f ! -path '*/__pycache__/*' | sort) \
    | comm -13 "$HUB_DIR/.wanted" - | (cd "$COPY" && xargs -r rm -f --)
rm -f "$HUB_DIR/.wanted"
chmod -R u+rwX,go+rX,go-w "$COPY"
chmod o-rwx "$COPY"  # learners cannot pass into it, whatever the files inside allow

# 2. The venv (only when the requirements or the course's dependencies changed).
STAMP=$HUB_DIR/venv/.installed
WANT=$( (cat "$REQUIREMENTS" "$ROOT/pyproject.toml"; echo release) | sha256sum | cut -c1-16)
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$WANT" ]; then
    say "installing JupyterHub and the course into $HUB_DIR/venv (about a minute the first time)"
    [ -x "$HUB_DIR/venv/bin/python" ] || "$PYTHON" -m venv "$HUB_DIR/venv"
    # pip's output goes to pip.log, and is shown only when pip fails
    if ! { "$HUB_DIR/venv/bin/python" -m pip install --quiet --upgrade pip \
           && "$HUB_DIR/venv/bin/python" -m pip install --quiet -r "$REQUIREMENTS" -e "$COPY"; } \
           > "$HUB_DIR/pip.log" 2>&1; then
        cat "$HUB_DIR/pip.log" >&2
        fail "pip could not install the hub's packages (the log is above and in $HUB_DIR/pip.log)"
    fi
    rm -f "$HUB_DIR/venv/.course-tree"
    echo "$WANT" > "$STAMP"
fi

# 3. The student release, which learners' servers run: built from the instructors' copy whenever it
#    changed, and installed (editable) as the venv's `course`. Instructors' servers put the full copy
#    first on PYTHONPATH (jupyterhub_config.py).
RELEASE=$HUB_DIR/release
SOURCE=$(cd "$COPY" && find . -type f ! -path '*/__pycache__/*' ! -path './*.egg-info/*' -printf '%P %s %T@\n' \
    | sort | sha256sum | cut -c1-16)
if [ ! -f "$RELEASE/pyproject.toml" ] || [ "$(cat "$HUB_DIR/.release-source" 2>/dev/null)" != "$SOURCE" ]; then
    say "building the student release into $RELEASE"
    # run from the copy: `python -m` puts the working folder first on sys.path
    if ! (cd "$COPY" && PYTHONPATH=$COPY "$HUB_DIR/venv/bin/python" -m course release "$RELEASE" --force) \
           > "$HUB_DIR/release.log" 2>&1; then
        cat "$HUB_DIR/release.log" >&2
        fail "course release failed (the log is above and in $HUB_DIR/release.log)"
    fi
    echo "$SOURCE" > "$HUB_DIR/.release-source"
fi
chmod -R u+rwX,go+rX,go-w "$RELEASE"
if [ "$(cat "$HUB_DIR/venv/.course-tree" 2>/dev/null)" != "$RELEASE" ]; then
    if ! "$HUB_DIR/venv/bin/python" -m pip install --quiet --no-deps -e "$RELEASE" > "$HUB_DIR/pip.log" 2>&1; then
        cat "$HUB_DIR/pip.log" >&2
        fail "pip could not install the student release (the log is above and in $HUB_DIR/pip.log)"
    fi
    echo "$RELEASE" > "$HUB_DIR/venv/.course-tree"
fi
# the course's JupyterLab defaults (an editable install skips data files), and the terminal's shell:
# JupyterLab's default is a login shell (`sh -l`), and Debian's /etc/profile resets PATH, so `course`
# would not be found; an interactive bash with the course's start-up file puts the venv first on PATH.
OVERRIDES=$HUB_DIR/venv/share/jupyter/lab/settings/overrides.d
mkdir -p "$OVERRIDES"
cp "$COPY/jupyter-config/lab-settings/jane-susan-course.json" "$OVERRIDES/"
# (the server reads only extension switches from jupyter_server_config.d/, so this is the venv's main file)
mkdir -p "$HUB_DIR/venv/etc/jupyter"
sed "s|VENV_BIN|$HUB_DIR/venv/bin|g" "$COPY/deploy/hub/terminal.bashrc" > "$HUB_DIR/venv/etc/course-terminal.bashrc"
printf '{"ServerApp": {"terminado_settings": {"shell_command": ["/bin/bash", "--rcfile", "%s"]}}}\n' \
    "$HUB_DIR/venv/etc/course-terminal.bashrc" > "$HUB_DIR/venv/etc/jupyter/jupyter_server_config.json"
rm -f "$HUB_DIR/venv/etc/jupyter/jupyter_server_config.d/jane-susan-course-terminal.json"
chmod -R go+rX,go-w "$HUB_DIR/venv"

# 4. configurable-http-proxy, the hub's front door (JupyterHub has no proxy that works without node).
if [ ! -x "$HUB_DIR/chp/node_modules/.bin/configurable-http-proxy" ] \
    || [ "$(cat "$HUB_DIR/chp/.version" 2>/dev/null)" != "$CHP_VERSION" ]; then
    say "installing configurable-http-proxy $CHP_VERSION into $HUB_DIR/chp"
    mkdir -p "$HUB_DIR/chp"
    npm install --silent --no-fund --no-audit --prefix "$HUB_DIR/chp" "configurable-http-proxy@$CHP_VERSION" \
        2> >(grep -v 'EBADENGINE\|npm warn' >&2)
    echo "$CHP_VERSION" > "$HUB_DIR/chp/.version"
fi
# 5. The instructor's own checkout holds the answers, the guide and the facilitator notes. Learners log in on
# this machine, so say so plainly when other accounts can read them (the hub gives learners the student release).
if [ "$(id -u)" = 0 ] && [ "${COURSE_HUB_MODE:-system}" != demo ]; then
    readable=$(find "$ROOT/data" "$ROOT/docs" "$ROOT/notebooks" -perm -o+r -print -quit 2>/dev/null)
    if [ -n "$readable" ]; then
        say "WARNING: other accounts, learners included, can read this checkout's answers and instructor notes"
        say "  (for example $readable). Make them private before learners log in:"
        say "  chmod -R o-rwx $ROOT/data $ROOT/docs $ROOT/notebooks"
    fi
fi
say "ready in $HUB_DIR"
