"""Everything ``course validate`` checks, collected in one list of problems."""

from __future__ import annotations

from pathlib import Path

from ..content.loader import read_content
from ..displays.worksheets import gottlieb_problems
from ..exercises.checks import check_exercises
from ..paths import data_dir
from ..problems import Problem


def validate_all(root: Path | None = None) -> list[Problem]:
    """Check the content folder: data files, then exercises. Never raises for bad content."""
    root = Path(root) if root is not None else data_dir()
    if not root.is_dir():
        return [Problem(str(root), None, "", "is not a folder; give the path of a content folder such as data/")]
    content, problems = read_content(root)
    if content is not None:
        problems += check_exercises(content, root / "exercises")
        worksheet = root / "worksheets" / "gottlieb.yaml"
        if worksheet.exists():
            problems += gottlieb_problems(worksheet)
    return problems
