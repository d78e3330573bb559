"""Geometry for the timeline plot: text sizes, label rows that never overlap, week ticks.

Everything here works in inches on a figure of fixed width, so label rows are decided before
the axes exist (the figure's height then grows to fit them).
"""

from __future__ import annotations

from typing import Any, Sequence

Interval = tuple[float, float]


def text_width(renderer: Any, dpi: float, text: str, size: float, weight: str = "normal") -> float:
    """Width in inches of ``text`` drawn at ``size`` points."""
    from matplotlib.font_manager import FontProperties

    width, _, _ = renderer.get_text_width_height_descent(text, FontProperties(size=size, weight=weight), ismath=False)
    return width / dpi


def pack_rows(
    candidates: Sequence[Sequence[Interval]], bound: float, pad: float
) -> tuple[list[tuple[int, Interval]], int]:
    """Put each label in the lowest row where one of its candidate intervals fits.

    ``candidates[i]`` lists the intervals (inches) label ``i`` may take, best first. Intervals are
    kept inside ``[0, bound]``; two labels in one row are at least ``pad`` apart.
    Returns ([(row, interval)] in input order, number of rows).
    """
    rows: list[list[Interval]] = []
    placed: list[tuple[int, Interval]] = []
    for options in candidates:
        options = [_clamp(iv, bound) for iv in options]
        spot = None
        for r, row in enumerate(rows):
            spot = next(((r, iv) for iv in options if _free(iv, row, pad)), None)
            if spot:
                break
        if spot is None:
            rows.append([])
            spot = (len(rows) - 1, options[0])
        rows[spot[0]].append(spot[1])
        placed.append(spot)
    return placed, len(rows)


def _clamp(iv: Interval, bound: float) -> Interval:
    lo, hi = iv
    if lo < 0:
        lo, hi = 0.0, hi - lo
    if hi > bound:
        lo, hi = max(0.0, lo - (hi - bound)), bound
    return lo, hi


def _free(iv: Interval, row: list[Interval], pad: float) -> bool:
    return all(iv[1] + pad <= lo or iv[0] >= hi + pad for lo, hi in row)


def week_ticks(lo: float, hi: float, max_labels: int = 14) -> tuple[list[int], list[str], list[int]]:
    """Major ticks on Mondays every few weeks (labelled 'wk N'), minor ticks on session days."""
    first_week = int(lo // 7) + 1
    last_week = int(hi // 7) + 1
    n_weeks = max(1, last_week - first_week + 1)
    step = next(s for s in (1, 2, 4, 5, 10, 13, 26, 52, 104) if n_weeks / s <= max_labels or s == 104)
    weeks = [w for w in range(first_week, last_week + 1) if (w - 1) % step == 0 and lo <= (w - 1) * 7 <= hi]
    labels = [f"wk {w}" if w >= 1 else f"wk \u2212{abs(w)}" if w < 0 else "wk 0" for w in weeks]
    minor = [d for w in range(first_week - 1, last_week + 1) for d in ((w - 1) * 7, (w - 1) * 7 + 2) if lo <= d <= hi]
    return [(w - 1) * 7 for w in weeks], labels, minor


def dodge(centers: Sequence[float], width: float, bound: float, gap: float) -> list[float] | None:
    """Centres for equal-width labels in one row, in the given order, never overlapping.

    Keeps each label as close to its wanted centre as possible (least squares, order kept, so
    leader lines never cross) and inside ``[0, bound]``. None when the row cannot hold them all.
    """
    step = width + gap
    n = len(centers)
    if n == 0:
        return []
    if (n - 1) * step + width > bound + 1e-9:
        return None
    lo_first = width / 2
    blocks: list[list[float]] = []  # [first index, count, centre of first]

    def solve(first: int, count: int) -> float:
        ideal = sum(centers[first + k] - k * step for k in range(count)) / count
        hi_first = bound - width / 2 - (first + count - 1) * step
        lo = lo_first + first * step
        return min(max(ideal, lo), hi_first)

    for i in range(n):
        blocks.append([i, 1, solve(i, 1)])
        while len(blocks) > 1 and blocks[-2][2] + blocks[-2][1] * step > blocks[-1][2] + 1e-9:
            last = blocks.pop()
            prev = blocks[-1]
            prev[1] += last[1]
            prev[2] = solve(int(prev[0]), int(prev[1]))
    out: list[float] = []
    for first, count, start in blocks:
        out += [start + k * step for k in range(int(count))]
    return out
