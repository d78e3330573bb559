"""The exercise engine: YAML specs in data/exercises/ shown as widgets, scored by pure functions.

Public entry points (heavy libraries load only when called):

- ``show(exercise_id)``: the widget for one exercise (``course.exercise`` calls it).
- ``evaluate(spec, answer) -> Result``: score an answer without any widget (``scoring``).
- ``drive(spec, answer, store=None)``: build the widget, put ``answer`` in, press Check; returns the view.
- ``load_spec(exercise_id)``: the validated spec, or raise ``ContentError`` listing the problems.
- ``content_hash(spec)``: sha256 of the spec's canonical JSON (``spec``).
"""

from __future__ import annotations

from typing import Any

from ..problems import ContentError, Problem
from ..progress.fallback import get_store
from ..progress.memory_store import MemoryProgress
from .registry import load, problems_widget
from .scoring import evaluate
from .spec import content_hash
from .widgets import build_view

__all__ = ["content_hash", "drive", "evaluate", "load_spec", "show"]


def show(exercise_id: str) -> Any:
    """The exercise with this id, ready to display; a list of problems instead if its files are wrong."""
    loaded = load(exercise_id)
    if loaded.spec is None:
        return problems_widget(str(exercise_id), loaded.problems)
    store, note = get_store()
    try:
        return build_view(loaded.spec, store, store_note=note)
    except Exception as exc:  # a notebook cell shows a message, never a traceback
        where = str(loaded.path or exercise_id)
        return problems_widget(
            str(exercise_id), [Problem(where, None, "", f"could not be shown ({type(exc).__name__}: {exc})")]
        )


def load_spec(exercise_id: str) -> Any:
    """The validated, resolved spec; raises ``ContentError`` when it cannot be used."""
    loaded = load(exercise_id)
    if loaded.spec is None:
        raise ContentError(loaded.problems)
    return loaded.spec


def drive(spec: Any, answer: Any, store: Any = None) -> Any:
    """Build the widget for ``spec`` (with a fresh in-memory store unless given one), answer, press Check."""
    view = build_view(spec, store if store is not None else MemoryProgress())
    return view.answer_with(answer)
