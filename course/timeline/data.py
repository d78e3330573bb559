"""The numbers behind the timeline plot: series, phases, overlays, alt text and a table.

Pure Python (no matplotlib), so ``course.progress`` can use :func:`class_overlay` cheaply.
Learner ratings are never trusted: anything missing, unknown or out of range is left out and
explained in a message, never raised.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from .layout import KEY_GAP, CalendarScale, choose_scale, window

if TYPE_CHECKING:  # pragma: no cover
    from ..content import Content

DIMENSIONS: tuple[str, ...] = ("transference", "alliance", "stance")
DEFAULT_DIMENSION = "transference"
PHRASES = {"transference": "Jane's transference", "alliance": "the working alliance", "stance": "Susan's stance"}
AXIS_LABELS = {"transference": "Jane's transference", "alliance": "Working alliance", "stance": "Susan's stance"}
SCALE_WORDS = {
    "transference": {-3: "negative", 0: "neutral", 3: "idealizing"},
    "alliance": {-3: "ruptured", 0: "neutral", 3: "strong"},
    "stance": {-3: "too distant", 0: "balanced", 3: "too close"},
}
NOTE = "Illustrative teaching ratings, not measurements"
HELD_FRAME_LABEL = "Hypothetical: Susan holds the frame"
Point = tuple[str, int, float]  # (event id, day number, value)


@dataclass
class Quartiles:
    """Class ratings of one event on one dimension."""

    n: int
    q1: float
    median: float
    q3: float


@dataclass
class ClassOverlay:
    """Medians and quartiles per dimension and event, from many learners' ratings."""

    stats: dict[str, dict[str, Quartiles]]
    n_learners: int
    messages: list[str] = field(default_factory=list)


@dataclass
class TimelineData:
    """Everything the plot shows, as plain data (tests and the table read this, not pixels)."""

    series: dict[str, list[Point]]
    events: list[str]
    phases: list[tuple[str, str, int, int]]
    annotated: list[str]
    labels: dict[str, str]
    overlays: dict[str, Any] = field(default_factory=dict)
    days: dict[str, int] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    scale: CalendarScale | None = None  # how days map to the plot's width, set by ``set_calendar``

    @property
    def window(self) -> tuple[float, float]:
        """The visible x range (days): the scale's ends, (0, 0) before ``set_calendar``."""
        return (self.scale.lo, self.scale.hi) if self.scale is not None else (0.0, 0.0)


def signed(value: float) -> str:
    """+3, 0, −2 or +1.5 (a real minus sign, as the plot shows)."""
    text = f"{abs(value):g}"
    return "0" if value == 0 else ("+" if value > 0 else "\u2212") + text


def describe(dimension: str, value: float) -> str:
    """A word for a rating: 'idealizing', 'negative', 'too close' ..."""
    words = SCALE_WORDS.get(dimension, {})
    if value == 0:
        return words.get(0, "neutral")
    if abs(value) >= 3:
        return words.get(3 if value > 0 else -3, "")
    if dimension == "transference":
        return "positive" if value > 0 else "negative"
    if dimension == "alliance":
        return "fair" if value > 0 else "strained"
    return "rather close" if value > 0 else "rather distant"


# --- from the content ---------------------------------------------------------------------


def build_data(content: Content, dimensions: Iterable[str] = DIMENSIONS) -> TimelineData:
    """Series, phase spans and key events of the case (no overlays yet)."""
    dims = list(dimensions)
    events = content.events
    series = {
        d: [(e.id, e.when.day_number, float(e.rating(d))) for e in events if e.rating(d) is not None] for d in dims
    }
    weeks = [e.when.week for e in events if e.when.week >= 1]
    span = f" over {max(weeks)} weeks of therapy" if weeks else ""
    labels = {d: AXIS_LABELS.get(d, d.title()) for d in dims}
    labels["x"] = "Week of therapy"
    labels["title"] = f"Jane and Susan: {_join(dims)}{span}"
    return TimelineData(
        series=series,
        events=[e.id for e in events],
        phases=phase_spans(content),
        annotated=[e.id for e in events if e.key],
        labels=labels,
        days={e.id: e.when.day_number for e in events},
        titles={e.id: e.title for e in events},
    )


