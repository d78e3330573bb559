"""The site's review rules (``static/review.js``) are the lab's (``course.review``): the rating of a
scored review, which exercise types the learner rates, the card state's stored form, and the queue
(which exercises are met, when each is due). The site's progress store keeps reviews, upgrades a record
saved before reviews existed without losing anything, and exports the reviews as the lab does."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest

from course.classroom.export import parse_export
from course.exercises.types import TYPES
from course.progress.records import Review
from course.review import queue, rating, schedule

from .node import run_js

RULES_JS = """
const R = require(STATIC + '/review.js');
const rate = (c) => { try { return R.ratingForScore(c[0], c[1]); } catch (err) { return 'error'; } };
reply({
  scores: input.scores.map(rate),
  selfRated: input.types.map((t) => R.selfRated(t)),
  cards: input.cards.map((c) => R.cardJson(R.fromCardJson(c))),
  parameters: R.PARAMETERS,
  retention: R.DESIRED_RETENTION,
});
"""
STORE_JS = """
const P = require(STATIC + '/progress.js');
const R = require(STATIC + '/review.js');
const memory = new Map(Object.entries(input.saved));
const storage = { getItem: (k) => (memory.has(k) ? memory.get(k) : null), setItem: (k, v) => memory.set(k, v), removeItem: (k) => memory.delete(k) };
const store = new P.Store(storage, 'key');
const before = store.read();
const met = R.queue(before, input.reviewable);
const first = met[0];
const at = new Date(input.reviewAt);
store.recordReview({ exercise_id: first.id, content_hash: 'h', rating: 3, reviewed_at: R.iso(at), card: R.review(first.card, 3, at) });
const after = store.read();
reply({
  version: after.version, attempts: after.attempts.length, notices: store.takeNotices(),
  queue: met.map((i) => [i.id, i.due]), queueAfter: R.queue(after, input.reviewable).map((i) => [i.id, i.due]),
  exported: store.exportData({}).payload.reviews,
  file: JSON.stringify(store.exportData({})),
  saved: JSON.parse(memory.get('key')).version,
});
"""


def test_ratings_card_states_and_self_rated_types_are_the_labs() -> None:
    values = [0, 0.5, 1, 1.5, 2, 2.5, 3, 4, 5, 7]
    scores = [[s, m] for s, m in itertools.product(values, [0, 1, 2, 3, 4, 5, 7])]
    start = datetime(2026, 3, 2, 23, 30, tzinfo=UTC)
    card = schedule.new_card("x", start)
    cards = []
    for i, r in enumerate([3, 3, 1, 2, 3, 4]):
        card = schedule.review(card, r, start + timedelta(days=i, minutes=7))
        cards.append(schedule.card_json(card))
    site = run_js(RULES_JS, {"scores": scores, "types": sorted(TYPES), "cards": cards})

    def lab(score: float, max_score: float) -> int | str:
        try:
            return rating.rating_for_score(score, max_score)
        except ValueError:
            return "error"

    assert site["scores"] == [lab(s, m) for s, m in scores]
    assert {"error", 1, 2, 3} == set(site["scores"])
    assert site["selfRated"] == [rating.self_rated(t) for t in sorted(TYPES)]
    assert any(site["selfRated"]) and not all(site["selfRated"])
    assert site["cards"] == cards
    assert site["parameters"] == list(schedule.PARAMETERS) and len(site["parameters"]) == 21  # FSRS-6
    assert site["retention"] == schedule.DESIRED_RETENTION


def test_a_store_saved_before_reviews_is_upgraded_and_its_reviews_are_exported_like_the_labs() -> None:
    t0 = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)
    attempts = [
        {
            "exercise_id": ex,
            "content_hash": "h",
            "notebook": "n",
            "answer": "a",
            "score": 1,
            "max_score": 1,
            "feedback": "",
            "created_at": (t0 + timedelta(minutes=m)).isoformat(timespec="milliseconds"),
        }
        for ex, m in (("b-second", 5), ("a-first", 1), ("b-second", 0), ("not-reviewable", 2))
    ]
    old = {
        "version": 1,
        "learner_id": "learner-1",
        "settings": {},
        "attempts": attempts,
        "ratings": [],
        "reflections": [],
    }
    reviewable = ["a-first", "b-second"]
    review_at = t0 + timedelta(hours=1)
    site = run_js(
        STORE_JS, {"saved": {"key": json.dumps(old)}, "reviewable": reviewable, "reviewAt": schedule.iso(review_at)}
    )
    assert site["version"] == site["saved"] == 2 and site["attempts"] == 4 and site["notices"] == []

    lab = LabRows([SimpleNamespace(**a) for a in attempts])
    specs = [SimpleNamespace(id=i) for i in reviewable]
    before = queue.build_queue(lab, specs)
    assert [i for i, _ in site["queue"]] == ["b-second", "a-first"]  # met first, due first
    day = timedelta(days=1)  # a first review falls due a day after the first answer, on both sides
    assert site["queue"] == [
        ["b-second", schedule.iso(t0 + day)],
        ["a-first", schedule.iso(t0 + timedelta(minutes=1) + day)],
    ]
    assert site["queue"] == [[i.exercise_id, schedule.iso(i.due)] for i in before]
    card = schedule.card_json(schedule.review(before[0].card, 3, review_at))
    lab.rows.append(Review("b-second", "h", 3, schedule.iso(review_at), card))
    after = queue.build_queue(lab, specs)
    assert site["queueAfter"] == [[i.exercise_id, schedule.iso(i.due)] for i in after]
    data, problem = parse_export(site["file"].encode("utf-8"), "site-export.json")
    assert problem is None and data is not None, problem
    assert data["payload"]["reviews"] == site["exported"]  # the lab reads the site's reviews
    [row] = site["exported"]
    assert {k: v for k, v in row.items() if k != "card"} == {
        "exercise_id": "b-second",
        "content_hash": "h",
        "rating": 3,
        "reviewed_at": schedule.iso(review_at),
    }
    assert row["card"] == {k: pytest.approx(v, rel=1e-6) if isinstance(v, float) else v for k, v in card.items()}


ENTRY_JS = """
const R = require(STATIC + '/review.js');
const items = R.queue(input.data, input.reviewable);
reply(input.times.map((t) => R.dueItems(items, new Date(t)).map((i) => i.id)));
"""


def test_a_new_item_falls_due_a_day_after_its_first_answer_in_the_lab_and_on_the_site() -> None:
    met = datetime(2026, 3, 2, 22, 30, 0, 250000, tzinfo=UTC)  # late evening: the next UTC date is not enough
    attempts = [{"exercise_id": "x", "created_at": schedule.iso(met)}]
    times = [met, met + timedelta(hours=2), met + timedelta(days=1, milliseconds=-1), met + timedelta(days=1)]
    site = run_js(
        ENTRY_JS, {"data": {"attempts": attempts}, "reviewable": ["x"], "times": [schedule.iso(t) for t in times]}
    )
    items = queue.build_queue(LabRows([SimpleNamespace(**attempts[0])]), [SimpleNamespace(id="x")])
    lab = [[i.exercise_id for i in queue.due_items(items, t)] for t in times]
    assert site == lab == [[], [], [], ["x"]]


class LabRows:
    """The rows ``course.review.queue`` reads from a progress store."""

    def __init__(self, attempts: list[Any]) -> None:
        self._attempts = attempts
        self.rows: list[Review] = []

    def attempts(self) -> list[Any]:
        return self._attempts

    def reflections(self) -> list[Any]:
        return []

    def reviews(self, exercise_id: str | None = None) -> list[Review]:
        return [r for r in self.rows if exercise_id in (None, r.exercise_id)]


WEEKLY_JS = """
const R = require(STATIC + '/review.js');
reply(input.map((c) => R.weekly(c.data, c.now)));
"""


def test_retention_week_by_week_is_counted_as_in_the_lab() -> None:
    from course.review import history
    from course.review.simulate import simulate

    specs = [SimpleNamespace(id=f"ex-{i}", notebook=f"nb-{i // 3}", type="single-choice") for i in range(9)]
    cases, labs = [], []
    for seed, days, ask in ((2017, 40, 75), (3, 25, 12), (9, 3, 3)):
        log = simulate(specs, days, seed=seed)
        now = datetime(2026, 1, 5, 23, 0, tzinfo=UTC) + timedelta(days=ask)
        met: dict[str, datetime] = {}
        for r in log:
            met.setdefault(r.exercise_id, r.when - timedelta(minutes=5))
        reviews = [Review(r.exercise_id, "h", r.rating, schedule.iso(r.when), r.card) for r in log]
        cases.append(
            {
                "data": {
                    "attempts": [{"exercise_id": k, "created_at": schedule.iso(v)} for k, v in met.items()],
                    "reviews": [
                        {"exercise_id": r.exercise_id, "rating": r.rating, "reviewed_at": r.reviewed_at, "card": r.card}
                        for r in reviews
                    ],
                },
                "now": schedule.iso(now),
            }
        )
        labs.append(
            [
                {"week": w.start.isoformat(), "reviews": w.reviews, "recalled": w.recalled, "fell_due": w.fell_due}
                for w in history.weekly(reviews, met, now)
            ]
        )
    site = run_js(WEEKLY_JS, cases)
    assert site == labs
    assert all(labs) and any(w["reviews"] == 0 for w in labs[0]) and any(w["fell_due"] for w in labs[1])
