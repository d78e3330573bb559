"""#13: 30 learners press "Share my answers with the seminar" at the same moment.

Each learner is a process of its own, as each learner's kernel is on the hub, holding their progress
store open (the answers of #10's simulated class). On one signal all 30 share through the exchange
(``seminar.share``: read the store, build and checksum the submission, write it without following
links, fsync, rename it into place); the figure is the time from the signal until the last share is
written. Each round replaces the submissions of the round before, as sharing again does. The floor writes
the same 30 submissions one after another from one process: ``json.dumps``, then a temporary file
written, fsynced and renamed into place, which is the least any way of delivering them must do.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import secrets
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path

from .class_view import LEARNERS, make_exchange
from .report import Measure
from .stats import alternate

ROUNDS = 10


def _learner(conn: Connection, store_path: str, exchange: str, folder: str) -> None:
    """One learner's process: open the store, then share each time the signal comes; reply when done."""
    from course.classroom import seminar
    from course.progress.sqlite_store import ProgressStore

    store = ProgressStore(store_path)
    where = seminar.Place(Path(exchange), folder)
    try:
        conn.send("ready")
        while conn.recv() == "share":
            seminar.share(store=store, where=where)
            conn.send(time.perf_counter())  # CLOCK_MONOTONIC: the same clock in every process on Linux
    finally:
        store.close()


def write_all(files: list[Path], submissions: list[dict]) -> None:
    """The floor: each submission serialized and put in place atomically, one after another."""
    for path, data in zip(files, submissions):
        tmp = path.with_name(f".floor.{secrets.token_hex(6)}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o640)
        try:
            os.write(fd, json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        os.rename(tmp, path)
        dfd = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


def measure(rounds: int = ROUNDS, learners: int = LEARNERS) -> Measure:
    m = Measure(
        13,
        f"{learners} learners share at the same moment (one process each), until the last is written",
        "ms",
        f"the same {learners} files written one after another (json.dumps, fsync, rename)",
    )
    # The burst builds 30 submissions from 30 stores on top of the floor's writes, but its fsyncs overlap:
    # within 3x the floor, no learner waits long for "shared" even when the whole seminar clicks at once.
    m.max_ratio = 3.0
    ctx = mp.get_context("fork")
    with tempfile.TemporaryDirectory(prefix="bench-share-") as tmp:
        root = Path(tmp)
        files = make_exchange(root, learners)
        submissions = [json.loads(p.read_bytes()) for p in files]
        conns, procs = [], []
        try:
            for n, path in enumerate(files):
                ours, theirs = ctx.Pipe()
                args = (theirs, str(root / f"learner-{n}.sqlite3"), str(root / "exchange"), path.parent.name)
                proc = ctx.Process(target=_learner, args=args, daemon=True)
                proc.start()
                conns.append(ours)
                procs.append(proc)
            for conn in conns:
                if not conn.poll(120) or conn.recv() != "ready":
                    raise RuntimeError("a learner's process did not start")

            def burst() -> float:
                began = time.perf_counter()
                for conn in conns:
                    conn.send("share")
                done = []
                for conn in conns:
                    if not conn.poll(120):
                        raise RuntimeError("a learner's share did not finish in 120 s")
                    done.append(conn.recv())
                return max(done) - began

            def floor() -> float:
                began = time.perf_counter()
                write_all(files, submissions)
                return time.perf_counter() - began

            m.samples, m.floor_samples = alternate(burst, floor, rounds=rounds, warmup=1)
        finally:
            for conn in conns:
                try:
                    conn.send("stop")
                except OSError:
                    pass
            for proc in procs:
                proc.join(timeout=10)
                if proc.is_alive():
                    proc.kill()
        m.notes = {"learners": learners, "bytes": sum(p.stat().st_size for p in files), "cores": os.cpu_count()}
    return m
