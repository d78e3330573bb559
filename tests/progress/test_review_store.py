"""The review log in the progress store: kept across sessions, migrated from version 2, salvaged, exported."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from course.classroom.export import export_results, parse_export
from course.classroom.file_format import checksum
from course.progress import MemoryProgress, ProgressStore, Review, salvage, schema

CARD = {
    "state": 2,
    "step": None,
    "stability": 10.97,
    "difficulty": 2.1,
    "due": "2026-03-13T09:00:00.000Z",
    "last_review": "2026-03-02T09:00:00.000Z",
}
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "progress"


@pytest.mark.parametrize("kind", ["sqlite", "memory"])
def test_reviews_round_trip_oldest_first(kind: str, store: ProgressStore) -> None:
    s = store if kind == "sqlite" else MemoryProgress()
    s.record_review("a", "h1", 3, "2026-03-02T09:00:00.000Z", CARD)
    saved = s.record_review("b", "h2", 1, "2026-03-02T09:01:00.000Z", {**CARD, "state": 3, "step": 0})
    assert saved == Review("b", "h2", 1, "2026-03-02T09:01:00.000Z", {**CARD, "state": 3, "step": 0})
    assert [r.exercise_id for r in s.reviews()] == ["a", "b"]
    assert s.reviews("a") == [Review("a", "h1", 3, "2026-03-02T09:00:00.000Z", CARD)]
    for bad in (0, 5, True, 2.5):
        with pytest.raises(ValueError, match="from 1 \\(Again\\) to 4 \\(Easy\\)"):
            s.record_review("a", "h1", bad, "2026-03-02T09:00:00.000Z", CARD)  # type: ignore[arg-type]
    assert len(s.reviews()) == 2


def test_reviews_are_kept_across_sessions(store_path: Path) -> None:
    with ProgressStore(store_path) as s:
        s.record_review("a", "h", 2, "2026-03-02T09:00:00.000Z", CARD)
    with ProgressStore(store_path) as s:
        assert s.reviews() == [Review("a", "h", 2, "2026-03-02T09:00:00.000Z", CARD)]


V2_SQL = """
CREATE TABLE attempts (id INTEGER PRIMARY KEY AUTOINCREMENT, exercise_id TEXT NOT NULL,
  content_hash TEXT NOT NULL, answer TEXT NOT NULL, score NUMERIC, max_score NUMERIC,
  feedback TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, notebook TEXT);
CREATE TABLE reflections (id INTEGER PRIMARY KEY AUTOINCREMENT, exercise_id TEXT NOT NULL,
  content_hash TEXT NOT NULL, text TEXT NOT NULL, rubric TEXT NOT NULL DEFAULT '{}', created_at TEXT NOT NULL);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE ratings (id INTEGER PRIMARY KEY AUTOINCREMENT, exercise_id TEXT NOT NULL,
  content_hash TEXT NOT NULL, dimension TEXT NOT NULL, event_id TEXT NOT NULL, value INTEGER NOT NULL,
  created_at TEXT NOT NULL);
CREATE INDEX attempts_by_exercise ON attempts (exercise_id, id);
CREATE INDEX reflections_by_exercise ON reflections (exercise_id, id);
CREATE INDEX ratings_by_dimension ON ratings (dimension, event_id, id);
INSERT INTO attempts (exercise_id, content_hash, answer, score, max_score, feedback, created_at, notebook)
  VALUES ('ex', 'h1', '["a"]', 1, 1, 'Right.', '2026-01-01T00:00:00.000+00:00', '01');
INSERT INTO reflections (exercise_id, content_hash, text, rubric, created_at)
  VALUES ('r', 'h1', 'old text', '{"x": 1}', '2026-01-01T00:00:00.000+00:00');
INSERT INTO ratings (exercise_id, content_hash, dimension, event_id, value, created_at)
  VALUES ('rate', 'h1', 'stance', 'refusal', -2, '2026-01-01T00:00:00.000+00:00');
INSERT INTO settings VALUES ('learner_id', '"learner-000000000002"');
PRAGMA user_version = 2;
"""


def test_migrates_a_version_2_file_keeping_its_data(store_path: Path) -> None:
    store_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(store_path)
    conn.executescript(V2_SQL)  # what version 2 of the schema wrote
    conn.close()
    with ProgressStore(store_path) as s:
        assert s.last_attempt("ex").notebook == "01" and s.last_reflection("r").text == "old text"
        assert s.ratings("stance") == {"refusal": -2} and s.get_setting("learner_id") == "learner-000000000002"
        assert s.reviews() == []
        s.record_review("ex", "h1", 3, "2026-03-02T09:00:00.000Z", CARD)
        assert not s.notices
    conn = sqlite3.connect(store_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST == 3
    assert conn.execute("SELECT rating, card FROM reviews").fetchall() == [(3, json.dumps(CARD))]
    conn.close()


def test_a_damaged_file_gives_back_its_reviews(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    with ProgressStore(path) as s:
        for i in range(40):
            s.record_review(f"ex{i:02d}", "h", i % 4 + 1, f"2026-03-02T09:{i:02d}:00.000Z", CARD)
        before = s.reviews()
    data = bytearray(path.read_bytes())
    data[:100] = bytes(100)  # a zeroed header: salvage rebuilds it and reads every row
    path.write_bytes(bytes(data))
    with ProgressStore(path) as s:
        [notice] = s.take_notices()
        assert notice.salvage.recovered("reviews") == 40 and notice.salvage.lost["reviews"] == 0
        assert "40 reviews" in notice.salvage.describe()
        assert s.reviews() == before


def test_a_review_row_with_a_damaged_card_is_counted_lost() -> None:
    assert not salvage._plausible("reviews", {"exercise_id": "a", "content_hash": "h", "rating": 3,
                                              "reviewed_at": "t", "card": "{not json"})  # fmt: skip
    assert salvage._plausible("reviews", {"exercise_id": "a", "content_hash": "h", "rating": 3,
                                          "reviewed_at": "t", "card": json.dumps(CARD)})  # fmt: skip


def test_the_export_carries_the_reviews_and_reads_back(store: ProgressStore) -> None:
    store.record_attempt("a", "h", "x", 1, 1, "Right.", "01")
    store.record_review("a", "h", 3, "2026-03-02T09:00:00.000Z", CARD)
    export = export_results(store)
    assert export["payload"]["reviews"] == [
        {"exercise_id": "a", "content_hash": "h", "rating": 3, "reviewed_at": "2026-03-02T09:00:00.000Z", "card": CARD}
    ]
    data, problem = parse_export(json.dumps(export).encode(), "export.json")
    assert problem is None and data == export


def test_an_export_made_before_the_review_queue_still_reads(tmp_path: Path) -> None:
    old = (FIXTURES / "export-good-learner-a.json").read_bytes()
    assert b'"reviews"' not in old
    data, problem = parse_export(old, "export-good-learner-a.json")
    assert problem is None and data is not None


def test_a_review_with_a_bad_rating_is_refused_naming_the_field(store: ProgressStore) -> None:
    store.record_review("a", "h", 3, "2026-03-02T09:00:00.000Z", CARD)
    export = export_results(store)
    export["payload"]["reviews"][0]["rating"] = 5
    export["checksum"]["value"] = checksum(export["payload"])
    data, problem = parse_export(json.dumps(export).encode(), "export.json")
    assert data is None
    assert "payload.reviews[0].rating: is 5; it must be a whole number from 1 (Again) to 4 (Easy)" in problem
