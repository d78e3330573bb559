"""An exercise as static HTML for a handout: the question and where to answer it, nothing more.

Shown: title, prompt, and what the learner chooses from (options, items, categories, events to
rate, the first step of a decision, the points a reflection is read for). Never shown: the
reference answer, feedback of any kind, hints, notes on rated events, consequences of decisions.
Author text goes through the exercise engine's Markdown sanitizer.
"""

from __future__ import annotations

from typing import Any

from ...exercises.registry import load
from ...exercises.spec import DIMENSION_SCALES
from ...safe_html import esc, inline, markdown

BOX = "&#9744;"  # an empty check box


def _list(items: list[str], ordered: bool = False) -> str:
    tag = "ol" if ordered else "ul"
    rows = "".join(f"<li>{item}</li>" for item in items)
    return f'<{tag} class="handout-choices">{rows}</{tag}>'


def _choices(spec: Any) -> str:
    lead = "Choose one option:" if spec.type == "single-choice" else "Tick every option that applies:"
    items = [f"{BOX} {inline(o.text)}" for o in spec.options]
    return f"<p><strong>{lead}</strong></p>" + _list(items)


def _ordering(spec: Any) -> str:
    items = [f"<span class='handout-blank'>____</span> {inline(i.text)}" for i in spec.items]
    return "<p><strong>Number these in order (1 = first):</strong></p>" + _list(items)


def _categorize(spec: Any) -> str:
    cats = ", ".join(f"<em>{inline(c.label)}</em>" for c in spec.categories)
    rows = "".join(f"<tr><td>{inline(i.text)}</td><td class='handout-blank-cell'></td></tr>" for i in spec.items)
    return (
        f"<p><strong>Put each item in one category:</strong> {cats}.</p>"
        f"<table class='handout-table'><thead><tr><th>Item</th><th>Category</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def _rating(spec: Any) -> str:
    scale = DIMENSION_SCALES.get(spec.dimension, "−3 … +3")
    rows = "".join(
        f"<tr><td>{inline(e.label or e.event)}</td><td class='handout-blank-cell'></td></tr>" for e in spec.events
    )
    return (
        f"<p><strong>Rate each event for {esc(spec.dimension)}</strong> ({esc(scale)}):</p>"
        f"<table class='handout-table'><thead><tr><th>Event</th><th>Your rating</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def _decision(spec: Any) -> str:
    node = next((n for n in spec.nodes if n.id == spec.start), spec.nodes[0])
    items = [f"{BOX} {inline(c.text)}" for c in node.choices]
    return (
        f"<p><strong>First step:</strong></p>{markdown(node.text)}"
        + _list(items)
        + "<p class='handout-small'>In the live notebook each choice leads on to the next step of the case.</p>"
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


def where_to_answer(spec: Any) -> str:
    """The sentence telling the reader where the exercise can be answered and checked."""
    return (
        f"<p class='handout-where'>Answer in the live notebook <code>{esc(spec.notebook)}.ipynb</code> "
        f'(<code>course.exercise("{esc(spec.id)}")</code>), where your answer is checked, hints are '
        "offered and your progress is saved; or write your answer here:</p>"
        "<div class='handout-answer-space' aria-label='space for your answer'></div>"
    )


def exercise_html(exercise_id: str) -> str:
    """Static HTML for one exercise; a short notice (no traceback) when it cannot be loaded."""
    loaded = load(exercise_id)
    spec = loaded.spec
    if spec is None:
        return (
            f"<section class='handout-exercise'><p>The exercise <code>{esc(exercise_id)}</code> cannot be "
            "shown until its content problems are fixed (run <code>course validate</code>).</p></section>"
        )
    body = _BODIES.get(spec.type, lambda s: "")(spec)
    return (
        f"<section class='handout-exercise' id='exercise-{esc(spec.id)}'>"
        f"<h4>Exercise: {inline(spec.title)}</h4>{markdown(spec.prompt)}{body}{where_to_answer(spec)}"
        "</section>"
    )
