"""``Store``: what the course may ask of a learner's progress store, whichever kind it is.

Three stores implement it: ``ProgressStore`` (the private SQLite file, ``sqlite_store``),
``MemoryProgress`` (in memory, for tests and when the file cannot be opened) and
``SessionOnlyProgress`` (in memory, saying once that nothing is kept: JupyterLite), both in
``memory_store``. The SQLite store has a few more methods, for the learner's export.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol, runtime_checkable

from .records import Attempt, ExerciseSummary, Reflection, Review


@runtime_checkable
class Store(Protocol):
    """A learner's answers, reflections, ratings, reviews and settings."""

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
        """Keep one checked answer with its score and the feedback shown."""
        ...

    def last_attempt(self, exercise_id: str, current_hash: str | None = None) -> Attempt | None:
        """The latest answer; ``stale`` when ``current_hash`` is given and differs."""
        ...

    def attempts(self, exercise_id: str | None = None) -> list[Attempt]:
        """Every answer, oldest first (of one exercise if given)."""
        ...

    def attempt_count(self, exercise_id: str, content_hash: str | None = None) -> int:
        """Answers to this exercise (to this version, when ``content_hash`` is given)."""
        ...

    def save_reflection(self, exercise_id: str, content_hash: str, text: str, rubric: Mapping[str, Any]) -> Reflection:
        """Keep one written reflection and its self-assessment rubric."""
        ...

    def last_reflection(self, exercise_id: str, current_hash: str | None = None) -> Reflection | None:
        """The latest reflection on an exercise (``stale`` as for attempts)."""
        ...

    def reflections(self) -> list[Reflection]:
        """Every reflection, oldest first."""
        ...

    def save_ratings(self, exercise_id: str, content_hash: str, values: Mapping[str, int], dimension: str) -> None:
        """Keep the learner's rating of each event on one dimension."""
        ...

    def ratings(self, dimension: str, exercise_id: str | None = None) -> dict[str, int]:
        """The latest rating of each event on ``dimension`` (optionally in one exercise)."""
        ...

    def record_review(
        self, exercise_id: str, content_hash: str, rating: int, reviewed_at: str, card: Mapping[str, Any]
    ) -> Review:
        """Keep one review of an exercise in the review queue: rating 1 to 4, UTC time, card state after."""
        ...

    def reviews(self, exercise_id: str | None = None) -> list[Review]:
        """Every review, oldest first (of one exercise if given)."""
        ...

    def get_setting(self, key: str, default: Any = None) -> Any:
        """A saved setting, or ``default``."""
        ...

    def set_setting(self, key: str, value: Any) -> None:
        """Save a setting, replacing an earlier one."""
        ...

    def summary(self) -> dict[str, ExerciseSummary]:
        """Per exercise, in order of first activity: answers, best score, whether it is completed."""
        ...

    def take_notices(self) -> list[Any]:
        """Notices not yet shown to the learner (each returned once)."""
        ...

    def close(self) -> None:
        """Let go of what the store holds open."""
        ...
