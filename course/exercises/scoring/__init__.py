"""Pure scoring, one module per exercise type, no widgets involved.

Each type's module has ``spec_problems``, ``answer_problems``, ``evaluate`` and ``describe_answer``
(together, the ``Scoring`` protocol). Which module scores which type is said in the type's record
(``course.exercises.types``), which also hands a spec to its module (``types.evaluate(spec, answer)``).
"""

from __future__ import annotations

from typing import Any, Protocol

from ..result import Result
from .common import Found


class Scoring(Protocol):
    """What a type's scoring module provides: plain functions of the spec (and the learner's answer)."""

    def spec_problems(self, spec: Any) -> Found:
        """Problems inside one spec (repeated ids, broken links between its parts)."""

    def answer_problems(self, spec: Any, answer: Any) -> Found:
        """Why ``answer`` does not fit ``spec`` (empty when it fits); locations are inside the answer."""

    def evaluate(self, spec: Any, answer: Any) -> Result:
        """Score ``answer``; never raises for an answer of the wrong shape (the Result says what is wrong)."""

    def describe_answer(self, spec: Any) -> str:
        """HTML of the reference answer, shown on reveal."""


__all__ = ["Found", "Result", "Scoring"]
