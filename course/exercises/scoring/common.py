"""Helpers shared by the scoring functions: reading answers of any shape without raising."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ...content.ids import duplicates

Loc = tuple[Any, ...]
Found = list[tuple[Loc, str]]


def listing(ids: Iterable[str]) -> str:
    """'a', 'b' and 'c' -> "a, b, c" for messages."""
    return ", ".join(str(i) for i in ids)


def unique_ids(items: list[Any], field: str) -> Found:
    """Problems for repeated ``id`` values in a list of spec items."""
    ids = [item.id for item in items]
    return [
        ((field, i, "id"), f"'{ids[i]}' is used twice in {field}; every id must be unique") for i in duplicates(ids)
    ]


def is_text_list(value: Any) -> bool:
    """True for a list whose items are all strings."""
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def is_whole(value: Any) -> bool:
    """True for an int that is not a bool."""
    return isinstance(value, int) and not isinstance(value, bool)


def shown(value: Any) -> str:
    """A short repr of a learner's value for messages."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
