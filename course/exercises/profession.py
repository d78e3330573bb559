"""The learner's profession (which code of ethics is theirs), used to put their code first."""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

BODIES: tuple[str, ...] = ("APA", "ACA", "NASW", "AAMFT", "BACP")
T = TypeVar("T")


def profession(store: Any = None) -> str | None:
    """The body saved in the setting ``profession`` (APA, ACA, NASW, AAMFT or BACP), or None."""
    if store is None:
        from .storage import get_store

        store = get_store()[0]
    try:
        value = store.get_setting("profession")
    except Exception:  # a broken store only loses the ordering
        return None
    body = str(value or "").strip().upper()
    return body if body in BODIES else None


def names_body(text: str, body: str) -> bool:
    """True when ``text`` names ``body`` as a word (e.g. 'APA 3.05')."""
    return re.search(rf"\b{re.escape(body)}\b", text, flags=re.IGNORECASE) is not None


def order_by_profession(items: list[T], text_of: Callable[[T], str], body: str | None) -> list[T]:
    """Items naming the learner's body first, otherwise in the written order."""
    if not body:
        return list(items)
    return sorted(items, key=lambda item: not names_body(text_of(item), body))
