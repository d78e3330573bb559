"""What every exercise widget shares: prompt, Check, staged hints, attempts, reveal, reset, restore.

A type's view subclasses ``ExerciseView`` and fills in ``build_controls``, ``read_answer``,
``set_answer`` and ``clear``. Scoring is done by the pure functions of the type (``scoring``, given by
the type's record when the view is built); feedback goes into
an HTML widget's ``value`` (never printed). No exception escapes a button handler.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...progress.fallback import memory_store
from ...progress.store import Store
from ...safe_html import esc, markdown
from ..result import Result
from ..scoring import Scoring
from ..spec import Common, as_plain, content_hash
from .style import CSS

NO_OVERRIDE = object()


class ExerciseView:
    """One exercise on screen. ``box`` is the ipywidgets container; the view displays as it."""

    check_label = "Check"
    check_tooltip = "Check your answer and see feedback"
    instructions = "Your answer:"
    reveal_label = "Show answer"
    reveal_tooltip = "Show the reference answer"

    def __init__(
        self,
        spec: Common,
        store: Store | None = None,
        *,
        scoring: Scoring,
        content_hash_: str | None = None,
        store_note: str | None = None,
    ) -> None:
        import ipywidgets as w

        self.spec = spec
        self.scoring = scoring
        self.hash = content_hash_ or content_hash(spec)
        self.store = store if store is not None else memory_store()
        self.store_note = store_note
        self.hints_shown = 0
        self.revealed = False
        self.last_result: Result | None = None
        self._override: Any = NO_OVERRIDE
        self._local_attempts = 0

        self.header = w.HTML(value=self._header_html())
        self.label = w.HTML(value=f'<p class="cx-label">{esc(self.instructions)}</p>')
        self.controls = w.VBox(self.build_controls(), layout=w.Layout(width="100%"))
        self.check_button = w.Button(
            description=self.check_label,
            button_style="primary",
            tooltip=self.check_tooltip,
            layout=w.Layout(width="auto"),
        )
        self.hint_button = w.Button(description="Hint", tooltip="Show the next hint", layout=w.Layout(width="auto"))
        self.reveal_button = w.Button(
            description=self.reveal_label, tooltip=self.reveal_tooltip, layout=w.Layout(width="auto")
        )
        self.reset_button = w.Button(
            description="Reset",
            tooltip="Clear your answer and start this exercise again",
            layout=w.Layout(width="auto"),
        )
        self.status = w.HTML()
        self.hints = w.HTML()
        self.feedback = w.HTML()
        self.answer = w.HTML()
        self.check_button.on_click(self._safe(self.check))
        self.hint_button.on_click(self._safe(self.hint))
        self.reveal_button.on_click(self._safe(self.reveal))
        self.reset_button.on_click(self._safe(self.reset))
        buttons = w.HBox(
            [self.check_button, self.hint_button, self.reveal_button, self.reset_button],
            layout=w.Layout(flex_flow="row wrap", margin="0.6em 0 0.2em"),
        )
        self.box = w.VBox(
            [self.header, self.label, self.controls, buttons, self.status, self.hints, self.feedback, self.answer],
            layout=w.Layout(width="100%"),
        )
        self.box.add_class("cx-exercise")
        self._safe(self.restore)()
        self._refresh_buttons()

    # --- to fill in per type ---------------------------------------------------------------

    def build_controls(self) -> list[Any]:
        """The answer widgets."""
        raise NotImplementedError

    def read_answer(self) -> Any:
        """The learner's answer as plain Python (what ``evaluate`` takes)."""
        raise NotImplementedError

    def set_answer(self, answer: Any) -> None:
        """Put a fitting answer into the widgets."""
        raise NotImplementedError

    def clear(self) -> None:
        """Back to the blank starting state."""
        raise NotImplementedError

    # --- display -----------------------------------------------------------------------------

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.box._repr_mimebundle_(**kwargs)

    def _header_html(self) -> str:
        return f"{CSS}<h3>{esc(self.spec.title)}</h3>{markdown(self.spec.prompt)}"

    # --- actions -----------------------------------------------------------------------------

    def check(self) -> Result:
        """Score the current answer, record it, and show feedback."""
        answer = self._take_answer()
        result = self.scoring.evaluate(self.spec, answer)
        if not result.valid:
            self.feedback.value = result.feedback_html
            return result
        return self._accept(answer, result)

    def _accept(self, answer: Any, result: Result) -> Result:
        self.last_result = result
        self._local_attempts += 1
        note = self.save(answer, result)
        self.feedback.value = result.feedback_html + note
        if not result.correct and self._auto_reveal_due():
            self._show_answer(f"After {self.attempts()} attempts, here is the reference answer.")
        self._refresh_buttons()
        return result

    def save(self, answer: Any, result: Result) -> str:
        """Record the attempt; returns HTML to add under the feedback ('' when all went well)."""
        try:
            self.store.record_attempt(
                self.spec.id,
                self.hash,
                as_plain(answer),
                result.score,
                result.max_score,
                result.feedback_text,
                notebook=self.spec.notebook,
            )
        except Exception as exc:  # the learner still gets feedback
            return note_html(f"Your answer could not be saved ({exc}); the feedback above is still right.")
        return ""

    def hint(self) -> None:
        """Reveal the next hint."""
        if self.hints_shown < len(self.spec.hints):
            self.hints_shown += 1
        self._render_hints()
        self._refresh_buttons()

    def reveal(self) -> None:
        """Show the reference answer, if the exercise's reveal rule allows it now."""
        if not self._reveal_allowed():
            after = self.spec.reveal.after_attempts
            msg = (
                f"The answer appears after {after} attempts ({self.attempts()} so far)."
                if after
                else "This exercise does not show a reference answer."
            )
            self.answer.value = note_html(msg)
            return
        self._show_answer("")

    def reset(self) -> None:
        """Clear the answer, feedback, hints and revealed answer (saved progress stays)."""
        self._override = NO_OVERRIDE
        self.clear()
        self.hints_shown = 0
        self.revealed = False
        self.last_result = None
        self.feedback.value = ""
        self.answer.value = ""
        self.hints.value = ""
        self._refresh_buttons()

    def answer_with(self, answer: Any) -> ExerciseView:
        """Put ``answer`` into the widgets and press Check (for tests and demos). Never raises."""
        try:
            fits = not self.scoring.answer_problems(self.spec, answer)
            if fits:
                self.set_answer(answer)
        except Exception:
            fits = False
        if not fits:
            self._override = answer  # cannot be shown in the widgets: check it as given
        self.check_button.click()
        return self

    # --- restore -----------------------------------------------------------------------------

    def restore(self) -> None:
        """Show the last saved answer and its feedback (marked if from an earlier version)."""
        attempt = self.store.last_attempt(self.spec.id)
        if attempt is None:
            return
        fits = not self.scoring.answer_problems(self.spec, attempt.answer)
        if fits:
            self.set_answer(attempt.answer)
        if attempt.content_hash == self.hash and fits:
            result = self.scoring.evaluate(self.spec, attempt.answer)
            self.last_result = result
            self.feedback.value = note_html("Your last answer, restored from your progress.") + result.feedback_html
        else:
            self.feedback.value = stale_html(attempt.feedback, shown=fits)

    # --- helpers -----------------------------------------------------------------------------

    def attempts(self) -> int:
        """Checked attempts at this version of the exercise."""
        try:
            return int(self.store.attempt_count(self.spec.id, self.hash))
        except Exception:
            return self._local_attempts

    def _take_answer(self) -> Any:
        if self._override is not NO_OVERRIDE:
            answer, self._override = self._override, NO_OVERRIDE
            return answer
        return self.read_answer()

    def _reveal_allowed(self) -> bool:
        rule = self.spec.reveal
        return rule.on_request or (rule.after_attempts is not None and self.attempts() >= rule.after_attempts)

    def _auto_reveal_due(self) -> bool:
        after = self.spec.reveal.after_attempts
        return after is not None and self.attempts() >= after and not self.revealed

    def _show_answer(self, lead: str) -> None:
        self.revealed = True
        intro = f"<p>{esc(lead)}</p>" if lead else ""
        self.answer.value = f'<div class="cx-answer" role="region" aria-label="Reference answer">{intro}{self.scoring.describe_answer(self.spec)}</div>'

    def _render_hints(self) -> None:
        if not self.hints_shown:
            self.hints.value = ""
            return
        items = "".join(f"<li>{markdown(h)}</li>" for h in self.spec.hints[: self.hints_shown])
        self.hints.value = f'<div class="cx-hints" role="region" aria-label="Hints"><p><strong>Hints</strong></p><ol>{items}</ol></div>'

    def _refresh_buttons(self) -> None:
        total = len(self.spec.hints)
        self.hint_button.layout.display = "none" if total == 0 else None
        if self.hints_shown < total:
            self.hint_button.description = f"Hint ({self.hints_shown + 1} of {total})"
            self.hint_button.disabled = False
        else:
            self.hint_button.description = "No more hints"
            self.hint_button.disabled = True
        rule = self.spec.reveal
        self.reveal_button.layout.display = "none" if (rule.after_attempts is None and not rule.on_request) else None
        self.reveal_button.disabled = not self._reveal_allowed()
        if not rule.on_request and rule.after_attempts:
            self.reveal_button.tooltip = f"Available after {rule.after_attempts} attempts"
        count = self.attempts()
        parts = [f"Attempts: {count}"] if count else []
        if self.store_note:
            parts.append(self.store_note)
        self.status.value = f'<p class="cx-small">{esc(" · ".join(parts))}</p>' if parts else ""

    def _safe(self, action: Callable[[], Any]) -> Callable[..., None]:
        def run(*_: Any) -> None:
            try:
                action()
            except Exception as exc:  # a handler must never raise into the notebook
                self.feedback.value = note_html(
                    f"Something went wrong here ({type(exc).__name__}: {exc}). Your work is not lost: "
                    "try again or press Reset, and tell your instructor if it keeps happening."
                )

        return run


def note_html(text: str) -> str:
    """A short engine message (escaped) in the feedback style."""
    return f'<div class="cx-feedback cx-note" role="status"><p>{esc(text)}</p></div>'


def stale_html(feedback_text: str, *, shown: bool) -> str:
    """The last attempt's saved feedback, marked as from an earlier version of the exercise."""
    where = "Your answer is shown above. " if shown else ""
    return (
        f'<div class="cx-feedback cx-stale" role="status"><p><strong>From an earlier version of this '
        f"exercise.</strong> {where}The exercise has changed since you answered, so check again.</p>"
        f"<p>Feedback you had then: {esc(feedback_text)}</p></div>"
    )
