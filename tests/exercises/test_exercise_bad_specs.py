"""Every malformed spec in tests/fixtures/bad/exercise-*.yaml is reported at the exact file, line and
field. Line 1 of each says ``# expect: <field> | <part of the message>``; the expected line carries ``# <-``."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from course.content.yaml_reader import load_yaml
from course.exercises.checks import check_exercises, check_file
from course.problems import Problem

from .conftest import BAD

BAD_FILES = sorted(BAD.glob("exercise-*.yaml"))
HEADER = re.compile(r"^# expect: (?P<field>.+?) \| (?P<message>.+)$")


def _expectation(path: Path) -> tuple[int, str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    match = HEADER.match(lines[0])
    assert match, f"{path.name}: line 1 must be '# expect: <field> | <message>'"
    marked = [n for n, text in enumerate(lines, start=1) if text.rstrip().endswith("# <-")]
    assert len(marked) == 1, f"{path.name}: exactly one line must end with '# <-'"
    return marked[0], match["field"], match["message"]


def test_there_is_a_bad_fixture_for_every_type() -> None:
    from course.exercises.spec import TYPES

    kinds = set()
    for path in BAD_FILES:
        data = load_yaml(path).data
        kinds.add(data.get("type") if isinstance(data, dict) else None)
    assert set(TYPES) <= kinds
    assert len(BAD_FILES) >= 30


@pytest.mark.parametrize("path", BAD_FILES, ids=[p.name for p in BAD_FILES])
def test_bad_spec_is_reported_at_file_line_and_field(path: Path, stub_content) -> None:
    line, field, message = _expectation(path)
    _, spec, problems = check_file(path, stub_content)
    assert problems, f"{path.name}: nothing reported"
    assert spec is None or problems
    for p in problems:
        assert Path(p.file).resolve() == path.resolve()
    match = [p for p in problems if p.line == line and (p.field or "(file)") == field]
    assert match, f"expected line {line} field {field!r}; got {[str(p) for p in problems]}"
    assert any(message in p.message for p in match), [p.message for p in match]
    assert str(match[0]).startswith(f"{match[0].file}:{line}: {field}: ")


def test_the_fixture_check_is_what_course_validate_runs(tmp_path: Path, stub_content) -> None:
    """A bad file placed in data/exercises/examples/ is reported by check_exercises too."""
    src = BAD / "exercise-fixture-feedback-cannot-fire.yaml"
    folder = tmp_path / "examples"
    folder.mkdir()
    shutil.copyfile(src, folder / "bad-fixture.yaml")
    problems = check_exercises(stub_content, tmp_path)
    assert [(p.line, p.field) for p in problems] == [(16, "fixtures[1].feedback")]


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """id: {id}
type: single-choice
title: A good spec
notebook: {notebook}
prompt: Which one?
options:
  - {{id: a, text: First, feedback: Not this one.}}
  - {{id: b, text: Second, feedback: This one.}}
answer: b
fixtures:
  - {{answer: a, feedback: Not this one.}}
  - {{answer: a, feedback: Not this one.}}
"""


def test_duplicate_ids_across_files_are_reported(tmp_path: Path, stub_content) -> None:
    _write(tmp_path / "examples" / "same-id.yaml", GOOD.format(id="same-id", notebook="examples"))
    second = _write(tmp_path / "examples" / "sub" / "same-id.yaml", GOOD.format(id="same-id", notebook="examples"))
    problems = [p for p in check_exercises(stub_content, tmp_path) if "already the id" in p.message]
    assert len(problems) == 1
    assert Path(problems[0].file).resolve() == second.resolve()
    assert (problems[0].line, problems[0].field) == (1, "id")


def test_file_name_and_folder_must_match_id_and_notebook(tmp_path: Path, stub_content) -> None:
    _write(tmp_path / "05_rupture_and_repair" / "other-name.yaml", GOOD.format(id="right-id", notebook="examples"))
    problems = check_exercises(stub_content, tmp_path)
    by_field = {p.field: p.message for p in problems}
    assert "rename the file to 'right-id.yaml'" in by_field["id"]
    assert "data/exercises/05_rupture_and_repair/" in by_field["notebook"]


def test_a_clean_folder_has_no_problems(tmp_path: Path, stub_content) -> None:
    _write(tmp_path / "examples" / "good-one.yaml", GOOD.format(id="good-one", notebook="examples"))
    assert check_exercises(stub_content, tmp_path) == []
    assert check_exercises(stub_content, tmp_path / "missing") == []


def test_problem_strings_have_the_house_format() -> None:
    p = Problem("data/exercises/x.yaml", 3, "answer", "is wrong")
    assert str(p) == "data/exercises/x.yaml:3: answer: is wrong"
