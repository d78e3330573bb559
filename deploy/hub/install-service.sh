#!/usr/bin/env bash
# `make hub-service`, as root: install the hub (install.sh), then run it as the systemd service
# jane-susan-course-hub, which starts at boot and survives the terminal. Its settings go in
# /etc/jane-susan-course-hub.env (made once, 0600, never overwritten): the COURSE_HUB_* variables that
# deploy/hub/jupyterhub_config.py documents. Where systemd is not running, the unit is still written and
# the commands to start it are printed.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HUB_DIR=${HUB_DIR:-$(bash "$ROOT/deploy/hub/hub-dir.sh")}
UNIT=/etc/systemd/system/jane-susan-course-hub.service
ENV_FILE=/etc/jane-susan-course-hub.env
say() { printf 'hub service: %s\n' "$*"; }
fail() { printf 'hub service: %s\n' "$*" >&2; exit 2; }

[ "$(id -u)" -eq 0 ] || fail "run it as root (sudo make hub-service): the hub starts each learner's server as that learner"
HUB_DIR=$HUB_DIR bash "$ROOT/deploy/hub/install.sh"
HUB_DIR=$(cd "$HUB_DIR" && pwd)
if [ ! -f "$ENV_FILE" ]; then
    (umask 077 && cat > "$ENV_FILE" <<SETTINGS
# Settings of the seminar hub (jane-susan-course-hub.service); every one is described at the top of
# $HUB_DIR/course/deploy/hub/jupyterhub_config.py. After a change: systemctl restart jane-susan-course-hub
COURSE_HUB_PORT=8000
# To let learners reach the hub from their own laptops, listen on the network, with TLS:
# COURSE_HUB_IP=0.0.0.0
# COURSE_HUB_SSL_CERT=/etc/ssl/course-hub/fullchain.pem
# COURSE_HUB_SSL_KEY=/etc/ssl/course-hub/privkey.pem
SETTINGS
    )
    say "wrote $ENV_FILE (the hub's settings; edit it, then restart the service)"
fi
bash "$ROOT/deploy/hub/render-service.sh" "$HUB_DIR" "$ENV_FILE" > "$UNIT"
say "wrote $UNIT"
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload
    systemctl enable --now jane-susan-course-hub
    say "started; see it with: systemctl status jane-susan-course-hub   and its log: journalctl -u jane-susan-course-hub"
else
    say "systemd is not running on this machine, so nothing was started. Where it runs:"
    say "  systemctl daemon-reload && systemctl enable --now jane-susan-course-hub"
fi
