"""Choices that come back: which variant of a scene a learner meets, from their earlier answers.

A condition (``when:`` in the YAML) maps exercise ids to a choice id or a list of choice ids, for
example ``{ch03-first-cancellation: [waive-now, drop-fee-too]}``. It holds when, for every exercise it
names, the learner's first answer took one of the listed choices: for a decision, anywhere on the path
they took; for a single choice, the option they chose; for a multiple select, any option they ticked.

The first answer counts, not the latest: it is the reply the learner reached for. A decision point shows
its recommended path after a try or two, so a learner's latest answer is often the course's key, and the
scene that comes back would then show the key rather than their own choice. Trying the exercise again
does not change the scene; the box under it shows where every other reply leads.

A conditional scene lists variants. The first variant whose condition holds is shown; when none holds
(the learner skipped the earlier exercise, or took a path no variant names) the one marked ``default``
is. The site does the same in the browser (``course/delivery/site/static/conditions.js``); a test runs
both over the same conditions and answers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Optional, Union

from .. import progress
from ..progress.errors import ProgressStoreError
from ..progress.store import Store

Condition = Mapping[str, Union[str, Sequence[str]]]
# The exercise types whose answers are made of choice ids, so a condition can name them.
CHOICE_TYPES = ("decision", "single-choice", "multiple-select")


def named(value: Union[str, Sequence[str]]) -> list[str]:
    """The choice ids a condition lists for one exercise (one id, or a list of them)."""
    return [value] if isinstance(value, str) else [str(v) for v in value]


def chosen(answer: Any) -> set[str]:
    """The choice ids in an answer: a choice id, or a list of them (a path, a selection); else none."""
    if isinstance(answer, str):
        return {answer}
    if isinstance(answer, (list, tuple)):
        return {a for a in answer if isinstance(a, str)}
    return set()


def holds(when: Optional[Condition], answers: Mapping[str, Any]) -> bool:
    """True when every exercise ``when`` names was answered with one of the choices it lists.

    An empty or missing condition never holds: only the default variant is shown without one.
    """
    if not when:
        return False
    return all(ex in answers and chosen(answers[ex]) & set(named(ids)) for ex, ids in when.items())


def choose_index(conditions: Sequence[Optional[Condition]], default: int, answers: Mapping[str, Any]) -> int:
    """The index of the variant to show: the first whose condition holds, else ``default``."""
    for i, when in enumerate(conditions):
        if holds(when, answers):
            return i
    return default


def choose(variants: Sequence[Any], answers: Mapping[str, Any]) -> int:
    """The index of the variant to show among validated variants (each has ``when`` and ``default``)."""
    default = next((i for i, v in enumerate(variants) if v.default), 0)
    return choose_index([v.when for v in variants], default, answers)


def node_text(node: Any, answers: Mapping[str, Any]) -> str:
    """What a decision node says to this learner: its variant's text (``node.variants``), else its own."""
    if not node.variants:
        return str(node.text)
    return node.variants[choose(node.variants, answers)].text or str(node.text)


def exercises_named(variants: Iterable[Any]) -> list[str]:
    """The exercise ids the variants' conditions name, in order of first mention."""
    out: list[str] = []
    for variant in variants:
        out += [ex for ex in (variant.when or {}) if ex not in out]
    return out


def answers_from(store: Store, exercise_ids: Iterable[str]) -> dict[str, Any]:
    """The learner's first answer to each of ``exercise_ids`` that they answered (the store keeps
    answers oldest first).

    A store that cannot be read counts as no answers, so the learner meets the default variant.
    """
    out: dict[str, Any] = {}
    for ex in exercise_ids:
        try:
            attempts = store.attempts(ex)
        except ProgressStoreError:
            return {}
        if attempts:
            out[ex] = attempts[0].answer
    return out


def learner_answers(exercise_ids: Iterable[str]) -> dict[str, Any]:
    """``answers_from`` the learner's own progress store (this kernel's)."""
    return answers_from(progress.current(), exercise_ids)
