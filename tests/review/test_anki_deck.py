"""`course anki` writes an .apkg that Anki can import: read back as a zip holding an SQLite collection."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import genanki
import pytest

from course.cli import main
from course.exercises import load_spec
from course.review.anki import DECK_ID, FIELDS, note_guid
from course.review.queue import reviewable
from course.version import __version__


def _read(apkg: Path, tmp: Path) -> tuple[list[tuple[str, list[str], str]], dict, dict]:
    with zipfile.ZipFile(apkg) as z:
        assert "collection.anki2" in z.namelist()
        z.extract("collection.anki2", tmp)
    conn = sqlite3.connect(tmp / "collection.anki2")
    notes = [
        (guid, flds.split("\x1f"), tags.strip())
        for guid, flds, tags in conn.execute("SELECT guid, flds, tags FROM notes ORDER BY id")
    ]
    decks = json.loads(conn.execute("SELECT decks FROM col").fetchone()[0])
    models = json.loads(conn.execute("SELECT models FROM col").fetchone()[0])
    conn.close()
    return notes, decks, models


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[tuple, tuple]:
    tmp = tmp_path_factory.mktemp("anki")
    builds = []
    for n in (1, 2):
        out = tmp / f"deck-{n}.apkg"
        assert main(["anki", "--out", str(out)]) == 0
        (tmp / str(n)).mkdir()
        builds.append(_read(out, tmp / str(n)))
    return builds[0], builds[1]


def test_one_note_per_reviewable_exercise_with_its_question_and_answer(two_builds: tuple) -> None:
    (notes, _, models), _ = two_builds
    specs = reviewable()
    assert len(notes) == len(specs) > 20
    [model] = models.values()
    assert [f["name"] for f in model["flds"]] == list(FIELDS)
    by_guid = {guid: fields for guid, fields, _ in notes}
    spec = load_spec("ch01-which-code-friendship")
    question, answer, source = by_guid[genanki.guid_for("jane-susan-course", spec.id)]
    assert spec.title in question
    for option in spec.options:  # every option on the front
        assert option.text.split(",")[0] in question
    right = next(o for o in spec.options if o.id == spec.answer)
    assert right.feedback.split(".")[0] in answer and "ch01-which-code-friendship" in source


def test_guids_and_deck_id_are_stable_across_builds(two_builds: tuple) -> None:
    (first, decks1, _), (second, decks2, _) = two_builds
    assert [g for g, _, _ in first] == [g for g, _, _ in second]
    assert {g for g, _, _ in first} == {note_guid(s.id) for s in reviewable()}
    assert str(DECK_ID) in decks1 and str(DECK_ID) in decks2
    assert f"version {__version__}" in decks1[str(DECK_ID)]["desc"]


def test_a_deck_that_cannot_be_written_is_a_message_not_a_traceback(tmp_path: Path, capsys) -> None:
    assert main(["anki", "--out", str(tmp_path / "missing-folder" / "deck.apkg")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("course anki: cannot write") and "Traceback" not in err
