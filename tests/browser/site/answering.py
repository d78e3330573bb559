"""Answering a live exercise in a site page the way a learner does: clicks, lists, typing.

Each function puts an answer (in the spec's own form) into the controls of one exercise section; the
texts to click are the plain labels the engine shows (``course.safe_html.plain``).
"""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Locator, Page, expect

from course.safe_html import plain, plain_text

TIMEOUT = 10_000


def section(page: Page, exercise_id: str) -> Locator:
    """The live section of one exercise (waits until the page script has made it live)."""
    out = page.locator(f"section.cx-exercise[data-exercise='{exercise_id}']")
    expect(out).to_have_class(re.compile(r"\bcx-ready\b"), timeout=TIMEOUT)
    return out


def button(out: Locator, label: str) -> Locator:
    return out.locator("button").filter(has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))


def check_label(spec: Any) -> str:
    return {
        "decision": "Choose this reply",
        "rating": "Check my ratings",
        "reflection": "Save reflection",
        "discussion": "Save my notes",
    }.get(spec.type, "Check")


def feedback_text(out: Locator) -> str:
    """The feedback area's readable text, read as the Python engine reads its own feedback HTML."""
    return plain_text(out.locator(".cx-feedback-area").inner_html())


def _single(out: Locator, spec: Any, answer: str) -> None:
    option = next(o for o in spec.options if o.id == answer)
    out.get_by_label(plain(option.text), exact=True).check()


def _multiple(out: Locator, spec: Any, answer: list[str]) -> None:
    for option in spec.options:
        out.get_by_label(plain(option.text), exact=True).set_checked(option.id in answer)


def _ordering(out: Locator, spec: Any, answer: list[str]) -> None:
    items = out.locator("fieldset.cx-order input[type=radio]")
    for target, item_id in enumerate(answer):
        at = items.evaluate_all("(rs) => rs.map((r) => r.value)").index(item_id)
        out.locator(f"fieldset.cx-order input[value='{item_id}']").check()
        for _ in range(at - target):
            button(out, "Move up").click()
    assert items.evaluate_all("(rs) => rs.map((r) => r.value)") == list(answer)


def _categorize(out: Locator, spec: Any, answer: dict[str, str]) -> None:
    labels = {c.id: plain(c.label) for c in spec.categories}
    for n, item in enumerate(spec.items, start=1):
        group = out.get_by_role("group", name=f"Category for item {n}", exact=True)
        group.locator("input").evaluate_all("(rs) => rs.forEach((r) => { r.checked = false; })")
        if answer.get(item.id):
            group.get_by_label(labels[answer[item.id]], exact=True).check()


def _rating(out: Locator, spec: Any, answer: dict[str, int]) -> None:
    for e in spec.events:
        out.get_by_label(plain(e.label or e.event), exact=True).select_option(str(answer[e.event]))


def _decision(out: Locator, spec: Any, answer: list[str], *, last_click: bool = True) -> None:
    from course.exercises.scoring.decision import choice

    for n, choice_id in enumerate(answer):
        out.get_by_label(plain(choice(spec, choice_id).text), exact=True).check()
        if n < len(answer) - 1 or last_click:
            button(out, "Choose this reply").click()


def _reflection(out: Locator, spec: Any, answer: Any) -> None:
    answer = answer if isinstance(answer, dict) else answer.model_dump()
    out.get_by_label("Reflection", exact=True).fill(answer["text"])
    for r in spec.rubric:
        out.get_by_label(plain(r.text), exact=True).set_checked(bool(answer.get("rubric", {}).get(r.id)))


def _discussion(out: Locator, spec: Any, answer: Any) -> None:
    answer = answer if isinstance(answer, dict) else answer.model_dump()
    out.get_by_label("Notes", exact=True).fill(answer["text"])


PUT = {
    "single-choice": _single,
    "multiple-select": _multiple,
    "ordering": _ordering,
    "categorize": _categorize,
    "rating": _rating,
    "decision": _decision,
    "reflection": _reflection,
    "discussion": _discussion,
}


def answer(page: Page, spec: Any, value: Any) -> Locator:
    """Answer ``spec`` with ``value`` in the page and press its check button; returns the section."""
    from course.exercises.spec import as_plain

    out = section(page, spec.id)
    value = as_plain(value)
    PUT[spec.type](out, spec, value)
    if spec.type != "decision":
        button(out, check_label(spec)).click()
    return out


def load_spec(data: Any, exercise_id: str) -> Any:
    from course.exercises.lookup import load

    loaded = load(exercise_id, root=data)
    assert loaded.spec is not None, "\n".join(str(p) for p in loaded.problems)
    return loaded.spec
