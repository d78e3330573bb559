"""An exercise as a static question: what a page shows before its script makes the exercise live,
when scripts are off, and on paper.

Shown: what the learner chooses from (options, items, categories, events to rate, the first step of a
decision, the points a reflection is read for). Never shown here: the reference answer, feedback of
any kind, hints, notes on rated events, consequences of decisions. Each type's record draws its own
question (``static``, in ``course.exercises.types``); author text goes through the exercise engine's
Markdown sanitizer.
"""

from __future__ import annotations

from ...exercises.types import AnySpec, type_of


def question_html(spec: AnySpec) -> str:
    """The static question of one validated spec (its title and prompt are shown by the page)."""
    return type_of(spec).static(spec)
