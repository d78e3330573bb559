"""Exercise widgets, one class per type; ``build_view`` picks the class for a spec."""

from __future__ import annotations

from typing import Any

from .base import ExerciseView
from .categorize import CategorizeView
from .choice import MultipleSelectView, SingleChoiceView
from .decision import DecisionView
from .ordering import OrderingView
from .rating import RatingView
from .reflection import ReflectionView

VIEWS: dict[str, type[ExerciseView]] = {
    "single-choice": SingleChoiceView,
    "multiple-select": MultipleSelectView,
    "ordering": OrderingView,
    "categorize": CategorizeView,
    "rating": RatingView,
    "decision": DecisionView,
    "reflection": ReflectionView,
}


def build_view(spec: Any, store: Any = None, *, store_note: str | None = None) -> ExerciseView:
    """The widget for ``spec`` (a validated, resolved spec)."""
    return VIEWS[spec.type](spec, store, store_note=store_note)


__all__ = ["VIEWS", "ExerciseView", "build_view"]
