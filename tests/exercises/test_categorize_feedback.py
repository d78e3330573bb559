"""Categorize feedback reads as a sentence: "Jane ... will not come. You chose Money", never ".: you chose"."""

from __future__ import annotations

import re

import pytest

from course.exercises import load_spec
from course.exercises.scoring.categorize import you_chose
from course.exercises.types import evaluate
from course.safe_html import plain_text

from .conftest import EXERCISES

SPECS = sorted(p.stem for p in EXERCISES.rglob("*.yaml") if "type: categorize" in p.read_text(encoding="utf-8"))


def test_the_course_has_categorize_exercises() -> None:
    assert "ch03-boundary-dimensions" in SPECS


@pytest.mark.parametrize("exercise_id", SPECS)
def test_each_wrongly_placed_item_is_named_in_a_well_punctuated_sentence(exercise_id: str) -> None:
    spec = load_spec(exercise_id)
    categories = [c.id for c in spec.categories]
    for item in spec.items:
        right = spec.answer[item.id]
        wrong = next(c for c in categories if c != right and c not in spec.also_accept.get(item.id, []))
        text = plain_text(evaluate(spec, {**spec.answer, item.id: wrong}).feedback_html)
        assert not re.search(r"[.!?…][\"'”’)\]]*: you chose", text), text
        assert re.search(r"(: you chose|[.!?…][\"'”’)\]]* You chose) ", text), text


def test_the_item_text_decides_the_punctuation() -> None:
    assert you_chose("Jane says she will not come.", "Money") == (
        "<strong>Jane says she will not come.</strong> You chose <em>Money</em>"
    )
    assert you_chose("Will Jane come?", "Time") == "<strong>Will Jane come?</strong> You chose <em>Time</em>"
    assert you_chose("A gift of a mug", "Gifts") == "<strong>A gift of a mug</strong>: you chose <em>Gifts</em>"
