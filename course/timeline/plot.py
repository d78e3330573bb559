"""The timeline of the case: transference, alliance and stance over the calendar of sessions.

``plot_timeline()`` returns a :class:`TimelineResult` holding a matplotlib ``Figure`` (never pyplot,
so nothing displays by itself), the plotted numbers (``.data``), generated alt text, messages for
the learner, an HTML table fallback and ``save_figure``. In a notebook it shows as HTML: the title,
the picture on a light card (readable in JupyterLab's dark theme too), the numbered key events, the
notes (including how the calendar is compressed) and the data table. ``save_figure`` writes a
figure that stands on its own, with the title, the key events and the notes drawn in.

The numbers come from ``course.timeline.data``, the geometry from ``course.timeline.layout``, the
drawing from ``course.timeline.draw``; the stepper is ``course.timeline.explorer``.
"""

from __future__ import annotations

import base64
import html
import io
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from ..theme import CSS
from .data import (
    DIMENSIONS,
    HELD_FRAME_LABEL,
    NOTE,
    ClassOverlay,
    TimelineData,
    build_data,
    class_overlay,
    held_frame_label,
    held_frame_path,
    learner_overlay,
    set_calendar,
)
from .draw import DPI, OKABE_ITO, RC, STYLES, key_entries, render
from .text import alt_text, caption, table_html

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from ..content import Content

__all__ = [
    "plot_timeline",
    "TimelineResult",
    "TimelineData",
    "save_figure",
    "class_overlay",
    "ClassOverlay",
    "OKABE_ITO",
    "STYLES",
    "HELD_FRAME_LABEL",
    "NOTE",
]

FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
# ``svg-if-smaller``: notebook outputs embed the picture as SVG (real text, sharp when printed)
# whenever that is smaller than the PNG. The handouts are executed with it set.
IMAGE_FORMAT_ENV = "COURSE_IMAGE_FORMAT"


@dataclass
class TimelineResult:
    """A rendered timeline: the figure, the numbers it shows, and accessible fallbacks."""

    figure: Figure  # the picture as shown on screen; title, key events and notes are HTML around it
    data: TimelineData
    alt_text: str
    messages: list[str]
    axes: dict[str, Any] = field(default_factory=dict, repr=False)
    content: Any = field(default=None, repr=False)
    _png: bytes | None = field(default=None, repr=False)

    def table(self) -> str:
        """The plotted values as an HTML table (event, week/day, phase, values)."""
        return table_html(self.data, self.content)

    def png(self, dpi: int = DPI) -> bytes:
        """The figure as PNG bytes."""
        if self._png is None or dpi != DPI:
            buf = io.BytesIO()
            self.figure.savefig(buf, format="png", dpi=dpi, metadata={"Description": self.alt_text})
            if dpi != DPI:
                return buf.getvalue()
            self._png = buf.getvalue()
        return self._png

    def svg(self) -> bytes:
        """The figure as SVG, its text kept as text."""
        buf = io.BytesIO()
        with _rc():
            self.figure.savefig(buf, format="svg", metadata={"Date": None})
        return buf.getvalue()

    def standalone(self) -> Figure:
        """The figure with its title, numbered key events and notes drawn in, for files and print."""
        return render(self.data, self.content, standalone=True)[0]

    def save_figure(self, path: str | Path) -> Path:
        """Write the figure as PNG, SVG or PDF, chosen by the file's suffix."""
        return save_figure(self, path)

    def image_html(self) -> str:
        """The picture as an ``<img>`` with its alt text: PNG, or SVG where asked for and smaller."""
        return image_tag(self.png(), self.svg, self.alt_text)

    def _repr_html_(self) -> str:
        esc = html.escape
        notes = "".join(f"<li>{esc(m)}</li>" for m in self.messages)
        notes = f'<div role="note" class="course-timeline-messages"><ul>{notes}</ul></div>' if notes else ""
        keys = "".join(f"<li>{esc(entry.split('  ', 1)[1])}</li>" for entry in key_entries(self.data, self.content))
        keys = (
            f'<p class="course-timeline-keys-heading">Key events, numbered on the plot:</p><ol class="course-timeline-keys">{keys}</ol>'
            if keys
            else ""
        )
        return (
            f'{CSS}<figure class="course-timeline">{notes}'
            f'<p class="course-timeline-title">{esc(self.data.labels["title"])}</p>'
            f'<div class="course-picture">{self.image_html()}</div>'
            f"<figcaption>{keys}<p>{esc(caption(self.data))}</p>"
            f"<details><summary>Data table (screen-reader friendly)</summary>{self.table()}</details>"
            "</figcaption></figure>"
        )

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        return {"text/html": self._repr_html_(), "text/plain": self.alt_text}


