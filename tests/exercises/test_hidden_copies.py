"""A copy JupyterLab's editor keeps of an opened exercise (in .ipynb_checkpoints/) is not a second exercise."""

from __future__ import annotations

import shutil
from pathlib import Path

from course.exercises.checks import exercise_files
from course.paths import data_dir


def test_the_editors_checkpoint_copy_is_not_read_as_an_exercise(tmp_path: Path) -> None:
    source = data_dir() / "exercises" / "03_the_case_of_jane_and_susan"
    folder = tmp_path / "exercises" / source.name
    shutil.copytree(source, folder)
    hidden = folder / ".ipynb_checkpoints"
    hidden.mkdir()
    first = sorted(folder.glob("*.yaml"))[0]
    shutil.copy(first, hidden / f"{first.stem}-checkpoint.yaml")
    found = exercise_files(tmp_path / "exercises")
    assert found == sorted(folder.glob("*.yaml"))
    assert not any(".ipynb_checkpoints" in p.parts for p in found)
