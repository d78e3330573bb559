"""The class view's split of the paths at each conditional scene, from shared answers."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from course.classroom.class_view_html import scenes_html
from course.classroom.scene_split import scene_splits
from course.classroom.submission import Submission
from course.content import load_content

CANCEL = "ch03-first-cancellation"
REQUEST = "ch03-friendship-request"


def learner(name: str, *answers: tuple[str, Any]) -> Submission:
    rows = [
        {"exercise_id": ex, "answer": answer, "created_at": f"2026-12-0{i + 1}T10:00:00+00:00"}
        for i, (ex, answer) in enumerate(answers)
    ]
    return Submission(name, {"attempts": rows})


@pytest.fixture(scope="module")
def content() -> Any:
    return load_content()


def test_each_learner_is_counted_on_the_path_their_first_answer_leads_to(content: Any) -> None:
    class_ = [
        learner("a", (CANCEL, ["waive-now"])),
        # b tried again, perhaps after the recommended path was shown: the first answer counts
        learner("b", (CANCEL, ["waive-now"]), (CANCEL, ["ask-first", "note-and-follow"])),
        learner("c", (CANCEL, ["hold-and-explore", "insist"]), (REQUEST, ["coffee"])),
        learner("d", (CANCEL, ["rules-are-rules"]), (REQUEST, ["maybe-later", "explore-meaning"])),
        learner("e", ("ch01-after-therapy", "x")),  # answered neither: the default, counted apart
    ]
    splits = {s.event_id: s for s in scene_splits(class_, content)}
    rupture = splits["naming-the-enactment"]
    assert {p.variant: p.learners for p in rupture.paths} == {"fee-waived": 3, "frame-held": 1, "frame-as-verdict": 1}
    assert rupture.unanswered == 1 and rupture.exercises == [CANCEL]
    ending = splits["last-session"]
    assert {p.variant: p.learners for p in ending.paths} == {
        "warm-no": 3,
        "promised-later": 1,
        "rule-quoted": 0,
        "coffee": 1,
    }
    assert ending.unanswered == 3


def test_the_class_view_shows_the_split_as_tables(content: Any) -> None:
    splits = scene_splits([learner("a", (CANCEL, ["rules-are-rules"])), learner("b")], content)
    html = scenes_html(SimpleNamespace(scenes=splits))
    assert html.count("<table class='course-class-scene'") == 2
    assert (
        "<tr data-variant='frame-as-verdict'><th scope='row'>You held the rule as a verdict</th><td class='learners'>1</td>"
        in html
    )
    assert "1 learner(s) had not answered" in html and "2 learner(s) had not answered" in html
    # the ending is the course's own scene in every version; the rupture's default is the story's
    assert "(the story's path; also shown" in html.split("data-scene='last-session'")[0]
    assert (
        "(the course's scene closest to what Susan does in the published case; also shown"
        in html.split("data-scene='last-session'")[1]
    )
    assert scenes_html(SimpleNamespace(scenes=[])) == ""
