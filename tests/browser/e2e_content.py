"""What the exercise browser tests serve besides the course: generated notebooks and fixture specs.

The course's own folders are never touched. At session start the ``server`` fixture (conftest.py)

* copies ``data/`` to a temporary folder and adds the fixture specs of ``tests/browser/fixtures/
  exercises/`` to its ``exercises/examples/`` (the only folder where a spec with ``notebook: examples``
  passes ``course validate``: a spec must sit in the folder named after its notebook), then points
  the kernels at it with ``COURSE_DATA``;
* writes the notebooks below into ``_e2e/`` next to the copy of ``notebooks/`` it serves. Every
  code cell shows one exercise: ``import course`` then ``course.exercise("<id>")``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
FIXTURE_SPECS = HERE / "fixtures" / "exercises"
E2E_DIR = "_e2e"  # sub-folder of the served root holding the generated notebooks

# One example exercise per type (data/exercises/examples/).
EXAMPLES: dict[str, str] = {
    "single-choice": "example-friendship-request",
    "multiple-select": "example-rupture-markers",
    "ordering": "example-repair-stages",
    "categorize": "example-crossing-or-violation",
    "rating": "example-transference-ratings",
    "decision": "example-refusal-decision",
    "reflection": "example-susans-feelings",
}
INJECTION = ("e2e-injection", "e2e-injection-decision")
# Decision points of the course's own notebooks, answered in the browser besides the example.
COURSE_DECISIONS: dict[str, str] = {"decision-ch09": "ch09-telling-jane"}

# Notebook stem -> the exercise ids it shows, one per cell.
NOTEBOOKS: dict[str, tuple[str, ...]] = {
    **{kind: (ex_id,) for kind, ex_id in EXAMPLES.items()},
    "all-types": tuple(EXAMPLES.values()),
    "injection": INJECTION,
    **{stem: (ex_id,) for stem, ex_id in COURSE_DECISIONS.items()},
}


def notebook_path(stem: str) -> str:
    """Path of a generated notebook relative to the served root, as JupyterLab addresses it."""
    return f"{E2E_DIR}/{stem}.ipynb"


def cell_source(exercise_id: str) -> str:
    return f'import course\ncourse.exercise("{exercise_id}")'


def exercise_call(exercise_id: str) -> str:
    """Text that identifies the cell showing ``exercise_id`` (for ``lab.code_cell``)."""
    return f'exercise("{exercise_id}")'


def write_notebooks(dest: Path) -> Path:
    """Write every notebook of ``NOTEBOOKS`` into ``dest`` (created); returns ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for stem, ids in NOTEBOOKS.items():
        nb = nbformat.v4.new_notebook()
        nb.metadata = {
            "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        }
        nb.cells = [nbformat.v4.new_code_cell(cell_source(ex_id)) for ex_id in ids]
        for i, cell in enumerate(nb.cells):
            cell.id = f"e2e-{i}"  # stable ids: the files are byte-identical from run to run
        nbformat.write(nb, dest / f"{stem}.ipynb")
    return dest


def build_data(dest: Path, source: Path) -> Path:
    """A copy of the course's ``data/`` at ``dest`` with the fixture specs added; returns ``dest``."""
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    examples = dest / "exercises" / "examples"
    examples.mkdir(parents=True, exist_ok=True)
    for spec in sorted(FIXTURE_SPECS.glob("*.yaml")):
        target = examples / spec.name
        if target.exists():
            raise RuntimeError(f"{spec.name} would replace a course example in data/exercises/examples/")
        shutil.copyfile(spec, target)
    return dest
