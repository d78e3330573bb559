"""The site's progress store (``static/progress.js``) speaks the ``course export`` format.

* A file written by "Download my answers" loads with ``load_export`` and ``course class-summary`` reads
  it beside JupyterLab exports.
* Exports written by Python are accepted, and the bad ones in tests/fixtures/progress/ refused naming
  the same field as ``load_export``; any edit after export is refused.
* A refused file, or damaged saved progress, never loses what is kept.
All JavaScript runs under node, a few calls per node process.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from course.classroom.export import export_results, load_export, write_export
from course.progress.sqlite_store import ProgressStore

from .node import REPO, run_js

FIXTURES = REPO / "tests" / "fixtures" / "progress"
MEMORY_STORAGE = """
const P = require(STATIC + '/progress.js');
function memory(items = {}) {
  return { items, getItem(k) { return k in this.items ? this.items[k] : null; },
           setItem(k, v) { this.items[k] = String(v); }, removeItem(k) { delete this.items[k]; } };
}
"""

FILL_AND_EXPORT = (
    MEMORY_STORAGE
    + """
const store = new P.Store(memory(), 'key');
store.recordAttempt('ch01-slippery-slope', 'hash-1', 'b', 0, 1, 'Not quite. Feedback with “quotes” — and Zoë', '01_codes_and_boundaries');
store.recordAttempt('ch01-slippery-slope', 'hash-1', 'a', 1, 1, 'Correct.', '01_codes_and_boundaries');
store.recordAttempt('ex-ordering', 'hash-2', {'\\uff01': 1, '\\u{1F600}': [0.5, -2.25e-7, 'x\\u2028y'], 'b"\\n': true}, 2, 3, 'Partly right: 2 of 3.', null);
store.saveRatings('ch03-rate-transference', 'hash-3', {'friendship-request': 3, refusal: -2}, 'transference');
store.saveReflection('seminar-own-practice', 'hash-4', 'My private reflection.', {honest: true});
reply({plain: store.exportData(), named: store.exportData({name: '  Robin Q. ', includeReflections: true})});
"""
)


def _write(tmp_path: Path, name: str, data: Any) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def test_downloaded_answers_load_in_python_and_feed_the_class_summary(tmp_path: Path) -> None:
    from course.cli import run_class_summary

    out = run_js(FILL_AND_EXPORT, None)
    plain = _write(tmp_path, "plain.json", out["plain"])
    named = _write(tmp_path, "named.json", out["named"])
    data, problem = load_export(plain)
    assert problem is None, problem
    learner = data["payload"]["learner"]
    assert set(learner) == {"id"} and learner["id"].startswith("learner-"), "pseudonymous by default"
    assert "reflections" not in data["payload"] and "My private reflection" not in plain.read_text()
    assert [a["answer"] for a in data["payload"]["attempts"]][:2] == ["b", "a"]
    data, problem = load_export(named)
    assert problem is None, problem
    assert data["payload"]["learner"] == {"id": learner["id"], "name": "Robin Q."}
    assert data["payload"]["reflections"][0]["text"] == "My private reflection."

    report_dir = tmp_path / "report"
    code = run_class_summary([plain, FIXTURES / "export-good-learner-b.json"], report_dir)
    assert code == 0
    report = (report_dir / "index.html").read_text(encoding="utf-8")
    assert "ch01-slippery-slope" in report and (report_dir / "ratings.png").exists()


def test_python_exports_are_accepted_and_bad_ones_refused_on_the_same_field(tmp_path: Path) -> None:
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        store.record_attempt(
            "e", "h", {"\uff01": 1.0, "\U0001f600": [1e-7, 2.5, 1e20], "k": None}, 1.0, 2, "x\x01", None
        )
        store.save_ratings("r", "h", {"refusal": -3}, "alliance")
        store.save_reflection("re", "h", "Zoë's text", {"a": True})
        extra = write_export(export_results(store, name="Zoë", include_reflections=True), tmp_path / "python.json")
    files = sorted(FIXTURES.glob("*.json")) + [extra]
    script = """
const P = require(STATIC + '/progress.js');
const fs = require('fs');
reply(input.map((f) => {
  const decoded = P.decodeFile(fs.readFileSync(f), f);
  return decoded.problem || P.readExport(decoded.text, f).problem || null;
}));
"""
    got = run_js(script, [str(f) for f in files])
    for path, js_problem in zip(files, got):
        _, py_problem = load_export(path)
        if py_problem is None:
            assert js_problem is None, f"{path.name}: refused by the site: {js_problem}"
            continue
        assert js_problem, f"{path.name}: accepted by the site, refused by Python: {py_problem}"
        field = py_problem.split(": ")[1]
        assert js_problem.split(": ")[1] == field, f"{path.name}: Python {py_problem!r}, site {js_problem!r}"


def test_an_edited_download_is_refused_and_nothing_kept_is_lost() -> None:
    script = (
        FILL_AND_EXPORT.replace("reply(", "const exported = (")
        + """
const text = JSON.stringify(exported.named, null, 2);
const edited = text.replace('"score": 0', '"score": 1');
const other = new P.Store(memory(), 'other');
other.recordAttempt('kept', 'h', 'a', 1, 1, 'Correct.', null);
const before = JSON.stringify(other.read());
const refused = other.importExport(edited, 'edited.json');
const unchanged = JSON.stringify(other.read()) === before;
const accepted = other.importExport(text, 'good.json');
const again = other.importExport(text, 'good.json');
reply({refused, unchanged, accepted, again, attempts: other.attempts().map((a) => a.exercise_id),
       reflections: other.read().reflections.length});
"""
    )
    out = run_js(script, None)
    assert out["refused"]["problem"].startswith("edited.json: checksum.value: does not match the payload")
    assert out["unchanged"]
    assert out["accepted"]["added"] == 3 + 2 + 1
    assert out["again"]["added"] == 0, "loading the same file twice adds nothing"
    assert "kept" in out["attempts"] and len(out["attempts"]) == 4
    assert out["reflections"] == 1


def test_damaged_saved_progress_is_kept_aside_and_a_fresh_record_started() -> None:
    script = (
        MEMORY_STORAGE
        + """
const storage = memory({key: '{"version": 1, "attempts": [tru'});
const store = new P.Store(storage, 'key');
const first = store.attempts().length;
const notices = store.takeNotices();
store.recordAttempt('e', 'h', 'a', 1, 1, 'Correct.', null);
reply({first, notices, keys: Object.keys(storage.items).sort(), aside: Object.entries(storage.items).filter(([k]) => k !== 'key').map(([, v]) => v)});
"""
    )
    out = run_js(script, None)
    assert out["first"] == 0
    assert len(out["notices"]) == 1 and "could not be used: it is not valid JSON" in out["notices"][0]
    assert out["aside"] == ['{"version": 1, "attempts": [tru'], "the damaged record is kept unchanged"
    assert out["keys"][0] == "key" and out["keys"][1].startswith("key:damaged:")


@settings(max_examples=8, deadline=None, database=None)
@given(texts=st.lists(st.text(alphabet=st.characters(exclude_categories=("Cs",))), min_size=1, max_size=60))
def test_sha256_matches_hashlib(texts: list[str]) -> None:
    got = run_js("const P = require(STATIC + '/progress.js'); reply(input.map(P.sha256));", texts)
    assert got == [hashlib.sha256(t.encode("utf-8")).hexdigest() for t in texts]
