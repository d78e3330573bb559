"""The class figure of the case-judgement test as a small picture: each learner's before and after, and the
class means with their 95% intervals.

matplotlib's object API only (no pyplot); Okabe-Ito colours, which stay apart for colour-blind readers; the
alt text is written from the numbers, and the drawing returns the data it drew.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass

from .judgement_stats import Figure, Paired
from .ratings_plot import OKABE_ITO


@dataclass(frozen=True)
class Drawn:
    """The picture (PNG bytes), its alt text, and the numbers it shows."""

    png: bytes
    alt: str
    pairs: tuple[Paired, ...]
    figure: Figure

    def img_html(self) -> str:
        from html import escape

        data = base64.b64encode(self.png).decode("ascii")
        return f"<img class='course-jt-figure' src='data:image/png;base64,{data}' alt='{escape(self.alt, quote=True)}'>"


def alt_text(fig: Figure, of: int | None) -> str:
    """The figure in words."""
    if not fig.n:
        return "No learner has shared both sittings yet, so there is nothing to draw."
    scale = f" out of {of}" if of else ""
    text = (
        f"Scores{scale} of {fig.n} learners before and after the course, one line per learner. "
        f"Mean before {fig.mean_before:.1f}, mean after {fig.mean_after:.1f}."
    )
    if fig.change_ci is not None:
        text += (
            f" Mean change {fig.mean_change:+.1f} (95% interval {fig.change_ci[0]:+.1f} to {fig.change_ci[1]:+.1f})."
        )
    return text


def draw(pairs: list[Paired], fig: Figure, of: int | None = None) -> Drawn:
    """Each learner's two scores joined by a grey line; the means in blue and vermilion with 95% intervals."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure as MplFigure
    from scipy import stats

    canvas_fig = MplFigure(figsize=(4.2, 3.2), dpi=100)
    FigureCanvasAgg(canvas_fig)
    ax = canvas_fig.add_subplot(1, 1, 1)
    for p in pairs:
        ax.plot([0, 1], [p.before, p.after], color="#999999", linewidth=0.8, alpha=0.7)
    for x, values, colour, label in (
        (0, [p.before for p in pairs], OKABE_ITO[0], "before"),
        (1, [p.after for p in pairs], OKABE_ITO[1], "after"),
    ):
        if not values:
            continue
        mean = sum(values) / len(values)
        half = 0.0
        if len(values) > 1 and len(set(values)) > 1:
            half = float(stats.sem(values)) * float(stats.t.ppf(0.975, len(values) - 1))
        ax.errorbar(
            [x],
            [mean],
            yerr=[[half], [half]],
            color=colour,
            marker="o",
            markersize=8,
            capsize=5,
            linewidth=2,
            label=f"mean {label} (bar: 95% interval of that mean; for the change, see the table)",
        )
    ax.set_xticks([0, 1], ["Before", "After"])
    ax.set_xlim(-0.4, 1.4)
    if of:
        ax.set_ylim(-0.3, of + 0.3)
    ax.set_ylabel("Best responses" + (f" (of {of})" if of else ""))
    ax.spines[["top", "right"]].set_visible(False)
    if pairs:
        ax.legend(loc="lower center", fontsize=7, frameon=False, bbox_to_anchor=(0.5, -0.38), ncol=1)
    canvas_fig.tight_layout()
    out = io.BytesIO()
    canvas_fig.savefig(out, format="png")
    return Drawn(out.getvalue(), alt_text(fig, of), tuple(pairs), fig)
