"""One simulated learner's reviews over some days, through the course's scheduler (``course
review-schedule --simulate DAYS``): for instructors and developers, and the closing note's example.

The learner meets one chapter every two days (its reviewable exercises join the queue that evening,
at 18:00 UTC, and fall due a day later) and sits down to review at 19:00 UTC on most days, going through the queue three times ten
minutes apart, so that the short learning steps fall due within the sitting. On 1 day in 7, drawn at
random, they skip the sitting. Whether they recall an item is drawn with FSRS's own estimate of the chance
(the card's retrievability; 0.8 for a first review); a recalled scored item is rated Good (3 in 4) or
Hard, a recalled reflection Easy, Good or Hard by the learner, a forgotten one Again. Everything is
drawn from one ``random.Random(seed)``, so the same seed gives the same schedule.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from . import schedule
from .rating import AGAIN, EASY, GOOD, HARD, self_rated

START = date(2026, 1, 5)
SEED = 2017
SITTING = time(19, 0)
ROUNDS = 3
ROUND_GAP = timedelta(minutes=10)


@dataclass(frozen=True)
class SimulatedReview:
    """One review: when, which exercise, the rating, and the card state after it."""

    when: datetime
    exercise_id: str
    rating: int
    card: dict[str, Any]

    @property
    def next_due(self) -> datetime:
        return schedule.parse_time(self.card["due"])


def _rating(rng: random.Random, card: Any, now: datetime, reflective: bool) -> int:
    chance = 0.8 if card.stability is None else schedule.scheduler().get_card_retrievability(card, now)
    if rng.random() >= chance:
        return AGAIN
    if reflective:
        return rng.choices([EASY, GOOD, HARD], weights=[1, 4, 2])[0]
    return GOOD if rng.random() < 0.75 else HARD


def simulate(specs: list[Any], days: int, seed: int = SEED, start: date = START) -> list[SimulatedReview]:
    """The reviews of one simulated learner over ``days`` days from ``start`` (see the module docstring)."""
    rng = random.Random(seed)
    chapters = list(dict.fromkeys(s.notebook for s in specs))
    cards: dict[str, Any] = {}
    log: list[SimulatedReview] = []
    for day in range(days):
        evening = datetime.combine(start + timedelta(days=day), SITTING, tzinfo=timezone.utc)
        if day % 2 == 0 and day // 2 < len(chapters):
            met = evening - timedelta(hours=1)
            for spec in specs:
                if spec.notebook == chapters[day // 2]:
                    cards[spec.id] = schedule.new_card(spec.id, met)
        if rng.random() < 1 / 7:
            continue  # no sitting today
        for round_ in range(ROUNDS):
            now = evening + round_ * ROUND_GAP
            for spec in specs:
                card = cards.get(spec.id)
                if card is None or card.due > now:
                    continue
                rating = _rating(rng, card, now, self_rated(spec.type))
                cards[spec.id] = schedule.review(card, rating, now)
                log.append(SimulatedReview(now, spec.id, rating, schedule.card_json(cards[spec.id])))
    return log
