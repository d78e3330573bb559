"""Which exercises are reviewable, and marking one for review keeps learners' earlier answers current."""

from __future__ import annotations

from collections import Counter

from course.content import load_content
from course.exercises import load_spec
from course.exercises.spec import content_hash
from course.review.queue import reviewable


def test_marking_an_exercise_for_review_does_not_change_its_fingerprint() -> None:
    spec = load_spec("ch01-crossing-violation-sort")
    assert spec.review is True
    assert content_hash(spec) == content_hash(spec.model_copy(update={"review": False}))
    assert content_hash(spec) != content_hash(spec.model_copy(update={"title": spec.title + "!"}))


def test_every_chapter_has_a_short_application_item_to_review() -> None:
    content = load_content()
    specs = reviewable(content=content)
    per_notebook = Counter(s.notebook for s in specs)
    # the first notebook is the orientation and the last looks back on the case-judgement test: their exercises
    # are about using the course and reading one's own scores, not the course's content
    outside = {"00_start_here", "11_looking_back"}
    assert set(per_notebook) == {nb.id for nb in content.course.notebooks if nb.id not in outside}
    assert not [s.id for s in specs if s.type == "decision"]  # too long to come back as a review
    # a reflection would ask for the same personal answer again, with nothing to retrieve
    assert not [s.id for s in specs if s.type in ("reflection", "discussion")]
    order = [nb.id for nb in content.course.notebooks]
    assert [order.index(s.notebook) for s in specs] == sorted(order.index(s.notebook) for s in specs)
