"""#2: ``python -c "import course"`` against ``python -c "import ipywidgets"``, fresh processes, interleaved."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time

from .report import Measure
from .stats import alternate

RUNS = 15


def start(module: str, cwd: str) -> float:
    """Seconds for a new interpreter to import ``module`` and exit."""
    begin = time.perf_counter()
    subprocess.run([sys.executable, "-c", f"import {module}"], cwd=cwd, check=True)
    return time.perf_counter() - begin


def measure(runs: int = RUNS) -> Measure:
    m = Measure(2, 'python -c "import course" (new process)', "ms", 'python -c "import ipywidgets"', max_ratio=1.2)
    # Outside the repository, so `course` is found the way a kernel finds it (installed, editable).
    with tempfile.TemporaryDirectory(prefix="bench-import-") as cwd:
        m.samples, m.floor_samples = alternate(
            lambda: start("course", cwd), lambda: start("ipywidgets", cwd), rounds=runs, warmup=2
        )
    m.notes = {"runs_each": runs, "warmup_pairs": 2, "python": sys.executable}
    return m
