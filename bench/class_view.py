"""#10 to #12: the instructor's class view, item analysis included, reading 30, 300 and 3,000 submissions.

30 learners answer every decision point and single-choice exercise of the course (their paths drawn
with a fixed seed), rate two events, and share. The measured side reads the exchange the way the class
view does (no-follow, non-blocking opens, owner and size checks, checksums, course version) and counts
everything the view shows; the floor reads the same 30 files with ``json.loads`` and nothing else.
The timeline figure the view also draws is #3's business and is left out here. For #11 and #12 the 30
real submissions are copied under new pseudonyms (re-checksummed) until there are 300 or 3,000, so the
cost of reading and counting grows with the class while the answers keep their real shape.
"""

from __future__ import annotations

import json
import os
import random
import tempfile
from pathlib import Path

from .report import Measure
from .stats import alternate, timed

LEARNERS = 30
ROUNDS = 30


def make_exchange(root: Path, learners: int = LEARNERS) -> list[Path]:
    """A one-account exchange with ``learners`` shared submissions; returns their files."""
    from course.classroom import seminar
    from course.classroom.class_view import course_specs
    from course.classroom.exchange import Layout, provision_learner, setup_exchange
    from course.content import load_content
    from course.exercises import drive
    from course.progress.sqlite_store import ProgressStore

    setup_exchange(root / "exchange", Layout(os.geteuid(), None))
    specs = [s for s in course_specs(load_content()) if s.type in ("decision", "single-choice")]
    rnd = random.Random(15)
    files = []
    for n in range(learners):
        store = ProgressStore(root / f"learner-{n}.sqlite3")
        try:
            for spec in specs:
                drive(spec, rnd.choice([spec.answer] + [f.answer for f in spec.fixtures]), store)
            store.save_ratings(
                "ch03-rate-transference",
                "bench",
                {"first-session": rnd.randint(-3, 3), "refusal": rnd.randint(-3, 3)},
                "transference",
            )
            folder = provision_learner(root / "exchange", f"learner-{n}", os.geteuid(), None)
            seminar.share(store=store, where=seminar.Place(root / "exchange", folder.name))
            files.append(folder / "submission.json")
        finally:
            store.close()
    return files


def grow(root: Path, files: list[Path], learners: int) -> list[Path]:
    """Copy the shared submissions under new pseudonyms until the exchange holds ``learners`` of them."""
    from course.classroom.exchange import provision_learner
    from course.classroom.file_format import checksum

    grown = list(files)
    for n in range(len(files), learners):
        data = json.loads(files[n % len(files)].read_bytes())
        folder = provision_learner(root / "exchange", f"learner-{n}", os.geteuid(), None)
        data["payload"]["learner"]["id"] = folder.name
        data["checksum"]["value"] = checksum(data["payload"])
        target = folder / "submission.json"
        target.write_text(json.dumps(data), encoding="utf-8")
        os.chmod(target, 0o640)
        grown.append(target)
    return grown


def measure(rounds: int = ROUNDS, learners: int = LEARNERS, number: int = 10) -> Measure:
    from course.classroom.class_view import class_data, read_exchange
    from course.content import load_content

    m = Measure(
        number,
        f"Class view with item analysis: read and count {learners:,} submissions",
        "ms",
        "json.loads of the same files",
    )
    if learners == 300:
        m.max_median = 1.0  # the view must stay interactive for a large seminar (3,000 shows how it grows)
    with tempfile.TemporaryDirectory(prefix="bench-exchange-") as tmp:
        files = grow(Path(tmp), make_exchange(Path(tmp)), learners)
        content = load_content()

        def view() -> float:
            return timed(lambda: class_data(read_exchange(Path(tmp) / "exchange"), content))

        def floor() -> float:
            return timed(lambda: [json.loads(p.read_bytes()) for p in files])

        m.samples, m.floor_samples = alternate(view, floor, rounds=rounds, warmup=2)
        m.notes = {"learners": learners, "bytes": sum(p.stat().st_size for p in files)}
    return m
