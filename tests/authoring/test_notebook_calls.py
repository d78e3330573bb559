"""`course validate` checks every id a notebook passes to `course`: each tests/fixtures/bad/notebook-*.ipynb
is reported as `notebooks/NAME.ipynb: cell N: call: message`, with a did-you-mean, exit 2 and no traceback;
`course release` refuses to build; the stated minutes follow the reading-time model; an exercise no notebook
shows is a warning."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import course
from course.authoring.notebook_calls import FUNCTIONS, Known, check_notebooks
from course.authoring.validate import validate, validate_all
from course.cli import main
from course.content import load_content
from course.delivery.release.build import build_release
from course.exercises.checks import checked_exercises
from course.paths import data_dir, notebooks_dir

BAD = Path(__file__).resolve().parents[1] / "fixtures" / "bad"
NOTEBOOK_FIXTURES = sorted(BAD.glob("notebook-*.ipynb"))


def _expect(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))["metadata"]["course_test"]


@pytest.fixture(scope="module")
def known() -> Known:
    content = load_content()
    return Known(checked_exercises(content, data_dir() / "exercises").types, [e.id for e in content.events])


def _course_copy(tmp_path: Path, *, with_notebooks: bool = True) -> Path:
    """data/ and notebooks/ of the course in ``tmp_path``; returns the data folder."""
    shutil.copytree(data_dir(), tmp_path / "data")
    if with_notebooks:
        shutil.copytree(notebooks_dir(), tmp_path / "notebooks")
    else:
        (tmp_path / "notebooks").mkdir()
    return tmp_path / "data"


def _edit_cell(path: Path, old: str, new: str) -> int:
    """Replace ``old`` in the one code cell holding it; return the cell's number (from 1)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    hits = [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code" and old in "".join(c["source"])]
    assert len(hits) == 1, hits
    cell = nb["cells"][hits[0]]
    cell["source"] = "".join(cell["source"]).replace(old, new)
    path.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    return hits[0] + 1


def test_the_table_of_notebook_functions_is_the_course_api() -> None:
    assert set(FUNCTIONS) == set(course.__all__)


def test_there_is_a_bad_notebook_fixture_for_each_kind_of_id() -> None:
    calls = " ".join(_expect(p)["field"] for p in NOTEBOOK_FIXTURES)
    for name in ("exercise", "show_events", "compare_codes", "my_timeline", "plot_timeline"):
        assert f"course.{name}(" in calls, name
    assert len(NOTEBOOK_FIXTURES) >= 8


@pytest.mark.parametrize("path", NOTEBOOK_FIXTURES, ids=[p.name for p in NOTEBOOK_FIXTURES])
def test_bad_notebook_is_reported_at_its_cell(path: Path, known: Known, tmp_path: Path) -> None:
    expect = _expect(path)
    shutil.copyfile(path, tmp_path / path.name)
    problems = check_notebooks(tmp_path, known).problems
    assert problems, f"{path.name}: nothing reported"
    match = [p for p in problems if p.cell == expect["cell"] and p.field == expect["field"]]
    assert match, [str(p) for p in problems]
    assert any(expect["message"] in p.message for p in match), [p.message for p in match]
    assert str(match[0]).startswith(f"{match[0].file}: cell {expect['cell']}: {expect['field']}: ")
    assert match[0].file.endswith(path.name)


def test_the_shipped_notebooks_pass_and_show_every_exercise(known: Known) -> None:
    check = check_notebooks(notebooks_dir(), known)
    assert check.problems == [], [str(p) for p in check.problems]
    assert validate().warnings == []
    assert {"ch01-after-therapy", "rupture-marker-sort"} <= check.shown


def test_a_misspelt_exercise_id_fails_validate_with_a_did_you_mean(tmp_path: Path, capsys) -> None:
    data = _course_copy(tmp_path)
    cell = _edit_cell(
        tmp_path / "notebooks" / "01_codes_and_boundaries.ipynb",
        'course.exercise("ch01-after-therapy")',
        'course.exercise("ch01-afer-therapy")',
    )
    assert main(["validate", str(data)]) == 2
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    assert (
        f'01_codes_and_boundaries.ipynb: cell {cell}: course.exercise("ch01-afer-therapy"): '
        "'ch01-afer-therapy' is not an exercise id in data/exercises/; did you mean 'ch01-after-therapy'?"
    ) in out.out


