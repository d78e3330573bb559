"""Categorize: sort items into categories."""

from __future__ import annotations

from typing import Any

from ...safe_html import inline
from ..hashed import ALSO_FIELD, STALE, AnswerHash, Digest, Hasher, match, per_item
from ..scoring import categorize as scoring
from ..scoring.common import Found
from ..spec import Categorize
from ..widgets.categorize import CategorizeView
from .record import ExerciseType


def hash_answer(spec: Categorize, h: Hasher) -> dict[str, str]:
    """Per item, a digest of its category id."""
    return {i.id: h(i.id, spec.answer[i.id]) for i in spec.items}


def recover_answer(spec: Categorize, hashes: dict[str, str], h: Hasher) -> tuple[Any, Found]:
    """Each item's category, from its digest."""
    ids = [i.id for i in spec.items]
    cats = [c.id for c in spec.categories]
    placed, problems = per_item(ids, hashes, cats, h, "item")
    return (None if problems else placed), problems


def hash_alternatives(spec: Categorize, h: Hasher) -> dict[str, list[str]]:
    """Per item, one digest per category also accepted for it."""
    return {
        item: [h("also-accept", item, category) for category in categories]
        for item, categories in spec.also_accept.items()
    }


def recover_alternatives(spec: Categorize, hashes: dict[str, list[str]], h: Hasher) -> tuple[Any, Found]:
    """Per item, the categories also accepted, from their digests."""
    categories = [c.id for c in spec.categories]
    items = [i.id for i in spec.items]
    out: dict[str, list[str]] = {}
    problems: Found = []
    for item, digests in (hashes or {}).items():
        if item not in items:
            problems.append(((ALSO_FIELD, item), f"'{item}' is not one of this exercise's items{STALE}"))
            continue
        for j, target in enumerate(digests):
            found = match(target, categories, lambda c, item=item: h("also-accept", item, c))
            if len(found) != 1:
                problems.append(((ALSO_FIELD, item, j), f"matches no category{STALE}"))
                continue
            out.setdefault(item, []).append(found[0])
    return (None if problems else out), problems


def static_html(spec: Categorize) -> str:
    """The categories, and a table of items with an empty cell for each one's category."""
    cats = ", ".join(f"<em>{inline(c.label)}</em>" for c in spec.categories)
    rows = "".join(f"<tr><td>{inline(i.text)}</td><td class='static-blank-cell'></td></tr>" for i in spec.items)
    return (
        f"<p><strong>Put each item in one category:</strong> {cats}.</p>"
        f"<table class='static-table'><thead><tr><th>Item</th><th>Category</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


TYPE = ExerciseType(
    name="categorize",
    model=Categorize,
    scoring=scoring,
    view=CategorizeView,
    static=static_html,
    minutes=lambda spec: 5,
    answer_hash=AnswerHash(
        shape=dict[str, Digest],
        make=hash_answer,
        recover=recover_answer,
        also_shape=dict[str, list[Digest]],
        make_also=hash_alternatives,
        recover_also=recover_alternatives,
    ),
)
