"""A learner's item-by-item results: both sittings side by side, pair by pair, with the best response and
the reasons. Built where the keys are (``build_results``: the learner's own copy in self-study, the
instructor's copy on the hub) as plain JSON, so the same data can be returned to a learner through the
exchange and shown by a copy of the course that has no keys.

The results file (``results.json`` in the learner's return folder, ``classroom.returns``)::

    {"format": "jane-susan-course-judgement-results", "version": 1, "learner": "<pseudonym>",
     "written_at": "<UTC date-time>",
     "totals": {"before": {"form": "A", "score": 6, "of": 12}, "after": {"form": "B", "score": 8, "of": 12}},
     "items": [{"pair": "p01", "objective": "crossing-or-violation",
                "before": {"item": "a01-...", "form": "A", "vignette": "...", "question": "...",
                           "chosen": "<option id or null>", "key": "<option id>", "defensible": [...],
                           "score": 0 or 1,
                           "options": [{"id": "...", "text": "...", "reason": "..."}, ...]},
                "after": {...same for the parallel item...}}, ...]}
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from .answers import Sitting
from .model import Form, Item
from .order import SITTINGS
from .scoring import form_score, item_score

FORMAT = "jane-susan-course-judgement-results"
VERSION = 1


def _item_json(item: Item, form: str, chosen: str | None) -> dict[str, Any]:
    reasons = item.reasons or {}
    return {
        "item": item.id,
        "form": form,
        "vignette": item.vignette,
        "question": item.question,
        "chosen": chosen if chosen in item.option_ids else None,
        "key": item.key,
        "defensible": list(item.defensible),
        "score": item_score(item, chosen),
        "options": [{"id": o.id, "text": o.text, "reason": reasons.get(o.id, "")} for o in item.options],
    }


def build_results(forms: dict[str, Form], taken: dict[str, Sitting], learner: str) -> dict[str, Any] | None:
    """The results of a learner who finished both sittings (None otherwise), scored with ``forms``' keys."""
    if any(name not in taken or not taken[name].finished for name in SITTINGS):
        return None
    before, after = taken["before"], taken["after"]
    if before.form == after.form or before.form not in forms or after.form not in forms:
        return None
    totals = {}
    for name, sitting in (("before", before), ("after", after)):
        score = form_score(forms[sitting.form], sitting.answers)
        totals[name] = {"form": sitting.form, "score": score.score, "of": score.of}
    later = {item.pair: item for item in forms[after.form].items}
    items = []
    for item in forms[before.form].items:
        parallel = later.get(item.pair)
        if parallel is None:
            continue
        items.append(
            {
                "pair": item.pair,
                "objective": item.objective,
                "before": _item_json(item, before.form, before.answers.get(item.id)),
                "after": _item_json(parallel, after.form, after.answers.get(parallel.id)),
            }
        )
    return {
        "format": FORMAT,
        "version": VERSION,
        "learner": learner,
        "written_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "totals": totals,
        "items": items,
    }


def results_problem(value: Any) -> str | None:
    """What is wrong with a results file's data (None when it can be shown)."""
    if not isinstance(value, dict) or value.get("format") != FORMAT or value.get("version") != VERSION:
        return f"it is not a results file of this course (format {FORMAT}, version {VERSION})"
    totals = value.get("totals")
    if not isinstance(totals, dict) or any(not isinstance(totals.get(s), dict) for s in SITTINGS):
        return "its totals are missing"
    for name in SITTINGS:
        row = totals[name]
        if not all(isinstance(row.get(k), int) and not isinstance(row.get(k), bool) for k in ("score", "of")):
            return f"its {name} total is not a number"
    items = value.get("items")
    if not isinstance(items, list):
        return "its items are missing"
    for entry in items:
        if not isinstance(entry, dict):
            return "an item is not an object"
        for name in SITTINGS:
            side = entry.get(name)
            if not isinstance(side, dict) or not isinstance(side.get("options"), list):
                return f"an item's {name} side is missing"
            texts = [side.get(k) for k in ("vignette", "question", "key", "item")]
            if not all(isinstance(t, str) for t in texts):
                return f"an item's {name} side lacks its text"
            if not all(
                isinstance(o, dict) and all(isinstance(o.get(k), str) for k in ("id", "text", "reason"))
                for o in side["options"]
            ):
                return f"an item's {name} options are not as written by the course"
    return None
