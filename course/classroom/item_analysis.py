"""Item analysis of a class's first attempts: which exercises are hard, which tell learners apart, which keys to check.

For every exercise with a key, from each learner's first attempt:

- **difficulty**: the share of learners who got it right (full marks, accepted alternatives included);
- **discrimination**: the corrected item-total correlation (the item's score against the learner's score on
  every *other* item, so an item does not correlate with itself), and the upper-lower difference (the share
  correct in the top third of the class minus the share in the bottom third, by that same rest score; a
  learner tied with the last one in a third is counted in it too);
- **options** (choice items): how often the top and the bottom third chose each option.

An item is **flagged** for review when it discriminates negatively (the learners who do best on the rest of
the course do worse on it), or when a distractor draws more of the top third than the key does. Both are
the signatures of a key that may be wrong. Correlations come from ``scipy.stats.pearsonr``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from scipy import stats

#: Fewer learners than this answering an item: its discrimination is not computed (and it is never flagged).
MIN_LEARNERS = 6
#: Decimal places kept of the item-total correlation. An item that does not discriminate at all has r = 0
#: exactly, which floating point can give as -3e-17 (or +3e-17, depending on the order of the learners); rounded, it stays
#: 0 and is never flagged as discriminating negatively.
R_DECIMALS = 12


@dataclass(frozen=True)
class Response:
    """One learner's first attempt at one item: its score as a fraction of full marks, and the option chosen."""

    score: float
    choice: str | None = None


@dataclass
class ItemStats:
    """The analysis of one item."""

    item_id: str
    key: str | None = None  # the keyed option of a choice item
    learners: int = 0
    difficulty: float | None = None  # share correct
    item_total: float | None = None  # corrected item-total correlation
    upper_lower: float | None = None  # share correct, top third minus bottom third
    top_choices: dict[str, float] = field(default_factory=dict)  # option -> share of the top third choosing it
    bottom_choices: dict[str, float] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)  # why it is flagged, in plain words

    @property
    def flagged(self) -> bool:
        return bool(self.reasons)


def analyse(
    responses: Sequence[Mapping[str, Response]],
    keys: Mapping[str, str | None] | None = None,
    accepted: Mapping[str, set[str]] | None = None,
) -> list[ItemStats]:
    """Item statistics for every item any learner answered, flagged items first, then by item id.

    ``responses`` has one mapping per learner, item id -> first attempt; ``keys`` gives the keyed option of
    choice items (for the option table and the distractor flag), ``accepted`` the further options the course
    accepts (never counted as distractors).
    """
    keys = keys or {}
    accepted = accepted or {}
    items = sorted({item for learner in responses for item in learner})
    results = [_item(item, responses, keys.get(item), accepted.get(item, set())) for item in items]
    return sorted(results, key=lambda r: (not r.flagged, r.item_id))


def _rest_scores(item: str, responses: Sequence[Mapping[str, Response]]) -> list[tuple[float, float, Response]]:
    """(item score, mean score on the learner's other items, response) for learners who answered ``item``."""
    rows = []
    for learner in responses:
        mine = learner.get(item)
        others = [r.score for other, r in learner.items() if other != item]
        if mine is None or not others:
            continue
        rows.append((mine.score, sum(others) / len(others), mine))
    return rows


