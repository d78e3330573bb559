"""The one base of every pydantic model in the course: unknown keys are an error, never ignored."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """No unknown keys: a misspelt field is reported, never ignored."""

    model_config = ConfigDict(extra="forbid")
