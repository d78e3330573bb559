"""Score every shared answer again, on the instructor's side: the only source of the class's figures.

A submission holds scores and a ``completed`` list written by the learner's own process. A learner can
write anything there and recompute the checksum with the course's own function: the checksum catches a
file damaged by accident, not a learner who edits it on purpose. So the class view and the gradebook
never read those fields. Each shared answer is scored here again with the exercise engine, against the
exercise specs this process reads (on the hub, the instructors' full copy of the course). A forged
answer then scores exactly what that answer would score if the learner had given it in the notebook.

What cannot be checked this way: whether a reflection was written with care. Without its text (the
learner did not tick "include my reflections") a submission only says which reflections were saved,
and that counts as answered, as typing a word in the box and pressing Save would.

Answers for exercises this course does not have, and answers the engine cannot read, are ignored, and
each is reported (``Rescored.ignored``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..exercises.types import evaluate
from .submission import Submission

MEASURES = ("answered", "correct")
MEASURE_WORDS = {
    "answered": "answered: attempted at least once, or a reflection saved",
    "correct": "correct: full marks or an accepted alternative at least once, or a reflection saved",
}


@dataclass(frozen=True)
class Scored:
    """One shared answer, scored again."""

    exercise_id: str
    answer: Any
    score: float
    max_score: float
    correct: bool
    created_at: str


@dataclass
class Rescored:
    """What one learner's shared answers are worth, scored again with the engine."""

    folder: str
    answered: set[str] = field(default_factory=set)
    correct: set[str] = field(default_factory=set)
    first: dict[str, Scored] = field(default_factory=dict)  # the first scoreable answer per exercise
    ignored: list[str] = field(default_factory=list)

    def done(self, measure: str) -> set[str]:
        """The exercises that count under ``measure`` ("answered" or "correct")."""
        if measure not in MEASURES:
            raise ValueError(f"the measure is {measure!r}; use one of {', '.join(MEASURES)}")
        return self.answered if measure == "answered" else self.correct


def _ignore(out: Rescored, exercise_id: str, why: str) -> None:
    note = f"{out.folder}: the answer to '{exercise_id}' was ignored: {why}"
    if note not in out.ignored:
        out.ignored.append(note)


def _ratings_answers(payload: dict[str, Any]) -> list[tuple[str, dict[str, int], str]]:
    """(exercise id, the latest rating of each event, when) for every exercise with saved ratings."""
    latest: dict[str, dict[str, int]] = {}
    when: dict[str, str] = {}
    for row in sorted(payload["ratings"], key=lambda r: r["created_at"]):
        latest.setdefault(row["exercise_id"], {})[row["event_id"]] = row["value"]
        when[row["exercise_id"]] = row["created_at"]
    return [(ex, values, when[ex]) for ex, values in latest.items()]


def rescore(sub: Submission, specs: dict[str, Any], seen: dict[tuple[str, str], Any] | None = None) -> Rescored:
    """Score ``sub``'s answers again against ``specs`` (exercise id -> checked spec).

    ``seen`` keeps each (exercise, answer) already scored for this class: learners give the same answers,
    and the engine's verdict on an answer does not depend on who gave it.
    """
    seen = {} if seen is None else seen
    out = Rescored(sub.folder)
    payload = sub.payload
    answers = [(r["exercise_id"], r["answer"], r["created_at"]) for r in payload["attempts"]]
    answers += _ratings_answers(payload)
    for exercise_id, answer, created_at in sorted(answers, key=lambda a: a[2]):
        spec = specs.get(exercise_id)
        if spec is None:
            _ignore(out, exercise_id, "this course has no exercise with that id")
            continue
        if spec.type == "reflection":
            continue  # a reflection is never an attempt row; see below
        key = (exercise_id, json.dumps(answer, sort_keys=True, ensure_ascii=False))
        result = seen.get(key)
        if result is None:
            result = seen[key] = evaluate(spec, answer)
        if not result.valid:
            _ignore(out, exercise_id, "it does not fit the exercise, so it cannot be scored")
            continue
        out.answered.add(exercise_id)
        if result.correct:
            out.correct.add(exercise_id)
        out.first.setdefault(
            exercise_id, Scored(exercise_id, answer, result.score, result.max_score, result.correct, created_at)
        )
    reflected = [r["exercise_id"] for r in payload.get("reflections") or [] if str(r["text"]).strip()]
    reflected += list(payload.get("reflected") or [])
    for exercise_id in reflected:
        spec = specs.get(exercise_id)
        if spec is None or spec.type != "reflection":
            why = "this course has no exercise with that id" if spec is None else "it is not a reflection"
            _ignore(out, exercise_id, why)
            continue
        out.answered.add(exercise_id)
        out.correct.add(exercise_id)  # a reflection has no right answer: saving it is the whole task
    return out
