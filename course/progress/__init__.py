"""The learner's private progress store (answers, reflections, ratings, settings).

``current()`` gives the process-wide store: ``$COURSE_PROGRESS`` if set, else ``progress.sqlite3`` in the
platform's user data folder. Only the standard library is imported here; platformdirs is imported lazily.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

from .errors import ProgressStoreError, StoreRecovered
from .records import Attempt, ExerciseSummary, Reflection
from .store import ProgressStore

__all__ = [
    "Attempt", "ExerciseSummary", "ProgressStore", "ProgressStoreError", "Reflection",
    "StoreRecovered", "current", "default_path", "use",
]

APP_NAME = "jane-susan-course"
_lock = threading.Lock()
_store: ProgressStore | None = None


def default_path() -> Path:
    """``$COURSE_PROGRESS`` if set, else ``<user data dir>/jane-susan-course/progress.sqlite3``."""
    override = os.environ.get("COURSE_PROGRESS")
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "progress.sqlite3"


def current() -> ProgressStore:
    """The process-wide store, opened on first use."""
    global _store
    with _lock:
        if _store is None:
            _store = ProgressStore(default_path())
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
