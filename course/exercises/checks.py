"""``course validate`` for exercises: every spec under data/exercises/ is read, validated, cross-checked
against the content, and made to test itself (its answer scores full marks; each fixture's feedback fires).

A spec from a student release (``course release``) has its answer as salted hashes and no fixtures: the
answer recovered from the hashes must still score full marks, and the fixture self-test is skipped
(see ``released``)."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any

from ..content import Content
from ..content.checks import suggest
from ..content.links import link_problems
from ..content.yaml_reader import YamlDoc, load_yaml, validate_model
from ..problems import Problem
from ..safe_html import appears_in
from .released import check_released, is_released
from .resolve import resolve
from .result import Result
from .spec import EXAMPLES, as_plain
from .types import REGISTRY, TYPES, AnySpec, answer_problems, evaluate, spec_problems

FEEDBACK_SHOWN = 160


def exercise_files(exercises_dir: Path) -> list[Path]:
    """Every YAML file under ``exercises_dir``, in a stable order.

    Hidden files and folders are left out: JupyterLab's editor keeps a copy of an opened file in
    ``.ipynb_checkpoints/``, which is not a second exercise.
    """
    root = Path(exercises_dir)
    if not root.is_dir():
        return []
    return sorted(
        p
        for p in root.rglob("*")
        if p.suffix in (".yaml", ".yml")
        and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )


def count_released(exercises_dir: Path) -> int:
    """How many spec files under ``exercises_dir`` come from a student release."""
    return sum(1 for path in exercise_files(exercises_dir) if is_released(load_yaml(path).data))


def check_exercises(content: Content | None, exercises_dir: Path) -> list[Problem]:
    """All problems in the exercise specs under ``exercises_dir`` (empty when all is well), links that
    are not https:// or a course file among them."""
    return checked_exercises(content, exercises_dir).problems


@dataclass
class ExerciseCheck:
    """What checking data/exercises/ found: problems, and every exercise by id."""

    problems: list[Problem] = dataclass_field(default_factory=list)
    types: dict[str, str] = dataclass_field(default_factory=dict)  # exercise id -> type (for every readable spec)
    specs: dict[str, AnySpec] = dataclass_field(default_factory=dict)  # exercise id -> spec (those without problems)
    docs: dict[str, YamlDoc] = dataclass_field(default_factory=dict)  # exercise id -> its file
    unreadable: set[str] = dataclass_field(default_factory=set)  # names of files whose id cannot be read


def checked_exercises(content: Content | None, exercises_dir: Path) -> ExerciseCheck:
    """Check every spec under ``exercises_dir``; keep each one's type and, when it has no problem, its spec."""
    root = Path(exercises_dir)
    check = ExerciseCheck()
    first_file: dict[str, str] = {}
    for path in exercise_files(root):
        folder = path.parent.relative_to(root).as_posix()
        doc, spec, found = check_file(path, content, folder=folder)
        check.problems += found + [_one_line(p) for p in link_problems(doc)]
        ex_id = doc.data.get("id") if isinstance(doc.data, dict) else None
        if not isinstance(ex_id, str):
            check.unreadable.add(path.stem)  # already reported; the file name should be its id
        else:
            if ex_id in first_file:
                check.problems.append(
                    doc.problem(
                        ("id",),
                        f"'{ex_id}' is already the id of the exercise in "
                        f"{first_file[ex_id]}; exercise ids must be unique across data/exercises/",
                    )
                )
                continue
            first_file[ex_id] = doc.name
            check.types[ex_id] = str(doc.data.get("type"))
            check.docs[ex_id] = doc
            if spec is not None and not found:
                check.specs[ex_id] = spec
    return check


def check_file(
    path: Path, content: Content | None, folder: str | None = None
) -> tuple[YamlDoc, AnySpec | None, list[Problem]]:
    """Read and check one spec: (document, resolved spec or None, problems).

    ``folder`` is the file's folder relative to data/exercises/ (it must name the notebook, and the
    file stem must be the id); None skips those two location checks.
    """
    doc, spec, problems = _check_file(path, content, folder)
    return doc, spec, [_one_line(p) for p in problems]


def _one_line(problem: Problem) -> Problem:
    """Each problem prints on one line, even when the file's own text has line breaks in it."""
    from dataclasses import replace

    def flat(text: str) -> str:
        return text.replace("\r", "\\r").replace("\n", "\\n")

    return replace(problem, field=flat(problem.field), message=flat(problem.message))


