"""The learner's own copy of the course that ``make lab`` opens, kept up to date without losing edits.

``make lab`` serves ``my-course/`` in the course folder (git ignores it; ``COURSE_LAB_DIR`` names another
folder), never the tracked ``notebooks/``: so a ``git pull`` never meets a learner's edits, and a
learner never sees instructor material (the copies are the learner copies the hub gives).

Each start brings the copy up to date with the course:

* a notebook the learner does not have (new in the course, or deleted to start over) is added;
* a notebook the course changed, that the learner has not edited, is replaced by the new version
  (running cells is not an edit: outputs are not compared);
* a notebook the course changed, that the learner has edited, is kept as it is, and the new version is
  put beside it as ``<name> (course update).ipynb``.

``.course-copy.json`` in the folder remembers what the course last gave for each notebook (a hash of
its cells' types and sources), which is how an edit is told from a course change.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..paths import notebooks_dir, repo_root
from .learner_copy import course_notebooks, is_instructor_notebook, learner_copy

FOLDER = "my-course"
MANIFEST = ".course-copy.json"
UPDATE_SUFFIX = " (course update)"


def lab_dir() -> Path:
    """Where the learner's copy lives: ``COURSE_LAB_DIR``, else ``my-course/`` in the course folder."""
    override = os.environ.get("COURSE_LAB_DIR")
    return Path(override).expanduser() if override else repo_root() / FOLDER


@dataclass
class CopyReport:
    """What one update of the learner's copy did, by notebook file name."""

    folder: Path
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    beside: dict[str, str] = field(default_factory=dict)  # learner's notebook -> the update put beside it

    def lines(self) -> list[str]:
        """Sentences for the learner, empty when nothing changed."""
        out = []
        if self.added:
            out.append(f"Added to your copy: {', '.join(self.added)}.")
        if self.updated:
            out.append(f"Updated (you had not changed them): {', '.join(self.updated)}.")
        for mine, new in self.beside.items():
            out.append(f"The course changed {mine}, which you have edited: yours is kept, the new version is {new}.")
        return out


def fingerprint(nb: Any) -> str:
    """A hash of the notebook's cell types and sources: what a learner edits, not outputs or metadata."""
    cells = [[cell.get("cell_type", ""), _source(cell)] for cell in nb.get("cells", [])]
    return hashlib.sha256(json.dumps(cells, ensure_ascii=False).encode("utf-8")).hexdigest()


def _source(cell: Any) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _read_fingerprint(path: Path) -> str | None:
    """The fingerprint of the notebook file at ``path``, or None when it cannot be read as a notebook."""
    try:
        return fingerprint(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, AttributeError):
        return None


def _read_manifest(folder: Path) -> dict[str, str]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    given = data.get("notebooks") if isinstance(data, dict) else None
    return {str(k): str(v) for k, v in given.items()} if isinstance(given, dict) else {}


def _write_manifest(folder: Path, given: dict[str, str]) -> None:
    tmp = folder / f"{MANIFEST}.tmp"
    tmp.write_text(json.dumps({"notebooks": dict(sorted(given.items()))}, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, folder / MANIFEST)


def _write(path: Path, text: str) -> None:
    """Write a notebook file whole (a new name, then renamed into place)."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _update_name(folder: Path, name: str, offered: str | None) -> Path:
    """Where the course's new version of ``name`` goes beside the learner's: ``<stem> (course update).ipynb``,
    reused while it still holds an unedited earlier offer, else the first free ``(course update N)``."""
    stem = name[: -len(".ipynb")]
    for n in range(1, 1000):
        candidate = folder / f"{stem}{UPDATE_SUFFIX if n == 1 else f' (course update {n})'}.ipynb"
        if not candidate.exists() or (offered is not None and _read_fingerprint(candidate) == offered):
            return candidate
    raise OSError(f"{folder}: too many course updates beside {name}; remove some")


def update_copy(folder: Path | None = None, source: Path | None = None) -> CopyReport:
    """Bring the learner's copy in ``folder`` up to date with the course notebooks in ``source``.

    Never overwrites a notebook the learner has edited; see the module's docstring for the rules.
    """
    import nbformat

    folder = Path(folder) if folder is not None else lab_dir()
    source = Path(source) if source is not None else notebooks_dir()
    folder.mkdir(parents=True, exist_ok=True)
    given = _read_manifest(folder)
    report = CopyReport(folder)
    for path in course_notebooks(source):
        nb = nbformat.read(str(path), as_version=4)
        if is_instructor_notebook(nb):
            continue
        copy = learner_copy(nb)
        new = fingerprint(copy)
        name, target = path.name, folder / path.name
        if not target.exists():
            _write(target, nbformat.writes(copy))
            report.added.append(name)
        elif new != given.get(name):
            mine = _read_fingerprint(target)
            if mine == new:
                pass  # the learner's copy already has the course's text
            elif name in given and mine == given[name]:
                _write(target, nbformat.writes(copy))
                report.updated.append(name)
            else:
                offered = given.get(f"{name}{UPDATE_SUFFIX}")
                beside = _update_name(folder, name, offered)
                _write(beside, nbformat.writes(copy))
                given[f"{name}{UPDATE_SUFFIX}"] = new
                report.beside[name] = beside.name
        given[name] = new
    _write_manifest(folder, given)
    return report
