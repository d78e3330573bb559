"""Export a learner's results for the instructor, and load such exports back safely.

The payload holds the learner's answers (``attempts``), event ``ratings``, review queue history
(``reviews``: rating, time and FSRS card state of each review) and, when asked, ``reflections``.

An export is pseudonymous by default: a random learner id kept in the store's settings, a name only when
the learner gives one, reflections only when asked. It carries the finished sittings of the case-judgement
test, when there are any, as ``payload["judgement"]`` (``course.judgement.answers``). ``checksum`` is sha256 over the canonical JSON of
``payload``; it detects edits and damage in transit, it is not a signature.
"""

from __future__ import annotations

import json
import os
import secrets
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..judgement.answers import shared_block
from ..problems import Problem
from ..progress.sqlite_store import ProgressStore
from .exchange import BadFile, read_capped, why
from .file_format import ASK_AGAIN, FORMAT, VERSION, checksum, envelope_problem, payload_problem

LEARNER_KEY = "learner_id"
MAX_BYTES = 50 * 1024 * 1024


def learner_id(store: ProgressStore) -> str:
    """The learner's stable random pseudonym, created on first use."""
    return str(store.ensure_setting(LEARNER_KEY, f"learner-{secrets.token_hex(6)}"))


def export_results(
    store: ProgressStore, *, name: str | None = None, include_reflections: bool = False
) -> dict[str, Any]:
    """The learner's attempts and ratings (and reflections if asked) as a checksummed export dict."""
    learner: dict[str, Any] = {"id": learner_id(store)}
    if name and name.strip():
        learner["name"] = name.strip()
    payload: dict[str, Any] = {
        "learner": learner,
        "exported_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "attempts": [
            {
                "exercise_id": a.exercise_id,
                "content_hash": a.content_hash,
                "notebook": a.notebook,
                "answer": a.answer,
                "score": a.score,
                "max_score": a.max_score,
                "feedback": a.feedback,
                "created_at": a.created_at,
            }
            for a in store.attempts()
        ],
        "ratings": store.rating_rows(),
        "reviews": [
            {
                "exercise_id": r.exercise_id,
                "content_hash": r.content_hash,
                "rating": r.rating,
                "reviewed_at": r.reviewed_at,
                "card": r.card,
            }
            for r in store.reviews()
        ],
    }
    judgement = shared_block(store)
    if judgement is not None:  # the finished sittings of the case-judgement test (course.judgement.answers)
        payload["judgement"] = judgement
    if include_reflections:
        payload["reflections"] = [
            {
                "exercise_id": r.exercise_id,
                "content_hash": r.content_hash,
                "text": r.text,
                "rubric": r.rubric,
                "created_at": r.created_at,
            }
            for r in store.reflections()
        ]
    return {
        "format": FORMAT,
        "version": VERSION,
        "payload": payload,
        "checksum": {"algorithm": "sha256", "value": checksum(payload)},
    }


def contents(payload: dict[str, Any], reflections: bool) -> str:
    """ "12 answers, 4 ratings, 6 reviews and your reflections" (or "... (reflections not included)")."""
    parts = [f"{len(payload['attempts'])} answers", f"{len(payload['ratings'])} ratings"]
    parts.append(f"{len(payload.get('reviews', []))} reviews")
    if reflections:
        return f"{', '.join(parts)} and your reflections"
    return f"{', '.join(parts[:-1])} and {parts[-1]} (reflections not included)"


def write_export(export: dict[str, Any], path: str | Path) -> Path:
    """Write an export as indented JSON that the learner can hand to an instructor.

    The file is created new (exclusively, without following links) beside ``path`` and renamed into
    place, so a link planted at ``path`` is replaced, never written through. Its mode is 0644 less the
    learner's umask: readable by whoever the learner gives it to (the old 0600 was unreadable even by
    an instructor on the same hub).
    """
    path = Path(path)
    data = (json.dumps(export, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def _reject_constant(name: str) -> Any:
    raise ValueError(f"the JSON contains {name}")


def parse_export(data: bytes, where: str, again: str = ASK_AGAIN) -> tuple[dict[str, Any] | None, str | None]:
    """``(export, None)`` for well-formed, untampered export bytes; else ``(None, "file:line: field: why")``.

    ``again`` ends the messages about a damaged file (a seminar submission asks for sharing again).
    """

    def refuse(field: str, message: str, line: int | None = None) -> tuple[None, str]:
        return None, str(Problem(where, line, field, message))

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return refuse("", "not UTF-8 text; a course export is a JSON file written by `course export`")
    try:
        value = json.loads(text, parse_constant=_reject_constant)
    except ValueError as exc:
        if not isinstance(exc, json.JSONDecodeError):
            return refuse("", f"{exc}; an export holds only finite numbers")
        return refuse(
            "",
            f"not valid JSON ({exc.msg} at column {exc.colno}): the file is cut off or was edited; {again}",
            exc.lineno,
        )
    except RecursionError:
        return refuse("", "the JSON is nested too deeply to be an export")
    found = envelope_problem(value, again) or payload_problem(value["payload"])
    if found is not None:
        return refuse(*found)
    return value, None


def load_export(path: str | Path) -> tuple[dict[str, Any] | None, str | None]:
    """``(export, None)`` for a well-formed, untampered export; else ``(None, "file:line: field: why")``.

    The file is opened without following a symbolic link and without blocking (a named pipe is refused,
    not waited on), must be a regular file, and is read only up to ``MAX_BYTES``.
    """
    path = Path(path)
    try:
        data, _ = read_capped(path, MAX_BYTES, what="an export")
    except BadFile as bad:
        return None, str(Problem(str(path), None, "", str(bad)))
    except OSError as exc:
        return None, str(Problem(str(path), None, "", f"cannot be read ({why(exc)})"))
    return parse_export(data, str(path))
