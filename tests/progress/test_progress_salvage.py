"""A damaged progress file gives back what it still holds: every row outside the damaged part.

Each test fills a store with 1,000 answers (plus reflections, ratings and the learner's pseudonym),
damages the file in one way, opens it again and checks that the rows outside the damage come back
exactly as written, that the rest is counted as lost, and that the damaged file is kept unchanged.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from course import cli
from course.progress import ProgressStore, salvage

N = 1000


def _fill(path: Path) -> None:
    with ProgressStore(path) as s:
        s.set_setting("learner_id", "quiet-heron-42")
        for i in range(N):
            s.record_attempt(f"ex{i:04d}", "h", f"answer {i} " * 30, 1, 2, f"feedback {i} " * 15, notebook="03")
        for i in range(5):
            s.save_reflection(f"refl{i}", "h", f"What I noticed, part {i}.", {"named the pull": True})
        s.save_ratings("rate", "h", {f"event{i}": i % 7 - 3 for i in range(12)}, "idealization")


def _answers(store: ProgressStore) -> dict[str, str]:
    return {a.exercise_id: a.answer for a in store.attempts()}


def _page_of_row(path: Path, exercise_id: str) -> int:
    """The page (0-based) on which a given answer's text is stored."""
    data = path.read_bytes()
    return data.index(f"answer {int(exercise_id[2:])} ".encode()) // 4096


def _reopen(path: Path) -> tuple[ProgressStore, salvage.Salvage, bytes]:
    kept_before = path.read_bytes()
    store = ProgressStore(path)
    [notice] = store.take_notices()
    assert notice.salvage is not None
    [kept] = [p for p in path.parent.iterdir() if ".corrupt-" in p.name and not p.name.endswith(("-wal", "-shm"))]
    assert kept.read_bytes() == kept_before  # the damaged original is kept, unchanged
    return store, notice.salvage, kept_before


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    path = tmp_path / "progress.sqlite3"
    _fill(path)
    return path


@pytest.fixture
def original(filled: Path) -> dict[str, str]:
    with ProgressStore(filled) as s:
        return _answers(s)


def test_one_damaged_page_loses_only_the_answers_on_that_page(filled: Path, original: dict[str, str]) -> None:
    victim = "ex0500"
    page = _page_of_row(filled, victim)
    data = bytearray(filled.read_bytes())
    data[page * 4096 : (page + 1) * 4096] = os.urandom(4096)
    filled.write_bytes(bytes(data))

    store, found, _ = _reopen(filled)
    back = _answers(store)
    assert victim not in back
    assert all(original[k] == v for k, v in back.items())  # nothing comes back altered
    assert len(back) >= N - 12  # one 4 KiB page holds only a few of these answers
    assert len(back) + found.lost["attempts"] == N
    assert store.get_setting("learner_id") == "quiet-heron-42"  # the pseudonym survives
    assert len(store.reflections()) == 5 and len(store.ratings("idealization")) == 12
    notice_text = found.describe()
    assert f"{len(back)} answers" in notice_text and f"{N - len(back)} answer" in notice_text
    store.close()


@pytest.mark.parametrize("keep", [0.8, 0.5])
def test_a_truncated_file_gives_back_the_answers_before_the_cut(
    filled: Path, original: dict[str, str], keep: float
) -> None:
    size = filled.stat().st_size
    cut = int(size * keep) // 4096 * 4096
    last_whole = filled.read_bytes()[:cut]
    os.truncate(filled, cut)
    store, found, _ = _reopen(filled)
    back = _answers(store)
    assert all(original[k] == v for k, v in back.items())
    # every answer whose text lies wholly before the cut comes back
    before_cut = {k for k in original if f"answer {int(k[2:])} ".encode() * 2 in last_whole}
    assert before_cut <= set(back)
    assert len(back) >= len(before_cut) > N * keep * 0.7
    assert found.lost["attempts"] > 0
    store.close()


def test_a_zeroed_header_is_rebuilt_and_everything_comes_back(filled: Path, original: dict[str, str]) -> None:
    data = bytearray(filled.read_bytes())
    data[:100] = bytes(100)
    filled.write_bytes(bytes(data))
    store, found, _ = _reopen(filled)
    assert _answers(store) == original
    assert found.lost == {"attempts": 0, "reflections": 0, "ratings": 0, "settings": 0, "reviews": 0}
    assert store.get_setting("learner_id") == "quiet-heron-42"
    store.close()


