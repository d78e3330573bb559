"""The ids a notebook passes to ``course``, checked before a learner meets them.

Every ``course.<function>(...)`` call in a notebook's code cells is read (never run) and each id it
names is looked up: exercise ids in ``data/exercises/``, event ids in ``data/vignette/events.yaml``,
code topics, timeline dimensions. A mistake is reported as ``notebooks/NAME.ipynb: cell N: call: what
is wrong; did you mean ...?``, cells counted from 1 as they appear in the notebook.
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

from ..content.checks import suggest
from ..content.models import Topic
from ..exercises.checks import checked_exercises
from ..exercises.spec import DIMENSION_SCALES
from ..judgement.order import SITTINGS
from ..paths import display_path
from ..problems import Problem

#: What each notebook function takes: (parameter, kind) in order; ``*`` before a name marks a parameter
#: that takes any number of values. Kinds: exercise, rating-exercise, event, topic, dimensions, start,
#: sitting (of the case-judgement test), any. A test keeps the names equal to ``course.__all__``.
TIMELINE_OPTIONS = (
    ("highlight", "event"),
    ("held_frame", "any"),
    ("full_calendar", "any"),
    ("content", "any"),
    ("until", "event"),
)
FUNCTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "check_environment": (),
    "exercise": (("exercise_id", "exercise"),),
    "plot_timeline": (("learner", "any"), ("class_ratings", "any"), ("dimensions", "dimensions"), *TIMELINE_OPTIONS),
    "my_timeline": (("exercise_id", "rating-exercise"), ("class_ratings", "any"), *TIMELINE_OPTIONS),
    "explorer": (("content", "any"), ("start", "start"), ("until", "event"), ("dimensions", "dimensions")),
    "choose_profession": (),
    "compare_codes": (("topic", "topic"),),
    "show_event": (("event_id", "event"),),
    "show_events": (("*event_ids", "event"),),
    "recall_events": (("*event_ids", "event"),),
    "your_path": (("event_id", "event"),),
    "progress_overview": (),
    "gottlieb_worksheet": (),
    "share_with_seminar": (),
    "class_view": (("exchange", "any"),),
    "judgement_test": (("sitting", "sitting"), ("start_over", "any")),
    "judgement_results": (),
    "review_queue": (),
    "reviews_due": (),
    "review_history": (),
}
#: How many values a call may give without a name (``show_events`` takes any number).
POSITIONAL = {
    "judgement_test": 1,
    "exercise": 1,
    "my_timeline": 1,
    "compare_codes": 1,
    "show_event": 1,
    "your_path": 1,
    "class_view": 1,
}
#: Parameters a call must give (the others have defaults).
REQUIRED = {
    "judgement_test": "sitting",
    "exercise": "exercise_id",
    "my_timeline": "exercise_id",
    "compare_codes": "topic",
    "show_event": "event_id",
    "your_path": "event_id",
}
EXAMPLE = {
    "exercise": 'course.exercise("ch01-after-therapy")',
    "my_timeline": 'course.my_timeline("ch03-rate-transference")',
    "compare_codes": 'course.compare_codes("fees")',
    "show_event": 'course.show_event("intake")',
    "judgement_test": 'course.judgement_test("before")',
    "your_path": 'course.your_path("naming-the-enactment")',
}


@dataclass
class Known:
    """What the ids may be: exercise id -> type, event ids, code topics, timeline dimensions."""

    exercises: dict[str, str]
    events: list[str]
    topics: list[str] = field(default_factory=lambda: list(get_args(Topic)))
    dimensions: list[str] = field(default_factory=lambda: list(DIMENSION_SCALES))
    unreadable: set[str] = field(default_factory=set)  # exercise files already reported as unreadable


@dataclass
class NotebookCheck:
    """The problems found in a folder of notebooks, and the exercises they show."""

    problems: list[Problem] = field(default_factory=list)
    shown: set[str] = field(default_factory=set)
    cells: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # notebook id -> its cells


def course_call_problems(folder: Path, content: Any, exercises_dir: Path) -> list[Problem]:
    """The problems in the notebooks under ``folder``, with exercise ids from ``exercises_dir`` (for builds
    that read notebooks from elsewhere than beside data/)."""
    exercises = checked_exercises(content, exercises_dir)
    known = Known(exercises.types, [e.id for e in content.events], unreadable=exercises.unreadable)
    return check_notebooks(folder, known).problems


def notebook_files(folder: Path) -> list[Path]:
    """The notebooks in ``folder`` and its subfolders (the instructor's), checkpoints left out."""
    folder = Path(folder)
    return sorted(
        p for p in folder.rglob("*.ipynb") if not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def read_cells(path: Path) -> tuple[list[dict[str, Any]] | None, Problem | None]:
    """The cells of a notebook file, each with its source as one string; or a problem if it cannot be read."""
    try:
        cells = json.loads(Path(path).read_text(encoding="utf-8")).get("cells")
        if not isinstance(cells, list):
            raise ValueError("no list of cells")
    except (OSError, ValueError, AttributeError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        return None, Problem(
            display_path(path), None, "", f"cannot be read as a notebook ({reason}); restore it from the course"
        )
    out = []
    for cell in cells:
        cell = dict(cell) if isinstance(cell, dict) else {}
        source = cell.get("source", "")
        cell["source"] = "".join(source) if isinstance(source, list) else str(source)
        out.append(cell)
    return out, None


def check_notebooks(folder: Path, known: Known) -> NotebookCheck:
    """Every ``course.<function>(...)`` call in the notebooks under ``folder``, checked against ``known``."""
    check = NotebookCheck()
    for path in notebook_files(folder):
        cells, problem = read_cells(path)
        if cells is None:
            check.problems.append(problem)
            continue
        if path.parent == Path(folder):
            check.cells[path.stem] = cells
        for number, cell in enumerate(cells, start=1):
            if cell.get("cell_type") == "code":
                check.problems += cell_problems(display_path(path), number, cell["source"], known, check.shown)
    return check


def cell_problems(where: str, number: int, source: str, known: Known, shown: set[str]) -> list[Problem]:
    """The problems in one code cell; the exercise ids it shows are added to ``shown``."""
    try:
        tree = ast.parse(_without_magics(source))
    except SyntaxError as exc:
        return [
            Problem(
                where,
                None,
                "(code)",
                f"is not valid Python ({exc.msg}, line {exc.lineno} of the cell); a course cell is one call such "
                f"as {EXAMPLE['exercise']}, with the id in straight quotes",
                cell=number,
            )
        ]
    out = []
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "course"
        ):
            continue
        text = _short(ast.get_source_segment(source, node) or f"course.{node.func.attr}(...)")
        for message in call_problems(node.func.attr, node, known, shown):
            out.append(Problem(where, None, text, message, cell=number))
    return out


def call_problems(name: str, call: ast.Call, known: Known, shown: set[str]) -> list[str]:
    """What is wrong with one ``course.<name>(...)`` call (an empty list when nothing is)."""
    if name not in FUNCTIONS:
        return [
            f"'{name}' is not one of the course's notebook functions (they are: {', '.join(FUNCTIONS)})"
            f"{suggest(name, FUNCTIONS)}"
        ]
    params = FUNCTIONS[name]
    given: list[tuple[str, ast.expr]] = []
    problems = []
    star = next((p for p, _ in params if p.startswith("*")), None)
    plain = [p for p, _ in params if not p.startswith("*")]
    for i, arg in enumerate(call.args):
        if star is not None:
            given.append((star, arg))
        elif i < POSITIONAL.get(name, 0):
            given.append((plain[i], arg))
        else:
            return [f"takes {_how_many(name)}; remove the extra value"]
    for keyword in call.keywords:
        if keyword.arg is None:
            continue  # **options: cannot be checked
        if keyword.arg not in plain:
            close = suggest(keyword.arg, plain)
            return [
                f"has no option '{keyword.arg}'{close}" + (f"; its options are: {', '.join(plain)}" if plain else "")
            ]
        given.append((keyword.arg, keyword.value))
    required = REQUIRED.get(name)
    if required and required not in {p for p, _ in given}:
        return [f"needs a value in quotes, e.g. {_example(name)}"]
    kinds = dict(params)
    for param, node in given:
        if kinds[param] != "any" and isinstance(node, ast.Name):
            problems.append(f"{node.id} is not in quotes; write the id in straight quotes, e.g. {_example(name)}")
            continue
        problems += [m for value in _literals(node) if (m := _id_problem(kinds[param], value, known, name))]
        if kinds[param] == "exercise":
            shown.update(v for v in _literals(node) if isinstance(v, str) and v in known.exercises)
    return problems


def _id_problem(kind: str, value: Any, known: Known, name: str) -> str | None:
    """What is wrong with one literal value of this kind, or None."""
    if kind == "any" or (kind == "start" and isinstance(value, int)):
        return None
    if not isinstance(value, str):
        return f"got {value!r}; give the id in quotes"
    if kind in ("exercise", "rating-exercise"):
        if value in known.unreadable:
            return None  # its file's own problem is reported
        if value not in known.exercises:
            return f"'{value}' is not an exercise id in data/exercises/{suggest(value, known.exercises)}"
        if kind == "rating-exercise" and known.exercises[value] != "rating":
            ratings = [k for k, t in known.exercises.items() if t == "rating"]
            return (
                f"'{value}' is a {known.exercises[value]} exercise; course.{name} lays the learner's ratings over the "
                f"timeline, so it needs a rating exercise (one of: {', '.join(sorted(ratings))})"
            )
        return None
    if kind in ("event", "start"):
        if value not in known.events:
            return f"'{value}' is not an event id in data/vignette/events.yaml{suggest(value, known.events)}"
        return None
    if kind == "sitting" and value not in SITTINGS:
        return (
            f"'{value}' is not a sitting of the case-judgement test; use 'before' or 'after'{suggest(value, SITTINGS)}"
        )
    if kind == "topic" and value not in known.topics:
        return f"'{value}' is not a code topic; the topics are: {', '.join(known.topics)}{suggest(value, known.topics)}"
    if kind == "dimensions" and value not in known.dimensions:
        return (
            f"'{value}' is not a timeline dimension; use one or more of: {', '.join(known.dimensions)}"
            f"{suggest(value, known.dimensions)}"
        )
    return None


def _literals(node: ast.expr) -> list[Any]:
    """The constant values written in ``node`` (one, or each item of a tuple or list); none for a name."""
    if isinstance(node, ast.Constant):
        return [node.value]
    if isinstance(node, (ast.Tuple, ast.List)):
        return [item.value for item in node.elts if isinstance(item, ast.Constant)]
    return []


def _example(name: str) -> str:
    return EXAMPLE.get(name, 'course.show_events("intake", "first-session")')


def _how_many(name: str) -> str:
    plain = [p for p, _ in FUNCTIONS[name] if not p.startswith("*")]
    if not plain:
        return "no values"
    if not POSITIONAL.get(name):
        return "only named options (" + ", ".join(f"{p}=..." for p in plain) + ")"
    return "one value" + (" and named options" if len(plain) > 1 else "")


def _without_magics(source: str) -> str:
    """The cell with IPython's ``%magic`` and ``!shell`` lines blanked, so the rest parses as Python."""
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 80 else text[:77] + "..."
