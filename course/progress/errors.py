"""Errors and notices raised or kept by the progress store."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .salvage import Salvage


class ProgressStoreError(Exception):
    """The progress store cannot be used, and nothing could be done about it automatically.

    The message names the file or folder and says what the learner can do.
    """


class StoreRecovered(UserWarning):
    """A damaged or unreadable progress file was moved aside and a fresh store started.

    The UI shows ``str(notice)``; ``path`` is the store, ``moved_to`` the kept old file, ``reason`` what
    was wrong with it, ``salvage`` what was read back from it into the fresh store (None when the old
    file was not a progress file at all, such as a folder or another program's database).
    """

    def __init__(self, path: Path, moved_to: Path, reason: str, salvage: Salvage | None = None) -> None:
        self.path = Path(path)
        self.moved_to = Path(moved_to)
        self.reason = reason
        self.salvage = salvage
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """One paragraph for the learner: what happened, where the old file is, what to do."""
        said = (
            f"Your progress file {self.path} could not be used: {self.reason}. "
            f"It was kept, unchanged, as {self.moved_to}, and a fresh progress file was started in its place."
        )
        if self.salvage is None:
            return f"{said} Earlier answers are not shown; ask your instructor if you need the old file looked at."
        return f"{said} {self.salvage.describe()} 'course recover {self.moved_to}' reads the old file again."

    def __str__(self) -> str:
        return self.message
