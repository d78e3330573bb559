"""Multiple select: several right options, partial credit, feedback on each missed or wrong option."""

from __future__ import annotations

from typing import Any

from ...safe_html import inline
from ..result import Feedback, Result, invalid
from ..spec import MultipleSelect
from . import accepted
from .common import Found, duplicates, is_text_list, listing, shown, unique_ids


def spec_problems(spec: MultipleSelect) -> Found:
    """Repeated option ids; an empty reference answer."""
    found = unique_ids(spec.options, "options")
    if not spec.answer:
        found.append((("answer",), "is empty; list the ids of the options a learner should tick"))
    return found


def answer_problems(spec: MultipleSelect, answer: Any) -> Found:
    """``answer`` must be a list of distinct option ids."""
    ids = [o.id for o in spec.options]
    if not is_text_list(answer):
        return [((), f"got {shown(answer)}; it should be a list of option ids, e.g. [{listing(ids[:2])}]")]
    found: Found = []
    for i, value in enumerate(answer):
        if value not in ids:
            found.append(((i,), f"'{value}' is not an option id; use some of: {listing(ids)}"))
    for i in duplicates(answer):
        found.append(((i,), f"'{answer[i]}' is listed twice; list each option once"))
    return found


def evaluate(spec: MultipleSelect, answer: Any) -> Result:
    """One point per option judged right (ticked when right, left when wrong)."""
    if answer is None or answer == []:
        return invalid("Tick every option you think applies, then press Check.", len(spec.options))
    found = answer_problems(spec, answer)
    if found:
        return invalid(f"Your answer could not be read: {found[0][1]}.", len(spec.options))
    chosen, right = set(answer), set(spec.answer)
    fb = Feedback()
    if chosen != right and accepted.same_selection(answer, spec.also_accept):
        for option in spec.options:
            if option.id in chosen:
                fb.html(f"<p><strong>You ticked:</strong> {inline(option.text)}</p>")
                fb.md(option.feedback)
        fb.html(accepted.note(_ticks_html(spec, spec.answer)))
        n = len(spec.options)
        return fb.result(n, n, correct=True, verdict=accepted.ACCEPTED)
    score = 0
    for option in spec.options:
        picked, should = option.id in chosen, option.id in right
        if picked == should:
            score += 1
            if picked and chosen == right:
                fb.html(f"<p><strong>Right to tick:</strong> {inline(option.text)}</p>")
                fb.md(option.feedback)
            continue
        label = "You ticked" if picked else "You left out"
        fb.html(f"<p><strong>{label}:</strong> {inline(option.text)}</p>")
        fb.md(option.feedback)
    return fb.result(score, len(spec.options), correct=chosen == right)


def describe_answer(spec: MultipleSelect) -> str:
    """HTML list of the options to tick, and any other selection that is accepted."""
    out = f"<p><strong>Tick these:</strong></p>{_ticks_html(spec, spec.answer)}"
    for alt in spec.also_accept:
        out += f"<p><strong>{accepted.ALSO_ACCEPTED}:</strong></p>{_ticks_html(spec, alt)}"
    return out


def _ticks_html(spec: MultipleSelect, ids: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{inline(o.text)}</li>" for o in spec.options if o.id in ids) + "</ul>"
