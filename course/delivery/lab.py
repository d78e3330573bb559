"""The JupyterLab command that ``make lab`` runs (tests start the very same command)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ..paths import notebooks_dir

START_NOTEBOOK = "00_start_here.ipynb"


def server_command(
    port: int = 8888, root: Path | None = None, token: str | None = None, open_browser: bool = True
) -> list[str]:
    """Arguments that start JupyterLab on 127.0.0.1 at the start notebook."""
    root = Path(root) if root is not None else notebooks_dir()
    cmd = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        f"--ServerApp.root_dir={root}",
        f"--LabApp.default_url=/lab/tree/{START_NOTEBOOK}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if not open_browser:
        cmd.append("--no-browser")
    if token is not None:
        cmd.append(f"--IdentityProvider.token={token}")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    return cmd


def run_lab(port: int = 8888, open_browser: bool = True) -> int:
    """Start JupyterLab in the foreground; it prints the URL to open."""
    cmd = server_command(port=port, open_browser=open_browser)
    print(f"Starting JupyterLab at http://127.0.0.1:{port}/lab/tree/{START_NOTEBOOK}")
    print("The full address with its login token follows below. Stop the server with Ctrl+C.", flush=True)
    try:
        return subprocess.call(cmd)
    except KeyboardInterrupt:
        return 0
