"""Step through the case event by event, highlighted on the timeline (an ipywidgets stepper).

A labelled menu of the events ("Event", in story order, arrow keys step through it) and
Previous/Next buttons move through the case. (Not ipywidgets' slider: its handle has no accessible
name, so screen readers could not say what it sets.) The picture is the same timeline ``plot_timeline`` draws (same calendar,
same numbered key events). Each step redraws only the highlight on a cached raster of it and writes
the results into widget values (an HTML ``<img>`` with alt text, and the event's details): no
print, no Output widget, so it also works headlessly under nbval and in tests.
"""

from __future__ import annotations

import html
import io
from typing import TYPE_CHECKING, Any, Iterable

from ..displays.event_cards import added_marker
from ..safe_html import markdown
from ..theme import CSS
from .data import DIMENSIONS, PHRASES, describe, signed
from .draw import draw_highlight
from .plot import TimelineResult, image_tag, plot_timeline

if TYPE_CHECKING:  # pragma: no cover
    from ..content import Content
    from ..content.models import Event

STEP_DPI = 72  # the picture shows about 900 pixels wide, about the width of a notebook's output
# zlib level for the step images (RGB: the picture is opaque): they are shown once and never saved,
# so a quick encoding beats the last few per cent of size.
STEP_PNG_LEVEL = 3
# How the details say that the course added a scene to the article ({Note}: see ``added_marker``).
ADDED_SCENE = "<p><small class='course-added'>{Note}: this scene is not in the source article.</small></p>"


class Stepper:
    """Renders one event at a time on a cached base figure."""

    def __init__(self, base: TimelineResult) -> None:
        self.base = base
        self.content: Content = base.content
        self.events: list[Event] = list(self.content.events)
        self.keys = {eid: n for n, eid in enumerate(base.data.annotated, 1)}
        self._background: Any = None

    def image_html(self, index: int) -> str:
        """The timeline with event ``index`` (0-based) highlighted, as an accessible <img>.

        PNG; SVG instead where ``COURSE_IMAGE_FORMAT`` asks for it and it is smaller (handouts).
        """
        event = self.events[index]
        alt = f"{self.base.alt_text} Selected: {self.position(index)}."
        return f'<div class="course-picture">{image_tag(self.png(event.id), lambda: self.svg(event.id), alt)}</div>'

    def svg(self, event_id: str) -> bytes:
        """SVG of the figure with one event highlighted (text kept as text)."""
        artists = draw_highlight(self.base.axes, self.base.data, event_id)
        try:
            return self.base.svg()
        finally:
            for artist in artists:
                artist.remove()

    def png(self, event_id: str) -> bytes:
        """PNG of the base figure with one event highlighted.

        The base is rasterised once; each step restores that raster, draws only the highlight and
        encodes the result quickly (a small fraction of a full redraw).
        """
        import matplotlib as mpl
        from PIL import Image

        fig = self.base.figure
        canvas = fig.canvas
        if self._background is None:
            fig.set_dpi(STEP_DPI)
            canvas.draw()
            self._background = canvas.copy_from_bbox(fig.bbox)
        canvas.restore_region(self._background)
        artists = draw_highlight(self.base.axes, self.base.data, event_id)
        try:
            with mpl.rc_context(fig.settings):  # drawn outside Figure.draw: apply the figure's settings here
                for artist in artists:
                    artist.axes.draw_artist(artist)
            buf = io.BytesIO()
            rgba = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
            rgba.convert("RGB").save(buf, format="png", compress_level=STEP_PNG_LEVEL)
        finally:
            for artist in artists:
                artist.remove()
        return buf.getvalue()

    def position(self, index: int) -> str:
        event = self.events[index]
        key = f", key event {self.keys[event.id]}" if event.id in self.keys else ""
        return f"Event {index + 1} of {len(self.events)}{key}: {event.title}"

    def details_html(self, index: int) -> str:
        """The event's when and phase, text, ratings, code sections and discussion questions."""
        esc = html.escape
        e = self.events[index]
        c = self.content
        parts = [
            '<div class="course-explorer-event" aria-live="polite">',
            f"<p><strong>{esc(self.position(index))}</strong></p>",
            f"<p>{esc(e.when.label()[:1].upper() + e.when.label()[1:])} &middot; "
            f"Phase: {esc(c.phase(e.phase).title)}</p>",
        ]
        parts.append(added_marker(e, ADDED_SCENE))
        parts += [markdown(e.text)]
        if e.ratings is not None:
            rated = [f"{PHRASES[d]} {signed(e.rating(d))} ({describe(d, e.rating(d))})" for d in DIMENSIONS]
            parts.append(f"<p>Teaching ratings: {esc('; '.join(rated))}.</p>")
        else:
            parts.append("<p>Teaching ratings: none (before therapy).</p>")
        if e.codes:
            items = "".join(
                f"<li>{esc(c.codes[i].label)}: {esc(c.codes[i].title)}</li>" if i in c.codes else f"<li>{esc(i)}</li>"
                for i in e.codes
            )
            parts.append(f"<p>Code sections:</p><ul>{items}</ul>")
        parts.append(
            "<p>Discussion questions:</p><ol>" + "".join(f"<li>{markdown(q)}</li>" for q in e.questions) + "</ol></div>"
        )
        return "".join(parts)


