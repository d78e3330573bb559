"""The exchange's permission scheme, tried as real OS users (two learners and an instructor, not root).

Every action below runs as that user through ``runuser`` with the hub's own Python, exactly as a
learner's kernel would. The users, groups and folders are throwaway ones, removed even on failure.
"""

from __future__ import annotations

import json
import shutil
import stat
import textwrap
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from course.classroom.exchange import KEY_FILE, ExchangeError, Layout, provision_learner, setup_exchange
from course.delivery.hub.launch import hub_setup, make_home_private

from .conftest import Account, Accounts, at_once, decision_ids, run_as, shared_tmp, two_paths

pytestmark = pytest.mark.usefixtures("as_root")

# Tries each action as the current user and prints {action: "allowed" | "denied: <why>"}.
PROBE = textwrap.dedent("""
    import json, os, sys
    from pathlib import Path
    from course.classroom.exchange import write_submission, ExchangeError
    E = Path(os.environ["EXCHANGE"]); OTHER = os.environ["OTHER_FOLDER"]; STORE = os.environ["OTHER_STORE"]
    def attempt(action):
        try:
            action()
            return "allowed"
        except (OSError, ExchangeError) as exc:
            return "denied: " + str(exc)
    out = {
        "read other's progress store": attempt(lambda: open(STORE, "rb").read(1)),
        "list other's home": attempt(lambda: os.listdir(Path(STORE).parents[3])),
        "read other's submission": attempt(lambda: open(E / OTHER / "submission.json", "rb").read(1)),
        "list the exchange": attempt(lambda: os.listdir(E)),
        "list other's folder": attempt(lambda: os.listdir(E / OTHER)),
        "overwrite other's submission (course)": attempt(lambda: write_submission(E, OTHER, b"{}")),
        "overwrite other's submission (open)": attempt(lambda: open(E / OTHER / "submission.json", "wb")),
        "delete other's submission": attempt(lambda: os.unlink(E / OTHER / "submission.json")),
        "create a folder in the exchange": attempt(lambda: os.mkdir(E / "s-squatter")),
        "read the seminar key": attempt(lambda: open(E / ".seminar-key", "rb").read(1)),
    }
    print(json.dumps(out))
""")

SHARE = textwrap.dedent("""
    import json, os
    from course.classroom import seminar
    from course.exercises import drive, load_spec
    from course.progress import current, default_path
    for exercise_id, path in json.loads(os.environ["ANSWERS"]).items():
        drive(load_spec(exercise_id), path, current())
    for _ in range(int(os.environ.get("TIMES", "1"))):
        shared = seminar.share()
    print(json.dumps({"store": str(default_path()), "answers": shared.answers}))
""")


@pytest.fixture(scope="module")
def seminar_users(hub_install: Path) -> Any:
    accounts = Accounts()
    top = shared_tmp("course-isolation-")
    try:
        learners, instructors = accounts.group("learners"), accounts.group("instructors")
        a = accounts.user("a", [learners])
        b = accounts.user("b", [learners])
        teacher = accounts.user("i", [instructors])
        exchange = top / "exchange"
        hub_setup(exchange, instructors, learners)
        import grp

        gid = grp.getgrnam(instructors).gr_gid
        folders = {}
        for account in (a, b):
            make_home_private(account.name)
            folders[account.name] = provision_learner(exchange, account.name, account.uid, gid).name
        first = decision_ids()[0]
        paths = two_paths(first)

        def share(account: Account, path: list[str]) -> str:
            """The learner answers and shares twice, as their own user; returns where their store is."""
            env = {
                "COURSE_EXCHANGE": str(exchange),
                "COURSE_SEMINAR_ID": folders[account.name],
                "ANSWERS": json.dumps({first: path}),
                "TIMES": "2",
            }
            done = run_as(account, SHARE, env)
            assert done.returncode == 0, done.stderr
            return json.loads(done.stdout)["store"]

        # both learners at the same time, as in a seminar (each in their own folder)
        stores = dict(zip((a.name, b.name), at_once(partial(share, a, paths[0]), partial(share, b, paths[1]))))
        yield {
            "a": a,
            "b": b,
            "i": teacher,
            "exchange": exchange,
            "folders": folders,
            "stores": stores,
            "first": first,
            "paths": paths,
            "gid": gid,
        }
    finally:
        accounts.remove()
        shutil.rmtree(top, ignore_errors=True)


