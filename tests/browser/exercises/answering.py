"""Answering an exercise in the page the way a learner does it: clicks, choices in lists, typing.

One function per type puts an answer (in the spec's own form: option ids, item ids, a rating per
event ...) into the widgets on screen; the texts to click are taken from the spec, exactly as the
engine shows them (``course.safe_html.plain``).
"""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Locator, expect

from course.exercises.spec import as_plain
from course.safe_html import plain

from ..lab import FEEDBACK_TIMEOUT, LabServer
from .helpers import button, loose, squash


def load_spec(server: LabServer, exercise_id: str) -> Any:
    """The validated, resolved spec the server's kernels show (from its COURSE_DATA)."""
    from course.exercises.registry import load

    loaded = load(exercise_id, root=server.data)
    assert loaded.spec is not None, "\n".join(str(p) for p in loaded.problems)
    return loaded.spec


def _exact(text: str) -> re.Pattern:
    return re.compile(rf"^\s*{re.escape(squash(text))}\s*$")


def radio(out: Locator, text: str) -> Locator:
    """The radio button whose label reads ``text`` (ipywidgets: ``<label>text<input type=radio></label>``)."""
    label = out.locator(".widget-radio-box label").filter(has_text=_exact(text))
    expect(label).to_have_count(1)
    return label.locator("input[type=radio]")


def choose_radio(out: Locator, text: str) -> None:
    """Click the label of one radio button, as a learner clicks the text of an option."""
    label = out.locator(".widget-radio-box label").filter(has_text=_exact(text))
    label.click()
    expect(label.locator("input")).to_be_checked()


def single_choice(out: Locator, spec: Any, answer: str) -> None:
    option = next(o for o in spec.options if o.id == answer)
    choose_radio(out, plain(option.text))


def multiple_select(out: Locator, spec: Any, answer: list[str]) -> None:
    for option in spec.options:
        box = out.get_by_label(plain(option.text), exact=True)
        box.set_checked(option.id in answer)  # a click, only when the tick must change


def order_shown(out: Locator) -> list[str]:
    """The ordering list as shown: item texts without their "n. " position prefix."""
    texts = out.locator(".widget-select select option").all_inner_texts()
    return [re.sub(r"^\d+\.\s*", "", squash(t)) for t in texts]


def ordering(out: Locator, spec: Any, answer: list[str]) -> None:
    """Click an item in the list, then Move up until it is in place; item by item from the top."""
    texts = {i.id: plain(i.text) for i in spec.items}
    want = [squash(texts[i]) for i in answer]
    select = out.locator(".widget-select select")
    for position, text in enumerate(want):
        now = order_shown(out)
        at = now.index(text)
        if at == position:
            continue
        select.locator("option").nth(at).click()
        expect(select.locator("option:checked")).to_have_count(1)
        for _ in range(at - position):
            button(out, "Move up").click()
        expect(select.locator("option").nth(position)).to_have_text(  # ipywidgets shows spaces as U+00A0
            re.compile(rf"^{position + 1}\.\s*" + loose(text).pattern), timeout=FEEDBACK_TIMEOUT
        )
    assert order_shown(out) == want


def dropdown_for(out: Locator, item_text: str) -> Locator:
    """The category dropdown under one categorize item."""
    row = (
        out.locator(".widget-vbox")
        .filter(has=out.page.locator(":scope > .widget-dropdown"))
        .filter(has_text=squash(item_text))
    )
    expect(row).to_have_count(1)
    return row.locator(".widget-dropdown select")


def categorize(out: Locator, spec: Any, answer: dict[str, str]) -> None:
    labels = {c.id: plain(c.label) for c in spec.categories}
    for item in spec.items:
        select = dropdown_for(out, plain(item.text))
        select.select_option(label=labels[answer[item.id]])


def slider(out: Locator, label: str) -> Locator:
    return out.locator(".widget-slider").filter(has=out.page.locator(".widget-label", has_text=_exact(label)))


def set_slider(widget: Locator, value: int) -> None:
    """Click the slider's handle, then move it with the arrow keys to ``value``."""
    handle = widget.locator(".noUi-handle")
    readout = widget.locator(".widget-readout")
    handle.click()
    current = int(squash(readout.inner_text()).replace("−", "-"))
    key = "ArrowRight" if value > current else "ArrowLeft"
    for _ in range(abs(value - current)):
        handle.press(key)
    shown = str(abs(value)) if value >= 0 else f"[-−]{-value}"  # the readout writes U+2212 for minus
    expect(readout).to_have_text(re.compile(rf"^\s*{shown}\s*$"), timeout=FEEDBACK_TIMEOUT)


def rating(out: Locator, spec: Any, answer: dict[str, int]) -> None:
    """A slider per event (click its handle, then arrow keys); a number field if the widget has one."""
    for event in spec.events:
        name = plain(event.label or event.event)
        widget = slider(out, name)
        if widget.count():
            set_slider(widget, answer[event.event])
        else:
            field = out.get_by_label(name, exact=True)
            field.fill(str(answer[event.event]))
            field.press("Enter")
            expect(field).to_have_value(str(answer[event.event]))


def reflection(out: Locator, spec: Any, answer: Any) -> None:
    answer = as_plain(answer)
    out.locator("textarea").fill(answer["text"])
    for item in spec.rubric:
        out.get_by_label(plain(item.text), exact=True).set_checked(bool(answer.get("rubric", {}).get(item.id)))


ANSWER = {
    "single-choice": single_choice,
    "multiple-select": multiple_select,
    "ordering": ordering,
    "categorize": categorize,
    "rating": rating,
    "reflection": reflection,
}


def answer_and_check(out: Locator, spec: Any, answer: Any) -> None:
    """Put ``answer`` into the exercise and press its Check button (decision: play the path)."""
    answer = as_plain(answer)
    if spec.type == "decision":
        play_path(out, spec, answer)
        return
    ANSWER[spec.type](out, spec, answer)
    button(out, _check_label(spec)).click()


def _check_label(spec: Any) -> str:
    from course.exercises.widgets import VIEWS

    return VIEWS[spec.type].check_label


def play_path(out: Locator, spec: Any, path: list[str], on_step: Any = None) -> None:
    """Decision: choose each reply of ``path`` in turn and press "Choose this reply".

    ``on_step(step, choice)`` is called after each step has been shown.
    """
    from course.exercises.scoring.decision import choice

    for step, choice_id in enumerate(path, start=1):
        picked = choice(spec, choice_id)
        choose_radio(out, plain(picked.text))
        button(out, "Choose this reply").click()
        expect(out.locator(".cx-feedback .cx-step")).to_have_count(step, timeout=FEEDBACK_TIMEOUT)
        if on_step is not None:
            on_step(step, picked)
