"""Notebook Markdown as page HTML, with the anchors and links a site needs.

Cells are rendered by the course's one sanitizing renderer (``course.safe_html.page_markdown``).
Headings get the ids JupyterLab gives them (spaces become hyphens), so links such as
``glossary.ipynb#Transference`` keep working once they point at ``glossary.html#Transference``.
"""

from __future__ import annotations

import html
import re

from ...safe_html import page_markdown, plain_text

_HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>", re.S)
_LINK = re.compile(r'<a\b[^>]*\bhref="([^"]*)"[^>]*>(.*?)</a>', re.S)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_ID = re.compile(r' id="([^"]*)"')


def heading_id(inner_html: str) -> str:
    """JupyterLab's anchor for a heading: its text with each run of spaces made one hyphen."""
    return plain_text(inner_html).replace(" ", "-")


def cell_html(text: str) -> str:
    """A notebook Markdown cell as sanitized HTML with heading ids."""

    def anchor(match: re.Match[str]) -> str:
        level, inner = match.group(1), match.group(2)
        return f'<h{level} id="{html.escape(heading_id(inner), quote=True)}">{inner}</h{level}>'

    return _HEADING.sub(anchor, page_markdown(text))


def unlink_outside(fragment: str, pages: set[str]) -> str:
    """Links to files the site does not hold (e.g. ``../docs/...``) become their plain text."""

    def swap(match: re.Match[str]) -> str:
        href = html.unescape(match.group(1))
        if not href or href.startswith("#") or _SCHEME.match(href):
            return match.group(0)
        target = href.split("#", 1)[0].split("?", 1)[0]
        return match.group(0) if target in pages else match.group(2)

    return _LINK.sub(swap, fragment)


def unique_ids(fragment: str) -> str:
    """Make repeated element ids unique within a page (a second 'Summary' becomes 'Summary-2')."""
    seen: dict[str, int] = {}

    def swap(match: re.Match[str]) -> str:
        value = match.group(1)
        seen[value] = seen.get(value, 0) + 1
        return match.group(0) if seen[value] == 1 else f' id="{value}-{seen[value]}"'

    return _ID.sub(swap, fragment)
