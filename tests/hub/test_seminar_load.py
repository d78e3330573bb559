"""A seminar at full size: 30 real learners share through the exchange at the same moment.

Thirty throwaway system users (and an instructors' group) are made for this test and removed by it.
Each learner has their own progress store in their own home, with their own answers (two decision
points of notebook 03 answered along different paths, or left out), their own ratings and one
reflection. Every learner's process, run as that user through ``runuser`` with the hub's Python, loads
the course and waits for one start signal; then all of them run ``course submit`` (its own entry point,
``course.cli.main``), and at once ``course submit --include-reflections``, which replaces the first.
Meanwhile the instructor's class view (``load_class``) refreshes in a loop.

Every refresh must see only complete submissions, each exactly the answers of the learner whose
pseudonym names the folder; a submission once seen never disappears; the class view's counts must
equal what the seen learners answered; and at the end all 30 are there with their reflections.
The timings are printed (run with ``-s``), never asserted: speed is ``make bench``'s #13. A writer that
wrote the submission in place instead of renaming a finished file into it fails here (tried once: one
refresh found 11 half-written submissions).
"""

from __future__ import annotations

import grp
import json
import os
import selectors
import shutil
import subprocess
import textwrap
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from course.classroom.class_view import load_class
from course.classroom.exchange import SUBMISSION, pseudonym, read_key
from course.content import load_content
from course.delivery.hub.launch import hub_setup, make_home_private

from .conftest import Account, Accounts, answer, cannot_run, decision_ids, hub_dir, shared_tmp, two_paths

pytestmark = pytest.mark.usefixtures("as_root")

LEARNERS = 30
# The learners' processes run at a lower priority than the class view, which would otherwise get a 31st of
# the two cores and refresh only once or twice while 30 processes share: the point is to read while files
# are being replaced.
NICE = 10
ROUNDS = 3  # each learner shares 2 * ROUNDS times, so the class view refreshes while files are replaced
DEADLINE = 240  # seconds: a bound on every wait, far above a normal run (about 20 s here)
RATED = "ch03-rate-transference"
REFLECTION = "seminar-own-practice"

# Runs as each learner: load the course, say so, wait for the start signal, then share ROUNDS times
# without and with reflections (each share replaces the one before).
SHARE = textwrap.dedent("""
    import json, os, sys, time
    import course.cli, course.classroom.seminar, course.progress
    print("ready", flush=True)
    go, deadline = os.environ["GO"], time.monotonic() + float(os.environ["WAIT"])
    while not os.path.exists(go):
        if time.monotonic() > deadline:
            sys.exit("no start signal")
        time.sleep(0.005)
    began = time.monotonic()
    codes = []
    for _ in range(int(os.environ["ROUNDS"])):
        codes += [course.cli.main(["submit"]), course.cli.main(["submit", "--include-reflections"])]
    print(json.dumps({"codes": codes, "began": began, "ended": time.monotonic()}), flush=True)
""")


@dataclass
class Learner:
    account: Account
    folder: str
    paths: dict[str, list[str]]  # decision point -> the path this learner took (absent: not answered)
    held: dict[str, Any]  # what their store held: attempts, ratings, reflections (as an export has them)


def make_learners(accounts: Accounts, count: int, group: str) -> list[Account]:
    """``count`` throwaway learners in one ``newusers`` call (a ``useradd`` each takes 0.3-0.5 s here).

    Their primary group is the learners' group, so removing them leaves no private groups behind;
    ``accounts.remove()`` deletes them with their homes.
    """
    import pwd
    import secrets

    if shutil.which("newusers") is None:
        cannot_run("newusers is not installed (Debian's passwd package has it)")
    names = [f"{accounts.tag}-l{n:02d}" for n in range(count)]
    lines = "".join(f"{name}:{secrets.token_urlsafe(12)}::{group}::/home/{name}:/bin/bash\n" for name in names)
    try:
        done = subprocess.run(["newusers"], input=lines, text=True, capture_output=True, timeout=DEADLINE)
    finally:
        for name in names:  # whatever was made is removed, even when newusers stopped half-way
            try:
                pw = pwd.getpwnam(name)
            except KeyError:
                continue
            accounts.users.append(Account(name, "", pw.pw_uid, Path(pw.pw_dir)))
    assert done.returncode == 0, f"newusers failed: {done.stderr}"
    assert len(accounts.users) >= count
    return accounts.users[-count:]


