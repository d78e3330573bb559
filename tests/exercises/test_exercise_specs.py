"""Every spec under data/exercises/ tests itself: the reference answer scores full marks in the widget,
and each fixture's feedback appears in the widget's feedback."""

from __future__ import annotations

from pathlib import Path

import pytest

from course.exercises import drive
from course.exercises.checks import check_exercises, check_file
from course.exercises.spec import as_plain
from course.exercises.types import TYPES
from course.safe_html import appears_in, plain_text

from .conftest import EXERCISES

SPEC_FILES = sorted(p for p in EXERCISES.rglob("*") if p.suffix in (".yaml", ".yml"))


def _ids(paths: list[Path]) -> list[str]:
    return [p.relative_to(EXERCISES).as_posix() for p in paths]


def test_every_type_has_an_example() -> None:
    from course.content.yaml_reader import load_yaml

    kinds = {load_yaml(p).data.get("type") for p in (EXERCISES / "examples").glob("*.yaml")}
    assert kinds == set(TYPES)


def test_all_specs_are_valid(real_content) -> None:
    problems = check_exercises(real_content, EXERCISES)
    assert not problems, "\n".join(map(str, problems))


@pytest.mark.parametrize("path", SPEC_FILES, ids=_ids(SPEC_FILES))
def test_reference_answer_scores_full_marks_in_the_widget(path: Path, real_content) -> None:
    _, spec, problems = check_file(path, real_content)
    assert spec is not None and not problems, problems
    view = drive(spec, as_plain(spec.answer))
    assert view.last_result is not None and view.last_result.correct, plain_text(view.feedback.value)
    assert view.last_result.score == view.last_result.max_score
    assert "Correct." in view.feedback.value or spec.type in ("reflection", "discussion")


@pytest.mark.parametrize("path", SPEC_FILES, ids=_ids(SPEC_FILES))
def test_every_fixture_feedback_appears_in_the_widget(path: Path, real_content) -> None:
    _, spec, _ = check_file(path, real_content)
    assert len(spec.fixtures) >= 2 or spec.type == "discussion"  # a discussion has no wrong answers
    for fixture in spec.fixtures:
        view = drive(spec, as_plain(fixture.answer))
        assert view.last_result is not None and not view.last_result.correct
        assert appears_in(fixture.feedback, view.feedback.value), (
            f"{fixture.feedback!r} not in {plain_text(view.feedback.value)!r}"
        )


def _readme_examples() -> list[str]:
    import re

    text = (EXERCISES / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, flags=re.S)
    return [b for b in blocks if b.startswith("id: ")]


def test_readme_has_a_full_valid_example_of_every_type(tmp_path: Path, real_content) -> None:
    from course.content.yaml_reader import load_yaml

    seen = set()
    for n, block in enumerate(_readme_examples()):
        path = tmp_path / f"readme-{n}.yaml"
        path.write_text(block, encoding="utf-8")
        _, spec, problems = check_file(path, real_content)
        assert spec is not None and not problems, "\n".join(map(str, problems))
        seen.add(load_yaml(path).data["type"])
        view = drive(spec, as_plain(spec.answer))
        assert view.last_result.correct
    assert seen == set(TYPES)
