"""Plain, frozen records returned by the progress store."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Attempt:
    """One saved answer to an exercise.

    ``stale`` is true when the caller passed the exercise's current content hash and this answer was
    given to an earlier version of the exercise (the answer is kept, only marked).
    """

    exercise_id: str
    content_hash: str
    answer: Any
    score: float | int | None
    max_score: float | int | None
    feedback: str
    created_at: str
    notebook: str | None = None
    stale: bool = False

    @property
    def correct(self) -> bool:
        """Full marks (a max score of 0 or none never counts as correct)."""
        score, top = self.score, self.max_score
        return score is not None and top is not None and top != 0 and score >= top


@dataclass(frozen=True)
class Reflection:
    """One saved written reflection with its self-assessment rubric."""

    exercise_id: str
    content_hash: str
    text: str
    rubric: dict[str, Any]
    created_at: str
    stale: bool = False


@dataclass(frozen=True)
class ExerciseSummary:
    """Progress on one exercise, for the progress widget."""

    exercise_id: str
    attempts: int
    best_score: float | int | None
    max_score: float | int | None
    completed: bool
    last_at: str
