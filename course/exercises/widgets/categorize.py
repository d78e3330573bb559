"""Widget for categorize: one dropdown per item."""

from __future__ import annotations

from typing import Any

from ...displays.ethics_codes import current_profession
from ...safe_html import inline, plain
from ..profession import order_by_profession
from .base import ExerciseView

UNSET = ""


class CategorizeView(ExerciseView):
    """Each item shows its text and a dropdown of categories."""

    instructions = "Choose a category for each item:"

    def build_controls(self) -> list[Any]:
        import ipywidgets as w

        items = order_by_profession(self.spec.items, lambda i: i.text, current_profession(self.store))
        choices = [("— choose a category —", UNSET)] + [(plain(c.label), c.id) for c in self.spec.categories]
        self.dropdowns: dict[str, Any] = {}
        rows = []
        for n, item in enumerate(items, start=1):
            text = w.HTML(value=f"<p><strong>{n}.</strong> {inline(item.text)}</p>")
            drop = w.Dropdown(
                options=choices,
                value=UNSET,
                description=f"Category for item {n}",
                tooltip=f"Category for item {n}: {plain(item.text)}",
                layout=w.Layout(width="auto"),
                style={"description_width": "initial"},
            )
            self.dropdowns[item.id] = drop
            rows.append(w.VBox([text, drop], layout=w.Layout(margin="0 0 0.5em 0")))
        return rows

    def read_answer(self) -> Any:
        return {item_id: d.value for item_id, d in self.dropdowns.items() if d.value != UNSET}

    def set_answer(self, answer: Any) -> None:
        for item_id, drop in self.dropdowns.items():
            drop.value = answer.get(item_id, UNSET)

    def clear(self) -> None:
        for drop in self.dropdowns.values():
            drop.value = UNSET
