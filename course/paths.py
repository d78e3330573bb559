"""Where the course's files live."""
from __future__ import annotations

import os
from pathlib import Path


def repo_root() -> Path:
    """The folder that holds ``course/``, ``data/`` and ``notebooks/``."""
    return Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The content folder; the ``COURSE_DATA`` environment variable overrides it."""
    override = os.environ.get("COURSE_DATA")
    return Path(override) if override else repo_root() / "data"


def notebooks_dir() -> Path:
    """The folder of course notebooks."""
    return repo_root() / "notebooks"


def display_path(path: Path) -> str:
    """A path as short as possible for messages: relative to the working folder when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
