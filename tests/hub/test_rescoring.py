"""The instructor's figures come from the shared answers, scored again: forged fields change nothing.

A learner can edit their submission and recompute its (unkeyed) checksum with the course's own
function. These tests do exactly that, in a one-account exchange (no root needed), and compare the class
view and the gradebook with what honest answers give.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from course.classroom import exchange as ex
from course.classroom import seminar
from course.classroom.class_view import course_specs, load_class, read_exchange
from course.classroom.exchange import read_key
from course.classroom.file_format import checksum
from course.classroom.gradebook import build_gradebook
from course.classroom.submission import encode
from course.content import load_content
from course.exercises import load_spec
from course.exercises.types import evaluate

from .conftest import answer, decision_ids, two_paths

NO_SUCH_EXERCISE = "ch99-an-exercise-the-course-does-not-have"


def _share(root: Path, folder: str, store: Any) -> None:
    seminar.share(store=store, where=seminar.Place(root, folder))


def _forge(root: Path, folder: str, change: Any) -> None:
    """Edit a shared submission as a learner could, and recompute its checksum."""
    path = root / folder / ex.SUBMISSION
    data = json.loads(path.read_text())
    change(data["payload"])
    data["checksum"]["value"] = checksum(data["payload"])
    ex.write_submission(root, folder, encode(data))


def _roster(tmp_path: Path, users: list[str]) -> list[dict[str, str]]:
    return [{"Email address": f"{u}@uni", "hub_user": u} for u in users]


def _gradebook(root: Path, users: list[str], tmp_path: Path, measure: str = "answered") -> dict[str, list[str]]:
    book = build_gradebook(read_exchange(root), _roster(tmp_path, users), read_key(root), "moodle", measure=measure)
    table = list(csv.reader(io.StringIO(book.text)))
    return {row[0]: row[1:] for row in [table[0]] + table[1:]}


def _wrong_but_valid(spec: Any) -> Any:
    """An answer that the engine scores (it fits the exercise) but not with full marks, from the
    exercise's own fixtures; the recommended answer when every fixture is right."""
    for fixture in spec.fixtures:
        result = evaluate(spec, fixture.answer)
        if result.valid and not result.correct:
            return fixture.answer
    return spec.answer


@pytest.fixture
def one_learner(demo_exchange, store_factory):
    """ann takes the first decision point's other path, and shares."""
    store = store_factory("ann")
    first = decision_ids()[0]
    answer(store, first, two_paths(first)[1])
    folder = demo_exchange.folder("ann")
    _share(demo_exchange.root, folder, store)
    return demo_exchange.root, folder


def test_a_forged_completed_list_changes_nothing(one_learner, tmp_path):
    root, folder = one_learner
    view_before = load_class(root)
    book_before = _gradebook(root, ["ann"], tmp_path)
    every_id = [s.id for s in course_specs(load_content())]
    _forge(root, folder, lambda payload: payload.update(completed=every_id))
    view_after = load_class(root)
    assert view_after.shared == 1 and view_after.read.bad == []  # the forged file passes every check
    assert [c.done for c in view_after.completion] == [c.done for c in view_before.completion]
    assert _gradebook(root, ["ann"], tmp_path) == book_before
    assert any(cell not in ("", "100") for cell in book_before["ann@uni"])  # so a forgery would show


def test_forged_answers_score_exactly_as_those_answers_would(demo_exchange, store_factory, tmp_path):
    """bob answers honestly; mallory shares a file that claims full marks for the very same answers."""
    root = demo_exchange.root
    ids = decision_ids()
    for user in ("bob", "mallory"):
        store = store_factory(user)
        for exercise_id in ids:
            answer(store, exercise_id, two_paths(exercise_id)[1])
        _share(root, demo_exchange.folder(user), store)

    def full_marks(payload: dict[str, Any]) -> None:
        for row in payload["attempts"]:
            row["score"] = row["max_score"]
        payload["completed"] = [row["exercise_id"] for row in payload["attempts"]]

    _forge(root, demo_exchange.folder("mallory"), full_marks)
    data = load_class(root)
    assert data.read.bad == [] and data.ignored == []
    for exercise_id in ids:
        spec = load_spec(exercise_id)
        honest = evaluate(spec, two_paths(exercise_id)[1]).score
        counts = next(s for s in data.first_scores if s.exercise_id == exercise_id).counts
        assert counts == {float(honest): 2}, exercise_id  # both learners, at the engine's own score
    for measure in ("answered", "correct"):
        book = _gradebook(root, ["bob", "mallory"], tmp_path, measure)
        assert book["bob@uni"] == book["mallory@uni"], measure


