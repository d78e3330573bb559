#!/usr/bin/env bash
# Print the seminar hub's systemd unit for a hub installed in HUB_DIR, with its settings in ENV_FILE:
#   bash deploy/hub/render-service.sh HUB_DIR ENV_FILE
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: render-service.sh HUB_DIR ENV_FILE" >&2; exit 2; }
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
sed -e "s|@HUB_DIR@|$1|g" -e "s|@ENV_FILE@|$2|g" "$HERE/jane-susan-course-hub.service"
