"""Which progress store the exercises use: the learner's real store when it works, else one
in-memory store for the whole kernel session."""

from __future__ import annotations

from typing import Any

from .. import progress
from .memory_store import MemoryProgress

_memory: Any = None


def memory_store() -> Any:
    """The process-wide in-memory store (created on first use)."""
    global _memory
    if _memory is None:
        _memory = MemoryProgress()
    return _memory


def get_store() -> tuple[Any, str | None]:
    """(store, note). The note, shown under the exercise, says why progress is not being saved."""
    try:
        store = progress.current()
    except Exception as exc:  # any failure to open the store must not stop the exercise
        return memory_store(), f"Your answers are kept only while this notebook is running ({exc})."
    try:
        notices = [str(n) for n in store.take_notices()]
    except Exception:
        notices = []
    return store, " ".join(notices) or None
