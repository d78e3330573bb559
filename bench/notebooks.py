"""#1: every notebook in notebooks/, executed by nbclient in a fresh kernel, against floor notebooks.

A floor notebook only imports matplotlib.pyplot and ipywidgets: what any notebook with a plot and a
widget pays. Each round runs course notebook 1, a floor notebook, course notebook 2, a floor
notebook ... so the totals of a round are compared under the same machine load. Every run gets a
fresh kernel and a fresh progress file (COURSE_PROGRESS), and its kernel works in a temporary copy
of notebooks/, so nothing is written into the repository.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient

from .report import Measure, say
from .stats import median

CELL_TIMEOUT = 300  # seconds per cell
FLOOR_CELLS = ("import matplotlib.pyplot", "import ipywidgets")


def course_notebooks(folder: Path) -> list[Path]:
    """Every notebook of the course, sorted: new notebooks are picked up as they are written."""
    return sorted(folder.glob("*.ipynb"))


def floor_notebook() -> Any:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in FLOOR_CELLS]
    return nb


def error_cells(nb: Any) -> list[int]:
    """Positions (1-based) of the cells that ended in an error."""
    return [
        i
        for i, cell in enumerate(nb.cells, 1)
        if cell.cell_type == "code" and any(out.get("output_type") == "error" for out in cell.get("outputs", []))
    ]


class Runner:
    """Runs notebooks in fresh kernels inside one temporary folder."""

    def __init__(self, source: Path, workdir: Path) -> None:
        self.workdir = workdir
        self.cwd = workdir / "notebooks"
        shutil.copytree(source, self.cwd, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        self.kernel_log = workdir / "kernels.log"
        self.count = 0

    def env(self) -> dict[str, str]:
        """The kernel's environment: a fresh progress file, no user IPython profile, inline plots."""
        self.count += 1
        env = dict(os.environ)
        env.pop("MPLBACKEND", None)
        env.update(
            COURSE_PROGRESS=str(self.workdir / f"progress-{self.count}.sqlite3"),
            IPYTHONDIR=str(self.workdir / "ipython"),
            JUPYTER_PLATFORM_DIRS="1",
        )
        return env

    def run(self, nb: Any) -> float:
        """Seconds from starting a kernel to its shutdown after the last cell."""
        client = NotebookClient(
            nb,
            kernel_name="python3",
            timeout=CELL_TIMEOUT,
            allow_errors=True,
            resources={"metadata": {"path": str(self.cwd)}},
        )
        env = self.env()
        with self.kernel_log.open("a") as log:
            start = time.perf_counter()
            client.execute(env=env, stderr=log)
            return time.perf_counter() - start


def measure(folder: Path, rounds: int) -> Measure:
    m = Measure(
        1,
        "Execute every notebook (nbclient, fresh kernel each), total per round",
        "s",
        "as many import-only notebooks",
        max_ratio=1.5,
    )
    paths = course_notebooks(folder)
    if not paths:
        raise RuntimeError(f"no notebooks in {folder}")
    per_notebook: dict[str, list[float]] = {p.name: [] for p in paths}
    floors: list[float] = []
    errors: dict[str, list[int]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-nb-") as tmp:
        runner = Runner(folder, Path(tmp))
        for r in range(1, rounds + 1):
            total = floor_total = 0.0
            for path in paths:
                nb = nbformat.read(path, as_version=4)
                seconds = runner.run(nb)
                floor_seconds = runner.run(floor_notebook())
                per_notebook[path.name].append(seconds)
                floors.append(floor_seconds)
                total += seconds
                floor_total += floor_seconds
                failed = error_cells(nb)
                if failed:
                    errors[path.name] = failed
            m.samples.append(total)
            m.floor_samples.append(floor_total)
            say(f"#1 round {r}/{rounds}: {len(paths)} notebooks {total:.1f} s, floors {floor_total:.1f} s")
    floor_one = median(floors)
    m.notes = {
        "notebooks": [p.name for p in paths],
        "rounds": rounds,
        "floor_cells": list(FLOOR_CELLS),
        "floor_one_notebook_median_s": round(floor_one, 3),
        "per_notebook_median_s": {name: round(median(s), 3) for name, s in per_notebook.items()},
        "per_notebook_ratio": {name: round(median(s) / floor_one, 2) for name, s in per_notebook.items()},
        "notebooks_with_error_cells": errors,
    }
    return m
