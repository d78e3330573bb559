"""Reflection: a private journal entry with an optional self-assessment rubric.

A student release keeps no answer for it: the example reflection stays in the instructor's copy.
"""

from __future__ import annotations

from ...safe_html import inline
from ..scoring import reflection as scoring
from ..spec import Reflection
from ..widgets.reflection import ReflectionView
from .record import ExerciseType
from .static import choice_list


def static_html(spec: Reflection) -> str:
    """The suggested length and the points the reflection is read for."""
    out = f"<p><strong>Write at least {spec.min_words} words.</strong></p>"
    if spec.rubric:
        out += "<p>Your reflection is read for whether it:</p>" + choice_list([inline(r.text) for r in spec.rubric])
    return out


# The reading-time model: five minutes to think, plus writing the suggested length at 15 words a minute.
THINKING_MINUTES, WRITING_WORDS_PER_MINUTE = 5, 15


TYPE = ExerciseType(
    name="reflection",
    model=Reflection,
    scoring=scoring,
    view=ReflectionView,
    static=static_html,
    minutes=lambda spec: THINKING_MINUTES + spec.min_words / WRITING_WORDS_PER_MINUTE,
)
