"""Fill a spec from the course content: a rating exercise takes its reference ratings and event
titles from data/vignette/events.yaml, so the course keeps one source for its teaching ratings."""

from __future__ import annotations

from typing import Any

from .scoring.common import Found


def resolve(spec: Any, content: Any) -> tuple[Any, Found]:
    """The spec ready to use, and problems found while filling it (empty for non-rating specs)."""
    if spec.type != "rating" or content is None:
        return spec, []
    events = {e.id: e for e in content.events}
    found: Found = []
    reference: dict[str, int] = {}
    items = []
    for i, item in enumerate(spec.events):
        event = events.get(item.event)
        if event is None:
            items.append(item)
            continue  # reported by the reference checks
        value = event.rating(spec.dimension)
        if value is None:
            found.append(
                (
                    ("events", i, "event"),
                    f"'{item.event}' has no teaching ratings (it happens before "
                    "therapy begins); choose an event from week 1 on",
                )
            )
            items.append(item)
            continue
        reference[item.event] = value
        items.append(item if item.label else item.model_copy(update={"label": event.title}))
    for key, value in (spec.answer or {}).items():
        if key in reference and reference[key] != value:
            found.append(
                (
                    ("answer", key),
                    f"is {value}, but data/vignette/events.yaml rates this event "
                    f"{reference[key]}; remove 'answer' (the ratings come from events.yaml) or make it match",
                )
            )
    return spec.model_copy(update={"answer": reference, "events": items}), found
