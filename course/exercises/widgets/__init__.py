"""Exercise widgets, one class per type, on a shared ``ExerciseView`` (which class shows which type is
said in the type's record, ``course.exercises.types``; ``types.build_view`` builds one for a spec)."""

from __future__ import annotations

from .base import ExerciseView

__all__ = ["ExerciseView"]