def test_an_answer_for_an_exercise_that_does_not_exist_is_reported_and_ignored(one_learner, tmp_path):
    root, folder = one_learner
    view_before = load_class(root)
    book_before = _gradebook(root, ["ann"], tmp_path)

    def invent(payload: dict[str, Any]) -> None:
        row = dict(payload["attempts"][0], exercise_id=NO_SUCH_EXERCISE, score=5, max_score=5)
        payload["attempts"].append(row)
        payload["completed"].append(NO_SUCH_EXERCISE)

    _forge(root, folder, invent)
    view = load_class(root)
    assert [n for n in view.ignored if NO_SUCH_EXERCISE in n and folder in n]
    assert [c.done for c in view.completion] == [c.done for c in view_before.completion]
    assert [(s.exercise_id, s.counts) for s in view.first_scores] == [
        (s.exercise_id, s.counts) for s in view_before.first_scores
    ]
    book = build_gradebook(read_exchange(root), _roster(tmp_path, ["ann"]), read_key(root), "moodle")
    assert [n for n in book.ignored if NO_SUCH_EXERCISE in n]
    assert _gradebook(root, ["ann"], tmp_path) == book_before
    from course.classroom.class_view_html import class_view_html

    assert NO_SUCH_EXERCISE in class_view_html(view) and "Ignored answers (1)" in class_view_html(view)


def _notebook_of(exercise_id: str) -> tuple[str, list[Any]]:
    spec = load_spec(exercise_id)
    return spec.notebook, [s for s in course_specs(load_content()) if s.notebook == spec.notebook]


def test_answered_counts_every_attempt_and_correct_only_right_or_accepted_ones(demo_exchange, store_factory, tmp_path):
    """dee answers every exercise of a notebook, none of them as the course recommends."""
    root = demo_exchange.root
    notebook, specs = _notebook_of(decision_ids()[0])
    store = store_factory("dee")
    for spec in specs:
        if spec.type == "reflection":
            store.save_reflection(spec.id, "h", "What I noticed, in a few words.", {})
        else:
            answer(store, spec.id, _wrong_but_valid(spec))
    _share(root, demo_exchange.folder("dee"), store)
    answered = _gradebook(root, ["dee"], tmp_path, "answered")
    correct = _gradebook(root, ["dee"], tmp_path, "correct")
    column = next(i for i, h in enumerate(answered["Email address"]) if h.startswith(f"Jane and Susan {notebook[:2]} "))
    assert answered["Email address"][column].endswith("(% answered)")
    assert correct["Email address"][column].endswith("(% correct)")
    assert answered["dee@uni"][column] == "100"
    wrong = [s for s in specs if s.type != "reflection" and not evaluate(s, _wrong_but_valid(s)).correct]
    assert wrong, "every exercise of the notebook is answered right by its fixtures"
    right = len(specs) - len(wrong)
    assert correct["dee@uni"][column] == str(round(100 * right / len(specs)))


def test_an_accepted_alternative_counts_as_correct(demo_exchange, store_factory, tmp_path):
    root = demo_exchange.root
    spec = next(load_spec(i) for i in decision_ids() if load_spec(i).also_accept)
    for user, path in (("rec", list(spec.answer)), ("alt", list(spec.also_accept[0]))):
        store = store_factory(user)
        answer(store, spec.id, path)
        _share(root, demo_exchange.folder(user), store)
    book = _gradebook(root, ["rec", "alt"], tmp_path, "correct")
    assert book["alt@uni"] == book["rec@uni"]
    assert any(cell not in ("", "0") for cell in book["alt@uni"])


def load_class_empty() -> Any:
    from course.classroom.class_view import ExchangeRead, class_data

    return class_data(ExchangeRead(Path("/nonexistent")))


def test_the_class_view_lists_decision_points_in_story_order():
    from course.classroom.class_view import story_places

    shown = [d.exercise_id for d in load_class_empty().decisions]
    notebook = load_spec(shown[0]).notebook
    places = story_places(notebook)
    in_notebook = [i for i in shown if load_spec(i).notebook == notebook]
    assert len(in_notebook) > 1
    assert in_notebook == sorted(in_notebook, key=places.__getitem__) and in_notebook != sorted(in_notebook)
