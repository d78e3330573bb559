"""Scheduling reviews with FSRS, through the ``fsrs`` package (py-fsrs), never by hand.

The lab, the Voila app and the hub schedule with py-fsrs, used as it is; the offline site with ts-fsrs,
which runs the same model (FSRS-6) with the same settings, and is steered where its scheduler differs
from py-fsrs's (see "Where the two libraries differ") so that one review history gives the same due
dates on both:

- **Library:** ``fsrs`` 6.x from PyPI (FSRS-6, 21 parameters; tested with 6.3.2). On the site: ``ts-fsrs``
  5.x from npm (its ``FSRSVersion`` says "using FSRS-6.0"; tested with 5.4.2). Both ship the same default
  parameters (``PARAMETERS`` below, ``default_w`` in ts-fsrs).
- **Settings:** default parameters, desired retention 0.9, maximum interval 36,500 days, **fuzzing
  off** (py-fsrs ``enable_fuzzing=False``, ts-fsrs ``enable_fuzz: false``), so a schedule is
  reproducible; the libraries' default learning steps, 1 minute and 10 minutes, and relearning step,
  10 minutes (short-term scheduling on, ts-fsrs ``enable_short_term: true``).
- **Entry:** an exercise marked ``review: true`` enters the learner's queue when they first answer it
  in its chapter (first checked answer; first saved text for a reflection or discussion). It is then a
  new card, and its first review falls due **one day (24 hours) after that first answer**
  (``FIRST_REVIEW_DELAY``), not at once: straight after the chapter, with its feedback just read, a
  review would be massed repetition rather than spaced retrieval. This is a rule about when the new card
  falls due, not a change to FSRS: the chapter's answer is not an FSRS review (a first answer made with
  hints and the chapter open is not a retrieval), and the first review, done in the Review notebook or on
  the site's review page, is scheduled by FSRS as a new card's first review, whenever it is done.
- **Times:** every time is UTC, to the millisecond, written as ISO 8601 with a ``Z``
  (``2026-12-06T16:20:05.123Z``, JavaScript's ``Date.toISOString()``). A review time is cut to the
  millisecond before it is scheduled, so both sides start from the same instant.

**Where the two libraries differ** (py-fsrs 6.3.2 against ts-fsrs 5.4.2, with these settings). The site's
``static/review.js`` bridges each of them on its side; py-fsrs here is never changed:

- the days since the last review: py-fsrs counts whole 24-hour periods, ts-fsrs UTC calendar dates (a
  review at 08:00 after one at 22:00 the day before: 0 days or 1);
- a *Hard* in a learning or relearning step: py-fsrs waits 5.5 minutes at the first of two steps and
  repeats the step (10 minutes) at a later one; ts-fsrs waits the mean of the first two steps, rounded to
  whole minutes (6 minutes), at any step;
- in the Review state ts-fsrs keeps the intervals of Hard, Good and Easy at least a day apart, so a short
  interval after a lapse can come out a day longer than py-fsrs's;
- ts-fsrs rounds stability and difficulty to 8 decimals.

Left alone, these make 985 of 2,070 drawn reviews (300 random histories) fall due at another time.

**The card state** kept after each review (``card_json``), one JSON object::

    {"state": 1, "step": 0, "stability": 2.3065, "difficulty": 2.1181,
     "due": "2026-12-06T16:30:05.123Z", "last_review": "2026-12-06T16:20:05.123Z"}

``state`` is FSRS's: 1 Learning, 2 Review, 3 Relearning (ts-fsrs numbers them alike and adds 0 New, which
is never stored: a card with no review has no state row). ``step`` is the learning or relearning step, or
null in the Review state (ts-fsrs ``learning_steps``). ``stability`` (days) and ``difficulty`` (1 to 10)
are FSRS's memory state. The review log in the progress store keeps, per review, the exercise id, the
rating (``rating.py``), the review time and this card state after the review.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import Any

from fsrs import Card, Rating, Scheduler, State
from fsrs.scheduler import DEFAULT_PARAMETERS

from .rating import check_rating

PARAMETERS: tuple[float, ...] = tuple(DEFAULT_PARAMETERS)
DESIRED_RETENTION = 0.9
MAXIMUM_INTERVAL = 36500
LEARNING_STEPS = (timedelta(minutes=1), timedelta(minutes=10))
RELEARNING_STEPS = (timedelta(minutes=10),)
FIRST_REVIEW_DELAY = timedelta(days=1)  # a new card's first review falls due a day after the first answer
CARD_FIELDS = ("state", "step", "stability", "difficulty", "due", "last_review")


@lru_cache(maxsize=1)
def scheduler() -> Scheduler:
    """The course's FSRS scheduler: default parameters and steps, retention 0.9, no fuzzing (made once)."""
    return Scheduler(
        parameters=PARAMETERS,
        desired_retention=DESIRED_RETENTION,
        learning_steps=LEARNING_STEPS,
        relearning_steps=RELEARNING_STEPS,
        maximum_interval=MAXIMUM_INTERVAL,
        enable_fuzzing=False,
    )


