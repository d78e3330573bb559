"""``course.judgement_test("before"|"after")``: one sitting of the case-judgement test as a form.

Every situation is on the page with its options as radio buttons; each choice is saved in the learner's
progress store as it is made (never in the notebook). Nothing is scored or commented while the test is
open. "I have finished" closes the sitting once every situation has an answer; a finished sitting shows
when it was finished and is never reopened by accident: ``judgement_test(..., start_over=True)`` asks
first, then clears it.
"""

from __future__ import annotations

from html import escape
from typing import Any

from ..exercises.widgets.style import CSS
from ..progress.fallback import get_store
from ..safe_html import esc, markdown, plain
from . import answers
from .forms import load_forms
from .model import Form
from .order import SITTINGS, form_for, pseudonym

FINISH = "I have finished: save my answers"
START_OVER = "Yes, clear these answers and start this test again"
WHERE_NEXT = {
    "before": (
        "You take the other form of the test at the end of the course, in 11_looking_back. Your answers "
        "are not shown or scored now; after the second sitting you see both, situation by situation."
    ),
    "after": "Your results, situation by situation, are in the next cell: course.judgement_results().",
}


def note(text: str, role: str = "status") -> Any:
    """A short message in the exercises' style."""
    import ipywidgets as w

    return w.HTML(f'{CSS}<div class="cx-feedback cx-note" role="{role}"><p>{esc(text)}</p></div>')


def judgement_test(sitting: str, start_over: bool = False) -> Any:
    """The ``before`` or ``after`` sitting of the test (``start_over=True``: clear a sitting, after asking)."""
    if sitting not in SITTINGS:
        return note(f'The sitting is {sitting!r}; write course.judgement_test("before") or ("after").', "alert")
    found = load_forms()
    if not found.present:
        return note("This copy of the course has no case-judgement test (there is no data/judgement/ folder).")
    if found.problems or len(found.forms) < 2:
        items = "".join(f"<li><code>{esc(p)}</code></li>" for p in found.problems)
        import ipywidgets as w

        return w.HTML(
            f'{CSS}<div class="cx-feedback cx-wrong" role="alert"><p><strong>The case-judgement test cannot be '
            f"shown.</strong> What is wrong, and where:</p><ul>{items}</ul></div>"
        )
    store, store_note = get_store()
    view = SittingView(found.forms, store, sitting, store_note)
    if start_over:
        return view.confirm_start_over()
    return view.show()


