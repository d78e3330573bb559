"""The class view's numbers and the LMS gradebook, from a one-account exchange (no root needed)."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from pathlib import Path

import pytest

from course.classroom import seminar
from course.classroom.class_view import load_class, read_exchange, walk
from course.classroom.exchange import read_key
from course.classroom.gradebook import POINTS_POSSIBLE, ROSTER_COLUMNS, build_gradebook, read_roster
from course.exercises import load_spec

from .conftest import Exchange, answer, decision_ids, two_paths

MARKER = "A private reflection: PERSIMMON-42."


@pytest.fixture(scope="module")
def shared_by_two(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """ann takes every recommended path, bob every other path, both share; cy shares nothing. Made once:
    every test gets its own copy (``class_of_three``)."""
    from course.classroom.exchange import Layout, setup_exchange
    from course.progress import ProgressStore

    top = tmp_path_factory.mktemp("class-of-three")
    exchange = Exchange(top / "exchange")
    setup_exchange(exchange.root, Layout(os.geteuid(), None))
    folders = {}
    for index, user in enumerate(("ann", "bob")):
        store = ProgressStore(top / "stores" / user / "progress.sqlite3")
        try:
            for exercise_id in decision_ids():
                answer(store, exercise_id, two_paths(exercise_id)[index])
            store.save_reflection("ch03-map-codes", "h", MARKER, {})
            store.save_ratings("ch03-rate-transference", "h", {"first-session": 2 + index}, "transference")
            folders[user] = exchange.folder(user)
            seminar.share(include_reflections=True, store=store, where=seminar.Place(exchange.root, folders[user]))
        finally:
            store.close()
    folders["cy"] = exchange.folder("cy")
    return exchange.root, folders


@pytest.fixture
def class_of_three(shared_by_two: tuple[Path, dict[str, str]], tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A fresh copy of ``shared_by_two``'s exchange (same key, so the same pseudonyms), for one test."""
    root, folders = shared_by_two
    copy = tmp_path / "exchange"
    shutil.copytree(root, copy, symlinks=True)
    return copy, dict(folders)


def test_the_class_view_counts_every_choice_at_every_node(class_of_three):
    root, folders = class_of_three
    data = load_class(root)
    assert (data.shared, data.read.folders, data.read.not_shared) == (2, 3, [folders["cy"]])
    for exercise_id in decision_ids():
        spec = load_spec(exercise_id)
        d = next(d for d in data.decisions if d.exercise_id == exercise_id)
        assert d.learners == 2 and d.recommended == list(spec.answer)
        expected: dict[tuple[str, str], int] = {}
        for index in range(2):
            for step in walk(spec, two_paths(exercise_id)[index]):
                expected[step] = expected.get(step, 0) + 1
        counted = {(n.node, c.choice): c.learners for n in d.nodes for c in n.choices if c.learners}
        assert counted == expected
        recommended = {(n.node, c.choice) for n in d.nodes for c in n.choices if c.recommended}
        assert recommended == set(walk(spec, spec.answer))
    scores = {s.exercise_id: s for s in data.first_scores}
    for exercise_id in decision_ids():
        top = len(load_spec(exercise_id).answer)
        assert scores[exercise_id].learners == 2 and scores[exercise_id].counts.get(float(top)) == 1
    assert sorted(r["transference"]["first-session"] for r in data.ratings) == [2, 3]
    reflected = next(c for c in data.completion if c.notebook == load_spec("ch03-map-codes").notebook)
    assert len(reflected.done) == 2 and min(reflected.done) >= 1  # a saved reflection counts, text or not


def test_accepted_paths_are_marked_beside_the_recommended_one(class_of_three):
    from course.classroom.class_view_html import decision_html

    root, _ = class_of_three
    data = load_class(root)
    with_accepted = [d for d in data.decisions if d.accepted]
    assert with_accepted, "no decision point of the course accepts a second path (also_accept)"
    for d in with_accepted:
        spec = load_spec(d.exercise_id)
        assert d.accepted == [list(p) for p in spec.also_accept]
        marked = {(n.node, c.choice) for n in d.nodes for c in n.choices if c.accepted and not c.recommended}
        assert marked == {step for path in spec.also_accept for step in walk(spec, path)} - set(walk(spec, spec.answer))
        page = decision_html(d)
        assert "Also accepted: " + " → ".join(spec.also_accept[0]) in page and ">accepted<" in page


