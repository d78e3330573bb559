"""A damaged or unreadable store is moved aside (never deleted) and a fresh one started."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from course.progress import ProgressStore, ProgressStoreError, StoreRecovered
from course.progress import private_file as storefile


def _aside(path: Path) -> list[Path]:
    return sorted(p for p in path.parent.iterdir() if ".corrupt-" in p.name and not p.name.endswith(("-wal", "-shm")))


def _filled(path: Path, n: int = 300) -> None:
    with ProgressStore(path) as s:
        for i in range(n):
            s.record_attempt(f"ex{i}", "h", "answer " * 40, 1, 1, "feedback " * 20)


def _check_recovered(path: Path, store: ProgressStore, original: bytes, words: str) -> StoreRecovered:
    [kept] = _aside(path)
    assert kept.read_bytes() == original  # kept unchanged, never deleted
    [notice] = store.take_notices()
    assert isinstance(notice, StoreRecovered)
    assert str(path) in str(notice) and str(kept) in str(notice)
    assert words in notice.reason
    assert notice.moved_to == kept
    assert store.take_notices() == []  # shown once
    store.record_attempt("ex", "h", "fresh", 1, 1, "")  # the fresh store works
    assert store.attempt_count("ex") == 1
    return notice


def test_garbage_file_is_moved_aside_and_fresh_store_started(store_path: Path) -> None:
    store_path.parent.mkdir(parents=True)
    junk = os.urandom(4096)
    store_path.write_bytes(junk)
    store = ProgressStore(store_path)  # no exception reaches the caller
    _check_recovered(store_path, store, junk, "not an SQLite database")
    store.close()


@pytest.mark.parametrize("size", [50, 1000, 4096, 20000])
def test_truncated_file_is_moved_aside(store_path: Path, size: int) -> None:
    _filled(store_path)
    os.truncate(store_path, size)
    original = store_path.read_bytes()
    with ProgressStore(store_path) as store:
        _check_recovered(store_path, store, original, "damaged")


def test_zeroed_pages_are_detected(store_path: Path) -> None:
    _filled(store_path)
    data = bytearray(store_path.read_bytes())
    data[8192:16384] = bytes(8192)
    store_path.write_bytes(bytes(data))
    with ProgressStore(store_path) as store:
        _check_recovered(store_path, store, bytes(data), "damaged")


def test_other_sqlite_database_is_not_used(store_path: Path) -> None:
    store_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(store_path)
    conn.execute("CREATE TABLE photos (id INTEGER)")
    conn.commit()
    conn.close()
    original = store_path.read_bytes()
    with ProgressStore(store_path) as store:
        _check_recovered(store_path, store, original, "not a course progress file")


def test_folder_in_place_of_the_file_is_moved_aside(store_path: Path) -> None:
    store_path.mkdir(parents=True)
    (store_path / "keep.txt").write_text("mine")
    with ProgressStore(store_path) as store:
        [kept] = _aside(store_path)
        assert (kept / "keep.txt").read_text() == "mine"
        [notice] = store.take_notices()
        assert "folder" in notice.reason and str(kept) in str(notice)


def test_permission_denied_file_is_moved_aside(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _filled(store_path, 3)
    original = store_path.read_bytes()
    theirs = storefile.identity(store_path)
    real_access = os.access

    def access(path: object, mode: int, **kw: object) -> bool:  # as if the file were another user's
        if Path(str(path)) == store_path and storefile.identity(store_path) == theirs:
            return False
        return real_access(path, mode, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(storefile.os, "access", access)
    with ProgressStore(store_path) as store:
        _check_recovered(store_path, store, original, "permission denied")


def test_side_files_move_with_the_damaged_store(store_path: Path) -> None:
    store_path.parent.mkdir(parents=True)
    store_path.write_bytes(b"not sqlite at all" * 100)
    Path(f"{store_path}-wal").write_bytes(b"old wal")
    with ProgressStore(store_path) as store:
        [kept] = _aside(store_path)
        assert Path(f"{kept}-wal").read_bytes() == b"old wal"
        assert store.attempt_count("x") == 0


def test_two_recoveries_keep_both_old_files(store_path: Path) -> None:
    store_path.parent.mkdir(parents=True)
    for junk in (b"first junk" * 50, b"second junk" * 50):
        store_path.write_bytes(junk)
        ProgressStore(store_path).close()
    kept = _aside(store_path)
    assert sorted(p.read_bytes() for p in kept) == sorted([b"first junk" * 50, b"second junk" * 50])


def test_damage_found_while_open_is_recovered_and_the_write_retried(store_path: Path) -> None:
    store = ProgressStore(store_path)
    store.record_attempt("ex", "h", "x", 0, 1, "")
    calls = []

    def damaged_once(conn: sqlite3.Connection) -> int:
        calls.append(1)
        if len(calls) == 1:
            raise sqlite3.DatabaseError("database disk image is malformed")
        conn.execute("INSERT INTO settings VALUES ('k', '1')")
        return 7

    assert store._run(damaged_once, write=True) == 7  # no exception reaches the caller
    [notice] = store.take_notices()
    assert "damaged" in notice.reason and notice.moved_to.exists()
    assert store.get_setting("k") == 1  # the retried write went to the fresh store
    assert store.attempt_count("ex") == 1 and notice.salvage.recovered("attempts") == 1  # read back from the kept file
    store.close()


def test_unwritable_folder_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    real_access = os.access
    monkeypatch.setattr(
        storefile.os, "access", lambda p, m, **kw: False if Path(str(p)) == folder else real_access(p, m, **kw)
    )
    with pytest.raises(ProgressStoreError, match=r"Cannot write to the folder .*ro.*COURSE_PROGRESS"):
        ProgressStore(folder / "progress.sqlite3")


def test_folder_that_cannot_be_made_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(ProgressStoreError, match="Cannot create the folder .*a-file"):
        ProgressStore(tmp_path / "a-file" / "progress.sqlite3")


def test_store_from_a_newer_course_is_left_alone(store_path: Path) -> None:
    _filled(store_path, 1)
    conn = sqlite3.connect(store_path)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    with pytest.raises(ProgressStoreError, match="newer version of the course"):
        ProgressStore(store_path)
    assert _aside(store_path) == []  # not moved: a newer course can still read it
