"""Fixtures of the exercise tests: each starts from an empty progress store (after the parent
folder's ``_fresh_lab`` has shut every kernel down), so no test sees another's saved answers.

(test_exercise_a11y.py shares one page across its tests and overrides both fixtures.)"""

from __future__ import annotations

import pytest

from ..lab import LabServer


@pytest.fixture(autouse=True)
def _fresh_progress(server: LabServer, _fresh_lab: None) -> None:
    server.reset_progress()
