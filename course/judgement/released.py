"""The forms of the case-judgement test as a student release ships them: no keys, no reasons, no notes.

On the seminar hub the learner's own kernel reads its copy of the course, so anything in it can be read,
hashed or not (a hashed choice among four options is undone by trying four). The release therefore keeps
only what a learner needs to take the test (vignettes, questions, options) and drops ``key``,
``defensible``, ``reasons`` and ``verify``; ``release: {keys: removed}`` marks the copy. The test is scored
on the instructor's side (``course.classroom.judgement_class``).
"""

from __future__ import annotations

from typing import Any

STRIPPED = ("key", "defensible", "reasons", "verify")


def released_data(data: dict[str, Any]) -> dict[str, Any]:
    """A form's data without what only instructors may read."""
    out = {k: v for k, v in data.items() if k not in ("release", "verify")}
    out["items"] = [{k: v for k, v in item.items() if k not in STRIPPED} for item in data.get("items") or []]
    out["release"] = {"keys": "removed"}
    return out


def released_yaml(text: str) -> str:
    """The released form as YAML text (from the instructor's form file's text)."""
    import yaml

    data = yaml.safe_load(text)
    header = (
        "# Student release of the case-judgement test: the keys and reasons are kept in the instructor's copy\n"
        "# and the test is scored there (course class-summary). Written by course release; do not edit.\n"
    )
    return header + yaml.safe_dump(released_data(data), sort_keys=False, allow_unicode=True, width=110)
