"""Choices that come back: conditions on earlier answers, the variant each learner meets, and the card."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from course.authoring.conditions_check import choice_ids
from course.content import load_content
from course.exercises import conditions
from course.progress import MemoryProgress
from course.progress.errors import ProgressStoreError

CANCEL = "ch03-first-cancellation"
REQUEST = "ch03-friendship-request"


@pytest.fixture(scope="module")
def content() -> Any:
    return load_content()


def test_a_condition_holds_for_a_choice_anywhere_on_the_path() -> None:
    when = {CANCEL: ["waive-now", "drop-fee-too"]}
    assert conditions.holds(when, {CANCEL: ["waive-now"]})
    assert conditions.holds(when, {CANCEL: ["hold-and-explore", "drop-fee-too"]})
    assert not conditions.holds(when, {CANCEL: ["hold-and-explore", "note-and-follow"]})


def test_a_condition_reads_single_choices_and_selections() -> None:
    assert conditions.holds({"q": "b"}, {"q": "b"})
    assert not conditions.holds({"q": "b"}, {"q": "a"})
    assert conditions.holds({"q": ["a", "c"]}, {"q": ["c", "d"]})


def test_every_exercise_a_condition_names_must_match() -> None:
    when = {CANCEL: "waive-now", REQUEST: "coffee"}
    assert conditions.holds(when, {CANCEL: ["waive-now"], REQUEST: ["coffee"]})
    assert not conditions.holds(when, {CANCEL: ["waive-now"]})
    assert not conditions.holds(when, {CANCEL: ["waive-now"], REQUEST: ["validate-and-hold", "explore-meaning"]})


@pytest.mark.parametrize("answer", [None, 3, {"waive-now": True}, [["waive-now"]], ""])
def test_an_answer_of_another_shape_chooses_nothing(answer: Any) -> None:
    assert not conditions.holds({CANCEL: "waive-now"}, {CANCEL: answer})


def test_an_empty_condition_never_holds() -> None:
    assert not conditions.holds({}, {CANCEL: ["waive-now"]})
    assert not conditions.holds(None, {CANCEL: ["waive-now"]})


def test_the_first_variant_that_holds_is_chosen_else_the_default() -> None:
    ordered = [{CANCEL: "drop-fee-too"}, {CANCEL: "hold-and-explore"}, None]
    assert conditions.choose_index(ordered, 2, {CANCEL: ["hold-and-explore", "drop-fee-too"]}) == 0
    assert conditions.choose_index(ordered, 2, {CANCEL: ["hold-and-explore", "note-and-follow"]}) == 1
    assert conditions.choose_index(ordered, 2, {}) == 2
    assert conditions.choose_index(ordered, 2, {CANCEL: ["rules-are-rules"]}) == 2


def test_the_first_answer_in_the_store_counts_not_a_later_try() -> None:
    """The reply the learner reached for, not the recommended path they may have chosen after seeing it."""
    store = MemoryProgress()
    store.record_attempt("something-else", "h", "x", 0, 1, "")
    store.record_attempt(CANCEL, "h", ["waive-now"], 0, 1, "")
    store.record_attempt(CANCEL, "h", ["ask-first", "note-and-follow"], 1, 1, "")
    assert conditions.answers_from(store, [CANCEL, REQUEST]) == {CANCEL: ["waive-now"]}


def test_a_store_that_cannot_be_read_leads_to_the_default() -> None:
    class Broken(MemoryProgress):
        def attempts(self, exercise_id: str | None = None) -> Any:
            raise ProgressStoreError("The progress file cannot be read.")

    assert conditions.answers_from(Broken(), [CANCEL]) == {}


def test_choice_ids_are_read_from_each_kind_of_exercise() -> None:
    decision = {"type": "decision", "nodes": [{"choices": [{"id": "a"}, {"id": "b"}]}, {"choices": [{"id": "c"}]}]}
    assert choice_ids(decision) == {"a", "b", "c"}
    assert choice_ids({"type": "single-choice", "options": [{"id": "x"}, {"id": "y"}]}) == {"x", "y"}
    assert choice_ids({"type": "reflection"}) is None
    assert choice_ids(["not", "a", "spec"]) is None


# --- the scenes of the case -----------------------------------------------------------------------


def _title_and_box(html: str) -> tuple[str, str]:
    title = unescape(re.sub("<[^>]+>", "", re.search(r"<h4>(.*?)</h4>", html, re.S).group(1)))
    box = unescape(re.sub("<[^>]+>", " ", html[html.index(">", html.index("course-paths")) + 1 :]))
    return title, " ".join(box.split())


@pytest.mark.parametrize(
    ("path", "title", "mine"),
    [
        (["waive-now"], "Susan raises the cancellations", "You let the fee go, as Susan did (the story's path)"),
        (["hold-and-explore", "drop-fee-too"], "Susan raises the cancellations", "You let the fee go"),
        (["hold-and-explore", "note-and-follow"], "Jane says it to Susan's face", "(the course's invention)"),
        (
            ["ask-first", "insist"],
            "Jane says it to Susan's face",
            "or took the fee to supervision, and asked about Monday",
        ),
        (["rules-are-rules"], "The rupture that makes no noise", "You held the rule as a verdict"),
    ],
)
def test_the_rupture_opens_after_the_learners_own_choice(content: Any, path: list[str], title: str, mine: str) -> None:
    from course.displays.scene_paths import conditional_card

    html = conditional_card(content.event("naming-the-enactment"), content, {CANCEL: path})
    shown, box = _title_and_box(html)
    assert shown.startswith(title)
    assert ("course's invention" in shown) == (title != "Susan raises the cancellations")
    assert box.startswith("Your path: ") and mine in box.split("The other paths")[0]
    others = box.split("The other paths")[1]
    assert others.count("(the story's path)") + others.count("(the course's invention)") == 2


@pytest.mark.parametrize(
    ("path", "variant"),
    [
        (["validate-and-hold", "explore-meaning"], "warm-no"),
        (["validate-and-hold", "ask-supervisor"], "promised-later"),  # the second reply left a door open
        (["validate-and-hold", "close-it-down"], "rule-quoted"),  # the second reply closed the subject
        (["maybe-later", "close-it-down"], "promised-later"),
        (["rule-only", "explore-meaning"], "rule-quoted"),
        (["coffee"], "coffee"),
    ],
)
def test_the_ending_follows_the_second_reply_too(content: Any, path: list[str], variant: str) -> None:
    event = content.event("last-session")
    assert event.variants[conditions.choose(event.variants, {REQUEST: path})].id == variant


def test_a_learner_who_skipped_the_choice_meets_the_story(content: Any) -> None:
    from course.displays.scene_paths import conditional_card

    html = conditional_card(content.event("last-session"), content, {})
    shown, box = _title_and_box(html)
    assert shown == content.event("last-session").title + " · added by the course"
    assert box.startswith("No answer of yours to “Decision point: Jane asks to be friends”")
    assert "so this is the course's scene closest to what Susan does in the published case." in box
    assert "Your path" not in box


def test_every_path_of_a_scene_the_course_added_is_tagged_as_the_courses_own(content: Any) -> None:
    """The last session is the course's own in every version: no path is called the story's."""
    from course.displays.scene_paths import conditional_card

    event = content.event("last-session")
    for variant in event.variants:
        path = [conditions.named(variant.when[REQUEST])[0]]  # a path that leads to this variant
        shown, box = _title_and_box(conditional_card(event, content, {REQUEST: path}))
        assert content.event("last-session").variants[conditions.choose(event.variants, {REQUEST: path})] == variant
        assert "story" not in box, box
        assert (
            box.count(
                "(the course's scene closest to what Susan does in the published case, which the rest of the course follows)"
            )
            == 1
        )
        assert box.count("(another path the course invented)") == len(event.variants) - 1
        assert "None of these scenes is in the published case" in box
        assert shown.endswith("· added by the course" + ("" if variant.default else ": another path it invented"))


def test_show_event_reads_the_learners_own_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import course
    import course.progress as progress

    monkeypatch.setenv("COURSE_PROGRESS", str(tmp_path / "progress.sqlite3"))
    progress.use(None)
    try:
        progress.current().record_attempt(REQUEST, "h", ["coffee"], 0, 1, "")
        html = course.show_event("last-session").data
    finally:
        progress.use(None)
    shown, box = _title_and_box(html)
    assert shown.startswith("The last session, and two goodbyes")
    assert "Your path: You agreed to coffee after sessions (another path the course invented)" in box


def test_the_site_gets_every_variant_with_the_default_showing(content: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from course.displays.scene_paths import conditional_card

    monkeypatch.setenv("COURSE_DELIVERY", "site")
    event = content.event("naming-the-enactment")
    html = conditional_card(event, content)
    found = re.findall(
        r"<div class='course-variant' data-variant='([^']+)' data-when='[^']*'( data-default| hidden)", html
    )
    assert found == [(v.id, " data-default" if v.default else " hidden") for v in event.variants]


def test_your_path_shows_the_scene_without_the_cards_questions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import course
    import course.progress as progress

    monkeypatch.setenv("COURSE_PROGRESS", str(tmp_path / "progress.sqlite3"))
    progress.use(None)
    try:
        before = course.your_path("naming-the-enactment").data
        progress.current().record_attempt(CANCEL, "h", ["rules-are-rules"], 0, 1, "")
        after = course.your_path("naming-the-enactment").data
        progress.current().record_attempt(CANCEL, "h", ["hold-and-explore", "note-and-follow"], 1, 1, "")
        tried_again = course.your_path("naming-the-enactment").data  # the first answer still counts
    finally:
        progress.use(None)
    assert _title_and_box(before)[0] == "Susan raises the cancellations"
    assert _title_and_box(after)[0].startswith("The rupture that makes no noise · the course's invention")
    assert _title_and_box(tried_again)[0] == _title_and_box(after)[0]
    assert "course-path-scene" in after and "For discussion" not in after


# --- a decision node told differently after an earlier choice ------------------------------------------

MINIMAL = Path(__file__).parent.parent / "fixtures" / "good" / "minimal-data"


@pytest.fixture
def follow_up() -> Any:
    from course.content import read_content
    from course.exercises.checks import check_file

    content, problems = read_content(MINIMAL)
    assert content is not None and not problems
    _, spec, found = check_file(MINIMAL / "exercises" / "01_codes_and_boundaries" / "follow-up.yaml", content)
    assert spec is not None and not found, found
    return spec


@pytest.mark.parametrize(
    ("earlier", "says"),
    [
        ({}, "Jane is quiet at first"),
        ({"reply-to-request": ["warm-no"]}, "Jane is quiet at first"),
        ({"reply-to-request": ["coffee"]}, "Jane arrives cheerful"),
    ],
)
def test_a_node_says_what_the_earlier_choice_leads_to(follow_up: Any, earlier: dict, says: str) -> None:
    from course.delivery.site.exercise_json import compile_spec
    from course.exercises.types import build_view

    assert conditions.node_text(follow_up.nodes[0], earlier).startswith(says)
    store = MemoryProgress()
    for ex, answer in earlier.items():
        store.record_attempt(ex, "h", answer, 0, 1, "")
    assert says in build_view(follow_up, store).scene.value
    node = compile_spec(follow_up)["nodes"][0]
    assert [v["default"] for v in node["variants"]] == [True, False]
    assert "Jane arrives cheerful" in node["variants"][1]["text_html"]
