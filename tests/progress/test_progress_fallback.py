"""Where SQLite cannot keep answers (JupyterLite), the progress store falls back to memory and says so once."""

from __future__ import annotations

import sys

import pytest

from course import progress


@pytest.fixture
def fresh_store():
    progress.use(None)
    yield
    progress.use(None)


def test_in_the_browser_answers_are_kept_in_memory_with_one_notice(monkeypatch, fresh_store) -> None:
    monkeypatch.setattr(sys, "platform", "emscripten")
    monkeypatch.delenv("COURSE_PROGRESS", raising=False)
    store = progress.current()
    assert isinstance(store, progress.SessionOnlyProgress)
    assert progress.current() is store
    notices = store.take_notices()
    assert len(notices) == 1 and "not kept in this browser session" in notices[0]
    assert store.take_notices() == []
    store.record_attempt("x", "h", "a", 1, 1, "ok")
    assert store.attempt_count("x") == 1


def test_an_explicit_progress_file_is_used_even_in_the_browser(monkeypatch, tmp_path, fresh_store) -> None:
    monkeypatch.setattr(sys, "platform", "emscripten")
    monkeypatch.setenv("COURSE_PROGRESS", str(tmp_path / "p.sqlite3"))
    assert progress.sqlite_problem() is None
    assert isinstance(progress.current(), progress.ProgressStore)


def test_on_a_computer_the_sqlite_store_is_used(fresh_store) -> None:
    assert progress.sqlite_problem() is None
    assert isinstance(progress.current(), progress.ProgressStore)
