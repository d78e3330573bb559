"""Real-browser tests: JupyterLab started exactly as ``make lab`` starts it, driven by Chromium.

* Every test in this folder is marked ``browser`` (``make unit`` leaves them out).
* ``server``: one JupyterLab per session, from ``course.delivery.lab.server_command``, serving a temporary
  copy of ``notebooks/`` with its own Jupyter folders and progress store; its log goes to
  ``artifacts/browser/jupyterlab.log``. Before each test every kernel is shut down and the copy is
  restored, so tests never see each other's kernels or autosaved outputs.
* The same server also serves ``_e2e/``: notebooks generated for the exercise tests, one exercise per
  cell (``e2e_content.py``); its kernels read a temporary copy of ``data/`` (``COURSE_DATA``) that
  adds the fixture specs of ``fixtures/exercises/``.
* ``make screenshots`` runs only the tests marked ``screenshots`` (the notebook runs, and the
  exercise tests that save ``artifacts/screenshots/exercises/<type>.png``) with ``COURSE_SCREENSHOTS=1``:
  the tests save their screenshots only then (``make test`` checks the same things without them).
* Chromium: Debian's (``$CHROMIUM``, ``/usr/bin/chromium``, ``/usr/bin/chromium-browser``), never a
  downloaded build. Missing, the browser tests skip with a one-line reason, or fail under CI=true.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from course.delivery.lab import server_command
from course.paths import data_dir

from . import e2e_content
from .lab import REPO, TIMINGS, LabServer, close_and_shut_down, notebooks_dir, open_in_lab, open_notebook

ARTIFACTS = REPO / "artifacts"
SERVER_START_TIMEOUT = 90.0  # seconds until /api/status answers
# Playwright's own --disable-features list (its chromiumSwitches). Chromium keeps only the last
# --disable-features it is given, so ours must carry Playwright's too; test_chromium_flags.py checks this copy
# against the browser the tests run.
PLAYWRIGHT_DISABLED_FEATURES = (
    "AvoidUnnecessaryBeforeUnloadCheckSync",
    "DestroyProfileOnBrowserClose",
    "HttpsUpgrades",
    "HttpsFirstBalancedModeAutoEnable",
    "LensOverlay",
    "MediaRouter",
    "PaintHolding",
    "ThirdPartyStoragePartitioning",
    "AvoidCorsURLLoaderRestartOnRedirect",
    "TcpPortRandomizationWin",
    "OptimizationHints",
    "NetworkTimeServiceQuerying",
    "AimEnabled",
    "PreconnectToSearch",
    "msForceBrowserSignIn",
    "msEdgeUpdateLaunchServicesPreferredVersion",
)
# Chromium preloads the address bar's two popups as web pages in every new window, and updates them on every
# navigation, even headless, where no address bar is ever shown. Without them a new page costs Chromium about
# half the CPU (make bench #15).
OMNIBOX_POPUPS = ("WebUIOmniboxPopup", "WebUIOmniboxAimPopup")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-features=" + ",".join(PLAYWRIGHT_DISABLED_FEATURES + OMNIBOX_POPUPS),
]


def pytest_configure(config: pytest.Config) -> None:
    # pytest-base-url (pulled in by pytest-playwright) trips a pytest 9 deprecation: not ours.
    config.addinivalue_line(
        "filterwarnings",
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning",
    )
    config.addinivalue_line("markers", "screenshots: a browser test that saves screenshots (make screenshots)")


# Test modules whose every test saves a screenshot (the others mark their tests themselves).
SCREENSHOT_MODULES = {"test_notebooks_run.py"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)
            if item.path.name in SCREENSHOT_MODULES and item.path.parent == here:
                item.add_marker(pytest.mark.screenshots)


# ---------------------------------------------------------------- Chromium


def find_chromium() -> str | None:
    """Debian's Chromium: ``$CHROMIUM``, else the usual Debian paths; None when absent."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        reason = (
            "Chromium not found ($CHROMIUM, /usr/bin/chromium, /usr/bin/chromium-browser); "
            "install it with: sudo apt-get install chromium"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true: {reason}", pytrace=False)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict, chromium_path: str) -> dict:
    """pytest-playwright's launch arguments, with Debian's Chromium and the flags that work here."""
    args = list(CHROMIUM_ARGS)
    if browser_type_launch_args.get("headless", True):
        args.insert(0, "--headless")
    return {**browser_type_launch_args, "executable_path": chromium_path, "args": args}


