"""Course updates through nbgitpuller, with a local git repository as the course's source.

nbgitpuller's own puller (``nbgitpuller.pull.GitPuller``, what its ``git-pull`` link runs in the learner's
server) pulls the instructor's repository into a learner's folder. A learner edits notebooks as
JupyterLab would save them (nbformat); the instructor commits changes and new notebooks. No hub and no
network: the repository is reached through a ``file://`` URL.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest
from nbgitpuller.pull import GitPuller  # the `hub` extra, which the `test` extra includes

from .conftest import REPO

NOTEBOOKS = REPO / "notebooks"
START, FIRST, SECOND = "00_start_here.ipynb", "01_codes_and_boundaries.ipynb", "02_transference_lifecycle.ipynb"
GIT_ENV = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0"}


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Course Instructor", "-c", "user.email=instructor@example.org", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        env={**os.environ, **GIT_ENV},
        timeout=60,
    )
    assert done.returncode == 0, f"git {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


class Course:
    """The instructor's repository: the notebooks learners get, under ``notebooks/`` as in a release."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "notebooks").mkdir(parents=True)
        git(root, "init", "--quiet", "--initial-branch=main")

    @property
    def url(self) -> str:
        return self.root.as_uri()

    def add(self, name: str) -> None:
        shutil.copyfile(NOTEBOOKS / name, self.root / "notebooks" / name)

    def commit(self, message: str) -> None:
        git(self.root, "add", "--all")
        git(self.root, "commit", "--quiet", "-m", message)


def pull(course: Course, target: Path) -> list[str]:
    """One visit of the learner's nbgitpuller link; returns the puller's log."""
    return list(GitPuller(course.url, str(target), branch="main", depth=1).pull())


def edit_cell(path: Path, index: int, text: str) -> None:
    """Change one cell's text and save as JupyterLab does (nbformat, the cell ids kept)."""
    nb = nbformat.read(path, as_version=4)
    nb.cells[index].source = text
    nbformat.write(nb, path)


def cell(path: Path, index: int) -> str:
    return nbformat.read(path, as_version=4).cells[index].source


def valid(path: Path) -> None:
    nbformat.validate(nbformat.read(path, as_version=4))


@pytest.fixture
def course(tmp_path: Path) -> Course:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    course = Course(tmp_path / "instructor")
    course.add(START)
    course.add(FIRST)
    course.commit("The course for the autumn seminar")
    return course


def markdown_cells(path: Path) -> list[int]:
    return [i for i, c in enumerate(nbformat.read(path, as_version=4).cells) if c.cell_type == "markdown"]


def test_a_learners_edit_survives_an_update_that_changes_another_notebook_and_adds_one(course, tmp_path):
    learner = tmp_path / "home" / "course"
    pull(course, learner)
    assert sorted(p.name for p in (learner / "notebooks").iterdir()) == [START, FIRST]

    note = markdown_cells(learner / "notebooks" / START)[-1]
    mine = "My own note: ask the seminar about gifts from clients."
    edit_cell(learner / "notebooks" / START, note, mine)

    fixed = markdown_cells(course.root / "notebooks" / FIRST)[1]
    corrected = cell(course.root / "notebooks" / FIRST, fixed) + "\n\nCorrected by the instructor mid-term."
    edit_cell(course.root / "notebooks" / FIRST, fixed, corrected)
    course.add(SECOND)
    course.commit("Correct notebook 01; add notebook 02")

    log = pull(course, learner)

    assert cell(learner / "notebooks" / START, note) == mine, "the learner's edit was lost:\n" + "".join(log)
    assert cell(learner / "notebooks" / FIRST, fixed) == corrected
    assert (learner / "notebooks" / SECOND).read_bytes() == (NOTEBOOKS / SECOND).read_bytes()
    assert sorted(p.name for p in (learner / "notebooks").iterdir()) == [START, FIRST, SECOND]
    for name in (START, FIRST, SECOND):
        valid(learner / "notebooks" / name)


def test_when_both_change_the_same_cell_the_learners_version_stays_and_the_update_to_it_is_left_out(course, tmp_path):
    learner = tmp_path / "home" / "course"
    pull(course, learner)
    path = learner / "notebooks" / FIRST
    index = markdown_cells(path)[1]
    other = markdown_cells(path)[-1]
    mine = "My version of this paragraph, rewritten in my own words."
    edit_cell(path, index, mine)

    theirs = "The instructor's corrected paragraph."
    elsewhere = cell(course.root / "notebooks" / FIRST, other) + "\n\nA further correction further down."
    edit_cell(course.root / "notebooks" / FIRST, index, theirs)
    edit_cell(course.root / "notebooks" / FIRST, other, elsewhere)
    course.commit("Rewrite a paragraph of notebook 01, and correct one further down")

    log = "".join(pull(course, learner))

    assert cell(path, index) == mine, "nbgitpuller keeps the learner's side of a conflicting change"
    assert theirs not in path.read_text(encoding="utf-8"), "the upstream change to that cell is left out"
    assert cell(path, other) == elsewhere, "a change elsewhere in the same notebook still arrives:\n" + log
    valid(path)
    assert sorted(p.name for p in (learner / "notebooks").iterdir()) == [START, FIRST]


def test_a_learners_own_file_with_the_name_of_a_new_notebook_is_renamed_not_overwritten(course, tmp_path):
    learner = tmp_path / "home" / "course"
    pull(course, learner)
    own = learner / "notebooks" / SECOND
    own.write_bytes((NOTEBOOKS / START).read_bytes())  # the learner saved a notebook under that name

    course.add(SECOND)
    course.commit("Add notebook 02")
    log = "".join(pull(course, learner))

    assert (learner / "notebooks" / SECOND).read_bytes() == (NOTEBOOKS / SECOND).read_bytes()
    renamed = [p for p in (learner / "notebooks").iterdir() if p.name.startswith("02_transference_lifecycle__")]
    assert len(renamed) == 1, log
    assert renamed[0].read_bytes() == (NOTEBOOKS / START).read_bytes()


def test_a_learner_who_renames_their_edited_copy_gets_the_instructors_new_version_beside_it(course, tmp_path):
    learner = tmp_path / "home" / "course"
    pull(course, learner)
    path = learner / "notebooks" / FIRST
    index = markdown_cells(path)[1]
    mine = "My version of this paragraph."
    edit_cell(path, index, mine)
    theirs = "The instructor's corrected paragraph."
    edit_cell(course.root / "notebooks" / FIRST, index, theirs)
    course.commit("Rewrite a paragraph of notebook 01")
    kept = path.with_name("01_my_copy.ipynb")
    path.rename(kept)  # File > Rename in JupyterLab

    log = "".join(pull(course, learner))

    assert cell(path, index) == theirs, log
    assert cell(kept, index) == mine
