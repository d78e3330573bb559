"""Run the site's notebooks a few at a time, and hand their results back in reading order.

Each notebook runs in its own kernel, a process of its own, so a few threads (one nbclient client each)
can run several at once while the pages are still written one after another, in order. A failure is
reported as the one-at-a-time build reports it: the first in reading order.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

MAX_JOBS = 4  # kernels at once, at most: each takes a core while it starts and while its cells draw

Item = TypeVar("Item")
Result = TypeVar("Result")


def default_jobs() -> int:
    """Kernels at once: one for each core this process may use, at most ``MAX_JOBS``."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(MAX_JOBS, cores))


class _Skipped(Exception):
    """An item after one that failed: never started, and never handed back."""


def in_order(work: Callable[[Item], Result], items: Sequence[Item], jobs: int) -> Iterator[Result]:
    """``work(item)`` for each item, ``jobs`` at a time, yielded in the items' order.

    The first failure in the items' order is raised, exactly as if the items were done one after another:
    the items before a failed one still finish (one of them may fail too), and no item after it is started.
    When the caller stops early (close the iterator, e.g. with ``contextlib.closing``), the items not yet
    started are dropped and those running are waited for, so nothing is left running.
    """
    if jobs <= 1:
        for item in items:
            yield work(item)
        return
    failed = len(items)  # index of the earliest item that failed so far
    lock = threading.Lock()

    def run(index: int, item: Item) -> Result:
        nonlocal failed
        with lock:
            if index > failed:
                raise _Skipped
        try:
            return work(item)
        except BaseException:
            with lock:
                failed = min(failed, index)
            raise

    with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="course-site") as pool:
        futures: list[Future[Result]] = [pool.submit(run, i, item) for i, item in enumerate(items)]
        try:
            for future in futures:
                yield future.result()
        finally:
            for future in futures:
                future.cancel()  # those not started; the pool's exit waits for those running


__all__ = ["MAX_JOBS", "default_jobs", "in_order"]
