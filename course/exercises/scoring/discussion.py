"""Discussion: private notes on a question; once something is written, the points a good answer touches."""

from __future__ import annotations

from typing import Any

from ...safe_html import inline
from ..result import Feedback, Result, invalid
from ..spec import Discussion, as_plain
from .common import Found, shown
from .reflection import words


def spec_problems(spec: Discussion) -> Found:
    """Nothing to link inside a discussion."""
    return []


def answer_problems(spec: Discussion, answer: Any) -> Found:
    """``answer`` is ``{text: ...}`` (a ``rubric`` key, always empty, is allowed: notes are stored like reflections)."""
    answer = as_plain(answer)
    if not isinstance(answer, dict) or not isinstance(answer.get("text"), str):
        return [((), f"got {shown(answer)}; it should be {{text: your notes}}")]
    found: Found = []
    for key in answer:
        if key not in ("text", "rubric"):
            found.append(((key,), f"'{key}' is not part of discussion notes; use text"))
    if answer.get("rubric", {}) not in ({}, None):
        found.append((("rubric",), "discussion notes have no self-assessment points"))
    return found


def points_html(spec: Discussion) -> str:
    """The points a good answer touches, as a list."""
    return "<ul>" + "".join(f"<li>{inline(p)}</li>" for p in spec.points) + "</ul>"


def evaluate(spec: Discussion, answer: Any) -> Result:
    """Complete once anything is written; the feedback then shows the points to compare with."""
    answer = as_plain(answer)
    found = answer_problems(spec, answer)
    if found:
        return invalid(f"Your notes could not be read: {found[0][1]}.")
    count = words(answer["text"])
    if count == 0:
        return invalid("Write your notes in the box, then press Save. Or press 'Show the points' to read them first.")
    fb = Feedback()
    fb.text(f"Your notes are saved ({count} words). Compare them with the points a good answer touches:")
    fb.html(points_html(spec))
    fb.text("A good answer need not touch every point, and may make others the course has not listed.")
    return fb.result(1, 1, verdict="Saved: compare your notes with the points below.")


def describe_answer(spec: Discussion) -> str:
    """The points a good answer touches."""
    return "<p><strong>Points a good answer touches</strong> (there is no single right answer):</p>" + points_html(spec)
