"""A conditional scene's card: the variant the learner's earlier choices lead to, then the path they took
and the other paths, so they see how the choice mattered.

In JupyterLab, the Voilà app and on the hub the variant is chosen here, from the learner's progress
store (course/exercises/conditions.py). The static site cannot read a progress store when it is built,
so there every variant is written into the page, the default one showing, and
``course/delivery/site/static/conditions.js`` shows the learner's own from this browser's answers.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape
from typing import Any, NamedTuple

from ..content import load_content
from ..delivery import audience
from ..exercises import conditions, lookup
from ..safe_html import esc, markdown
from ..theme import CSS
from .event_cards import event_html, variant_marker
from .event_cards import show_event as plain_card


class Wording(NamedTuple):
    """How the box under a scene speaks of its paths."""

    default: str  # the tag of the default path
    other: str  # the tag of every other path
    fallback: str  # what a learner meets who has not answered: "this is ..."
    footer: str


# A scene of the published story: its default is the story's own path, the others the course's inventions.
STORY = Wording(
    default="the story's path",
    other="the course's invention",
    fallback="the story's path",
    footer="Only the story's path follows the case as written; the others are the course's own, for discussion, "
    "and no path is a prediction.",
)
# A scene the course added (``source: course``): every path is the course's own.
COURSE = Wording(
    default="the course's scene closest to what Susan does in the published case, which the rest of the course follows",
    other="another path the course invented",
    fallback="the course's scene closest to what Susan does in the published case",
    footer="None of these scenes is in the published case: the course wrote them all. The rest of the course "
    "follows the scene closest to what Susan does in the published case; the others are for discussion, and no "
    "path is a prediction.",
)


def wording(event: Any) -> Wording:
    """``COURSE`` for a scene the course added to the story, else ``STORY``."""
    return COURSE if event.added_by_course else STORY


def exercise_names(exercise_ids: list[str]) -> str:
    """'the decision point "Jane asks to be friends" (notebook 03_...)' for each exercise, joined."""
    names = []
    for ex in exercise_ids:
        spec = lookup.load(ex).spec
        names.append(f"“{spec.title}” (notebook {spec.notebook})" if spec is not None else ex)
    return " and ".join(names)


def paths_html(event: Any, chosen: int, answered: bool, names: str) -> str:
    """The box under the scene: the learner's path (or why they see the default), and the other paths."""
    variants = event.variants
    mine = variants[chosen]
    words = wording(event)
    if answered:
        tag = words.default if mine.default else words.other
        lead = f"<p data-path='mine'><strong>Your path:</strong> {esc(mine.label)} ({tag}).</p>"
    else:
        lead = (
            f"<p data-path='none'><strong>No answer of yours to {esc(names)} was found</strong>, so this is "
            f"{words.fallback}. Answer it, and this scene follows your own choice.</p>"
        )
    others = "".join(
        f"<li><strong>{esc(v.label)}</strong> ({words.default if v.default else words.other}): {esc(v.summary)}</li>"
        for i, v in enumerate(variants)
        if i != chosen
    )
    return (
        "<div class='course-paths' role='note' aria-label='How your earlier choice shaped this scene'>"
        f"{lead}<p><strong>The other paths</strong></p><ul>{others}</ul>"
        f"<p class='course-muted'><small>{words.footer}</small></p></div>"
    )


def scene_html(event: Any, content: Any, variant: Any = None, after: str = "") -> str:
    """A scene on the learner's path: its title and text, without the card's code sections and questions
    (``course.your_path``: the full card is shown once, where the case tells it)."""
    title = (variant.title if variant is not None else None) or event.title
    text = (variant.text if variant is not None else None) or event.text
    marker = variant_marker(event, variant)
    return (
        "<div class='course-path-scene' role='group' aria-label='A scene on your path'>"
        f"<h4>{esc(title)}{marker}</h4>{markdown(text)}{after}</div>"
    )


def conditional_card(
    event: Any, content: Any, answers: dict[str, Any] | None = None, card: Callable[..., str] = event_html
) -> str:
    """The ``card`` of a conditional event: the learner's variant (here), or every variant (on the site)."""
    exercise_ids = conditions.exercises_named(event.variants)
    names = exercise_names(exercise_ids)
    if audience.current() == "site":
        return site_card(event, content, names, card)
    if answers is None:
        answers = conditions.learner_answers(exercise_ids)
    chosen = conditions.choose(event.variants, answers)
    answered = any(ex in answers for ex in exercise_ids)
    return card(event, content, event.variants[chosen], paths_html(event, chosen, answered, names))


def _html(text: str) -> Any:
    from IPython.display import HTML  # IPython loads only when a notebook shows something

    return HTML(text)


def show_event(event_id: str) -> Any:
    """``course.show_event``: an event's card, and for a conditional scene the learner's variant of it."""
    content = load_content()
    event = next((e for e in content.events if e.id == event_id), None)
    if event is None or not event.variants:
        return plain_card(event_id)
    return _html(CSS + conditional_card(event, content))


def your_path(event_id: str) -> Any:
    """The scene ``event_id`` as the learner's earlier choices shape it, with the other paths under it."""
    content = load_content()
    try:
        event = content.event(event_id)
    except KeyError as exc:
        return _html(f"<p>{esc(exc.args[0])}</p>")
    if not event.variants:
        return _html(CSS + scene_html(event, content))
    return _html(CSS + conditional_card(event, content, card=scene_html))


def site_card(event: Any, content: Any, names: str, card: Callable[..., str] = event_html) -> str:
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
            + f">{card(event, content, variant, box)}</div>"
        )
    return (
        f"<div class='course-conditional' data-conditional='{escape(event.id, quote=True)}' "
        f"data-exercises='{escape(' '.join(conditions.exercises_named(event.variants)), quote=True)}'>"
        + "".join(parts)
        + "</div>"
    )
