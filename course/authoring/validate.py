"""Everything ``course validate`` checks, collected in one list of problems (and a few warnings)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..content.gottlieb import gottlieb_problems
from ..content.links import link_problems
from ..content.loader import Content, read_content
from ..exercises.checks import ExerciseCheck, checked_exercises
from ..exercises.spec import EXAMPLES
from ..judgement.forms import judgement_problems
from ..paths import data_dir, display_path
from ..problems import Problem
from .conditions_check import condition_problems
from .notebook_calls import Known, check_notebooks
from .plain_answers import accepted_answer_texts
from .reading_time import minutes_problems


@dataclass
class Report:
    """What ``course validate`` found: problems (the content cannot be used as it is) and warnings."""

    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    texts_in_release: list[Problem] = field(default_factory=list)  # see ``plain_answers``


def validate_all(root: Path | None = None) -> list[Problem]:
    """The problems in the content folder ``root`` (default: the course's data/). Never raises for bad content."""
    return validate(root).problems


def validate(root: Path | None = None) -> Report:
    """Check the content folder: data files, then exercises, the worksheet and the case-judgement test's
    forms, and the links in all of them; then the notebooks beside it (``notebooks/``, when there is one): the ids they pass to
    ``course``, and the minutes data/course.yaml states for each."""
    root = Path(root) if root is not None else data_dir()
    report = Report()
    if not root.is_dir():
        report.problems.append(
            Problem(str(root), None, "", "is not a folder; give the path of a content folder such as data/")
        )
        return report
    content, problems = read_content(root)
    report.problems += problems
    if content is None:
        return report
    for doc in content.docs.values():
        report.problems += link_problems(doc)
    exercises = checked_exercises(content, root / "exercises")
    report.problems += exercises.problems
    report.problems += condition_problems(content, exercises)
    report.texts_in_release = accepted_answer_texts(exercises.docs)
    worksheet = root / "worksheets" / "gottlieb.yaml"
    if worksheet.exists():
        report.problems += gottlieb_problems(worksheet)
    report.problems += judgement_problems(root, content)
    notebooks = root.parent / "notebooks"
    if notebooks.is_dir():
        _check_notebooks(notebooks, content, exercises, report)
    return report


def _check_notebooks(folder: Path, content: Content, exercises: ExerciseCheck, report: Report) -> None:
    """The notebooks' calls; then, when nothing else is wrong (the model needs every spec), their minutes."""
    known = Known(exercises.types, [e.id for e in content.events], unreadable=exercises.unreadable)
    check = check_notebooks(folder, known)
    report.problems += check.problems
    if not report.problems:
        report.problems += minutes_problems(content, check.cells, exercises.specs)
    for ex_id, doc in exercises.docs.items():
        notebook = str(doc.data.get("notebook"))
        if ex_id not in check.shown and notebook != EXAMPLES:
            report.warnings.append(
                doc.problem(
                    ("id",),
                    f"no notebook shows this exercise, so learners never meet it; add a code cell "
                    f'course.exercise("{ex_id}") to {display_path(folder / f"{notebook}.ipynb")} (or, if it is only an example, '
                    f"move the file to data/exercises/{EXAMPLES}/ and set notebook: {EXAMPLES})",
                )
            )
