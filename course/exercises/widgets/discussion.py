"""Widget for discussion: private notes on a question, then the points a good answer touches.

The notes are saved like reflections (``save_reflection``, in the local progress store only, never in
the notebook) and put back into the box only when the learner asks.
"""

from __future__ import annotations

from typing import Any

from ..scoring.reflection import words
from .reflection import ReflectionView


class DiscussionView(ReflectionView):
    """A small text box and a Save button; saving shows the points, as does 'Show the points'."""

    check_label = "Save my notes"
    check_tooltip = "Save your notes on this computer and compare them with the points"
    instructions = "Your notes (kept on this computer only, never in the notebook):"
    reveal_label = "Show the points"
    reveal_tooltip = "Show the points a good answer touches"
    noun, a_noun = "notes", "notes"

    def build_controls(self) -> list[Any]:
        import ipywidgets as w

        self.text = w.Textarea(
            value="",
            placeholder="A few lines are enough. Do not write about real clients.",
            description="Notes",
            tooltip="Your notes",
            layout=w.Layout(width="100%", height="6em"),
            style={"description_width": "initial"},
        )
        self.counter = w.HTML()
        self.text.observe(lambda _: self._count(), names="value")
        self.rubric = {}
        self.load_button = w.Button(
            description="Load my saved notes",
            tooltip="Put your last saved notes back in the box",
            layout=w.Layout(width="auto", display="none"),
        )
        self.load_button.on_click(self._safe(self.load_saved))
        self._count()
        return [self.text, self.counter, self.load_button]

    def _count(self) -> None:
        self.counter.value = f'<p class="cx-small" aria-live="polite">{words(self.text.value)} words</p>'
