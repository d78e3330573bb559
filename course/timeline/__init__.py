"""The timeline of the case: the plot (``plot``), its numbers (``data``), geometry (``layout``),
words (``text``), drawing (``draw``) and the event-by-event stepper (``explorer``)."""

from __future__ import annotations

from .plot import (
    HELD_FRAME_LABEL,
    NOTE,
    OKABE_ITO,
    STYLES,
    ClassOverlay,
    TimelineData,
    TimelineResult,
    class_overlay,
    plot_timeline,
    save_figure,
)

__all__ = [
    "plot_timeline",
    "TimelineResult",
    "TimelineData",
    "save_figure",
    "class_overlay",
    "ClassOverlay",
    "OKABE_ITO",
    "STYLES",
    "HELD_FRAME_LABEL",
    "NOTE",
]
