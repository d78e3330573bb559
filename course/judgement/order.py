"""Which form a learner takes first: counterbalanced by a stable hash of their pseudonym.

``first_form(p) = "A" if int(sha256(p).hexdigest(), 16) % 2 == 0 else "B"``; the second sitting takes the
other form. The website uses the same rule in JavaScript, so a class gets both orders wherever it learns.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from ..classroom.export import LEARNER_KEY, learner_id
from ..classroom.seminar import place
from .names import FORMS, SITTINGS

__all__ = ["SITTINGS", "first_form", "form_for", "other_form", "pseudonym"]


def first_form(pseudonym: str) -> str:
    """ "A" or "B": the form this learner takes at the first sitting."""
    return "A" if int(hashlib.sha256(pseudonym.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "B"


def other_form(form: str) -> str:
    """The form that is not ``form``."""
    return FORMS[1] if form == FORMS[0] else FORMS[0]


def form_for(sitting: str, pseudonym: str, taken_before: str | None = None) -> str:
    """The form for ``sitting`` ("before" or "after"). ``taken_before`` is the form the learner's store says
    they took before, which wins over the hash (so a changed pseudonym never gives the same form twice)."""
    if sitting not in SITTINGS:
        raise ValueError(f"the sitting is {sitting!r}; use 'before' or 'after'")
    first = first_form(pseudonym)
    if sitting == "before":
        return first
    return other_form(taken_before) if taken_before in FORMS else other_form(first)


def pseudonym(store: Any) -> str:
    """The learner's pseudonym: on the seminar hub their seminar pseudonym, elsewhere the random id their
    exports carry (``course export``), created once in the progress store."""
    where = place()
    if where is not None:
        return where.folder
    ensure = getattr(store, "ensure_setting", None)
    if ensure is not None:
        return learner_id(store)
    value = store.get_setting(LEARNER_KEY)
    if not value:
        value = f"learner-{secrets.token_hex(6)}"
        store.set_setting(LEARNER_KEY, value)
    return str(value)
