"""What every delivery channel (Voilà app, HTML handouts, JupyterLite site) shares.

Learners never see instructor material: cells tagged ``instructor`` or ``solution`` are dropped from
every copy made here, and a notebook tagged ``instructor`` as a whole (in its metadata, like the class
view in ``notebooks/instructor/``) is never given to learners. The source notebooks in ``notebooks/``
are never written to.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..paths import notebooks_dir, repo_root

HIDDEN_TAGS = frozenset({"instructor", "solution"})
_NOTEBOOK_HREF = r"([A-Za-z0-9_\-]+)\.ipynb(#[^)\s]*)?"
_NOTEBOOK_LINK = re.compile(rf"\]\({_NOTEBOOK_HREF}\)")
_NOTEBOOK_TARGET = re.compile(_NOTEBOOK_HREF)


def build_dir() -> Path:
    """``build/`` in the repository (git-ignored): every generated delivery goes below it."""
    return repo_root() / "build"


def course_notebooks(folder: Path | None = None) -> list[Path]:
    """Every notebook of the course, sorted by file name (chapters other authors add are picked up)."""
    folder = Path(folder) if folder is not None else notebooks_dir()
    return sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))


def is_hidden(cell: Any) -> bool:
    """True for a cell tagged ``instructor`` or ``solution``."""
    tags = cell.get("metadata", {}).get("tags", []) or []
    return any(str(tag).strip().lower() in HIDDEN_TAGS for tag in tags)


def is_instructor_notebook(nb: Any) -> bool:
    """True for a notebook tagged ``instructor`` in its own metadata: for instructors only, as a whole."""
    tags = nb.get("metadata", {}).get("tags", []) or []
    return any(str(tag).strip().lower() == "instructor" for tag in tags)


def learner_copy(nb: Any) -> Any:
    """A copy of the notebook without instructor material and without outputs."""
    import copy

    out = copy.deepcopy(nb)
    out.cells = [cell for cell in out.cells if not is_hidden(cell)]
    for cell in out.cells:
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    out.metadata.pop("widgets", None)
    return out


def read_learner_copy(path: Path) -> Any:
    """``learner_copy`` of the notebook file at ``path``."""
    import nbformat

    return learner_copy(nbformat.read(str(path), as_version=4))


def relink(markdown: str, suffix: str, known: set[str]) -> str:
    """Point Markdown links to course notebooks (``x.ipynb#A``) at ``x<suffix>#A`` instead."""

    def swap(match: re.Match[str]) -> str:
        stem, anchor = match.group(1), match.group(2) or ""
        return f"]({stem}{suffix}{anchor})" if stem in known else match.group(0)

    return _NOTEBOOK_LINK.sub(swap, markdown)


def relink_target(href: str, suffix: str, known: set[str]) -> str:
    """One link target: ``x.ipynb#A`` becomes ``x<suffix>#A`` for a course notebook; anything else is kept."""
    match = _NOTEBOOK_TARGET.fullmatch(href)
    if match is None or match.group(1) not in known:
        return href
    return f"{match.group(1)}{suffix}{match.group(2) or ''}"
