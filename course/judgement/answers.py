"""The learner's answers to the case-judgement test, kept in their own progress store (never in a notebook).

One setting, ``judgement``, holds both sittings as JSON::

    {"version": 1,
     "sittings": {"before": {"form": "A", "answers": {"a01-...": "decline-warmly", ...},
                             "started_at": "2026-...Z", "finished_at": "2026-...Z" or null},
                  "after": {...}}}

Each choice is saved as it is made; ``finish`` closes a sitting, after which its answers cannot change
(``start_over`` clears it, on purpose only). Only finished sittings are shared with the seminar
(``shared_block``), inside the learner's submission as ``payload["judgement"]`` in the same shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from .names import FORMS, SITTINGS

SETTING = "judgement"
VERSION = 1
_ID = re.compile(r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$")
MAX_ITEMS = 200


class SittingClosed(Exception):
    """The sitting is finished; its answers stay as they are."""


@dataclass
class Sitting:
    """One sitting of the test: the form taken and the choices made (item id -> option id)."""

    name: str
    form: str
    answers: dict[str, str] = field(default_factory=dict)
    started_at: str = ""
    finished_at: str | None = None

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    def as_json(self) -> dict[str, Any]:
        return {
            "form": self.form,
            "answers": dict(self.answers),
            "started_at": self.started_at,
            "finished_at": self.finished_at,
        }


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _read(store: Any) -> dict[str, Any]:
    value = store.get_setting(SETTING)
    if not isinstance(value, dict) or block_problem(value, finished_only=False) is not None:
        return {"version": VERSION, "sittings": {}}
    return value


def sittings(store: Any) -> dict[str, Sitting]:
    """The learner's sittings so far ("before", "after"), as saved."""
    out = {}
    for name, row in _read(store)["sittings"].items():
        out[name] = Sitting(name, row["form"], dict(row["answers"]), row.get("started_at", ""), row.get("finished_at"))
    return out


def _write(store: Any, found: dict[str, Sitting]) -> None:
    store.set_setting(SETTING, {"version": VERSION, "sittings": {n: s.as_json() for n, s in found.items()}})


def start(store: Any, name: str, form: str) -> Sitting:
    """The sitting ``name``, begun now on ``form`` unless it was begun before (then as saved)."""
    found = sittings(store)
    if name not in found:
        found[name] = Sitting(name, form, {}, _now())
        _write(store, found)
    return found[name]


def choose(store: Any, name: str, item_id: str, option_id: str | None) -> Sitting:
    """Save one choice (None clears it). Raises ``SittingClosed`` once the sitting is finished."""
    found = sittings(store)
    sitting = found[name]
    if sitting.finished:
        raise SittingClosed(f"the {name} test is finished; its answers stay as they were")
    if option_id is None:
        sitting.answers.pop(item_id, None)
    else:
        sitting.answers[item_id] = option_id
    _write(store, found)
    return sitting


def finish(store: Any, name: str) -> Sitting:
    """Close the sitting: its answers are final."""
    found = sittings(store)
    sitting = found[name]
    if not sitting.finished:
        sitting.finished_at = _now()
        _write(store, found)
    return sitting


def start_over(store: Any, name: str) -> None:
    """Forget the sitting ``name`` entirely (the learner asked for it in so many words)."""
    found = sittings(store)
    if found.pop(name, None) is not None:
        _write(store, found)


def shared_block(store: Any) -> dict[str, Any] | None:
    """The finished sittings, for the learner's submission (None when none is finished)."""
    done = {n: s.as_json() for n, s in sittings(store).items() if s.finished}
    return {"version": VERSION, "sittings": done} if done else None


def block_problem(value: Any, finished_only: bool = True) -> str | None:
    """What is wrong with a ``judgement`` block (read from a learner's file: untrusted), or None."""
    if not isinstance(value, dict) or value.get("version") != VERSION:
        return f"must be an object with version {VERSION} and sittings"
    rows = value.get("sittings")
    if not isinstance(rows, dict):
        return "sittings must be an object"
    for name, row in rows.items():
        where = f"sittings.{name}"
        if name not in SITTINGS:
            return f"{where} is not a sitting; the sittings are before and after"
        if not isinstance(row, dict) or row.get("form") not in FORMS:
            return f"{where}.form must be A or B"
        answers = row.get("answers")
        if not isinstance(answers, dict) or len(answers) > MAX_ITEMS:
            return f"{where}.answers must be an object of item id: option id"
        for item, option in answers.items():
            if not (isinstance(item, str) and _ID.match(item) and isinstance(option, str) and _ID.match(option)):
                return f"{where}.answers must map item ids to option ids"
        if not isinstance(row.get("started_at", ""), str):
            return f"{where}.started_at must be a date-time string"
        finished = row.get("finished_at")
        if finished is not None and not isinstance(finished, str):
            return f"{where}.finished_at must be a date-time string or null"
        if finished_only and finished is None:
            return f"{where} is not finished; only finished sittings are shared"
    forms = [row["form"] for row in rows.values()]
    if len(forms) == 2 and forms[0] == forms[1]:
        return "both sittings are on the same form; the second sitting takes the other form"
    return None
