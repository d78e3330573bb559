"""The case-judgement test's forms (data/judgement/form-a.yaml, form-b.yaml) as typed models.

Two parallel forms, A and B, of short new vignettes (not Jane and Susan), each item with one best
response (``key``), defensible alternatives and a reason for every option. A student release keeps the
vignettes and options and drops ``key``, ``defensible``, ``reasons`` and ``verify`` (``released``); such a
form says so in ``release`` and can be taken but not scored. See data/judgement/README.md.
"""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from ..content.models import ID_PATTERN, ContentModel
from ..content.strict import Strict, TrimmedText
from .names import FORMS, SITTINGS  # noqa: F401  (re-exported)

OBJECTIVES: tuple[str, ...] = (
    "crossing-or-violation",
    "what-the-codes-require",
    "noticing-transference",
    "when-to-consult",
    "repair",
)
Objective = Literal[
    "crossing-or-violation", "what-the-codes-require", "noticing-transference", "when-to-consult", "repair"
]
FormName = Literal["A", "B"]
FOLDER = "judgement"
MIN_ITEMS = 10


def form_file(form: str) -> str:
    """The file name of a form: ``form-a.yaml`` for A."""
    return f"form-{form.lower()}.yaml"


class JudgementRefs(ContentModel):
    """Ids an item rests on: code sections (data/codes/), glossary terms, references."""

    codes: list[str] = Field(default_factory=list)
    terms: list[str] = Field(default_factory=list)
    references: list[str] = Field(default_factory=list)


class ItemOption(ContentModel):
    id: str = Field(pattern=ID_PATTERN)
    text: TrimmedText


class Item(ContentModel):
    """One situational-judgement item. ``key``, ``defensible`` and ``reasons`` are absent in a release."""

    id: str = Field(pattern=ID_PATTERN)
    objective: Objective
    pair: str = Field(pattern=ID_PATTERN)
    vignette: TrimmedText
    question: TrimmedText
    options: list[ItemOption] = Field(min_length=3, max_length=6)
    key: Optional[str] = None
    defensible: list[str] = Field(default_factory=list)
    reasons: Optional[dict[str, TrimmedText]] = None
    refs: JudgementRefs = Field(default_factory=JudgementRefs)
    verify: Optional[str] = None  # instructors only: what is still to be checked

    def option(self, option_id: str) -> ItemOption | None:
        """The option with this id, or None."""
        return next((o for o in self.options if o.id == option_id), None)

    @property
    def option_ids(self) -> list[str]:
        return [o.id for o in self.options]


class ReleaseNote(Strict):
    """Written by ``course release``: the keys and reasons were left out of this copy."""

    keys: Literal["removed"]


class Form(ContentModel):
    """One form of the test."""

    form: FormName
    title: TrimmedText
    intro: TrimmedText
    items: list[Item] = Field(min_length=1)
    release: Optional[ReleaseNote] = None

    @property
    def scorable(self) -> bool:
        """True when this copy holds the keys (the instructor's copy, or self-study from the repository)."""
        return self.release is None and all(item.key is not None for item in self.items)

    def item(self, item_id: str) -> Item | None:
        """The item with this id, or None."""
        return next((i for i in self.items if i.id == item_id), None)
