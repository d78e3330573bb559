"""Typed models of exercise specs (one YAML file per exercise; see data/exercises/README.md).

``Common`` holds the fields every exercise has; each built-in type adds its own fields in a model
here, with ``extra="forbid"`` (``Strict``). Which model goes with which ``type`` is said once, in the
type's record (``course.exercises.types``), so a file is validated with the one model its ``type``
names (error lines then point at the field, not at a union).
"""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Literal, Optional, Union

from pydantic import AfterValidator, BaseModel, Field

from ..content.strict import Strict, Text

ID_PATTERN = r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$"
EXAMPLES = "examples"
DIMENSION_SCALES: dict[str, str] = {
    "transference": "−3 negative … 0 neutral … +3 idealizing",
    "alliance": "−3 ruptured … +3 strong",
    "stance": "−3 too distant … 0 balanced … +3 too close",
}


Id = Annotated[str, Field(pattern=ID_PATTERN)]


def _at_least_two_fixtures(value: list) -> list:
    if len(value) < 2:
        raise ValueError(
            f"has {len(value)} fixture(s); write at least 2 wrong answers, each with the feedback text it must produce"
        )
    return value


class Reveal(Strict):
    """When the reference answer is shown: after N checked attempts, and/or when the learner asks."""

    after_attempts: Optional[int] = Field(default=3, ge=1, le=50)
    on_request: bool = True


class Refs(Strict):
    """What the exercise is about: event ids, code section ids and glossary term ids."""

    events: list[str] = Field(default_factory=list)
    codes: list[str] = Field(default_factory=list)
    terms: list[str] = Field(default_factory=list)


class Common(Strict):
    """Fields every exercise has."""

    id: Id
    title: Text = Field(max_length=100)
    notebook: Text
    objective: Optional[str] = None
    prompt: Text
    hints: list[Text] = Field(default_factory=list)
    reveal: Reveal = Field(default_factory=Reveal)
    refs: Refs = Field(default_factory=Refs)
    # Shown again in the Review notebook, scheduled by FSRS (course/review/). Not part of the content hash:
    # marking an exercise for review does not change what the learner answers.
    review: bool = False


# --- single-choice and multiple-select ----------------------------------------------------


class Option(Strict):
    id: Id
    text: Text
    feedback: Text


class SingleChoiceFixture(Strict):
    answer: str
    feedback: Text


class SingleChoice(Common):
    type: Literal["single-choice"]
    options: list[Option] = Field(min_length=2)
    answer: str
    # further options experts would also accept: full credit, and the feedback says so
    also_accept: list[str] = Field(default_factory=list)
    fixtures: Annotated[list[SingleChoiceFixture], AfterValidator(_at_least_two_fixtures)]


class MultipleSelectFixture(Strict):
    answer: list[str]
    feedback: Text


class MultipleSelect(Common):
    type: Literal["multiple-select"]
    options: list[Option] = Field(min_length=2)
    answer: list[str]
    also_accept: list[list[str]] = Field(default_factory=list)  # further selections accepted in full
    fixtures: Annotated[list[MultipleSelectFixture], AfterValidator(_at_least_two_fixtures)]


# --- ordering -----------------------------------------------------------------------------


class OrderItem(Strict):
    id: Id
    text: Text
    feedback: Optional[str] = None


class OrderingFixture(Strict):
    answer: list[str]
    feedback: Text


class Ordering(Common):
    type: Literal["ordering"]
    items: list[OrderItem] = Field(min_length=3)
    answer: list[str]
    also_accept: list[list[str]] = Field(default_factory=list)  # further orders accepted in full
    fixtures: Annotated[list[OrderingFixture], AfterValidator(_at_least_two_fixtures)]


# --- categorize ---------------------------------------------------------------------------


class Category(Strict):
    id: Id
    label: Text


class CategorizeItem(Strict):
    id: Id
    text: Text
    feedback: Optional[str] = None


class CategorizeFixture(Strict):
    answer: dict[str, str]
    feedback: Text


