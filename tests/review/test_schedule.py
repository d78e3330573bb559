"""The course's scheduler is py-fsrs with default parameters, retention 0.9 and no fuzzing.

Expected values are computed here with the ``fsrs`` library itself, never copied from the course's output.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import fsrs
import pytest

from course.review import schedule

START = datetime(2026, 3, 2, 9, 15, 30, 250000, tzinfo=timezone.utc)
# rating, days after START (09:15): reviews at other times of day, same-day steps, a lapse and a late review
HISTORY = [(3, 0), (3, 0.01), (2, 2.5), (1, 9), (3, 9.01), (4, 14), (3, 40)]


def _library_cards() -> list[fsrs.Card]:
    scheduler = fsrs.Scheduler(desired_retention=0.9, enable_fuzzing=False)
    card = fsrs.Card(card_id=1, due=START)
    cards = []
    for rating, days in HISTORY:
        card, _ = scheduler.review_card(card, fsrs.Rating(rating), START + timedelta(days=days))
        cards.append(card)
    return cards


def test_the_settings_are_the_library_defaults_with_fuzzing_off() -> None:
    ours, default = schedule.scheduler(), fsrs.Scheduler()
    assert ours.parameters == default.parameters and len(ours.parameters) == 21
    assert ours.learning_steps == default.learning_steps == (timedelta(minutes=1), timedelta(minutes=10))
    assert ours.relearning_steps == default.relearning_steps == (timedelta(minutes=10),)
    assert (ours.desired_retention, ours.maximum_interval) == (default.desired_retention, default.maximum_interval)
    assert ours.enable_fuzzing is False and default.enable_fuzzing is True


def test_a_replayed_history_gives_the_library_s_cards() -> None:
    expected = _library_cards()
    card = schedule.new_card("ch01-example", START)
    for (rating, days), want in zip(HISTORY, expected):
        card = schedule.review(card, rating, START + timedelta(days=days))
        assert (card.due, card.state, card.step) == (want.due, want.state, want.step)
        assert card.stability == pytest.approx(want.stability, rel=1e-12)
        assert card.difficulty == pytest.approx(want.difficulty, rel=1e-12)
    again = schedule.replay("ch01-example", START, [(r, START + timedelta(days=d)) for r, d in HISTORY])
    assert schedule.card_json(again) == schedule.card_json(card)  # no fuzz: the same every time


def test_the_stored_card_state_round_trips_and_uses_javascript_times() -> None:
    for card in _library_cards():
        stored = schedule.card_json(card)
        assert list(stored) == list(schedule.CARD_FIELDS)
        assert stored["due"].endswith("Z") and len(stored["due"]) == len("2026-03-02T09:15:30.250Z")
        back = schedule.card_from_json("ch01-example", stored)
        assert schedule.card_json(back) == stored
        assert (back.due, back.state, back.stability) == (card.due, card.state, card.stability)


def test_times_are_cut_to_the_millisecond_in_utc() -> None:
    local = datetime(2026, 3, 2, 10, 0, 0, 999999, tzinfo=timezone(timedelta(hours=1)))
    assert schedule.iso(local) == "2026-03-02T09:00:00.999Z"
    assert schedule.parse_time("2026-03-02T09:00:00.999Z") == schedule.parse_time("2026-03-02T09:00:00.999+00:00")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [("state", 0, "state is 0"), ("stability", "big", "stability is 'big'"), ("step", -1, "step is -1")],
)
def test_a_bad_card_state_is_named(field: str, value: object, message: str) -> None:
    stored = schedule.card_json(_library_cards()[0])
    with pytest.raises(ValueError, match=message):
        schedule.card_from_json("x", {**stored, field: value})
    with pytest.raises(ValueError, match="due is missing"):
        schedule.card_from_json("x", {k: v for k, v in stored.items() if k != "due"})
