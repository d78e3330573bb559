"""How the class's paths split at each conditional scene: per variant, how many learners meet it.

Each learner's first shared answer to the exercises a scene's conditions name chooses their variant,
exactly as it does in their own notebook (course/exercises/conditions.py); a learner who shared no
answer to those exercises meets the default and is counted apart.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..exercises import conditions
from .submission import Submission


@dataclass(frozen=True)
class PathCount:
    """One variant of a scene and the learners it reaches."""

    variant: str
    label: str
    default: bool
    learners: int


@dataclass(frozen=True)
class SceneSplit:
    """One conditional scene: the learners on each path, and those who had not answered (on the default)."""

    event_id: str
    title: str
    exercises: list[str]
    paths: list[PathCount]
    unanswered: int
    added_by_course: bool = False  # a scene the course added: its default is the course's own, not the story's


def first_answers(sub: Submission) -> dict[str, Any]:
    """Exercise id -> the learner's first shared answer to it."""
    rows = sorted(sub.payload.get("attempts", []), key=lambda r: str(r.get("created_at", "")))
    out: dict[str, Any] = {}
    for row in rows:
        if "exercise_id" in row:
            out.setdefault(str(row["exercise_id"]), row.get("answer"))
    return out


def scene_splits(submissions: list[Submission], content: Any) -> list[SceneSplit]:
    """The split of every conditional scene of the case, in story order."""
    answers = [first_answers(sub) for sub in submissions]
    out = []
    for event in content.events:
        if not event.variants:
            continue
        named = conditions.exercises_named(event.variants)
        counts: Counter[int] = Counter()
        unanswered = 0
        for mine in answers:
            relevant = {ex: mine[ex] for ex in named if ex in mine}
            unanswered += not relevant
            counts[conditions.choose(event.variants, relevant)] += 1
        paths = [PathCount(v.id, v.label, v.default, counts[i]) for i, v in enumerate(event.variants)]
        out.append(SceneSplit(event.id, event.title, named, paths, unanswered, event.added_by_course))
    return out
