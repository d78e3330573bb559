"""Running the site's JavaScript modules under node, in one process per batch of calls.

``run_js(script, payload)`` pipes ``payload`` as JSON into ``node -e script`` (which can ``require``
the modules in ``STATIC``) and returns the JSON it prints. Node is looked up as ``$NODE``, then on the
PATH; without it the tests skip with a one-line reason (``make node`` installs it), or fail under CI=true.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[3]
STATIC = REPO / "course" / "delivery" / "site" / "static"
TIMEOUT = 120


def find_node() -> str | None:
    """The node executable, or None."""
    candidate = os.environ.get("NODE")
    if candidate and os.access(candidate, os.X_OK):
        return candidate
    return shutil.which("node") or shutil.which("nodejs")


def node_or_skip() -> str:
    path = find_node()
    if path is None:
        reason = "node is not installed (make node installs it as root, or: sudo apt-get install nodejs)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true: {reason}", pytrace=False)
        pytest.skip(reason)
    return path


def run_js(script: str, payload: Any) -> Any:
    """Run ``script`` under node with ``payload`` on stdin (JSON); return its stdout as JSON."""
    node = node_or_skip()
    prelude = (
        f"const STATIC = {json.dumps(str(STATIC))};\n"
        "const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
        "const reply = (value) => process.stdout.write(JSON.stringify(value));\n"
    )
    result = subprocess.run(
        [node, "-e", prelude + script],
        input=json.dumps(payload, ensure_ascii=False),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        encoding="utf-8",
    )
    assert result.returncode == 0, f"node failed ({result.returncode}):\n{result.stderr[-3000:]}"
    return json.loads(result.stdout)
