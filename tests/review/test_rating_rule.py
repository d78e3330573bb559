"""The rating rule: full marks Good, at least half Hard, less Again; reflections are rated by the learner."""

from __future__ import annotations

import pytest

from course.review.rating import AGAIN, EASY, GOOD, HARD, RATINGS, check_rating, rating_for_score, self_rated


@pytest.mark.parametrize(
    ("score", "top", "rating"),
    [(3, 3, GOOD), (4, 3, GOOD), (2, 4, HARD), (1.5, 3, HARD), (2.9, 3, HARD), (1, 3, AGAIN), (0, 5, AGAIN)],
)
def test_a_scored_review_is_rated_by_its_share_of_the_marks(score: float, top: float, rating: int) -> None:
    assert rating_for_score(score, top) == rating


def test_a_score_never_earns_easy_and_the_names_follow_fsrs() -> None:
    ratings = {rating_for_score(s, 10) for s in range(11)}
    assert ratings == {AGAIN, HARD, GOOD}
    assert RATINGS == {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
    import fsrs

    assert [int(fsrs.Rating.Again), int(fsrs.Rating.Hard), int(fsrs.Rating.Good), int(fsrs.Rating.Easy)] == [
        AGAIN,
        HARD,
        GOOD,
        EASY,
    ]


@pytest.mark.parametrize("top", [0, -1, True])
def test_a_review_needs_a_positive_maximum(top: object) -> None:
    with pytest.raises(ValueError, match="positive maximum"):
        rating_for_score(1, top)  # type: ignore[arg-type]


def test_only_reflections_and_discussions_are_rated_by_the_learner() -> None:
    assert self_rated("reflection") and self_rated("discussion")
    assert not any(self_rated(t) for t in ("single-choice", "multiple-select", "ordering", "categorize", "rating"))
    assert check_rating(EASY) == 4
    for bad in (0, 5, True, "3", 2.0):
        with pytest.raises(ValueError, match="from 1"):
            check_rating(bad)
