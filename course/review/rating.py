"""The rating rule: how one review is rated (the offline site mirrors it in JavaScript).

- An exercise with a score (every type but ``reflection`` and ``discussion``): the first checked answer
  in a review is rated **Good** (3) with full marks, **Hard** (2) with at least half the marks, and
  **Again** (1) with less than half.
- A reflection or a discussion has no score: the learner rates the review themselves, **Again** (1),
  **Hard** (2), **Good** (3) or **Easy** (4).

The numbers are FSRS's ratings (``fsrs.Rating`` in Python, ``Rating`` in ts-fsrs): 1 Again, 2 Hard,
3 Good, 4 Easy. A scored exercise never earns Easy: full marks on a first try say "recalled", not "too easy".
"""

from __future__ import annotations

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
RATINGS: dict[int, str] = {AGAIN: "Again", HARD: "Hard", GOOD: "Good", EASY: "Easy"}
SELF_RATED_TYPES = frozenset({"reflection", "discussion"})


def self_rated(exercise_type: str) -> bool:
    """Whether the learner rates reviews of this exercise type themselves (no score to rate from)."""
    return exercise_type in SELF_RATED_TYPES


def rating_for_score(score: float, max_score: float) -> int:
    """Good for full marks, Hard for at least half, Again for less (``max_score`` must be above 0)."""
    if isinstance(score, bool) or isinstance(max_score, bool) or max_score <= 0:
        raise ValueError(f"a review is rated from a score out of a positive maximum, not {score!r} of {max_score!r}")
    if score >= max_score:
        return GOOD
    if 2 * score >= max_score:
        return HARD
    return AGAIN


def check_rating(value: object) -> int:
    """``value`` as a rating 1 to 4, or ``ValueError`` naming what would be right."""
    if isinstance(value, bool) or not isinstance(value, int) or value not in RATINGS:
        raise ValueError(f"a rating is a whole number from 1 (Again) to 4 (Easy), not {value!r}")
    return value
