"""Answers experts would also accept (``also_accept``): full credit, and feedback that says so.

Where experts disagree, an exercise lists further answers next to its recommended ``answer``. Such an
answer scores full marks; the feedback calls it accepted and shows the recommended answer beside it, so a
learner sees both the credit and the course's own view.
"""

from __future__ import annotations

from typing import Any

ACCEPTED = "Accepted, with full credit."
ALSO_ACCEPTED = "Also accepted"


def note(recommended_html: str) -> str:
    """The paragraph under an accepted answer, with the recommended answer shown beside it."""
    return (
        "<div class='cx-accepted'><p>Experts disagree here, and the course accepts your answer. "
        f"The course's recommended answer:</p>{recommended_html}</div>"
    )


def is_alternative(answer: Any, alternatives: list[Any]) -> bool:
    """True when ``answer`` is one of the accepted alternatives (lists compared in order)."""
    return any(list(answer) == list(alt) if isinstance(alt, list) else answer == alt for alt in alternatives)


def same_selection(answer: Any, alternatives: list[list[str]]) -> bool:
    """True when the set of ticked ids equals one accepted alternative selection."""
    return any(set(answer) == set(alt) for alt in alternatives)