def _give(path: Path, account: Account) -> None:
    """Hand ``path`` and every folder between it and the home to the learner (the store was made by root)."""
    for part in [path, *path.parents]:
        if part == account.home:
            break
        os.chown(part, account.uid, account.uid)


def make_store(account: Account, index: int, decisions: dict[str, tuple[list[str], list[str]]]) -> Learner:
    """Fill the learner's own progress store (at the default place in their home) with their own answers."""
    from course.classroom.export import export_results
    from course.progress import ProgressStore

    store_path = account.home / ".local" / "share" / "jane-susan-course" / "progress.sqlite3"
    store = ProgressStore(store_path)
    try:
        paths = {}
        for k, (exercise_id, options) in enumerate(decisions.items()):
            pick = (index + k) % 3  # recommended, another complete path, or not answered
            if pick < 2:
                paths[exercise_id] = options[pick]
                answer(store, exercise_id, options[pick])
        store.save_ratings(
            RATED, "load-test", {"first-session": index % 7 - 3, "refusal": 3 - index % 5}, "transference"
        )
        store.save_reflection(REFLECTION, "load-test", f"Reflection {index}: what I would tell my supervisor.", {})
        export = export_results(store, include_reflections=True)["payload"]
        held = {k: export[k] for k in ("attempts", "ratings", "reflections")}
    finally:
        store.close()
    for side in store_path.parent.iterdir():
        _give(side, account)
    return Learner(account, "", paths, held)


@dataclass
class Refresh:
    began: float
    ended: float
    seen: set[str]


def check_refresh(data: Any, by_folder: dict[str, Learner], decisions: list[str]) -> set[str]:
    """One refresh of the class view: complete submissions only, each its learner's, counts exact."""
    assert data.read.bad == [], f"a refresh found unusable submissions: {data.read.bad}"
    seen = set()
    for sub in data.read.submissions:
        learner = by_folder[sub.folder]
        payload = sub.payload
        assert payload["attempts"] == learner.held["attempts"], f"{sub.folder} holds answers that are not its learner's"
        assert payload["ratings"] == learner.held["ratings"], f"{sub.folder} holds ratings that are not its learner's"
        if sub.reflections_included:
            assert payload["reflections"] == learner.held["reflections"], f"{sub.folder}: not its learner's reflection"
        seen.add(sub.folder)
    assert data.shared == len(seen) == len(data.read.submissions)
    assert data.read.folders == len(by_folder)
    assert sorted(data.read.not_shared) == sorted(set(by_folder) - seen)
    counts = {d.exercise_id: d for d in data.decisions}
    for exercise_id in decisions:
        wanted = Counter(tuple(by_folder[f].paths[exercise_id]) for f in seen if exercise_id in by_folder[f].paths)
        assert counts[exercise_id].learners == sum(wanted.values()), exercise_id
        assert counts[exercise_id].paths == dict(wanted), exercise_id
    wanted_ratings = sorted(json.dumps(_latest(by_folder[f].held["ratings"]), sort_keys=True) for f in seen)
    assert sorted(json.dumps(r, sort_keys=True) for r in data.ratings) == wanted_ratings
    return seen


