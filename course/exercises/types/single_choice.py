"""Single choice: one right option, and feedback on every option."""

from __future__ import annotations

from functools import partial
from typing import Any

from ..hashed import FIELD, STALE, AnswerHash, Digest, Hasher, match
from ..scoring import single_choice as scoring
from ..scoring.common import Found, listing
from ..spec import SingleChoice
from ..widgets.choice import SingleChoiceView
from .record import ExerciseType
from .static import options_html


def hash_answer(spec: SingleChoice, h: Hasher) -> str:
    """One digest of the right option id."""
    return h("answer", spec.answer)


def recover_answer(spec: SingleChoice, hashes: str, h: Hasher) -> tuple[Any, Found]:
    """The option whose digest is ``hashes``."""
    ids = [o.id for o in spec.options]
    found = match(hashes, ids, partial(h, "answer"))
    if len(found) != 1:
        return None, [((FIELD,), f"matches none of the options ({listing(ids)}){STALE}")]
    return found[0], []


def static_html(spec: SingleChoice) -> str:
    """The options, each with an empty box."""
    return options_html("Choose one option:", spec.options)


TYPE = ExerciseType(
    name="single-choice",
    model=SingleChoice,
    scoring=scoring,
    view=SingleChoiceView,
    static=static_html,
    minutes=lambda spec: 3,
    answer_hash=AnswerHash(shape=Digest, make=hash_answer, recover=recover_answer),
)