def _check_file(
    path: Path, content: Content | None, folder: str | None
) -> tuple[YamlDoc, AnySpec | None, list[Problem]]:
    doc = load_yaml(Path(path))
    if doc.problems:
        return doc, None, list(doc.problems)
    data = doc.data
    if not isinstance(data, dict):
        return (
            doc,
            None,
            [
                doc.problem(
                    (), "should be a block of fields (id, type, title, prompt, ...); see data/exercises/README.md"
                )
            ],
        )
    kind = data.get("type")
    if not isinstance(kind, str) or kind not in REGISTRY:
        said = "is missing" if kind is None else f"is {kind!r}, which is not an exercise type"
        return doc, None, [doc.problem(("type",), f"{said}; use one of: {', '.join(TYPES)}{_suggest(kind, TYPES)}")]
    released = is_released(data)
    if released:
        spec, problems = check_released(doc, kind)
    else:
        spec, problems = validate_model(REGISTRY[kind].model, doc)
    problems = [_reworded(p) for p in problems]
    if spec is None:
        return doc, None, problems
    problems += _located(doc, (), _structure(spec))
    structural = bool(problems)
    problems += _reference_problems(doc, spec, content)
    if folder is not None:
        problems += _location_problems(doc, spec, Path(path), folder, EXAMPLES)
    spec, found = resolve(spec, content)
    problems += _located(doc, (), found)
    if not structural and not found and _has_reference(spec, released):
        problems += _self_test(doc, spec)
    return doc, spec, problems


def _reworded(problem: Problem) -> Problem:
    """Point at the exercise README for what a field holds."""
    from dataclasses import replace

    return replace(problem, message=problem.message.replace("see data/README.md", "see data/exercises/README.md"))


def _has_reference(spec: AnySpec, released: bool = False) -> bool:
    """False for a rating spec whose reference ratings could not all be filled (already reported), and
    for a released reflection (a student release has no model reflection)."""
    if spec.type == "reflection":
        return not released
    if spec.type != "rating":
        return True
    return spec.answer is not None and set(spec.answer) == {e.event for e in spec.events}


def _structure(spec: AnySpec) -> list:
    return spec_problems(spec)


def _located(doc: YamlDoc, prefix: tuple, found: list) -> list[Problem]:
    return [doc.problem(prefix + tuple(loc), message) for loc, message in found]


def _suggest(value: Any, known: Any) -> str:
    return suggest(str(value), known) if value is not None else ""


def _reference_problems(doc: YamlDoc, spec: AnySpec, content: Content | None) -> list[Problem]:
    """Events, codes, terms, objective and notebook must exist in the course content."""
    if content is None:
        return []
    out: list[Problem] = []
    events = [e.id for e in content.events]
    known = {
        "events": (events, "an event id in data/vignette/events.yaml"),
        "codes": (list(content.codes), "a code section id in data/codes/"),
        "terms": (list(content.terms), "a term id in data/glossary.yaml"),
    }
    for field, (ids, what) in known.items():
        for j, value in enumerate(getattr(spec.refs, field)):
            if value not in ids:
                out.append(doc.problem(("refs", field, j), f"'{value}' is not {what}{_suggest(value, ids)}"))
    if spec.type == "rating":
        for j, item in enumerate(spec.events):
            if item.event not in events:
                out.append(
                    doc.problem(
                        ("events", j, "event"),
                        f"'{item.event}' is not an event id in data/vignette/events.yaml{_suggest(item.event, events)}",
                    )
                )
    notebooks = [nb.id for nb in content.course.notebooks]
    if spec.notebook != EXAMPLES and spec.notebook not in notebooks:
        out.append(
            doc.problem(
                ("notebook",),
                f"'{spec.notebook}' is not a notebook id in data/course.yaml"
                f"{_suggest(spec.notebook, notebooks + [EXAMPLES])}",
            )
        )
    if spec.review and spec.notebook == EXAMPLES:
        out.append(
            doc.problem(
                ("review",),
                "is true, but learners never meet the examples, so no review of it would ever fall due; "
                "remove the line (only exercises of the course's notebooks can be reviewed)",
            )
        )
    objectives = list(content.objectives)
    if spec.objective is None and spec.notebook != EXAMPLES:
        out.append(
            doc.problem(
                ("objective",),
                "is missing; name the learning objective this exercise serves "
                f"(an objective id of notebook '{spec.notebook}' in data/course.yaml)",
            )
        )
    elif spec.objective is not None and spec.objective not in objectives:
        out.append(
            doc.problem(
                ("objective",),
                f"'{spec.objective}' is not an objective id in data/course.yaml{_suggest(spec.objective, objectives)}",
            )
        )
    return out


