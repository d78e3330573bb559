"""Categorize: sort items into categories; one point per item in its right category."""

from __future__ import annotations

import re
from typing import Any

from ...safe_html import inline, plain
from ..result import Feedback, Result, invalid
from ..spec import Categorize
from . import accepted
from .common import Found, listing, shown, unique_ids

#: An item text that ends a sentence ("... will not come.") takes "You chose" after it, not ": you chose".
SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*$")


def you_chose(item_text: str, label_html: str) -> str:
    """The start of an item's feedback: the item in bold, then which category the learner chose."""
    lead = f"<strong>{inline(item_text)}</strong>"
    if SENTENCE_END.search(plain(item_text).rstrip()):
        return f"{lead} You chose <em>{label_html}</em>"
    return f"{lead}: you chose <em>{label_html}</em>"


REASONS = "Why each one belongs where you put it:"


def spec_problems(spec: Categorize) -> Found:
    """Repeated category or item ids; items the reference answer does not place."""
    found = unique_ids(spec.categories, "categories") + unique_ids(spec.items, "items")
    missing = [i.id for i in spec.items if i.id not in spec.answer]
    if missing:
        found.append((("answer",), f"does not place {listing(missing)}; give every item its category"))
    return found


def answer_problems(spec: Categorize, answer: Any) -> Found:
    """``answer`` maps item ids to category ids."""
    items = [i.id for i in spec.items]
    cats = [c.id for c in spec.categories]
    if not isinstance(answer, dict):
        return [((), f"got {shown(answer)}; it should map each item id to a category id, e.g. {items[0]}: {cats[0]}")]
    found: Found = []
    for key, value in answer.items():
        if key not in items:
            found.append(((key,), f"'{key}' is not an item id; items are: {listing(items)}"))
        elif value not in cats:
            found.append(((key,), f"got {shown(value)}; it should be a category id: {listing(cats)}"))
    return found


def evaluate(spec: Categorize, answer: Any) -> Result:
    """Every item must be placed; feedback on each item placed wrongly, and on every item when all are right."""
    n = len(spec.items)
    found = answer_problems(spec, answer)
    if found:
        return invalid(f"Your answer could not be read: {found[0][1]}.", n)
    unplaced = [i for i in spec.items if i.id not in answer]
    if unplaced:
        return invalid(f"Choose a category for every item first ({len(unplaced)} still to place).", n)
    labels = {c.id: c.label for c in spec.categories}
    fb = Feedback()
    reasons = Feedback()  # shown only when every item is placed right: why each belongs there
    score = 0
    alternatives = 0
    for item in spec.items:
        chosen, right = answer[item.id], spec.answer.get(item.id)
        if chosen == right:
            score += 1
            if str(item.feedback or "").strip():
                reasons.html(f"<p><strong>{inline(item.text)}</strong> <em>({inline(labels[chosen])})</em></p>")
                reasons.md(item.feedback or "")
            continue
        if chosen in spec.also_accept.get(item.id, []):
            score += 1
            alternatives += 1
            fb.html(
                f"<p>{you_chose(item.text, inline(labels[chosen]))}. "
                "Accepted: experts disagree here; the course's key puts it under "
                f"<em>{inline(labels.get(right, str(right)))}</em>.</p>"
            )
            fb.md(item.feedback or "")
            continue
        fb.html(
            f"<p>{you_chose(item.text, inline(labels[chosen]))}; "
            f"it belongs under <em>{inline(labels.get(right, str(right)))}</em>.</p>"
        )
        fb.md(item.feedback or "")
    if score == n and reasons.parts:
        fb.html(f'<p class="cx-reasons">{REASONS}</p>')
        fb.parts += reasons.parts
    if score == n and alternatives:
        return fb.result(score, n, correct=True, verdict=accepted.ACCEPTED)
    return fb.result(score, n)


def describe_answer(spec: Categorize) -> str:
    """HTML table of items and their categories (with any other category that is accepted)."""
    labels = {c.id: c.label for c in spec.categories}

    def placed(item_id: str) -> str:
        cell = inline(labels.get(spec.answer.get(item_id, ""), ""))
        others = [inline(labels[c]) for c in spec.also_accept.get(item_id, []) if c in labels]
        return cell + (f" ({accepted.ALSO_ACCEPTED.lower()}: {', '.join(others)})" if others else "")

    rows = "".join(f"<tr><td>{inline(i.text)}</td><td>{placed(i.id)}</td></tr>" for i in spec.items)
    return f"<table><thead><tr><th>Item</th><th>Category</th></tr></thead><tbody>{rows}</tbody></table>"
