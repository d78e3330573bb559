"""Which delivery a piece of notebook text is for: JupyterLab (``lab``), the seminar hub (``hub``), the
Voilà app (``app``) or the static website (``site``).

Each delivery speaks to its own reader: "press Shift + Enter" means nothing on the website, and "run
``course export`` in a terminal" nothing in the app. A notebook says so in two ways:

* A cell tagged ``only-lab``, ``only-hub``, ``only-app`` or ``only-site`` (any several) appears only in
  those deliveries.
* Inside a Markdown cell, ``<!-- only lab hub -->`` ... ``<!-- /only -->`` keeps the text between the
  markers for those deliveries alone, and ``<!-- for site: text -->`` (or ``for app site:``) adds text
  that only those deliveries show.

JupyterLab shows the notebook as it is written, where comments are invisible: so text in ``only``
blocks and tagged cells must include ``lab``, and text for the app or the site alone goes in ``for``
comments. ``for_delivery`` makes the copy a delivery shows; ``marker_problems`` checks the markers.
"""

from __future__ import annotations

import copy
import os
import re
from typing import Any

DELIVERIES = ("lab", "hub", "app", "site")
DELIVERY_ENV = "COURSE_DELIVERY"
TAG_PREFIX = "only-"
_ONLY = re.compile(r"<!--\s*only\s+([a-z ]+?)\s*-->\n?(.*?)<!--\s*/only\s*-->\n?", re.S)
_FOR = re.compile(r"<!--\s*for\s+([a-z ]+?)\s*:\s*(.*?)\s*-->", re.S)
_ANY_MARKER = re.compile(r"<!--\s*(/?only|for)\b", re.S)


def current() -> str:
    """The delivery this process serves: ``COURSE_DELIVERY`` if set, ``hub`` on the seminar hub, else ``lab``."""
    named = os.environ.get(DELIVERY_ENV, "").strip().lower()
    if named in DELIVERIES:
        return named
    return "hub" if os.environ.get("COURSE_EXCHANGE") else "lab"


def _names(text: str) -> list[str]:
    return text.split()


def cell_deliveries(cell: Any) -> set[str] | None:
    """The deliveries a cell is tagged for, or None when it is for every delivery."""
    tags = [str(t).strip().lower() for t in (cell.get("metadata", {}).get("tags", []) or [])]
    chosen = {t.removeprefix(TAG_PREFIX) for t in tags if t.startswith(TAG_PREFIX)}
    return chosen or None


def markdown_for(text: str, delivery: str) -> str:
    """Markdown ``text`` as ``delivery`` shows it: ``only`` blocks kept or dropped, ``for`` comments opened."""

    def only(match: re.Match[str]) -> str:
        return match.group(2) if delivery in _names(match.group(1)) else ""

    def for_(match: re.Match[str]) -> str:
        return match.group(2) if delivery in _names(match.group(1)) else ""

    return _FOR.sub(for_, _ONLY.sub(only, text))


def for_delivery(nb: Any, delivery: str) -> Any:
    """A copy of ``nb`` holding only what ``delivery`` shows (cells, and text inside Markdown cells)."""
    if delivery not in DELIVERIES:
        raise ValueError(f"{delivery!r} is not a delivery; choose one of {', '.join(DELIVERIES)}")
    out = copy.deepcopy(nb)
    kept = []
    for cell in out.cells:
        chosen = cell_deliveries(cell)
        if chosen is not None and delivery not in chosen:
            continue
        if cell.get("cell_type") == "markdown":
            source = cell.get("source", "")
            source = "".join(source) if isinstance(source, list) else str(source)
            cell["source"] = markdown_for(source, delivery)
            if not cell["source"].strip():
                continue
        kept.append(cell)
    out.cells = kept
    return out


def marker_problems(nb: Any) -> list[str]:
    """What is wrong with a notebook's delivery markers: 'cell N: ...' sentences (empty when all is well)."""
    problems: list[str] = []
    for n, cell in enumerate(nb.get("cells", []), start=1):
        chosen = cell_deliveries(cell)
        if chosen is not None:
            unknown = sorted(chosen - set(DELIVERIES))
            if unknown:
                problems.append(f"cell {n}: tag only-{unknown[0]} names no delivery; use {', '.join(DELIVERIES)}")
            elif "lab" not in chosen:
                problems.append(
                    f"cell {n}: tagged for {', '.join(sorted(chosen))} but JupyterLab shows every cell; "
                    "tag it only-lab too, or write the text in a <!-- for ...: --> comment"
                )
        if cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        for match in _ONLY.finditer(source):
            names = _names(match.group(1))
            problems += _name_problems(n, "only", names)
            if "lab" not in names:
                problems.append(
                    f"cell {n}: <!-- only {match.group(1)} --> leaves out lab, but JupyterLab shows this text; "
                    "write text for other deliveries in a <!-- for ...: --> comment"
                )
        for match in _FOR.finditer(source):
            names = _names(match.group(1))
            problems += _name_problems(n, "for", names)
            if "lab" in names:
                problems.append(f"cell {n}: <!-- for {match.group(1)}: --> names lab, which never shows comments")
        left = _FOR.sub("", _ONLY.sub("", source))
        if _ANY_MARKER.search(left):
            problems.append(f"cell {n}: a delivery marker is not closed (<!-- only ... --> needs <!-- /only -->)")
    return problems


def _name_problems(n: int, kind: str, names: list[str]) -> list[str]:
    unknown = [name for name in names if name not in DELIVERIES]
    if not names or unknown:
        return [
            f"cell {n}: <!-- {kind} ... --> names {unknown[0] if unknown else 'no delivery'}; "
            f"use {', '.join(DELIVERIES)}"
        ]
    return []
