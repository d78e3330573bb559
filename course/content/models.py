"""Typed models of the course content in ``data/`` (see data/README.md for every field)."""

from __future__ import annotations

import re
from typing import Literal, Optional, Union

from pydantic import ConfigDict, Field

from .strict import Strict

ID_PATTERN = r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$"
NOTEBOOK_ID_PATTERN = r"^\d\d_[a-z0-9_]+$"

Weekday = Literal["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WEEKDAYS: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SESSION_DAYS: tuple[str, ...] = ("Monday", "Wednesday")

PHASE_IDS: tuple[str, ...] = (
    "before-therapy",
    "idealization",
    "request-and-refusal",
    "hurt-and-acting-out",
    "enactment",
    "supervision",
    "naming-and-repair",
    "working-through",
)
PhaseId = Literal[
    "before-therapy",
    "idealization",
    "request-and-refusal",
    "hurt-and-acting-out",
    "enactment",
    "supervision",
    "naming-and-repair",
    "working-through",
]
BoundaryDimension = Literal[
    "role",
    "time",
    "place",
    "money",
    "gifts",
    "clothing",
    "language",
    "self-disclosure",
    "physical-contact",
]
Topic = Literal[
    "multiple-relationships",
    "exploitation",
    "sexual-relationships",
    "former-clients",
    "fees",
    "termination",
    "trainee-status",
    "supervision",
    "social-media",
    "decision-making",
    "teaching-privacy",
    "boundaries",
]
Rating = Field(ge=-3, le=3)
# Where an event of the case comes from: the source article, or the course's own addition.
Source = Literal["article", "course"]
ADDED_BY_COURSE = "added by the course"
DIMENSIONS: tuple[str, ...] = ("transference", "alliance", "stance")


class ContentModel(Strict):
    """Base for content models: read once and shared, so frozen; text is trimmed."""

    model_config = ConfigDict(str_strip_whitespace=True, frozen=True)


# --- course map --------------------------------------------------------------------------


class Objective(ContentModel):
    id: str = Field(pattern=ID_PATTERN)
    text: str = Field(min_length=10)


class NotebookInfo(ContentModel):
    id: str = Field(pattern=NOTEBOOK_ID_PATTERN)
    title: str = Field(min_length=3)
    minutes: int = Field(ge=5, le=240)
    summary: str = Field(min_length=10)
    content_note: Optional[str] = None
    objectives: list[Objective] = Field(min_length=3, max_length=5)
    references: list[str] = Field(default_factory=list)

    @property
    def filename(self) -> str:
        return f"{self.id}.ipynb"


class CourseMap(ContentModel):
    title: str = "Boundaries, transference and repair"
    notebooks: list[NotebookInfo] = Field(min_length=1)


# --- vignette ----------------------------------------------------------------------------


class Character(ContentModel):
    id: str = Field(pattern=ID_PATTERN)
    name: str
    role: str
    description: str


class Characters(ContentModel):
    characters: list[Character] = Field(min_length=1)


class Phase(ContentModel):
    id: PhaseId
    title: str
    summary: str


class Phases(ContentModel):
    phases: list[Phase] = Field(min_length=1)


class When(ContentModel):
    week: int = Field(ge=-104, le=520)
    day: Weekday
    session: Optional[int] = Field(default=None, ge=1)

    @property
    def in_session(self) -> bool:
        return self.session is not None

    @property
    def day_index(self) -> int:
        return WEEKDAYS.index(self.day)

    @property
    def day_number(self) -> int:
        """Days since the Monday of week 1 (negative before therapy)."""
        return (self.week - 1) * 7 + self.day_index

    def label(self) -> str:
        where = f"session {self.session}" if self.session else "between sessions"
        return f"week {self.week}, {self.day}, {where}"


class Ratings(ContentModel):
    """Teaching ratings, not measurements: -3 .. +3."""

    transference: int = Rating
    alliance: int = Rating
    stance: int = Rating


class Variant(ContentModel):
    """One version of a conditional scene, shown when its condition on earlier choices holds.

    ``when`` maps exercise ids to the choice id(s) that lead here (course/exercises/conditions.py).
    ``default: true`` marks the story's own path, shown when no condition holds: it is told by the
    event's own title and text. Every other variant is a path the story did not take, the course's
    invention, and brings its own ``text`` (and, if it likes, ``title``).
    """

    id: str = Field(pattern=ID_PATTERN)
    when: Optional[dict[str, Union[str, list[str]]]] = None
    default: bool = False
    label: str = Field(min_length=3, max_length=80)
    summary: str = Field(min_length=20, max_length=400)
    title: Optional[str] = Field(default=None, min_length=3, max_length=60)
    text: Optional[str] = Field(default=None, min_length=20)


class Event(ContentModel):
    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=3, max_length=60)
    key: bool = False
    when: When
    actors: list[str] = Field(min_length=1)
    phase: PhaseId
    source: Source
    text: str = Field(min_length=20)
    ratings: Optional[Ratings] = None
    boundaries: list[BoundaryDimension] = Field(default_factory=list)
    codes: list[str] = Field(default_factory=list)
    questions: list[str] = Field(min_length=1, max_length=2)
    # A conditional scene: the card shows the variant the learner's earlier choices lead to (data/README.md).
    variants: list[Variant] = Field(default_factory=list)

    def rating(self, dimension: str) -> int | None:
        return getattr(self.ratings, dimension) if self.ratings else None

    @property
    def added_by_course(self) -> bool:
        """True for a scene the course added to the article's story."""
        return self.source == "course"

    @property
    def source_note(self) -> str:
        """The marker learners see for a scene the course added ("added by the course"), else ''."""
        return ADDED_BY_COURSE if self.added_by_course else ""