def _latest(rows: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    latest: dict[str, dict[str, int]] = {}
    for row in rows:
        latest.setdefault(row["dimension"], {})[row["event_id"]] = row["value"]
    return latest


def start_learner(learner: Learner, exchange: Path, go: Path) -> subprocess.Popen[str]:
    account = learner.account
    env = {
        "HOME": str(account.home),
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "COURSE_EXCHANGE": str(exchange),
        "COURSE_SEMINAR_ID": learner.folder,
        "GO": str(go),
        "WAIT": str(DEADLINE),
        "ROUNDS": str(ROUNDS),
    }
    python = hub_dir() / "venv" / "bin" / "python"
    return subprocess.Popen(
        ["nice", "-n", str(NICE), "runuser", "-u", account.name, "--", "env", "-i"]
        + [f"{k}={v}" for k, v in env.items()]
        + [str(python)]
        + ["-c", SHARE],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd="/",
    )


def wait_ready(procs: list[subprocess.Popen[str]]) -> None:
    """Wait (bounded) until every learner's process has loaded the course."""
    sel = selectors.DefaultSelector()
    for proc in procs:
        sel.register(proc.stdout, selectors.EVENT_READ, proc)
    waiting, deadline = len(procs), time.monotonic() + DEADLINE
    while waiting:
        left = deadline - time.monotonic()
        assert left > 0, f"{waiting} learners' processes did not get ready in {DEADLINE} s"
        for key, _ in sel.select(timeout=left):
            line = key.fileobj.readline()
            proc = key.data
            assert line.strip() == "ready", f"a learner's process stopped: {line!r} {proc.stderr.read()}"
            sel.unregister(key.fileobj)
            waiting -= 1
    sel.close()


def test_thirty_learners_share_at_once_while_the_class_view_refreshes(hub_install):
    accounts = Accounts()
    top = shared_tmp("course-load-")
    procs: list[subprocess.Popen[str]] = []
    began = time.monotonic()
    try:
        learners_group, instructors = accounts.group("learners"), accounts.group("instructors")
        exchange = top / "exchange"
        hub_setup(exchange, instructors, learners_group)
        gid = grp.getgrnam(instructors).gr_gid
        key = read_key(exchange)
        decisions = {d: two_paths(d) for d in decision_ids()[:2]}
        from course.classroom.exchange import provision_learner

        learners = []
        made = make_learners(accounts, LEARNERS, learners_group)
        accounts_at = time.monotonic()
        for n, account in enumerate(made):
            make_home_private(account.name)
            learner = make_store(account, n, decisions)
            learner.folder = provision_learner(exchange, account.name, account.uid, gid).name
            assert learner.folder == pseudonym(key, account.name)
            learners.append(learner)
        by_folder = {learner.folder: learner for learner in learners}
        assert len(by_folder) == LEARNERS
        content = load_content()
        ready_at = time.monotonic()

        go = top / "go"
        procs = [start_learner(learner, exchange, go) for learner in learners]
        wait_ready(procs)
        loaded_at = time.monotonic()
        refreshes = [
            Refresh(loaded_at, loaded_at, check_refresh(load_class(exchange, content), by_folder, list(decisions)))
        ]
        assert refreshes[0].seen == set(), "nothing is shared before the start signal"

        go.touch()
        signal_at = time.monotonic()
        while any(p.poll() is None for p in procs):
            assert time.monotonic() - signal_at < DEADLINE, "the learners' shares did not finish in time"
            start = time.monotonic()
            seen = check_refresh(load_class(exchange, content), by_folder, list(decisions))
            assert refreshes[-1].seen <= seen, f"submissions disappeared: {refreshes[-1].seen - seen}"
            refreshes.append(Refresh(start, time.monotonic(), seen))

        results = []
        for learner, proc in zip(learners, procs):
            out, err = proc.communicate(timeout=DEADLINE)
            assert proc.returncode == 0, f"{learner.account.name}: exit {proc.returncode}\n{out}\n{err}"
            results.append(json.loads(out.strip().splitlines()[-1]))
            assert results[-1]["codes"] == [0] * 2 * ROUNDS, (
                f"{learner.account.name}: course submit failed\n{out}\n{err}"
            )

        final = load_class(exchange, content)
        assert check_refresh(final, by_folder, list(decisions)) == set(by_folder), "a submission was lost"
        assert final.shared == LEARNERS and final.read.not_shared == []
        for sub in final.read.submissions:
            assert sub.reflections_included, f"{sub.folder}: the second share did not replace the first"
        for learner in learners:
            path = exchange / learner.folder / SUBMISSION
            assert path.stat().st_uid == learner.account.uid, f"{path} is not owned by its learner"
            assert sorted(os.listdir(exchange / learner.folder)) == [SUBMISSION], "a temporary file was left behind"
        for exercise_id in decisions:
            took = Counter(tuple(learner.paths[exercise_id]) for learner in learners if exercise_id in learner.paths)
            view = next(d for d in final.decisions if d.exercise_id == exercise_id)
            assert view.learners == sum(took.values()) == 20 and view.paths == dict(took)

        first = min(r["began"] for r in results)
        last = max(r["ended"] for r in results)
        during = [r for r in refreshes[1:] if r.began < last and r.ended > first]
        partial = [r for r in refreshes if 0 < len(r.seen) < LEARNERS]
        assert during, "no refresh of the class view overlapped the shares"
        print(
            f"\n{LEARNERS} learners: accounts made in {accounts_at - began:.1f} s, their stores in "
            f"{ready_at - accounts_at:.1f} s; "
            f"processes ready in {loaded_at - ready_at:.1f} s; all {2 * ROUNDS * LEARNERS} shares done "
            f"{last - first:.2f} s after the first began; {len(refreshes)} class-view refreshes, "
            f"{len(during)} of them while shares were being written, {len(partial)} saw part of the class"
        )
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=10)
        accounts.remove()
        shutil.rmtree(top, ignore_errors=True)
