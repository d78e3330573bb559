"""Finding repeated ids (or any repeated values) in a list, for the checks' messages."""

from __future__ import annotations

from typing import Any


def duplicates(values: list[Any]) -> list[int]:
    """Positions of values already seen earlier in the list."""
    seen: set[Any] = set()
    out = []
    for i, value in enumerate(values):
        if value in seen:
            out.append(i)
        seen.add(value)
    return out
