"""Problems found in course content, reported as ``file:line: field: message`` (for a notebook,
``file: cell N: field: message``)."""

from __future__ import annotations

from dataclasses import dataclass

#: The command every message names for checking the content: ``make validate`` works in any shell in the
#: course folder, ``course validate`` in JupyterLab's terminals (and wherever the course's .venv/bin is on PATH).
VALIDATE_COMMAND = "make validate"
VALIDATE_ALSO = "course validate"
VALIDATE_HINT = f"'{VALIDATE_COMMAND}' (or '{VALIDATE_ALSO}')"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a content file, in words an instructor can act on."""

    file: str
    line: int | None
    field: str
    message: str
    cell: int | None = None  # a notebook's cell, counted from 1 as they appear (``line`` is then None)

    def __str__(self) -> str:
        where = f": cell {self.cell}" if self.cell is not None else f":{self.line if self.line is not None else '?'}"
        field = self.field or "(file)"
        message = " ".join(self.message.split())  # one problem, one line
        return _printable(f"{self.file}{where}: {' '.join(field.split())}: {message}")


def _printable(text: str) -> str:
    """The text with any lone surrogate (from a damaged file) written as an escape, so it can be printed."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


class ContentError(Exception):
    """Raised when content cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
