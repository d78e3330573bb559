"""Rating: the learner rates one dimension at several events; scored against the course's
teaching ratings (from data/vignette/events.yaml) within a tolerance."""

from __future__ import annotations

from typing import Any

from ...safe_html import esc, inline
from ..result import Feedback, Result, invalid
from ..spec import DIMENSION_SCALES, Rating
from .common import Found, is_whole, listing, shown


def label(item: Any) -> str:
    """The event's short title (filled from events.yaml), else its id."""
    return item.label or item.event


def spec_problems(spec: Rating) -> Found:
    """Repeated events."""
    seen: set[str] = set()
    found: Found = []
    for i, item in enumerate(spec.events):
        if item.event in seen:
            found.append((("events", i, "event"), f"'{item.event}' is listed twice; rate each event once"))
        seen.add(item.event)
    return found


def answer_problems(spec: Rating, answer: Any) -> Found:
    """``answer`` maps every listed event id to a whole number from -3 to 3."""
    ids = [e.event for e in spec.events]
    if not isinstance(answer, dict):
        return [((), f"got {shown(answer)}; it should map each event id to a rating from -3 to 3")]
    found: Found = []
    for key, value in answer.items():
        if key not in ids:
            found.append(((key,), f"'{key}' is not one of this exercise's events: {listing(ids)}"))
        elif not is_whole(value) or not -3 <= value <= 3:
            found.append(((key,), f"got {shown(value)}; a rating is a whole number from -3 to 3"))
    missing = [i for i in ids if i not in answer]
    if missing:
        found.append(((), f"has no rating for {listing(missing)}; rate every event"))
    return found


def evaluate(spec: Rating, answer: Any) -> Result:
    """One point per event within ``tolerance`` of the reference; notes on events far off."""
    n = len(spec.events)
    if not spec.answer:
        return invalid("This exercise has no reference ratings yet; ask your instructor.", n)
    found = answer_problems(spec, answer)
    if found:
        return invalid(f"Your ratings could not be read: {found[0][1]}.", n)
    fb = Feedback()
    score = 0
    for item in spec.events:
        given, ref = answer[item.event], spec.answer.get(item.event, 0)
        if abs(given - ref) <= spec.tolerance:
            score += 1
            continue
        fb.html(
            f"<p><strong>{inline(label(item))}</strong>: you rated {esc(_signed(given))}; the course's "
            f"teaching rating is {esc(_signed(ref))}.</p>"
        )
        fb.md(item.note or "")
    fb.text(
        f"{score} of {n} ratings are within {spec.tolerance} point(s) of the course's. These are teaching "
        "judgements for discussion, not measurements: a different rating you can argue for is welcome."
    )
    return fb.result(score, n)


def describe_answer(spec: Rating) -> str:
    """HTML list of the course's ratings."""
    ref = spec.answer or {}
    rows = "".join(f"<li>{inline(label(e))}: {esc(_signed(ref.get(e.event, 0)))}</li>" for e in spec.events)
    scale = DIMENSION_SCALES[spec.dimension]
    return f"<p><strong>The course's {esc(spec.dimension)} ratings</strong> ({esc(scale)}):</p><ul>{rows}</ul>"


def _signed(value: int) -> str:
    return f"+{value}" if value > 0 else str(value).replace("-", "−")
