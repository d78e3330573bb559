"""The test's forms and sittings by name (standard library only, so exports and summaries import it cheaply)."""

from __future__ import annotations

FORMS: tuple[str, ...] = ("A", "B")
SITTINGS: tuple[str, ...] = ("before", "after")
