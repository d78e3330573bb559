"""Ordering: put events or steps in sequence."""

from __future__ import annotations

from typing import Any

from ...safe_html import inline
from ..hashed import FIELD, STALE, AnswerHash, Digest, Hasher, per_item
from ..scoring import ordering as scoring
from ..scoring.common import Found
from ..spec import Ordering
from ..widgets.ordering import OrderingView
from .record import ExerciseType
from .static import BLANK, choice_list


def hash_answer(spec: Ordering, h: Hasher) -> dict[str, str]:
    """Per item, a digest of its position (1, 2, ...)."""
    return {i.id: h(i.id, spec.answer.index(i.id) + 1) for i in spec.items}


def recover_answer(spec: Ordering, hashes: dict[str, str], h: Hasher) -> tuple[Any, Found]:
    """The item ids in the order their digests give."""
    ids = [i.id for i in spec.items]
    places, problems = per_item(ids, hashes, list(range(1, len(ids) + 1)), h, "item")
    if problems:
        return None, problems
    if sorted(places.values()) != list(range(1, len(ids) + 1)):
        return None, [((FIELD,), f"does not give each item its own position{STALE}")]
    return sorted(ids, key=lambda i: places[i]), []


def static_html(spec: Ordering) -> str:
    """The items as written, each with a blank for its number."""
    items = [f"{BLANK} {inline(i.text)}" for i in spec.items]
    return "<p><strong>Number these in order (1 = first):</strong></p>" + choice_list(items)


TYPE = ExerciseType(
    name="ordering",
    model=Ordering,
    scoring=scoring,
    view=OrderingView,
    static=static_html,
    minutes=lambda spec: 4,
    answer_hash=AnswerHash(shape=dict[str, Digest], make=hash_answer, recover=recover_answer),
)