def set_calendar(data: TimelineData, full_calendar: bool = False) -> CalendarScale:
    """Choose the days the plot shows and how they map to its width (quiet weeks compressed)."""
    rated = [p[1] for pts in data.series.values() for p in pts]
    lo, hi = window(list(data.days.values()), rated, full_calendar)
    data.scale = choose_scale(lo, hi, [data.days[e] for e in data.annotated], gap=KEY_GAP)
    return data.scale


def phase_spans(content: Content) -> list[tuple[str, str, int, int]]:
    """(phase id, title, first day, last day) for each phase that has events, in story order."""
    spans = []
    for phase in content.phases:
        days = [e.when.day_number for e in content.events if e.phase == phase.id]
        if days:
            spans.append((phase.id, phase.title, min(days), max(days)))
    return spans


def held_frame_path(content: Content, dimensions: Iterable[str]) -> dict[str, list[Point]]:
    """The hypothetical path per dimension, joined to the case where it branches off.

    When the first hypothetical rating is the divergence event itself with the case's value, the
    path starts there; otherwise it starts from the case's last rated event before it.
    """
    hf = content.held_frame
    if hf is None:
        return {}
    days = {e.id: e.when.day_number for e in content.events}
    order = [e.id for e in content.events]
    rows = [r for r in hf.ratings if r.event in days]
    out: dict[str, list[Point]] = {}
    for d in dimensions:
        pts = [(r.event, days[r.event], float(getattr(r, d))) for r in rows]
        if not pts:
            continue
        first = content.events[order.index(pts[0][0])]
        shared = first.id == hf.diverges_at and first.rating(d) == pts[0][2]
        if not shared:  # branch off the case's last point before the hypothetical one
            before = [e for e in content.events[: order.index(first.id)] if e.rating(d) is not None]
            if before:
                pts.insert(0, (before[-1].id, before[-1].when.day_number, float(before[-1].rating(d))))
        out[d] = pts
    return out


def held_frame_label(content: Content) -> str:
    """The legend entry for the hypothetical path; always says it is hypothetical."""
    title = content.held_frame.title.strip() if content.held_frame else ""
    if not title:
        return HELD_FRAME_LABEL
    return title if title.lower().startswith("hypothetical") else f"Hypothetical: {title}"


