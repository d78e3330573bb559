"""Putting the learner's own code first in exercise options (the choice itself: ``course.displays.ethics_codes``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def names_body(text: str, body: str) -> bool:
    """True when ``text`` names ``body`` as a word (e.g. 'APA 3.05')."""
    return re.search(rf"\b{re.escape(body)}\b", text, flags=re.IGNORECASE) is not None


def order_by_profession(items: list[T], text_of: Callable[[T], str], body: str | None) -> list[T]:
    """Items naming the learner's body first, otherwise in the written order."""
    if not body:
        return list(items)
    return sorted(items, key=lambda item: not names_body(text_of(item), body))
