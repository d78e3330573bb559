"""The one base of every pydantic model in the course (unknown keys are an error, never ignored), and
the text field types the models share."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict


class Strict(BaseModel):
    """No unknown keys: a misspelt field is reported, never ignored."""

    model_config = ConfigDict(extra="forbid")


def not_blank(value: str) -> str:
    """The text as written; an error when it holds nothing but spaces."""
    if not value.strip():
        raise ValueError("is empty; write some text here")
    return value


Text = Annotated[str, AfterValidator(not_blank)]
"""Text that must not be blank, kept as written."""

TrimmedText = Annotated[Text, AfterValidator(str.strip)]
"""Text that must not be blank, without surrounding spaces."""
