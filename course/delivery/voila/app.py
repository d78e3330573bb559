"""The course as a self-study web app: Voilà shows every notebook's text, plots and widgets, no code.

``course app`` (what ``make app`` runs) copies the notebooks into ``build/app/`` without
instructor material, writes a landing page (``index.ipynb``) that links the chapters in course
order, and starts Voilà on 127.0.0.1. ``/`` opens the landing page. Answers are saved in the
learner's progress store, exactly as in JupyterLab.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

from ...content import load_content
from ...problems import ContentError
from ..audience import for_delivery
from ..learner_copy import build_dir, course_notebooks, read_learner_copy

LANDING = "index.ipynb"
DEFAULT_PORT = 8866
DENIED_EXTENSIONS = ("@jupyterlite/pyodide-kernel-extension",)


def app_dir() -> Path:
    """Where the app's copy of the notebooks goes: ``build/app/``."""
    return build_dir() / "app"


def _chapters(names: list[str]) -> tuple[str, list[tuple[str, str, str]]]:
    """(course title, [(file name, title, one-line description)]) in course order; files that the
    course map does not list (e.g. the glossary) follow, by name."""
    title, rows, listed = "The case of Jane and Susan", [], set()
    try:
        content = load_content()
        title = content.course.title
        for info in content.course.notebooks:
            if info.filename in names:
                note = f"  \n  *Content note:* {info.content_note.strip()}" if info.content_note else ""
                rows.append((info.filename, info.title, f"About {info.minutes} minutes. {info.summary}{note}"))
                listed.add(info.filename)
    except (ContentError, OSError):  # `course validate` reports content problems; the files are still listed
        rows, listed = [], set()
    for name in names:
        if name not in listed:
            label = Path(name).stem.replace("_", " ").strip().capitalize()
            rows.append((name, label, ""))
    return title, rows


def landing_notebook(names: list[str]) -> Any:
    """The landing page: Markdown only, one link per chapter (relative, so it works under any prefix)."""
    import nbformat

    title, rows = _chapters(names)
    lines = [f"- **[{label}]({name})**" + (f"  \n  {about}" if about else "") for name, label, about in rows]
    cells = [
        nbformat.v4.new_markdown_cell(
            f"# {title}\n\nA self-study version of the course. Read, answer the "
            "exercises and explore the plots; no code is shown. Start with "
            "*Start here*, then take the chapters in order."
        ),
        nbformat.v4.new_markdown_cell("## Chapters\n\n" + "\n".join(lines)),
        nbformat.v4.new_markdown_cell(
            "## Your answers\n\nYour answers are saved in a progress file on the computer that runs this "
            "app (the same file JupyterLab uses), never in the notebooks and never sent anywhere. The case "
            "of Jane and Susan is fictional and written for teaching."
        ),
    ]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    return nb


def stage(dest: Path | None = None, source: Path | None = None) -> Path:
    """Fill ``dest`` (default ``build/app/``) with the app's learner copies of the notebooks and the landing page.

    Other files next to the notebooks (images) are copied as they are. Returns ``dest``.
    """
    import nbformat

    dest = Path(dest) if dest is not None else app_dir()
    notebooks = course_notebooks(source)
    if not notebooks:
        raise FileNotFoundError(f"no notebooks found in {source or 'notebooks/'}")
    src_dir = notebooks[0].parent
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(src_dir, dest, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "*.ipynb", "__pycache__"))
    for path in notebooks:
        nbformat.write(for_delivery(read_learner_copy(path), "app"), str(dest / path.name))
    nbformat.write(landing_notebook([p.name for p in notebooks]), str(dest / LANDING))
    return dest


def server_command(root: Path, port: int = DEFAULT_PORT, open_browser: bool = True) -> list[str]:
    """Arguments that start Voilà on 127.0.0.1, serving ``root`` with ``/`` leading to the landing page."""
    cmd = [sys.executable, "-m", "course.delivery.voila.server", str(root), f"--port={port}", "--Voila.ip=127.0.0.1"]
    # The JupyterLite kernel's extension (the `lite` extra) cannot load in Voila's page: leave it out.
    cmd += [f"--VoilaConfiguration.extension_denylist={name}" for name in DENIED_EXTENSIONS]
    if not open_browser:
        cmd.append("--no-browser")
    return cmd
