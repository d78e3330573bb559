"""The course as a JupyterLite site (``make lite``): JupyterLab and Python running in the browser.

``course lite`` (what ``make lite`` runs) writes ``build/lite/``: the notebooks (learner copies, each with one
setup cell that installs the course into the browser's Python), the course as a pure-Python wheel
with its content inside (served from the site's own ``pypi/`` folder), and JupyterLite with the
Pyodide kernel. The build itself is offline. At run time the site is NOT offline: the browser
fetches Pyodide (Python compiled to WebAssembly) and the packages the course needs (matplotlib,
pydantic, PyYAML, ipywidgets, ...) from public CDNs and PyPI, so learners need a connection.
Answers are not kept between visits (see ``course.progress.current``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from ..learner_copy import build_dir, course_notebooks, read_learner_copy
from .wheel import DIST, build_wheel

SETUP_TAG = "lite-setup"
SETUP_SOURCE = (
    "# JupyterLite only: install the course into this browser tab (needs a connection).\n"
    f'import piplite\nawait piplite.install("{DIST}")'
)
DISABLED_EXTENSIONS = ["@voila-dashboards/jupyterlab-preview"]  # no Voilà server in the browser


def site_dir() -> Path:
    """``build/lite/``: the site to publish (any static web server will do)."""
    return build_dir() / "lite"


def with_setup_cell(nb: Any) -> Any:
    """The notebook with the setup cell before its first code cell (unchanged if it has no code)."""
    import nbformat

    first = next((i for i, c in enumerate(nb.cells) if c.get("cell_type") == "code"), None)
    if first is not None:
        cell = nbformat.v4.new_code_cell(SETUP_SOURCE)
        cell.metadata["tags"] = [SETUP_TAG]
        nb.cells.insert(first, cell)
    nb.metadata["kernelspec"] = {"name": "python", "display_name": "Python (Pyodide)", "language": "python"}
    return nb


def stage(work: Path, source: Path | None = None) -> tuple[Path, Path, Path]:
    """Write the inputs of ``jupyter lite build`` into ``work``: (lite dir, contents, wheel)."""
    import nbformat

    if work.exists():
        shutil.rmtree(work)
    lite_dir, contents, wheels = work / "lite-dir", work / "contents", work / "wheels"
    for folder in (lite_dir, contents, wheels):
        folder.mkdir(parents=True)
    notebooks = course_notebooks(source)
    if not notebooks:
        raise FileNotFoundError(f"no notebooks found in {source or 'notebooks/'}")
    for path in notebooks:
        nbformat.write(with_setup_cell(read_learner_copy(path)), str(contents / path.name))
    config = {
        "jupyter-config-data": {"appName": "The case of Jane and Susan", "disabledExtensions": DISABLED_EXTENSIONS}
    }
    (lite_dir / "jupyter-lite.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    return lite_dir, contents, build_wheel(wheels)


def build_command(lite_dir: Path, contents: Path, wheel: Path, output: Path) -> list[str]:
    """``jupyter lite build`` with the contents and the course wheel, run from this Python."""
    return [
        sys.executable,
        "-m",
        "jupyterlite_core",
        "build",
        f"--lite-dir={lite_dir}",
        f"--contents={contents}",
        f"--piplite-wheels={wheel}",
        f"--output-dir={output}",
    ]


def build_site(output: Path | None = None, source: Path | None = None, quiet: bool = False) -> Path:
    """Build the whole site into ``output`` (default ``build/lite/``); returns ``output``."""
    output = Path(output) if output is not None else site_dir()
    work = output.parent / f".{output.name}-src"
    lite_dir, contents, wheel = stage(work, source)
    if output.exists():
        shutil.rmtree(output)
    done = subprocess.run(
        build_command(lite_dir, contents, wheel, output), cwd=lite_dir, capture_output=quiet, text=True, check=False
    )
    if done.returncode != 0:
        tail = "\n".join(((done.stdout or "") + (done.stderr or "")).splitlines()[-20:])
        raise RuntimeError(f"jupyter lite build failed (exit {done.returncode}){': ' + tail if tail else ''}")
    return output
