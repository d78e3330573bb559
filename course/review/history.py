"""Retention over time, week by week, from the learner's review log (what the progress overview plots).

A review counts as **recalled** when it is rated Hard, Good or Easy (FSRS counts only Again as
forgotten). A review **fell due** in the week its card's due time fell in: an exercise's first review
falls due one day after the learner first meets it (``schedule.first_due``), each later one when the
review before it said. Weeks start on Monday, in UTC; only due times up to ``now`` count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from ..progress.records import Review
from .rating import AGAIN
from .schedule import first_due, parse_time, utc


@dataclass(frozen=True)
class Week:
    """One week of reviews: how many were done, how many recalled, how many fell due."""

    start: date  # the Monday
    reviews: int
    recalled: int
    fell_due: int

    @property
    def share_recalled(self) -> float | None:
        """Recalled reviews as a share of the reviews done (None in a week without reviews)."""
        return self.recalled / self.reviews if self.reviews else None


def monday(moment: datetime) -> date:
    """The Monday (UTC) of the week ``moment`` falls in."""
    day = utc(moment).date()
    return day - timedelta(days=day.weekday())


def weekly(reviews: list[Review], met: dict[str, datetime], now: datetime | None = None) -> list[Week]:
    """Every week from the first review due (or done) to ``now``, oldest first (empty when none)."""
    now = utc(now or datetime.now(timezone.utc))
    due_times = [first_due(when) for when in met.values() if first_due(when) <= now]
    due_times += [t for r in reviews for t in [parse_time(r.card["due"])] if t <= now]
    done: dict[date, list[int]] = {}
    for r in reviews:
        done.setdefault(monday(parse_time(r.reviewed_at)), []).append(r.rating)
    starts = [monday(t) for t in due_times] + list(done)
    if not starts:
        return []
    fell: dict[date, int] = {}
    for t in due_times:
        fell[monday(t)] = fell.get(monday(t), 0) + 1
    weeks, week = [], min(starts)
    while week <= max(max(starts), monday(now)):
        ratings = done.get(week, [])
        weeks.append(Week(week, len(ratings), sum(1 for r in ratings if r != AGAIN), fell.get(week, 0)))
        week += timedelta(days=7)
    return weeks
