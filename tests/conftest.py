"""Shared fixtures for the unit tests, among them a fresh progress store in a not-yet-existing folder
under tmp_path (for tests/progress/ and tests/classroom/)."""

from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from course.progress import ProgressStore

# Fixture notebooks and data are inputs to tests, never tests themselves.
collect_ignore_glob = ["fixtures/*"]

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def root_conftest(pytestconfig: pytest.Config) -> ModuleType:
    """The root conftest.py as this session loaded it (running it again would reset the session's settings)."""
    return pytestconfig.pluginmanager.get_plugin(str(REPO / "conftest.py"))


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "progress.sqlite3"


@pytest.fixture
def store(store_path: Path) -> Iterator[ProgressStore]:
    s = ProgressStore(store_path)
    yield s
    s.close()