def utc(moment: datetime) -> datetime:
    """``moment`` in UTC, cut to the millisecond (a naive time is taken as UTC)."""
    moment = moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def iso(moment: datetime) -> str:
    """``2026-12-06T16:20:05.123Z``: UTC, milliseconds, as JavaScript's ``toISOString()``."""
    return utc(moment).strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc(moment).microsecond // 1000:03d}Z"


def parse_time(text: str) -> datetime:
    """A stored time (``...Z`` or ``...+00:00``) as an aware UTC datetime; ``ValueError`` if it is none."""
    if not isinstance(text, str):
        raise ValueError(f"a time is an ISO 8601 string, not {text!r}")
    value = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
    return utc(value)


def card_id(exercise_id: str) -> int:
    """A stable number for the exercise's card (py-fsrs wants one; it is never stored)."""
    return int(hashlib.sha256(exercise_id.encode("utf-8")).hexdigest()[:12], 16)


def first_due(met_at: datetime) -> datetime:
    """When the first review of an exercise first answered at ``met_at`` falls due: a day later."""
    return utc(met_at) + FIRST_REVIEW_DELAY


def new_card(exercise_id: str, met_at: datetime) -> Card:
    """The card of an exercise first met at ``met_at``: no review yet, due a day later (``first_due``)."""
    return Card(card_id=card_id(exercise_id), due=first_due(met_at))


def review(card: Card, rating: int, when: datetime) -> Card:
    """The card after one review rated ``rating`` (1 Again … 4 Easy) at ``when``: py-fsrs as it is."""
    reviewed, _log = scheduler().review_card(card, Rating(check_rating(rating)), utc(when))
    return reviewed


def replay(exercise_id: str, met_at: datetime, history: Iterable[tuple[int, datetime]]) -> Card:
    """The card after every review in ``history`` (rating, time), oldest first."""
    card = new_card(exercise_id, met_at)
    for rating, when in history:
        card = review(card, rating, when)
    return card


def card_json(card: Card) -> dict[str, Any]:
    """The stored card state (see the module docstring)."""
    return {
        "state": int(card.state.value),
        "step": card.step,
        "stability": card.stability,
        "difficulty": card.difficulty,
        "due": iso(card.due),
        "last_review": iso(card.last_review) if card.last_review else None,
    }


def card_from_json(exercise_id: str, data: Mapping[str, Any]) -> Card:
    """A stored card state back as a py-fsrs ``Card``; ``ValueError`` naming the field that is wrong."""
    if not isinstance(data, Mapping):
        raise ValueError(f"a card state is a JSON object with {', '.join(CARD_FIELDS)}")
    missing = [f for f in CARD_FIELDS if f not in data]
    if missing:
        raise ValueError(f"card state: {missing[0]} is missing")
    state = data["state"]
    if isinstance(state, bool) or state not in (1, 2, 3):
        raise ValueError(f"card state: state is {state!r}; it must be 1 (Learning), 2 (Review) or 3 (Relearning)")
    for name in ("stability", "difficulty"):
        value = data[name]
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
            raise ValueError(f"card state: {name} is {value!r}; it must be a number or null")
    step = data["step"]
    if step is not None and (isinstance(step, bool) or not isinstance(step, int) or step < 0):
        raise ValueError(f"card state: step is {step!r}; it must be a whole number from 0, or null")
    return Card(
        card_id=card_id(exercise_id),
        state=State(state),
        step=step,
        stability=None if data["stability"] is None else float(data["stability"]),
        difficulty=None if data["difficulty"] is None else float(data["difficulty"]),
        due=parse_time(data["due"]),
        last_review=None if data["last_review"] is None else parse_time(data["last_review"]),
    )
