"""What every exercise widget does: staged hints, attempts, reveal, reset, restore, stale marking,
saving through the progress interface, and never letting an exception out of a button."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from course.exercises import content_hash, drive, show
from course.exercises.checks import check_file
from course.exercises.spec import as_plain
from course.progress.memory_store import MemoryProgress
from course.safe_html import plain_text

from .conftest import EXERCISES, REPO, single_choice_spec, view_of


def text(widget: Any) -> str:
    return plain_text(widget.value)


def example(name: str, content: Any) -> Any:
    _, spec, problems = check_file(EXERCISES / "examples" / f"{name}.yaml", content)
    assert spec is not None and not problems, problems
    return spec


# --- hints, attempts, reveal, reset ------------------------------------------------------------


def test_hints_are_revealed_one_at_a_time() -> None:
    view = view_of(single_choice_spec())
    assert view.hints.value == "" and view.hint_button.description == "Hint (1 of 2)"
    view.hint_button.click()
    assert "First hint." in text(view.hints) and "Second hint." not in text(view.hints)
    assert view.hint_button.description == "Hint (2 of 2)"
    view.hint_button.click()
    assert "Second hint." in text(view.hints)
    assert view.hint_button.disabled and view.hint_button.description == "No more hints"
    view.hint_button.click()  # nothing more, and no error
    assert text(view.hints).count("hint.") == 2


def test_hint_button_hidden_without_hints() -> None:
    view = view_of(single_choice_spec(hints=[]))
    assert view.hint_button.layout.display == "none"


def test_attempts_are_counted_and_unreadable_answers_are_not() -> None:
    store = MemoryProgress()
    view = view_of(single_choice_spec(), store)
    view.answer_with("a")
    view.answer_with("c")
    assert view.attempts() == 2 == store.attempt_count("test-exercise", view.hash)
    assert "Attempts: 2" in text(view.status)
    view.reset()
    view.check_button.click()  # nothing chosen
    assert "Choose one of the options" in text(view.feedback)
    view.answer_with(42)
    assert "could not be read" in text(view.feedback)
    assert view.attempts() == 2


def test_answer_revealed_after_n_attempts_when_not_on_request() -> None:
    spec = single_choice_spec(reveal={"after_attempts": 2, "on_request": False})
    view = view_of(spec)
    assert view.reveal_button.disabled
    view.reveal_button.click()
    assert "appears after 2 attempts" in text(view.answer)
    view.answer_with("a")
    assert not view.revealed
    view.answer_with("c")
    assert view.revealed and "Option B (NASW)" in text(view.answer)
    assert "After 2 attempts" in text(view.answer)
    assert not view.reveal_button.disabled


def test_answer_revealed_on_request() -> None:
    view = view_of(single_choice_spec(reveal={"after_attempts": None, "on_request": True}))
    assert not view.reveal_button.disabled
    view.reveal_button.click()
    assert "Answer: Option B (NASW)" in text(view.answer) and "Feedback for B." in text(view.answer)


def test_reveal_button_hidden_when_never_allowed() -> None:
    view = view_of(single_choice_spec(reveal={"after_attempts": None, "on_request": False}))
    assert view.reveal_button.layout.display == "none"
    for answer in ("a", "c", "a", "c"):
        view.answer_with(answer)
    assert not view.revealed


def test_a_right_answer_is_not_followed_by_a_reveal() -> None:
    view = view_of(single_choice_spec(reveal={"after_attempts": 1, "on_request": False}))
    view.answer_with("b")
    assert "Correct." in text(view.feedback) and not view.revealed


def test_reset_clears_answer_feedback_hints_and_reveal_but_keeps_progress() -> None:
    store = MemoryProgress()
    view = view_of(single_choice_spec(), store)
    view.hint_button.click()
    view.answer_with("a")
    view.reveal_button.click()
    view.reset_button.click()
    assert view.radio.value is None
    assert view.feedback.value == view.hints.value == view.answer.value == ""
    assert view.hint_button.description == "Hint (1 of 2)"
    assert store.attempt_count("test-exercise") == 1


# --- restore and stale versions ----------------------------------------------------------------


def test_restores_last_answer_and_feedback() -> None:
    store = MemoryProgress()
    spec = single_choice_spec()
    view_of(spec, store).answer_with("c")
    again = view_of(spec, store)
    assert again.radio.value == "c"
    assert "restored" in text(again.feedback) and "Feedback for C." in text(again.feedback)
    assert "earlier version" not in text(again.feedback)


def test_an_answer_to_an_older_version_is_marked() -> None:
    store = MemoryProgress()
    old = single_choice_spec()
    view_of(old, store).answer_with("c")
    new = single_choice_spec(prompt="A reworded prompt.")
    assert content_hash(new) != content_hash(old)
    view = view_of(new, store)
    assert "From an earlier version of this exercise" in text(view.feedback)
    assert "Feedback for C." in text(view.feedback)
    assert view.radio.value == "c"  # the answer still fits, so it is shown
    assert store.last_attempt("test-exercise", view.hash).stale


def test_a_stale_answer_that_no_longer_fits_is_not_put_into_the_widgets() -> None:
    store = MemoryProgress()
    store.record_attempt("test-exercise", "old-hash", "gone", 0, 1, "Old feedback.", notebook="examples")
    view = view_of(single_choice_spec(), store)
    assert view.radio.value is None
    assert "From an earlier version of this exercise" in text(view.feedback)
    assert "Old feedback." in text(view.feedback)


def test_content_hash_is_sha256_of_canonical_json() -> None:
    import hashlib
    import json

    spec = single_choice_spec()
    dumped = spec.model_dump(mode="json")
    del dumped["review"]  # how the course uses the exercise, not what the learner answers: not hashed
    canonical = json.dumps(dumped, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert content_hash(spec) == hashlib.sha256(canonical.encode()).hexdigest()
    assert content_hash(spec) == content_hash(single_choice_spec())


# --- the other types ---------------------------------------------------------------------------


def test_multiple_select_partial_credit_and_feedback_per_option(real_content) -> None:
    spec = example("example-rupture-markers", real_content)
    view = drive(spec, ["late-cancel", "compliments"])
    result = view.last_result
    assert result.score == 2 and result.max_score == 6 and not result.correct
    body = text(view.feedback)
    assert "Partly right: 2 of 6." in body
    assert "You left out: Asked about the missed session" in body
    assert "You ticked: Early in therapy" in body


def test_ordering_moves_items_with_buttons(real_content) -> None:
    spec = example("example-repair-stages", real_content)
    view = view_of(spec)
    assert view.order == [i.id for i in spec.items]
    view.up_button.click()
    assert "Select an item first" in text(view.order_note)
    view.select.value = "marker"
    view.up_button.click()
    assert view.order.index("marker") == 0 and view.select.value == "marker"
    assert " ".join(view.select.options[0][0].split()).startswith("1. Susan recognises")
    assert " " not in view.select.options[0][0], "a list box item must keep spaces a line may break at"
    view.down_button.click()
    assert view.order.index("marker") == 1
    for item_id in spec.answer:  # build the right order with the buttons alone
        view.select.value = item_id
        for _ in range(len(spec.items)):
            view.down_button.click()
    assert view.order == list(spec.answer)
    view.check_button.click()
    assert view.last_result.correct


def test_categorize_needs_every_item_placed(real_content) -> None:
    spec = example("example-crossing-or-violation", real_content)
    view = view_of(spec)
    view.dropdowns["waiver"].value = "crossing"
    view.check_button.click()
    assert "Choose a category for every item first (5 still to place)" in text(view.feedback)
    assert view.attempts() == 0
    view.answer_with(dict(spec.answer))
    assert view.last_result.correct


def test_rating_saves_the_learner_series_for_the_timeline(real_content) -> None:
    spec = example("example-transference-ratings", real_content)
    store = MemoryProgress()
    mine = {e.event: 0 for e in spec.events}
    view = drive(spec, mine, store)
    assert store.ratings("transference") == mine
    assert "Your ratings are saved" in text(view.feedback)
    assert spec.answer["friendship-request"] == real_content.event("friendship-request").ratings.transference
    assert view.fields["friendship-request"].description == real_content.event("friendship-request").title
    again = view_of(spec, store)
    assert again.read_answer() == mine


def test_decision_is_played_step_by_step(real_content) -> None:
    spec = example("example-refusal-decision", real_content)
    view = view_of(spec)
    view.check_button.click()
    assert "Choose a reply first" in text(view.feedback)
    view.radio.value = "explain-and-explore"
    view.check_button.click()
    assert "Step 1. You said:" in text(view.feedback) and "Commentary:" in text(view.feedback)
    assert "I don't see how being friends" in text(view.scene)
    assert view.attempts() == 0  # not finished yet
    view.radio.value = "give-in"
    view.check_button.click()
    body = text(view.feedback)
    assert "Your path:" in body and "The recommended path:" in body
    assert view.attempts() == 1 and view.check_button.disabled
    assert "The scenario has ended" in text(view.scene)
    view.reset_button.click()
    assert not view.check_button.disabled and view.path == []


def test_decision_restores_a_finished_path(real_content) -> None:
    spec = example("example-refusal-decision", real_content)
    store = MemoryProgress()
    drive(spec, list(spec.answer), store)
    again = view_of(spec, store)
    assert again.path == list(spec.answer) and "restored" in text(again.feedback)
    assert "is the recommended one" in text(again.feedback)


def test_decision_left_halfway_is_restored_where_it_was_left(real_content) -> None:
    from course.exercises.drafts import drafts

    spec = example("example-refusal-decision", real_content)
    store = MemoryProgress()
    view = view_of(spec, store)
    view.radio.value = "explain-and-explore"
    view.check_button.click()
    assert drafts(store)[spec.id]["path"] == ["explain-and-explore"]
    again = view_of(spec, store)
    assert again.path == ["explain-and-explore"] and "Where you left this scenario" in text(again.feedback)
    assert "I don't see how being friends" in text(again.scene) and not again.check_button.disabled
    again.radio.value = "give-in"
    again.check_button.click()
    assert spec.id not in drafts(store) and again.attempts() == 1


def test_reflection_is_saved_only_with_save_reflection(real_content) -> None:
    spec = example("example-susans-feelings", real_content)
    store = MemoryProgress()
    words = "I would feel guilty and a little flattered. " * 12
    view = drive(spec, {"text": words, "rubric": {"feeling": True}}, store)
    assert "reaches the suggested length" in text(view.feedback)
    assert "not written into the notebook" in text(view.feedback)
    saved = store.last_reflection(spec.id)
    assert saved.text == words and saved.rubric == {
        "feeling": True,
        "pull": False,
        "supervision": False,
        "case-only": False,
    }
    assert store.attempts(spec.id) == []  # the text is in no attempt record
    assert "Points you could still work on" in text(view.feedback)


def test_reflection_text_comes_back_only_when_asked(real_content) -> None:
    spec = example("example-susans-feelings", real_content)
    store = MemoryProgress()
    drive(spec, {"text": "A private thought about the case.", "rubric": {}}, store)
    again = view_of(spec, store)
    assert again.text.value == ""
    assert "You saved a reflection of 6 words" in text(again.feedback)
    assert again.load_button.layout.display is None
    again.load_button.click()
    assert again.text.value == "A private thought about the case."


def test_reflection_word_count_is_live(real_content) -> None:
    spec = example("example-susans-feelings", real_content)
    view = view_of(spec)
    view.text.value = "one two three"
    assert "3 words (suggested: at least 80)" in text(view.counter)


def test_discussion_notes_are_private_and_show_the_points_once_written(real_content) -> None:
    spec = example("example-discussion", real_content)
    store = MemoryProgress()
    view = view_of(spec, store)
    assert view.reveal_button.description == "Show the points" and view.check_button.description == "Save my notes"
    view.check_button.click()  # nothing written yet: no points, nothing saved
    assert "Write your notes in the box" in text(view.feedback) and store.last_reflection(spec.id) is None
    view = drive(spec, {"text": "She may withdraw; Susan can prepare in supervision.", "rubric": {}}, store)
    assert spec.points[0].split()[0] in text(view.feedback) and "compare" in text(view.feedback).lower()
    assert store.last_reflection(spec.id).text.startswith("She may withdraw")
    assert store.attempts(spec.id) == []  # the notes are in no attempt record
    again = view_of(spec, store)
    assert again.text.value == "" and "You saved notes of 8 words" in text(again.feedback)
    again.load_button.click()
    assert again.text.value.startswith("She may withdraw")


def test_discussion_points_can_be_read_before_writing(real_content) -> None:
    spec = example("example-discussion", real_content)
    view = view_of(spec)
    view.reveal_button.click()
    assert "Points a good answer touches" in text(view.answer)
    assert all(p.split()[-1].rstrip(".") in text(view.answer) for p in spec.points)


# --- errors never escape a handler --------------------------------------------------------------


class BrokenStore(MemoryProgress):
    def record_attempt(self, *args: Any, **kwargs: Any) -> Any:
        raise OSError("disk full")

    def attempt_count(self, *args: Any, **kwargs: Any) -> int:
        raise OSError("disk full")


def test_a_failing_store_still_gives_feedback() -> None:
    view = view_of(single_choice_spec(), BrokenStore())
    view.answer_with("a")
    body = text(view.feedback)
    assert "Feedback for A." in body and "could not be saved (disk full)" in body
    assert view.attempts() == 1  # counted locally


def test_an_exception_in_a_handler_becomes_a_friendly_message(monkeypatch: pytest.MonkeyPatch) -> None:
    import course.exercises.scoring.single_choice as scoring

    def boom(spec: Any, answer: Any) -> Any:
        raise RuntimeError("unexpected")

    view = view_of(single_choice_spec())
    monkeypatch.setattr(scoring, "evaluate", boom)
    view.answer_with("a")  # must not raise
    assert "Something went wrong here (RuntimeError: unexpected)" in text(view.feedback)


def test_a_store_that_cannot_be_read_at_start_does_not_stop_the_widget() -> None:
    class Unreadable(MemoryProgress):
        def last_attempt(self, *args: Any, **kwargs: Any) -> Any:
            raise OSError("locked")

    view = view_of(single_choice_spec(), Unreadable())
    assert "Something went wrong" in text(view.feedback)
    view.answer_with("b")
    assert "Correct." in text(view.feedback)


# --- profession --------------------------------------------------------------------------------


def test_options_naming_the_learners_body_come_first() -> None:
    from course.displays.ethics_codes import current_profession as profession

    store = MemoryProgress()
    assert profession(store) is None
    assert [o[1] for o in view_of(single_choice_spec(), store).radio.options] == ["a", "b", "c"]
    store.set_setting("profession", "nasw")
    assert profession(store) == "NASW"
    assert [o[1] for o in view_of(single_choice_spec(), store).radio.options] == ["b", "a", "c"]
    store.set_setting("profession", "astrology")
    assert profession(store) is None


# --- show(), the lookup by id and the store in use ---------------------------------------------


@pytest.fixture
def private_progress(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    import course.progress as progress

    monkeypatch.setenv("COURSE_PROGRESS", str(tmp_path / "progress.sqlite3"))
    progress.use(None)
    yield tmp_path / "progress.sqlite3"
    progress.use(None)


def test_show_builds_an_example_and_saves_to_the_progress_store(private_progress: Path) -> None:
    import course

    view = course.exercise("example-friendship-request")
    assert view.spec.id == "example-friendship-request" and view.store_note is None
    view.answer_with("explore")
    from course.progress import current

    assert current().last_attempt("example-friendship-request").score == 1
    assert "application/vnd.jupyter.widget-view+json" in view._repr_mimebundle_()


def test_show_unknown_id_lists_the_problem_without_a_traceback(private_progress: Path) -> None:
    widget = show("example-friendship-requst")
    assert "did you mean 'example-friendship-request'" in plain_text(widget.value)
    assert "Traceback" not in widget.value


def test_show_an_invalid_spec_lists_its_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, private_progress: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(REPO / "tests" / "fixtures" / "good" / "minimal-data", data)
    folder = data / "exercises" / "examples"
    folder.mkdir(parents=True)
    shutil.copyfile(
        REPO / "tests" / "fixtures" / "bad" / "exercise-fixture-feedback-cannot-fire.yaml", folder / "bad-fixture.yaml"
    )
    monkeypatch.setenv("COURSE_DATA", str(data))
    widget = show("bad-fixture")
    body = plain_text(widget.value)
    assert "cannot be shown" in body and "bad-fixture.yaml:16: fixtures[1].feedback: cannot fire" in body


def test_falls_back_to_memory_when_the_store_cannot_open(monkeypatch: pytest.MonkeyPatch) -> None:
    import course.progress as progress
    from course.progress.fallback import get_store, memory_store

    def refuse() -> Any:
        raise progress.ProgressStoreError("Cannot write to the folder /nowhere.")

    monkeypatch.setattr(progress, "current", refuse)
    store, note = get_store()
    assert store is memory_store()
    assert "kept only while this notebook is running" in note and "/nowhere" in note


def test_registry_index_notices_edits(tmp_path: Path) -> None:
    from course.exercises.lookup import index

    folder = tmp_path / "exercises" / "examples"
    folder.mkdir(parents=True)
    (folder / "one.yaml").write_text("id: one\n")
    assert list(index(tmp_path / "exercises")) == ["one"]
    (folder / "two.yaml").write_text("id: two\n")
    assert sorted(index(tmp_path / "exercises")) == ["one", "two"]


def test_drive_with_the_reference_answer_of_a_model_spec(real_content) -> None:
    spec = example("example-susans-feelings", real_content)
    view = drive(spec, as_plain(spec.answer))
    assert view.last_result.correct
