"""Plain, frozen records returned by the progress store."""

from __future__ import annotations

from collections.abc import Iterable
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
class Review:
    """One review of an exercise in the review queue (``course.review``).

    ``rating`` is FSRS's 1 Again, 2 Hard, 3 Good, 4 Easy; ``reviewed_at`` is UTC ISO 8601 with a ``Z``;
    ``card`` is the FSRS card state after this review (``course.review.schedule.card_json``).
    """

    exercise_id: str
    content_hash: str
    rating: int
    reviewed_at: str
    card: dict[str, Any]


@dataclass(frozen=True)
class ExerciseSummary:
    """Progress on one exercise, for the progress widget."""

    exercise_id: str
    attempts: int
    best_score: float | int | None
    max_score: float | int | None
    completed: bool
    last_at: str


SummaryRow = tuple[str, int, "float | int | None", "float | int | None", bool, Any, str]
"""One kind of activity (answers, reflections or rating saves) on one exercise, as both stores tally it:
exercise id, count, best score, max score, completed, first activity (any sortable key), last time."""


def merge_summary(rows: Iterable[SummaryRow]) -> dict[str, ExerciseSummary]:
    """One summary per exercise from its rows, given answers first, then reflections, then rating saves.

    ``attempts`` is the first non-zero count (answers, else reflections, else rating saves); the scores
    come from the first row that has any; completed when any row is; ``last_at`` is the latest time.
    Exercises come in order of their earliest ``first``, ties by id.
    """
    merged: dict[str, list[Any]] = {}
    for ex, n, best, top, done, first, last in rows:
        m = merged.setdefault(ex, [0, None, None, False, first, last])
        m[0] = m[0] or n
        m[1], m[2] = (best, top) if m[1] is None and m[2] is None else (m[1], m[2])
        m[3] = m[3] or bool(done)
        m[4], m[5] = min(m[4], first), max(m[5], last)
    order = sorted(merged, key=lambda ex: (merged[ex][4], ex))
    return {ex: ExerciseSummary(ex, m[0], m[1], m[2], m[3], m[5]) for ex in order for m in [merged[ex]]}
