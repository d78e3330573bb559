"""Where the course's files live."""

from __future__ import annotations

import os
from pathlib import Path


def repo_root() -> Path:
    """The folder that holds ``course/``, ``data/`` and ``notebooks/``."""
    return Path(__file__).resolve().parent.parent


def packaged_data_dir() -> Path:
    """The copy of ``data/`` shipped inside the course wheel (JupyterLite); absent in a checkout."""
    return Path(__file__).resolve().parent / "_data"


def data_dir() -> Path:
    """The content folder; the ``COURSE_DATA`` environment variable overrides it.

    In a checkout it is the repository's ``data/``; where that does not exist (the course installed
    from its wheel, e.g. under Pyodide) the packaged copy is used.
    """
    override = os.environ.get("COURSE_DATA")
    if override:
        return Path(override)
    repo_data = repo_root() / "data"
    if not repo_data.is_dir() and packaged_data_dir().is_dir():
        return packaged_data_dir()
    return repo_data


def notebooks_dir() -> Path:
    """The folder of course notebooks."""
    return repo_root() / "notebooks"


def display_path(path: Path) -> str:
    """A path as short as possible for messages: relative to the working folder when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
