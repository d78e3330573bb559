"""Discussion: a "For discussion" question with private notes and the points a good answer touches.

A student release keeps the points (they are there to be read) and has no answer to hash.
"""

from __future__ import annotations

from ...safe_html import inline
from ..scoring import discussion as scoring
from ..spec import Discussion
from ..widgets.discussion import DiscussionView
from .record import ExerciseType


def static_html(spec: Discussion) -> str:
    """An invitation to note an answer; the points themselves appear only in the live exercise."""
    return f"<p><strong>Your notes:</strong> {inline('write a few lines, then compare them with the points a good answer touches.')}</p>"


# The reading-time model: a minute to think and note a few lines, and to read the points.
MINUTES = 1


TYPE = ExerciseType(
    name="discussion",
    model=Discussion,
    scoring=scoring,
    view=DiscussionView,
    static=static_html,
    minutes=lambda spec: MINUTES,
    counted=False,  # the notes are optional: a group talks the questions through instead
)
