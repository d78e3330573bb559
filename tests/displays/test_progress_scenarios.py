"""Decision scenarios on the progress overview: explored (begun), played to the end and the recommended path, apart."""

from __future__ import annotations

from course.content import load_content
from course.displays.progress_overview import completion, overview_html
from course.exercises.lookup import index, load
from course.paths import data_dir
from course.progress.records import ExerciseSummary

CONTENT = load_content()


def _decision() -> object:
    known = {nb.id for nb in CONTENT.course.notebooks}
    specs = [load(i).spec for i in sorted(index(data_dir() / "exercises"))]
    return next(s for s in specs if s is not None and s.type == "decision" and s.notebook in known)


def _row(notebooks: list, spec: object) -> object:
    return next(g for g in notebooks if g.label == CONTENT.notebook(spec.notebook).title)


def test_a_scenario_explored_along_another_path_counts_as_completed_not_as_recommended() -> None:
    spec = _decision()
    summary = {spec.id: ExerciseSummary(spec.id, 1, 1, 3, False, "2026-01-01T00:00:00")}
    notebooks, _ = completion(CONTENT, summary, set())
    row = _row(notebooks, spec)
    assert spec.id in row.done and spec.id not in row.todo
    assert row.explored == [spec.id] and row.ended == [spec.id] and row.recommended == []
    html = overview_html(notebooks, [])
    assert f"1 of {len(row.scenarios)} explored, 1 played to the end, 0 along the recommended path" in html
    assert "you have begun 1 of" in html and "played 1 to the end" in html


def test_the_recommended_path_is_counted_apart_and_an_unplayed_scenario_is_not_done() -> None:
    spec = _decision()
    notebooks, _ = completion(CONTENT, {}, set())
    row = _row(notebooks, spec)
    assert spec.id in row.todo and row.explored == [] and row.recommended == []
    summary = {spec.id: ExerciseSummary(spec.id, 2, 3, 3, True, "2026-01-01T00:00:00")}
    row = _row(completion(CONTENT, summary, set())[0], spec)
    assert row.explored == [spec.id] and row.recommended == [spec.id] and spec.id in row.done


def test_a_scenario_left_halfway_counts_as_explored_but_not_as_completed() -> None:
    spec = _decision()
    notebooks, _ = completion(CONTENT, {}, {spec.id})
    row = _row(notebooks, spec)
    assert row.explored == [spec.id] and row.ended == [] and row.recommended == []
    assert spec.id in row.todo and spec.id not in row.done
    html = overview_html(notebooks, [])
    assert f"1 of {len(row.scenarios)} explored, 0 played to the end, 0 along the recommended path" in html


def test_the_overview_reads_the_scenarios_left_halfway_from_the_store(tmp_path) -> None:
    from course import progress
    from course.exercises.drafts import save_draft

    store = progress.use(tmp_path / "progress.sqlite3")
    try:
        spec = _decision()
        save_draft(store, spec.id, "some-hash", [spec.answer[0]])
        row = _row(completion(CONTENT)[0], spec)
        assert row.explored == [spec.id] and row.ended == [] and spec.id in row.todo
        save_draft(store, spec.id, "some-hash", None)
        assert _row(completion(CONTENT)[0], spec).explored == []
    finally:
        progress.use(None)