def test_the_release_refuses_to_build_with_a_misspelt_id(tmp_path: Path) -> None:
    _course_copy(tmp_path / "course")
    _edit_cell(
        tmp_path / "course" / "notebooks" / "03_the_case_of_jane_and_susan.ipynb",
        'course.show_events("friendship-request")',
        'course.show_events("friendship-requests")',
    )
    report = build_release(tmp_path / "release", root=tmp_path / "course")
    assert any("did you mean 'friendship-request'?" in p.message for p in report.problems)
    assert not (tmp_path / "release").exists()


def test_a_notebook_grown_past_its_stated_time_gets_the_figure_to_state(tmp_path: Path, capsys) -> None:
    data = _course_copy(tmp_path)
    path = tmp_path / "notebooks" / "04_mutual_enactments_and_supervision.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"].insert(3, {"cell_type": "markdown", "metadata": {}, "source": "More about supervision. " * 1800})
    path.write_text(json.dumps(nb), encoding="utf-8")

    problems = validate_all(data)
    assert [p.field for p in problems] == ["notebooks[04_mutual_enactments_and_supervision].minutes"]
    assert problems[0].file.endswith("course.yaml") and problems[0].line is not None
    figure = int(problems[0].message.split("state minutes: ")[1].split()[0])
    assert main(["validate", str(data)]) == 2
    assert "state minutes:" in capsys.readouterr().out

    # stating the figure the message gives is enough
    lines = (data / "course.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[problems[0].line - 1].strip().startswith("minutes:")
    lines[problems[0].line - 1] = f"    minutes: {figure}\n"
    (data / "course.yaml").write_text("".join(lines), encoding="utf-8")
    assert validate_all(data) == []


def test_a_notebook_past_ninety_minutes_must_be_split(tmp_path: Path) -> None:
    data = _course_copy(tmp_path)
    path = tmp_path / "notebooks" / "00_start_here.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"].append({"cell_type": "markdown", "metadata": {}, "source": "A long read. " * 6000})
    path.write_text(json.dumps(nb), encoding="utf-8")
    messages = [p.message for p in validate_all(data)]
    assert len(messages) == 1 and "split it in two" in messages[0], messages


def test_an_exercise_no_notebook_shows_is_a_warning(tmp_path: Path, capsys) -> None:
    data = _course_copy(tmp_path)
    _edit_cell(tmp_path / "notebooks" / "07_boundaries_in_context.ipynb", 'course.exercise("ch07-running-club")', "")
    report = validate(data)
    assert [(p.file.split("/")[-1], p.field) for p in report.warnings] == [("ch07-running-club.yaml", "id")]
    assert report.problems == []
    assert 'course.exercise("ch07-running-club")' in report.warnings[0].message
    main(["validate", str(data)])
    out = capsys.readouterr().out
    assert "1 warning(s)" in out and "ch07-running-club.yaml:" in out


def test_with_no_notebook_every_exercise_but_the_examples_is_unshown(tmp_path: Path) -> None:
    data = _course_copy(tmp_path, with_notebooks=False)
    report = validate(data)
    assert report.problems == []
    assert report.warnings and not any("/examples/" in p.file for p in report.warnings)


def test_checkpoints_are_skipped_even_in_a_folder_whose_path_has_a_dot(tmp_path: Path, known: Known) -> None:
    folder = tmp_path / ".courses" / "notebooks"
    (folder / ".ipynb_checkpoints").mkdir(parents=True)
    shutil.copyfile(BAD / "notebook-misspelt-exercise-id.ipynb", folder / "new.ipynb")
    shutil.copyfile(BAD / "notebook-misspelt-event-id.ipynb", folder / ".ipynb_checkpoints" / "new-checkpoint.ipynb")
    problems = check_notebooks(folder, known).problems
    assert [Path(p.file).name for p in problems] == ["new.ipynb"]


def test_an_unreadable_exercise_file_is_reported_once_not_again_in_its_notebook(tmp_path: Path) -> None:
    data = _course_copy(tmp_path)
    path = data / "exercises" / "01_codes_and_boundaries" / "ch01-after-therapy.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("\n  - id:", "\n\t- id:", 1), encoding="utf-8")
    problems = validate_all(data)
    assert [(Path(p.file).name, p.field) for p in problems] == [("ch01-after-therapy.yaml", "")]
    assert "replace the tab with spaces" in problems[0].message
