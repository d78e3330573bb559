"""Answers experts would also accept (`also_accept`): full credit, feedback that says so, and a self-test in
`course validate` that reports a bad alternative with file and line."""

import shutil
from pathlib import Path

import pytest
import yaml

from course.authoring.validate import validate_all
from course.exercises import load_spec
from course.exercises.registry import clear_cache, index
from course.exercises.scoring import describe_answer, evaluate
from course.exercises.spec import as_plain
from course.paths import data_dir

ACCEPTED = "Accepted, with full credit."


def _with_alternatives():
    specs = [load_spec(i) for i in sorted(index(data_dir() / "exercises"))]
    return [s for s in specs if getattr(s, "also_accept", None)]


def test_the_course_uses_alternatives_where_experts_disagree():
    ids = {s.id for s in _with_alternatives()}
    assert {"ch03-first-cancellation", "ch04-whose-part", "seminar-four-components-sort"} <= ids


@pytest.mark.parametrize("spec", _with_alternatives(), ids=lambda s: s.id)
def test_every_alternative_scores_as_accepted_with_full_credit(spec):
    alternatives = spec.also_accept
    if spec.type == "categorize":
        alternatives = [{**spec.answer, item: c} for item, cats in spec.also_accept.items() for c in cats]
        alternatives.append({**spec.answer, **{item: cats[0] for item, cats in spec.also_accept.items()}})
    for alt in alternatives:
        result = evaluate(spec, as_plain(alt))
        assert result.correct and result.score == result.max_score, result.feedback_text
        assert result.feedback_text.startswith(ACCEPTED)


def test_deferring_to_supervision_is_an_accepted_path_next_to_the_recommended_one():
    spec = load_spec("ch03-first-cancellation")
    result = evaluate(spec, ["ask-first", "note-and-follow"])
    assert result.correct and result.score == result.max_score == 2
    assert "an accepted path, with full credit" in result.feedback_text
    assert "The recommended path, next to it" in result.feedback_text
    recommended = evaluate(spec, spec.answer)
    assert "is the recommended one" in recommended.feedback_text and ACCEPTED not in recommended.feedback_text
    assert "Also accepted, with full credit" in describe_answer(spec)


def test_a_path_that_is_neither_recommended_nor_accepted_still_loses_credit():
    spec = load_spec("ch03-first-cancellation")
    result = evaluate(spec, ["ask-first", "drop-fee-too"])
    assert not result.correct and result.score < result.max_score


def test_an_accepted_category_scores_its_point_and_names_the_courses_category():
    spec = load_spec("ch04-whose-part")
    result = evaluate(spec, {**spec.answer, "waives": "susan"})
    assert result.correct and ACCEPTED in result.feedback_text
    assert "the course's key puts it under Both" in result.feedback_text
    wrong = evaluate(spec, {**spec.answer, "waives": "jane"})
    assert not wrong.correct and wrong.score == wrong.max_score - 1
    assert "also accepted: Susan's part" in describe_answer(spec)


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "data"
    shutil.copytree(data_dir(), target)
    monkeypatch.setenv("COURSE_DATA", str(target))
    clear_cache()
    yield target
    clear_cache()


def _set(path: Path, key: str, value) -> int:
    """Replace the exercise's `key` block with `value`; returns the line the key is on."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data[key] = value
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=200)
    path.write_text(text, encoding="utf-8")
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(f"{key}:"))


FIRST = "exercises/03_the_case_of_jane_and_susan/ch03-first-cancellation.yaml"
WHOSE = "exercises/04_mutual_enactments_and_supervision/ch04-whose-part.yaml"


def _problems(root: Path, rel: str) -> list:
    return [p for p in validate_all(root) if p.file.endswith(rel)]


def test_an_alternative_that_is_not_a_valid_answer_is_reported_with_file_and_line(data_copy):
    line = _set(data_copy / FIRST, "also_accept", [["ask-first", "no-such-choice"]])
    found = _problems(data_copy, FIRST)
    assert [p for p in found if p.field.startswith("also_accept[0]") and "is not a valid answer" in p.message]
    assert all(p.line and p.line >= line for p in found if p.field.startswith("also_accept"))


def test_an_alternative_that_repeats_the_answer_is_reported(data_copy):
    _set(data_copy / FIRST, "also_accept", [["hold-and-explore", "note-and-follow"]])
    assert [p for p in _problems(data_copy, FIRST) if "is the reference answer already" in p.message]


def test_an_unknown_item_or_category_in_a_categorize_alternative_is_reported(data_copy):
    _set(data_copy / WHOSE, "also_accept", {"waives": ["nobody"], "no-such-item": ["jane"]})
    messages = [(p.field, p.message) for p in _problems(data_copy, WHOSE)]
    assert any(f == "also_accept.waives[0]" and "is not a valid answer" in m for f, m in messages), messages
    assert any("'no-such-item' is not an item id" in m for _, m in messages), messages


def test_a_fixture_that_is_an_accepted_answer_is_reported(data_copy):
    path = data_copy / FIRST
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["fixtures"][0]["answer"] = ["ask-first", "note-and-follow"]
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=200), encoding="utf-8")
    assert [p for p in _problems(data_copy, FIRST) if p.field == "fixtures[0].answer" and "also_accept" in p.message]


def test_fixtures_still_fire_with_alternatives_in_place():
    assert validate_all() == []
    for spec in _with_alternatives():
        for fixture in spec.fixtures:
            assert not evaluate(spec, as_plain(fixture.answer)).correct, (spec.id, fixture.answer)
