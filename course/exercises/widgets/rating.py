"""Widget for rating: a slider from -3 to +3 per event on one dimension; saves the learner's series."""
from __future__ import annotations

from typing import Any

from ..render import esc, plain
from ..result import Result
from ..scoring.rating import label
from ..spec import DIMENSION_SCALES
from .base import ExerciseView, note_html


class RatingView(ExerciseView):
    """Sliders for the learner's ratings; saved for the timeline overlay via ``save_ratings``."""

    check_label = "Check my ratings"

    @property
    def instructions(self) -> str:  # type: ignore[override]
        return f"Rate the {self.spec.dimension} at each event ({DIMENSION_SCALES[self.spec.dimension]}):"

    def build_controls(self) -> list[Any]:
        import ipywidgets as w

        self.sliders = {
            e.event: w.IntSlider(value=0, min=-3, max=3, step=1, description=plain(label(e)),
                                 tooltip=f"{self.spec.dimension} at: {plain(label(e))}", continuous_update=False,
                                 layout=w.Layout(width="95%"), style={"description_width": "40%"})
            for e in self.spec.events
        }
        return list(self.sliders.values())

    def read_answer(self) -> Any:
        return {event: s.value for event, s in self.sliders.items()}

    def set_answer(self, answer: Any) -> None:
        for event, slider in self.sliders.items():
            slider.value = answer[event]

    def clear(self) -> None:
        for slider in self.sliders.values():
            slider.value = 0

    def save(self, answer: Any, result: Result) -> str:
        note = super().save(answer, result)
        try:
            self.store.save_ratings(self.spec.id, self.hash, dict(answer), self.spec.dimension)
        except Exception as exc:
            return note + note_html(f"Your ratings could not be saved for the timeline ({exc}).")
        return note + f'<p class="cx-small">{esc("Your ratings are saved: the timeline can show them beside the course ratings.")}</p>'
