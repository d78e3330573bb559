"""Test-session settings shared by the unit tests and nbval's notebook runs.

Notebook kernels inherit this environment, so nothing a test does touches a learner's real
progress store or opens a window.
"""

import functools
import itertools
import os
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

_TMP = tempfile.mkdtemp(prefix="course-test-")
os.environ["COURSE_PROGRESS"] = os.path.join(_TMP, "progress.sqlite3")
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ["JUPYTER_PLATFORM_DIRS"] = "1"
# Each test process's kernels (nbval, JupyterLab, Voila, the site build) keep their IPython history in a
# folder of their own, not in the one ~/.ipython every kernel on the machine writes to at once.
os.environ["IPYTHONDIR"] = os.path.join(_TMP, "ipython")


# ---- nbval's kernels --------------------------------------------------------------------------------------
# jupyter_client gives a new kernel five ports by asking the system for free ones and releasing them for the
# kernel to take; another process can take one first (jupyter_client issue #487), and the kernel then exits as
# it starts. A Jupyter server starts such a kernel again on new ports (its restarter's random_ports_until_alive);
# nbval does not, and every cell of the notebook errors. So a kernel that dies, or never answers, as it starts is
# started once more, with new ports and a warning that carries its error output (nbval throws that away).
_KERNEL_LOGS = itertools.count(1)


def start_kernel_again_if_it_fails(start: Callable[..., Any]) -> Callable[..., Any]:
    """``start`` (nbval's ``start_new_kernel``), tried a second time if the kernel fails to start."""
    if hasattr(start, "__wrapped__"):  # already guarded: a second wrapper would mean four tries
        return start

    @functools.wraps(start)
    def start_with_a_second_try(*args: Any, **kwargs: Any) -> Any:
        for attempt in (1, 2):
            log = Path(_TMP) / f"kernel-{os.getpid()}-{next(_KERNEL_LOGS)}.stderr"
            # Left open once the kernel runs: jupyter_client reuses it if it restarts the kernel.
            kwargs["stderr"] = stderr = log.open("w")
            try:
                started = start(*args, **kwargs)
            except RuntimeError as err:
                stderr.close()
                said = " ".join(log.read_text(errors="replace").split())[-600:] or "(nothing)"
                log.unlink()
                if attempt == 2:
                    raise
                warnings.warn(
                    f"a notebook's kernel failed to start ({err}); starting it again on new ports. "
                    f"Its error output: {said}",
                    stacklevel=2,
                )
            else:
                log.unlink()  # the kernel keeps writing to the open file; nothing is left behind
                return started
        raise AssertionError("unreachable: the second failure is raised above")

    return start_with_a_second_try


def pytest_configure(config: pytest.Config) -> None:
    try:
        import nbval.kernel
    except ImportError:  # nbval is a test dependency; without it there are no notebook runs to guard
        return
    nbval.kernel.start_new_kernel = start_kernel_again_if_it_fails(nbval.kernel.start_new_kernel)


# ---- several workers (``make test`` runs ``pytest -n 3``, with pytest-xdist) --------------------------------
# Tests that share a slow session fixture run on one worker, so it is made once: the hub tests that run the
# hub's own venv (deploy/hub/install.sh installs it into one folder, and refreshes the course copy a running hub
# reads), the built website's browser tests, the Voila app's. Everything else is sent out by file: a notebook's
# nbval cells share one kernel, and a module's fixtures are made once. Each worker that runs JupyterLab browser
# tests starts its own JupyterLab. (xdist's own ``loadgroup`` cannot be used: it reads marks through node ids,
# which nbval's cells do not carry.)
HUB_VENV_FILES = (
    "tests/hub/test_accounts.py",
    "tests/hub/test_hub_seminar.py",
    "tests/hub/test_isolation.py",
    "tests/hub/test_keys_on_the_hub.py",
    "tests/hub/test_seminar_load.py",
)
_ONE_WORKER = {**dict.fromkeys(HUB_VENV_FILES, "hub"), "tests/browser/site/": "site", "tests/browser/app/": "app"}


def worker_scope(nodeid: str) -> str:
    """The unit of work a test belongs to: its shared-fixture group, else its file."""
    for prefix, group in _ONE_WORKER.items():
        if nodeid.startswith(prefix):
            return group
    return nodeid.split("::", 1)[0]


# The longest units first, so that no worker is left with a long one at the end while the others wait
# (pytest-xdist would otherwise order them by their number of tests): the hub and the site, then the other
# real-browser tests, the app, the delivery tests (they build sites and releases), then the rest. The order
# within a unit is kept. The same order is used without pytest-xdist. The app comes after the first minutes,
# when the hub's install, the site's build and the first JupyterLab all start at once: Voila renders a page
# only when its kernel has run every cell, and its widgets have been seen to go missing under that load.
_FIRST = {"hub": 0, "site": 1, "tests/browser/": 2, "app": 3, "tests/delivery/": 4}


def run_order(nodeid: str) -> int:
    """Where a test's unit of work goes in the run: lower runs earlier."""
    scope = worker_scope(nodeid)
    return next((rank for prefix, rank in _FIRST.items() if scope.startswith(prefix)), len(_FIRST))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: run_order(item.nodeid))  # a stable sort: each unit's tests stay in order


try:
    from xdist.scheduler import LoadScopeScheduling
except ImportError:  # pytest-xdist is a test dependency; without it the tests run in one process
    LoadScopeScheduling = None

if LoadScopeScheduling is not None:

    class _ByScope(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return worker_scope(nodeid)

    def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> LoadScopeScheduling:
        config.option.loadscopereorder = False  # units go out in the order of run_order, not by size
        return _ByScope(config, log)
