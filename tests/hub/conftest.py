"""Shared pieces of the seminar-hub tests: stores with answers, exchanges, throwaway system users."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from browser.conftest import CHROMIUM_ARGS, find_chromium  # tests/ is on sys.path, as bench/ uses it

REPO = Path(__file__).resolve().parents[2]
IN_CI = os.environ.get("CI") == "true"


def cannot_run(reason: str) -> None:
    """Skip with ``reason``; under CI=true a test that cannot run fails instead."""
    if IN_CI:
        pytest.fail(f"CI=true: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def as_root() -> None:
    """Tests that make system users, groups and root-owned folders."""
    if os.geteuid() != 0:
        cannot_run("needs root: it creates throwaway system users and root-owned folders")
    for tool in ("useradd", "userdel", "groupadd", "groupdel", "runuser", "chpasswd"):
        if shutil.which(tool) is None:
            cannot_run(f"{tool} is not installed")


# ---- learners' answers ---------------------------------------------------------------------------
def answer(store: Any, exercise_id: str, value: Any) -> None:
    """Answer an exercise through its widget, as a learner pressing Check would."""
    from course.exercises import drive, load_spec

    drive(load_spec(exercise_id), value, store)


def decision_ids() -> list[str]:
    """Every decision point of notebook 03 (read from data/, not from the notebook's layout)."""
    from course.classroom.class_view import course_specs
    from course.content import load_content

    return [s.id for s in course_specs(load_content()) if s.type == "decision" and s.notebook.startswith("03_")]


def two_paths(exercise_id: str) -> tuple[list[str], list[str]]:
    """Two different complete paths through a decision point: the recommended one and a fixture's."""
    from course.exercises import load_spec

    spec = load_spec(exercise_id)
    other = next(list(f.answer) for f in spec.fixtures if list(f.answer) != list(spec.answer))
    return list(spec.answer), other


# ---- a one-account exchange (demo layout: works without root) -------------------------------------
@dataclass
class Exchange:
    root: Path

    def folder(self, user: str) -> str:
        import os

        from course.classroom.exchange import provision_learner

        return provision_learner(self.root, user, os.geteuid(), None).name


@pytest.fixture
def demo_exchange(tmp_path: Path) -> Exchange:
    import os

    from course.classroom.exchange import Layout, setup_exchange

    root = tmp_path / "exchange"
    setup_exchange(root, Layout(os.geteuid(), None))
    return Exchange(root)


@pytest.fixture
def store_factory(tmp_path: Path) -> Iterator[Any]:
    """Open fresh progress stores (one per learner); all are closed afterwards."""
    from course.progress import ProgressStore

    opened: list[Any] = []

    def make(name: str) -> Any:
        store = ProgressStore(tmp_path / "stores" / name / "progress.sqlite3")
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


# ---- throwaway system users -----------------------------------------------------------------------
@dataclass
class Account:
    name: str
    password: str
    uid: int
    home: Path


class Accounts:
    """Makes users and groups with unique names, and removes them (and their processes) at the end."""

    def __init__(self) -> None:
        self.tag = "cs" + secrets.token_hex(3)
        self.users: list[Account] = []
        self.groups: list[str] = []

    def group(self, role: str) -> str:
        name = f"{self.tag}-{role}"
        subprocess.run(["groupadd", name], check=True, capture_output=True)
        self.groups.append(name)
        return name

    def user(self, role: str, groups: list[str]) -> Account:
        import pwd

        name = f"{self.tag}-{role}"
        password = secrets.token_urlsafe(12)
        subprocess.run(
            ["useradd", "-m", "-s", "/bin/bash", "-G", ",".join(groups), name], check=True, capture_output=True
        )
        account = Account(name, password, pwd.getpwnam(name).pw_uid, Path(pwd.getpwnam(name).pw_dir))
        self.users.append(account)
        subprocess.run(["chpasswd"], input=f"{name}:{password}\n", text=True, check=True, capture_output=True)
        return account

    def processes(self, account: Account) -> list[int]:
        found = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    if os.stat(f"/proc/{entry}").st_uid == account.uid:
                        found.append(int(entry))
                except OSError:
                    pass
        return found

    def remove(self) -> None:
        import signal
        import time

        for account in self.users:
            for pid in self.processes(account):  # servers the hub left behind, by their ids
                try:
                    os.kill(pid, signal.SIGTERM)
                except OSError:
                    pass
            deadline = time.monotonic() + 5
            while self.processes(account) and time.monotonic() < deadline:
                time.sleep(0.1)
            for pid in self.processes(account):
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            subprocess.run(["userdel", "-r", "-f", account.name], capture_output=True)
        for name in self.groups:
            subprocess.run(["groupdel", name], capture_output=True)


def close_instructor_copy(hub: Path) -> None:
    """Give the hub's full course copy back to root's group (0750), so no later group can inherit the
    throwaway instructors' group id."""
    copy = hub / "course"
    if copy.is_dir() and not copy.is_symlink():
        os.chown(copy, 0, 0)
        copy.chmod(0o750)


def shared_tmp(prefix: str) -> Path:
    """A temporary folder other users can pass through (pytest's own tmp folders are private)."""
    path = Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp"))
    path.chmod(0o755)
    return path


# ---- the hub's venv (a Debian Python every user can run) ------------------------------------------
def hub_dir() -> Path:
    """Where the tests install the hub: where ``make hub`` does (deploy/hub/hub-dir.sh)."""
    if os.environ.get("COURSE_TEST_HUB_DIR"):
        return Path(os.environ["COURSE_TEST_HUB_DIR"])
    found = subprocess.run(["bash", str(REPO / "deploy" / "hub" / "hub-dir.sh")], capture_output=True, text=True)
    return Path(found.stdout.strip())


@pytest.fixture(scope="session")
def hub_install() -> Path:
    """Run deploy/hub/install.sh (quick when nothing changed): the venv and the course copy in use."""
    if not Path("/usr/bin/python3").exists() or shutil.which("npm") is None:
        cannot_run("the hub needs Debian's /usr/bin/python3 and npm (node 20)")
    done = subprocess.run(
        ["bash", str(REPO / "deploy" / "hub" / "install.sh")],
        capture_output=True,
        text=True,
        env={**os.environ, "HUB_DIR": str(hub_dir())},
        timeout=600,
    )
    if done.returncode != 0:
        pytest.fail(f"deploy/hub/install.sh failed:\n{done.stdout}\n{done.stderr}", pytrace=False)
    return hub_dir()


def at_once(*calls: Callable[[], Any]) -> list[Any]:
    """Make the calls side by side (each waits on its own process, e.g. ``run_as``); their results in order.
    An exception in one is raised here."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(len(calls)) as pool:
        return [future.result() for future in [pool.submit(call) for call in calls]]


def run_as(
    account: Account, code: str, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run Python ``code`` as ``account`` with the hub's venv (the interpreter learners' kernels use)."""
    python = hub_dir() / "venv" / "bin" / "python"
    full_env = {"HOME": str(account.home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", **(env or {})}
    return subprocess.run(
        [
            "runuser",
            "-u",
            account.name,
            "--",
            "env",
            "-i",
            *[f"{k}={v}" for k, v in full_env.items()],
            str(python),
            "-c",
            code,
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd="/",
    )


# ---- the browser (Debian's Chromium, as in tests/browser) --------------------------------------------
@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    chromium = find_chromium()
    if chromium is None:
        cannot_run("Chromium not found; install it with: apt-get install chromium")
    return {**browser_type_launch_args, "executable_path": chromium, "args": ["--headless", *CHROMIUM_ARGS]}


@pytest.fixture
def hub_learner(demo_exchange, store_factory, monkeypatch):
    """A learner on the hub who has answered the first decision point: their store is the process's
    store, and their folder is in the demo exchange."""
    from course import progress

    store = store_factory("learner")
    monkeypatch.setattr(progress, "_store", store)
    monkeypatch.setenv("COURSE_EXCHANGE", str(demo_exchange.root))
    monkeypatch.setenv("COURSE_SEMINAR_ID", demo_exchange.folder("learner"))
    first = decision_ids()[0]
    answer(store, first, two_paths(first)[0])
    return store
