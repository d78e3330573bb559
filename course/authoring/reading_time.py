"""How long a notebook takes: the reading-time model behind the times the course states.

The model (written out in the instructor guide, "How long each notebook takes"):

- reading at ``WORDS_PER_MINUTE``: the Markdown cells a learner sees (not the reference list, the
  navigation line, or instructor and solution cells), the event cards the notebook shows (for a
  conditional scene, its longest variant and the other paths' summaries) and the code comparison tables
  it shows;
- a time per exercise, which its type's record gives (``minutes`` in ``course/exercises/types/``): three
  minutes for a single choice, four for a multiple select or an ordering, five for a categorize, a minute
  per rated event, two minutes plus three per step of a decision's recommended path, for a reflection
  five minutes plus the time to write its suggested length at 15 words a minute, and a minute for a
  discussion question's notes;
- a fixed time for the other displays (``DISPLAY_MINUTES``); for the case-judgement test, its form read
  and half a minute per situation to choose, and for its results half a minute per situation of both forms.

``course validate`` keeps every notebook's stated ``minutes`` (``data/course.yaml``) within ``TOLERANCE`` of
the model, and no notebook above ``SPLIT_ABOVE`` minutes: a longer one is split in two (``minutes_problems``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content import load_content
from ..exercises import load_spec
from ..exercises.types import AnySpec, type_of
from ..judgement.forms import load_forms
from ..paths import notebooks_dir
from ..problems import Problem

WORDS_PER_MINUTE = 180
TOLERANCE = 0.20
SPLIT_ABOVE = 90
DISPLAY_MINUTES: dict[str, float] = {
    "plot_timeline": 2,
    "explorer": 4,
    "my_timeline": 2,
    "gottlieb_worksheet": 6,
    "check_environment": 1,
    "choose_profession": 1,
    "progress_overview": 1,
}
JUDGEMENT_MINUTES = {"judgement_test": 18.0, "judgement_results": 12.0}  # no forms: the course's own forms' times
CHOOSING_MINUTES = 0.5  # per situation of the case-judgement test, besides reading it
NOT_READ = frozenset({"instructor", "solution", "course-references", "course-nav"})
CALL = re.compile(r"course\.(\w+)\(([^)]*)\)")
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.-]*")
WORDS_PER_CITED_SECTION = 6  # a card's "code sections" line: label and title
WORDS_PER_TABLE_ROW = 8  # a code table row besides its paraphrase: body, edition, section, title


@dataclass
class Estimate:
    """The model's minutes for one notebook, and what they are made of."""

    notebook: str
    words: int = 0
    exercise_minutes: float = 0.0
    display_minutes: float = 0.0
    exercises: list[tuple[str, str, float]] = field(default_factory=list)

    @property
    def reading_minutes(self) -> float:
        return self.words / WORDS_PER_MINUTE

    @property
    def minutes(self) -> float:
        return self.reading_minutes + self.exercise_minutes + self.display_minutes


def words(text: str) -> int:
    """How many words a text has (numbers and hyphenated words count once)."""
    return len(WORD.findall(text or ""))


def exercise_minutes(spec: AnySpec) -> float:
    """The model's minutes for one exercise, as its type's record gives them."""
    return type_of(spec).minutes(spec)


def estimate(
    notebook_id: str, content: Any = None, folder: Path | None = None, specs: Mapping[str, AnySpec] | None = None
) -> Estimate:
    """The model's estimate for ``<folder>/<notebook_id>.ipynb`` (default: the course's notebooks).

    ``specs`` maps exercise ids to their specs (default: each is loaded from the course's data/)."""
    import nbformat

    content = content or load_content()
    path = (Path(folder) if folder else notebooks_dir()) / f"{notebook_id}.ipynb"
    cells = nbformat.read(path, as_version=4).cells
    return estimate_cells(notebook_id, cells, content, specs)


def estimate_cells(
    notebook_id: str, cells: list[Any], content: Any, specs: Mapping[str, AnySpec] | None = None
) -> Estimate:
    """The model's estimate for a notebook's cells (dicts with ``cell_type``, ``source`` and ``metadata``).
    An exercise id not in ``specs`` (when given) is left out: ``course validate`` reports it."""
    out = Estimate(notebook_id)
    for cell in cells:
        tags = {str(t).lower() for t in cell.get("metadata", {}).get("tags", [])}
        if tags & NOT_READ:
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        if cell.get("cell_type") == "markdown":
            out.words += words(source)
        elif cell.get("cell_type") == "code":
            for name, args in CALL.findall(source):
                _count_call(out, name, re.findall(r'"([^"]+)"', args), content, specs)
    return out