class Categorize(Common):
    type: Literal["categorize"]
    categories: list[Category] = Field(min_length=2)
    items: list[CategorizeItem] = Field(min_length=2)
    answer: dict[str, str]
    # per item, further categories experts would also accept (each scores its point)
    also_accept: dict[str, list[str]] = Field(default_factory=dict)
    fixtures: Annotated[list[CategorizeFixture], AfterValidator(_at_least_two_fixtures)]


# --- rating -------------------------------------------------------------------------------


class RatedEvent(Strict):
    event: Id
    label: Optional[str] = None
    note: Optional[str] = None


class RatingFixture(Strict):
    answer: dict[str, int]
    feedback: Text


class Rating(Common):
    type: Literal["rating"]
    dimension: Literal["transference", "alliance", "stance"]
    events: list[RatedEvent] = Field(min_length=2)
    tolerance: int = Field(default=1, ge=0, le=3)
    answer: Optional[dict[str, int]] = None
    fixtures: Annotated[list[RatingFixture], AfterValidator(_at_least_two_fixtures)]


# --- decision -----------------------------------------------------------------------------


class Choice(Strict):
    id: Id
    text: Text
    consequence: Text
    commentary: Text
    next: Text


class NodeVariant(Strict):
    """Another telling of a node's ``text``, shown when the learner's earlier choices match ``when``
    (course/exercises/conditions.py). The ``default: true`` variant is the node's own text."""

    id: Id
    when: Optional[dict[str, Union[str, list[str]]]] = None
    default: bool = False
    text: Optional[Text] = None


class DecisionNode(Strict):
    id: Id
    text: Text
    choices: list[Choice] = Field(min_length=2)
    # Left out of the content hash: a variant changes what a node says, not how a path is scored.
    variants: list[NodeVariant] = Field(default_factory=list, exclude=True)


class DecisionFixture(Strict):
    answer: list[str]
    feedback: Text


class Decision(Common):
    type: Literal["decision"]
    start: Id
    nodes: list[DecisionNode] = Field(min_length=1)
    answer: list[str] = Field(min_length=1)
    also_accept: list[list[str]] = Field(default_factory=list)  # further complete paths accepted in full
    fixtures: Annotated[list[DecisionFixture], AfterValidator(_at_least_two_fixtures)]


# --- reflection ---------------------------------------------------------------------------


class RubricItem(Strict):
    id: Id
    text: Text


class ReflectionAnswer(Strict):
    text: str
    rubric: dict[str, bool] = Field(default_factory=dict)


class ReflectionFixture(Strict):
    answer: ReflectionAnswer
    feedback: Text


class Reflection(Common):
    type: Literal["reflection"]
    min_words: int = Field(default=60, ge=1, le=2000)
    rubric: list[RubricItem] = Field(default_factory=list)
    answer: ReflectionAnswer
    fixtures: Annotated[list[ReflectionFixture], AfterValidator(_at_least_two_fixtures)]


# --- discussion ---------------------------------------------------------------------------


class Discussion(Common):
    """A "For discussion" question with a private notes box and the points a good answer touches.

    There is no wrong answer, so there are no fixtures to write: any note the learner saves is complete,
    and the reference answer is the points themselves (``answer``).
    """

    type: Literal["discussion"]
    points: list[Text] = Field(min_length=2, max_length=8)

    @property
    def answer(self) -> ReflectionAnswer:
        """The reference answer: a note that touches every point."""
        return ReflectionAnswer(text="\n".join(self.points))

    @property
    def fixtures(self) -> list[ReflectionFixture]:
        """None: a discussion has no wrong answers."""
        return []


def as_plain(value: object) -> object:
    """A pydantic model as plain Python (dicts and lists); anything else unchanged."""
    return value.model_dump(mode="json") if isinstance(value, BaseModel) else value


NOT_HASHED = ("review",)  # fields that say how the course uses an exercise, not what the learner answers


def content_hash(spec: BaseModel) -> str:
    """sha256 of the spec as canonical JSON (sorted keys, no spaces): changes whenever what the learner
    answers does (``review`` is left out, so marking an exercise for review keeps earlier answers current)."""
    data = spec.model_dump(mode="json", exclude=set(NOT_HASHED))
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
