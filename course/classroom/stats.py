"""Class-level statistics over loaded exports: correct rates, common wrong answers, rating spreads."""

from __future__ import annotations

import json
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..timeline.data import class_overlay


@dataclass(frozen=True)
class WrongAnswer:
    """One wrong answer, how many learners gave it, and the feedback it got most often."""

    answer: Any
    learners: int
    feedback: str


@dataclass
class ExerciseStats:
    """Per exercise: learners who answered, first-try and eventual correct rates, wrong answers."""

    exercise_id: str
    learners: int = 0
    graded: bool = False
    first_try_correct: int = 0
    eventually_correct: int = 0
    versions: int = 1
    wrong_answers: list[WrongAnswer] = field(default_factory=list)

    def rate(self, count: int) -> float | None:
        """``count / learners`` for graded exercises, else None."""
        return count / self.learners if self.graded and self.learners else None


@dataclass(frozen=True)
class RatingSpread:
    """The class's latest ratings of one event on one dimension."""

    n: int
    median: float
    q1: float
    q3: float


def _full_marks(row: dict[str, Any]) -> bool:
    top = row["max_score"]
    return bool(top) and row["score"] is not None and row["score"] >= top


def _key(answer: Any) -> str:
    return json.dumps(answer, sort_keys=True, ensure_ascii=False)


def exercise_stats(payloads: list[dict[str, Any]], top: int = 3) -> dict[str, ExerciseStats]:
    """Stats per exercise id, in order of first appearance."""
    by_ex: dict[str, ExerciseStats] = {}
    hashes: dict[str, set[str]] = defaultdict(set)
    wrong: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    feedback: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    answers: dict[str, Any] = {}
    for learner, payload in enumerate(payloads):
        mine: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in payload["attempts"]:
            mine[row["exercise_id"]].append(row)
        for ex_id, rows in mine.items():
            rows.sort(key=lambda r: r["created_at"])
            st = by_ex.setdefault(ex_id, ExerciseStats(ex_id))
            st.learners += 1
            st.graded = st.graded or any(r["max_score"] for r in rows)
            st.first_try_correct += _full_marks(rows[0])
            st.eventually_correct += any(_full_marks(r) for r in rows)
            for r in rows:
                hashes[ex_id].add(r["content_hash"])
                if r["max_score"] and not _full_marks(r):
                    key = _key(r["answer"])
                    answers[key] = r["answer"]
                    wrong[ex_id][key].add(learner)
                    feedback[(ex_id, key)][r["feedback"]] += 1
    for ex_id, st in by_ex.items():
        st.versions = len(hashes[ex_id])
        ranked = sorted(wrong[ex_id].items(), key=lambda kv: (-len(kv[1]), kv[0]))[:top]
        st.wrong_answers = [
            WrongAnswer(answers[k], len(who), feedback[(ex_id, k)].most_common(1)[0][0]) for k, who in ranked
        ]
    return by_ex


def rating_spreads(payloads: list[dict[str, Any]]) -> dict[str, dict[str, RatingSpread]]:
    """dimension -> event id -> spread of each learner's latest rating (events in first-seen order).

    Uses ``course.timeline.data.class_overlay``, the timeline's own statistics.
    """
    per_learner: list[dict[str, dict[str, int]]] = []
    for payload in payloads:
        latest: dict[str, dict[str, int]] = {}
        for row in payload["ratings"]:
            latest.setdefault(row["dimension"], {})[row["event_id"]] = row["value"]
        if latest:
            per_learner.append(latest)
    dims = list(dict.fromkeys(d for learner in per_learner for d in learner))
    stats = class_overlay(per_learner, dimensions=dims).stats
    return {
        d: {e: RatingSpread(q.n, float(q.median), float(q.q1), float(q.q3)) for e, q in stats[d].items()}
        for d in dims
        if d in stats
    }


def spread(values: list[int]) -> RatingSpread:
    """Median and quartiles (inclusive method; one value gives a zero-width range)."""
    if len(values) < 2:
        v = float(values[0])
        return RatingSpread(len(values), v, v, v)
    q1, med, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return RatingSpread(len(values), float(med), float(q1), float(q3))
