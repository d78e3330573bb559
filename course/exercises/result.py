"""The outcome of checking one answer, and a small builder for feedback HTML."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..safe_html import esc, markdown, plain_text


@dataclass(frozen=True)
class Result:
    """Score and feedback for one answer.

    ``valid`` is false when the answer could not be scored (wrong shape, nothing chosen yet); such
    answers are not counted as attempts.
    """

    score: float
    max_score: float
    correct: bool
    feedback_html: str
    feedback_text: str
    valid: bool = True


@dataclass
class Feedback:
    """Collects HTML fragments (author Markdown rendered and sanitized, engine text escaped)."""

    parts: list[str] = field(default_factory=list)

    def md(self, text: str) -> None:
        """Add author Markdown as a block."""
        if str(text or "").strip():
            self.parts.append(markdown(text))

    def text(self, text: str) -> None:
        """Add engine text (escaped) as a paragraph."""
        self.parts.append(f"<p>{esc(text)}</p>")

    def html(self, fragment: str) -> None:
        """Add a fragment already built from sanitized or escaped pieces."""
        self.parts.append(fragment)

    def result(
        self, score: float, max_score: float, *, correct: bool | None = None, verdict: str | None = None
    ) -> Result:
        """A scored Result with a one-line verdict on top (``verdict`` replaces the default words)."""
        full = score >= max_score > 0 if correct is None else correct
        if full:
            kind, label = "cx-ok", "Correct."
        elif score > 0:
            kind, label = "cx-partial", f"Partly right: {_num(score)} of {_num(max_score)}."
        else:
            kind, label = "cx-wrong", "Not quite."
        head = f'<p class="cx-verdict"><strong>{esc(verdict if verdict else label)}</strong></p>'
        return _wrap(kind, head + "".join(self.parts), score, max_score, full, valid=True)


def invalid(message: str, max_score: float = 1) -> Result:
    """A Result for an answer that cannot be scored: says what is wrong and what would be right."""
    body = f'<p class="cx-verdict"><strong>Not checked yet.</strong> {esc(message)}</p>'
    return _wrap("cx-note", body, 0, max_score, False, valid=False)


def _wrap(kind: str, body: str, score: float, max_score: float, correct: bool, *, valid: bool) -> Result:
    html = f'<div class="cx-feedback {kind}" role="status" aria-live="polite">{body}</div>'
    return Result(score, max_score, correct, html, plain_text(html), valid)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