class SittingView:
    """One sitting on screen; ``box`` is what the notebook displays."""

    def __init__(self, forms: dict[str, Form], store: Any, sitting: str, store_note: str | None = None) -> None:
        import ipywidgets as w

        self.forms, self.store, self.sitting, self.store_note = forms, store, sitting, store_note
        self.box = w.VBox(layout=w.Layout(width="100%"))
        self.box.add_class("cx-exercise")
        self.box.add_class("course-jt")
        self.radios: dict[str, Any] = {}

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.box._repr_mimebundle_(**kwargs)

    def form(self) -> Form:
        """The form this sitting uses: as saved once begun, else by the counterbalancing rule."""
        taken = answers.sittings(self.store)
        if self.sitting in taken:
            return self.forms[taken[self.sitting].form]
        before = taken.get("before")
        letter = form_for(self.sitting, pseudonym(self.store), before.form if before else None)
        return self.forms[letter]

    # --- the states --------------------------------------------------------------------------------
    def show(self) -> SittingView:
        taken = answers.sittings(self.store).get(self.sitting)
        if taken is not None and taken.finished:
            self._finished(taken)
        else:
            self._open(taken)
        return self

    def confirm_start_over(self) -> SittingView:
        import ipywidgets as w

        taken = answers.sittings(self.store).get(self.sitting)
        if taken is None:
            return self.show()
        yes = w.Button(description=START_OVER, button_style="warning", layout=w.Layout(width="auto"))
        warning = (
            f"Starting the {self.sitting} test again clears the {len(taken.answers)} answer(s) you gave on form "
            f"{taken.form}. They cannot be brought back. Press the button only if that is what you want; otherwise "
            "leave this cell."
        )

        def clear(_: Any) -> None:
            answers.start_over(self.store, self.sitting)
            self.show()

        yes.on_click(clear)
        self.box.children = [w.HTML(f"{CSS}<h3>Start the {self.sitting} test again?</h3><p>{esc(warning)}</p>"), yes]
        return self

    def _finished(self, taken: answers.Sitting) -> None:
        import ipywidgets as w

        when = (taken.finished_at or "").replace("T", " at ").replace("+00:00", " UTC")
        text = (
            f"You finished the {self.sitting} test on {when} (form {taken.form}, {len(taken.answers)} answers), and "
            f"your answers are kept in your progress file. {WHERE_NEXT[self.sitting]} "
            f'To take this test again on purpose, run course.judgement_test("{self.sitting}", start_over=True).'
        )
        self.box.children = [
            w.HTML(
                f"{CSS}<h3>Case-judgement test: {self.sitting}</h3>"
                f'<div class="cx-feedback cx-ok" role="status" data-finished="{escape(taken.form)}"><p>{esc(text)}</p></div>'
            )
        ]

    def _open(self, taken: answers.Sitting | None) -> None:
        import ipywidgets as w

        form = self.form()
        chosen = dict(taken.answers) if taken else {}
        before = answers.sittings(self.store).get("before")
        lead = ""
        if self.sitting == "after" and (before is None or not before.finished):
            lead = (
                "<p class='cx-small'>You have not finished the before test (in 00_start_here). You can take this "
                "one anyway; your change is shown once both are finished.</p>"
            )
        header = w.HTML(
            f"{CSS}<h3>{esc(form.title)} ({self.sitting} the course)</h3>{lead}{markdown(form.intro)}"
            f"<p class='cx-small'>{len(form.items)} situations. Your choices are saved as you make them; "
            "nothing is scored until you have finished.</p>"
        )
        rows: list[Any] = [header]
        self.radios = {}
        for n, item in enumerate(form.items, start=1):
            radio = w.RadioButtons(
                options=[(plain(o.text), o.id) for o in item.options],
                value=chosen.get(item.id) if chosen.get(item.id) in item.option_ids else None,
                description=f"Situation {n}:",
                layout=w.Layout(width="100%"),
                style={"description_width": "initial"},
            )
            radio.observe(lambda change, item_id=item.id: self._chose(item_id, change["new"]), names="value")
            self.radios[item.id] = radio
            text = w.HTML(
                f"<h4 id='course-jt-{esc(item.id)}'>Situation {n} of {len(form.items)}</h4>"
                f"{markdown(item.vignette)}<p class='cx-label'>{esc(plain(item.question))}</p>"
            )
            rows.append(w.VBox([text, radio], layout=w.Layout(margin="0 0 0.8em 0")))
        self.status = w.HTML()
        self.finish_button = w.Button(
            description=FINISH, button_style="primary", layout=w.Layout(width="auto"), tooltip="Close this sitting"
        )
        self.finish_button.on_click(lambda _: self._finish())
        rows += [self.finish_button, self.status]
        self.box.children = rows
        self._refresh()

    # --- actions --------------------------------------------------------------------------------------
    def _chose(self, item_id: str, option_id: str | None) -> None:
        try:
            answers.start(self.store, self.sitting, self.form().form)
            answers.choose(self.store, self.sitting, item_id, option_id)
        except Exception as exc:  # a handler must never raise into the notebook
            self.status.value = f"<p role='alert'>Your choice could not be saved ({esc(exc)}).</p>"
            return
        self._refresh()

    def _refresh(self) -> None:
        done = sum(1 for r in self.radios.values() if r.value is not None)
        total = len(self.radios)
        self.finish_button.disabled = done < total
        extra = f" {self.store_note}" if self.store_note else ""
        left = "" if done == total else " Answer every situation to finish."
        self.status.value = f"<p class='cx-small' role='status'>{done} of {total} answered.{left}{esc(extra)}</p>"

    def _finish(self) -> None:
        if any(r.value is None for r in self.radios.values()):
            self._refresh()
            return
        try:
            answers.start(self.store, self.sitting, self.form().form)
            for item_id, radio in self.radios.items():  # every visible choice is the saved one
                answers.choose(self.store, self.sitting, item_id, radio.value)
            self._finished(answers.finish(self.store, self.sitting))
        except Exception as exc:
            self.status.value = f"<p role='alert'>Your answers could not be saved ({esc(exc)}).</p>"

    def answer_with(self, choices: dict[str, str], finish: bool = True) -> SittingView:
        """Choose ``choices`` (item id -> option id) and press Finish, as a learner would (tests, demos)."""
        for item_id, option_id in choices.items():
            self.radios[item_id].value = option_id
        if finish:
            self.finish_button.click()
        return self
