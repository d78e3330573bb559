"""The learner's private progress store (answers, reflections, ratings, settings), and which one is in use.

Every store follows the ``Store`` protocol (``store``):

- ``ProgressStore`` (``sqlite_store``, with ``schema`` and ``private_file``): the private SQLite file;
- ``MemoryProgress`` (``memory_store``): in memory, for tests and when the file cannot be opened;
- ``SessionOnlyProgress`` (``memory_store``): in memory, telling the learner once that nothing is kept.

``current()`` gives the process-wide store: ``$COURSE_PROGRESS`` if set, else ``progress.sqlite3`` in the
platform's user data folder. Where SQLite cannot be used (no ``sqlite3`` module, or Pyodide in
JupyterLite, whose files vanish with the page), it gives a ``SessionOnlyProgress``. The exercises ask
``fallback.get_store()``, which falls back to memory when even that fails. Only the standard library is
imported here; platformdirs is imported lazily.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from .errors import ProgressStoreError, StoreRecovered
from .memory_store import MemoryProgress, SessionOnlyProgress
from .records import Attempt, ExerciseSummary, Reflection, Review
from .store import Store

try:
    import sqlite3  # noqa: F401  (Pyodide may come without its sqlite3 package)
except ImportError as _missing:
    _SQLITE_MISSING: str | None = f"SQLite is not available here ({_missing})"
else:
    _SQLITE_MISSING = None

if _SQLITE_MISSING is None:
    from .sqlite_store import ProgressStore
else:  # no sqlite3 module: current() gives the session-only store
    ProgressStore = None  # type: ignore[assignment,misc]

__all__ = [
    "Attempt",
    "ExerciseSummary",
    "MemoryProgress",
    "ProgressStore",
    "ProgressStoreError",
    "Reflection",
    "Review",
    "SessionOnlyProgress",
    "Store",
    "StoreRecovered",
    "current",
    "default_path",
    "use",
]

APP_NAME = "jane-susan-course"
_lock = threading.Lock()
_store: Store | None = None


def default_path() -> Path:
    """``$COURSE_PROGRESS`` if set, else ``<user data dir>/jane-susan-course/progress.sqlite3``."""
    override = os.environ.get("COURSE_PROGRESS")
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "progress.sqlite3"


def sqlite_problem() -> str | None:
    """Why a SQLite progress file cannot be used here, or None when it can."""
    if _SQLITE_MISSING:
        return _SQLITE_MISSING
    if sys.platform == "emscripten" and not os.environ.get("COURSE_PROGRESS"):
        return "the course is running inside the web browser (JupyterLite), which keeps no files"
    return None


def current() -> Store:
    """The process-wide store, opened on first use (in memory where SQLite cannot be used)."""
    global _store
    with _lock:
        if _store is None:
            problem = sqlite_problem()
            _store = SessionOnlyProgress(problem) if problem else ProgressStore(default_path())
        return _store


def use(path: str | Path | None) -> ProgressStore | None:
    """Switch the process-wide store to ``path`` (closing the old one); ``None`` just closes it."""
    global _store
    with _lock:
        if _store is not None:
            _store.close()
            _store = None
        if path is not None:
            _store = ProgressStore(path)
        return _store
