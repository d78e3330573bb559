"""The site's simulated month of reviews (``tools/site-review-simulate.js``, for the closing note) is
the schedule the lab gives: the same exercises come due on the same days (``course.review.queue``) and
each review leaves the same card (``course.review.schedule``)."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest

from course.progress.records import Review
from course.review import queue, schedule

from .node import REPO, node_or_skip

SCRIPT = REPO / "tools" / "site-review-simulate.js"
ITEMS = ["start-crossing-or-violation", "ch01-crossing-violation-sort", "ch02-kohut-or-kernberg"]
START = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)
RATINGS = [3, 3, 2, 3, 1, 3]


class Rows:
    """The rows ``course.review.queue`` reads: each exercise met at the start, and the reviews done."""

    def __init__(self) -> None:
        self._attempts = [SimpleNamespace(exercise_id=i, created_at=schedule.iso(START)) for i in ITEMS]
        self.rows: list[Review] = []

    def attempts(self) -> list[Any]:
        return self._attempts

    def reflections(self) -> list[Any]:
        return []

    def reviews(self, exercise_id: str | None = None) -> list[Review]:
        return [r for r in self.rows if exercise_id in (None, r.exercise_id)]


def lab_month(days: int) -> list[dict[str, Any]]:
    store, specs, out = Rows(), [SimpleNamespace(id=i) for i in ITEMS], []
    for day in range(days):
        at = START + timedelta(days=day)
        for item in queue.due_items(queue.build_queue(store, specs), at):
            rating = RATINGS[len(out) % len(RATINGS)]
            card = schedule.card_json(schedule.review(item.card, rating, at))
            store.rows.append(Review(item.exercise_id, "h", rating, schedule.iso(at), card))
            out.append({"day": day, "exercise_id": item.exercise_id, "rating": rating, "card": card})
    return out


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([node_or_skip(), str(SCRIPT), *args], capture_output=True, text=True, timeout=60)


def test_the_sites_simulated_month_is_the_labs() -> None:
    done = run(
        "--json", "--days", "30", "--start", schedule.iso(START), "--ratings", ",".join(map(str, RATINGS)), *ITEMS
    )
    assert done.returncode == 0, done.stderr
    site = json.loads(done.stdout)
    lab = lab_month(30)
    assert [(r["day"], r["exercise_id"], r["rating"]) for r in site] == [
        (r["day"], r["exercise_id"], r["rating"]) for r in lab
    ]
    for s, py in zip(site, lab, strict=True):
        assert s["card"]["due"] == py["card"]["due"] and s["card"]["state"] == py["card"]["state"]
        assert s["card"]["stability"] == pytest.approx(py["card"]["stability"], rel=1e-6)
    assert {r["card"]["state"] for r in lab} == {1, 2, 3} and len(lab) > 15

    table = run("--days", "30", "--start", schedule.iso(START), *ITEMS)
    assert table.returncode == 0, table.stderr
    assert table.stdout.splitlines()[-1] == f"{len(site)} reviews."
    assert run("--days", "0").returncode == 2
