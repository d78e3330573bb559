"""Widget for decision: play the branching scenario one reply at a time."""

from __future__ import annotations

from typing import Any

from ...safe_html import esc, markdown, plain
from .. import conditions
from ..drafts import load_draft, save_draft
from ..result import Result, invalid
from ..scoring.decision import END, choice, node, step_html
from .base import NO_OVERRIDE, ExerciseView, note_html, stale_html


class DecisionView(ExerciseView):
    """Shows the current situation and its replies; each reply shows its consequence and commentary."""

    check_label = "Choose this reply"
    check_tooltip = "Answer with the selected reply and see what happens"
    instructions = "Your reply:"

    def build_controls(self) -> list[Any]:
        import ipywidgets as w

        self.path: list[str] = []
        self.current = self.spec.start
        named = conditions.exercises_named(v for n in self.spec.nodes for v in n.variants)
        self.earlier = conditions.answers_from(self.store, named) if named else {}  # for nodes told by variants
        self.scene = w.HTML()
        self.radio = w.RadioButtons(
            options=[],
            value=None,
            description="Replies",
            tooltip="Tab to a reply and press Space to choose it, or click it",
            layout=w.Layout(width="100%"),
            style={"description_width": "initial"},
        )
        self._show_node()
        return [self.scene, self.radio]

    def _show_node(self) -> None:
        here = node(self.spec, self.current) if self.current != END else None
        if here is None:
            self.scene.value = f"<p><em>{esc('The scenario has ended. Press Reset to play it again.')}</em></p>"
            self.radio.options = []
            self.radio.layout.display = "none"
            if hasattr(self, "check_button"):
                self.check_button.disabled = True
            return
        self.scene.value = markdown(conditions.node_text(here, self.earlier))
        self.radio.options = [(plain(c.text), c.id) for c in here.choices]
        self.radio.value = None
        self.radio.layout.display = None
        if hasattr(self, "check_button"):
            self.check_button.disabled = False

    def check(self) -> Result:
        """Take the selected reply; at the end, score the whole path."""
        if self._override is not NO_OVERRIDE:
            return super().check()
        here = node(self.spec, self.current)
        chosen = self.radio.value
        if here is None or chosen is None:
            result = invalid("Choose a reply first, then press 'Choose this reply'.", len(self.spec.answer))
            self.feedback.value = result.feedback_html
            return result
        picked = next(c for c in here.choices if c.id == chosen)
        self.path.append(picked.id)
        self.current = picked.next
        if self.current != END:
            save_draft(self.store, self.spec.id, self.hash, self.path)
            self._show_steps("")
            return self.scoring.evaluate(self.spec, self.path)
        save_draft(self.store, self.spec.id, self.hash, None)
        self._show_node()
        return self._accept(list(self.path), self.scoring.evaluate(self.spec, self.path))

    def _show_steps(self, lead: str) -> None:
        steps = "".join(step_html(n, c) for n, c in enumerate(self._taken(), start=1))
        self.feedback.value = (
            note_html(lead) if lead else ""
        ) + f'<div class="cx-feedback" role="status">{steps}</div>'
        self._show_node()

    def _taken(self) -> list[Any]:
        return [c for c in (choice(self.spec, cid) for cid in self.path) if c is not None]

    def answer_with(self, answer: Any) -> ExerciseView:
        """Play the path ``answer`` (a list of choice ids) reply by reply. Never raises."""
        if self.scoring.answer_problems(self.spec, answer):
            self._override = answer
            self.check_button.click()
            return self
        self.reset()
        for choice_id in answer:
            self.radio.value = choice_id
            self.check_button.click()
        return self

    def read_answer(self) -> Any:
        return list(self.path)

    def set_answer(self, answer: Any) -> None:
        self.path = list(answer)
        self.current = END
        self._show_node()

    def clear(self) -> None:
        self.path = []
        self.current = self.spec.start
        save_draft(self.store, self.spec.id, self.hash, None)
        self._show_node()

    def _restore_draft(self) -> bool:
        """A scenario left halfway: the replies chosen so far, if they still lead somewhere in this version."""
        path = load_draft(self.store, self.spec.id, self.hash)
        here = self.spec.start
        for choice_id in path or []:
            at = node(self.spec, here) if here != END else None
            picked = next((c for c in at.choices if c.id == choice_id), None) if at else None
            if picked is None:
                return False
            here = picked.next
        if not path or here == END:
            return False
        self.path, self.current = path, here
        self._show_steps(
            "Where you left this scenario, restored from your progress. Choose your next reply, or press Reset "
            "to start again."
        )
        return True

    def restore(self) -> None:
        if self._restore_draft():
            return
        attempt = self.store.last_attempt(self.spec.id)
        if attempt is None:
            return
        fits = not self.scoring.answer_problems(self.spec, attempt.answer)
        if attempt.content_hash == self.hash and fits:
            self.set_answer(attempt.answer)
            self.last_result = self.scoring.evaluate(self.spec, attempt.answer)
            self.feedback.value = (
                note_html("Your last path, restored from your progress.") + self.last_result.feedback_html
            )
        else:
            self.feedback.value = stale_html(attempt.feedback, shown=False)
