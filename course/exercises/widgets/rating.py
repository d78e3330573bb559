"""Widget for rating: a number from -3 to +3 per event on one dimension; saves the learner's series.

A labelled number field rather than ipywidgets' slider: the slider's handle has no accessible name
for screen readers, while the field is labelled, and its arrow keys step through the scale.
"""

from __future__ import annotations

from typing import Any

from ...safe_html import esc, plain
from ..result import Result
from ..scoring.rating import label
from ..spec import DIMENSION_SCALES
from .base import ExerciseView, note_html


class RatingView(ExerciseView):
    """One rating field per event; saved for the timeline overlay via ``save_ratings``."""

    check_label = "Check my ratings"

    @property
    def instructions(self) -> str:  # type: ignore[override]
        return f"Rate the {self.spec.dimension} at each event ({DIMENSION_SCALES[self.spec.dimension]}):"

    def build_controls(self) -> list[Any]:
        import ipywidgets as w

        self.fields = {
            e.event: w.BoundedIntText(
                value=0,
                min=-3,
                max=3,
                step=1,
                description=plain(label(e)),
                tooltip=f"{self.spec.dimension} at: {plain(label(e))} (-3 to +3)",
                layout=w.Layout(width="32em"),
                style={"description_width": "22em"},
            )
            for e in self.spec.events
        }
        return list(self.fields.values())

    def read_answer(self) -> Any:
        return {event: s.value for event, s in self.fields.items()}

    def set_answer(self, answer: Any) -> None:
        for event, field in self.fields.items():
            field.value = answer[event]

    def clear(self) -> None:
        for field in self.fields.values():
            field.value = 0

    def save(self, answer: Any, result: Result) -> str:
        note = super().save(answer, result)
        try:
            self.store.save_ratings(self.spec.id, self.hash, dict(answer), self.spec.dimension)
        except Exception as exc:
            return note + note_html(f"Your ratings could not be saved for the timeline ({exc}).")
        return (
            note
            + f'<p class="cx-small">{esc("Your ratings are saved: the timeline can show them beside the course ratings.")}</p>'
        )
