"""The site's simulated learner (``tools/site-review-simulate.js``, for the closing note) is the lab's
(``course review-schedule --simulate``): the same seeded random numbers (Python's Mersenne Twister, ported
in the script) give the same sittings, the same exercises due, the same ratings and, through the two
schedulers, the same cards, and the script prints the same table."""

from __future__ import annotations

import json
import subprocess
from typing import Any

import pytest

from course.cli import main as course_main
from course.review import schedule
from course.review.queue import reviewable
from course.review.simulate import simulate

from .node import REPO, node_or_skip

SCRIPT = REPO / "tools" / "site-review-simulate.js"
RANDOM_JS = """
const { PythonRandom } = require(input.script);
reply(input.seeds.map((seed) => { const r = new PythonRandom(seed); return Array.from({ length: 700 }, () => r.random()); }));
"""


def run(*args: str, specs: list[dict[str, str]] | None = None) -> subprocess.CompletedProcess[str]:
    extra = ["--specs", "-"] if specs is not None else []
    return subprocess.run(
        [node_or_skip(), str(SCRIPT), *args, *extra],
        input=json.dumps(specs) if specs is not None else "",
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture(scope="module")
def specs() -> list[Any]:
    return reviewable()


def test_the_ported_random_numbers_are_pythons() -> None:
    import random

    from .node import run_js

    seeds = [0, 1, 2017, 2**32 + 5, 123456789012]
    site = run_js(RANDOM_JS, {"script": str(SCRIPT), "seeds": seeds})
    for seed, numbers in zip(seeds, site, strict=True):
        rng = random.Random(seed)
        assert numbers == [rng.random() for _ in range(700)], seed


@pytest.mark.parametrize(("seed", "days"), [(2017, 30), (5, 45)])
def test_the_sites_simulated_learner_is_the_labs(specs: list[Any], seed: int, days: int) -> None:
    given = [{"id": s.id, "notebook": s.notebook, "type": s.type} for s in specs]
    done = run("--simulate", str(days), "--seed", str(seed), "--json", specs=given)
    assert done.returncode == 0, done.stderr
    site = json.loads(done.stdout)["reviews"]
    lab = simulate(specs, days, seed=seed)
    assert [(r["exercise_id"], r["rating"], r["reviewed_at"]) for r in site] == [
        (r.exercise_id, r.rating, schedule.iso(r.when)) for r in lab
    ]
    for s, py in zip(site, lab, strict=True):
        assert {k: v for k, v in s["card"].items() if k not in ("stability", "difficulty")} == {
            k: v for k, v in py.card.items() if k not in ("stability", "difficulty")
        }
        assert s["card"]["stability"] == pytest.approx(py.card["stability"], rel=1e-6)
    assert {r["card"]["state"] for r in site} >= {1, 2} and len(site) > 20


def test_the_script_prints_the_labs_table(specs: list[Any], capsys: pytest.CaptureFixture[str]) -> None:
    given = [{"id": s.id, "notebook": s.notebook, "type": s.type} for s in specs]
    done = run("--simulate", "30", specs=given)
    assert done.returncode == 0, done.stderr
    assert course_main(["review-schedule", "--simulate", "30"]) == 0
    lab = capsys.readouterr().out.splitlines()
    site = done.stdout.splitlines()
    assert site[0].startswith("One simulated learner on the site, 30 days from 2026-01-05 (seed 2017)")
    assert site[1:] == lab[1:]
    refused = run("--simulate", "0", specs=given)
    assert refused.returncode == 2 and "from 1 to 3650" in refused.stderr
