"""Rating: the learner rates one dimension at several events of the case.

A student release keeps no answer for it: the reference ratings come from data/vignette/events.yaml,
which the release ships (``course.exercises.resolve``).
"""

from __future__ import annotations

from ...safe_html import esc, inline
from ..scoring import rating as scoring
from ..spec import DIMENSION_SCALES, Rating
from ..widgets.rating import RatingView
from .record import ExerciseType


def static_html(spec: Rating) -> str:
    """The scale, and a table of events with an empty cell for each rating."""
    scale = DIMENSION_SCALES.get(spec.dimension, "−3 … +3")
    rows = "".join(
        f"<tr><td>{inline(e.label or e.event)}</td><td class='static-blank-cell'></td></tr>" for e in spec.events
    )
    return (
        f"<p><strong>Rate each event for {esc(spec.dimension)}</strong> ({esc(scale)}):</p>"
        f"<table class='static-table'><thead><tr><th>Event</th><th>Your rating</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


MINUTES_PER_EVENT = 1  # the reading-time model: a minute per rated event


TYPE = ExerciseType(
    name="rating",
    model=Rating,
    scoring=scoring,
    view=RatingView,
    static=static_html,
    minutes=lambda spec: MINUTES_PER_EVENT * len(spec.events),
)