def image_tag(png: bytes, svg: Callable[[], bytes], alt: str) -> str:
    """An ``<img>`` with ``alt`` embedding the PNG, or the SVG (``svg()`` is called only then) where
    ``COURSE_IMAGE_FORMAT`` is ``svg-if-smaller`` and the SVG is smaller."""
    kind, data = "png", png
    if os.environ.get(IMAGE_FORMAT_ENV) == "svg-if-smaller":
        vector = svg()
        if len(vector) < len(png):
            kind, data = "svg+xml", vector
    b64 = base64.b64encode(data).decode("ascii")
    return f'<img src="data:image/{kind};base64,{b64}" alt="{html.escape(alt, quote=True)}">'


def _rc() -> Any:
    """The drawing's settings (fonts, real text in vector files) for saving outside ``render``."""
    import matplotlib as mpl

    return mpl.rc_context(RC)


def save_figure(result: TimelineResult | Figure, path: str | Path) -> Path:
    """Save a timeline (or any Figure) to ``path``; the suffix picks PNG, SVG or PDF.

    A timeline is saved as its standalone figure (title, key events and notes drawn in). SVG keeps
    the text as text and PDF embeds the font, so both print sharply and can be searched.
    """
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(
            f"cannot save the timeline as '{path.name}': the file name must end in "
            f".png, .svg or .pdf (got '{path.suffix or 'no suffix'}')"
        )
    is_timeline = isinstance(result, TimelineResult)
    fig = result.standalone() if is_timeline else result
    alt = result.alt_text if is_timeline else ""
    title = result.data.labels.get("title", "") if is_timeline else ""
    meta = {
        "png": {"Title": title, "Description": alt},
        "svg": {"Title": title, "Description": alt, "Date": None},
        "pdf": {"Title": title, "Subject": alt, "CreationDate": None},
    }[fmt]
    path.parent.mkdir(parents=True, exist_ok=True)
    with _rc():
        fig.savefig(path, format=fmt, dpi=DPI, metadata=meta)
    return path


def _resolve(content: Any) -> Content:
    # import-time: course.timeline stays importable without pydantic (the class report uses its data)
    from ..content import load_content

    if content is None or isinstance(content, (str, Path)):
        return load_content(content)
    return content


def plot_timeline(
    *,
    learner: Any = None,
    class_ratings: Any = None,
    held_frame: bool = False,
    highlight: str | None = None,
    dimensions: Iterable[str] = DIMENSIONS,
    content: Any = None,
    full_calendar: bool = False,
    until: str | None = None,
) -> TimelineResult:
    """Plot the case's teaching ratings over the calendar of sessions, with optional overlays.

    learner: ``{event_id: value}`` (transference) or ``{dimension: {event_id: value}}``.
    class_ratings: a list of such dicts, one per learner (median line + quartile band).
    held_frame: add the hypothetical path in which Susan holds the frame.
    highlight: an event id to mark with a vertical line.
    full_calendar: show every week before therapy too (by default the x axis starts two weeks
    before the first session; earlier events are summarised at the left edge).
    until: the id of the last event to draw: the story so far, with nothing a later chapter tells.
    The weeks around the key events are drawn wider than the quiet weeks before and after them
    (``data.scale``; the caption, the alt text and break marks on the axis say so).
    Missing, partial or unusable ratings never raise: see ``result.messages``.
    """
    content = _resolve(content)
    messages: list[str] = []
    if until is not None:
        ids = [e.id for e in content.events]
        if until in ids:
            content = replace(content, events=content.events[: ids.index(until) + 1])
        else:
            messages.append(f"Cannot stop at {until!r}: there is no event with that id; the whole case is drawn.")
    try:
        wanted = [dimensions] if isinstance(dimensions, str) else list(dimensions or ())
    except TypeError:
        wanted = [dimensions]
    dims = [d for d in wanted if isinstance(d, str) and d in DIMENSIONS]
    if len(dims) != len(wanted):
        messages.append(
            f"Ignored unknown dimensions {[d for d in wanted if d not in dims]}; choose from {', '.join(DIMENSIONS)}."
        )
    dims = dims or list(DIMENSIONS)
    data = build_data(content, dims)
    if learner is not None:
        points, found = learner_overlay(learner, data)
        messages += found
        data.overlays["learner"] = points
    if class_ratings is not None:
        rated = [i for i in data.events if any(i in {p[0] for p in pts} for pts in data.series.values())]
        overlay = class_overlay(class_ratings, dimensions=dims, events=rated)
        messages += overlay.messages
        if overlay.n_learners:
            data.overlays["class"] = overlay
        else:
            messages.append("There are no class ratings to show yet.")
    if held_frame:
        path = held_frame_path(content, dims)
        if path:
            data.overlays["held_frame"] = path
            data.labels["held_frame"] = held_frame_label(content)
        else:
            messages.append("This course has no hypothetical held-frame path (data/vignette/held-frame.yaml).")
    if highlight is not None:
        if isinstance(highlight, str) and highlight in data.days:
            data.overlays["highlight"] = highlight
        else:
            messages.append(f"Cannot highlight {highlight!r}: there is no event with that id.")
    set_calendar(data, full_calendar)
    figure, axes = render(data, content)
    return TimelineResult(figure, data, alt_text(data, content), messages, axes, content)
