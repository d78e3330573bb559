"""Widgets for single-choice (radio buttons) and multiple-select (checkboxes)."""

from __future__ import annotations

from typing import Any

from ...displays.ethics_codes import current_profession
from ...safe_html import plain
from ..profession import order_by_profession
from .base import ExerciseView


class SingleChoiceView(ExerciseView):
    """One radio button per option, the learner's code of ethics first when options name a body."""

    instructions = "Choose one option:"

    def build_controls(self) -> list[Any]:
        import ipywidgets as w

        options = order_by_profession(self.spec.options, lambda o: o.text, current_profession(self.store))
        self.radio = w.RadioButtons(
            options=[(plain(o.text), o.id) for o in options],
            value=None,
            description="Options",
            tooltip="Tab to an option and press Space to choose it, or click it",
            layout=w.Layout(width="100%"),
            style={"description_width": "initial"},
        )
        return [self.radio]

    def read_answer(self) -> Any:
        return self.radio.value

    def set_answer(self, answer: Any) -> None:
        self.radio.value = answer

    def clear(self) -> None:
        self.radio.value = None


class MultipleSelectView(ExerciseView):
    """One checkbox per option."""

    instructions = "Tick every option that applies:"

    def build_controls(self) -> list[Any]:
        import ipywidgets as w

        options = order_by_profession(self.spec.options, lambda o: o.text, current_profession(self.store))
        self.boxes = {
            o.id: w.Checkbox(
                value=False,
                description=plain(o.text),
                indent=False,
                tooltip=plain(o.text),
                layout=w.Layout(width="100%"),
                style={"description_width": "initial"},
            )
            for o in options
        }
        return list(self.boxes.values())

    def read_answer(self) -> Any:
        return [o.id for o in self.spec.options if self.boxes[o.id].value]

    def set_answer(self, answer: Any) -> None:
        for option_id, box in self.boxes.items():
            box.value = option_id in answer

    def clear(self) -> None:
        for box in self.boxes.values():
            box.value = False
