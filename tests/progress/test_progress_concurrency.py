"""Several processes writing into one store at once; SIGKILLed writers never lose a committed answer."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from course.progress import ProgressStore

REPO = Path(__file__).resolve().parents[2]
WRITER = Path(__file__).resolve().parent / "writer.py"


def _writer(path: Path, tag: str, n: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(path), tag, str(n)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_processes_writing_concurrently_lose_nothing(store_path: Path) -> None:
    writers, n = 4, 150
    procs = [_writer(store_path, f"w{i}", n) for i in range(writers)]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        assert out.split()[-1] == str(n)
    with ProgressStore(store_path) as store:
        for i in range(writers):
            assert store.attempt_count(f"w{i}", "hash-1") == n
            assert sorted(a.answer["i"] for a in store.attempts(f"w{i}")) == list(range(n))
    conn = sqlite3.connect(store_path)
    assert conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == writers * n
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def _last_count(out: str) -> int:
    numbers = [int(t) for t in out.split() if t.isdigit()]
    return numbers[-1] if numbers else 0


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_at_random_moments_never_loses_committed_answers(store_path: Path) -> None:
    rng = random.Random(20260325)
    kills, deadline = 0, time.monotonic() + 60  # a cap, not a speed target: about 8 s on a quiet machine
    reported: dict[str, int] = {}
    round_no = 0
    while kills < 25 and time.monotonic() < deadline:
        round_no += 1
        procs = {f"r{round_no}-{k}": _writer(store_path, f"r{round_no}-{k}", 0) for k in range(2)}
        if round_no % 2 == 0:  # every other round: once both are writing, so some commits happen
            for proc in procs.values():
                assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.3))  # odd rounds: sometimes while still opening or migrating
        for tag, proc in procs.items():
            time.sleep(rng.uniform(0.0, 0.05))
            os.kill(proc.pid, signal.SIGKILL)
            out, _ = proc.communicate(timeout=30)
            assert proc.returncode == -signal.SIGKILL
            reported[tag] = _last_count(out)
            kills += 1
    assert kills >= 25, f"only {kills} kills in the time allowed"
    print("committed before each kill:", sorted(reported.values()))
    assert sum(1 for n in reported.values() if n) >= 5, "too few writers committed before being killed"
    conn = sqlite3.connect(store_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    counts = dict(conn.execute("SELECT exercise_id, COUNT(*) FROM attempts GROUP BY exercise_id"))
    conn.close()
    for tag, committed in reported.items():
        assert counts.get(tag, 0) >= committed, (tag, committed, counts.get(tag, 0))
    with ProgressStore(store_path) as store:  # and the store still opens cleanly
        assert store.take_notices() == []
