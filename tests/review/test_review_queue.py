"""The queue in the lab: what is due, a review done with the exercise's own widget, the course map's count
and the weekly retention numbers. Everything runs on an in-memory store."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from unittest import mock

import pytest

from course.displays import retention, review
from course.exercises import drive, load_spec
from course.progress import MemoryProgress
from course.review import queue
from course.review.history import weekly
from course.review.schedule import iso

CHOICE, SORT, REFLECTION = "ch01-which-code-friendship", "ch01-crossing-violation-sort", "ch04-pull-to-be-liked"


@pytest.fixture(autouse=True)
def reflection_marked_for_review():
    """The course marks no reflection for review (a personal one would ask for the same disclosure again);
    an instructor may mark one, and the queue then asks the learner to rate it. Here one is marked."""
    specs = [*queue.reviewable(), load_spec(REFLECTION).model_copy(update={"review": True})]
    with mock.patch.object(queue, "reviewable", return_value=specs):
        yield


def answered(store: MemoryProgress, exercise_ids: tuple[str, ...], when: datetime) -> MemoryProgress:
    """``store`` after its learner answered each exercise in its chapter at ``when``."""
    with mock.patch("course.progress.memory_store._now", return_value=when.isoformat(timespec="seconds")):
        for exercise_id in exercise_ids:
            spec = load_spec(exercise_id)
            drive(spec, spec.answer, store=store)
    return store


@pytest.fixture
def met() -> MemoryProgress:
    """A learner who answered three reviewable exercises in their chapters yesterday, and one that is not."""
    yesterday = datetime.now(timezone.utc) - timedelta(days=1, minutes=5)
    return answered(MemoryProgress(), (CHOICE, SORT, REFLECTION, "ch01-slippery-slope"), yesterday)


def test_only_met_reviewable_exercises_are_in_the_queue_and_due_a_day_after_the_first_answer(
    met: MemoryProgress,
) -> None:
    items = queue.build_queue(met)
    assert sorted(i.exercise_id for i in items) == sorted([CHOICE, SORT, REFLECTION])  # slippery slope: not marked
    assert all(i.reviews == 0 and i.due == i.met_at + timedelta(days=1) for i in items)
    assert len(queue.due_items(items, datetime.now(timezone.utc))) == 3
    assert queue.build_queue(MemoryProgress()) == []  # nothing met, nothing due


def test_an_exercise_just_answered_in_its_chapter_is_not_due_until_the_next_day() -> None:
    now = datetime(2026, 3, 2, 18, 30, tzinfo=timezone.utc)
    store = answered(MemoryProgress(), (CHOICE,), now)
    [item] = queue.build_queue(store)
    assert queue.due_items([item], now + timedelta(hours=23, minutes=59)) == []
    assert queue.due_items([item], now + timedelta(days=1)) == [item]
    assert queue.next_due([item], now) == now + timedelta(days=1)
    shown = review.ReviewQueue(store, now=now + timedelta(minutes=5))
    assert shown.panels == [] and "The next one is due in 24 hours." in shown.intro.value
    assert review.due_sentence(0, 0, None, now).startswith("No reviews yet")
    assert "its first review a day later" in review.due_sentence(0, 0, None, now)


def test_the_first_checked_answer_rates_the_review_and_later_ones_do_not(met: MemoryProgress) -> None:
    shown = review.ReviewQueue(met)
    panel = next(p for p in shown.panels if p.spec.id == SORT)
    assert panel.view.feedback.value == ""  # a review starts blank, not with the chapter's answer
    spec = panel.spec
    half = dict(spec.answer)
    wrong = [k for k in half][: len(half) // 2 - 1]
    others = [c.id for c in spec.categories]
    for item in wrong:  # fewer than half in the wrong category: still at least half the marks
        half[item] = next(c for c in others if c != spec.answer[item])
    panel.view.answer_with(half)
    panel.view.answer_with(spec.answer)
    [saved] = met.reviews(SORT)
    assert saved.rating == 2 and "Review rated Hard" in panel.status.value
    assert len(met.attempts(SORT)) == 3  # the chapter's answer and both checks in the review are kept


def test_a_reflection_is_rated_by_the_learner_once(met: MemoryProgress) -> None:
    panel = next(p for p in review.ReviewQueue(met).panels if p.spec.id == REFLECTION)
    assert [b.description for b in panel.buttons] == ["Again", "Hard", "Good", "Easy"]
    panel.buttons[2].click()
    assert [r.rating for r in met.reviews(REFLECTION)] == [3]
    assert all(b.disabled for b in panel.buttons) and "Review rated Good" in panel.status.value


def test_a_good_review_leaves_the_queue_until_its_next_due_time(met: MemoryProgress) -> None:
    now = datetime.now(timezone.utc)
    spec = load_spec(CHOICE)
    saved = queue.record_review(met, spec, 3, now)
    items = queue.build_queue(met)
    mine = next(i for i in items if i.exercise_id == CHOICE)
    assert mine.reviews == 1 and iso(mine.due) == saved.card["due"]
    assert CHOICE not in {i.exercise_id for i in queue.due_items(items, now)}
    assert CHOICE in {i.exercise_id for i in queue.due_items(items, mine.due)}


def test_the_course_map_line_counts_what_is_due(met: MemoryProgress) -> None:
    with mock.patch.object(review, "get_store", return_value=(met, None)):
        line = review.reviews_due().value
    assert "3 reviews due now, of the 3 exercises in your review queue." in line and "review.ipynb" in line
    now = datetime(2026, 3, 2, 9, tzinfo=timezone.utc)
    assert review.due_sentence(0, 3, now + timedelta(days=4), now).endswith(
        "The next one is due in 4 days (Fri 6 Mar)."
    )
    assert review.due_sentence(0, 0, None, now).startswith("No reviews yet")


def test_weekly_retention_counts_reviews_recalled_and_due() -> None:
    store = MemoryProgress()
    monday = datetime(2026, 3, 2, 18, tzinfo=timezone.utc)
    spec = load_spec(CHOICE)
    history = [(0, 1), (0.01, 3), (1, 3), (8, 2), (9, 1)]  # days after the first meeting, rating
    for days, rating in history:
        queue.record_review(store, spec, rating, monday + timedelta(days=days))
    weeks = weekly(store.reviews(), {CHOICE: monday}, monday + timedelta(days=15))
    assert [w.start.isoformat() for w in weeks] == ["2026-03-02", "2026-03-09", "2026-03-16"]
    assert [(w.reviews, w.recalled) for w in weeks] == [(3, 2), (2, 1), (0, 0)]
    due = [monday] + [datetime.fromisoformat(r.card["due"].replace("Z", "+00:00")) for r in store.reviews()]
    assert sum(w.fell_due for w in weeks) == sum(1 for d in due if d <= monday + timedelta(days=15))
    result = retention.retention(weeks)
    assert result.data == weeks and result.figure is not None
    assert "3 of 5 recalled in all (60%)" in result.alt_text and "week of 9 Mar: 1 of 2 recalled" in result.alt_text
    assert 'alt="Your reviews over 3 weeks' in result._repr_html_()
    assert retention.retention([]).figure is None
