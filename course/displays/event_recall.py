"""Referring back to an event card shown earlier in the course, instead of showing the card again.

A card (``course.show_event`` / ``course.show_events``) is shown in full once; a later chapter that needs
the same moment calls ``course.recall_events``, which names the event, says when it happens, folds its
scene and its questions away under "Read the scene again", and links to the place where the full card (code sections and
discussion questions) is. That place, the card's *home*, is found by reading the notebooks in course
order: the last cell that shows the card in full (a card is shown in full once from the case chapters on,
so a recall always points back, to the case).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..content import load_content
from ..paths import notebooks_dir
from ..safe_html import esc, inline, markdown
from ..theme import CSS

SHOW_CALL = re.compile(r"\bshow_events?\(([^)]*)\)")
RECALL_CALL = re.compile(r"\brecall_events?\(([^)]*)\)")
QUOTED = re.compile(r"""["']([^"']+)["']""")
HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$", re.M)


@dataclass(frozen=True)
class Home:
    """Where an event's full card is shown: notebook file, chapter title, and the heading above it."""

    filename: str
    chapter: str
    heading: str

    @property
    def href(self) -> str:
        """A link to the heading (JupyterLab's anchor: the heading's text with spaces made hyphens)."""
        return f"{self.filename}#{self.heading.replace(' ', '-')}" if self.heading else self.filename


def _plain_heading(text: str) -> str:
    return re.sub(r"[*_`]", "", re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)).strip()


def shown_in(source: str, pattern: re.Pattern[str] = SHOW_CALL) -> list[str]:
    """The event ids a code cell's calls show (``show_event(s)``, or another call ``pattern`` matches)."""
    return [eid for call in pattern.findall(source) for eid in QUOTED.findall(call)]


def card_homes(folder: Path | None = None, content: Any = None) -> dict[str, Home]:
    """Event id -> the last place, in course order, that shows its full card (the case chapter, where an
    earlier chapter also previews it)."""
    import nbformat

    content = content or load_content()
    folder = Path(folder) if folder is not None else notebooks_dir()
    homes: dict[str, Home] = {}
    for info in content.course.notebooks:
        path = folder / info.filename
        if not path.exists():
            continue
        heading = ""
        for cell in nbformat.read(str(path), as_version=4).cells:
            if cell.cell_type == "markdown":
                found = HEADING.findall(cell.source)
                if found:
                    heading = _plain_heading(found[-1][1])
            elif cell.cell_type == "code":
                for eid in shown_in(cell.source):
                    homes[eid] = Home(info.filename, info.title, heading)  # the latest full showing
    return homes


def recall_html(event: Any, content: Any, home: Home | None) -> str:
    """A short reference to an event: title, when, the scene folded away, and a link to its full card."""
    when = event.when.label()
    asked = "".join(f"<li>{inline(q)}</li>" for q in event.questions)
    questions = f"<p><strong>For discussion</strong></p><ul>{asked}</ul>" if asked else ""
    where = (
        f' The full card, with its code sections and questions, is in <a href="{esc(home.href)}">'
        f"{esc(home.chapter)}{' › ' + esc(home.heading) if home.heading else ''}</a>."
        if home
        else ""
    )
    return (
        "<div class='course-event course-recall' role='group' aria-label='An event of the case, seen earlier'>"
        f"<p><strong>{esc(event.title)}</strong> <small>({esc(when)} · phase: "
        f"{esc(content.phase(event.phase).title)})</small>.{where}</p>"
        f"<details><summary>Read the scene again</summary>{markdown(event.text)}{questions}</details></div>"
    )


def recall_events(*event_ids: str) -> Any:
    """Refer back to events whose cards were shown earlier in the course, in story order."""
    from IPython.display import HTML

    content = load_content()
    homes = card_homes(content=content)
    wanted = set(event_ids)
    missing = wanted - {e.id for e in content.events}
    parts = [recall_html(e, content, homes.get(e.id)) for e in content.events if e.id in wanted]
    parts += [f"<p>No event with id {esc(m)} in data/vignette/events.yaml.</p>" for m in sorted(missing)]
    return HTML(CSS + "".join(parts))
