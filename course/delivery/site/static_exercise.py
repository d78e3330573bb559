"""An exercise as a static question: what a page shows before its script makes the exercise live,
when scripts are off, and on paper.

Shown: what the learner chooses from (options, items, categories, events to rate, the first step of a
decision, the points a reflection is read for). Never shown here: the reference answer, feedback of
any kind, hints, notes on rated events, consequences of decisions. Author text goes through the
exercise engine's Markdown sanitizer.
"""

from __future__ import annotations

from typing import Any

from ...exercises.spec import DIMENSION_SCALES
from ...safe_html import esc, inline, markdown

BOX = "&#9744;"  # an empty check box


def _list(items: list[str], ordered: bool = False) -> str:
    tag = "ol" if ordered else "ul"
    rows = "".join(f"<li>{item}</li>" for item in items)
    return f'<{tag} class="static-choices">{rows}</{tag}>'


def _choices(spec: Any) -> str:
    lead = "Choose one option:" if spec.type == "single-choice" else "Tick every option that applies:"
    items = [f"{BOX} {inline(o.text)}" for o in spec.options]
    return f"<p><strong>{lead}</strong></p>" + _list(items)


def _ordering(spec: Any) -> str:
    items = [f"<span class='static-blank'>____</span> {inline(i.text)}" for i in spec.items]
    return "<p><strong>Number these in order (1 = first):</strong></p>" + _list(items)


def _categorize(spec: Any) -> str:
    cats = ", ".join(f"<em>{inline(c.label)}</em>" for c in spec.categories)
    rows = "".join(f"<tr><td>{inline(i.text)}</td><td class='static-blank-cell'></td></tr>" for i in spec.items)
    return (
        f"<p><strong>Put each item in one category:</strong> {cats}.</p>"
        f"<table class='static-table'><thead><tr><th>Item</th><th>Category</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def _rating(spec: Any) -> str:
    scale = DIMENSION_SCALES.get(spec.dimension, "−3 … +3")
    rows = "".join(
        f"<tr><td>{inline(e.label or e.event)}</td><td class='static-blank-cell'></td></tr>" for e in spec.events
    )
    return (
        f"<p><strong>Rate each event for {esc(spec.dimension)}</strong> ({esc(scale)}):</p>"
        f"<table class='static-table'><thead><tr><th>Event</th><th>Your rating</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def _decision(spec: Any) -> str:
    node = next((n for n in spec.nodes if n.id == spec.start), spec.nodes[0])
    items = [f"{BOX} {inline(c.text)}" for c in node.choices]
    return (
        f"<p><strong>First step:</strong></p>{markdown(node.text)}"
        + _list(items)
        + "<p class='static-small'>In the live exercise each choice leads on to the next step of the case.</p>"
    )


def _reflection(spec: Any) -> str:
    out = f"<p><strong>Write at least {spec.min_words} words.</strong></p>"
    if spec.rubric:
        out += "<p>Your reflection is read for whether it:</p>" + _list([inline(r.text) for r in spec.rubric])
    return out


_BODIES = {
    "single-choice": _choices,
    "multiple-select": _choices,
    "ordering": _ordering,
    "categorize": _categorize,
    "rating": _rating,
    "decision": _decision,
    "reflection": _reflection,
}


def question_html(spec: Any) -> str:
    """The static question of one validated spec (its title and prompt are shown by the page)."""
    return _BODIES[spec.type](spec)
