"""A seminar submission: a learner's export, shared through the exchange, and how it is checked.

A submission is a course export (same format, same checksum) whose payload also carries:

- ``learner.id``: the learner's seminar pseudonym (the name of their exchange folder);
- ``course_version``: the version of the course that wrote it;
- ``seminar``: ``{"reflections": true|false}``, whether the learner ticked "include my reflections";
- ``completed``: the ids of the exercises the learner's own progress store counts as completed, shown
  back to the learner ("Show what I shared");
- ``reflected``: the ids of the exercises with a saved reflection (the text itself goes only when
  ``reflections`` is true).

The checksum (``file_format.checksum``) is plain SHA-256, with no key: it catches a file damaged in
transit or by accident, not a learner who edits the file and recomputes it. So the instructor's side
trusts nothing a learner's process computed: the class view and the gradebook score the shared answers
again (``rescore``) and never read ``completed`` or a stored score.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..problems import Problem
from ..version import __version__
from .export import export_results, parse_export
from .file_format import ASK_TO_SHARE, checksum


@dataclass(frozen=True)
class Submission:
    """A checked submission from one learner folder."""

    folder: str
    payload: dict[str, Any]

    @property
    def shared_at(self) -> str:
        return str(self.payload["exported_at"])

    @property
    def completed(self) -> list[str]:
        return list(self.payload["completed"])

    @property
    def reflections_included(self) -> bool:
        return bool(self.payload["seminar"]["reflections"])


def current_version() -> str:
    """The version of the course installed here."""
    return __version__


def seminar_problem(payload: dict[str, Any], folder: str, version: str) -> tuple[str, str] | None:
    """What is wrong with the seminar fields of a checked export's payload, or None."""
    wrote = payload.get("course_version")
    if not isinstance(wrote, str) or not wrote:
        return "payload.course_version", "is missing: this is a plain export, not a seminar submission"
    if wrote != version:
        older = _version_key(wrote) < _version_key(version)
        return (
            "payload.course_version",
            f"is {wrote}: it was shared from {'an older' if older else 'a newer'} "
            f"version of the course than this one ({version}); ask the learner to share again",
        )
    if payload["learner"]["id"] != folder:
        return "payload.learner.id", f"is {payload['learner']['id']!r}, not the folder's pseudonym {folder!r}"
    seminar = payload.get("seminar")
    if not isinstance(seminar, dict) or not isinstance(seminar.get("reflections"), bool):
        return "payload.seminar.reflections", "must be true or false"
    if not seminar["reflections"] and payload.get("reflections"):
        return "payload.reflections", "holds reflections the learner did not choose to share"
    for name in ("completed", "reflected"):
        ids = payload.get(name, [] if name == "reflected" else None)
        if not isinstance(ids, list) or not all(isinstance(x, str) and x for x in ids):
            return f"payload.{name}", "must be a list of exercise ids"
    return None


def _version_key(version: str) -> tuple[int, ...]:
    parts = []
    for part in version.split("."):
        digits = "".join(ch for ch in part if ch.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


def check_submission(
    data: bytes, folder: str, where: str, version: str | None = None
) -> tuple[Submission | None, str | None]:
    """A checked ``Submission``, or ``(None, "file:line: field: why")``."""
    export, problem = parse_export(data, where, ASK_TO_SHARE)
    if export is None:
        return None, problem
    found = seminar_problem(export["payload"], folder, version or current_version())
    if found is not None:
        return None, str(Problem(where, None, *found))
    return Submission(folder, export["payload"]), None


def build_submission(store: Any, seminar_id: str, *, include_reflections: bool) -> dict[str, Any]:
    """The learner's export for the seminar: pseudonym, course version, completed exercises."""
    export = export_results(store, include_reflections=include_reflections)
    payload = export["payload"]
    payload["learner"] = {"id": seminar_id}
    payload["course_version"] = current_version()
    payload["seminar"] = {"reflections": bool(include_reflections)}
    payload["completed"] = [ex for ex, s in store.summary().items() if s.completed]
    payload["reflected"] = list(dict.fromkeys(r.exercise_id for r in store.reflections()))
    export["checksum"] = {"algorithm": "sha256", "value": checksum(payload)}
    return export


def encode(export: dict[str, Any]) -> bytes:
    """The bytes written to the exchange (indented JSON, UTF-8, one final newline)."""
    return (json.dumps(export, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
