"""Shared fixtures for the exercise-engine tests: a small stand-in for the course content, the real
content, and helpers to build specs and views without any files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
EXERCISES = REPO / "data" / "exercises"
BAD = REPO / "tests" / "fixtures" / "bad"


@dataclass
class StubEvent:
    id: str
    title: str
    ratings: dict[str, int] | None

    def rating(self, dimension: str) -> int | None:
        return self.ratings[dimension] if self.ratings else None


def _event(event_id: str, transference: int | None) -> StubEvent:
    title = event_id.replace("-", " ").capitalize()
    ratings = None if transference is None else {"transference": transference, "alliance": 0, "stance": 0}
    return StubEvent(event_id, title, ratings)


def make_stub_content() -> Any:
    """Just what the exercise checks read: events, codes, terms, objectives and notebooks."""
    events = [
        _event("move-to-new-york", None),
        _event("friendship-request", 3),
        _event("refusal", 2),
        _event("first-late-cancellation", -1),
        _event("fee-waived", -1),
        _event("second-late-cancellation", -2),
        _event("supervision-enactment", -2),
        _event("naming-the-enactment", -3),
        _event("admitting-the-mistake", -1),
        _event("core-issue-surfaces", 0),
        _event("fee-agreement", 1),
    ]
    codes = {c: None for c in ("apa-3.05", "apa-3.08", "apa-6.04", "aca-a.6.b", "aca-a.6.d", "nasw-1.06")}
    terms = {
        t: None
        for t in (
            "boundary-crossing",
            "boundary-violation",
            "idealizing-transference",
            "rupture-marker",
            "countertransference",
            "supervision",
        )
    }
    notebooks = [SimpleNamespace(id="01_codes_and_boundaries"), SimpleNamespace(id="05_rupture_and_repair")]
    objectives = {"codes-crossing-violation": None, "rupture-markers": None}
    return SimpleNamespace(
        events=events, codes=codes, terms=terms, objectives=objectives, course=SimpleNamespace(notebooks=notebooks)
    )


@pytest.fixture(scope="session")
def stub_content() -> Any:
    return make_stub_content()


@pytest.fixture(scope="session")
def real_content() -> Any:
    from course.content import read_content

    content, problems = read_content(REPO / "data")
    assert content is not None and not problems, "data/ has problems:\n" + "\n".join(map(str, problems))
    return content


def base_fields(**extra: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "id": "test-exercise",
        "title": "A test exercise",
        "notebook": "examples",
        "prompt": "Choose **one**.",
        "hints": ["First hint.", "Second hint."],
        "reveal": {"after_attempts": 3, "on_request": True},
    }
    fields.update(extra)
    return fields


def single_choice_spec(**extra: Any) -> Any:
    """A small single-choice spec built in memory."""
    from course.exercises.spec import SingleChoice

    data = base_fields(
        type="single-choice",
        options=[
            {"id": "a", "text": "Option A (APA)", "feedback": "Feedback for A."},
            {"id": "b", "text": "Option B (NASW)", "feedback": "Feedback for B."},
            {"id": "c", "text": "Option C", "feedback": "Feedback for C."},
        ],
        answer="b",
        fixtures=[{"answer": "a", "feedback": "Feedback for A."}, {"answer": "c", "feedback": "Feedback for C."}],
    )
    data.update(extra)
    return SingleChoice.model_validate(data)


def view_of(spec: Any, store: Any = None) -> Any:
    from course.exercises.widgets import build_view
    from course.progress.memory_store import MemoryProgress

    return build_view(spec, store if store is not None else MemoryProgress())
