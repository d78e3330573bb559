"""What the instructor's class view shows, computed from the seminar exchange (no widgets here).

``read_exchange`` reads every learner folder safely and sorts submissions into usable and bad ones
(each bad one with its reason). ``class_data`` scores every usable submission's answers again
(``rescore``: a stored score or ``completed`` list is never trusted) and turns them into: completion per
notebook, how the class chose at each node of every decision point (in story order), how the class's
paths split at each scene that depends on an earlier choice, each learner's
latest ratings (for the timeline's median and band) and the distribution of first-attempt scores per
exercise, and the case-judgement test's class figure (``judgement_class``). Answers that were ignored (no
such exercise, or not scoreable) are listed with the learner's pseudonym.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..content import load_content
from ..exercises.lookup import index, load
from ..exercises.scoring.decision import END
from ..exercises.types import type_of
from ..paths import data_dir, notebooks_dir
from . import exchange as ex
from .item_analysis import ItemStats, class_items
from .judgement_class import JudgementClass, class_judgement
from .rescore import Rescored, rescore
from .scene_split import SceneSplit, scene_splits
from .submission import Submission, check_submission, current_version

EXERCISE_CALL = re.compile(r"""\bexercise\(\s*["']([^"']+)["']""")


@dataclass(frozen=True)
class BadSubmission:
    """A learner folder whose submission was skipped, and why."""

    folder: str
    reason: str


@dataclass
class ExchangeRead:
    """Everything found in the exchange."""

    exchange: Path
    folders: int = 0
    submissions: list[Submission] = field(default_factory=list)
    bad: list[BadSubmission] = field(default_factory=list)
    not_shared: list[str] = field(default_factory=list)


def read_exchange(exchange: str | Path, version: str | None = None) -> ExchangeRead:
    """Read every learner folder; raises ``ExchangeError`` when the exchange cannot be listed."""
    exchange = Path(exchange)
    version = version or current_version()
    folders, odd = ex.learner_folders(exchange)
    read = ExchangeRead(exchange, len(folders), bad=[BadSubmission(o.folder, str(o.problem)) for o in odd])
    for name in folders:
        raw = ex.read_submission(exchange, name)
        if raw.problem is not None:
            read.bad.append(BadSubmission(name, f"{raw.path}: {raw.problem}"))
        elif raw.data is None:
            read.not_shared.append(name)
        else:
            sub, problem = check_submission(raw.data, name, str(raw.path), version)
            if sub is None:
                read.bad.append(BadSubmission(name, str(problem)))
            else:
                read.submissions.append(sub)
    return read


# ---- the figures ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class NotebookCompletion:
    """How far the learners who shared got in one notebook."""

    notebook: str
    title: str
    exercises: int
    done: list[int]  # exercises completed, one number per learner who shared

    @property
    def finished(self) -> int:
        """Learners who completed every exercise of the notebook."""
        return sum(1 for n in self.done if self.exercises and n >= self.exercises)

    @property
    def mean_share(self) -> float | None:
        """Mean fraction of the notebook's exercises completed (None without learners or exercises)."""
        if not self.done or not self.exercises:
            return None
        return sum(self.done) / (len(self.done) * self.exercises)


@dataclass(frozen=True)
class ChoiceCount:
    """One reply at one node: how many learners chose it, and whether the course recommends it."""

    choice: str
    text: str
    learners: int
    recommended: bool
    accepted: bool


@dataclass(frozen=True)
class NodeCount:
    """One situation of a decision point, how many learners reached it, and their replies."""

    node: str
    text: str
    reached: int
    choices: list[ChoiceCount]


@dataclass(frozen=True)
class DecisionCount:
    """How the class went through one decision point (each learner's first complete path)."""

    exercise_id: str
    title: str
    learners: int
    recommended: list[str]
    accepted: list[list[str]]
    nodes: list[NodeCount]
    paths: dict[tuple[str, ...], int]


@dataclass(frozen=True)
class ScoreCount:
    """First-attempt scores on one graded exercise: ``counts[score] = learners`` (out of ``max_score``)."""

    exercise_id: str
    title: str
    max_score: float
    counts: dict[float, int]

    @property
    def learners(self) -> int:
        return sum(self.counts.values())


@dataclass
class ClassData:
    """The class view's numbers."""

    read: ExchangeRead
    completion: list[NotebookCompletion]
    decisions: list[DecisionCount]
    ratings: list[dict[str, dict[str, int]]]
    first_scores: list[ScoreCount]
    items: list[ItemStats] = field(default_factory=list)  # item analysis of the graded exercises
    ignored: list[str] = field(default_factory=list)  # answers left out, with the learner's pseudonym
    measure: str = "answered"  # what completes an exercise (rescore.MEASURES)
    judgement: JudgementClass | None = None  # the case-judgement test, scored here from the shared sittings
    scenes: list[SceneSplit] = field(default_factory=list)  # how the class's paths split (scene_split)

    @property
    def shared(self) -> int:
        return len(self.read.submissions)


def accepted_paths(spec: Any) -> list[list[str]]:
    """The complete paths the course accepts with full credit besides the recommended one (``also_accept``)."""
    return [list(path) for path in getattr(spec, "also_accept", None) or []]


@cache
def _places(notebook: Path, mtime: int) -> dict[str, int]:
    """Exercise id -> the position of its ``exercise("id")`` call in the notebook (story order)."""
    import nbformat

    nb = nbformat.read(str(notebook), as_version=4)
    found: dict[str, int] = {}
    for cell in nb.cells:
        for exercise_id in EXERCISE_CALL.findall(cell.source if cell.cell_type == "code" else ""):
            found.setdefault(exercise_id, len(found))
    return found


def story_places(notebook_id: str) -> dict[str, int]:
    """Where each exercise comes in the notebook ``notebook_id`` (empty when the file is missing)."""
    path = notebooks_dir() / f"{notebook_id}.ipynb"
    try:
        return _places(path, path.stat().st_mtime_ns)
    except OSError:
        return {}


def course_specs(content: Any) -> list[Any]:
    """The specs of every exercise used in the course's notebooks that counts towards completion (not the
    optional notes on discussion questions), in story order: notebook by notebook, and within one in the
    order the notebook asks them (by id when not asked)."""
    order = {nb.id: i for i, nb in enumerate(content.course.notebooks)}
    specs = [load(eid).spec for eid in sorted(index(data_dir() / "exercises"))]
    specs = [s for s in specs if s is not None and s.notebook in order and type_of(s).counted]
    places = {nb: story_places(nb) for nb in order}
    return sorted(specs, key=lambda s: (order[s.notebook], places[s.notebook].get(s.id, len(places[s.notebook])), s.id))


def rescore_all(read: ExchangeRead, specs: list[Any]) -> list[Rescored]:
    """Every usable submission scored again against ``specs``, in the order they were read."""
    by_id = {s.id: s for s in specs}
    seen: dict[tuple[str, str], Any] = {}  # each (exercise, answer) is scored once for the whole class
    return [rescore(sub, by_id, seen) for sub in read.submissions]


def _decision(spec: Any, scored: list[Rescored]) -> DecisionCount:
    recommended = list(spec.answer)
    accepted = accepted_paths(spec)
    on_path = {(n, c) for path in [recommended, *accepted] for n, c in walk(spec, path)}
    recommended_steps = set(walk(spec, recommended))
    reached: Counter[str] = Counter()
    chose: Counter[tuple[str, str]] = Counter()
    paths: Counter[tuple[str, ...]] = Counter()
    learners = 0
    for learner in scored:
        first = learner.first.get(spec.id)
        if first is None:
            continue
        learners += 1
        steps = walk(spec, first.answer)
        paths[tuple(c for _, c in steps)] += 1
        for node_id, choice_id in steps:
            reached[node_id] += 1
            chose[(node_id, choice_id)] += 1
    nodes = []
    for node in spec.nodes:
        choices = [
            ChoiceCount(
                c.id, c.text, chose[(node.id, c.id)], (node.id, c.id) in recommended_steps, (node.id, c.id) in on_path
            )
            for c in node.choices
        ]
        nodes.append(NodeCount(node.id, node.text, reached[node.id], choices))
    return DecisionCount(spec.id, spec.title, learners, recommended, accepted, nodes, dict(paths))


def walk(spec: Any, path: list[Any]) -> list[tuple[str, str]]:
    """(node id, choice id) for each step of ``path`` that exists in the current version of ``spec``."""
    steps: list[tuple[str, str]] = []
    current = spec.start
    nodes = {n.id: n for n in spec.nodes}
    for choice_id in path:
        node = nodes.get(current)
        picked = next((c for c in node.choices if c.id == choice_id), None) if node else None
        if picked is None:
            break
        steps.append((node.id, picked.id))
        current = picked.next
        if current == END:
            break
    return steps


def _latest_ratings(sub: Submission, known: set[str]) -> dict[str, dict[str, int]]:
    latest: dict[str, dict[str, int]] = {}
    for row in sub.payload["ratings"]:
        if row["exercise_id"] not in known:
            continue
        latest.setdefault(row["dimension"], {})[row["event_id"]] = row["value"]
    return latest


def class_data(read: ExchangeRead, content: Any = None, measure: str = "answered") -> ClassData:
    """The class view's numbers from what ``read_exchange`` found, every answer scored again.

    ``measure`` says what completes an exercise: "answered" (attempted at least once, or a reflection
    saved) or "correct" (full marks or an accepted alternative, or a reflection saved).
    """
    content = content or load_content()
    specs = course_specs(content)
    scored = rescore_all(read, specs)
    completion = []
    for nb in content.course.notebooks:
        ids = {s.id for s in specs if s.notebook == nb.id}
        done = [len(ids & learner.done(measure)) for learner in scored]
        completion.append(NotebookCompletion(nb.id, nb.title, len(ids), done))
    decisions = [_decision(s, scored) for s in specs if s.type == "decision"]
    scores = []
    for spec in specs:
        counts: Counter[float] = Counter()
        top = None
        for learner in scored:
            first = learner.first.get(spec.id)
            if first is None or not first.max_score:
                continue
            top = first.max_score if top is None else max(top, first.max_score)
            counts[float(first.score)] += 1
        if top is not None:
            scores.append(ScoreCount(spec.id, spec.title, float(top), dict(sorted(counts.items()))))
    known = {s.id for s in specs}
    ratings = [r for r in (_latest_ratings(s, known) for s in read.submissions) if r]
    ignored = [note for learner in scored for note in learner.ignored]
    judgement = class_judgement((s.folder, s.payload) for s in read.submissions)
    items = class_items(scored, specs, judgement.responses, judgement.keys)  # the test's items are keyed too
    scenes = scene_splits(read.submissions, content)
    return ClassData(read, completion, decisions, ratings, scores, items, ignored, measure, judgement, scenes)


def load_class(exchange: str | Path, content: Any = None, measure: str = "answered") -> ClassData:
    """Read the exchange and compute the class view's numbers in one call."""
    return class_data(read_exchange(exchange), content, measure)
