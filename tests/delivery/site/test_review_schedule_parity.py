"""The site's review scheduler (``static/review.js`` on the vendored ts-fsrs) schedules exactly like the
JupyterLab course's (py-fsrs): the same review history, replayed through both, gives the same state,
step and due date after every review, and the same stability and difficulty within 1e-6.

The histories start from a new card and cover its learning steps, the review state and lapses into
relearning, over weeks to two years: a few written out by hand, then 60 drawn from a seeded generator in
which each review comes at, before or after the time it was due (minutes to days late, sometimes early).
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fsrs import Rating

from course.review import schedule

from .node import run_js

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
TOLERANCE = 1e-6
# A course is reviewed for months, not centuries: beyond some decades ts-fsrs caps stability at 36,500
# days and py-fsrs does not, so a history stops after two years.
HORIZON = timedelta(days=730)
REPLAY_JS = """
const R = require(STATIC + '/review.js');
reply(input.map((history) => R.replaySteps(history)));
"""
# Hand-written histories: (hours after the previous review's due time, rating 1-4).
WRITTEN = {
    "good-all-the-way": [(0, 3)] * 8,
    "easy-at-once": [(0, 4), (0, 4), (0, 3)],
    "again-in-learning": [(0, 1), (0, 1), (0, 2), (0, 3), (0, 3), (0, 3)],
    "hard-first-step": [(0, 2), (0, 2), (0, 3), (0, 3)],
    "lapse-and-relearn": [(0, 3), (0, 3), (24, 3), (48, 1), (0, 1), (0, 3), (0, 3), (72, 3)],
    "two-lapses-late": [(0, 3), (0, 3), (0, 3), (200, 1), (5, 3), (0, 3), (400, 1), (0, 2), (0, 3)],
    "early-reviews": [(0, 3), (0, 3), (-20, 3), (-30, 2), (0, 3), (-1, 1), (0, 3)],
}


def timeline(steps: list[tuple[float, int]]) -> list[dict[str, Any]]:
    """The review rows of a history, each review placed relative to the due time the Python side gives."""
    scheduler = schedule.scheduler()
    card = schedule.new_card("parity", START)
    at = START
    rows = []
    for hours, rating in steps:
        when = max(at + timedelta(hours=hours), rows and datetime.fromisoformat(rows[-1]["reviewed_at"]) or START)
        if when > START + HORIZON:
            break
        card, _ = scheduler.review_card(card, Rating(rating), when)
        rows.append({"rating": rating, "reviewed_at": when.isoformat()})
        at = card.due
    return rows


def drawn(seed: int) -> list[tuple[float, int]]:
    """A random history of 6 to 16 reviews, mostly on time, some late by days, a few early."""
    rnd = random.Random(seed)
    steps = []
    for _ in range(rnd.randint(6, 16)):
        lateness = rnd.choice([0, 0, 0, rnd.uniform(0, 6), rnd.uniform(6, 240), -rnd.uniform(0, 30)])
        rating = rnd.choices([1, 2, 3, 4], weights=[2, 2, 5, 1])[0]
        steps.append((round(lateness, 3), rating))
    return steps


def python_states(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The lab's card after each review, each review starting from the stored state of the one before."""
    stored = None
    out = []
    for row in rows:
        card = schedule.new_card("parity", START) if stored is None else schedule.card_from_json("parity", stored)
        card = schedule.review(card, row["rating"], datetime.fromisoformat(row["reviewed_at"]))
        stored = schedule.card_json(card)
        out.append(
            {
                "state": card.state.name,
                "step": card.step,
                "stability": card.stability,
                "difficulty": card.difficulty,
                "due": card.due,
                "last_review": card.last_review,
            }
        )
    return out


def test_the_same_history_gives_the_same_schedule_in_the_lab_and_on_the_site() -> None:
    histories = {name: timeline(steps) for name, steps in WRITTEN.items()}
    histories |= {f"drawn-{seed}": timeline(drawn(seed)) for seed in range(60)}
    site = run_js(REPLAY_JS, list(histories.values()))
    seen_states: set[str] = set()
    longest = timedelta(0)
    for (name, rows), js_steps in zip(histories.items(), site, strict=True):
        py_steps = python_states(rows)
        assert len(js_steps) == len(py_steps) == len(rows)
        for i, (py, js) in enumerate(zip(py_steps, js_steps, strict=True)):
            where = f"{name}, review {i + 1} ({rows[i]['reviewed_at']}, rating {rows[i]['rating']})"
            assert {1: "Learning", 2: "Review", 3: "Relearning"}[js["state"]] == py["state"], where
            assert js["step"] == py["step"], where
            assert datetime.fromisoformat(js["due"]) == py["due"], where
            assert datetime.fromisoformat(js["last_review"]) == py["last_review"], where
            assert js["stability"] == pytest.approx(py["stability"], rel=TOLERANCE, abs=TOLERANCE), where
            assert js["difficulty"] == pytest.approx(py["difficulty"], rel=TOLERANCE, abs=TOLERANCE), where
            seen_states.add(py["state"])
        longest = max(longest, py_steps[-1]["due"] - START)
    # A card starts new (its first review is the first of each history) and reaches every other state.
    assert seen_states == {"Learning", "Review", "Relearning"}
    assert longest > timedelta(weeks=6), longest
