"""Shared fixtures for the unit tests."""
from pathlib import Path

import pytest

# Fixture notebooks and data are inputs to tests, never tests themselves.
collect_ignore_glob = ["fixtures/*"]

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO
