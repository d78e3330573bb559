"""The JupyterLab command that ``make lab`` and ``make lab-instructor`` run (tests start the very same command).

``make lab`` serves the learner's own copy of the course (``lab_copy``); ``make lab-instructor`` serves the
whole course folder, full notebooks, ``data/`` and ``docs/`` included. In both, the terminals JupyterLab
opens find the ``course`` command: the server's ``PATH`` starts with the folder of the Python that runs
it (the course's ``.venv/bin``), and its terminals run the learner's shell as a plain interactive shell,
not a login shell, whose ``/etc/profile`` would set ``PATH`` afresh.

Stopping: Ctrl+C, or SIGTERM, SIGINT or SIGHUP sent to ``course lab`` by its process id, is passed on to
JupyterLab as SIGTERM, and ``course lab`` waits until JupyterLab has shut its kernels and terminals down.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from ..paths import notebooks_dir, repo_root
from .lab_copy import update_copy

START_NOTEBOOK = "00_start_here.ipynb"
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


def bin_dir() -> str:
    """The folder of the Python running the course (``.venv/bin``), where the ``course`` command is."""
    return str(Path(sys.executable).absolute().parent)


def terminal_shell() -> list[str]:
    """The shell JupyterLab's terminals run: the learner's own, as an interactive (not login) shell."""
    return [os.environ.get("SHELL") or "/bin/bash"]


def server_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """The server's environment: ``base`` (default ``os.environ``) with ``bin_dir()`` first on ``PATH``."""
    env = dict(os.environ if base is None else base)
    parts = [p for p in env.get("PATH", "").split(os.pathsep) if p and p != bin_dir()]
    env["PATH"] = os.pathsep.join([bin_dir(), *parts])
    return env


def server_command(
    port: int = 8888,
    root: Path | None = None,
    token: str | None = None,
    open_browser: bool = True,
    start: str = START_NOTEBOOK,
) -> list[str]:
    """Arguments that start JupyterLab on 127.0.0.1 at ``start`` (a path below ``root``)."""
    root = Path(root) if root is not None else notebooks_dir()
    cmd = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        f"--ServerApp.root_dir={root}",
        f"--ServerApp.terminado_settings={json.dumps({'shell_command': terminal_shell()})}",
        f"--LabApp.default_url=/lab/tree/{start}",
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


def run_server(cmd: list[str], env: dict[str, str] | None = None) -> int:
    """Run JupyterLab in the foreground until it stops; a stop signal sent to us is passed on to it.

    JupyterLab gets SIGTERM (it then shuts its kernels down and exits); we wait for it, so when this
    returns no JupyterLab started here is left running. Its exit code is returned (0 after a stop).
    """
    # Its own session: a Ctrl+C in the terminal reaches us alone, and JupyterLab gets one clean SIGTERM
    # (not the SIGINT that makes it ask "Shutdown this Jupyter server (y/[n])?").
    proc = subprocess.Popen(cmd, env=env, start_new_session=True)
    stopping = False

    def forward(signum: int, _frame: Any) -> None:
        nonlocal stopping
        stopping = True
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)

    previous = {sig: signal.signal(sig, forward) for sig in STOP_SIGNALS}
    try:
        code = proc.wait()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0 if stopping else code


def instructor_root() -> tuple[Path, str]:
    """(folder, start notebook below it) for ``make lab-instructor``: the whole course folder."""
    return repo_root(), f"{notebooks_dir().relative_to(repo_root()).as_posix()}/{START_NOTEBOOK}"


def run_lab(port: int = 8888, open_browser: bool = True, instructor: bool = False) -> int:
    """Start JupyterLab in the foreground on the learner's copy (or, for instructors, the whole course)."""
    if instructor:
        root, start = instructor_root()
        print(f"Serving the whole course folder {root}: the full notebooks, with instructor notes, data/ and docs/.")
    else:
        try:
            report = update_copy()
        except OSError as exc:
            print(f"course lab: could not prepare your copy of the course ({exc})", file=sys.stderr)
            return 2
        root, start = report.folder, START_NOTEBOOK
        print(f"Your copy of the course: {root}")
        for line in report.lines():
            print(f"  {line}")
    print(f"Starting JupyterLab at http://127.0.0.1:{port}/lab/tree/{start}")
    print("The full address with its login token follows below. Stop the server with Ctrl+C.", flush=True)
    return run_server(server_command(port=port, root=root, open_browser=open_browser, start=start), server_env())
