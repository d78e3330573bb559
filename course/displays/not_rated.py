"""What ``course.my_timeline`` shows before the learner has rated: a note, not the course's line.

Seeing the course's ratings first would anchor the learner's own; the note says how to bring the chart
in the words of the delivery the learner is using (run the cell again, or reload the page).
"""

from __future__ import annotations

from typing import Any

from ..delivery.audience import current
from ..safe_html import esc
from ..theme import CSS

THEN = {
    "lab": "then run this cell again",
    "hub": "then run this cell again",
    "app": "then reload this page",
    "site": "and it appears here",
}


def not_rated_yet(spec: Any) -> Any:
    """An HTML note naming the rating exercise to answer first."""
    from IPython.display import HTML

    return HTML(
        CSS + "<div class='course-timeline-messages' role='note'><p><strong>Nothing rated yet.</strong> The course's "
        f"{esc(spec.dimension)} line is shown beside yours once you have rated. Check your ratings in the "
        f"exercise &ldquo;{esc(spec.title)}&rdquo; above, {THEN[current()]}.</p></div>"
    )