def _item(item: str, responses: Sequence[Mapping[str, Response]], key: str | None, also: set[str]) -> ItemStats:
    rows = _rest_scores(item, responses)
    result = ItemStats(item, key=key, learners=len(rows))
    if not rows:
        return result
    scores = [r[0] for r in rows]
    result.difficulty = sum(1 for s in scores if s >= 1) / len(scores)
    if len(rows) < MIN_LEARNERS:
        return result
    rest = [r[1] for r in rows]
    if len(set(scores)) > 1 and len(set(rest)) > 1:
        result.item_total = round(float(stats.pearsonr(scores, rest).statistic), R_DECIMALS) + 0.0  # no -0.0
    ranked = sorted(rows, key=lambda r: r[1])
    third = max(1, len(ranked) // 3)
    # A third of the class at each end, widened to every learner tied with the last one taken, so that
    # learners with the same rest score are never split between groups by the order they came in.
    low, high = ranked[third - 1][1], ranked[-third][1]
    bottom = [r for r in ranked if r[1] <= low]
    top = [r for r in ranked if r[1] >= high]
    result.upper_lower = _share_correct(top) - _share_correct(bottom)
    if key is not None:
        result.top_choices = _choice_shares(top)
        result.bottom_choices = _choice_shares(bottom)
    result.reasons = _reasons(result, also)
    return result


def _share_correct(group: list[tuple[float, float, Response]]) -> float:
    return sum(1 for r in group if r[0] >= 1) / len(group)


def _choice_shares(group: list[tuple[float, float, Response]]) -> dict[str, float]:
    counts: dict[str, int] = {}
    for _, _, response in group:
        if response.choice is not None:
            counts[response.choice] = counts.get(response.choice, 0) + 1
    return {option: n / len(group) for option, n in sorted(counts.items())}


def _reasons(item: ItemStats, also: set[str]) -> list[str]:
    reasons = []
    if item.item_total is not None and item.item_total < 0:
        reasons.append(
            f"negative discrimination (item-total r = {item.item_total:.2f}): learners who do well elsewhere "
            "do worse here"
        )
    if item.key is not None and item.top_choices:
        keyed = item.top_choices.get(item.key, 0.0)
        for option, share in item.top_choices.items():
            if option != item.key and option not in also and share > keyed:
                reasons.append(
                    f"the top third chose '{option}' ({share:.0%}) more often than the key '{item.key}' ({keyed:.0%})"
                )
    return reasons


def rounded(value: float | None, places: int = 2) -> str:
    """A statistic for a table or CSV: fixed places, or an empty cell when it could not be computed."""
    return "" if value is None or math.isnan(value) else f"{value:.{places}f}"


def class_items(
    scored: Sequence[Any],
    specs: Sequence[Any],
    extra: Mapping[str, Mapping[str, Response]] | None = None,
    extra_keys: Mapping[str, str] | None = None,
) -> list[ItemStats]:
    """Item statistics from each learner's first scoreable answers, scored again by the engine (``rescore``).

    An answer the course accepts (the key or an accepted alternative) counts as right; otherwise its score is
    taken as a fraction of full marks. Single-choice answers also give the option chosen. ``extra`` adds
    further keyed items per learner folder (the case-judgement test's, ``JudgementClass.responses``),
    with their keys in ``extra_keys``.
    """
    graded = {s.id: s for s in specs if s.type not in ("reflection", "rating")}
    responses: list[dict[str, Response]] = []
    for learner in scored:
        mine: dict[str, Response] = {}
        for ex_id, first in learner.first.items():
            spec = graded.get(ex_id)
            if spec is None or not first.max_score:
                continue
            value = 1.0 if first.correct else float(first.score) / float(first.max_score)
            choice = first.answer if spec.type == "single-choice" and isinstance(first.answer, str) else None
            mine[ex_id] = Response(value, choice)
        mine.update((extra or {}).get(learner.folder, {}))
        responses.append(mine)
    singles = [s for s in graded.values() if s.type == "single-choice" and isinstance(s.answer, str)]
    keys = {s.id: s.answer for s in singles} | dict(extra_keys or {})
    accepted = {s.id: set(s.also_accept or []) for s in singles}
    return analyse(responses, keys, accepted)


#: How the class view can order the item table: label -> sort key (flagged items first is the default).
SORTS: dict[str, Any] = {
    "flagged first": lambda r: (not r.flagged, r.item_id),
    "hardest first": lambda r: (r.difficulty is None, r.difficulty if r.difficulty is not None else 0, r.item_id),
    "lowest discrimination first": lambda r: (r.item_total is None, r.item_total or 0.0, r.item_id),
    "exercise id": lambda r: r.item_id,
}


def sort_items(items: Sequence[ItemStats], by: str = "flagged first") -> list[ItemStats]:
    """The items in the order named by one of ``SORTS``."""
    return sorted(items, key=SORTS[by])


CSV_COLUMNS = (
    "exercise_id",
    "learners",
    "difficulty",
    "item_total_r",
    "upper_lower",
    "key",
    "top_third_choices",
    "bottom_third_choices",
    "flagged",
    "why",
)


def csv_rows(items: Sequence[ItemStats]) -> list[dict[str, str]]:
    """One row per item for ``course item-analysis``'s CSV (choices as ``option=share`` pairs)."""

    def shares(d: Mapping[str, float]) -> str:
        return " ".join(f"{k}={v:.2f}" for k, v in d.items())

    return [
        {
            "exercise_id": r.item_id,
            "learners": str(r.learners),
            "difficulty": rounded(r.difficulty),
            "item_total_r": rounded(r.item_total),
            "upper_lower": rounded(r.upper_lower),
            "key": r.key or "",
            "top_third_choices": shares(r.top_choices),
            "bottom_third_choices": shares(r.bottom_choices),
            "flagged": "yes" if r.flagged else "no",
            "why": "; ".join(r.reasons),
        }
        for r in items
    ]
