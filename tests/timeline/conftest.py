"""Fixtures for the timeline tests: a small valid case of our own, and the real case in data/."""

from __future__ import annotations

from pathlib import Path

import pytest

from course.content import read_content
from course.paths import data_dir

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "timeline" / "valid-small-case"
KEY_EVENTS = [
    "friendship-request",
    "refusal",
    "first-late-cancellation",
    "fee-waived",
    "second-late-cancellation",
    "supervision-enactment",
    "naming-the-enactment",
    "admitting-the-mistake",
    "core-issue-surfaces",
    "fee-agreement",
]
# The real case also marks the ending's central scene (notebook 09) as key, so that it gets real width.
REAL_KEY_EVENTS = KEY_EVENTS + ["left-for-someone-else"]


@pytest.fixture(scope="session")
def fixture_content():
    content, problems = read_content(FIXTURE)
    assert not problems, "\n".join(map(str, problems))
    return content


@pytest.fixture(scope="session")
def real_content():
    """The course's own data; skipped until it exists, failed if the vignette itself is broken."""
    root = data_dir()
    if not (root / "vignette" / "events.yaml").exists():
        pytest.skip("data/vignette/events.yaml does not exist yet")
    content, problems = read_content(root)
    vignette = [p for p in problems if "vignette" in p.file]
    assert not vignette, "\n".join(map(str, vignette))
    if content is None or problems:
        pytest.skip("data/ does not load yet: " + "; ".join(map(str, problems[:3])))
    return content


@pytest.fixture(scope="session", params=["fixture", "real"])
def content(request):
    """Each test that takes ``content`` runs on both cases."""
    return request.getfixturevalue(f"{request.param}_content")


@pytest.fixture(scope="session")
def plain(content):
    """The plain timeline (no overlays), drawn once per case."""
    from course.timeline import plot_timeline

    result = plot_timeline(content=content)
    result.figure.canvas.draw()
    return result


@pytest.fixture(scope="session")
def full(content):
    """Every overlay at once, drawn once per case."""
    from course.timeline import plot_timeline

    rated = [e.id for e in content.events if e.ratings is not None]
    learner = {eid: 0 for eid in rated[:4]}
    klass = [{eid: v for eid in rated} for v in (-1, 0, 1, 2)]
    result = plot_timeline(
        content=content, learner=learner, class_ratings=klass, held_frame=True, highlight=rated[len(rated) // 2]
    )
    result.figure.canvas.draw()
    return result


@pytest.fixture(scope="session")
def lines():
    """lines(result, prefix): Line2D artists whose gid starts with ``prefix``, by gid."""

    def find(result, prefix):
        return {
            ln.get_gid(): ln
            for ax in result.figure.axes
            for ln in ax.get_lines()
            if (ln.get_gid() or "").startswith(prefix)
        }

    return find
