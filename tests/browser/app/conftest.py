"""The Voilà app (``make app``), started with the command ``make app`` runs, on a temporary copy.

The JupyterLab server of the parent folder is not needed here: ``_fresh_lab`` is overridden so
these tests never start it. The browser (Debian's Chromium) comes from the parent conftest.
"""

from __future__ import annotations

import os
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from ..conftest import ARTIFACTS, _free_port, _stop, _tail

pytest.importorskip("voila", reason="Voilà is not installed (pip install -e '.[app]')")

from course.delivery.voila.app import server_command, stage  # noqa: E402

START_TIMEOUT = 90.0  # seconds until Voilà answers


@dataclass
class AppServer:
    url: str  # http://127.0.0.1:<port>
    root: Path  # the staged folder it serves
    log: Path
    command: list[str]

    def render_url(self, notebook: str) -> str:
        return f"{self.url}/voila/render/{notebook}"


@pytest.fixture(autouse=True)
def _fresh_lab() -> None:
    """No JupyterLab for the app tests (overrides the parent folder's autouse fixture)."""


def _wait_until_up(proc: subprocess.Popen, url: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"Voilà exited with code {proc.returncode} before answering")
        try:
            with urllib.request.urlopen(f"{url}/voila/api/shutdown/none", timeout=2):  # noqa: S310 (127.0.0.1 only)
                return
        except urllib.error.HTTPError:
            return  # any HTTP answer means the server is up
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            time.sleep(0.2)
    raise RuntimeError(f"Voilà did not answer {url} within {START_TIMEOUT:.0f} s")


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    base = tmp_path_factory.mktemp("app")
    root = stage(base / "app")
    env = dict(os.environ)
    for name in ("runtime", "config", "data"):
        (base / name).mkdir()
    env.update(
        JUPYTER_RUNTIME_DIR=str(base / "runtime"),
        JUPYTER_CONFIG_DIR=str(base / "config"),
        JUPYTER_DATA_DIR=str(base / "data"),
        COURSE_PROGRESS=str(base / "progress.sqlite3"),
    )
    env.pop("MPLBACKEND", None)  # the learner's inline backend, as in the JupyterLab tests
    log_dir = ARTIFACTS / "browser"
    log_dir.mkdir(parents=True, exist_ok=True)
    log = log_dir / "voila.log"
    for attempt in range(3):  # a free port can be taken between choosing and binding it
        port = _free_port()
        cmd = server_command(root, port=port, open_browser=False)
        with log.open("w") as log_file:
            proc = subprocess.Popen(
                cmd,
                env=env,
                cwd=base,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(proc, url)
            break
        except RuntimeError as err:
            _stop(proc)
            if attempt == 2 or "already in use" not in _tail(log):
                pytest.fail(f"{err}. Last lines of {log}:\n{_tail(log)}", pytrace=False)
    try:
        yield AppServer(url=url, root=root, log=log, command=cmd)
    finally:
        _stop(proc)