def test_gradebook_for_canvas_has_canvas_columns_and_completion_only(class_of_three, tmp_path):
    root, folders = class_of_three
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "Student,ID,SIS User ID,SIS Login ID,Section,hub_user\n"
        '"Doe, Ann",101,S1,ann@uni,Seminar A,ann\n'
        '"Roe, Bob",102,S2,bob@uni,Seminar A,bob\n'
        '"Poe, Cy",103,S3,cy@uni,Seminar A,cy\n'
    )
    rows, problems = read_roster(roster, "canvas")
    assert problems == []
    book = build_gradebook(read_exchange(root), rows, read_key(root), "canvas")
    table = list(csv.reader(io.StringIO(book.text)))
    assert table[0][:5] == [c for c, _ in ROSTER_COLUMNS["canvas"]]
    assert table[0][5:] and all(h.endswith("(% answered)") for h in table[0][5:])
    assert table[1][0] == POINTS_POSSIBLE and set(table[1][5:]) == {"100"}
    by_name = {row[0]: row for row in table[2:]}
    assert by_name["Poe, Cy"][5:] == [""] * len(table[0][5:])
    title = next(c.title for c in load_class(root).completion if c.notebook == load_spec("ch03-map-codes").notebook)
    column = next(i for i, h in enumerate(table[0]) if title in h)
    assert int(by_name["Doe, Ann"][column]) > 0 and int(by_name["Roe, Bob"][column]) > 0
    assert (book.matched, book.missing, book.unmatched) == (2, ["cy"], 0)
    assert MARKER not in book.text and "PERSIMMON" not in book.text


def test_gradebook_for_moodle_keeps_the_identity_columns_it_was_given(class_of_three, tmp_path):
    root, _ = class_of_three
    roster = tmp_path / "roster.csv"
    roster.write_text("First name,Last name,Email address,hub_user\nAnn,Doe,ann@uni,ann\nBob,Roe,bob@uni,bob\n")
    rows, problems = read_roster(roster, "moodle")
    assert problems == []
    book = build_gradebook(read_exchange(root), rows, read_key(root), "moodle")
    table = list(csv.reader(io.StringIO(book.text)))
    assert table[0][:3] == ["First name", "Last name", "Email address"]
    assert [r[2] for r in table[1:]] == ["ann@uni", "bob@uni"]  # no Points Possible row for Moodle


def test_a_roster_without_the_needed_columns_is_refused_with_file_line_and_field(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("Student,ID,hub_user\nAnn,1,ann\n")
    _, problems = read_roster(roster, "canvas")
    assert [p.field for p in problems] == ["SIS User ID", "SIS Login ID", "Section"]
    assert all(str(p).startswith(f"{roster}:1: ") for p in problems)
    roster.write_text("Email address,hub_user\na@x,ann\nb@x,ann\nc@x,\n")
    _, problems = read_roster(roster, "moodle")
    assert [(p.line, p.field) for p in problems] == [(3, "hub_user"), (4, "hub_user")]


def test_pseudonyms_need_the_key(class_of_three):
    root, folders = class_of_three
    from course.classroom.exchange import pseudonym

    key = read_key(root)
    assert pseudonym(key, "ann") == folders["ann"]
    assert pseudonym(os.urandom(32).hex().encode(), "ann") != folders["ann"]
    shared = json.loads(Path(root, folders["ann"], "submission.json").read_text())
    assert shared["payload"]["learner"] == {"id": folders["ann"]}  # the pseudonym only, never the user name


def test_the_class_view_widget_reads_again_on_refresh(class_of_three, store_factory):
    import course

    root, folders = class_of_three
    box = course.class_view(root)
    assert box.data.shared == 2 and "2 of 3 learners have shared" in box.children[1].value
    store = store_factory("cy")
    answer(store, decision_ids()[0], two_paths(decision_ids()[0])[0])
    seminar.share(store=store, where=seminar.Place(root, folders["cy"]))
    refresh, order = box.children[0].children
    assert refresh.description == "Refresh"
    refresh.click()
    assert box.data.shared == 3 and "3 of 3 learners have shared" in box.children[1].value
    order.value = "exercise id"  # the item analysis is ordered again without reading the exchange
    assert "Item analysis" in box.children[1].value and box.data.shared == 3
    assert MARKER not in box.children[1].value  # reflections are never shown in the class view


def test_the_command_line_offers_every_gradebook_format_and_no_other():
    from course.classroom.gradebook import FORMATS
    from course.cli import GRADEBOOK_FORMATS, build_parser

    assert GRADEBOOK_FORMATS == FORMATS
    from course.classroom.rescore import MEASURES
    from course.cli import GRADEBOOK_MEASURES

    assert GRADEBOOK_MEASURES == MEASURES
    assert build_parser().parse_args(["gradebook", "--format", "canvas", "--roster", "r.csv"]).measure == "answered"
    with pytest.raises(SystemExit):
        build_parser().parse_args(["gradebook", "--format", "blackboard", "--roster", "r.csv"])


def test_the_class_view_notebook_says_first_how_to_open_the_view():
    import nbformat

    from course.paths import notebooks_dir

    nb = nbformat.read(str(notebooks_dir() / "instructor" / "class_view.ipynb"), as_version=4)
    first = nb.cells[0]
    lead = first.source.split("\n\n")[1]  # the paragraph right under the title
    assert first.cell_type == "markdown" and "Run All Cells" in lead and "Refresh" in lead
