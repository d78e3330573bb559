"""Single choice: one right option; every option has its own feedback."""

from __future__ import annotations

from typing import Any

from ...safe_html import inline
from ..result import Feedback, Result, invalid
from ..spec import SingleChoice
from . import accepted
from .common import Found, listing, shown, unique_ids


def spec_problems(spec: SingleChoice) -> Found:
    """Repeated option ids."""
    return unique_ids(spec.options, "options")


def answer_problems(spec: SingleChoice, answer: Any) -> Found:
    """What makes ``answer`` unusable: it must be one option id."""
    ids = [o.id for o in spec.options]
    if not isinstance(answer, str):
        return [((), f"got {shown(answer)}; it should be one option id ({listing(ids)})")]
    if answer not in ids:
        return [((), f"'{answer}' is not an option id; use one of: {listing(ids)}")]
    return []


def evaluate(spec: SingleChoice, answer: Any) -> Result:
    """1 point for the right option or an accepted one; the chosen option's feedback either way."""
    if answer is None or answer == "":
        return invalid("Choose one of the options, then press Check.")
    found = answer_problems(spec, answer)
    if found:
        return invalid(f"Your answer could not be read: {found[0][1]}.")
    option = next(o for o in spec.options if o.id == answer)
    fb = Feedback()
    fb.html(f"<p><strong>You chose:</strong> {inline(option.text)}</p>")
    fb.md(option.feedback)
    if answer != spec.answer and accepted.is_alternative(answer, spec.also_accept):
        fb.html(accepted.note(_option_html(spec, spec.answer)))
        return fb.result(1, 1, correct=True, verdict=accepted.ACCEPTED)
    score = 1 if answer == spec.answer else 0
    return fb.result(score, 1)


def _option_html(spec: SingleChoice, option_id: str) -> str:
    option = next((o for o in spec.options if o.id == option_id), None)
    return f"<p>{inline(option.text)}</p>" if option else ""


def describe_answer(spec: SingleChoice) -> str:
    """HTML of the reference answer with its feedback."""
    option = next((o for o in spec.options if o.id == spec.answer), None)
    if option is None:
        return ""
    fb = Feedback()
    fb.html(f"<p><strong>Answer:</strong> {inline(option.text)}</p>")
    fb.md(option.feedback)
    for alt in spec.also_accept:
        fb.html(f"<p><strong>{accepted.ALSO_ACCEPTED}:</strong></p>{_option_html(spec, alt)}")
    return "".join(fb.parts)
