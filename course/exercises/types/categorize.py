"""Categorize: sort items into categories."""

from __future__ import annotations

from typing import Any

from ...safe_html import inline
from ..hashed import AnswerHash, Digest, Hasher, per_item
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


def handout_html(spec: Categorize) -> str:
    """The categories, and a table of items with an empty cell for each one's category."""
    cats = ", ".join(f"<em>{inline(c.label)}</em>" for c in spec.categories)
    rows = "".join(f"<tr><td>{inline(i.text)}</td><td class='handout-blank-cell'></td></tr>" for i in spec.items)
    return (
        f"<p><strong>Put each item in one category:</strong> {cats}.</p>"
        f"<table class='handout-table'><thead><tr><th>Item</th><th>Category</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


TYPE = ExerciseType(
    name="categorize",
    model=Categorize,
    scoring=scoring,
    view=CategorizeView,
    handout=handout_html,
    answer_hash=AnswerHash(shape=dict[str, Digest], make=hash_answer, recover=recover_answer),
)
