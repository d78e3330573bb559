"""An exercise spec as the JSON the site's pages score in the browser (``static/scoring.js``).

Every author text is rendered here, once, by the course's sanitizing Markdown renderer: ``*_html``
fields hold what the Python scorer would put into its feedback, ``*_plain`` fields the plain labels
the widgets show. The reference answer is included (the page checks answers itself), as is its
description for "Show answer". ``link`` rewrites relative links (``x.ipynb#A`` to ``x.html#A``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ...exercises.spec import DIMENSION_SCALES, as_plain, content_hash
from ...exercises.types import describe_answer
from ...safe_html import esc, inline, markdown, plain

Link = Callable[[str], str]
_HREF = re.compile(r'(<a\b[^>]*\bhref=")([^"]*)(")')


def relink_html(fragment: str, link: Link | None) -> str:
    """``fragment`` with every link's href passed through ``link``."""
    if link is None:
        return fragment
    return _HREF.sub(lambda m: m.group(1) + link(m.group(2)) + m.group(3), fragment)


def compile_spec(spec: Any, link: Link | None = None) -> dict[str, Any]:
    """The JSON-ready dict of one validated, resolved spec."""

    def md(text: Any) -> str:
        return relink_html(markdown(text), link)

    def md_if(text: Any) -> str:  # Feedback.md adds nothing for blank text
        return md(text) if str(text or "").strip() else ""

    def one(text: Any) -> str:
        return relink_html(inline(text), link)

    def choice(item: Any) -> dict[str, str]:  # an option, or an item to sort
        return {
            "id": item.id,
            "text": item.text,
            "text_html": one(item.text),
            "text_plain": plain(item.text),
            "feedback_html": md_if(item.feedback),
        }

    out: dict[str, Any] = {
        "id": spec.id,
        "type": spec.type,
        "title": spec.title,
        "notebook": spec.notebook,
        "objective": spec.objective,
        "content_hash": content_hash(spec),
        "prompt_html": md(spec.prompt),
        "hints_html": [md(h) for h in spec.hints],
        "reveal": {"after_attempts": spec.reveal.after_attempts, "on_request": spec.reveal.on_request},
        "answer": as_plain(spec.answer),
        "answer_html": relink_html(describe_answer(spec), link),
    }
    if getattr(spec, "also_accept", None):
        out["also_accept"] = as_plain(spec.also_accept)
    kind = spec.type
    if kind in ("single-choice", "multiple-select"):
        out["options"] = [choice(o) for o in spec.options]
    elif kind == "ordering":
        out["items"] = [
            {"id": i.id, "text_html": one(i.text), "text_plain": plain(i.text), "feedback_html": md_if(i.feedback)}
            for i in spec.items
        ]
    elif kind == "categorize":
        out["categories"] = [
            {"id": c.id, "label_html": one(c.label), "label_plain": plain(c.label)} for c in spec.categories
        ]
        out["items"] = [choice(i) for i in spec.items]
    elif kind == "rating":
        out.update(
            dimension=spec.dimension,
            scale=DIMENSION_SCALES[spec.dimension],
            tolerance=spec.tolerance,
            events=[
                {
                    "event": e.event,
                    "label_html": one(e.label or e.event),
                    "label_plain": plain(e.label or e.event),
                    "note_html": md_if(e.note),
                }
                for e in spec.events
            ],
        )
    elif kind == "decision":
        out["start"] = spec.start
        out["nodes"] = [
            {
                "id": n.id,
                "text_html": md(n.text),
                # told differently after earlier choices (static/conditions.js chooses, as conditions.py does)
                "variants": [
                    {"when": v.when or {}, "default": v.default, "text_html": md(v.text) if v.text else ""}
                    for v in n.variants
                ],
                "choices": [
                    {
                        "id": c.id,
                        "text_html": one(c.text),
                        "text_plain": plain(c.text),
                        "next": c.next,
                        "consequence_html": md(c.consequence),
                        "commentary_html": md(c.commentary),
                    }
                    for c in n.choices
                ],
            }
            for n in spec.nodes
        ]
    elif kind == "reflection":
        out["min_words"] = spec.min_words
        out["rubric"] = [{"id": r.id, "text_html": one(r.text), "text_plain": plain(r.text)} for r in spec.rubric]
    elif kind == "discussion":
        out["points_html"] = [one(p) for p in spec.points]
    out["title_html"] = esc(spec.title)
    return out
