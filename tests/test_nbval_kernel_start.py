"""nbval's kernels: one that fails as it starts is started once more, with a warning that carries its error output."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest


def _failing(
    times: int, message: str = "Kernel died before replying to kernel_info"
) -> tuple[Callable[..., tuple[str, str]], list[dict[str, Any]]]:
    """A stand-in for nbval's ``start_new_kernel`` that fails ``times`` times, and the keyword arguments of each call."""
    calls: list[dict[str, Any]] = []

    def start(*args: Any, **kwargs: Any) -> tuple[str, str]:
        calls.append(kwargs)
        kwargs["stderr"].write("zmq.error.ZMQError: Address already in use (addr='tcp://127.0.0.1:41234')\n")
        kwargs["stderr"].flush()
        if len(calls) <= times:
            raise RuntimeError(message)
        return "manager", "client"

    return start, calls


def test_a_kernel_that_dies_as_it_starts_is_started_again_with_its_error_in_the_warning(
    root_conftest: ModuleType,
) -> None:
    start, calls = _failing(1)
    with pytest.warns(UserWarning, match=r"Kernel died before replying.*Address already in use"):
        assert root_conftest.start_kernel_again_if_it_fails(start)(kernel_name="k") == ("manager", "client")
    assert len(calls) == 2 and all(c["kernel_name"] == "k" for c in calls)
    assert calls[0]["stderr"].closed and not calls[1]["stderr"].closed  # the running kernel's stays open
    assert not Path(calls[1]["stderr"].name).exists()  # and no file is left behind
    calls[1]["stderr"].close()


def test_a_second_failure_is_reported(root_conftest: ModuleType) -> None:
    start, calls = _failing(2, "Kernel didn't respond in 180 seconds")
    with pytest.warns(UserWarning), pytest.raises(RuntimeError, match="didn't respond"):
        root_conftest.start_kernel_again_if_it_fails(start)()
    assert len(calls) == 2


def test_a_kernel_that_starts_is_started_once(root_conftest: ModuleType) -> None:
    start, calls = _failing(0)
    assert root_conftest.start_kernel_again_if_it_fails(start)() == ("manager", "client")
    assert len(calls) == 1
    calls[0]["stderr"].close()


def test_nbvals_kernels_are_started_through_it_once(root_conftest: ModuleType) -> None:
    import nbval.kernel

    guarded = nbval.kernel.start_new_kernel
    assert hasattr(guarded, "__wrapped__") and not hasattr(guarded.__wrapped__, "__wrapped__")
    assert root_conftest.start_kernel_again_if_it_fails(guarded) is guarded  # a second guard adds nothing
