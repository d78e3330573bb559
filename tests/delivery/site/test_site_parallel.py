"""The site's notebooks run a few at a time (``parallel.in_order``): results in order, the first failure in
order, nothing left running. Plain functions stand in for notebooks; threading events, not sleeps, decide
what happens when."""

from __future__ import annotations

import os
import threading
from contextlib import closing

import pytest

from course.delivery.site.parallel import MAX_JOBS, default_jobs, in_order

WAIT = 30  # seconds an item waits for another before the test fails (it never should)


class Failed(Exception):
    """Item ``n`` failed."""


def test_the_jobs_really_run_at_once_and_come_back_in_order() -> None:
    """Three items that can only finish together (a barrier of three) finish with three jobs."""
    together = threading.Barrier(3, timeout=WAIT)

    def work(n: int) -> int:
        together.wait()  # BrokenBarrierError unless all three are running at the same time
        return n * n

    assert list(in_order(work, [1, 2, 3], jobs=3)) == [1, 4, 9]


def test_one_job_is_one_item_after_another() -> None:
    running: list[int] = []

    def work(n: int) -> int:
        running.append(threading.get_ident())
        return -n

    assert list(in_order(work, [3, 1, 2], jobs=1)) == [-3, -1, -2]
    assert set(running) == {threading.get_ident()}, "one job runs in the caller's own thread"


def test_the_first_failure_in_order_is_raised_even_when_a_later_one_fails_first() -> None:
    """Item 1 fails only after item 2 has failed; the error is item 1's, and no item after them starts."""
    started: list[int] = []
    two_failed = threading.Event()

    def work(n: int) -> int:
        started.append(n)
        if n == 1:
            assert two_failed.wait(WAIT), "item 2 never ran beside item 1"
            raise Failed(1)
        if n == 2:
            two_failed.set()
            raise Failed(2)
        return n

    results: list[int] = []
    with pytest.raises(Failed) as err:
        for result in in_order(work, [0, 1, 2, 3, 4], jobs=2):
            results.append(result)
    assert err.value.args == (1,)
    assert results == [0]
    assert sorted(started) == [0, 1, 2], "an item after a failed one was started"


def test_stopping_early_leaves_nothing_running() -> None:
    """The caller stops after the first result: the items running are finished before it goes on."""
    release = threading.Event()
    started: list[int] = []
    finished: list[int] = []

    def work(n: int) -> int:
        started.append(n)
        if n:
            assert release.wait(WAIT)
        finished.append(n)
        return n

    with closing(in_order(work, list(range(10)), jobs=2)) as results:
        assert next(results) == 0
        release.set()
    assert sorted(started) == sorted(finished), "an item was still running after the caller stopped"


@pytest.mark.parametrize(("cores", "jobs"), [(1, 1), (2, 2), (MAX_JOBS + 4, MAX_JOBS)])
def test_default_jobs_is_one_per_core_up_to_the_maximum(monkeypatch: pytest.MonkeyPatch, cores: int, jobs: int) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cores)), raising=False)
    assert default_jobs() == jobs


@pytest.mark.parametrize("jobs", ["0", "-2", "two"])
def test_course_site_refuses_jobs_that_are_not_a_whole_number_of_one_or_more(capsys, jobs: str) -> None:
    from course.cli import main

    with pytest.raises(SystemExit) as stopped:
        main(["site", "--jobs", jobs])
    assert stopped.value.code == 2
    assert f"--jobs: '{jobs}' is not a whole number of 1 or more" in capsys.readouterr().err


def test_the_command_names_the_same_most_jobs_as_the_build() -> None:
    from course.cli import SITE_MAX_JOBS

    assert SITE_MAX_JOBS == MAX_JOBS
