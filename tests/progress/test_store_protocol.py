"""The three progress stores keep one promise (the ``Store`` protocol) and answer alike."""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

import pytest

from course import progress
from course.progress import MemoryProgress, ProgressStore, SessionOnlyProgress, Store

PROTOCOL_METHODS = sorted(name for name, value in vars(Store).items() if callable(value) and not name.startswith("_"))


def test_the_protocol_lists_what_the_course_asks_of_a_store() -> None:
    assert {"record_attempt", "last_attempt", "save_ratings", "get_setting", "summary", "close"} <= set(
        PROTOCOL_METHODS
    )


@pytest.mark.parametrize("store_class", [ProgressStore, MemoryProgress, SessionOnlyProgress])
@pytest.mark.parametrize("method", PROTOCOL_METHODS)
def test_every_store_has_each_method_with_the_same_parameters(store_class: type, method: str) -> None:
    assert hasattr(store_class, method), f"{store_class.__name__} has no {method}()"
    want = list(inspect.signature(getattr(Store, method)).parameters)
    got = list(inspect.signature(getattr(store_class, method)).parameters)
    assert got == want, f"{store_class.__name__}.{method}{got} differs from Store.{method}{want}"


def test_store_instances_pass_the_runtime_check(store: ProgressStore) -> None:
    for instance in (store, MemoryProgress(), SessionOnlyProgress("a test")):
        assert isinstance(instance, Store)
    assert not isinstance(object(), Store)


def _same_history(s: Store) -> None:
    s.record_attempt("choice", "h", "a", 0, 1, "No.")
    s.record_attempt("choice", "h", "b", 1, 1, "Yes.")
    s.record_attempt("partly", "h", ["a"], 1, 3, "One of three.")
    s.record_attempt("ungraded", "h", "x", None, None, "Noted.")
    s.save_reflection("journal", "h", "Some words.", {"named": True})
    s.save_reflection("journal", "h", "More words.", {})
    s.save_ratings("rate", "h", {"refusal": 2, "fee-waived": -1}, "transference")
    s.save_ratings("rate", "h", {"refusal": 1}, "transference")
    s.record_attempt("rate", "h", {"refusal": 1}, 1, 2, "One of two.")


def test_memory_and_sqlite_stores_summarise_the_same_history_alike(store: ProgressStore) -> None:
    memory = MemoryProgress()
    for s in (store, memory):
        _same_history(s)
    on_disk, in_memory = store.summary(), memory.summary()
    assert list(in_memory) == ["choice", "partly", "ungraded", "journal", "rate"]  # order of first activity
    assert sorted(on_disk) == sorted(in_memory)  # on disk, writes in the same millisecond sort by id
    for ex, row in on_disk.items():
        mine = in_memory[ex]
        assert (mine.attempts, mine.best_score, mine.max_score, mine.completed) == (
            row.attempts,
            row.best_score,
            row.max_score,
            row.completed,
        ), ex
    assert on_disk["choice"].completed and not on_disk["partly"].completed
    assert on_disk["journal"].attempts == 2 and on_disk["rate"].attempts == 1


def test_the_progress_overview_works_where_answers_are_kept_only_for_the_session(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from course.displays.progress_overview import completion

    monkeypatch.setattr(sys, "platform", "emscripten")
    monkeypatch.delenv("COURSE_PROGRESS", raising=False)
    progress.use(None)
    try:
        store = progress.current()
        assert isinstance(store, SessionOnlyProgress)
        notebooks, _ = completion()
        assert sum(len(g.done) for g in notebooks) == 0 and sum(g.total for g in notebooks) > 0
        some_id = notebooks[1].todo[0]
        store.record_attempt(some_id, "h", "x", 1, 1, "Right.")
        notebooks, _ = completion()
        assert [some_id] == [ex for g in notebooks for ex in g.done]
    finally:
        progress.use(None)


def test_sessions_kept_in_memory_close_without_complaint(tmp_path: Path) -> None:
    for s in (MemoryProgress(), SessionOnlyProgress("a test")):
        s.close()
        s.record_attempt("x", "h", "a", 1, 1, "ok")  # nothing was open: still usable
        assert s.attempt_count("x") == 1
