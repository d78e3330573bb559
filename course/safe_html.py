"""Author text to safe HTML: Markdown rendered with markdown-it-py, then sanitized with nh3.

Author text (prompts, options, feedback, hints) may hold basic formatting and https or relative
links. Scripts, event handlers, iframes, images, style attributes and ``javascript:``/``data:`` URLs
never survive. Engine text is escaped with :func:`esc`.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "code",
    "pre",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "h4",
    "h5",
    "h6",
    "hr",
    "del",
    "sup",
    "sub",
    "abbr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "ol": {"start"}}
# A whole notebook Markdown cell (the course site's pages) also has its chapter headings and table spans.
PAGE_TAGS = ALLOWED_TAGS | {"h1", "h2", "h3", "caption"}
PAGE_ATTRIBUTES = {**ALLOWED_ATTRIBUTES, "th": {"colspan", "rowspan"}, "td": {"colspan", "rowspan"}}
_BLOCK_TAG = re.compile(r"</?(?:p|br|li|ul|ol|div|h\d|tr|td|th|table|blockquote|pre|hr)\b[^>]*>", re.I)
_ANY_TAG = re.compile(r"<[^>]*>")
_EVENT_TEXT = re.compile(r"\b(on[a-z]+)\s*=", re.I)
_SCRIPT_SCHEME = re.compile(r"\b(javascript|vbscript)\s*:", re.I)


@lru_cache(maxsize=1)
def _md() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def _clean(raw_html: str, tags: set[str] = ALLOWED_TAGS, attributes: dict[str, set[str]] = ALLOWED_ATTRIBUTES) -> str:
    import nh3

    cleaned = nh3.clean(
        raw_html,
        tags=tags,
        clean_content_tags={"script", "style", "iframe", "object", "embed", "svg", "math", "template"},
        attributes=attributes,
        url_schemes={"https"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return neutralize(cleaned)


def neutralize(fragment: str) -> str:
    """Entity-encode text that merely looks like code (``onload=``, ``javascript:``).

    The sanitizer already removed every real attribute and URL of that kind; this keeps harmless
    text from ever being revived by a later, careless un-escaping. The reader sees the same text.
    """
    fragment = _EVENT_TEXT.sub(lambda m: m.group(1) + "&#61;", fragment)
    return _SCRIPT_SCHEME.sub(lambda m: m.group(1) + "&#58;", fragment)


def markdown(text: Any) -> str:
    """Block HTML for author Markdown (paragraphs, lists), sanitized."""
    return _clean(_md().render(str(text or "")))


def page_markdown(text: Any) -> str:
    """Block HTML for a whole notebook Markdown cell (chapter headings too), sanitized like author text."""
    return _clean(_md().render(str(text or "")), PAGE_TAGS, PAGE_ATTRIBUTES)


def inline(text: Any) -> str:
    """Inline HTML for a short author label (no surrounding paragraph), sanitized."""
    return _clean(_md().renderInline(str(text or "")))


def esc(text: Any) -> str:
    """Escape engine or learner text for HTML."""
    return neutralize(html.escape(str(text), quote=True))


def plain_text(fragment: str) -> str:
    """The readable text of an HTML fragment, whitespace collapsed."""
    text = _BLOCK_TAG.sub(" ", fragment or "")
    text = _ANY_TAG.sub("", text)
    return " ".join(html.unescape(text).split())


def plain(text: Any) -> str:
    """Author Markdown as plain text (for labels of radio buttons, checkboxes, sliders)."""
    return plain_text(inline(text))


def normalize(text: str) -> str:
    """Text for comparing feedback: case-folded, whitespace collapsed."""
    return " ".join(str(text).casefold().split())


def appears_in(expected_markdown: str, feedback_html: str) -> bool:
    """True when the plain text of ``expected_markdown`` appears in the feedback's plain text."""
    needle = normalize(plain_text(markdown(expected_markdown)))
    return bool(needle) and needle in normalize(plain_text(feedback_html))
