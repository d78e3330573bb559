"""Multiple select: several right options, partial credit."""

from __future__ import annotations

from typing import Any

from ..hashed import AnswerHash, Digest, Hasher, per_item
from ..scoring import multiple_select as scoring
from ..scoring.common import Found
from ..spec import MultipleSelect
from ..widgets.choice import MultipleSelectView
from .record import ExerciseType
from .static import options_html


def hash_answer(spec: MultipleSelect, h: Hasher) -> dict[str, str]:
    """Per option, a digest of whether it should be ticked (true or false)."""
    return {o.id: h(o.id, o.id in spec.answer) for o in spec.options}


def recover_answer(spec: MultipleSelect, hashes: dict[str, str], h: Hasher) -> tuple[Any, Found]:
    """The options whose digest says 'ticked', in the spec's order."""
    ids = [o.id for o in spec.options]
    ticked, problems = per_item(ids, hashes, [True, False], h, "option")
    return (None if problems else [i for i in ids if ticked[i]]), problems


def static_html(spec: MultipleSelect) -> str:
    """The options, each with an empty box."""
    return options_html("Tick every option that applies:", spec.options)


TYPE = ExerciseType(
    name="multiple-select",
    model=MultipleSelect,
    scoring=scoring,
    view=MultipleSelectView,
    static=static_html,
    minutes=lambda spec: 4,
    answer_hash=AnswerHash(shape=dict[str, Digest], make=hash_answer, recover=recover_answer),
)
