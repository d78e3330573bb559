"""nbval's kernels: one that fails as it starts is started once more, with a warning that carries its error output."""

from __future__ import annotations

import pytest
from test_worker_scope import _root_conftest


def _failing(times: int, message: str = "Kernel died before replying to kernel_info"):
    calls = []

    def start(*args, **kwargs):
        calls.append(kwargs)
        kwargs["stderr"].write("zmq.error.ZMQError: Address already in use (addr='tcp://127.0.0.1:41234')\n")
        kwargs["stderr"].flush()
        if len(calls) <= times:
            raise RuntimeError(message)
        return "manager", "client"

    return start, calls


def test_a_kernel_that_dies_as_it_starts_is_started_again_with_its_error_in_the_warning() -> None:
    start, calls = _failing(1)
    with pytest.warns(UserWarning, match=r"Kernel died before replying.*Address already in use"):
        assert _root_conftest().start_kernel_again_if_it_fails(start)(kernel_name="k") == ("manager", "client")
    assert len(calls) == 2 and all(c["kernel_name"] == "k" for c in calls)


def test_a_second_failure_is_reported() -> None:
    start, calls = _failing(2, "Kernel didn't respond in 180 seconds")
    with pytest.warns(UserWarning), pytest.raises(RuntimeError, match="didn't respond"):
        _root_conftest().start_kernel_again_if_it_fails(start)()
    assert len(calls) == 2


def test_a_kernel_that_starts_is_started_once() -> None:
    start, calls = _failing(0)
    assert _root_conftest().start_kernel_again_if_it_fails(start)() == ("manager", "client")
    assert len(calls) == 1


def test_nbvals_kernels_are_started_through_it() -> None:
    import nbval.kernel

    assert nbval.kernel.start_new_kernel.__name__ == "start_with_a_second_try"
