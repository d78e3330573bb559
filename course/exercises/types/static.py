"""Pieces the types' static questions share (a page before its script runs, and paper): empty check
boxes and answer blanks in a list."""

from __future__ import annotations

from typing import Any

from ...safe_html import inline

BOX = "&#9744;"  # an empty check box
BLANK = "<span class='static-blank'>____</span>"


def choice_list(items: list[str], ordered: bool = False) -> str:
    """Ready-made HTML items as a list (``ol`` when ``ordered``)."""
    tag = "ol" if ordered else "ul"
    rows = "".join(f"<li>{item}</li>" for item in items)
    return f'<{tag} class="static-choices">{rows}</{tag}>'


def options_html(lead: str, options: list[Any]) -> str:
    """A lead line and one empty check box per option."""
    items = [f"{BOX} {inline(o.text)}" for o in options]
    return f"<p><strong>{lead}</strong></p>" + choice_list(items)
