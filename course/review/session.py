"""One review in the notebook: the exercise's own widget, blank, with its first checked answer rated.

``ReviewStore`` is the learner's progress store as the widget sees it during a review. Every answer,
text and rating is still saved in the real store, but the widget starts blank (no last answer restored)
and counts only this review's attempts. The first scored answer calls ``on_first_score(score,
max_score)``, which rates the review by the rule in ``rating``; later checks are practice and change
nothing in the schedule.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..progress.records import Attempt, ExerciseSummary, Reflection, Review
from ..progress.store import Store


class ReviewStore:
    """The ``Store`` protocol over the learner's store, for one exercise shown as a review."""

    def __init__(self, store: Store, on_first_score: Callable[[float, float], None]) -> None:
        self.store = store
        self.on_first_score = on_first_score
        self.checked = 0

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
        """Save the answer in the learner's store; the first scored one rates the review."""
        saved = self.store.record_attempt(exercise_id, content_hash, answer, score, max_score, feedback, notebook)
        self.checked += 1
        if self.checked == 1 and score is not None and max_score:
            self.on_first_score(score, max_score)
        return saved

    def last_attempt(self, exercise_id: str, current_hash: str | None = None) -> Attempt | None:
        """None: a review starts blank."""
        return None

    def attempts(self, exercise_id: str | None = None) -> list[Attempt]:
        return self.store.attempts(exercise_id)

    def attempt_count(self, exercise_id: str, content_hash: str | None = None) -> int:
        """Answers checked in this review (hints and the reference answer follow them)."""
        return self.checked

    def save_reflection(self, exercise_id: str, content_hash: str, text: str, rubric: Mapping[str, Any]) -> Reflection:
        return self.store.save_reflection(exercise_id, content_hash, text, rubric)

    def last_reflection(self, exercise_id: str, current_hash: str | None = None) -> Reflection | None:
        """None: a review starts with an empty box."""
        return None

    def reflections(self) -> list[Reflection]:
        return self.store.reflections()

    def save_ratings(self, exercise_id: str, content_hash: str, values: Mapping[str, int], dimension: str) -> None:
        self.store.save_ratings(exercise_id, content_hash, values, dimension)

    def ratings(self, dimension: str, exercise_id: str | None = None) -> dict[str, int]:
        return self.store.ratings(dimension, exercise_id)

    def record_review(
        self, exercise_id: str, content_hash: str, rating: int, reviewed_at: str, card: Mapping[str, Any]
    ) -> Review:
        return self.store.record_review(exercise_id, content_hash, rating, reviewed_at, card)

    def reviews(self, exercise_id: str | None = None) -> list[Review]:
        return self.store.reviews(exercise_id)

    def get_setting(self, key: str, default: Any = None) -> Any:
        return self.store.get_setting(key, default)

    def set_setting(self, key: str, value: Any) -> None:
        self.store.set_setting(key, value)

    def summary(self) -> dict[str, ExerciseSummary]:
        return self.store.summary()

    def take_notices(self) -> list[Any]:
        return self.store.take_notices()

    def close(self) -> None:
        """The learner's store stays open: it is not this view's to close."""