def _probe(who: Account, s: dict[str, Any], other: Account) -> dict[str, str]:
    done = run_as(
        who,
        PROBE,
        {
            "EXCHANGE": str(s["exchange"]),
            "OTHER_FOLDER": s["folders"][other.name],
            "OTHER_STORE": s["stores"][other.name],
        },
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_scheme_on_disk(seminar_users):
    s = seminar_users
    top = s["exchange"].stat()
    assert (top.st_uid, top.st_gid, stat.S_IMODE(top.st_mode)) == (0, s["gid"], 0o751)
    key = (s["exchange"] / KEY_FILE).stat()
    assert (key.st_uid, key.st_gid, stat.S_IMODE(key.st_mode)) == (0, s["gid"], 0o640)
    for learner in (s["a"], s["b"]):
        folder = (s["exchange"] / s["folders"][learner.name]).stat()
        assert (folder.st_uid, folder.st_gid, stat.S_IMODE(folder.st_mode)) == (learner.uid, s["gid"], 0o2750)
        sub = (s["exchange"] / s["folders"][learner.name] / "submission.json").stat()
        assert (sub.st_uid, stat.S_IMODE(sub.st_mode)) == (learner.uid, 0o640)
        assert stat.S_IMODE(learner.home.stat().st_mode) == 0o700
        assert stat.S_IMODE(Path(s["stores"][learner.name]).stat().st_mode) == 0o600


def test_a_learner_cannot_read_list_or_overwrite_another_learners_things(seminar_users):
    s = seminar_users
    outcomes = at_once(partial(_probe, s["a"], s, s["b"]), partial(_probe, s["b"], s, s["a"]))
    for who, outcome in zip((s["a"], s["b"]), outcomes):
        allowed = [action for action, result in outcome.items() if result == "allowed"]
        assert allowed == [], f"{who.name} was allowed: {allowed}"


def test_the_instructor_reads_everything_and_changes_nothing(seminar_users):
    s = seminar_users
    view_code = textwrap.dedent(f"""
        import json
        from course.classroom.class_view import load_class
        data = load_class({str(s["exchange"])!r})
        d = next(d for d in data.decisions if d.exercise_id == {s["first"]!r})
        print(json.dumps({{"shared": data.shared, "bad": [b.reason for b in data.read.bad],
                          "paths": [[list(k), v] for k, v in d.paths.items()]}}))
    """)
    outcome, view = at_once(partial(_probe, s["i"], s, s["a"]), partial(run_as, s["i"], view_code))
    for action in ("list the exchange", "list other's folder", "read other's submission", "read the seminar key"):
        assert outcome[action] == "allowed", (action, outcome[action])
    for action in (
        "overwrite other's submission (open)",
        "delete other's submission",
        "create a folder in the exchange",
        "read other's progress store",
    ):
        assert outcome[action].startswith("denied"), (action, outcome[action])
    assert view.returncode == 0, view.stderr
    seen = json.loads(view.stdout)
    assert seen["shared"] == 2 and seen["bad"] == []
    assert sorted(tuple(p) for p, n in seen["paths"]) == sorted(tuple(p) for p in s["paths"])


def test_a_learner_replaces_and_withdraws_only_their_own(seminar_users):
    s = seminar_users
    env = {"COURSE_EXCHANGE": str(s["exchange"]), "COURSE_SEMINAR_ID": s["folders"][s["a"].name]}
    done = run_as(
        s["a"],
        "from course.classroom import seminar\n"
        "print(seminar.withdraw(), seminar.shared())\nprint(seminar.share().answers)",
        env,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["True None", "1"]
    bs = s["exchange"] / s["folders"][s["b"].name] / "submission.json"
    assert bs.exists() and bs.stat().st_uid == s["b"].uid


def test_hub_setup_refuses_an_exchange_with_wrong_permissions(seminar_users, tmp_path):
    s = seminar_users
    import grp

    instructors = grp.getgrgid(s["gid"]).gr_name
    loose = tmp_path / "loose"
    setup_exchange(loose, Layout(0, s["gid"]))
    loose.chmod(0o755)
    with pytest.raises(ExchangeError, match="has mode 0755, not 0751"):
        hub_setup(loose, instructors, instructors)
    assert stat.S_IMODE(loose.stat().st_mode) == 0o755  # nothing was changed
    (loose / KEY_FILE).unlink()
    loose.chmod(0o751)
    (loose / "s-someone").mkdir()
    with pytest.raises(ExchangeError, match="is missing"):
        hub_setup(loose, instructors, instructors)
    assert "already set up correctly" in hub_setup(s["exchange"], instructors, instructors)[-1]


# The way back: an instructor returns a learner's case-judgement results; who can read and write what.
RETURN_PROBE = textwrap.dedent("""
    import json, os
    from pathlib import Path
    from course.classroom.exchange import RETURNED, RESULTS, ExchangeError, read_returned, write_returned
    E = Path(os.environ["EXCHANGE"]); MINE = os.environ.get("MINE", ""); OTHER = os.environ["OTHER_FOLDER"]
    def attempt(action):
        try:
            value = action()
            return "allowed: " + value.decode() if isinstance(value, bytes) else "allowed"
        except (OSError, ExchangeError) as exc:
            return "denied: " + str(exc)
    out = {
        "return results to the other": attempt(lambda: write_returned(E, OTHER, b'{"from": "%s"}' % os.environ["WHO"].encode())),
        "read the other's results": attempt(lambda: open(E / RETURNED / OTHER / RESULTS, "rb").read()),
        "list the returned folders": attempt(lambda: os.listdir(E / RETURNED)),
        "write into the other's return folder": attempt(lambda: open(E / RETURNED / OTHER / "x", "wb").close()),
    }
    if MINE:
        out["read my own results"] = attempt(lambda: read_returned(E, MINE))
    print(json.dumps(out))
""")


def _return_probe(who: Account, s: dict[str, Any], other: Account, mine: bool = False) -> dict[str, str]:
    env = {"EXCHANGE": str(s["exchange"]), "OTHER_FOLDER": s["folders"][other.name], "WHO": who.name}
    if mine:
        env["MINE"] = s["folders"][who.name]
    done = run_as(who, RETURN_PROBE, env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_only_instructors_return_results_and_only_that_learner_reads_them(seminar_users):
    from course.classroom.exchange import RESULTS, RETURNED

    s = seminar_users
    top = (s["exchange"] / RETURNED).stat()
    assert (top.st_uid, top.st_gid, stat.S_IMODE(top.st_mode)) == (0, s["gid"], 0o751)
    for learner in (s["a"], s["b"]):
        folder = (s["exchange"] / RETURNED / s["folders"][learner.name]).stat()
        assert (folder.st_uid, folder.st_gid, stat.S_IMODE(folder.st_mode)) == (learner.uid, s["gid"], 0o2770)

    teacher = _return_probe(s["i"], s, s["a"])
    assert teacher["return results to the other"] == "allowed", teacher
    assert teacher["list the returned folders"] == "allowed", teacher
    written = (s["exchange"] / RETURNED / s["folders"][s["a"].name] / RESULTS).stat()
    assert (written.st_uid, stat.S_IMODE(written.st_mode)) == (s["i"].uid, 0o644)

    own, other = at_once(
        partial(_return_probe, s["a"], s, s["b"], mine=True), partial(_return_probe, s["b"], s, s["a"])
    )
    assert own["read my own results"] == 'allowed: {"from": "%s"}' % s["i"].name, own
    for action, result in list(own.items()) + list(other.items()):
        if action != "read my own results":
            assert result.startswith("denied"), (action, result)