def _wal_store(path: Path) -> sqlite3.Connection:
    """1,000 answers in the file and 200 more only in its -wal (held open so nothing is checkpointed)."""
    _fill(path)
    holder = sqlite3.connect(str(path), isolation_level=None)
    holder.execute("PRAGMA wal_autocheckpoint = 0")
    holder.execute("BEGIN")
    holder.execute("SELECT count(*) FROM attempts").fetchone()  # a read lock keeps the WAL from being folded back
    writer = sqlite3.connect(str(path), isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    for i in range(200):
        writer.execute(
            "INSERT INTO attempts (exercise_id, content_hash, answer, score, max_score, feedback, created_at) "
            "VALUES (?, 'h', ?, 1, 2, '', '2026-12-01T00:00:00.000+00:00')",
            (f"wal{i:03d}", json.dumps(f"late answer {i}")),
        )
    writer.close()
    return holder


def test_a_torn_wal_keeps_the_answers_committed_before_the_tear(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    holder = _wal_store(path)
    wal = Path(f"{path}-wal")
    whole = wal.read_bytes()
    torn = tmp_path / "torn"
    torn.mkdir()
    (torn / path.name).write_bytes(path.read_bytes())
    (torn / f"{path.name}-wal").write_bytes(whole[: len(whole) * 2 // 3] + os.urandom(1000))
    holder.close()
    with ProgressStore(torn / path.name) as store:
        back = _answers(store)
    late = [k for k in back if k.startswith("wal")]
    assert sum(k.startswith("ex") for k in back) == N  # everything in the main file
    assert 0 < len(late) < 200  # the frames before the tear, not those after it
    assert late == [f"wal{i:03d}" for i in range(len(late))]  # a prefix, in order


def test_a_damaged_file_with_a_wal_is_salvaged_with_the_wal(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    holder = _wal_store(path)
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    data = bytearray(path.read_bytes())
    page = _page_of_row(path, "ex0300")
    data[page * 4096 : (page + 1) * 4096] = bytes(4096)
    (damaged / path.name).write_bytes(bytes(data))
    (damaged / f"{path.name}-wal").write_bytes(Path(f"{path}-wal").read_bytes())
    holder.close()
    found = salvage.read_damaged(damaged / path.name)
    ids = {r["exercise_id"] for r in found.rows["attempts"]}
    assert {f"wal{i:03d}" for i in range(200)} <= ids  # the answers only the WAL held
    assert len(ids) >= N + 200 - 12 and "ex0300" not in ids


def test_a_foreign_database_is_moved_aside_without_salvage(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE attempts_of_someone_else (x)")
    conn.commit()
    conn.close()
    with ProgressStore(path) as store:
        [notice] = store.take_notices()
        assert notice.salvage is None and store.attempts() == []


def test_garbage_gives_a_plain_reason_and_a_working_fresh_store(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    path.write_bytes(os.urandom(8192))
    with ProgressStore(path) as store:
        [notice] = store.take_notices()
        assert notice.salvage is not None and notice.salvage.problem
        assert "Nothing could be read back" in str(notice)
        store.record_attempt("ex", "h", "fresh", 1, 1, "")
        assert store.attempt_count("ex") == 1


def test_course_recover_adds_each_row_once(filled: Path, original: dict[str, str], tmp_path: Path, capsys) -> None:
    target = tmp_path / "fresh.sqlite3"
    data = bytearray(filled.read_bytes())
    page = _page_of_row(filled, "ex0700")
    data[page * 4096 : (page + 1) * 4096] = bytes(4096)
    kept = tmp_path / "progress.sqlite3.corrupt-20261206T000000"
    kept.write_bytes(bytes(data))
    assert cli.main(["recover", str(kept), "--into", str(target)]) == 0
    assert cli.main(["recover", str(kept), "--into", str(target)]) == 0  # a second run adds nothing
    with ProgressStore(target) as store:
        back = _answers(store)
        assert len(store.attempts()) == len(back)
    assert "ex0700" not in back and len(back) >= N - 12
    assert all(original[k] == v for k, v in back.items())
    out = capsys.readouterr().out
    assert "Added 0 of them" in out.splitlines()[-1]
    assert kept.read_bytes() == bytes(data)  # the kept file is only read


def test_course_recover_writes_an_export(filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "recovered.json"
    assert cli.main(["recover", str(filled), "--export", str(out)]) == 0
    payload = json.loads(out.read_text())["payload"]
    assert len(payload["attempts"]) == N and len(payload["reflections"]) == 5
    assert payload["learner"]["id"] == "quiet-heron-42"


def test_course_recover_on_a_missing_file_says_so(tmp_path: Path, capsys) -> None:
    assert cli.main(["recover", str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err
    assert "course recover:" in err and "nope" in err and "Traceback" not in err
