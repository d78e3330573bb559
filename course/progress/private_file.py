"""The progress file on disk: private creation and moving a damaged file aside."""

from __future__ import annotations

import os
import time
from pathlib import Path

from .errors import ProgressStoreError

SIDE_FILES = ("-wal", "-shm", "-journal")
SQLITE_MAGIC = b"SQLite format 3\x00"


def prepare(path: Path) -> None:
    """Make the folder, and create the file readable by its owner only (mode 0600) if missing.

    Raises ``ProgressStoreError`` when the folder cannot be made or written to.
    """
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ProgressStoreError(
            f"Cannot create the folder {folder} for your progress file ({exc.strerror or exc}). "
            "Set the COURSE_PROGRESS environment variable to a file in a folder you can write to."
        ) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ProgressStoreError(
            f"Cannot write to the folder {folder}, which holds your progress file {path.name}. "
            "Set the COURSE_PROGRESS environment variable to a file in a folder you can write to."
        )
    if not path.exists() and not path.is_symlink():
        try:
            os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
        except OSError as exc:
            raise ProgressStoreError(f"Cannot create your progress file {path} ({exc.strerror or exc}).") from None
    make_private(path)


def make_private(path: Path) -> None:
    """chmod 0600 the store and its side files (best effort: a file we do not own is left)."""
    for candidate in (path, *(Path(f"{path}{s}") for s in SIDE_FILES)):
        try:
            if candidate.is_file():
                os.chmod(candidate, 0o600)
        except OSError:
            pass


def unreadable_reason(path: Path) -> str | None:
    """Why the existing file cannot be a store, found before SQLite touches it (or its -wal), or None."""
    if path.is_dir():
        return "it is a folder, not a file"
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        return "permission denied: you cannot read and write it"
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
            size = os.fstat(fh.fileno()).st_size
    except PermissionError:
        return "permission denied: you cannot read it"
    except OSError as exc:
        return f"it cannot be opened: {exc.strerror or exc}"
    if size == 0:
        return None  # new, empty: SQLite makes it a database
    if head != SQLITE_MAGIC[: len(head)]:
        return "its contents are not an SQLite database"
    if size < 512:
        return f"it is damaged: only {size} bytes long, as after a truncated copy"
    return None


def identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the file, to notice that another process replaced it; None if missing."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def move_aside(path: Path, expected: tuple[int, int] | None = None) -> Path | None:
    """Rename the damaged store (and its -wal/-shm files) to ``<name>.corrupt-<timestamp>``; never delete.

    Returns the new path of the main file, or None when the file is no longer the one found damaged
    (``expected`` identity differs: another process already moved it aside). Raises
    ``ProgressStoreError`` if it cannot be moved.
    """
    if expected is not None and identity(path) != expected:
        return None
    stamp = time.strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists() or any(Path(f"{target}{s}").exists() for s in SIDE_FILES):
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    try:
        os.replace(path, target)
        for suffix in SIDE_FILES:
            side = Path(f"{path}{suffix}")
            if side.exists():
                os.replace(side, Path(f"{target}{suffix}"))
    except OSError as exc:
        raise ProgressStoreError(
            f"Your progress file {path} is damaged and could not be moved aside "
            f"({exc.strerror or exc}). Move or rename it yourself, then restart the kernel."
        ) from None
    return target
