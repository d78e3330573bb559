"""Decision: a branching scenario played one reply at a time."""

from __future__ import annotations

from functools import partial
from typing import Annotated, Any

from pydantic import Field

from ...safe_html import inline, markdown
from ..hashed import FIELD, STALE, AnswerHash, Digest, Hasher, match
from ..scoring import decision as scoring
from ..scoring.common import Found
from ..spec import Decision
from ..widgets.decision import DecisionView
from .record import ExerciseType
from .static import BOX, choice_list


def hash_answer(spec: Decision, h: Hasher) -> list[str]:
    """Per step of the recommended path, a digest of the choice id."""
    return [h(step, choice) for step, choice in enumerate(spec.answer, start=1)]


def recover_answer(spec: Decision, hashes: list[str], h: Hasher) -> tuple[Any, Found]:
    """The recommended path, step by step, from the digests."""
    choices = [c.id for n in spec.nodes for c in n.choices]
    path: list[str] = []
    problems: Found = []
    for step, target in enumerate(hashes, start=1):
        found = match(target, choices, partial(h, step))
        if len(found) != 1:
            problems.append(((FIELD, step - 1), f"step {step} matches none of the choices{STALE}"))
            continue
        path.append(found[0])
    return (None if problems else path), problems


def static_html(spec: Decision) -> str:
    """The first step and its replies (the live notebook plays the rest)."""
    node = next((n for n in spec.nodes if n.id == spec.start), spec.nodes[0])
    items = [f"{BOX} {inline(c.text)}" for c in node.choices]
    return (
        f"<p><strong>First step:</strong></p>{markdown(node.text)}"
        + choice_list(items)
        + "<p class='static-small'>In the live exercise each choice leads on to the next step of the case.</p>"
    )


# The reading-time model: two minutes to start, and three per step of the recommended path.
START_MINUTES, MINUTES_PER_STEP = 2, 3


TYPE = ExerciseType(
    name="decision",
    model=Decision,
    scoring=scoring,
    view=DecisionView,
    static=static_html,
    minutes=lambda spec: START_MINUTES + MINUTES_PER_STEP * len(spec.answer),
    answer_hash=AnswerHash(
        shape=Annotated[list[Digest], Field(min_length=1)], make=hash_answer, recover=recover_answer
    ),
)
