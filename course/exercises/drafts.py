"""Decision scenarios left halfway: the replies chosen so far, kept so the learner can go on later.

A draft is ``{"hash": <the scenario's content hash>, "path": [choice ids]}``, kept per exercise in the
progress store's setting ``decision-drafts`` (the site keeps the same drafts in the browser). A scenario
with a draft counts as explored on the progress overview, like one played to its end.
"""

from __future__ import annotations

from typing import Any

DRAFTS_SETTING = "decision-drafts"


def drafts(store: Any) -> dict[str, dict[str, Any]]:
    """Every kept draft, by exercise id (empty when the store cannot be read)."""
    try:
        kept = store.get_setting(DRAFTS_SETTING, {})
    except Exception:  # a broken store only loses the halfway scenarios
        return {}
    if not isinstance(kept, dict):
        return {}
    return {ex: d for ex, d in kept.items() if isinstance(d, dict) and isinstance(d.get("path"), list) and d["path"]}


def load_draft(store: Any, exercise_id: str, content_hash: str) -> list[str] | None:
    """The path kept for this version of the scenario, or None."""
    draft = drafts(store).get(exercise_id)
    if draft is None or draft.get("hash") != content_hash:
        return None
    return [str(c) for c in draft["path"]]


def save_draft(store: Any, exercise_id: str, content_hash: str, path: list[str] | None) -> None:
    """Keep ``path`` as the scenario's draft, or forget the draft when ``path`` is None or empty."""
    kept = drafts(store)
    if path:
        kept[exercise_id] = {"hash": content_hash, "path": list(path)}
    else:
        kept.pop(exercise_id, None)
    try:
        store.set_setting(DRAFTS_SETTING, kept)
    except Exception:  # the scenario still works; it just cannot be resumed later
        pass
