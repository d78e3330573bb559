"""An in-memory progress store with the same methods as the SQLite store.

Used by tests, and by the exercises when the real store cannot be opened (progress then lasts only
for the running kernel). Nothing is written to disk.
"""

from __future__ import annotations

import copy
from datetime import datetime, timezone
from typing import Any

from .records import Attempt, Reflection


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class MemoryProgress:
    """Attempts, reflections, ratings and settings kept in Python lists and dicts."""

    def __init__(self) -> None:
        self._attempts: list[Attempt] = []
        self._reflections: list[Reflection] = []
        self._ratings: list[tuple[str, str, str, str, int]] = []  # exercise, hash, dimension, event, value
        self._settings: dict[str, Any] = {}

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
        return attempt

    def last_attempt(self, exercise_id: str, current_hash: str | None = None) -> Attempt | None:
        """The latest attempt; ``stale`` is set when ``current_hash`` is given and differs."""
        for attempt in reversed(self._attempts):
            if attempt.exercise_id == exercise_id:
                stale = current_hash is not None and attempt.content_hash != current_hash
                return _replace(attempt, stale=stale)
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

    def save_reflection(self, exercise_id: str, content_hash: str, text: str, rubric: dict[str, Any]) -> Reflection:
        """Keep one written reflection."""
        reflection = Reflection(exercise_id, content_hash, text, dict(rubric), _now())
        self._reflections.append(reflection)
        return reflection

    def last_reflection(self, exercise_id: str, current_hash: str | None = None) -> Reflection | None:
        """The latest reflection for this exercise (``stale`` as for attempts)."""
        for reflection in reversed(self._reflections):
            if reflection.exercise_id == exercise_id:
                stale = current_hash is not None and reflection.content_hash != current_hash
                return _replace(reflection, stale=stale)
        return None

    def reflections(self) -> list[Reflection]:
        """Every saved reflection, oldest first."""
        return list(self._reflections)

    def save_ratings(self, exercise_id: str, content_hash: str, values: dict[str, int], dimension: str) -> None:
        """Keep the learner's ratings of events on one dimension."""
        for event_id, value in values.items():
            self._ratings.append((exercise_id, content_hash, dimension, event_id, int(value)))

    def ratings(self, dimension: str, exercise_id: str | None = None) -> dict[str, int]:
        """The learner's latest rating of each event on ``dimension`` (optionally in one exercise)."""
        return {
            event: value
            for ex, _, dim, event, value in self._ratings
            if dim == dimension and (exercise_id is None or ex == exercise_id)
        }

    def take_notices(self) -> list[Any]:
        """Nothing to report: an in-memory store is never damaged."""
        return []

    def get_setting(self, key: str, default: Any = None) -> Any:
        """A saved setting, or ``default``."""
        return self._settings.get(key, default)

    def set_setting(self, key: str, value: Any) -> None:
        """Save a setting."""
        self._settings[key] = value


def _replace(record: Any, **changes: Any) -> Any:
    from dataclasses import replace

    return replace(record, **changes)
