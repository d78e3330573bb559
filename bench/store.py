"""#6: 1,000 progress-store writes (``record_attempt``) against raw sqlite3 inserts of the same row.

Both databases get the store's own schema (tables and indexes), WAL, ``synchronous=FULL`` and one
``BEGIN IMMEDIATE`` transaction per write, in the same temporary folder. Writes alternate: one to
the store, one raw, and so on; each write is timed on its own (p50 and p95 per write).
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from pathlib import Path

from .report import Measure
from .stats import alternate, timed

WRITES = 1000
WARMUP = 20
ANSWER = {"choice": "explore"}
FEEDBACK = "Yes. Susan holds the boundary and keeps the wish in the work." * 3
INSERT = (
    "INSERT INTO attempts (exercise_id, content_hash, answer, score, max_score, feedback, notebook,"
    " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)


def raw_connection(path: Path) -> sqlite3.Connection:
    from course.progress import schema

    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("BEGIN IMMEDIATE")
    schema.migrate(conn)
    conn.execute("COMMIT")
    return conn


def measure(writes: int = WRITES) -> Measure:
    from course.progress.sqlite_store import ProgressStore

    m = Measure(
        6,
        f"{writes:,} progress writes (record_attempt), per write",
        "ms",
        "raw sqlite3 insert, same schema and durability",
        show_p95=True,
    )
    row = ("bench-exercise", "0" * 64, json.dumps(ANSWER), 1, 1, FEEDBACK, "bench", "2025-01-01T00:00:00.000+00:00")
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        store = ProgressStore(Path(tmp) / "store.sqlite3")
        conn = raw_connection(Path(tmp) / "raw.sqlite3")

        def write() -> float:
            return timed(
                lambda: store.record_attempt("bench-exercise", "0" * 64, ANSWER, 1, 1, FEEDBACK, notebook="bench")
            )

        def raw() -> float:
            def insert() -> None:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute(INSERT, row)
                conn.execute("COMMIT")

            return timed(insert)

        try:
            m.samples, m.floor_samples = alternate(write, raw, rounds=writes, warmup=WARMUP)
            journal = conn.execute("PRAGMA journal_mode").fetchone()[0]
            synchronous = conn.execute("PRAGMA synchronous").fetchone()[0]
        finally:
            store.close()
            conn.close()
    m.notes = {
        "writes_each": writes,
        "warmup_each": WARMUP,
        "raw_journal_mode": journal,
        "raw_synchronous": synchronous,
        "total_store_s": round(sum(m.samples), 3),
        "total_raw_s": round(sum(m.floor_samples), 3),
    }
    return m
