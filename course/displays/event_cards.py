"""Event cards: one event of the case, or several in story order, with its code sections and questions."""

from __future__ import annotations

from typing import Any

from ..content import load_content
from ..content.models import Event
from ..safe_html import esc, inline, markdown
from ..theme import CSS

# The marker beside a card's title; the timeline's stepper passes its own HTML.
# The marker beside the title of a variant the course invented: a path the story did not take, or, in a
# scene the course added to the story, another path beside the one the rest of the course follows.
INVENTED = "the course's invention: a path the story did not take"
INVENTED_IN_ADDED = "added by the course: another path it invented"
CARD_MARKER = " <small class='course-added' title='Not in the source article'>· {note}</small>"


def added_marker(event: Event, html_format: str = CARD_MARKER) -> str:
    """The "added by the course" marker for a scene the course added to the article, else ''.

    ``html_format`` is the HTML around the marker: ``{note}`` stands for the event's ``source_note``,
    ``{Note}`` for the same with a capital letter (both escaped).
    """
    note = event.source_note
    return html_format.format(note=esc(note), Note=esc(note.capitalize())) if note else ""


def variant_marker(event: Event, variant: Any) -> str:
    """The marker beside a conditional scene's title: the event's own for its default variant (or none
    given), else the course's invention marker."""
    if variant is None or variant.default:
        return added_marker(event)
    return CARD_MARKER.format(note=esc(INVENTED_IN_ADDED if event.added_by_course else INVENTED))


def event_html(event: Any, content: Any, variant: Any = None, after: str = "") -> str:
    """An event as a card: when, phase, what happens, the code sections and discussion questions.

    A scene the course added to the article's story is marked as such next to its title. With a
    ``variant`` (of a conditional scene) the card tells that variant: its title and text where it has
    them, and the course's marker when the variant is the course's invention; ``after`` (HTML) closes it.
    """
    title = (variant.title if variant is not None else None) or event.title
    text = (variant.text if variant is not None else None) or event.text
    marker = variant_marker(event, variant)
    phase = content.phase(event.phase).title
    codes = [content.codes[c] for c in event.codes]
    code_items = "".join(f"<li><strong>{esc(c.label)}</strong> {esc(c.title)}</li>" for c in codes)
    questions = "".join(f"<li>{inline(q)}</li>" for q in event.questions)
    boundaries = ", ".join(b.replace("-", " ") for b in event.boundaries)
    return (
        "<div class='course-event' role='group' aria-label='Event of the case'>"
        f"<h4>{esc(title)}{marker}</h4>"
        f"<p><small>{esc(event.when.label()[:1].upper() + event.when.label()[1:])} · phase: {esc(phase)}"
        + (f" · boundary dimension: {esc(boundaries)}" if boundaries else "")
        + "</small></p>"
        f"{markdown(text)}"
        + (f"<p><strong>Code sections that bear on it</strong></p><ul>{code_items}</ul>" if codes else "")
        + f"<p><strong>For discussion</strong></p><ul>{questions}</ul>{after}</div>"
    )


def show_event(event_id: str) -> Any:
    """Display one event of the case by id."""
    from IPython.display import HTML

    content = load_content()
    try:
        event = content.event(event_id)
    except KeyError as exc:
        return HTML(f"<p>{esc(exc.args[0])}</p>")
    return HTML(CSS + event_html(event, content))


def show_events(*event_ids: str) -> Any:
    """Display several events of the case in story order."""
    from IPython.display import HTML

    content = load_content()
    wanted = set(event_ids)
    missing = wanted - {e.id for e in content.events}
    parts = [event_html(e, content) for e in content.events if e.id in wanted]  # the story's version
    parts += [f"<p>No event with id {esc(m)} in data/vignette/events.yaml.</p>" for m in sorted(missing)]
    return HTML(CSS + "".join(parts))
