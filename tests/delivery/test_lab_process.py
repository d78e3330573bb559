"""``course lab`` as a learner starts it (``make lab``): its terminals find the ``course`` command even
where a login shell would reset ``PATH``, and SIGTERM or SIGINT sent to it by process id stops JupyterLab,
its kernels and its terminals, with nothing left running."""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from course.delivery.lab import bin_dir
from course.paths import repo_root

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

START_TIMEOUT = 120.0
STOP_TIMEOUT = 60.0


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _descendants(pid: int) -> set[int]:
    """Every living process below ``pid``."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


@dataclass
class Lab:
    proc: subprocess.Popen
    url: str
    token: str
    folder: Path

    def api(self, method: str, path: str) -> object:
        req = urllib.request.Request(self.url + path, method=method, data=b"{}" if method == "POST" else None)
        req.add_header("Authorization", f"token {self.token}")
        with urllib.request.urlopen(req, timeout=30) as resp:  # noqa: S310 (127.0.0.1 only)
            return json.loads(resp.read() or b"null")


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[Lab]:
    """``python -m course lab`` with its own Jupyter folders, home, progress file and learner copy."""
    home = tmp_path / "home"
    home.mkdir()
    # What Debian's /etc/profile does in a login shell: PATH set afresh, without the course's .venv/bin.
    (home / ".profile").write_text("PATH=/usr/local/bin:/usr/bin:/bin\nexport PATH\n")
    for name in ("runtime", "config", "data", "ipython"):
        (tmp_path / name).mkdir()
    token = secrets.token_hex(16)
    port = _free_port()
    env = {
        "HOME": str(home),
        "PATH": "/usr/local/bin:/usr/bin:/bin",  # a plain shell: no .venv/bin
        "SHELL": "/bin/bash",
        "LANG": "C.UTF-8",
        "JUPYTER_TOKEN": token,
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTER_DATA_DIR": str(tmp_path / "data"),
        "IPYTHONDIR": str(tmp_path / "ipython"),
        "COURSE_PROGRESS": str(tmp_path / "progress.sqlite3"),
        "COURSE_LAB_DIR": str(tmp_path / "my-course"),
    }
    log = (tmp_path / "lab.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "course", "lab", "--no-browser", "--port", str(port)],
        cwd=repo_root(),
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    lab = Lab(proc, f"http://127.0.0.1:{port}", token, tmp_path / "my-course")
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            assert proc.poll() is None, (tmp_path / "lab.log").read_text()
            try:
                lab.api("GET", "/api/status")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                assert time.monotonic() < deadline, "JupyterLab did not answer in time"
                time.sleep(0.3)
        yield lab
    finally:
        left = _descendants(proc.pid)
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
        for pid in left:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        log.close()


async def _terminal_says(url: str, token: str, name: str, command: str, marker: str) -> str:
    """Type ``command`` in JupyterLab's terminal ``name``; everything it printed up to ``marker``."""
    from tornado.websocket import websocket_connect

    ws_url = url.replace("http://", "ws://") + f"/terminals/websocket/{name}?token={token}"
    conn = await websocket_connect(ws_url)
    conn.write_message(json.dumps(["stdin", command + "\r"]))
    seen = ""
    deadline = time.monotonic() + 60
    while marker not in seen.replace(command, ""):
        assert time.monotonic() < deadline, f"the terminal never printed {marker}; it printed:\n{seen}"
        message = await asyncio.wait_for(conn.read_message(), timeout=60)
        assert message is not None, f"the terminal closed; it printed:\n{seen}"
        kind, *rest = json.loads(message)
        if kind == "stdout":
            seen += rest[0]
    conn.close()
    return seen


def _in_own_loop(coroutine: Any) -> Any:
    """Run ``coroutine`` to its end in a thread of its own: a browser test before it on the same worker may
    have left an event loop running in this one, where ``asyncio.run`` refuses to start."""
    result: dict[str, Any] = {}

    def run() -> None:
        try:
            result["value"] = asyncio.run(coroutine)
        except BaseException as exc:  # re-raised in the test's own thread
            result["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result["value"]


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_terminal_finds_course_and_a_signal_stops_everything(lab: Lab, stop: signal.Signals) -> None:
    assert (lab.folder / "00_start_here.ipynb").is_file(), "the learner copy was not made"
    kernel = lab.api("POST", "/api/kernels")
    terminal = lab.api("POST", "/api/terminals")
    said = _in_own_loop(
        _terminal_says(
            lab.url, lab.token, terminal["name"], "command -v course; course --help | head -n 1; echo DONE", "DONE"
        )
    )
    assert f"{bin_dir()}/course" in said, said
    assert "usage: course" in said, said

    running = _descendants(lab.proc.pid)
    assert len(running) >= 3, f"expected JupyterLab, a kernel and a shell below course lab, found {running}"
    assert lab.api("GET", f"/api/kernels/{kernel['id']}")["execution_state"] != "dead"

    os.kill(lab.proc.pid, stop)
    code = lab.proc.wait(timeout=STOP_TIMEOUT)
    left = [pid for pid in running if _alive(pid)]
    assert left == [], f"still running after {stop.name}: " + ", ".join(
        Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ") for pid in left if _alive(pid)
    )
    assert code == 0, f"course lab exited with {code} after {stop.name}"
