"""The case-judgement test in the site's progress store (``static/progress.js``, ``static/judgement.js``).

* Progress saved by the previous version of the site (version 1, before the test) is read with every
  record kept, and saved again as version 2 once the learner adds anything.
* The sittings go into "Download my answers", which ``load_export`` accepts, and come back in a fresh
  browser with "Load my answers"; a file whose sitting is not well formed is refused naming the field.
* The second sitting takes the other form than the first; sittings exported from JupyterLab load too, with
  the lab's pseudonym, so the form order holds across the two.
All JavaScript runs under node, a few calls per node process.
"""

from __future__ import annotations

import json
from pathlib import Path

from course.classroom.export import export_results, load_export, write_export
from course.classroom.file_format import checksum
from course.judgement import answers
from course.judgement.order import first_form, other_form, pseudonym
from course.progress.sqlite_store import ProgressStore

from .node import run_js
from .test_site_progress_format import MEMORY_STORAGE

VERSION_1 = {
    "version": 1,
    "learner_id": "learner-0123456789ab",
    "settings": {"profession": "ACA"},
    "attempts": [
        {
            "exercise_id": "ch01-slippery-slope",
            "content_hash": "h1",
            "notebook": "01_codes_and_boundaries",
            "answer": "b",
            "score": 0,
            "max_score": 1,
            "feedback": "Not quite.",
            "created_at": "2026-11-01T10:00:00.000+00:00",
        }
    ],
    "ratings": [
        {
            "exercise_id": "ch03-rate-transference",
            "content_hash": "h3",
            "dimension": "transference",
            "event_id": "intake",
            "value": 2,
            "created_at": "2026-11-01T10:01:00.000+00:00",
        }
    ],
    "reflections": [
        {
            "exercise_id": "seminar-own-practice",
            "content_hash": "h4",
            "text": "Mine.",
            "rubric": {"honest": True},
            "created_at": "2026-11-01T10:02:00.000+00:00",
        }
    ],
}


def test_progress_saved_before_the_test_existed_is_kept_whole_and_saved_as_version_2() -> None:
    script = (
        MEMORY_STORAGE
        + """
const storage = memory({key: JSON.stringify(input.old), later: JSON.stringify({...input.old, version: 3})});
const store = new P.Store(storage, 'key');
const read = store.read();
const notices = store.takeNotices();
const id = store.learnerId();
store.startSitting('before', 'A');
store.chooseInSitting('before', 'a01', 'x');
const saved = JSON.parse(storage.items.key);
const later = new P.Store(storage, 'later');
later.read();
reply({read, notices, id, saved, laterNotices: later.takeNotices(),
       aside: Object.keys(storage.items).filter((k) => k.startsWith('later:damaged:')).map((k) => storage.items[k])});
"""
    )
    out = run_js(script, {"old": VERSION_1})
    assert out["notices"] == [], "a version-1 record is not damaged"
    assert out["read"] == {**VERSION_1, "version": 2, "reviews": [], "judgement": {"version": 1, "sittings": {}}}
    assert out["id"] == VERSION_1["learner_id"], "the learner keeps their pseudonym, and so their form order"
    saved = out["saved"]
    assert saved["version"] == 2
    assert {k: saved[k] for k in VERSION_1 if k != "version"} == {k: v for k, v in VERSION_1.items() if k != "version"}
    before = saved["judgement"]["sittings"]["before"]
    assert (before["form"], before["answers"], before["finished_at"]) == ("A", {"a01": "x"}, None)
    assert "another version of the course (version 3)" in out["laterNotices"][0]
    assert out["aside"] == [json.dumps({**VERSION_1, "version": 3}, separators=(",", ":"))], "kept aside unchanged"


SITTINGS = (
    MEMORY_STORAGE
    + """
const J = require(STATIC + '/judgement.js');
const store = new P.Store(memory(), 'key');
store.recordAttempt('ch01-slippery-slope', 'h1', 'a', 1, 1, 'Correct.', '01_codes_and_boundaries');
const id = store.learnerId();
const first = J.formFor('before', id, store.sittings());
store.startSitting('before', first);
store.chooseInSitting('before', 'a01', 'decline-warmly');
store.chooseInSitting('before', 'a02', 'consult');
const openExport = store.exportData();
store.finishSitting('before');
let closed = null;
try { store.chooseInSitting('before', 'a01', 'other'); } catch (err) { closed = err.message; }
const second = J.formFor('after', id, store.sittings());
store.startSitting('after', second);
store.chooseInSitting('after', 'b01', 'explore');
store.finishSitting('after');
const exported = store.exportData();
"""
)


