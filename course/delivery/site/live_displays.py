"""The event explorer and the Gottlieb worksheet as the site shows them: live in the page, like the lab's.

Both are drawn here, at build time, by the same code as the JupyterLab widgets: every step of the
explorer (its highlighted timeline and the event's details) and every reading of the worksheet (for each
combination of levels, chosen or not). ``static/displays.js`` adds the controls (the Event menu with
Previous and Next; the level menus with "Show the reading") and shows one step or reading at a time.
Without JavaScript the page shows the explorer's steps in story order and the worksheet's levels as
lists: an honest static form, never a control that does nothing.
"""

from __future__ import annotations

import base64
import functools
import io
import itertools
from html import escape
from typing import Any

from ...content.gottlieb import DIMENSION_IDS, load_gottlieb
from ...displays.worksheets import PLACEHOLDER, _level_hint, problems_html, reading_html
from ...safe_html import esc, inline, markdown
from ...timeline.explorer import Stepper, _menu_label, steps_shown
from ...timeline.plot import plot_timeline

SHORT_LABEL = 36  # characters in an event's name in the menu on a phone
STEP_COLOURS = 128  # the explorer's 37 pictures: about 30 kB each instead of about 100 kB
STEP_ZLIB_LEVEL = 8  # a quarter of the time of optimize=True (level 9), files about 2% larger


def explorer_html(start: str | None = None, until: str | None = None) -> str:
    """Every step of the event explorer, in story order, for ``displays.js`` to step through (up to the
    event ``until``, starting at ``start``, as ``course.explorer`` does)."""
    base = plot_timeline()
    stepper = Stepper(base)
    first, last = steps_shown(stepper, start, until)
    steps = []
    for i, event in enumerate(stepper.events[:last]):
        label = escape(_menu_label(stepper, i + 1), quote=True)
        short = escape(short_label(i + 1, event.title), quote=True)  # for a phone's narrow menu
        alt = f"{base.alt_text} Selected: {stepper.position(i)}."
        data = base64.b64encode(fewer_colours(stepper.png(event.id))).decode("ascii")
        picture = f'<img src="data:image/png;base64,{data}" alt="{escape(alt, quote=True)}">'
        steps.append(
            f"<section class='site-step' data-step='{i + 1}' data-label='{label}' data-short='{short}'>"
            f"<div class='course-picture'>{picture}</div>{stepper.details_html(i)}</section>"
        )
    messages = "".join(f"<p>{escape(m)}</p>" for m in base.messages)
    return (
        f"<div class='site-live site-explorer' data-live='explorer' data-start='{first}'>"
        "<p class='site-live-static'>The events of the case in story order, each highlighted on the timeline. "
        "With JavaScript on, an Event menu with Previous and Next steps through them one at a time.</p>"
        f"{messages}{''.join(steps)}</div>"
    )


def short_label(number: int, title: str, room: int = SHORT_LABEL) -> str:
    """``"39. Susan tells Jane the placement…"``: the event's number and title, cut at a word to fit a phone's
    menu (the card below the menu gives the title in full)."""
    label = f"{number}. {title}"
    if len(label) <= room:
        return label
    cut = label[: room - 1].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return cut + "\u2026"


@functools.lru_cache(maxsize=128)
def fewer_colours(png: bytes, colours: int = STEP_COLOURS) -> bytes:
    """The PNG with a palette of ``colours``: a third of the size, the same picture to the eye.

    Kept for the same PNG: the chapters' explorers show many of the same steps (notebook 03 up to an
    event, notebook 09 from one), so a build reduces each picture once.
    """
    from PIL import Image

    buf = io.BytesIO()
    Image.open(io.BytesIO(png)).quantize(colors=colours, method=Image.Quantize.MEDIANCUT).save(
        buf, format="png", compress_level=STEP_ZLIB_LEVEL
    )
    return buf.getvalue()


def worksheet_html() -> str:
    """The Gottlieb worksheet: its text, the levels of each dimension, and every reading it can give."""
    sheet, problems = load_gottlieb()
    if sheet is None:
        return problems_html(problems)
    head = (
        f"<h4>{esc(sheet.title)}</h4>{markdown(sheet.intro)}"
        "<details><summary>The model's steps, in the course's summary</summary><ol>"
        + "".join(f"<li>{inline(s.text)}</li>" for s in sheet.steps)
        + "</ol></details>"
    )
    dims = []
    for dim in sheet.dimensions:
        levels = "".join(
            f"<li data-level='{escape(lv.id, quote=True)}'><strong>{esc(lv.label)}:</strong> {esc(lv.explanation)}</li>"
            for lv in dim.levels
        )
        hints = "".join(
            f"<template data-hint='{escape(level, quote=True)}'>{_level_hint(dim, level)}</template>"
            for level in ["", *(lv.id for lv in dim.levels)]
        )
        dims.append(
            f"<div class='site-dimension' data-dimension='{escape(dim.id, quote=True)}' "
            f"data-label='{escape(dim.label, quote=True)}'><p><strong>{esc(dim.label)}.</strong> "
            f"{esc(dim.question)}</p><ul class='site-levels'>{levels}</ul>{hints}</div>"
        )
    choices = [["", *(lv.id for lv in sheet.dimension(d).levels)] for d in DIMENSION_IDS]
    readings = "".join(
        f"<template data-reading='{escape('|'.join(combo), quote=True)}'>"
        f"{reading_html(sheet, dict(zip(DIMENSION_IDS, combo)))}</template>"
        for combo in itertools.product(*choices)
    )
    return (
        f"<div class='site-live site-worksheet' data-live='worksheet' data-placeholder='{escape(PLACEHOLDER, quote=True)}' "
        f"data-order='{' '.join(DIMENSION_IDS)}'>{head}"
        "<p class='site-live-static'>With JavaScript on, choose a level for each dimension and press "
        "<strong>Show the reading</strong> to see the risk reading, its next steps and the course's reading "
        f"of Jane's request.</p>{''.join(dims)}{readings}</div>"
    )


def live_html(name: str, options: dict[str, str] | None = None) -> Any:
    """The site's live version of a display call (``explorer`` or ``gottlieb_worksheet``), with the
    call's text keyword arguments (the explorer's ``start`` and ``until``)."""
    if name == "explorer":
        chosen = options or {}
        return explorer_html(start=chosen.get("start"), until=chosen.get("until"))
    return worksheet_html()
