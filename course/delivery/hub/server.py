"""Start one user's JupyterLab on the seminar hub, after giving them their own copy of the course.

The hub runs ``python -m course.delivery.hub.server <jupyterhub-singleuser arguments>`` as the user.
Notebooks go into ``~/jane-susan-course/``: learners get the learner copies (no instructor or
solution cells); instructors get the full notebooks and the class view. A notebook the user already
has is never overwritten, so their own edits survive a restart and a course update.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ...paths import notebooks_dir
from ..audience import for_delivery
from ..learner_copy import course_notebooks, is_instructor_notebook, learner_copy

FOLDER = "jane-susan-course"
INSTRUCTOR_NOTEBOOKS = "instructor"


def _write_new(target: Path, text: str) -> bool:
    """Write ``text`` to a file that must not exist yet (no links followed); False when it exists."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    return True


def provide_notebooks(home: Path, instructor: bool) -> list[str]:
    """Copy the course's notebooks into ``home/jane-susan-course``; returns the names written."""
    import nbformat

    target = Path(home) / FOLDER
    target.mkdir(mode=0o755, exist_ok=True)
    sources = course_notebooks()
    if instructor:
        sources += course_notebooks(notebooks_dir() / INSTRUCTOR_NOTEBOOKS)
    written = []
    for path in sources:
        nb = nbformat.read(str(path), as_version=4)
        if is_instructor_notebook(nb) and not instructor:
            continue
        copy = nb if instructor else for_delivery(learner_copy(nb), "hub")
        if _write_new(target / path.name, nbformat.writes(copy)):
            written.append(path.name)
    return written


def main(argv: list[str] | None = None) -> None:
    """Provide the notebooks, then become jupyterhub-singleuser with the hub's arguments."""
    args = sys.argv[1:] if argv is None else argv
    instructor = os.environ.get("COURSE_HUB_ROLE") == "instructor"
    try:
        provide_notebooks(Path.home(), instructor)
    except OSError as exc:  # the server still starts; the learner sees their home as it is
        print(f"course: could not copy the course notebooks into your home ({exc})", file=sys.stderr)
    os.chdir(Path.home())
    server = Path(sys.executable).with_name("jupyterhub-singleuser")
    os.execv(str(server), [str(server), *args])


if __name__ == "__main__":
    main()