class Vignette(ContentModel):
    notice: str = Field(min_length=20)
    events: list[Event] = Field(min_length=1)


class HeldFrameRating(ContentModel):
    event: str
    transference: int = Rating
    alliance: int = Rating
    stance: int = Rating


class HeldFrame(ContentModel):
    title: str
    description: str
    diverges_at: str
    ratings: list[HeldFrameRating] = Field(min_length=1)


# --- codes, glossary, references ---------------------------------------------------------


class CodeSection(ContentModel):
    id: str = Field(pattern=ID_PATTERN)
    section: str
    title: str
    topics: list[Topic] = Field(min_length=1)
    paraphrase: str = Field(min_length=20)
    relevance: str = Field(min_length=20)
    verify: Optional[str] = None
    # filled from the file header by the loader
    body: str = ""
    edition: str = ""
    profession: str = ""
    citation: str = ""

    @property
    def label(self) -> str:
        """How the course cites it: body, edition and section."""
        return f"{self.body} ({self.edition}) {self.section}"


class CodeFile(ContentModel):
    body: str
    full_name: str
    edition: str
    profession: str
    citation: str
    sections: list[CodeSection] = Field(min_length=1)


class Term(ContentModel):
    id: str = Field(pattern=ID_PATTERN)
    # letters, digits, spaces, hyphens and apostrophes only, so the glossary anchor works as a link
    term: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9 '’-]*$")
    definition: str = Field(min_length=20)
    cite: list[str] = Field(default_factory=list)
    see_also: list[str] = Field(default_factory=list)
    notebooks: list[str] = Field(default_factory=list)

    @property
    def anchor(self) -> str:
        """JupyterLab's anchor for the term's heading in glossary.ipynb."""
        return re.sub(r"\s+", "-", self.term.strip())


class Glossary(ContentModel):
    terms: list[Term] = Field(min_length=1)


class Reference(ContentModel):
    key: str = Field(pattern=ID_PATTERN)
    authors: str
    year: int | str
    title: str
    source: str = ""
    note: Optional[str] = None
    # what is still to be checked against the original; instructors only, never in a reference list
    verify: Optional[str] = None

    def formatted(self) -> str:
        """An APA-like reference line (Markdown)."""
        tail = f" {self.source}." if self.source else ""
        note = f" {self.note}" if self.note else ""
        return f"{self.authors} ({self.year}). *{self.title}*.{tail}{note}"

    @property
    def first_author_surname(self) -> str:
        return self.surnames[0]

    @property
    def surnames(self) -> list[str]:
        """Authors' surnames in order ("Gutheil, T. G., & Gabbard, G. O." -> Gutheil, Gabbard)."""
        parts = [p.strip() for p in self.authors.replace("&", ",").split(",")]
        names = [p for p in parts if p and not re.fullmatch(r"(?:[A-Z][a-z]?\.\s?-?)+", p)]
        return names or [self.authors.strip()]

    @property
    def author_year(self) -> str:
        """An in-text citation: "Gutheil & Gabbard (1993)", "Safran et al. (2011)"."""
        names = self.surnames
        who = names[0] if len(names) == 1 else " & ".join(names) if len(names) == 2 else f"{names[0]} et al."
        return f"{who} ({self.year})"


class References(ContentModel):
    references: list[Reference] = Field(min_length=1)