# ---------------------------------------------------------------- JupyterLab


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _stop(proc: subprocess.Popen) -> None:
    """Stop the server (it shuts its kernels down), then anything it left in its process group."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # the group led by our server: its own kernels only
    except (ProcessLookupError, PermissionError):
        pass


def _wait_until_up(proc: subprocess.Popen, url: str, token: str) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"JupyterLab exited with code {proc.returncode} before answering")
        req = urllib.request.Request(f"{url}/api/status", headers={"Authorization": f"token {token}"})
        try:
            with urllib.request.urlopen(req, timeout=2) as resp:  # noqa: S310 (127.0.0.1 only)
                if resp.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"JupyterLab did not answer {url}/api/status within {SERVER_START_TIMEOUT:.0f} s")


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabServer]:
    """JupyterLab, started with the command ``make lab`` runs, serving a copy of notebooks/."""
    base = tmp_path_factory.mktemp("lab")
    root = base / "notebooks"
    shutil.copytree(notebooks_dir(), root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    # The exercise tests' notebooks (pristine copies kept aside for reset) and content.
    e2e_source = e2e_content.write_notebooks(base / "e2e-notebooks")
    shutil.copytree(e2e_source, root / e2e_content.E2E_DIR)
    course_data = e2e_content.build_data(base / "course-data", data_dir())
    env = dict(os.environ)
    for name in ("runtime", "config", "data", "ipython"):
        (base / name).mkdir()
    env.update(
        JUPYTER_RUNTIME_DIR=str(base / "runtime"),
        JUPYTER_CONFIG_DIR=str(base / "config"),
        JUPYTER_DATA_DIR=str(base / "data"),
        IPYTHONDIR=str(base / "ipython"),  # no startup files from the developer's profile
        COURSE_PROGRESS=str(base / "progress.sqlite3"),
        COURSE_DATA=str(course_data),
    )
    # Answer JupyterLab's "get notified about official Jupyter news?" toast in advance ("Never").
    settings = base / "config" / "lab" / "user-settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}\n')
    # The root conftest sets MPLBACKEND=Agg for nbval; in the browser, kernels must use the inline
    # backend a learner gets, or plots would never be shown.
    env.pop("MPLBACKEND", None)
    log_dir = ARTIFACTS / "browser"
    log_dir.mkdir(parents=True, exist_ok=True)
    worker = os.environ.get("PYTEST_XDIST_WORKER")  # one server per pytest-xdist worker
    log = log_dir / (f"jupyterlab-{worker}.log" if worker else "jupyterlab.log")
    token = secrets.token_hex(16)

    for attempt in range(3):  # a free port can be taken between choosing and binding it
        port = _free_port()
        cmd = server_command(port=port, root=root, token=token, open_browser=False)
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
            _wait_until_up(proc, url, token)
            break
        except RuntimeError as err:
            _stop(proc)
            tail = _tail(log)
            if attempt == 2 or "already in use" not in tail:
                pytest.fail(f"{err}. Last lines of {log}:\n{tail}", pytrace=False)

    lab = LabServer(
        url=url,
        token=token,
        root=root,
        log=log,
        command=cmd,
        port=port,
        progress=Path(env["COURSE_PROGRESS"]),
        env=env,
        data=course_data,
        extra={e2e_content.E2E_DIR: e2e_source},
    )
    try:
        yield lab
    finally:
        _stop(proc)


@pytest.fixture(autouse=True)
def _fresh_lab(server: LabServer) -> None:
    """Every test starts with no kernel running and the notebooks as committed."""
    server.reset()


# ---------------------------------------------------------------- one JupyterLab page for a module


@dataclass
class LabTab:
    """A module's browser page, and whether it shows JupyterLab with no notebook open."""

    page: Page
    in_lab: bool = False

    def open(self, server: LabServer, name: str) -> None:
        """Open ``name`` in the JupyterLab shown (File > Open from Path...), or in JupyterLab loaded afresh."""
        if self.in_lab:
            open_in_lab(self.page, name)
        else:
            open_notebook(self.page, server, name)
        self.in_lab = False


@pytest.fixture(scope="module")
def lab_tab(browser: Browser, browser_context_args: dict) -> Iterator[LabTab]:
    """One page for the module's tests, so that JupyterLab is loaded once, not once per test (a JupyterLab
    load costs seconds of CPU). Use it with ``reused_page`` and ``LabTab.open``."""
    context = browser.new_context(**browser_context_args)
    try:
        yield LabTab(context.new_page())
    finally:
        context.close()


@pytest.fixture
def reused_page(lab_tab: LabTab) -> Iterator[Page]:
    """The module's page (a module opts in with ``def page(reused_page): return reused_page``). After each
    test its notebook is closed and its kernel shut down, so the next test (after ``_fresh_lab``) starts
    from JupyterLab with nothing open; if that fails, the next test loads JupyterLab afresh."""
    yield lab_tab.page
    try:
        close_and_shut_down(lab_tab.page, timeout=15_000)
        lab_tab.in_lab = True
    except Exception as err:  # a failed test's page is not trusted
        lab_tab.in_lab = False
        warnings.warn(f"could not close the notebook: {err}", stacklevel=1)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """artifacts/ in the repository (git-ignored): screenshots and logs of the browser tests."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # noqa: ANN001
    if not TIMINGS:
        return
    terminalreporter.section("browser: seconds per notebook")
    for name, parts in sorted(TIMINGS.items()):
        detail = ", ".join(f"{k} {v:.1f}" for k, v in parts.items())
        terminalreporter.write_line(f"{name}: {detail}")
