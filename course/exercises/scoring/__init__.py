"""Pure scoring: ``evaluate(spec, answer) -> Result`` for every exercise type, no widgets involved.

Each type's module has ``spec_problems``, ``answer_problems``, ``evaluate`` and ``describe_answer``.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from ..result import Result
from . import categorize, decision, multiple_select, ordering, rating, reflection, single_choice
from .common import Found

MODULES: dict[str, ModuleType] = {
    "single-choice": single_choice,
    "multiple-select": multiple_select,
    "ordering": ordering,
    "categorize": categorize,
    "rating": rating,
    "decision": decision,
    "reflection": reflection,
}


def evaluate(spec: Any, answer: Any) -> Result:
    """Score ``answer`` for ``spec``. Never raises for an answer of the wrong shape: the Result says
    what is wrong (``valid`` false)."""
    return MODULES[spec.type].evaluate(spec, answer)


def spec_problems(spec: Any) -> Found:
    """Problems inside one spec (repeated ids, broken links between its parts)."""
    return MODULES[spec.type].spec_problems(spec)


def answer_problems(spec: Any, answer: Any) -> Found:
    """Why ``answer`` does not fit ``spec`` (empty when it fits); locations are inside the answer."""
    return MODULES[spec.type].answer_problems(spec, answer)


def describe_answer(spec: Any) -> str:
    """HTML of the reference answer, shown on reveal."""
    return MODULES[spec.type].describe_answer(spec)


__all__ = ["Found", "MODULES", "Result", "answer_problems", "describe_answer", "evaluate", "spec_problems"]
