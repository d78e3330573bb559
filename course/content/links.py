"""Links in author text: only ``https://`` addresses and course files (data/exercises/README.md).

The sanitizer already keeps every other link inert (``course.safe_html``), so a ``javascript:``,
``http:`` or ``data:`` link reaches the learner as plain text; ``course validate`` tells the author,
naming the file, line and field of every such link.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any
from urllib.parse import unquote, urlsplit

from ..paths import notebooks_dir
from ..problems import Problem
from .yaml_reader import Loc, YamlDoc

# Text that may hold a link: [text](target), [label]: target, <target>, or an HTML attribute.
_MAY_LINK = re.compile(r"\]\(|\]:|<|\b(?:href|src)\s*=", re.I)
_HTML_TARGET = re.compile(r"""\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


@lru_cache(maxsize=1)
def _parser() -> Any:
    """The course's Markdown parser (as ``safe_html``), made to keep every link so all can be checked."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.validateLink = lambda url: True
    return md


def link_targets(text: str) -> list[str]:
    """Every link target in one piece of author Markdown: links, images, autolinks and HTML attributes."""
    if not _MAY_LINK.search(text):
        return []
    found: list[str] = []
    for token in _tokens(_parser().parse(text)):
        if token.type == "link_open":
            found.append(str(token.attrGet("href") or ""))
        elif token.type == "image":
            found.append(str(token.attrGet("src") or ""))
        elif token.type in ("html_inline", "html_block"):
            found += [
                html.unescape(next(g for g in m.groups() if g is not None))
                for m in _HTML_TARGET.finditer(token.content)
            ]
    return found


def _tokens(tokens: list[Any]) -> Iterator[Any]:
    for token in tokens:
        yield token
        yield from _tokens(token.children or [])


def why_not_allowed(target: str) -> str | None:
    """Why a link target is neither an ``https://`` address nor a course file, or None when it is one."""
    if target.lower().startswith("https://"):
        return None
    parts = urlsplit(target)
    if parts.scheme:
        return f"'{parts.scheme}:' links are not allowed"
    if parts.netloc or target.startswith("//"):
        return "a link to another site must start with https://"
    path = unquote(parts.path)
    if not path:
        return None  # a place on the same page (#heading)
    folder = notebooks_dir()
    if folder.is_dir() and not (folder / path).exists():
        return f"there is no course file {path} next to the notebooks"
    return None


def link_problems(doc: YamlDoc) -> list[Problem]:
    """A problem for every link in the file's text that is not https:// or a course file."""
    found: list[Problem] = []
    for loc, text in _strings(doc.data, ()):
        for target in link_targets(text):
            why = why_not_allowed(target)
            if why:
                found.append(
                    doc.problem(
                        loc,
                        f"links to '{target}': {why}. Links must start with https:// or point to a course file "
                        "such as glossary.ipynb#Transference; learners see this one as plain text",
                    )
                )
    return found


def _strings(value: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, loc + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, loc + (i,))


__all__ = ["link_problems", "link_targets", "why_not_allowed"]
