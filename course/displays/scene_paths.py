"""A conditional scene's card: the variant the learner's earlier choices lead to, then the path they took
and the other paths, so they see how the choice mattered.

In JupyterLab, the Voilà app and on the hub the variant is chosen here, from the learner's progress
store (course/exercises/conditions.py). The static site cannot read a progress store when it is built,
so there every variant is written into the page, the default one showing, and
``course/delivery/site/static/conditions.js`` shows the learner's own from this browser's answers.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from ..delivery import audience
from ..exercises import conditions
from ..safe_html import esc
from .event_cards import event_html

STORY = "the story's path"
INVENTED = "the course's invention"


def exercise_names(exercise_ids: list[str]) -> str:
    """'the decision point "Jane asks to be friends" (notebook 03_...)' for each exercise, joined."""
    from ..exercises import lookup

    names = []
    for ex in exercise_ids:
        spec = lookup.load(ex).spec
        names.append(f"“{spec.title}” (notebook {spec.notebook})" if spec is not None else ex)
    return " and ".join(names)


def paths_html(event: Any, chosen: int, answered: bool, names: str) -> str:
    """The box under the scene: the learner's path (or why they see the story's), and the other paths."""
    variants = event.variants
    mine = variants[chosen]
    tag = STORY if mine.default else INVENTED
    if answered:
        lead = f"<p data-path='mine'><strong>Your path:</strong> {esc(mine.label)} ({tag}).</p>"
    else:
        lead = (
            f"<p data-path='none'><strong>No answer of yours to {esc(names)} was found</strong>, so this is "
            f"the story's path. Answer it, and this scene follows your own choice.</p>"
        )
    others = "".join(
        f"<li><strong>{esc(v.label)}</strong> ({STORY if v.default else INVENTED}): {esc(v.summary)}</li>"
        for i, v in enumerate(variants)
        if i != chosen
    )
    return (
        "<div class='course-paths' role='note' aria-label='How your earlier choice shaped this scene'>"
        f"{lead}<p><strong>The other paths</strong></p><ul>{others}</ul>"
        "<p class='course-muted'><small>Only the story's path follows the case as written; the others are the "
        "course's own, for discussion, and no path is a prediction.</small></p></div>"
    )


def conditional_card(event: Any, content: Any, answers: dict[str, Any] | None = None) -> str:
    """The card of a conditional event: the learner's variant (here), or every variant (on the site)."""
    exercise_ids = conditions.exercises_named(event.variants)
    names = exercise_names(exercise_ids)
    if audience.current() == "site":
        return site_card(event, content, names)
    if answers is None:
        answers = conditions.learner_answers(exercise_ids)
    chosen = conditions.choose(event.variants, answers)
    answered = any(ex in answers for ex in exercise_ids)
    return event_html(event, content, event.variants[chosen], paths_html(event, chosen, answered, names))


def site_card(event: Any, content: Any, names: str) -> str:
    """Every variant of the event, each with its own paths box; the default shown, the rest hidden."""
    default = next(i for i, v in enumerate(event.variants) if v.default)
    parts = []
    for i, variant in enumerate(event.variants):
        when = escape(json.dumps(variant.when or {}, sort_keys=True), quote=True)
        box = paths_html(event, i, True, names)
        if i == default:  # without JavaScript, or when this browser holds no answer, the second box shows
            box = box.replace("<div class='course-paths'", "<div class='course-paths' hidden", 1)
            box += paths_html(event, i, False, names)
        parts.append(
            f"<div class='course-variant' data-variant='{escape(variant.id, quote=True)}' data-when='{when}'"
            + (" data-default" if i == default else " hidden")
            + f">{event_html(event, content, variant, box)}</div>"
        )
    return (
        f"<div class='course-conditional' data-conditional='{escape(event.id, quote=True)}' "
        f"data-exercises='{escape(' '.join(conditions.exercises_named(event.variants)), quote=True)}'>"
        + "".join(parts)
        + "</div>"
    )
