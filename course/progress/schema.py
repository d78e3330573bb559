"""The progress database schema, versioned with ``PRAGMA user_version``.

``MIGRATIONS[i]`` takes a database from version ``i`` to ``i + 1``. Never edit a released migration;
append a new one. ``migrate`` runs inside the caller's ``BEGIN IMMEDIATE`` transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable


def _v1(conn: sqlite3.Connection) -> None:
    """First release: answers, reflections and settings."""
    conn.execute(
        """CREATE TABLE attempts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            exercise_id TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            answer TEXT NOT NULL,
            score NUMERIC,
            max_score NUMERIC,
            feedback TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL)"""
    )
    conn.execute(
        """CREATE TABLE reflections (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            exercise_id TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            text TEXT NOT NULL,
            rubric TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL)"""
    )
    conn.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


def _v2(conn: sqlite3.Connection) -> None:
    """Notebook of each attempt, learners' ratings of events, and lookup indexes."""
    conn.execute("ALTER TABLE attempts ADD COLUMN notebook TEXT")
    conn.execute(
        """CREATE TABLE ratings (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            exercise_id TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            dimension TEXT NOT NULL,
            event_id TEXT NOT NULL,
            value INTEGER NOT NULL,
            created_at TEXT NOT NULL)"""
    )
    conn.execute("CREATE INDEX attempts_by_exercise ON attempts (exercise_id, id)")
    conn.execute("CREATE INDEX reflections_by_exercise ON reflections (exercise_id, id)")
    conn.execute("CREATE INDEX ratings_by_dimension ON ratings (dimension, event_id, id)")


def _v3(conn: sqlite3.Connection) -> None:
    """The review log: one row per review, with its rating and the FSRS card state after it."""
    conn.execute(
        """CREATE TABLE reviews (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            exercise_id TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            rating INTEGER NOT NULL,
            reviewed_at TEXT NOT NULL,
            card TEXT NOT NULL)"""
    )
    conn.execute("CREATE INDEX reviews_by_exercise ON reviews (exercise_id, id)")


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2, _v3]
LATEST = len(MIGRATIONS)
OUR_TABLES = frozenset({"attempts", "reflections", "ratings", "settings", "reviews"})
FOREIGN = "it is an SQLite database, but not a course progress file"


class ForeignDatabase(Exception):
    """A valid SQLite file that is not a progress store."""


class NewerSchema(Exception):
    """A progress store written by a newer version of the course; left alone."""


def schema_version(conn: sqlite3.Connection) -> int:
    """The database's ``user_version``."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def check_ours(conn: sqlite3.Connection) -> int:
    """The schema version, if this is a progress store this code can use (read-only check).

    Raises ``NewerSchema`` or ``ForeignDatabase`` otherwise.
    """
    version = schema_version(conn)
    if version > LATEST:
        raise NewerSchema(
            f"it was written by a newer version of the course (schema {version}; this version knows up to {LATEST})"
        )
    if version == 0:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables - {"sqlite_sequence"}:
            raise ForeignDatabase(FOREIGN)
    return version


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database to ``LATEST``; return the version it had. Call inside a write transaction."""
    version = check_ours(conn)
    for step in MIGRATIONS[version:]:
        step(conn)
    if version != LATEST:
        conn.execute(f"PRAGMA user_version = {LATEST:d}")
    return version
