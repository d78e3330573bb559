"""The in-memory progress stores (the ``Store`` protocol, as the SQLite store); nothing is written to disk.

- ``MemoryProgress``: used by tests, and by the exercises when the real store cannot be opened
  (progress then lasts only for the running kernel).
- ``SessionOnlyProgress``: what ``current()`` gives where SQLite cannot keep a file (JupyterLite): the
  same, with a one-time notice that answers are not kept.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any

from .records import Attempt, ExerciseSummary, Reflection, Review, SummaryRow, merge_summary

NOT_KEPT = (
    "Your answers are not kept in this browser session: {why}. They last only until this page is "
    "closed or reloaded. To keep your progress, run the course in JupyterLab on your own computer."
)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class MemoryProgress:
    """Attempts, reflections, ratings and settings kept in Python lists and dicts."""

    def __init__(self) -> None:
        self._attempts: list[Attempt] = []
        self._reflections: list[Reflection] = []
        # exercise, hash, dimension, event, value, when, save (one number per save_ratings call)
        self._ratings: list[tuple[str, str, str, str, int, str, int]] = []
        self._saves = 0
        self._settings: dict[str, Any] = {}
        self._reviews: list[Review] = []
        # exercise ids in order of first activity (the summary's order; times tie within a second)
        self._first: dict[str, None] = {}

    def record_attempt(
        self,
        exercise_id: str,
        content_hash: str,
        answer: Any,
        score: float | int | None,
        max_score: float | int | None,
        feedback: str,
        notebook: str | None = None,
    ) -> Attempt:
        """Keep one checked answer."""
        attempt = Attempt(
            exercise_id, content_hash, copy.deepcopy(answer), score, max_score, feedback, _now(), notebook
        )
        self._attempts.append(attempt)
        self._first.setdefault(exercise_id)
        return attempt

    def last_attempt(self, exercise_id: str, current_hash: str | None = None) -> Attempt | None:
        """The latest attempt; ``stale`` is set when ``current_hash`` is given and differs."""
        for attempt in reversed(self._attempts):
            if attempt.exercise_id == exercise_id:
                stale = current_hash is not None and attempt.content_hash != current_hash
                return replace(attempt, stale=stale)
        return None

    def attempts(self, exercise_id: str | None = None) -> list[Attempt]:
        """Every attempt, oldest first (of one exercise if given)."""
        return [a for a in self._attempts if exercise_id is None or a.exercise_id == exercise_id]

    def attempt_count(self, exercise_id: str, content_hash: str | None = None) -> int:
        """Attempts at this exercise (at this version, when ``content_hash`` is given)."""
        return sum(
            1
            for a in self._attempts
            if a.exercise_id == exercise_id and (content_hash is None or a.content_hash == content_hash)
        )

    def save_reflection(self, exercise_id: str, content_hash: str, text: str, rubric: Mapping[str, Any]) -> Reflection:
        """Keep one written reflection."""
        reflection = Reflection(exercise_id, content_hash, text, dict(rubric), _now())
        self._reflections.append(reflection)
        self._first.setdefault(exercise_id)
        return reflection

    def last_reflection(self, exercise_id: str, current_hash: str | None = None) -> Reflection | None:
        """The latest reflection for this exercise (``stale`` as for attempts)."""
        for reflection in reversed(self._reflections):
            if reflection.exercise_id == exercise_id:
                stale = current_hash is not None and reflection.content_hash != current_hash
                return replace(reflection, stale=stale)
        return None

    def reflections(self) -> list[Reflection]:
        """Every saved reflection, oldest first."""
        return list(self._reflections)

    def save_ratings(self, exercise_id: str, content_hash: str, values: Mapping[str, int], dimension: str) -> None:
        """Keep the learner's ratings of events on one dimension."""
        self._saves += 1
        self._first.setdefault(exercise_id)
        when = _now()
        for event_id, value in values.items():
            self._ratings.append((exercise_id, content_hash, dimension, event_id, int(value), when, self._saves))

    def ratings(self, dimension: str, exercise_id: str | None = None) -> dict[str, int]:
        """The learner's latest rating of each event on ``dimension`` (optionally in one exercise)."""
        return {
            event: value
            for ex, _, dim, event, value, _, _ in self._ratings
            if dim == dimension and (exercise_id is None or ex == exercise_id)
        }

    def record_review(
        self, exercise_id: str, content_hash: str, rating: int, reviewed_at: str, card: Mapping[str, Any]
    ) -> Review:
        """Keep one review and the card state after it."""
        if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 4:
            raise ValueError(f"a review's rating must be a whole number from 1 (Again) to 4 (Easy), not {rating!r}")
        review = Review(exercise_id, content_hash, rating, reviewed_at, copy.deepcopy(dict(card)))
        self._reviews.append(review)
        return review

    def reviews(self, exercise_id: str | None = None) -> list[Review]:
        """Every review, oldest first (of one exercise if given)."""
        return [r for r in self._reviews if exercise_id is None or r.exercise_id == exercise_id]

    def summary(self) -> dict[str, ExerciseSummary]:
        """Per exercise, in order of first activity, as the SQLite store's ``summary``: ``attempts``
        counts answers (else reflections, else rating saves); completed: full marks once, an ungraded
        answer, or a saved reflection or ratings."""
        rows: list[SummaryRow] = []
        for first, ex in enumerate(self._first):
            mine = [a for a in self._attempts if a.exercise_id == ex]
            if mine:
                best = max((a.score for a in mine if a.score is not None), default=None)
                top = max((a.max_score for a in mine if a.max_score is not None), default=None)
                done = any(not a.max_score or (a.score is not None and a.score >= a.max_score) for a in mine)
                rows.append((ex, len(mine), best, top, done, first, mine[-1].created_at))
            written = [r for r in self._reflections if r.exercise_id == ex]
            if written:
                rows.append((ex, len(written), None, None, True, first, written[-1].created_at))
            rated = [row for row in self._ratings if row[0] == ex]
            if rated:
                rows.append((ex, len({row[6] for row in rated}), None, None, True, first, rated[-1][5]))
        return merge_summary(rows)

    def take_notices(self) -> list[Any]:
        """Nothing to report: an in-memory store is never damaged."""
        return []

    def close(self) -> None:
        """Nothing to close."""

    def get_setting(self, key: str, default: Any = None) -> Any:
        """A saved setting, or ``default``."""
        return self._settings.get(key, default)

    def set_setting(self, key: str, value: Any) -> None:
        """Save a setting."""
        self._settings[key] = value


class SessionOnlyProgress(MemoryProgress):
    """The in-memory store, with a one-time notice that nothing is kept."""

    def __init__(self, why: str) -> None:
        super().__init__()
        self._notice: list[Any] = [NOT_KEPT.format(why=why)]

    def take_notices(self) -> list[Any]:
        notices, self._notice = self._notice, []
        return notices
