"""The exercise types: one record each (``ExerciseType``), listed once in ``REGISTRY``.

A type's module in this folder names its spec model, scoring module and widget class, and holds what
is left: how a student release hashes its answer and how a static page shows its question. It ends with
``TYPE = ExerciseType(...)``. A new type is one module (which may define its model, scoring functions
and view itself) plus its line in ``REGISTRY``. The functions below hand a spec to its type's record.
"""

from __future__ import annotations

from typing import Any, Union

from ...progress.store import Store
from ..result import Result
from ..scoring.common import Found
from ..widgets import ExerciseView
from . import categorize, decision, discussion, multiple_select, ordering, rating, reflection, single_choice
from .record import ExerciseType

# Every exercise type, in the order `course validate` lists them.
REGISTRY: dict[str, ExerciseType] = {
    kind.name: kind
    for kind in (
        single_choice.TYPE,
        multiple_select.TYPE,
        ordering.TYPE,
        categorize.TYPE,
        rating.TYPE,
        decision.TYPE,
        reflection.TYPE,
        discussion.TYPE,
    )
}
TYPES: tuple[str, ...] = tuple(REGISTRY)
# Any checked spec: the union of the registered types' models (told apart by their ``type``).
AnySpec = Union[tuple(kind.model for kind in REGISTRY.values())]  # type: ignore[valid-type]


def type_of(spec: AnySpec) -> ExerciseType:
    """The record of the spec's type."""
    return REGISTRY[spec.type]


def evaluate(spec: AnySpec, answer: Any) -> Result:
    """Score ``answer`` for ``spec``. Never raises for an answer of the wrong shape: the Result says
    what is wrong (``valid`` false)."""
    return type_of(spec).scoring.evaluate(spec, answer)


def spec_problems(spec: AnySpec) -> Found:
    """Problems inside one spec (repeated ids, broken links between its parts)."""
    return type_of(spec).scoring.spec_problems(spec)


def answer_problems(spec: AnySpec, answer: Any) -> Found:
    """Why ``answer`` does not fit ``spec`` (empty when it fits); locations are inside the answer."""
    return type_of(spec).scoring.answer_problems(spec, answer)


def describe_answer(spec: AnySpec) -> str:
    """HTML of the reference answer, shown on reveal."""
    return type_of(spec).scoring.describe_answer(spec)


def build_view(spec: AnySpec, store: Store | None = None, *, store_note: str | None = None) -> ExerciseView:
    """The widget for ``spec`` (a validated, resolved spec)."""
    kind = type_of(spec)
    return kind.view(spec, store, scoring=kind.scoring, store_note=store_note)


__all__ = [
    "REGISTRY",
    "TYPES",
    "AnySpec",
    "ExerciseType",
    "answer_problems",
    "build_view",
    "describe_answer",
    "evaluate",
    "spec_problems",
    "type_of",
]
