"""Author text is Markdown: render it to HTML, then sanitize it so nothing in it can run."""
from __future__ import annotations

import html
from functools import lru_cache
from typing import Any

ALLOWED_TAGS = {
    "p", "br", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a",
    "h3", "h4", "h5", "table", "thead", "tbody", "tr", "th", "td", "span", "hr", "sup", "sub",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "span": {"class"}, "th": {"scope"}}


@lru_cache(maxsize=1)
def _markdown() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


def sanitize_html(fragment: str) -> str:
    """Remove scripts, event handlers, styles and unsafe URLs; keep basic formatting."""
    import nh3

    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"https", "http", "mailto"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def markdown_html(text: str | None, inline: bool = False) -> str:
    """Markdown to safe HTML. ``inline`` drops the wrapping paragraph for short labels."""
    if not text:
        return ""
    md = _markdown()
    rendered = md.renderInline(str(text)) if inline else md.render(str(text))
    return sanitize_html(rendered)


def escape(text: Any) -> str:
    """Plain text made safe to place inside HTML."""
    return html.escape(str(text), quote=True)
