"""What the engine knows about one exercise type, in one record (``ExerciseType``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..hashed import AnswerHash
from ..scoring import Scoring
from ..spec import Common
from ..widgets import ExerciseView


@dataclass(frozen=True)
class ExerciseType:
    """One exercise type: the ``type:`` name in a spec file and everything that goes with it.

    - ``model``: the spec model (pydantic) a file of this type is validated with;
    - ``scoring``: its pure functions (``spec_problems``, ``answer_problems``, ``evaluate``, ``describe_answer``);
    - ``view``: the widget class that shows it in a notebook;
    - ``static``: the question as static HTML, what a page shows before its script makes the exercise
      live, when scripts are off, and on paper (never the answer, feedback or hints);
    - ``minutes``: the reading-time model's minutes for one exercise of this type, from its spec
      (``course.authoring.reading_time``: the times the course states come from it);
    - ``answer_hash``: how a student release keeps the reference answer as salted hashes; None when it
      keeps none (a rating's answer comes from data/vignette/events.yaml; a reflection has only an example);
    - ``counted``: whether the exercise counts towards completion (progress overview, class view,
      gradebook); False for optional notes, which a group replaces by talking.
    """

    name: str
    model: type[Common]
    scoring: Scoring
    view: type[ExerciseView]
    static: Callable[[Any], str]
    minutes: Callable[[Any], float]
    answer_hash: AnswerHash | None = None
    counted: bool = True