def _menu_label(stepper: Stepper, position: int) -> str:
    """'20. Susan waives the fee (key event 4)': the key events keep the numbers the plot shows."""
    event = stepper.events[position - 1]
    key = f" (key event {stepper.keys[event.id]})" if event.id in stepper.keys else ""
    return f"{position}. {event.title}{key}"


def steps_shown(stepper: Stepper, start: str | int | None = None, until: str | None = None) -> tuple[int, int]:
    """(first, last): the 1-based positions of the event shown first and of the last event in the menu.

    ``start`` is an event id or a 1-based position; ``until`` the id of the last event to offer (a chapter's
    explorer stops where the chapter does, so later events are met in their own chapter). Unknown ids are
    ignored: the menu then runs from the first event to the last."""
    ids = [e.id for e in stepper.events]
    last = ids.index(until) + 1 if until in ids else len(ids)
    first = ids.index(start) + 1 if start in ids else start if isinstance(start, int) and 1 <= start <= last else 1
    return min(first, last), last


def explorer(
    content: Any = None,
    *,
    start: str | int | None = None,
    until: str | None = None,
    dimensions: Iterable[str] = DIMENSIONS,
) -> Any:
    """A widget to step through the events: the Event menu + Previous/Next, highlighted timeline, details.

    ``start`` is an event id or a 1-based position, ``until`` the id of the last event in the menu. The
    returned VBox has ``chooser`` (the menu; its value is the event's 1-based position), ``previous``,
    ``next``, ``image`` and ``details`` attributes (for tests and notebooks).
    """
    import ipywidgets as w

    base = plot_timeline(content=content, dimensions=dimensions)
    stepper = Stepper(base)
    first, n = steps_shown(stepper, start, until)
    chooser = w.Dropdown(
        options=[(_menu_label(stepper, i), i) for i in range(1, n + 1)],
        value=first,
        description="Event",
        tooltip="Choose an event (arrow keys move one at a time)",
        style={"description_width": "initial"},
        layout=w.Layout(width="auto"),
    )
    previous = w.Button(description="Previous", icon="arrow-left", tooltip="Previous event")
    following = w.Button(description="Next", icon="arrow-right", tooltip="Next event")
    image = w.HTML()
    details = w.HTML()

    def show(value: int) -> None:
        index = min(max(int(value), 1), n) - 1
        previous.disabled = index == 0
        following.disabled = index == n - 1
        image.value = stepper.image_html(index)
        details.value = stepper.details_html(index)

    chooser.observe(lambda change: show(change["new"]), names="value")
    previous.on_click(lambda _: setattr(chooser, "value", max(1, chooser.value - 1)))
    following.on_click(lambda _: setattr(chooser, "value", min(n, chooser.value + 1)))
    show(chooser.value)
    box = w.VBox([w.HTML(CSS), w.HBox([previous, chooser, following]), image, details])
    box.add_class("course-explorer")
    box.chooser, box.previous, box.next, box.image, box.details, box.stepper = (
        chooser,
        previous,
        following,
        image,
        details,
        stepper,
    )
    if base.messages:
        details.value = "".join(f"<p>{html.escape(m)}</p>" for m in base.messages) + details.value
    return box
