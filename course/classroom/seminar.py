"""The learner's side of the seminar exchange: share, look at, replace and withdraw a submission.

On the seminar hub every learner's server has ``COURSE_EXCHANGE`` (the exchange folder) and
``COURSE_SEMINAR_ID`` (their pseudonym, the name of their own folder in it). Nothing is shared until the
learner asks; sharing again replaces the earlier submission; reflections go only when asked each time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..progress import current
from . import exchange as ex
from .submission import build_submission, check_submission, encode

NOT_ON_HUB = (
    "Sharing with the seminar works on your seminar's JupyterHub. Here, run `course export` in a "
    "terminal to write a file you can choose to send to your instructor."
)


@dataclass(frozen=True)
class Place:
    """Where this learner's submission goes."""

    exchange: Path
    folder: str


@dataclass(frozen=True)
class Shared:
    """What the learner has shared, read back from the exchange."""

    shared_at: str
    answers: int
    ratings: int
    reflections: int
    reflections_included: bool
    completed: list[str]
    exercises: list[str]
    judgement: tuple[str, ...] = ()  # the sittings of the case-judgement test shared ("before", "after")

    def sentence(self) -> str:
        refl = (
            f"{self.reflections} written reflection{'s' if self.reflections != 1 else ''}"
            if self.reflections_included
            else "no reflections"
        )
        return (
            f"You shared {self.answers} answer{'s' if self.answers != 1 else ''} to "
            f"{len(self.exercises)} exercise{'s' if len(self.exercises) != 1 else ''}, {self.ratings} "
            f"rating{'s' if self.ratings != 1 else ''}{self._judgement()} and {refl} on "
            f"{self.shared_at.replace('T', ' at ')}."
        )

    def _judgement(self) -> str:
        if not self.judgement:
            return ""
        return f", your case-judgement test ({' and '.join(self.judgement)})"


def place() -> Place | None:
    """The learner's place in the exchange, or None when the course is not running on the seminar hub."""
    exchange, folder = os.environ.get("COURSE_EXCHANGE"), os.environ.get("COURSE_SEMINAR_ID")
    if not exchange or not folder or "/" in folder or folder.startswith("."):
        return None
    return Place(Path(exchange), folder)


def _required(where: Place | None) -> Place:
    if where is None:
        raise ex.ExchangeError(NOT_ON_HUB)
    return where


def share(*, include_reflections: bool = False, store: Any = None, where: Place | None = None) -> Shared:
    """Share the learner's answers now (replacing what was shared before); returns what was shared."""
    where = _required(where or place())
    store = store if store is not None else current()
    data = build_submission(store, where.folder, include_reflections=include_reflections)
    ex.write_submission(where.exchange, where.folder, encode(data))
    return _summary(data["payload"])


def withdraw(*, where: Place | None = None) -> bool:
    """Remove what the learner shared; False when nothing was shared."""
    where = _required(where or place())
    return ex.withdraw_submission(where.exchange, where.folder)


def shared(*, where: Place | None = None) -> Shared | None:
    """What the learner has shared now, read back from their folder; None when nothing is shared."""
    where = _required(where or place())
    raw = ex.read_submission(where.exchange, where.folder, owner=os.geteuid())
    if raw.problem is not None:
        raise ex.ExchangeError(f"what you shared cannot be read back: {raw.problem}; share again to replace it")
    if raw.data is None:
        return None
    sub, problem = check_submission(raw.data, where.folder, str(raw.path))
    if sub is None:
        raise ex.ExchangeError(f"what you shared cannot be used: {problem}; share again to replace it")
    return _summary(sub.payload)


def shared_text(*, where: Place | None = None) -> str | None:
    """The JSON the learner shared, exactly as the instructor sees it; None when nothing is shared."""
    where = _required(where or place())
    raw = ex.read_submission(where.exchange, where.folder, owner=os.geteuid())
    return None if raw.data is None else raw.data.decode("utf-8", "replace")


def _summary(payload: dict[str, Any]) -> Shared:
    exercises = list(dict.fromkeys(a["exercise_id"] for a in payload["attempts"]))
    exercises += [r["exercise_id"] for r in payload["ratings"] if r["exercise_id"] not in exercises]
    return Shared(
        shared_at=str(payload["exported_at"]),
        answers=len(payload["attempts"]),
        ratings=len(payload["ratings"]),
        reflections=len(payload.get("reflections") or []),
        reflections_included=bool(payload["seminar"]["reflections"]),
        completed=list(payload["completed"]),
        exercises=list(dict.fromkeys(exercises)),
        judgement=_sittings_shared(payload),
    )


def _sittings_shared(payload: dict[str, Any]) -> tuple[str, ...]:
    block = payload.get("judgement")
    rows = block.get("sittings") if isinstance(block, dict) else None
    return tuple(s for s in ("before", "after") if isinstance(rows, dict) and s in rows)
