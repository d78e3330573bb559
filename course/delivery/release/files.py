"""Which files a student release holds, and how each is written.

A learner's copy must install and run with ``make lab`` (Makefile, pyproject.toml, README.md, the
``course`` package, ``data/``, ``notebooks/``, and the JupyterLab settings in ``jupyter-config/`` that
``make lab`` and ``postBuild`` install), so those are copied; the instructor guide is not.
Notebooks lose every cell tagged ``instructor`` or ``solution`` (``course.delivery.learner_copy``), and
Markdown links to files the release does not hold keep their text but lose the link.
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ..learner_copy import is_instructor_notebook, learner_copy

SHIPPED: tuple[str, ...] = (
    ".gitignore",
    "LICENSE",
    "Makefile",
    "README.md",
    "conftest.py",
    "environment.yml",
    "postBuild",
    "pyproject.toml",
    "course",
    "data",
    "docs",
    "jupyter-config",
    "notebooks",
    "tools",
)
INSTRUCTOR_ONLY: frozenset[str] = frozenset({"docs/instructor-guide.md"})
NOT_SHIPPED_PARTS = frozenset({"__pycache__"})
NOT_SHIPPED_PATHS = frozenset({"course/_data"})  # a wheel build's copy of data/, answers in plain text
LINK = re.compile(r"(?<!!)\[([^\]\n]*)\]\(([^)\s]+)\)")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
README_NOTE = """> **Student release.** This copy of the course was written by `course release` from the instructor's
> repository. Facilitator notes, model answers and the instructor guide are left out, and the reference
> answers in `data/exercises/` are stored as salted hashes; exercises are still checked, with their
> feedback, hints and "Show answer" (reflections have no model answer here). `make lab` opens the course,
> `make validate` checks the content and `make notebooks` runs every notebook; the unit and browser tests
> (`make test`) stay in the instructor's repository.

"""


def shipped_files(root: Path) -> list[str]:
    """Paths (relative, with '/') of every file the release holds, sorted."""
    out: list[str] = []
    for name in SHIPPED:
        path = root / name
        if path.is_file():
            out.append(name)
        elif path.is_dir():
            out += [p.relative_to(root).as_posix() for p in path.rglob("*") if p.is_file()]
    return sorted(rel for rel in out if _shipped(rel) and not _instructor_notebook(root / rel))


def _instructor_notebook(path: Path) -> bool:
    """A notebook tagged ``instructor`` as a whole (e.g. the class view) is never shipped."""
    if path.suffix != ".ipynb":
        return False
    import nbformat

    return is_instructor_notebook(nbformat.read(str(path), as_version=4))


def _shipped(rel: str) -> bool:
    if rel in INSTRUCTOR_ONLY or rel.endswith((".pyc", ".pyo")):
        return False
    if any(rel == p or rel.startswith(p + "/") for p in NOT_SHIPPED_PATHS):
        return False
    inner = rel.split("/")[1:]  # names below a shipped top-level folder: no caches, no hidden files
    return not any(part in NOT_SHIPPED_PARTS or part.startswith(".") for part in inner)


@lru_cache(maxsize=8)
def _folders(shipped: frozenset[str]) -> frozenset[str]:
    out = {""}
    for rel in shipped:
        parts = rel.split("/")[:-1]
        out |= {"/".join(parts[:i]) for i in range(1, len(parts) + 1)}
    return frozenset(out)


def unlink_missing(markdown: str, rel: str, shipped: frozenset[str]) -> str:
    """``markdown`` (a file or cell at ``rel``) with links to files outside ``shipped`` made plain text."""
    folders = _folders(shipped)

    def swap(match: re.Match[str]) -> str:
        target = match.group(2)
        if SCHEME.match(target) or target.startswith("#"):
            return match.group(0)
        file = unquote(target.split("#", 1)[0].split("?", 1)[0])
        path = posixpath.normpath(posixpath.join(posixpath.dirname(rel), file)) if file else rel
        return match.group(0) if path in shipped or path in folders else match.group(1)

    return LINK.sub(swap, markdown)


def learner_notebook(source: Path, rel: str, shipped: frozenset[str]) -> tuple[str, int]:
    """(text of the learner copy of a notebook, number of instructor cells removed)."""
    import nbformat

    nb = nbformat.read(str(source), as_version=4)
    copy: Any = learner_copy(nb)
    for cell in copy.cells:
        if cell.cell_type == "markdown":
            cell.source = unlink_missing(cell.source, rel, shipped)
    text = nbformat.writes(copy)
    return (text if text.endswith("\n") else text + "\n"), len(nb.cells) - len(copy.cells)


def learner_markdown(source: Path, rel: str, shipped: frozenset[str]) -> str:
    """A Markdown file's text with dead links unlinked; README.md also says it is a student release."""
    text = unlink_missing(source.read_text(encoding="utf-8"), rel, shipped)
    if rel == "README.md":
        at = text.find("\n## ")
        text = text + "\n" + README_NOTE if at < 0 else text[: at + 1] + README_NOTE + text[at + 1 :]
    return text


VERIFY_KEY = re.compile(r"^(?P<indent>[ \t]*)(?:- )?verify:(?:[ \t].*)?$")
VERIFY_COMMENT = re.compile(r"^(?P<indent>[ \t]*)#.*\bverify\b", re.IGNORECASE)


def without_verify_notes(text: str) -> str:
    """A data file's text without its ``verify:`` notes (the field, and comments that mention it).

    Those notes say what the course has not yet checked; they are for instructors
    (``course validate --sources``), and learners never see them. Every model treats a missing
    ``verify`` as "nothing to check", so the file stays valid. The rest of the text is kept as written.
    """
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        key = VERIFY_KEY.match(line.rstrip("\r\n"))
        comment = VERIFY_COMMENT.match(line)
        if key or comment:
            indent = len((key or comment).group("indent").expandtabs())
            i += 1
            # the note's continuation: lines indented deeper (a block scalar), or comment lines that follow
            while i < len(lines) and lines[i].strip():
                deeper = len(lines[i]) - len(lines[i].lstrip(" ")) > indent
                if (key and deeper) or (comment and lines[i].lstrip().startswith("#") and deeper):
                    i += 1
                    continue
                break
            continue
        out.append(line)
        i += 1
    return "".join(out)
