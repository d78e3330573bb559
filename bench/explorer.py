"""#8: building the event explorer, against one timeline as a notebook shows it.

Both in this process and warm (one unrecorded run of each first), alternating. The explorer is built
as ``course.explorer()`` builds it: the timeline figure, its first highlighted picture, the details of
the first event and the widgets. The floor is ``plot_timeline()`` displayed: the figure and the HTML
with its PNG that a notebook cell shows. For the record, the notes also give the ratio to
``plot_timeline()`` alone, which builds the figure but draws nothing.
"""

from __future__ import annotations

from .report import Measure
from .stats import median, timed

ROUNDS = 11


def explorer_build() -> float:
    from course.timeline.explorer import explorer

    return timed(explorer)


def timeline_shown() -> float:
    from course.timeline import plot_timeline

    return timed(lambda: plot_timeline()._repr_mimebundle_())


def timeline_built() -> float:
    from course.timeline import plot_timeline

    return timed(plot_timeline)


def measure(rounds: int = ROUNDS) -> Measure:
    m = Measure(
        8,
        "Event explorer built: course.explorer() (warm, in process)",
        "ms",
        "one plot_timeline() shown (figure + HTML with its PNG)",
        max_ratio=3.0,
    )
    explorer_build(), timeline_shown(), timeline_built()  # warm-up
    built: list[float] = []
    for _ in range(rounds):
        m.samples.append(explorer_build())
        m.floor_samples.append(timeline_shown())
        built.append(timeline_built())
    m.notes = {
        "rounds": rounds,
        "warm": True,
        "plot_timeline_alone_ms": round(median(built) * 1000, 1),
        "ratio_to_plot_timeline_alone": round(median(m.samples) / median(built), 2),
    }
    return m
