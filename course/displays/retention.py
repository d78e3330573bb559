"""The learner's retention over time: share of reviews recalled per week, and reviews due and done.

``review_history()`` returns a ``RetentionResult``: the matplotlib figure (object API, never pyplot),
the weekly numbers it shows (``data``), alt text written from those numbers, and an HTML table. Colours
are from the Okabe-Ito palette, and the two bar series differ in hatching as well as colour.
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from ..progress.fallback import get_store
from ..review.history import Week, weekly
from ..review.queue import first_met
from ..theme import CSS
from ..timeline.plot import OKABE_ITO, image_tag

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

BLUE, ORANGE = OKABE_ITO["blue"], OKABE_ITO["orange"]
EMPTY = "You have no reviews yet. Once you have done some in the Review notebook, this shows them week by week."


def _day(week: Week) -> str:
    return f"{week.start.day} {week.start:%b}"


def alt_text(weeks: list[Week]) -> str:
    """A description of the plot written from its numbers."""
    if not weeks:
        return EMPTY
    done = sum(w.reviews for w in weeks)
    recalled = sum(w.recalled for w in weeks)
    parts = [
        f"week of {_day(w)}: {w.recalled} of {w.reviews} recalled, {w.fell_due} fell due"
        if w.reviews
        else f"week of {_day(w)}: no reviews, {w.fell_due} fell due"
        for w in weeks
    ]
    share = f" ({round(100 * recalled / done)}%)" if done else ""
    return (
        f"Your reviews over {len(weeks)} week{'' if len(weeks) == 1 else 's'} from {_day(weeks[0])} "
        f"{weeks[0].start.year}: {recalled} of {done} recalled in all{share}. " + "; ".join(parts) + "."
    )


def table_html(weeks: list[Week]) -> str:
    """The plotted numbers as a table."""
    rows = "".join(
        f"<tr><th scope='row'>{html.escape(_day(w))} {w.start.year}</th><td>{w.fell_due}</td><td>{w.reviews}</td>"
        f"<td>{w.recalled}</td><td>{'' if w.share_recalled is None else f'{round(100 * w.share_recalled)}%'}</td></tr>"
        for w in weeks
    )
    return (
        "<table class='course-table'><thead><tr><th scope='col'>Week of</th><th scope='col'>Fell due</th>"
        "<th scope='col'>Reviews done</th><th scope='col'>Recalled</th><th scope='col'>Share recalled</th>"
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )


def draw(weeks: list[Week]) -> Figure:
    """Top: share recalled per week (%). Bottom: reviews that fell due and reviews done per week."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7.0, 4.2), dpi=100)
    FigureCanvasAgg(fig)
    top, bottom = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [1, 1]})
    xs = list(range(len(weeks)))
    shown = [(x, 100 * w.share_recalled) for x, w in zip(xs, weeks) if w.share_recalled is not None]
    top.plot([x for x, _ in shown], [y for _, y in shown], color=BLUE, marker="o", linewidth=1.8)
    top.set_ylim(0, 105)
    top.set_ylabel("recalled (%)")
    top.grid(axis="y", color="#dddddd", linewidth=0.5)
    width = 0.38
    bottom.bar([x - width / 2 for x in xs], [w.fell_due for w in weeks], width, color=ORANGE, hatch="//",
               edgecolor="#000000", linewidth=0.4, label="fell due")  # fmt: skip
    bottom.bar([x + width / 2 for x in xs], [w.reviews for w in weeks], width, color=BLUE,
               edgecolor="#000000", linewidth=0.4, label="reviews done")  # fmt: skip
    bottom.set_ylabel("reviews")
    bottom.set_ylim(0, max([w.fell_due for w in weeks] + [w.reviews for w in weeks] + [1]) * 1.35)
    bottom.legend(loc="upper right", ncol=2, fontsize=8, frameon=False)
    bottom.set_xticks(xs)
    bottom.set_xticklabels([_day(w) for w in weeks], rotation=45, ha="right", fontsize=8)
    bottom.set_xlabel("week of")
    fig.suptitle("Your reviews, week by week")
    fig.tight_layout()
    return fig


@dataclass
class RetentionResult:
    """The plot, the weekly numbers it shows (``data``) and its alt text."""

    data: list[Week]
    alt_text: str
    figure: Figure | None

    def png(self) -> bytes:
        buf = io.BytesIO()
        assert self.figure is not None
        self.figure.savefig(buf, format="png", metadata={"Description": self.alt_text})
        return buf.getvalue()

    def _svg(self) -> bytes:
        buf = io.BytesIO()
        assert self.figure is not None
        self.figure.savefig(buf, format="svg", metadata={"Date": None})
        return buf.getvalue()

    def _repr_html_(self) -> str:
        if self.figure is None:
            return f"{CSS}<p class='course-review-history'>{html.escape(EMPTY)}</p>"
        return (
            f"{CSS}<figure class='course-review-history'><div class='course-picture'>"
            f"{image_tag(self.png(), self._svg, self.alt_text)}</div><figcaption><details>"
            f"<summary>Data table (screen-reader friendly)</summary>{table_html(self.data)}</details>"
            "</figcaption></figure>"
        )

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        return {"text/html": self._repr_html_(), "text/plain": self.alt_text}


def retention(weeks: list[Week]) -> RetentionResult:
    """The result for these weeks (no figure when there are none)."""
    return RetentionResult(weeks, alt_text(weeks), draw(weeks) if weeks else None)


def review_history(now: datetime | None = None) -> RetentionResult:
    """The learner's weeks of reviews, from their own progress store."""
    store = get_store()[0]
    return retention(weekly(store.reviews(), first_met(store), now or datetime.now(timezone.utc)))
