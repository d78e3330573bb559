"""Geometry for the timeline plot, worked out in inches before any axes exist.

* The calendar axis (:class:`CalendarScale`): the days the plot shows, and where quiet weeks are drawn
  narrower so that the weeks around the key events get the width (``choose_scale``).
* Week labels that never crowd (``week_ticks``).
* Phase names packed into at most two rows (``pack_rows``), and key-event numbers put beside their
  points, clear of the lines and of each other (``place_beside``).
* Text widths measured with the figure's own renderer (``text_width``).

Pure Python: matplotlib and numpy are imported only inside the two functions that need them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Sequence

Interval = tuple[float, float]
XY = tuple[float, float]

LEAD_IN = 14  # days shown before the first rated event (the rest of "before therapy" is summarised)
FACTORS = (2, 3, 4, 5, 6, 8, 10, 12, 15, 20)  # how many times narrower the quiet weeks may be drawn
MIN_SHARE = 0.55  # the key events should span at least this share of the plot's width
KEY_GAP = 56  # days: key events further apart than this get separate full-scale stretches (see choose_scale)
STEPS = (1, 2, 4, 5, 10, 13, 26, 52)  # label every n-th week


def text_width(renderer: Any, dpi: float, text: str, size: float, weight: str = "normal") -> float:
    """Width in inches of ``text`` drawn at ``size`` points."""
    from matplotlib.font_manager import FontProperties

    width, _, _ = renderer.get_text_width_height_descent(text, FontProperties(size=size, weight=weight), ismath=False)
    return width / dpi


def week_of(day: float) -> str:
    """The therapy week a day falls in, as the plot writes it: '14', '0', '−3'."""
    week = int(day // 7) + 1
    return str(week) if week >= 0 else f"\u2212{-week}"


# --- the calendar axis ----------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarScale:
    """Days mapped to plot units (full-scale days from the left edge of the window).

    From ``focus[0]`` to ``focus[1]`` (days), and over each later stretch in ``more``, the calendar is
    drawn at full scale; before, between and after, ``factor`` times narrower. Without a focus it is the
    plain calendar.
    """

    lo: float
    hi: float
    focus: tuple[float, float] | None = None
    factor: int = 1
    more: tuple[tuple[float, float], ...] = ()

    @property
    def compressed(self) -> bool:
        return self.focus is not None and self.factor > 1

    def stretches(self) -> list[tuple[float, float]]:
        """The full-scale stretches (days), in order: the focus, then any in ``more``."""
        return [self.focus, *self.more] if self.compressed else []  # type: ignore[list-item]

    def knots(self) -> tuple[list[float], list[float]]:
        """Matching (days, units) at the window's edges and the stretches' ends, extended far beyond."""
        far = 1e5
        if not self.compressed:
            return [self.lo - far, self.hi + far], [-far, self.hi - self.lo + far]
        k = float(self.factor)
        days, units = [self.lo - far, self.lo], [-far / k, 0.0]
        for a, b in self.stretches():
            days += [a, b]
            units += [units[-1] + (a - days[-3]) / k, units[-1] + (a - days[-3]) / k + (b - a)]
        units.append(units[-1] + (self.hi - days[-1]) / k)
        days.append(self.hi)
        return days + [self.hi + far], units + [units[-1] + far / k]

    def units(self, day: float) -> float:
        """Where ``day`` lies, in plot units from the window's left edge."""
        days, units = self.knots()
        return _interpolate(day, days, units)

    def day(self, unit: float) -> float:
        """The day at ``unit`` plot units from the window's left edge (the inverse of ``units``)."""
        days, units = self.knots()
        return _interpolate(unit, units, days)

    @property
    def width(self) -> float:
        """The window's width in plot units."""
        return self.units(self.hi)

    def share(self, a: float, b: float) -> float:
        """The fraction of the window's width between days ``a`` and ``b``."""
        return (self.units(b) - self.units(a)) / self.width

    def breaks(self) -> list[float]:
        """The days inside the window where the scale changes (where the axis shows a break mark)."""
        if not self.compressed:
            return []
        return [d for stretch in self.stretches() for d in stretch if self.lo < d < self.hi]

    def functions(self) -> tuple[Any, Any]:
        """(forward, inverse) on arrays of days and units, for matplotlib's ``set_xscale("function", ...)``."""
        import numpy as np

        days, units = (np.asarray(v, dtype=float) for v in self.knots())
        return (lambda x: np.interp(x, days, units)), (lambda u: np.interp(u, units, days))

    def focus_weeks(self) -> tuple[int, int]:
        """The first and last therapy week drawn at full scale (only for a compressed calendar)."""
        return self.stretch_weeks()[0]

    def stretch_weeks(self) -> list[tuple[int, int]]:
        """For each full-scale stretch, its first and last therapy week."""
        return [(int(a // 7) + 1, int(b // 7)) for a, b in self.stretches()]  # b: the Monday after

    def weeks_text(self, dash: str = " to ") -> str:
        """The full-scale weeks in words: 'weeks 14 to 19', or 'weeks 14 to 19 and 32 to 34'."""
        weeks = self.stretch_weeks()
        spans = [f"{f}" if f == last else f"{f}{dash}{last}" for f, last in weeks]
        joined = spans[0] if len(spans) == 1 else ", ".join(spans[:-1]) + " and " + spans[-1]
        return f"week {joined}" if len(weeks) == 1 and weeks[0][0] == weeks[0][1] else f"weeks {joined}"

    def describe(self) -> str:
        """The compression in one sentence for captions and alt text ("" for the plain calendar)."""
        if not self.compressed:
            return ""
        (a, _), (_, b) = self.stretches()[0], self.stretches()[-1]
        weeks = self.weeks_text()
        around = {(True, True): "the weeks before and after", (True, False): "the weeks before them"}.get(
            (a > self.lo, b < self.hi), "the weeks after them"
        )
        if self.more:
            around = "the weeks around them"
        return (
            f"The time axis is not drawn to one scale: {weeks} are drawn {self.factor} times wider than "
            f"{around}, with break marks on the axis where the scale changes."
        )


def _interpolate(x: float, xs: Sequence[float], ys: Sequence[float]) -> float:
    for (x0, x1), (y0, y1) in zip(zip(xs, xs[1:]), zip(ys, ys[1:])):
        if x <= x1:
            return y0 + (x - x0) * (y1 - y0) / (x1 - x0)
    return ys[-1] + (x - xs[-1]) * (ys[-1] - ys[-2]) / (xs[-1] - xs[-2])


def window(days: Sequence[float], rated: Sequence[float], full_calendar: bool = False) -> tuple[float, float]:
    """The days the plot shows: from shortly before the first rated event (or the very first event)
    to the last event, with a small margin."""
    lo, hi = min(days), max(days)
    if rated and not full_calendar:
        lo = max(lo, min(rated) - LEAD_IN)
    pad = max(3.0, 0.02 * (hi - lo))
    return lo - pad, hi + pad


def choose_scale(
    lo: float, hi: float, key_days: Sequence[float], min_share: float = MIN_SHARE, gap: float | None = None
) -> CalendarScale:
    """The calendar for a window: the weeks of the key events at full scale, the rest just narrow enough.

    The full-scale stretch runs from the Monday of the first key event's week to the Monday after the
    last one's. The rest is drawn ``factor`` times narrower, the smallest factor in ``FACTORS`` that
    lets the key events span ``min_share`` of the width (the plain calendar when they already do).

    With ``gap`` (days), key events more than ``gap`` apart form separate groups, each with its own
    full-scale stretch, and the quiet weeks between the groups are compressed too; then the stretches
    together must take ``min_share`` of the width. Without it, or with one group, there is one stretch.
    """
    plain = CalendarScale(lo, hi)
    if not key_days:
        return plain
    first, last = min(key_days), max(key_days)
    if last <= first:
        return plain
    groups = _groups(sorted(key_days), gap)
    if len(groups) == 1:
        if plain.share(first, last) >= min_share:
            return plain
        focus = (max(lo, (first // 7) * 7), min(hi, (last // 7 + 1) * 7))
        for factor in FACTORS:
            scale = CalendarScale(lo, hi, focus, factor)
            if scale.share(first, last) >= min_share:
                return scale
        return scale
    stretches = [(max(lo, (g[0] // 7) * 7), min(hi, (g[-1] // 7 + 1) * 7)) for g in groups]
    if sum(plain.share(a, b) for a, b in stretches) >= min_share:
        return plain
    for factor in FACTORS:
        scale = CalendarScale(lo, hi, stretches[0], factor, tuple(stretches[1:]))
        if sum(scale.share(a, b) for a, b in stretches) >= min_share:
            return scale
    return scale


def _groups(days: Sequence[float], gap: float | None) -> list[list[float]]:
    """Sorted days split wherever two neighbours are more than ``gap`` apart (one group without a gap)."""
    groups = [[days[0]]]
    for day in days[1:]:
        if gap is not None and day - groups[-1][-1] > gap:
            groups.append([day])
        else:
            groups[-1].append(day)
    return groups


def week_ticks(scale: CalendarScale, inch: Any, min_gap: float = 0.55) -> tuple[list[float], list[str], list[float]]:
    """Week labels on Mondays, and small marks on the Monday and Wednesday session days.

    ``inch(day)`` says where a day is drawn. Every week (or every few) is labelled where the calendar
    is at full scale, every few weeks counted from week 1 where it is compressed, and no two labels
    come closer than ``min_gap`` inches. Returns (label days, labels (the week's number), session days).
    """
    first_week, last_week = int(scale.lo // 7) + 1, int(scale.hi // 7) + 1
    weeks = [w for w in range(first_week, last_week + 1) if scale.lo <= (w - 1) * 7 <= scale.hi]
    at = {w: inch((w - 1) * 7) for w in weeks}
    stretches = scale.stretches() or [(scale.lo, scale.hi)]
    inside = [w for w in weeks if any(a <= (w - 1) * 7 <= b for a, b in stretches)]
    chosen: list[int] = []
    for group in (inside, [w for w in weeks if w not in inside]):
        gaps = [at[w + 1] - at[w] for w in group if w + 1 in at and w + 1 in group]
        step = next((s for s in STEPS if not gaps or s * min(gaps) >= min_gap), STEPS[-1])
        for w in group:
            if (w - 1) % step == 0 and all(abs(at[w] - at[c]) >= min_gap for c in chosen):
                chosen.append(w)
    chosen.sort()
    sessions = [
        d
        for w in range(first_week - 1, last_week + 1)
        for d in ((w - 1) * 7, (w - 1) * 7 + 2)
        if scale.lo <= d <= scale.hi
    ]
    return [(w - 1) * 7 for w in chosen], [week_of((w - 1) * 7) for w in chosen], sessions


# --- labels -----------------------------------------------------------------------------------


def pack_rows(
    spans: Sequence[Interval], widths: Sequence[float], bound: float, pad: float, max_rows: int = 2
) -> list[tuple[int, Interval]] | None:
    """Place label ``i`` (``widths[i]`` inches) over its span ``spans[i]`` in one of ``max_rows`` rows.

    A label is centred on its span when it can be, else it slides sideways, but it always overlaps its
    span by at least a third of the shorter of the two, so it still reads as that span's name. Labels
    in one row keep story order, stay ``pad`` apart and inside ``[0, bound]``; the lower row is
    preferred. Returns [(row, interval)] in input order, or None when they do not fit.
    """
    right_edge = [-pad] * max_rows  # rows fill from left to right, in story order
    placed: list[tuple[int, Interval]] = []
    for (a, b), w in zip(spans, widths):
        overlap = min(w, max(b - a, 0.0)) / 3
        lo_c = max(a - w / 2 + overlap, w / 2)  # the centres that keep the overlap and the bounds
        hi_c = min(b + w / 2 - overlap, bound - w / 2)
        best: tuple[float, int, float] | None = None
        for row in range(max_rows):
            c = max(min(max((a + b) / 2, lo_c), hi_c), right_edge[row] + pad + w / 2)
            if c <= hi_c + 1e-9:
                cost = abs(c - (a + b) / 2) + 0.5 * row
                if best is None or cost < best[0]:
                    best = (cost, row, c)
        if best is None:
            return None
        _, row, c = best
        right_edge[row] = c + w / 2
        placed.append((row, (c - w / 2, c + w / 2)))
    return placed


def place_beside(
    points: Sequence[XY],
    obstacles: Sequence[XY],
    size: float,
    bounds: tuple[float, float, float, float],
    gap: float = 0.04,
) -> list[tuple[XY, bool]]:
    """A spot for a round label of diameter ``size`` beside each point (inches).

    Tries eight directions at growing distances and takes the nearest spot that no obstacle (points
    along the plotted lines) falls into, or if none is clear within a short reach, the one with
    fewest. Labels never overlap each other (unless the bounds are full) and stay inside ``bounds``
    (x0, x1, y0, y1). Returns ((x, y), far) per point, ``far`` when the label had to move so far from
    its point that a short leader line should join them.
    """
    x0, x1, y0, y1 = bounds
    half = size / 2
    directions = [(0, 1), (1, 0), (0, -1), (-1, 0), (1, 1), (-1, 1), (1, -1), (-1, -1)]
    reaches = [half + 0.07, half + 0.17, half + 0.3, half + 0.45]  # then further out, until a spot is free
    reaches += [half + 0.45 + 0.15 * i for i in range(1, int(max(x1 - x0, y1 - y0) / 0.15) + 2)]
    taken: list[XY] = []
    out: list[tuple[XY, bool]] = []
    for px, py in points:
        best: tuple[float, XY, bool] | None = None
        for ring, reach in enumerate(reaches):
            for k, (dx, dy) in enumerate(directions):
                norm = math.hypot(dx, dy)
                cx, cy = px + dx / norm * reach, py + dy / norm * reach
                if not (x0 + half <= cx <= x1 - half and y0 + half <= cy <= y1 - half):
                    continue
                if any(max(abs(cx - tx), abs(cy - ty)) < size + gap for tx, ty in taken):  # boxes apart
                    continue
                hits = sum(1 for ox, oy in obstacles if abs(ox - cx) < half + gap and abs(oy - cy) < half + gap)
                cost = hits * 10 + ring * 3 + k * 0.01
                if best is None or cost < best[0]:
                    best = (cost, (cx, cy), ring >= 2)
            if best is not None and (best[0] < 10 or ring >= 3):
                break
        if best is None:  # the bounds are full: on the point itself
            best = (0.0, (min(max(px, x0 + half), x1 - half), min(max(py, y0 + half), y1 - half)), False)
        taken.append(best[1])
        out.append((best[1], best[2]))
    return out


def sample_line(points: Sequence[XY], step: float = 0.08) -> list[XY]:
    """The points of a polyline plus points every ``step`` inches along it (obstacles for labels)."""
    out = list(points)
    for (xa, ya), (xb, yb) in zip(points, points[1:]):
        n = int(math.hypot(xb - xa, yb - ya) / step)
        out += [(xa + (xb - xa) * i / n, ya + (yb - ya) * i / n) for i in range(1, n)]
    return out
