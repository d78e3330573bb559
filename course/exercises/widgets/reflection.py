"""Widget for reflection: a private journal entry with an optional self-assessment rubric.

The text is saved only with ``save_reflection`` in the local progress store, never in the notebook.
A saved text is put back into the box only when the learner asks (so it cannot slip into a saved
notebook's widget state unasked).
"""

from __future__ import annotations

from typing import Any

from ...safe_html import esc, plain
from ..result import Result
from ..scoring.reflection import words
from .base import ExerciseView, note_html


class ReflectionView(ExerciseView):
    """A text box, rubric checkboxes, a live word count and a Save button."""

    check_label = "Save reflection"
    check_tooltip = "Save your reflection on this computer and see feedback"
    instructions = "Your reflection (kept on this computer only, never in the notebook):"
    noun, a_noun = "reflection", "a reflection"  # in the messages about saved text

    def build_controls(self) -> list[Any]:
        import ipywidgets as w

        self.text = w.Textarea(
            value="",
            placeholder="Write here. Do not write about real clients.",
            description="Reflection",
            tooltip="Your reflection",
            layout=w.Layout(width="100%", height="12em"),
            style={"description_width": "initial"},
        )
        self.counter = w.HTML()
        self.text.observe(lambda _: self._count(), names="value")
        self.rubric = {
            r.id: w.Checkbox(
                value=False,
                description=plain(r.text),
                indent=False,
                tooltip=plain(r.text),
                layout=w.Layout(width="100%"),
            )
            for r in self.spec.rubric
        }
        self.load_button = w.Button(
            description=f"Load my saved {self.noun}",
            tooltip="Put your last saved text back in the box",
            layout=w.Layout(width="auto", display="none"),
        )
        self.load_button.on_click(self._safe(self.load_saved))
        self._count()
        parts: list[Any] = [self.text, self.counter]
        if self.rubric:
            parts.append(
                w.HTML(value=f'<p class="cx-label">{esc("Self-assessment: tick what your reflection does")}</p>')
            )
            parts += list(self.rubric.values())
        return parts + [self.load_button]

    def _count(self) -> None:
        n = words(self.text.value)
        self.counter.value = (
            f'<p class="cx-small" aria-live="polite">{n} words (suggested: at least {self.spec.min_words})</p>'
        )

    def read_answer(self) -> Any:
        return {"text": self.text.value, "rubric": {k: bool(b.value) for k, b in self.rubric.items()}}

    def set_answer(self, answer: Any) -> None:
        answer = answer if isinstance(answer, dict) else answer.model_dump()
        self.text.value = answer["text"]
        for key, box in self.rubric.items():
            box.value = bool(answer.get("rubric", {}).get(key, False))

    def clear(self) -> None:
        self.text.value = ""
        for box in self.rubric.values():
            box.value = False

    def save(self, answer: Any, result: Result) -> str:
        """Save the text with ``save_reflection`` only (no attempt record holds it)."""
        try:
            self.store.save_reflection(self.spec.id, self.hash, answer["text"], dict(answer.get("rubric", {})))
        except Exception as exc:
            return note_html(
                f"Your {self.noun} could not be saved ({exc}). Copy your text somewhere safe before you close the notebook."
            )
        return '<p class="cx-small">Saved on this computer only; it is not written into the notebook.</p>'

    def _saved(self) -> Any:
        last = getattr(self.store, "last_reflection", None)
        return last(self.spec.id) if callable(last) else None

    def restore(self) -> None:
        saved = self._saved()
        if saved is None:
            return
        when = str(saved.created_at)[:10]
        earlier = " (from an earlier version of this exercise)" if saved.content_hash != self.hash else ""
        self.feedback.value = note_html(
            f"You saved {self.a_noun} of {words(saved.text)} words on {when}{earlier}. "
            f"Press 'Load my saved {self.noun}' to see it again."
        )
        self.load_button.layout.display = None

    def load_saved(self) -> None:
        """Put the last saved reflection back into the box (only when the learner asks)."""
        saved = self._saved()
        if saved is None:
            self.feedback.value = note_html(f"You have not saved {self.a_noun} yet.")
            return
        self.text.value = saved.text
        for key, box in self.rubric.items():
            box.value = bool(saved.rubric.get(key, False))
        self.feedback.value = note_html("What you saved last is back in the box.")
