"""Fixtures for the progress store tests: a fresh store in a not-yet-existing folder under tmp_path."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from course.progress import ProgressStore


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "progress.sqlite3"


@pytest.fixture
def store(store_path: Path) -> Iterator[ProgressStore]:
    s = ProgressStore(store_path)
    yield s
    s.close()
