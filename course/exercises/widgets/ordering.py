"""Widget for ordering: a list box with Move up / Move down buttons (keyboard operable, no drag)."""

from __future__ import annotations

from typing import Any

from ...safe_html import esc, plain
from .base import ExerciseView


class OrderingView(ExerciseView):
    """Select an item, then move it up or down; the list shows the current positions."""

    instructions = "Put the items in order: select one, then press Move up or Move down."

    def build_controls(self) -> list[Any]:
        import ipywidgets as w

        self.texts = {i.id: plain(i.text) for i in self.spec.items}
        self.order = [i.id for i in self.spec.items]
        self.select = w.Select(
            options=[],
            rows=len(self.order),
            description="Order",
            tooltip="Select an item (click it, or use the arrow keys, Home or End), then move it with the buttons",
            layout=w.Layout(width="100%"),
            style={"description_width": "initial"},
        )
        self.up_button = w.Button(
            description="Move up", tooltip="Move the selected item one place up", layout=w.Layout(width="auto")
        )
        self.down_button = w.Button(
            description="Move down", tooltip="Move the selected item one place down", layout=w.Layout(width="auto")
        )
        self.order_note = w.HTML()
        self.up_button.on_click(self._safe(lambda: self.move(-1)))
        self.down_button.on_click(self._safe(lambda: self.move(1)))
        self._refresh()
        return [self.select, w.HBox([self.up_button, self.down_button]), self.order_note]

    def move(self, step: int) -> None:
        """Move the selected item ``step`` places (negative: up)."""
        chosen = self.select.value
        if chosen not in self.order:
            self.order_note.value = '<p class="cx-small">Select an item first.</p>'
            return
        i = self.order.index(chosen)
        j = max(0, min(len(self.order) - 1, i + step))
        self.order[i], self.order[j] = self.order[j], self.order[i]
        self._refresh(chosen)
        self.order_note.value = (
            f'<p class="cx-small" role="status">Moved to position {j + 1}: {esc(self.texts[chosen])}</p>'
        )

    def _refresh(self, keep: str | None = None) -> None:
        self.select.options = [(_wrappable(f"{n}. {self.texts[i]}"), i) for n, i in enumerate(self.order, start=1)]
        self.select.value = keep

    def read_answer(self) -> Any:
        return list(self.order)

    def set_answer(self, answer: Any) -> None:
        self.order = list(answer)
        self._refresh()

    def clear(self) -> None:
        self.order = [i.id for i in self.spec.items]
        self.order_note.value = ""
        self._refresh()


# ipywidgets writes every plain space of a list box item as a no-break space, so a long item would run
# off the box on one line. A four-per-em space (U+2005) looks and reads as a space and lets the line
# break; with the course's CSS (``course.theme.WRAP``) each item wraps and the box grows to show them all.
WRAPPABLE_SPACE = "\u2005"


def _wrappable(label: str) -> str:
    """``label`` with its spaces as spaces a line may break at in a list box."""
    return label.replace(" ", WRAPPABLE_SPACE)