def _count_call(out: Estimate, name: str, ids: list[str], content: Any, specs: Mapping[str, AnySpec] | None) -> None:
    if name in ("show_event", "show_events", "recall_events"):
        for event in content.events:
            if event.id in ids:  # a recall folds the scene away, but a learner reads it again there
                told = scene_text(event) if name == "show_event" else event.text  # the others tell the story
                text = " ".join([event.title, told, *event.questions])
                cited = len(event.codes) if name != "recall_events" else 0
                out.words += words(text) + WORDS_PER_CITED_SECTION * cited
    elif name == "your_path":
        for event in content.events:
            if event.id in ids:  # the scene on the learner's path, with the other paths under it
                out.words += words(" ".join([event.title, scene_text(event)]))
    elif name == "compare_codes" and ids:
        sections = [s for s in content.codes.values() if ids[0] in s.topics]
        out.words += sum(words(s.paraphrase) + WORDS_PER_TABLE_ROW for s in sections)
    elif name == "exercise" and ids:
        spec = load_spec(ids[0]) if specs is None else specs.get(ids[0])
        if spec is None:
            return
        minutes = exercise_minutes(spec)
        out.exercise_minutes += minutes
        out.exercises.append((spec.id, spec.type, minutes))
    elif name in JUDGEMENT_MINUTES:
        out.display_minutes += judgement_minutes(name, getattr(content, "root", None))
    elif name in DISPLAY_MINUTES:
        out.display_minutes += DISPLAY_MINUTES[name]


def judgement_minutes(name: str, root: Path | None) -> float:
    """A sitting of the case-judgement test: its intro, situations, questions and options read, and half a
    minute to choose in each; its results: half a minute per situation of both sittings, to read its best
    response and reason."""
    forms = [f for f in load_forms(root).forms.values()]
    if not forms:
        return JUDGEMENT_MINUTES[name]
    if name == "judgement_results":  # counted per item, as a student release has the items but not the reasons
        return CHOOSING_MINUTES * sum(len(f.items) for f in forms)
    form = max(forms, key=lambda f: len(f.items))
    text = [form.intro] + [t for i in form.items for t in (i.vignette, i.question, *(o.text for o in i.options))]
    return words(" ".join(text)) / WORDS_PER_MINUTE + CHOOSING_MINUTES * len(form.items)


def scene_text(event: Any) -> str:
    """What a learner reads of an event's scene. For a conditional scene: its longest variant, and the
    labels and summaries of the other paths shown under it (all but the shortest)."""
    if not event.variants:
        return event.text
    texts = [v.text or event.text for v in event.variants]
    paths = sorted((f"{v.label} {v.summary}" for v in event.variants), key=words)
    return " ".join([max(texts, key=words), *paths[1:]])


def within_tolerance(stated: float, modelled: float, tolerance: float = TOLERANCE) -> bool:
    """True when the stated minutes are within ``tolerance`` (a fraction) of the model's."""
    return abs(stated - modelled) <= tolerance * modelled


def minutes_problems(content: Any, cells: Mapping[str, list[Any]], specs: Mapping[str, AnySpec]) -> list[Problem]:
    """The reading-time rule for ``course validate``: each notebook's stated ``minutes`` in data/course.yaml
    within ``TOLERANCE`` of the model, and none over ``SPLIT_ABOVE``. ``cells`` maps notebook ids to their
    cells (a notebook not there is not checked)."""
    doc = content.docs.get("course.yaml")
    out = []
    for i, info in enumerate(content.course.notebooks):
        if info.id not in cells or doc is None:
            continue
        model = estimate_cells(info.id, cells[info.id], content, specs)
        figure = round(model.minutes)
        made_of = (
            f"{model.words} words to read = {model.reading_minutes:.0f} min, exercises {model.exercise_minutes:.0f} "
            f"min, other displays {model.display_minutes:.0f} min"
        )
        if model.minutes > SPLIT_ABOVE:
            out.append(
                doc.problem(
                    ("notebooks", i, "minutes"),
                    f"notebooks/{info.id}.ipynb takes {figure} minutes by the reading-time model ({made_of}), more "
                    f"than the {SPLIT_ABOVE} a notebook may take; split it in two, or move exercises to another "
                    "notebook (see the instructor guide, 'How long each notebook takes')",
                )
            )
        elif not within_tolerance(info.minutes, model.minutes):
            low, high = _tolerance_range(model.minutes)
            high = min(high, SPLIT_ABOVE)  # a stated time past the cap would only move the problem
            out.append(
                doc.problem(
                    ("notebooks", i, "minutes"),
                    f"states {info.minutes:g} minutes, but notebooks/{info.id}.ipynb takes {figure} by the "
                    f"reading-time model ({made_of}); state minutes: {figure} (anything from {low} to {high} "
                    f"is within {TOLERANCE:.0%})",
                )
            )
    return out


def _tolerance_range(modelled: float) -> tuple[int, int]:
    """The whole minutes a notebook may state for this model figure."""
    import math

    return math.ceil(modelled * (1 - TOLERANCE)), math.floor(modelled * (1 + TOLERANCE))
