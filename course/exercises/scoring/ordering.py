"""Ordering: put events or steps in sequence; one point per item in its right place."""

from __future__ import annotations

from typing import Any

from ...safe_html import inline
from ..result import Feedback, Result, invalid
from ..spec import Ordering
from . import accepted
from .common import Found, duplicates, is_text_list, listing, shown, unique_ids


def spec_problems(spec: Ordering) -> Found:
    """Repeated item ids; items written in the right order (learners see them as written)."""
    found = unique_ids(spec.items, "items")
    if [i.id for i in spec.items] == list(spec.answer):
        found.append(
            (
                ("items",),
                "are written in the right order, so the exercise starts solved; "
                "list them in a mixed order (learners see them in the order written)",
            )
        )
    return found


def answer_problems(spec: Ordering, answer: Any) -> Found:
    """``answer`` must list every item id exactly once."""
    ids = [i.id for i in spec.items]
    if not is_text_list(answer):
        return [((), f"got {shown(answer)}; it should be a list of all item ids in order ({listing(ids)})")]
    found: Found = []
    for i, value in enumerate(answer):
        if value not in ids:
            found.append(((i,), f"'{value}' is not an item id; use: {listing(ids)}"))
    for i in duplicates(answer):
        found.append(((i,), f"'{answer[i]}' is listed twice; list each item once"))
    missing = [i for i in ids if i not in answer]
    if missing:
        found.append(((), f"leaves out {listing(missing)}; list every item exactly once"))
    return found


def evaluate(spec: Ordering, answer: Any) -> Result:
    """One point per item in its right position; feedback on each misplaced item."""
    n = len(spec.items)
    found = answer_problems(spec, answer)
    if found:
        return invalid(f"Your order could not be read: {found[0][1]}.", n)
    items = {i.id: i for i in spec.items}
    fb = Feedback()
    if list(answer) != list(spec.answer) and accepted.is_alternative(answer, spec.also_accept):
        fb.html(accepted.note(_order_html(spec, spec.answer)))
        return fb.result(n, n, correct=True, verdict=accepted.ACCEPTED)
    score = 0
    for pos, item_id in enumerate(answer):
        right = spec.answer.index(item_id) if item_id in spec.answer else -1
        if right == pos:
            score += 1
            continue
        item = items[item_id]
        fb.html(
            f"<p><strong>Out of place:</strong> {inline(item.text)} "
            f"(you put it at {pos + 1}; it belongs at {right + 1})</p>"
        )
        fb.md(item.feedback or "")
    return fb.result(score, n)


def describe_answer(spec: Ordering) -> str:
    """HTML numbered list in the right order, and any other order that is accepted."""
    out = f"<p><strong>The order:</strong></p>{_order_html(spec, spec.answer)}"
    for alt in spec.also_accept:
        out += f"<p><strong>{accepted.ALSO_ACCEPTED}:</strong></p>{_order_html(spec, alt)}"
    return out


def _order_html(spec: Ordering, order: list[str]) -> str:
    items = {i.id: i for i in spec.items}
    return "<ol>" + "".join(f"<li>{inline(items[i].text)}</li>" for i in order if i in items) + "</ol>"
