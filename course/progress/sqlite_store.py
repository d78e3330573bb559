"""``ProgressStore``: a learner's answers, reflections, ratings and settings in one private SQLite file.

WAL journal, ``synchronous=FULL``, a busy timeout, and every write in its own ``BEGIN IMMEDIATE``
transaction, so several kernels can share the file and a killed kernel never loses a committed answer.
A damaged or unreadable file is moved aside (never deleted) and a fresh store started; every row the
damaged file still holds is read back into it (``salvage``), and the learner is told what came back and
what was lost through a ``StoreRecovered`` notice (see ``take_notices``).
"""

from __future__ import annotations

import json
import logging
import math
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

from . import private_file, salvage, schema
from .errors import ProgressStoreError, StoreRecovered
from .records import Attempt, ExerciseSummary, Reflection, Review, merge_summary

T = TypeVar("T")
log = logging.getLogger(__name__)
_DAMAGE_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_BUSY_CODES = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED


class _Damaged(Exception):
    """Internal: the file is not a usable store; ``args[0]`` says why in plain words."""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def _code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)  # Python >= 3.11
    return None if code is None else code & 0xFF


def _is_damage(exc: sqlite3.Error) -> bool:
    code = _code(exc)
    if code is not None:
        return code in _DAMAGE_CODES
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text or "encrypted" in text


def _is_busy(exc: sqlite3.Error) -> bool:
    code = _code(exc)
    if code is not None:
        return code in _BUSY_CODES
    return "locked" in str(exc).lower() or "busy" in str(exc).lower()


def _describe(exc: sqlite3.Error) -> str:
    text = str(exc)
    if "not a database" in text:
        return "its contents are not an SQLite database"
    if "malformed" in text:
        return "it is damaged; SQLite reports a malformed database, as after a truncated copy"
    return f"SQLite reports: {text}"


def _json(value: Any, what: str) -> str:
    def fallback(obj: Any) -> Any:
        if isinstance(obj, (set, frozenset)):
            return sorted(obj, key=repr)
        raise TypeError(f"{what} cannot be saved: a {type(obj).__name__} is not plain data (JSON)")

    return json.dumps(value, ensure_ascii=False, default=fallback)


def _number(value: Any, what: str) -> float | int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"{what} must be a finite number or None, not {value!r}")
    return value


