"""Round trips of every ProgressStore method, file mode, WAL, schema migration, current()/use()."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import course.progress as progress
from course.progress import Attempt, ProgressStore, schema


def test_record_and_last_attempt_round_trip(store: ProgressStore) -> None:
    assert store.last_attempt("ex") is None
    saved = store.record_attempt("ex", "h1", {"pick": ["a", "b"]}, 1, 2, "Half right.", notebook="01_nb")
    got = store.last_attempt("ex")
    assert got == saved
    assert isinstance(got, Attempt)
    assert (got.answer, got.score, got.max_score, got.feedback, got.content_hash, got.notebook) == (
        {"pick": ["a", "b"]},
        1,
        2,
        "Half right.",
        "h1",
        "01_nb",
    )
    assert got.created_at and not got.stale and not got.correct
    with pytest.raises(AttributeError):
        got.score = 2  # type: ignore[misc]  # frozen


def test_last_attempt_is_latest_and_marked_stale_for_other_version(store: ProgressStore) -> None:
    store.record_attempt("ex", "old", "first", 0, 1, "No.")
    store.record_attempt("ex", "old", "second", 1, 1, "Yes.")
    assert store.last_attempt("ex").answer == "second"
    assert store.last_attempt("ex", current_hash="old").stale is False
    kept = store.last_attempt("ex", current_hash="new")
    assert kept.stale is True and kept.answer == "second"  # kept, only marked
    assert store.last_attempt("ex").correct


def test_scores_keep_ints_and_floats_and_none(store: ProgressStore) -> None:
    store.record_attempt("a", "h", 1, 2.5, 3, "")
    store.record_attempt("b", "h", 1, None, None, "")
    assert store.last_attempt("a").score == 2.5 and isinstance(store.last_attempt("a").max_score, int)
    assert store.last_attempt("b").score is None


@pytest.mark.parametrize("bad", [True, "3", float("nan")])
def test_bad_score_is_refused_before_writing(store: ProgressStore, bad: object) -> None:
    with pytest.raises(ValueError, match="score"):
        store.record_attempt("a", "h", 1, bad, 3, "")  # type: ignore[arg-type]
    assert store.attempt_count("a") == 0


def test_answer_that_is_not_plain_data_is_refused(store: ProgressStore) -> None:
    with pytest.raises(TypeError, match="The answer to a cannot be saved"):
        store.record_attempt("a", "h", object(), 0, 1, "")
    store.record_attempt("a", "h", {"s": {"b", "a"}, "t": (1, 2)}, 0, 1, "")
    assert store.last_attempt("a").answer == {"s": ["a", "b"], "t": [1, 2]}


def test_attempt_count_per_version(store: ProgressStore) -> None:
    for h in ("v1", "v1", "v2"):
        store.record_attempt("ex", h, "x", 0, 1, "")
    store.record_attempt("other", "v1", "x", 0, 1, "")
    assert store.attempt_count("ex", "v1") == 2
    assert store.attempt_count("ex", "v2") == 1
    assert store.attempt_count("ex", "v3") == 0
    assert store.attempt_count("ex") == 3
    assert [a.content_hash for a in store.attempts("ex")] == ["v1", "v1", "v2"]
    assert len(store.attempts()) == 4


def test_reflection_round_trip(store: ProgressStore) -> None:
    assert store.last_reflection("r") is None
    store.save_reflection("r", "h1", "First thoughts.", {"names-feeling": False})
    saved = store.save_reflection("r", "h1", "Jane’s request made me… uneasy.", {"names-feeling": True})
    got = store.last_reflection("r")
    assert got == saved
    assert got.text == "Jane’s request made me… uneasy." and got.rubric == {"names-feeling": True}
    assert store.last_reflection("r", current_hash="h2").stale
    assert [r.text for r in store.reflections()] == ["First thoughts.", "Jane’s request made me… uneasy."]


def test_ratings_latest_value_per_event(store: ProgressStore) -> None:
    store.save_ratings("rate", "h", {"friendship-request": 3, "refusal": 1}, "transference")
    store.save_ratings("rate", "h", {"refusal": -2}, "transference")
    store.save_ratings("rate", "h", {"refusal": 2}, "alliance")
    store.save_ratings("other", "h", {"fee-waived": -1}, "transference")
    assert store.ratings("transference") == {"friendship-request": 3, "refusal": -2, "fee-waived": -1}
    assert store.ratings("alliance") == {"refusal": 2}
    assert store.ratings("transference", exercise_id="rate") == {"friendship-request": 3, "refusal": -2}
    assert store.ratings("stance") == {}
    assert len(store.rating_rows()) == 5


@pytest.mark.parametrize("bad", [4, -4, 1.5, True, "2"])
def test_rating_out_of_scale_is_refused_and_nothing_saved(store: ProgressStore, bad: object) -> None:
    with pytest.raises(ValueError, match="-3 to 3"):
        store.save_ratings("rate", "h", {"a": 1, "b": bad}, "transference")  # type: ignore[dict-item]
    assert store.ratings("transference") == {}


def test_settings_round_trip_any_json_value(store: ProgressStore) -> None:
    assert store.get_setting("profession") is None
    assert store.get_setting("profession", "counselling") == "counselling"
    store.set_setting("profession", "social work")
    store.set_setting("profession", "psychology")
    store.set_setting("seen", {"intro": True, "count": 2})
    assert store.get_setting("profession") == "psychology"
    assert store.get_setting("seen") == {"intro": True, "count": 2}
    assert store.ensure_setting("profession", "other") == "psychology"
    assert store.ensure_setting("fresh", 1) == 1


def test_summary_per_exercise(store: ProgressStore) -> None:
    store.record_attempt("mc", "h", "a", 0, 2, "")
    store.record_attempt("mc", "h", "b", 2, 2, "")
    store.record_attempt("hard", "h", "a", 1, 3, "")
    store.record_attempt("ungraded", "h", "a", None, None, "")
    store.save_reflection("refl", "h", "text", {})
    store.save_ratings("rate", "h", {"e": 1}, "alliance")
    s = store.summary()
    assert set(s) == {"mc", "hard", "ungraded", "refl", "rate"}
    assert (s["mc"].attempts, s["mc"].best_score, s["mc"].max_score, s["mc"].completed) == (2, 2, 2, True)
    assert (s["hard"].attempts, s["hard"].best_score, s["hard"].completed) == (1, 1, False)
    assert s["ungraded"].completed and s["refl"].completed and s["rate"].completed
    assert s["rate"].attempts == 1


def test_summary_counts_a_reflection_with_its_attempt_record_once(store: ProgressStore) -> None:
    store.save_reflection("refl", "h", "Some words here.", {"a": True})
    store.record_attempt("refl", "h", {"words": 3}, 1, 1, "Thank you.")
    s = store.summary()["refl"]
    assert (s.attempts, s.best_score, s.max_score, s.completed) == (1, 1, 1, True)


def test_file_is_private_0600(store: ProgressStore, store_path: Path) -> None:
    store.record_attempt("ex", "h", "x", 0, 1, "")
    for p in (store_path, Path(f"{store_path}-wal"), Path(f"{store_path}-shm")):
        if p.exists():
            assert stat.S_IMODE(p.stat().st_mode) == 0o600, p


def test_existing_file_is_made_private(store_path: Path) -> None:
    store_path.parent.mkdir(parents=True)
    store_path.touch(mode=0o644)
    os.chmod(store_path, 0o644)
    ProgressStore(store_path).close()
    assert stat.S_IMODE(store_path.stat().st_mode) == 0o600


def test_wal_and_full_sync_and_busy_timeout(store: ProgressStore, store_path: Path) -> None:
    conn = store._conn
    assert conn is not None
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    other = sqlite3.connect(store_path)
    assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"  # persistent in the file
    other.close()


def test_schema_is_latest_version(store: ProgressStore, store_path: Path) -> None:
    conn = sqlite3.connect(store_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST == len(schema.MIGRATIONS)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert schema.OUR_TABLES <= tables
    conn.close()


V1_SQL = """
CREATE TABLE attempts (id INTEGER PRIMARY KEY AUTOINCREMENT, exercise_id TEXT NOT NULL,
  content_hash TEXT NOT NULL, answer TEXT NOT NULL, score NUMERIC, max_score NUMERIC,
  feedback TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL);
