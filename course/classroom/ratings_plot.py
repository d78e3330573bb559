"""A PNG of the class's ratings per event: median and inter-quartile range, one panel per dimension.

matplotlib is imported lazily and used through its object API (no pyplot, no change of backend).
"""

from __future__ import annotations

from pathlib import Path

from .stats import RatingSpread

OKABE_ITO = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]


def draw_ratings(
    spreads: dict[str, dict[str, RatingSpread]],
    events: list[str],
    labels: dict[str, str],
    path: Path,
    reference: dict[str, dict[str, int]] | None = None,
) -> Path:
    """Draw ``spreads`` (dimension -> event -> spread) over ``events`` (x order) into ``path``.

    ``reference`` (dimension -> event -> value), when given, is drawn as the course's teaching rating.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    dims = list(spreads)
    fig = Figure(figsize=(max(8.0, 0.45 * len(events) + 2), 2.4 * len(dims) + 2.2), dpi=100)
    FigureCanvasAgg(fig)
    axes = fig.subplots(len(dims), 1, sharex=True, squeeze=False)[:, 0]
    xs = range(len(events))
    for i, (ax, dim) in enumerate(zip(axes, dims)):
        colour = OKABE_ITO[i % len(OKABE_ITO)]
        pts = [(x, spreads[dim][e]) for x, e in zip(xs, events) if e in spreads[dim]]
        px = [x for x, _ in pts]
        med = [s.median for _, s in pts]
        err = [[s.median - s.q1 for _, s in pts], [s.q3 - s.median for _, s in pts]]
        ax.axhline(0, color="#999999", linewidth=0.8)
        ax.errorbar(
            px,
            med,
            yerr=err,
            color=colour,
            marker="o",
            linewidth=1.5,
            capsize=3,
            label="class median (bar: inter-quartile range)",
        )
        ref = (reference or {}).get(dim, {})
        rx = [x for x, e in zip(xs, events) if e in ref]
        if rx:
            ax.plot(
                rx,
                [ref[events[x]] for x in rx],
                linestyle="--",
                marker="s",
                markersize=4,
                color="#000000",
                linewidth=1,
                label="course's teaching rating",
            )
        ax.set_ylim(-3.4, 3.4)
        ax.set_yticks(range(-3, 4))
        ax.set_ylabel(dim)
        ax.grid(axis="y", color="#dddddd", linewidth=0.5)
        ax.legend(loc="upper right", fontsize=8, frameon=False)
    axes[-1].set_xticks(list(xs))
    axes[-1].set_xticklabels([labels.get(e, e) for e in events], rotation=60, ha="right", fontsize=8)
    fig.suptitle("How the class rated each event (teaching ratings, not measurements)")
    fig.tight_layout()
    fig.savefig(path, format="png")
    return path