def _review_rating(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 4:
        raise ValueError(f"a review's rating must be a whole number from 1 (Again) to 4 (Easy), not {value!r}")
    return value


class ProgressStore:
    """One learner's progress file. Safe to share between processes; thread-safe within one."""

    def __init__(self, path: str | Path, *, timeout: float = 30.0) -> None:
        self.path = Path(path).expanduser()
        self.timeout = timeout
        self.notices: list[StoreRecovered] = []
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self._to_salvage: list[int] = []  # indexes into notices whose kept file is still to be read back
        self._open()

    # ----- opening, checking and recovering -------------------------------------------------------
    def _open(self) -> None:
        for _ in range(3):
            private_file.prepare(self.path)
            found = private_file.identity(self.path)
            reason = private_file.unreadable_reason(self.path)
            if reason is None:
                try:
                    self._conn = self._connect()
                except _Damaged as damaged:
                    reason = str(damaged)
                else:
                    self._salvage_moved()
                    return
            self._move_aside(reason, found)
        raise ProgressStoreError(
            f"Your progress file {self.path} keeps failing to open; set COURSE_PROGRESS to another file."
        )

    def _move_aside(self, reason: str, found: tuple[int, int] | None) -> None:
        moved = private_file.move_aside(self.path, found)
        if moved is None:  # another process moved it aside already
            return
        notice = StoreRecovered(self.path, moved, reason)
        if moved.is_file() and not reason.startswith(("permission denied", schema.FOREIGN)):
            self._to_salvage.append(len(self.notices))
        else:
            log.warning("%s", notice)
        self.notices.append(notice)

    def _salvage_moved(self) -> None:
        """Read every row the files just moved aside still hold back into the fresh store."""
        assert self._conn is not None
        while self._to_salvage:
            old = self.notices[self._to_salvage.pop(0)]
            found = salvage.read_damaged(old.moved_to)
            self._transaction(self._conn, lambda c, found=found: salvage.restore(c, found))
            old.salvage = found
            old.args = (old.message,)
            log.warning("%s", old)

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(str(self.path), timeout=self.timeout, isolation_level=None, check_same_thread=False)
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000):d}")
            check = conn.execute("PRAGMA quick_check").fetchall()
            if check != [("ok",)]:
                raise _Damaged(f"it failed SQLite's integrity check: {check[0][0]}")
            schema.check_ours(conn)  # before WAL, which would rewrite a foreign file's header
            self._enable_wal(conn)
            conn.execute("PRAGMA synchronous = FULL")
            self._transaction(conn, schema.migrate)
        except schema.ForeignDatabase as exc:
            conn.close()
            raise _Damaged(str(exc)) from None
        except schema.NewerSchema as exc:
            conn.close()
            raise ProgressStoreError(
                f"Your progress file {self.path} cannot be used: {exc}. Update the course, or set "
                "COURSE_PROGRESS to another file."
            ) from None
        except sqlite3.Error as exc:
            conn.close()
            if _is_damage(exc):
                raise _Damaged(_describe(exc)) from None
            raise self._error(exc) from None
        except BaseException:
            conn.close()
            raise
        private_file.make_private(self.path)
        return conn

    def _enable_wal(self, conn: sqlite3.Connection) -> None:
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                conn.execute("PRAGMA journal_mode = WAL").fetchone()
                return
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    def _error(self, exc: sqlite3.Error) -> ProgressStoreError:
        if _is_busy(exc):
            return ProgressStoreError(
                f"Your progress file {self.path} stayed locked by another process for more than "
                f"{self.timeout:g} s; close other course kernels and try again."
            )
        return ProgressStoreError(f"Your progress file {self.path} cannot be used: SQLite reports: {exc}.")

    # ----- running statements ----------------------------------------------------------------------
    @staticmethod
    def _transaction(conn: sqlite3.Connection, fn: Callable[[sqlite3.Connection], T]) -> T:
        conn.execute("BEGIN IMMEDIATE")
        try:
            result = fn(conn)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            raise
        return result

    def _run(self, fn: Callable[[sqlite3.Connection], T], *, write: bool) -> T:
        with self._lock:
            for retry in (False, True):
                if self._conn is None:
                    raise ProgressStoreError(f"The progress store {self.path} is closed.")
                try:
                    return self._transaction(self._conn, fn) if write else fn(self._conn)
                except sqlite3.Error as exc:
                    if retry or not _is_damage(exc):
                        raise self._error(exc) from None
                    found = private_file.identity(self.path)
                    self._conn.close()
                    self._conn = None
                    self._move_aside(_describe(exc), found)
                    self._open()
            raise AssertionError("unreachable")

    def close(self) -> None:
        """Close the connection (the last one to close folds the WAL back into the file)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def restore(self, found: salvage.Salvage) -> dict[str, int]:
        """Add the rows salvaged from a damaged file (``salvage.read_damaged``); rows already here are skipped."""
        return self._run(lambda c: salvage.restore(c, found), write=True)

    def take_notices(self) -> list[StoreRecovered]:
        """Notices not yet shown to the learner (each returned once)."""
        with self._lock:
            notices, self.notices = self.notices, []
            return notices

    # ----- attempts ---------------------------------------------------------------------------------
    def record_attempt(
        self,
        exercise_id: str,
        content_hash: str,
        answer: Any,
        score: float | int | None,
        max_score: float | int | None,
        feedback: str,
        notebook: str | None = None,
    ) -> Attempt:
        """Save one answer with its score and the feedback shown; return it as an ``Attempt``."""
        row = (
            str(exercise_id),
            str(content_hash),
            _json(answer, f"The answer to {exercise_id}"),
            _number(score, "score"),
            _number(max_score, "max_score"),
            str(feedback or ""),
            notebook,
            _now(),
        )
        self._run(
            lambda c: c.execute(
                "INSERT INTO attempts (exercise_id, content_hash, answer, score, max_score, feedback,"
                " notebook, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            ),
            write=True,
        )
        return Attempt(row[0], row[1], json.loads(row[2]), row[3], row[4], row[5], row[7], notebook)

    _ATTEMPT_COLS = "exercise_id, content_hash, answer, score, max_score, feedback, created_at, notebook"

    @staticmethod
    def _attempt(row: tuple[Any, ...], current_hash: str | None) -> Attempt:
        stale = current_hash is not None and row[1] != current_hash
        return Attempt(row[0], row[1], json.loads(row[2]), row[3], row[4], row[5], row[6], row[7], stale)

    def last_attempt(self, exercise_id: str, current_hash: str | None = None) -> Attempt | None:
        """The latest answer; ``.stale`` is true if it was given to a version other than ``current_hash``."""
        row = self._run(
            lambda c: c.execute(
                f"SELECT {self._ATTEMPT_COLS} FROM attempts WHERE exercise_id = ? ORDER BY id DESC LIMIT 1",
                (exercise_id,),
            ).fetchone(),
            write=False,
        )
        return None if row is None else self._attempt(row, current_hash)

    def attempts(self, exercise_id: str | None = None) -> list[Attempt]:
        """Every saved answer, oldest first (of one exercise if given)."""
        where, args = ("WHERE exercise_id = ?", (exercise_id,)) if exercise_id else ("", ())
        rows = self._run(
            lambda c: c.execute(f"SELECT {self._ATTEMPT_COLS} FROM attempts {where} ORDER BY id", args).fetchall(),
            write=False,
        )
        return [self._attempt(r, None) for r in rows]

    def attempt_count(self, exercise_id: str, content_hash: str | None = None) -> int:
        """How many answers were given to this version of the exercise (all versions if no hash)."""
        sql, args = "SELECT COUNT(*) FROM attempts WHERE exercise_id = ?", [exercise_id]
        if content_hash is not None:
            sql, args = sql + " AND content_hash = ?", [exercise_id, content_hash]
        return int(self._run(lambda c: c.execute(sql, args).fetchone()[0], write=False))

    # ----- reflections ------------------------------------------------------------------------------
    def save_reflection(self, exercise_id: str, content_hash: str, text: str, rubric: Mapping[str, Any]) -> Reflection:
        """Save a written reflection and the learner's rubric self-assessment."""
        row = (
            str(exercise_id),
            str(content_hash),
            str(text),
            _json(dict(rubric or {}), f"The rubric of {exercise_id}"),
            _now(),
        )
        self._run(
            lambda c: c.execute(
                "INSERT INTO reflections (exercise_id, content_hash, text, rubric, created_at) VALUES (?, ?, ?, ?, ?)",
                row,
            ),
            write=True,
        )
        return Reflection(row[0], row[1], row[2], json.loads(row[3]), row[4])

    def last_reflection(self, exercise_id: str, current_hash: str | None = None) -> Reflection | None:
        """The latest reflection on an exercise (``.stale`` as for ``last_attempt``)."""
        row = self._run(
            lambda c: c.execute(
                "SELECT exercise_id, content_hash, text, rubric, created_at FROM reflections"
                " WHERE exercise_id = ? ORDER BY id DESC LIMIT 1",
                (exercise_id,),
            ).fetchone(),
            write=False,
        )
        if row is None:
            return None
        stale = current_hash is not None and row[1] != current_hash
        return Reflection(row[0], row[1], row[2], json.loads(row[3]), row[4], stale)

    def reflections(self) -> list[Reflection]:
        """Every saved reflection, oldest first."""
        rows = self._run(
            lambda c: c.execute(
                "SELECT exercise_id, content_hash, text, rubric, created_at FROM reflections ORDER BY id"
            ).fetchall(),
            write=False,
        )
        return [Reflection(r[0], r[1], r[2], json.loads(r[3]), r[4]) for r in rows]

    # ----- ratings ----------------------------------------------------------------------------------
    def save_ratings(self, exercise_id: str, content_hash: str, values: Mapping[str, int], dimension: str) -> None:
        """Save the learner's rating of each event on one dimension (one transaction)."""
        when = _now()
        rows = []
        for event_id, value in values.items():
            if isinstance(value, bool) or not isinstance(value, int) or not -3 <= value <= 3:
                raise ValueError(f"rating of {event_id!r} must be a whole number from -3 to 3, not {value!r}")
            rows.append((str(exercise_id), str(content_hash), str(dimension), str(event_id), value, when))
        self._run(
            lambda c: c.executemany(
                "INSERT INTO ratings (exercise_id, content_hash, dimension, event_id, value, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                rows,
            ),
            write=True,
        )

    def ratings(self, dimension: str, exercise_id: str | None = None) -> dict[str, int]:
        """The latest value the learner gave each event on ``dimension`` (optionally in one exercise)."""
        sql = (
            "SELECT event_id, value FROM ratings WHERE id IN (SELECT MAX(id) FROM ratings"
            " WHERE dimension = ?{} GROUP BY event_id) ORDER BY id"
        )
        args: list[str] = [dimension]
        if exercise_id is not None:
            sql, args = sql.format(" AND exercise_id = ?"), [dimension, exercise_id]
        else:
            sql = sql.format("")
        rows = self._run(lambda c: c.execute(sql, args).fetchall(), write=False)
        return {event: int(value) for event, value in rows}

    def rating_rows(self) -> list[dict[str, Any]]:
        """Every saved rating, oldest first, as plain dicts (for export)."""
        cols = ("exercise_id", "content_hash", "dimension", "event_id", "value", "created_at")
        rows = self._run(
            lambda c: c.execute(f"SELECT {', '.join(cols)} FROM ratings ORDER BY id").fetchall(), write=False
        )
        return [dict(zip(cols, r)) for r in rows]

    # ----- reviews ----------------------------------------------------------------------------------
    def record_review(
        self, exercise_id: str, content_hash: str, rating: int, reviewed_at: str, card: Mapping[str, Any]
    ) -> Review:
        """Keep one review: its rating (1 to 4), its time (UTC ISO 8601) and the card state after it."""
        row = (
            str(exercise_id),
            str(content_hash),
            _review_rating(rating),
            str(reviewed_at),
            _json(dict(card), f"The card state of {exercise_id}"),
        )
        self._run(
            lambda c: c.execute(
                "INSERT INTO reviews (exercise_id, content_hash, rating, reviewed_at, card) VALUES (?, ?, ?, ?, ?)",
                row,
            ),
            write=True,
        )
        return Review(row[0], row[1], row[2], row[3], json.loads(row[4]))

    def reviews(self, exercise_id: str | None = None) -> list[Review]:
        """Every review, oldest first (of one exercise if given)."""
        where, args = ("WHERE exercise_id = ?", (exercise_id,)) if exercise_id else ("", ())
        rows = self._run(
            lambda c: c.execute(
                f"SELECT exercise_id, content_hash, rating, reviewed_at, card FROM reviews {where} ORDER BY id", args
            ).fetchall(),
            write=False,
        )
        return [Review(r[0], r[1], int(r[2]), r[3], json.loads(r[4])) for r in rows]

    # ----- settings ---------------------------------------------------------------------------------
    def get_setting(self, key: str, default: Any = None) -> Any:
        """A setting's value (any JSON value), or ``default`` if unset."""
        row = self._run(lambda c: c.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone(), write=False)
        return default if row is None else json.loads(row[0])

    def set_setting(self, key: str, value: Any) -> None:
        """Store a setting (any JSON value), replacing an earlier one."""
        text = _json(value, f"The setting {key!r}")
        self._run(
            lambda c: c.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, text),
            ),
            write=True,
        )

    def ensure_setting(self, key: str, value: Any) -> Any:
        """Store ``value`` unless the key is set already; return the stored value (atomic)."""
        text = _json(value, f"The setting {key!r}")

        def put(c: sqlite3.Connection) -> Any:
            c.execute("INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)", (key, text))
            return json.loads(c.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()[0])

        return self._run(put, write=True)

    # ----- summary ----------------------------------------------------------------------------------
    def summary(self) -> dict[str, ExerciseSummary]:
        """Per exercise, in order of first activity: attempts, best score, whether it is completed.

        ``attempts`` counts answers; an exercise with none counts its reflections or rating saves.
        Completed: full marks once, an ungraded answer, or a saved reflection or ratings.
        """

        def read(c: sqlite3.Connection) -> list[list[tuple[Any, ...]]]:
            return [
                c.execute(
                    "SELECT exercise_id, COUNT(*), MAX(score), MAX(max_score), MAX(CASE WHEN max_score"
                    " IS NULL OR max_score = 0 OR score >= max_score THEN 1 ELSE 0 END),"
                    " MIN(created_at), MAX(created_at) FROM attempts GROUP BY exercise_id"
                ).fetchall(),
                c.execute(
                    "SELECT exercise_id, COUNT(*), NULL, NULL, 1, MIN(created_at), MAX(created_at)"
                    " FROM reflections GROUP BY exercise_id"
                ).fetchall(),
                c.execute(
                    "SELECT exercise_id, COUNT(DISTINCT created_at), NULL, NULL, 1, MIN(created_at),"
                    " MAX(created_at) FROM ratings GROUP BY exercise_id"
                ).fetchall(),
            ]

        return merge_summary(row for table in self._run(read, write=False) for row in table)
