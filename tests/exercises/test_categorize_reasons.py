"""A sort answered correctly shows the reason for each item, not only "Correct."; a wrong sort still shows
feedback only for what was placed wrongly."""

from course.exercises import load_spec
from course.exercises.scoring.categorize import REASONS
from course.exercises.spec import as_plain
from course.exercises.types import evaluate
from course.safe_html import plain_text


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_a_right_sort_gives_every_items_reason():
    spec = load_spec("rupture-marker-sort")
    result = evaluate(spec, as_plain(spec.answer))
    assert result.correct and result.feedback_text.startswith("Correct.")
    assert REASONS in result.feedback_text
    for item in spec.items:
        if item.feedback:
            assert _flat(plain_text(item.feedback))[:60] in _flat(result.feedback_text), item.id


def test_a_sort_with_one_item_wrong_explains_that_item_only():
    spec = load_spec("rupture-marker-sort")
    answer = dict(as_plain(spec.answer))
    first, second = [item for item in spec.items if item.id not in spec.also_accept][:2]
    other = next(c.id for c in spec.categories if c.id != answer[first.id])
    answer[first.id] = other
    result = evaluate(spec, answer)
    assert not result.correct and REASONS not in result.feedback_text
    assert _flat(plain_text(first.feedback))[:60] in _flat(result.feedback_text)
    assert _flat(plain_text(second.feedback))[:60] not in _flat(result.feedback_text)
