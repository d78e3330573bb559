"""A content folder with the minimal course data and the two well-formed fixture forms of the test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MINIMAL = FIXTURES / "good" / "minimal-data"
GOOD_FORMS = FIXTURES / "judgement" / "good"
BAD_FORMS = FIXTURES / "judgement" / "bad"


@pytest.fixture
def data_with_forms(tmp_path: Path) -> Path:
    """data/ with the minimal course and both fixture forms in data/judgement/."""
    target = tmp_path / "data"
    shutil.copytree(MINIMAL, target)
    shutil.copytree(GOOD_FORMS, target / "judgement")
    return target


@pytest.fixture
def forms(data_with_forms: Path, monkeypatch: pytest.MonkeyPatch):
    """The fixture forms, read the way the notebooks read them (``COURSE_DATA`` points at the copy)."""
    from course.judgement.forms import load_forms

    monkeypatch.setenv("COURSE_DATA", str(data_with_forms))
    found = load_forms()
    assert found.problems == [] and found.scorable
    return found
