"""#3: the main timeline figure built and rendered to PNG, against a bare matplotlib line plot.

Both run in this process, both warm: one unrecorded run of each first (imports, font cache, the
cached course content), then alternating recorded runs. The floor is a Figure of the very same size
and dpi with one 100-point line, on the same Agg canvas, saved the same way.
"""

from __future__ import annotations

import io

from .report import Measure
from .stats import alternate, timed

ROUNDS = 11


def timeline_png() -> tuple[float, tuple[float, float], float]:
    """Seconds for ``plot_timeline()`` + ``savefig`` to PNG in memory; with the figure's size and dpi."""
    from course.timeline import plot_timeline

    size: tuple[float, float] = (0.0, 0.0)
    dpi = 0.0

    def run() -> None:
        nonlocal size, dpi
        fig = plot_timeline().figure
        fig.savefig(io.BytesIO(), format="png", dpi=fig.dpi)
        size, dpi = tuple(fig.get_size_inches()), fig.dpi  # type: ignore[assignment]

    return timed(run), size, dpi


def bare_png(size: tuple[float, float], dpi: float) -> float:
    """Seconds for a one-line plot of the same size and dpi, saved to PNG in memory."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    def run() -> None:
        fig = Figure(figsize=size, dpi=dpi)
        FigureCanvasAgg(fig)
        fig.add_subplot().plot(range(100), [x * x for x in range(100)])
        fig.savefig(io.BytesIO(), format="png", dpi=dpi)

    return timed(run)


def measure(rounds: int = ROUNDS) -> Measure:
    m = Measure(
        3,
        "Timeline figure: plot_timeline() + savefig PNG (warm, in process)",
        "ms",
        "bare line plot, same size and dpi",
        max_ratio=2.0,
    )
    _, size, dpi = timeline_png()  # warm-up, and the size the floor must match
    bare_png(size, dpi)
    m.samples, m.floor_samples = alternate(lambda: timeline_png()[0], lambda: bare_png(size, dpi), rounds=rounds)
    m.notes = {"figure_inches": list(size), "dpi": dpi, "rounds": rounds, "warm": True}
    return m
