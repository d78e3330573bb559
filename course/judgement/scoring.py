"""Scoring the case-judgement test: 1 point for the key, 0 for any other option or no answer.

The one place the test is scored: the learner's own copy in self-study, the instructor's side on the hub
(``course.classroom.judgement_class``), and the results a learner gets back all call these functions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .model import Form, Item

BEST, DEFENSIBLE, OTHER, UNANSWERED = "best", "defensible", "other", "unanswered"


class NotScorable(ValueError):
    """The form has no keys here (a student release): it can be taken, not scored."""


def item_score(item: Item, choice: str | None) -> int:
    """1 when ``choice`` is the item's key, else 0."""
    if item.key is None:
        raise NotScorable(f"item {item.id} has no key in this copy of the course")
    return 1 if choice is not None and choice == item.key else 0


def verdict(item: Item, choice: str | None) -> str:
    """How a choice stands: best, defensible (but not the best), other, or unanswered."""
    if choice is None:
        return UNANSWERED
    if item_score(item, choice):
        return BEST
    return DEFENSIBLE if choice in item.defensible else OTHER


@dataclass(frozen=True)
class FormScore:
    """A sitting's score: keys chosen out of the form's items."""

    form: str
    score: int
    of: int


def form_score(form: Form, answers: Mapping[str, str]) -> FormScore:
    """The number of keys chosen in ``answers`` (item id -> option id); items not answered score 0."""
    if not form.scorable:
        raise NotScorable(f"form {form.form} has no keys in this copy of the course")
    return FormScore(form.form, sum(item_score(item, answers.get(item.id)) for item in form.items), len(form.items))