# --- learner ratings ------------------------------------------------------------------------


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def _quote_list(items: list[str], limit: int = 5) -> str:
    shown = ", ".join(f"'{i}'" for i in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def normalize_ratings(
    raw: Any, known: Mapping[str, Iterable[str]], *, dimensions: Iterable[str] = DIMENSIONS, who: str = "your ratings"
) -> tuple[dict[str, dict[str, float]], list[str]]:
    """Clean ``{event: value}`` or ``{dimension: {event: value}}`` ratings.

    ``known`` maps each dimension to the event ids the case rates. Returns (clean ratings per
    dimension, messages about what was left out). Never raises.
    """
    dims = list(dimensions)
    messages: list[str] = []
    if raw is None:
        return {}, []
    if not isinstance(raw, Mapping):
        return {}, [
            f"Ignored {who}: expected a mapping of event id to a rating from \u22123 to +3, got {type(raw).__name__}."
        ]
    nested = bool(raw) and all(isinstance(v, Mapping) for v in raw.values())
    if nested:
        groups = {}
        for dim, values in raw.items():
            if dim in dims:
                groups[dim] = values
            else:
                messages.append(f"Ignored {who} for '{dim}': the plot shows {_join(dims)}.")
    else:
        dim = DEFAULT_DIMENSION if DEFAULT_DIMENSION in dims else dims[0]
        groups = {dim: raw}
    clean: dict[str, dict[str, float]] = {}
    for dim, values in groups.items():
        ids = list(known.get(dim, ()))
        unknown, bad, out_of_range = [], [], []
        kept: dict[str, float] = {}
        for event_id, value in values.items():
            number = _number(value)
            if not isinstance(event_id, str) or event_id not in ids:
                unknown.append(str(event_id))
            elif number is None:
                bad.append(str(event_id))
            elif not -3 <= number <= 3:
                out_of_range.append(str(event_id))
            else:
                kept[event_id] = number
        if unknown:
            messages.append(
                f"Ignored {len(unknown)} of {who} ({dim}) for events the case does not rate: {_quote_list(unknown)}."
            )
        if bad:
            messages.append(f"Ignored {len(bad)} of {who} ({dim}) that are not numbers: {_quote_list(bad)}.")
        if out_of_range:
            messages.append(
                f"Ignored {len(out_of_range)} of {who} ({dim}) outside \u22123 to +3: {_quote_list(out_of_range)}."
            )
        clean[dim] = {i: kept[i] for i in ids if i in kept}  # story order
    return clean, messages


def learner_overlay(raw: Any, data: TimelineData) -> tuple[dict[str, list[Point]], list[str]]:
    """The learner's own ratings as plot points, plus messages for anything missing or ignored.

    Progress is counted against the key events (what the course's rating exercise asks for);
    ratings of other events the case rates are plotted too.
    """
    known = {d: [p[0] for p in pts] for d, pts in data.series.items()}
    clean, messages = normalize_ratings(raw, known, dimensions=data.series, who="your ratings")
    points = {d: [(i, data.days[i], v) for i, v in values.items()] for d, values in clean.items() if values}
    if raw is not None and not points:
        messages.append("You have not rated any events yet; do the rating exercise and your line will appear here.")
    for d, pts in points.items():
        expected = [i for i in data.annotated if i in known[d]] or known[d]
        done = sum(1 for p in pts if p[0] in expected)
        if done < len(expected):
            what = "key events" if expected is not known[d] else "events"
            messages.append(
                f"You have rated {done} of the {len(expected)} {what} ({d}); rate the rest in the rating exercise."
            )
    return points, messages


def class_overlay(
    class_ratings: Any,
    *,
    dimensions: Iterable[str] = DIMENSIONS,
    events: Iterable[str] | None = None,
    min_learners: int = 1,
) -> ClassOverlay:
    """Median and quartiles per dimension and event from many learners' ratings (no plotting).

    ``class_ratings`` is a list of dicts, each ``{event: value}`` (transference) or
    ``{dimension: {event: value}}``. ``events`` (ordered ids) restricts and orders the result;
    without it any event id is accepted. Events rated by fewer than ``min_learners`` are left out.
    """
    dims = list(dimensions)
    messages: list[str] = []
    if class_ratings is None:
        return ClassOverlay({}, 0, [])
    if isinstance(class_ratings, Mapping) or not isinstance(class_ratings, Iterable) or isinstance(class_ratings, str):
        return ClassOverlay({}, 0, ["Ignored the class ratings: expected a list with one ratings dict per learner."])
    order = list(events) if events is not None else None
    values: dict[str, dict[str, list[float]]] = {d: {} for d in dims}
    n_learners = 0
    skipped = ignored = 0
    for entry in class_ratings:
        if not isinstance(entry, Mapping):
            skipped += 1
            continue
        ids = order if order is not None else _ids_in(entry)
        clean, msgs = normalize_ratings(entry, {d: ids for d in dims}, dimensions=dims, who="ratings")
        ignored += len(msgs)
        if not any(clean.values()):
            skipped += 1
            continue
        n_learners += 1
        for d, per_event in clean.items():
            for event_id, v in per_event.items():
                values[d].setdefault(event_id, []).append(v)
    if skipped:
        messages.append(f"Left out {skipped} class entr{'y' if skipped == 1 else 'ies'} with no usable ratings.")
    if ignored:
        messages.append(
            f"Some class ratings were unknown, not numbers or out of range, and were ignored "
            f"({ignored} problem{'s' if ignored != 1 else ''})."
        )
    stats: dict[str, dict[str, Quartiles]] = {}
    for d, per_event in values.items():
        ids = [i for i in (order or per_event) if i in per_event and len(per_event[i]) >= min_learners]
        if ids:
            stats[d] = {i: _quartiles(per_event[i]) for i in ids}
    return ClassOverlay(stats, n_learners, messages)


def _ids_in(entry: Mapping) -> list[str]:
    if entry and all(isinstance(v, Mapping) for v in entry.values()):
        return [k for v in entry.values() for k in v if isinstance(k, str)]
    return [k for k in entry if isinstance(k, str)]


def _quartiles(vals: list[float]) -> Quartiles:
    vals = sorted(vals)
    if len(vals) == 1:
        return Quartiles(1, vals[0], vals[0], vals[0])
    q1, med, q3 = statistics.quantiles(vals, n=4, method="inclusive")
    return Quartiles(len(vals), q1, med, q3)


def _join(items: Iterable[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