def _location_problems(doc: YamlDoc, spec: AnySpec, path: Path, folder: str, examples: str) -> list[Problem]:
    out: list[Problem] = []
    if path.stem != spec.id:
        out.append(
            doc.problem(
                ("id",),
                f"is '{spec.id}' but the file is named '{path.name}'; "
                f"rename the file to '{spec.id}.yaml' or change the id",
            )
        )
    if folder != spec.notebook:
        where = f"data/exercises/{folder}/" if folder not in ("", ".") else "data/exercises/ itself"
        out.append(
            doc.problem(
                ("notebook",),
                f"is '{spec.notebook}' but the file is in {where}; keep each "
                f"exercise in the folder named after its notebook (data/exercises/{spec.notebook}/)",
            )
        )
    return out


def _self_test(doc: YamlDoc, spec: AnySpec) -> list[Problem]:
    """The reference answer must fit and score full marks; every accepted alternative must fit and score
    as accepted; each fixture must fit, be wrong, and fire."""
    out: list[Problem] = []
    answer = as_plain(spec.answer)
    found = answer_problems(spec, answer)
    out += _located(doc, ("answer",), found)
    if not found:
        result = evaluate(spec, answer)
        if not result.correct:
            out.append(
                doc.problem(
                    ("answer",),
                    f"does not score full marks ({_score(result)}); it should be the "
                    f"reference answer. Checking it says: {_short(result.feedback_text)}",
                )
            )
    out += _alternatives_test(doc, spec)
    for i, fixture in enumerate(spec.fixtures):
        at = ("fixtures", i)
        given = as_plain(fixture.answer)
        found = answer_problems(spec, given)
        out += _located(doc, at + ("answer",), found)
        if found:
            continue
        result = evaluate(spec, given)
        if result.correct:
            out.append(
                doc.problem(
                    at + ("answer",),
                    "scores full marks; a fixture must be a wrong answer (the reference answer goes in 'answer', "
                    "answers that are also accepted in 'also_accept')",
                )
            )
        elif not appears_in(fixture.feedback, result.feedback_html):
            out.append(
                doc.problem(
                    at + ("feedback",),
                    "cannot fire: checking this fixture's answer gives "
                    f"feedback without this text. The feedback is: {_short(result.feedback_text)}",
                )
            )
    return out


def _alternatives_test(doc: YamlDoc, spec: AnySpec) -> list[Problem]:
    """Each answer in ``also_accept`` must be a valid answer, differ from ``answer`` and score as accepted."""
    alternatives = as_plain(getattr(spec, "also_accept", None) or [])
    if not alternatives:
        return []
    if spec.type == "categorize":
        return _category_alternatives_test(doc, spec, alternatives)
    out: list[Problem] = []
    reference = as_plain(spec.answer)
    for i, given in enumerate(alternatives):
        at = ("also_accept", i)
        found = answer_problems(spec, given)
        if found:
            out += _located(doc, at, [(loc, f"is not a valid answer: {message}") for loc, message in found])
            continue
        same = set(given) == set(reference) if spec.type == "multiple-select" else given == reference
        if same:
            out.append(doc.problem(at, "is the reference answer already; list only other answers that are accepted"))
            continue
        result = evaluate(spec, given)
        if not (result.correct and result.score >= result.max_score):
            out.append(
                doc.problem(at, f"does not score as accepted ({_score(result)}); check the scoring of this type")
            )
    return out


def _category_alternatives_test(doc: YamlDoc, spec: AnySpec, alternatives: Any) -> list[Problem]:
    """Per item: known item, known categories other than the reference one, each scoring its point."""
    out: list[Problem] = []
    if not isinstance(alternatives, dict):
        return [doc.problem(("also_accept",), "should map item ids to lists of category ids")]
    items = [i.id for i in spec.items]
    categories = [c.id for c in spec.categories]
    for item_id, accepted in alternatives.items():
        at = ("also_accept", item_id)
        if item_id not in items:
            out.append(doc.problem(at, f"'{item_id}' is not an item id; items are: {', '.join(items)}"))
            continue
        for j, category in enumerate(accepted):
            if category not in categories:
                out.append(
                    doc.problem(
                        at + (j,),
                        f"is not a valid answer: '{category}' is not a category id; use one of: {', '.join(categories)}",
                    )
                )
                continue
            if category == spec.answer.get(item_id):
                out.append(doc.problem(at + (j,), f"'{category}' is the category 'answer' already gives this item"))
                continue
            trial = {**as_plain(spec.answer), item_id: category}
            result = evaluate(spec, trial)
            if not (result.correct and result.score >= result.max_score):
                out.append(doc.problem(at + (j,), f"does not score as accepted ({_score(result)})"))
    return out


def _score(result: Result) -> str:
    return f"{result.score:g} of {result.max_score:g}"


def _short(text: str) -> str:
    return f"'{text}'" if len(text) <= FEEDBACK_SHOWN else f"'{text[: FEEDBACK_SHOWN - 3]}...'"
