"""Reflection: a journal entry; formative feedback on length and on the self-assessment rubric."""

from __future__ import annotations

from typing import Any

from ...safe_html import esc, inline
from ..result import Feedback, Result, invalid
from ..spec import Reflection, as_plain
from .common import Found, listing, shown, unique_ids


def words(text: str) -> int:
    """Number of words in ``text``."""
    return len(text.split())


def spec_problems(spec: Reflection) -> Found:
    """Repeated rubric ids."""
    return unique_ids(spec.rubric, "rubric")


def answer_problems(spec: Reflection, answer: Any) -> Found:
    """``answer`` is ``{text: ..., rubric: {rubric id: true/false}}``."""
    answer = as_plain(answer)
    if not isinstance(answer, dict) or not isinstance(answer.get("text"), str):
        return [((), f"got {shown(answer)}; it should be {{text: your reflection, rubric: {{id: true}}}}")]
    ids = [r.id for r in spec.rubric]
    found: Found = []
    for key in answer:
        if key not in ("text", "rubric"):
            found.append(((key,), f"'{key}' is not part of a reflection answer; use text and rubric"))
    rubric = answer.get("rubric", {})
    if not isinstance(rubric, dict):
        return found + [(("rubric",), f"got {shown(rubric)}; it should map rubric ids to true or false")]
    for key, value in rubric.items():
        if key not in ids:
            found.append((("rubric", key), f"'{key}' is not a rubric id; use: {listing(ids) or '(none)'}"))
        elif not isinstance(value, bool):
            found.append((("rubric", key), f"got {shown(value)}; it should be true or false"))
    return found


def evaluate(spec: Reflection, answer: Any) -> Result:
    """Full marks once the word count is reached; the rubric prompts further thought."""
    answer = as_plain(answer)
    found = answer_problems(spec, answer)
    if found:
        return invalid(f"Your reflection could not be read: {found[0][1]}.")
    count = words(answer["text"])
    if count == 0:
        return invalid("Write your reflection in the box, then press Save.")
    fb = Feedback()
    if count >= spec.min_words:
        fb.text(f"You wrote {count} words. That reaches the suggested length of {spec.min_words} words.")
    else:
        fb.text(
            f"You wrote {count} words. Aim for at least {spec.min_words} words: say what you noticed, "
            "what you felt, and what you would do."
        )
    ticked = answer.get("rubric", {})
    if spec.rubric:
        open_points = [r for r in spec.rubric if not ticked.get(r.id)]
        fb.text(f"You ticked {len(spec.rubric) - len(open_points)} of {len(spec.rubric)} self-assessment points.")
        if open_points:
            rows = "".join(f"<li>{inline(r.text)}</li>" for r in open_points)
            fb.html(f"<p>Points you could still work on:</p><ul>{rows}</ul>")
    score = 1 if count >= spec.min_words else 0
    return fb.result(
        score,
        1,
        verdict="Done: your reflection reaches the suggested length."
        if score
        else "A start: keep writing when you are ready.",
    )


def describe_answer(spec: Reflection) -> str:
    """An example reflection, clearly labelled as one possible answer."""
    return (
        f"<p><strong>One possible reflection</strong> (there is no single right answer):</p>"
        f"<blockquote><p>{esc(spec.answer.text)}</p></blockquote>"
    )