CREATE TABLE reflections (id INTEGER PRIMARY KEY AUTOINCREMENT, exercise_id TEXT NOT NULL,
  content_hash TEXT NOT NULL, text TEXT NOT NULL, rubric TEXT NOT NULL DEFAULT '{}', created_at TEXT NOT NULL);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO attempts (exercise_id, content_hash, answer, score, max_score, feedback, created_at)
  VALUES ('ex', 'h1', '["a"]', 1, 1, 'Right.', '2026-01-01T00:00:00+00:00');
INSERT INTO reflections (exercise_id, content_hash, text, rubric, created_at)
  VALUES ('r', 'h1', 'old text', '{"x": 1}', '2026-01-01T00:00:00+00:00');
INSERT INTO settings VALUES ('learner_id', '"learner-000000000001"');
PRAGMA user_version = 1;
"""


def test_migrates_a_v1_database_keeping_its_data(store_path: Path) -> None:
    store_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(store_path)
    conn.executescript(V1_SQL)  # exactly what version 1 of the course wrote
    conn.close()
    with ProgressStore(store_path) as s:
        old = s.last_attempt("ex")
        assert (old.answer, old.score, old.feedback, old.notebook) == (["a"], 1, "Right.", None)
        assert s.last_reflection("r").rubric == {"x": 1}
        assert s.get_setting("learner_id") == "learner-000000000001"
        s.save_ratings("rate", "h", {"e": 2}, "stance")  # the v2 table exists
        s.record_attempt("ex", "h2", ["b"], 0, 1, "No.", notebook="01")
        assert s.ratings("stance") == {"e": 2} and s.last_attempt("ex").notebook == "01"
        assert not s.notices
    conn = sqlite3.connect(store_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_reopening_keeps_everything(store_path: Path) -> None:
    with ProgressStore(store_path) as s:
        s.record_attempt("ex", "h", "x", 1, 1, "ok")
        s.set_setting("k", "v")
    with ProgressStore(store_path) as s:
        assert s.attempt_count("ex", "h") == 1 and s.get_setting("k") == "v"


def test_threads_share_one_store(store: ProgressStore) -> None:
    def work(i: int) -> None:
        for j in range(25):
            store.record_attempt(f"t{i}", "h", j, 0, 1, "")

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(store.attempt_count(f"t{i}") for i in range(4)) == 100


def test_current_uses_env_and_use_switches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COURSE_PROGRESS", str(tmp_path / "env" / "p.sqlite3"))
    progress.use(None)
    try:
        assert progress.default_path() == tmp_path / "env" / "p.sqlite3"
        first = progress.current()
        assert first is progress.current() and first.path == tmp_path / "env" / "p.sqlite3"
        second = progress.use(tmp_path / "other.sqlite3")
        assert second is progress.current() and second.path == tmp_path / "other.sqlite3"
        assert first._conn is None  # the old one was closed
    finally:
        progress.use(None)


def test_default_path_is_platform_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv("COURSE_PROGRESS", raising=False)
    expected = Path(platformdirs.user_data_dir("jane-susan-course", appauthor=False)) / "progress.sqlite3"
    assert progress.default_path() == expected


def test_import_uses_only_the_standard_library() -> None:
    code = (
        "import sys, course.progress, course.classroom.export, course.classroom.summary; "
        "bad = [m for m in sys.modules if m.split('.')[0] in "
        "('platformdirs', 'matplotlib', 'yaml', 'pydantic', 'ipywidgets', 'numpy')]; print(bad)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert out.stdout.strip() == "[]", out.stdout
