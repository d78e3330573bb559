"""An exercise as static HTML for a handout: the question and where to answer it, nothing more.

Shown: title, prompt, and what the learner chooses from (options, items, categories, events to
rate, the first step of a decision, the points a reflection is read for: each type's ``handout``).
Never shown: the reference answer, feedback of any kind, hints, notes on rated events, consequences
of decisions. Author text goes through the exercise engine's Markdown sanitizer.
"""

from __future__ import annotations

from ...exercises.lookup import load
from ...exercises.types import AnySpec, type_of
from ...safe_html import esc, inline, markdown


def where_to_answer(spec: AnySpec) -> str:
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
    body = type_of(spec).handout(spec)
    return (
        f"<section class='handout-exercise' id='exercise-{esc(spec.id)}'>"
        f"<h4>Exercise: {inline(spec.title)}</h4>{markdown(spec.prompt)}{body}{where_to_answer(spec)}"
        "</section>"
    )
