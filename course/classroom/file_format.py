"""The export file format: its checksum, and checks that return ``(field, message)`` or None."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from typing import Any

_HEX64 = re.compile(r"[0-9a-f]{64}")
FORMAT = "jane-susan-course-export"
VERSION = 1  # the optional `reviews` rows came later, within version 1: older readers ignore them, and
# an export without them (made before the review queue) is still read


def canonical_json(value: Any) -> bytes:
    """Sorted keys, no spaces, UTF-8: the bytes the checksum is taken over."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")


def checksum(payload: dict[str, Any]) -> str:
    """Hex sha256 of the canonical JSON of ``payload``.

    It has no key, so it protects against accidental damage (a file cut off, garbled or edited by
    mistake), not against a determined learner: anyone can change the payload and compute it again. Never
    treat a checked payload's scores as true; the instructor's side scores the answers again
    (``course.classroom.rescore``).
    """
    return hashlib.sha256(canonical_json(payload)).hexdigest()


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


# field name -> (test, what would be right)
_STR = (lambda v: isinstance(v, str) and v != "", "a non-empty string")
_TEXT = (lambda v: isinstance(v, str), "a string")
_OPT_TEXT = (lambda v: v is None or isinstance(v, str), "a string or null")
_OPT_NUM = (lambda v: v is None or _is_number(v), "a number or null")
_INT = (lambda v: isinstance(v, int) and not isinstance(v, bool), "a whole number")
_RATING = (lambda v: _INT[0](v) and -3 <= v <= 3, "a whole number from -3 to 3")
_OBJ = (lambda v: isinstance(v, dict), "an object")
_REVIEW_RATING = (lambda v: _INT[0](v) and 1 <= v <= 4, "a whole number from 1 (Again) to 4 (Easy)")
_ANY = (lambda v: True, "any JSON value")

ROWS: dict[str, dict[str, tuple[Any, str]]] = {
    "attempts": {
        "exercise_id": _STR,
        "content_hash": _TEXT,
        "notebook": _OPT_TEXT,
        "answer": _ANY,
        "score": _OPT_NUM,
        "max_score": _OPT_NUM,
        "feedback": _TEXT,
        "created_at": _TEXT,
    },
    "ratings": {
        "exercise_id": _STR,
        "content_hash": _TEXT,
        "dimension": _STR,
        "event_id": _STR,
        "value": _RATING,
        "created_at": _TEXT,
    },
    "reflections": {
        "exercise_id": _STR,
        "content_hash": _TEXT,
        "text": _TEXT,
        "rubric": _OBJ,
        "created_at": _TEXT,
    },
    # The review queue's history (``course.review``); exports made before the queue existed have none.
    "reviews": {
        "exercise_id": _STR,
        "content_hash": _TEXT,
        "rating": _REVIEW_RATING,
        "reviewed_at": _STR,
        "card": _OBJ,
    },
}
OPTIONAL_ROWS = frozenset({"reflections", "reviews"})  # tables an export may leave out


ASK_AGAIN = "ask the learner to export it again"
ASK_TO_SHARE = "ask the learner to share again"  # a seminar submission on the hub


def envelope_problem(data: Any, again: str = ASK_AGAIN) -> tuple[str, str] | None:
    """format, version, payload and checksum; the checksum must match the payload.

    ``again`` is what the instructor is told to do about a file that was changed.
    """
    if not isinstance(data, dict):
        return "", "the top level must be a JSON object with format, version, payload and checksum"
    if data.get("format") != FORMAT:
        return "format", f"is {data.get('format')!r}; a course export has {FORMAT!r}"
    version = data.get("version")
    if not _INT[0](version):
        return "version", f"is {version!r}; it must be the whole number {VERSION}"
    if version != VERSION:
        return "version", f"is {version}; this course reads version {VERSION} (update the course)"
    if not isinstance(data.get("payload"), dict):
        return "payload", "is missing or not an object; export the results again"
    check = data.get("checksum")
    if not isinstance(check, dict) or check.get("algorithm") != "sha256":
        return "checksum", 'must be an object {"algorithm": "sha256", "value": <64 hex digits>}'
    value = check.get("value")
    if not isinstance(value, str) or not _HEX64.fullmatch(value):
        return "checksum.value", "must be 64 lowercase hex digits (a sha256)"
    if not hmac.compare_digest(value, checksum(data["payload"])):
        return (
            "checksum.value",
            f"does not match the payload: the file was changed after it was exported; {again}",
        )
    return None


def payload_problem(payload: dict[str, Any]) -> tuple[str, str] | None:
    """learner, exported_at and the rows of attempts, ratings and (optional) reflections and reviews."""
    learner = payload.get("learner")
    if not isinstance(learner, dict):
        return "payload.learner", "is missing or not an object with an id"
    if not _STR[0](learner.get("id")):
        return "payload.learner.id", "must be a non-empty string (the learner's pseudonym)"
    if "name" in learner and not _STR[0](learner["name"]):
        return "payload.learner.name", "must be a non-empty string when present"
    if not _TEXT[0](payload.get("exported_at")):
        return "payload.exported_at", "must be a date-time string"
    for table, fields in ROWS.items():
        rows = payload.get(table)
        if rows is None and table in OPTIONAL_ROWS:
            continue
        if not isinstance(rows, list):
            return f"payload.{table}", "is missing or not a list"
        for i, row in enumerate(rows):
            where = f"payload.{table}[{i}]"
            if not isinstance(row, dict):
                return where, "must be an object"
            for name, (test, right) in fields.items():
                if name not in row:
                    return f"{where}.{name}", f"is missing; it must be {right}"
                if not test(row[name]):
                    return f"{where}.{name}", f"is {row[name]!r}; it must be {right}"
    return None