def test_the_sittings_are_downloaded_and_load_in_a_fresh_browser(tmp_path: Path) -> None:
    script = (
        SITTINGS
        + """
const fresh = new P.Store(memory(), 'fresh');
const loaded = fresh.importExport(JSON.stringify(exported), 'mine.json');
const again = fresh.importExport(JSON.stringify(exported), 'mine.json');
reply({id, first, second, closed, openExport, exported, sittings: store.sittings(), loaded, again,
       freshSittings: fresh.sittings(), freshId: fresh.learnerId(), rule: J.firstForm(id)});
"""
    )
    out = run_js(script, None)
    assert out["first"] == out["rule"] and {out["first"], out["second"]} == {"A", "B"}
    assert "judgement" not in out["openExport"]["payload"], "an unfinished sitting is not in a download"
    assert out["closed"] == "the before test is finished; its answers stay as they were"
    assert out["sittings"]["before"]["answers"] == {"a01": "decline-warmly", "a02": "consult"}
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(out["exported"]), encoding="utf-8")
    data, problem = load_export(path)
    assert problem is None, problem
    block = data["payload"]["judgement"]
    assert block == {"version": 1, "sittings": out["sittings"]}
    assert answers.block_problem(block) is None, "the instructor's side reads it as a shared block"
    assert out["loaded"]["added"] == 1 + 2 and out["again"]["added"] == 0
    assert out["freshSittings"] == out["sittings"]
    assert out["freshId"] == out["id"], "a fresh browser takes the file's pseudonym, so the form order holds"


def test_a_file_with_a_malformed_sitting_is_refused_naming_the_field() -> None:
    exported = run_js(SITTINGS + "reply(exported);", None)
    cases = {
        "form": ("C", "sittings.before.form must be A or B"),
        "answers": (["a"], "sittings.before.answers must be an object of item id: option id"),
        "finished_at": (None, "sittings.before is not finished; only finished sittings are shared"),
    }
    files = []
    for name, (value, _) in cases.items():
        payload = json.loads(json.dumps(exported["payload"]))
        payload["judgement"]["sittings"]["before"][name] = value
        envelope = {**exported, "payload": payload, "checksum": {"algorithm": "sha256", "value": checksum(payload)}}
        files.append(json.dumps(envelope))
    got = run_js(
        MEMORY_STORAGE
        + "const s = new P.Store(memory(), 'k'); reply(input.map((t) => [s.importExport(t, 'x.json'), s.sittings()]));",
        files,
    )
    for (result, kept), (name, (_, message)) in zip(got, cases.items(), strict=True):
        assert result["problem"] == f"x.json: payload.judgement: {message}", (name, result)
        assert kept == {}, "nothing is added from a refused file"


def test_sittings_exported_from_jupyterlab_load_in_the_site(tmp_path: Path) -> None:
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        first = first_form(pseudonym(store))
        answers.start(store, "before", first)
        answers.choose(store, "before", "a01-first-item", "an-option")
        answers.finish(store, "before")
        answers.start(store, "after", other_form(first))  # begun, not finished: not exported
        path = write_export(export_results(store), tmp_path / "lab.json")
        lab_id = pseudonym(store)
    got = run_js(
        MEMORY_STORAGE
        + """
const J = require(STATIC + '/judgement.js');
const s = new P.Store(memory(), 'k');
const loaded = s.importExport(require('fs').readFileSync(input, 'utf8'), 'lab.json');
reply({loaded, sittings: s.sittings(), id: s.learnerId(), after: J.formFor('after', s.learnerId(), s.sittings())});
""",
        str(path),
    )
    assert "problem" not in got["loaded"], got["loaded"]
    assert got["id"] == lab_id, "the site takes the pseudonym of the lab, so the form order holds"
    assert list(got["sittings"]) == ["before"]
    assert (got["sittings"]["before"]["form"], got["sittings"]["before"]["answers"]) == (
        first,
        {"a01-first-item": "an-option"},
    )
    assert got["after"] == other_form(first)


def test_a_sitting_in_a_file_never_puts_one_form_in_both_sittings() -> None:
    script = (
        MEMORY_STORAGE
        + """
const there = new P.Store(memory(), 'there');
there.startSitting('before', 'A');
there.chooseInSitting('before', 'a01', 'x');
there.finishSitting('before');
const here = new P.Store(memory(), 'here');
here.startSitting('after', 'A');  // begun here on the form of the file's first sitting
here.chooseInSitting('after', 'b01', 'y');
const loaded = here.importExport(JSON.stringify(there.exportData()), 'there.json');
const again = new P.Store(here.storage, 'here');
reply({loaded, sittings: again.sittings(), notices: again.takeNotices()});
"""
    )
    out = run_js(script, None)
    assert out["notices"] == [], "the record stays usable"
    assert out["loaded"]["added"] == 0, "the file's first sitting is left in the file"
    assert list(out["sittings"]) == ["after"] and out["sittings"]["after"]["answers"] == {"b01": "y"}
