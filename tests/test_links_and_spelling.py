"""Internal links resolve, and the notebooks and data are spelled correctly."""

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import nbformat
import pytest

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
LINK = re.compile(r"\]\(([^)\s]+)\)")
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.M)


def anchors(path: Path) -> set[str]:
    """The anchors JupyterLab gives a notebook's markdown headings (text with spaces as hyphens)."""
    nb = nbformat.read(path, as_version=4)
    out = set()
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for heading in HEADING.findall(cell.source):
                text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)
                text = re.sub(r"[*_`]", "", text).strip()
                out.add(text.replace(" ", "-"))
    return out


def links(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    return [m for cell in nb.cells if cell.cell_type == "markdown" for m in LINK.findall(cell.source)]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_internal_links_resolve(notebook):
    broken = []
    for target in links(notebook):
        if re.match(r"^[a-z]+:", target):
            continue  # external links are not followed; there are few and none are needed to learn
        file, _, anchor = target.partition("#")
        dest = notebook.parent / unquote(file) if file else notebook
        if not dest.exists():
            broken.append(f"{target}: no such file")
        elif anchor and dest.suffix == ".ipynb" and unquote(anchor) not in anchors(dest):
            broken.append(f"{target}: no heading with that anchor in {dest.name}")
    assert not broken, f"{notebook.name}: " + "; ".join(broken)


def test_spelling_of_notebooks_and_data():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "codespell_lib",
            "--config",
            str(REPO / ".codespellrc"),
            "notebooks",
            "data",
            "README.md",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
