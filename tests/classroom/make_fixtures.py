"""Writes tests/fixtures/progress/export-*.json (run: .venv/bin/python tests/classroom/make_fixtures.py).

Deterministic: ``test_export.py`` checks the committed files equal what this builds, so a change to the
export format shows up as a failing test rather than silently stale fixtures.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from course.classroom.file_format import FORMAT, VERSION, checksum  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "fixtures" / "progress"
EVENTS = ["friendship-request", "refusal", "first-late-cancellation", "fee-waived"]


def _attempt(ex: str, answer: Any, score: int, top: int, feedback: str, t: str) -> dict[str, Any]:
    return {
        "exercise_id": ex,
        "content_hash": "sha256:aaaa1111",
        "notebook": "01_codes_and_boundaries",
        "answer": answer,
        "score": score,
        "max_score": top,
        "feedback": feedback,
        "created_at": f"2026-03-0{t}T10:00:00.000+00:00",
    }


def _ratings(values: list[int], dim: str = "transference") -> list[dict[str, Any]]:
    return [
        {
            "exercise_id": "rate-the-transference",
            "content_hash": "sha256:bbbb2222",
            "dimension": dim,
            "event_id": e,
            "value": v,
            "created_at": "2026-03-05T11:00:00.000+00:00",
        }
        for e, v in zip(EVENTS, values)
    ]


def _export(payload: dict[str, Any]) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "payload": payload,
        "checksum": {"algorithm": "sha256", "value": checksum(payload)},
    }


WRONG_FEE = "A waived fee is a boundary crossing about money; ask what it means for the frame."
WRONG_GIFT = "Accepting this gift would blur the role; name the feeling instead."


def build() -> dict[str, str]:
    """File name -> exact text."""
    a = {
        "learner": {"id": "learner-aaaaaaaaaaaa"},
        "exported_at": "2026-03-06T09:00:00+00:00",
        "attempts": [
            _attempt("crossing-or-violation", "violation", 0, 1, WRONG_FEE, "1"),
            _attempt("crossing-or-violation", "crossing", 1, 1, "Right.", "2"),
            _attempt("which-code-applies", ["apa-3.05"], 2, 2, "Right.", "2"),
        ],
        "ratings": _ratings([2, 1, -1, -2]) + _ratings([1, 0, -1, -1], "alliance"),
    }
    b = {
        "learner": {"id": "learner-bbbbbbbbbbbb"},
        "exported_at": "2026-03-06T09:30:00+00:00",
        "attempts": [
            _attempt("crossing-or-violation", "violation", 0, 1, WRONG_FEE, "1"),
            _attempt("which-code-applies", ["aca-a.6"], 1, 2, WRONG_GIFT, "3"),
            _attempt("which-code-applies", ["aca-a.6"], 1, 2, WRONG_GIFT, "4"),
        ],
        "ratings": _ratings([3, 2, 0, -1]),
    }
    c = {
        "learner": {"id": "learner-cccccccccccc", "name": "Sam <Example> & Co"},
        "exported_at": "2026-03-06T10:00:00+00:00",
        "attempts": [
            _attempt("crossing-or-violation", "crossing", 1, 1, "Right.", "1"),
            _attempt("which-code-applies", ["<script>alert(1)</script>"], 0, 2, "<b>Not a code section</b>", "2"),
        ],
        "ratings": _ratings([3, 1, -2, -3]),
        "reflections": [
            {
                "exercise_id": "reflect-on-refusal",
                "content_hash": "sha256:cccc3333",
                "text": "I would have wanted to say yes too.",
                "rubric": {"names-feeling": True},
                "created_at": "2026-03-05T12:00:00.000+00:00",
            }
        ],
    }
    files: dict[str, Any] = {
        "export-good-learner-a.json": _export(a),
        "export-good-learner-b.json": _export(b),
        "export-good-learner-c-named-with-reflections.json": _export(c),
    }
    tampered = copy.deepcopy(files["export-good-learner-b.json"])
    tampered["payload"]["attempts"][0]["score"] = 1  # edited after export: checksum no longer matches
    files["export-tampered-checksum.json"] = tampered
    files["export-wrong-format.json"] = {**_export(a), "format": "nbgrader-feedback"}
    files["export-newer-version.json"] = {**_export(a), "version": 2}
    no_id = copy.deepcopy(a)
    del no_id["learner"]["id"]
    files["export-missing-learner-id.json"] = _export(no_id)
    out_of_range = copy.deepcopy(a)
    out_of_range["ratings"][0]["value"] = 7
    files["export-rating-out-of-range.json"] = _export(out_of_range)
    text = {name: json.dumps(data, ensure_ascii=False, indent=2) + "\n" for name, data in files.items()}
    text["export-malformed-json.json"] = text["export-good-learner-a.json"][:200]  # cut off mid-file
    return text


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, body in build().items():
        (OUT / name).write_text(body, encoding="utf-8")
        print(OUT / name)


if __name__ == "__main__":
    main()
