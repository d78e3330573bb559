"""`course review-schedule --simulate DAYS`: one learner's month, the same for the same seed, and each
review's next due date the one py-fsrs gives when the printed history is replayed through it."""

from __future__ import annotations

import json
from datetime import timedelta

import fsrs

from course.cli import main
from course.review.schedule import parse_time


def _run(capsys, *args: str) -> str:
    assert main(["review-schedule", *args]) == 0
    return capsys.readouterr().out


def test_the_same_seed_gives_the_same_schedule_and_another_seed_another(capsys) -> None:
    once = _run(capsys, "--simulate", "30")
    assert once == _run(capsys, "--simulate", "30")
    assert once != _run(capsys, "--simulate", "30", "--seed", "7")
    lines = once.splitlines()
    assert lines[0].startswith("One simulated learner, 30 days from 2026-01-05 (seed 2017)")
    assert lines[-1].endswith("recalled (" + lines[-1].split("(")[-1])
    assert all(line[:4] == "2026" for line in lines[2:-1])


def test_replaying_the_printed_history_through_fsrs_gives_the_printed_due_dates(capsys) -> None:
    data = json.loads(_run(capsys, "--simulate", "30", "--json"))
    assert data["days"] == 30 and data["reviews"]
    scheduler = fsrs.Scheduler(desired_retention=0.9, enable_fuzzing=False)
    cards: dict[str, fsrs.Card] = {}
    last = parse_time(data["reviews"][-1]["reviewed_at"])
    assert last - parse_time(data["reviews"][0]["reviewed_at"]) < timedelta(days=30)
    for row in data["reviews"]:
        when = parse_time(row["reviewed_at"])
        card = cards.get(row["exercise_id"]) or fsrs.Card(card_id=1, due=when)
        card, _ = scheduler.review_card(card, fsrs.Rating(row["rating"]), when)
        cards[row["exercise_id"]] = card
        assert card.due == parse_time(row["card"]["due"]), row
        assert card.state.value == row["card"]["state"]


def test_a_bad_number_of_days_or_start_date_is_a_message(capsys) -> None:
    assert main(["review-schedule", "--simulate", "0"]) == 2
    assert "from 1 to 3650" in capsys.readouterr().err
    assert main(["review-schedule", "--simulate", "3", "--start", "5 Jan"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
