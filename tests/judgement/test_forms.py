"""`course validate` on the case-judgement test: good forms pass; each bad fixture is reported with file,
line and field; a course without the test validates; verify notes only with --sources."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from course.authoring.validate import validate_all
from course.cli import main
from course.judgement import forms as forms_module
from course.judgement.forms import read_forms

from .conftest import BAD_FORMS, MINIMAL

HEADER = re.compile(r"^# target: (?P<target>\S+)\n# expect: (?P<line>\d+) \| (?P<field>.+?) \| (?P<message>.+)$", re.M)
BAD = sorted(p.name for p in BAD_FORMS.glob("*.yaml"))


def test_the_fixture_forms_validate(data_with_forms: Path) -> None:
    assert validate_all(data_with_forms) == []


def test_a_course_without_the_test_validates(tmp_path: Path) -> None:
    target = tmp_path / "data"
    shutil.copytree(MINIMAL, target)
    assert validate_all(target) == []
    assert read_forms(target).present is False


def test_there_are_bad_fixtures_for_every_kind_of_mistake() -> None:
    assert len(BAD) >= 10


@pytest.mark.parametrize("name", BAD)
def test_bad_form_is_reported_with_file_line_and_field(name: str, data_with_forms: Path, capsys) -> None:
    text = (BAD_FORMS / name).read_text()
    expect = HEADER.match(text)
    assert expect, f"{name} needs a '# target:' and '# expect:' header"
    target = data_with_forms / "judgement" / expect["target"]
    shutil.copyfile(BAD_FORMS / name, target)

    problems = validate_all(data_with_forms)
    located = [p for p in problems if p.file.endswith(f"judgement/{expect['target']}")]
    match = [p for p in located if p.line == int(expect["line"]) and p.field == expect["field"]]
    assert match, f"expected line {expect['line']} field {expect['field']!r}, got {[str(p) for p in problems]}"
    assert any(expect["message"] in p.message for p in match), [p.message for p in match]

    assert main(["validate", str(data_with_forms)]) == 2
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    assert f"judgement/{expect['target']}:{expect['line']}: {expect['field']}: " in out.out


def test_one_form_without_the_other_is_a_problem(data_with_forms: Path) -> None:
    (data_with_forms / "judgement" / "form-b.yaml").unlink()
    problems = validate_all(data_with_forms)
    assert any(p.file.endswith("judgement/form-b.yaml") and "is missing" in p.message for p in problems)


def test_a_stray_file_in_the_folder_is_named(data_with_forms: Path) -> None:
    (data_with_forms / "judgement" / "form-c.yaml").write_text("form: C\n")
    problems = validate_all(data_with_forms)
    assert any(p.file.endswith("form-c.yaml") and "is not a form" in p.message for p in problems)


def test_the_self_test_catches_a_scoring_rule_that_gives_points_to_every_option(
    data_with_forms: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(forms_module, "item_score", lambda item, choice: 1)
    problems = validate_all(data_with_forms)
    assert problems and all("the self-test scores option" in p.message for p in problems)
    assert {p.field.split(".")[-1] for p in problems} == {"key"}


def test_verify_notes_are_listed_only_with_sources(data_with_forms: Path, capsys) -> None:
    assert main(["validate", str(data_with_forms)]) == 0
    assert "Fixture note" not in capsys.readouterr().out
    assert main(["validate", "--sources", str(data_with_forms)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"judgement/form-a\.yaml:\d+: a01-situation-1: Fixture note", out), out
    assert re.search(r"judgement/form-b\.yaml:\d+: b01-situation-1: Fixture note", out), out
