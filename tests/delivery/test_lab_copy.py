"""``make lab``'s learner copy: instructor material left out, new notebooks added, course updates put
beside a notebook the learner edited, never over it."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from course.delivery.lab_copy import MANIFEST, lab_dir, update_copy
from course.paths import notebooks_dir, repo_root


def _write(path: Path, *cells: nbformat.NotebookNode, tags: list[str] | None = None) -> None:
    nb = new_notebook(cells=list(cells))
    if tags:
        nb.metadata["tags"] = tags
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))


def _sources(path: Path) -> list[str]:
    return [cell.source for cell in nbformat.read(str(path), as_version=4).cells]


def _edit(path: Path, new_source: str) -> None:
    nb = nbformat.read(str(path), as_version=4)
    nb.cells[0].source = new_source
    nbformat.write(nb, str(path))


@pytest.fixture
def course(tmp_path: Path) -> Path:
    src = tmp_path / "notebooks"
    _write(
        src / "01_one.ipynb",
        new_markdown_cell("# One"),
        new_markdown_cell("A note for instructors", metadata={"tags": ["instructor"]}),
        new_code_cell("course.exercise('a')"),
    )
    _write(src / "02_two.ipynb", new_markdown_cell("# Two"))
    _write(src / "class_view.ipynb", new_markdown_cell("# Class view"), tags=["instructor"])
    return src


def test_the_copy_lives_in_a_git_ignored_folder_of_the_course(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COURSE_LAB_DIR", raising=False)
    folder = lab_dir()
    assert folder.parent == repo_root() and folder != notebooks_dir()
    ignored = (repo_root() / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert f"{folder.name}/" in ignored


def test_first_start_gives_learner_copies_without_instructor_material(course: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    report = update_copy(mine, course)
    assert report.added == ["01_one.ipynb", "02_two.ipynb"]
    assert _sources(mine / "01_one.ipynb") == ["# One", "course.exercise('a')"]
    assert not (mine / "class_view.ipynb").exists()
    assert (mine / MANIFEST).is_file()


def test_a_second_start_with_no_change_does_nothing(course: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    update_copy(mine, course)
    _edit(mine / "02_two.ipynb", "# Two, my notes")
    report = update_copy(mine, course)
    assert report.lines() == []
    assert _sources(mine / "02_two.ipynb") == ["# Two, my notes"]


def test_a_new_course_notebook_is_added_and_the_learners_are_kept(course: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    update_copy(mine, course)
    _edit(mine / "01_one.ipynb", "# One, with my own notes")
    _write(course / "03_three.ipynb", new_markdown_cell("# Three"))
    report = update_copy(mine, course)
    assert report.added == ["03_three.ipynb"]
    assert _sources(mine / "03_three.ipynb") == ["# Three"]
    assert _sources(mine / "01_one.ipynb")[0] == "# One, with my own notes"


def test_an_update_to_an_edited_notebook_goes_beside_it(course: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    update_copy(mine, course)
    _edit(mine / "01_one.ipynb", "# One, with my own notes")
    _edit(course / "01_one.ipynb", "# One, corrected by the instructor")
    report = update_copy(mine, course)
    assert report.beside == {"01_one.ipynb": "01_one (course update).ipynb"}
    assert _sources(mine / "01_one.ipynb")[0] == "# One, with my own notes"
    assert _sources(mine / "01_one (course update).ipynb") == [
        "# One, corrected by the instructor",
        "course.exercise('a')",
    ]
    assert any("01_one (course update).ipynb" in line for line in report.lines())
    # Offered once: the next start leaves both alone.
    assert update_copy(mine, course).lines() == []


def test_a_later_update_replaces_an_unedited_offer_but_not_an_edited_one(course: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    update_copy(mine, course)
    _edit(mine / "01_one.ipynb", "# Mine")
    _edit(course / "01_one.ipynb", "# Course, second edition")
    update_copy(mine, course)
    _edit(course / "01_one.ipynb", "# Course, third edition")
    assert update_copy(mine, course).beside == {"01_one.ipynb": "01_one (course update).ipynb"}
    assert _sources(mine / "01_one (course update).ipynb")[0] == "# Course, third edition"
    _edit(mine / "01_one (course update).ipynb", "# I worked in the update too")
    _edit(course / "01_one.ipynb", "# Course, fourth edition")
    assert update_copy(mine, course).beside == {"01_one.ipynb": "01_one (course update 2).ipynb"}
    assert _sources(mine / "01_one (course update).ipynb")[0] == "# I worked in the update too"
    assert _sources(mine / "01_one (course update 2).ipynb")[0] == "# Course, fourth edition"
    assert _sources(mine / "01_one.ipynb")[0] == "# Mine"


def test_an_update_to_an_unedited_notebook_replaces_it_even_after_cells_were_run(course: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    update_copy(mine, course)
    nb = nbformat.read(str(mine / "01_one.ipynb"), as_version=4)
    nb.cells[1].outputs = [new_output("stream", name="stdout", text="ran\n")]
    nb.cells[1].execution_count = 1
    nbformat.write(nb, str(mine / "01_one.ipynb"))
    _edit(course / "01_one.ipynb", "# One, corrected")
    report = update_copy(mine, course)
    assert report.updated == ["01_one.ipynb"] and report.beside == {}
    assert _sources(mine / "01_one.ipynb")[0] == "# One, corrected"


def test_a_deleted_notebook_comes_back_to_start_over(course: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    update_copy(mine, course)
    _edit(mine / "02_two.ipynb", "# Two, my notes")
    (mine / "02_two.ipynb").unlink()
    assert update_copy(mine, course).added == ["02_two.ipynb"]
    assert _sources(mine / "02_two.ipynb") == ["# Two"]


def test_a_copy_whose_record_is_lost_never_loses_an_edit(course: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    update_copy(mine, course)
    _edit(mine / "01_one.ipynb", "# Mine")
    (mine / MANIFEST).unlink()
    report = update_copy(mine, course)
    assert _sources(mine / "01_one.ipynb")[0] == "# Mine"
    assert report.beside == {"01_one.ipynb": "01_one (course update).ipynb"}


def test_the_real_course_gives_every_learner_notebook(tmp_path: Path) -> None:
    report = update_copy(tmp_path / "mine")
    expected = sorted(p.name for p in notebooks_dir().glob("*.ipynb"))
    assert report.added == expected
    for name in expected:
        nb = nbformat.read(str(tmp_path / "mine" / name), as_version=4)
        assert all("instructor" not in (cell.metadata.get("tags") or []) for cell in nb.cells), name


def test_the_instructor_lab_serves_the_whole_course_folder() -> None:
    from course.delivery.lab import START_NOTEBOOK, instructor_root

    root, start = instructor_root()
    assert (root / start).is_file() and start.endswith(START_NOTEBOOK)
    assert (root / "data" / "exercises" / "README.md").is_file() and (root / "docs").is_dir()
    nb = nbformat.read(str(root / start), as_version=4)
    assert nb.cells == nbformat.read(str(notebooks_dir() / START_NOTEBOOK), as_version=4).cells  # the full notebook
