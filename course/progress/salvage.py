"""Salvage: read back every row that a damaged progress file still holds.

A bad copy, a sync conflict or a failing disk usually damages a few pages of the file, not all of it.
``read_damaged`` reads a *copy* of the file (and of its ``-wal``), so the kept original is never changed,
and collects the rows of the five tables (answers, reflections, ratings, settings, reviews) one by one:

- rows are read in rowid order in small batches; where a batch hits a damaged page, each rowid in the
  gap is tried on its own, so only the rows stored on a damaged page are lost;
- the highest rowid comes from ``max(rowid)`` or, when that path is damaged, from ``sqlite_sequence``,
  so the rows after a damaged stretch, or lost at the end of a truncated file, are counted as lost;
- a torn ``-wal`` is read as SQLite reads it: the frames before the tear count, the rest are ignored;
- a zeroed or overwritten 100-byte header is rebuilt from a fresh database's header with the file's own
  page size (or the usual 4096), since the b-tree pages after it are intact.

SQLite's own ``.recover`` (the sqlite3 shell) was tried on such files first: in SQLite 3.40 (Debian 12)
it stops with "SQL logic error" and recovers nothing, so the course reads the rows itself through the
standard library's ``sqlite3``. Each row is checked against the column types before it is restored.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import schema

# The columns kept for each table (``id`` is not copied: the fresh store numbers rows itself, in order).
COLUMNS: dict[str, tuple[str, ...]] = {
    "attempts": ("exercise_id", "content_hash", "answer", "score", "max_score", "feedback", "created_at", "notebook"),
    "reflections": ("exercise_id", "content_hash", "text", "rubric", "created_at"),
    "ratings": ("exercise_id", "content_hash", "dimension", "event_id", "value", "created_at"),
    "settings": ("key", "value"),
    "reviews": ("exercise_id", "content_hash", "rating", "reviewed_at", "card"),
}
# Columns that must be numbers (the rest are text), and columns that may be missing (NULL).
_NUMBERS = {("attempts", "score"), ("attempts", "max_score"), ("ratings", "value"), ("reviews", "rating")}
_OPTIONAL = {("attempts", "notebook"), ("attempts", "score"), ("attempts", "max_score")}
_JSON = {("attempts", "answer"), ("reflections", "rubric"), ("settings", "value"), ("reviews", "card")}
_BATCH = 256
_HEADER = 100


@dataclass
class Salvage:
    """What could be read back from one damaged file: rows per table, and how many were lost."""

    source: Path
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {t: [] for t in COLUMNS})
    lost: dict[str, int] = field(default_factory=lambda: {t: 0 for t in COLUMNS})
    problem: str | None = None  # why nothing at all could be read, in plain words

    def recovered(self, table: str) -> int:
        return len(self.rows[table])

    def describe(self) -> str:
        """One or two sentences for the learner: what came back and what was lost."""
        if self.problem:
            return f"Nothing could be read back from it: {self.problem}."
        got = _counted(
            self.recovered("attempts"),
            self.recovered("reflections"),
            self.recovered("ratings"),
            self.recovered("reviews"),
        )
        lost = _counted(self.lost["attempts"], self.lost["reflections"], self.lost["ratings"], self.lost["reviews"])
        said = f"From it, {got} came back into the fresh file." if got else "It held no answers to bring back."
        return f"{said} Lost, because they sat on its damaged part: {lost}." if lost else said


def _counted(answers: int, reflections: int, ratings: int, reviews: int = 0) -> str:
    """ "3 answers, 1 reflection, 12 event ratings and 5 reviews" (empty when all are 0)."""
    parts = [
        f"{n} {word}{'' if n == 1 else 's'}"
        for n, word in (
            (answers, "answer"),
            (reflections, "reflection"),
            (ratings, "event rating"),
            (reviews, "review"),
        )
        if n
    ]
    return " and ".join([", ".join(parts[:-1]), parts[-1]]) if len(parts) > 1 else "".join(parts)


def read_damaged(path: str | Path) -> Salvage:
    """Every readable row of the progress file at ``path``; the file itself is not changed."""
    result = Salvage(Path(path))
    with tempfile.TemporaryDirectory(prefix="course-salvage-") as tmp:
        copy = Path(tmp) / "damaged.sqlite3"
        try:
            shutil.copyfile(path, copy)
            wal = Path(f"{path}-wal")
            if wal.is_file():
                shutil.copyfile(wal, Path(f"{copy}-wal"))
        except OSError as exc:
            result.problem = f"it cannot be read: {exc.strerror or exc}"
            return result
        conn = _open_readable(copy)
        if conn is None:
            result.problem = "its first page, which lists the tables, is damaged"
            return result
        try:
            for table in COLUMNS:
                _read_table(conn, table, result)
        finally:
            conn.close()
    return result


def _open_readable(copy: Path) -> sqlite3.Connection | None:
    """A connection to the copy whose table list can be read, rebuilding a damaged header if need be."""
    conn = _try_open(copy)
    if conn is not None:
        return conn
    _rebuild_header(copy)
    return _try_open(copy)


def _try_open(copy: Path) -> sqlite3.Connection | None:
    conn = sqlite3.connect(str(copy), isolation_level=None)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.Error:
        conn.close()
        return None
    if not tables & set(COLUMNS):
        conn.close()
        return None
    return conn


def _rebuild_header(copy: Path) -> None:
    """Write a valid header over a damaged one: a fresh database's, with this file's page size."""
    data = bytearray(copy.read_bytes())
    if len(data) < _HEADER:
        return
    stated = int.from_bytes(data[16:18], "big")
    page_size = 65536 if stated == 1 else stated
    if page_size < 512 or page_size & (page_size - 1) or len(data) % page_size:
        page_size = 4096
    with tempfile.TemporaryDirectory(prefix="course-header-") as tmp:
        template = Path(tmp) / "t.sqlite3"
        fresh = sqlite3.connect(str(template))
        fresh.execute(f"PRAGMA page_size = {page_size:d}")
        fresh.execute("CREATE TABLE t (x)")
        fresh.commit()
        fresh.close()
        header = bytearray(template.read_bytes()[:_HEADER])
    header[28:32] = bytes(4)  # page count: 0 makes SQLite take it from the file's size
    header[92:100] = bytes(8)  # "version valid for" no longer matches: the page count above is ignored
    header[60:64] = schema.LATEST.to_bytes(4, "big")  # user_version
    data[:_HEADER] = header
    copy.write_bytes(bytes(data))


def _read_table(conn: sqlite3.Connection, table: str, result: Salvage) -> None:
    try:
        present = {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}
    except sqlite3.Error:
        present = set(COLUMNS[table])
    if not present:
        return
    columns = [c for c in COLUMNS[table] if c in present]
    select = f'SELECT rowid, {", ".join(columns)} FROM "{table}"'
    for values in _rows(conn, select, table, result):
        row = dict(zip(columns, values))
        if _plausible(table, row):
            result.rows[table].append(row)
        else:
            result.lost[table] += 1


def _rows(conn: sqlite3.Connection, select: str, table: str, result: Salvage) -> Iterator[tuple[Any, ...]]:
    """The readable rows in rowid order (without the rowid); unreadable rowids are counted as lost."""
    last = 0
    top = _highest_rowid(conn, table)
    while True:
        try:
            batch = conn.execute(f"{select} WHERE rowid > ? ORDER BY rowid LIMIT {_BATCH:d}", (last,)).fetchall()
        except sqlite3.Error:
            batch = None
        if batch:
            for row in batch:
                yield row[1:]
            last = batch[-1][0]
            continue
        if batch == [] and (top is None or last >= top):
            return
        # A damaged page: try each rowid on its own until a batch reads again.
        if top is None or last >= top:
            return
        rowid = last + 1
        try:
            single = conn.execute(f"{select} WHERE rowid = ?", (rowid,)).fetchall()
        except sqlite3.Error:
            result.lost[table] += 1
        else:
            for row in single:
                yield row[1:]
        last = rowid


def _highest_rowid(conn: sqlite3.Connection, table: str) -> int | None:
    """The table's highest rowid ever used, from the table itself or, failing that, sqlite_sequence."""
    found: list[int] = []
    for query, args in (
        (f'SELECT max(rowid) FROM "{table}"', ()),
        ("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)),
    ):
        try:
            value = conn.execute(query, args).fetchone()
        except sqlite3.Error:
            continue
        if value and isinstance(value[0], int):
            found.append(value[0])
    return max(found) if found else None


def _plausible(table: str, row: Mapping[str, Any]) -> bool:
    """Whether every value has its column's type (a damaged cell can read back as the wrong type)."""
    for name, value in row.items():
        if value is None:
            if (table, name) not in _OPTIONAL:
                return False
        elif (table, name) in _NUMBERS:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                return False
        elif not isinstance(value, str):
            return False
        elif (table, name) in _JSON and not _is_json(value):
            return False
    return True


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def restore(conn: sqlite3.Connection, salvage: Salvage) -> dict[str, int]:
    """Insert the salvaged rows into a store's connection, inside the caller's write transaction.

    A row that the store already holds (every column equal) is not added again, so recovering the same
    file twice, or a file whose rows were already salvaged on opening, adds nothing twice. Settings kept in
    the old file (such as the learner's pseudonym) replace the fresh file's. Returns the rows added per table.
    """
    added = {table: 0 for table in COLUMNS}
    for table, columns in COLUMNS.items():
        for row in salvage.rows[table]:
            names = [c for c in columns if c in row]
            values = [row[c] for c in names]
            if table == "settings":
                conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (row["key"], row["value"]))
                added[table] += 1
                continue
            same = " AND ".join(f"{c} IS ?" for c in names)
            if conn.execute(f'SELECT 1 FROM "{table}" WHERE {same} LIMIT 1', values).fetchone():
                continue
            marks = ", ".join("?" for _ in names)
            conn.execute(f'INSERT INTO "{table}" ({", ".join(names)}) VALUES ({marks})', values)
            added[table] += 1
    return added
