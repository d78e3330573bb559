"""Everything a learner can read, gathered as text, and the doubts a learner must never find in it.

The course settles its sources before learners see them: what is confirmed is stated plainly, and what
is not lives only in instructor-facing ``verify:`` notes (see ``course.authoring.sources``). This module
gathers the learner-facing text (notebook cells a learner sees, event cards and the timeline explorer,
the timeline's data table, the code comparison tables, the Gottlieb worksheet, every exercise as shown,
checked and revealed, and the Voilà landing page; handouts and the student release are made of the same
pieces) and finds the words that would show a learner a doubt.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

from ..content import load_content
from ..content.models import Topic
from ..delivery.learner_copy import course_notebooks, read_learner_copy
from ..delivery.site.static_exercise import question_html
from ..delivery.voila.app import landing_notebook
from ..displays.ethics_codes import compare_codes
from ..displays.event_cards import event_html
from ..displays.worksheets import gottlieb_worksheet
from ..exercises.lookup import index, load
from ..exercises.spec import as_plain
from ..exercises.types import describe_answer, evaluate
from ..judgement.forms import read_forms
from ..paths import data_dir, notebooks_dir
from ..safe_html import plain_text
from ..timeline.explorer import Stepper
from ..timeline.plot import plot_timeline
from ..timeline.text import table_html
from .sources import unverified

# Hedges the course used before its sources were settled (with the flags it once put on cards and on the
# worksheet); none may reach a learner.
HEDGES: tuple[str, ...] = (
    "unchecked",
    "not yet verified",
    "reportedly",
    "flags the subsection for checking",
    "verify against the primary source",
    "check before quoting",
)
# Words about how the course is made or taught, which a learner's copy must not contain: the student
# release ships neither the instructor guide nor the authoring tools.
AUTHORING: tuple[str, ...] = (
    "instructor guide",
    "instructor-guide.md",
    "sync-notebooks",
    "data/glossary.yaml",
    "this page is generated",
)
VERIFY_MARK = re.compile(r"\bverify\s*:", re.IGNORECASE)  # a verify note or flag, "verify: ..."
NOTE_PREFIX = 60  # how much of a verify note's text counts as a sighting of the note


@dataclass(frozen=True)
class Hedge:
    """One doubt found where a learner could read it."""

    where: str
    found: str
    context: str

    def __str__(self) -> str:
        return f"{self.where}: {self.found!r} in ...{self.context}..."


def _flat(text: str) -> str:
    return " ".join(str(text or "").split())


def verify_notes(root: Path | None = None) -> list[str]:
    """The text of every ``verify:`` note in the content, each as one line."""
    return [item.note for item in unverified(root)]


def find_hedges(
    where: str, text: str, notes: list[str] | tuple[str, ...] = (), *, field_docs: bool = False
) -> list[Hedge]:
    """The hedge phrases, ``verify:`` marks and verify-note texts in ``text``.

    ``text`` may be HTML or Markdown. With ``field_docs`` (author documentation that explains the
    ``verify`` field itself) the bare word "verify:" is allowed, but hedges and note texts are not.
    """
    flat = _flat(plain_text(text) if "<" in str(text) else text)
    low = flat.lower()
    found: list[Hedge] = []

    def hit(start: int, end: int, label: str) -> None:
        found.append(Hedge(where, label, flat[max(0, start - 40) : end + 40]))

    for phrase in HEDGES:
        for match in re.finditer(re.escape(phrase), low):
            hit(match.start(), match.end(), phrase)
    if not field_docs:
        for match in VERIFY_MARK.finditer(flat):
            hit(match.start(), match.end(), "verify:")
    for note in notes:
        probe = _flat(note)[:NOTE_PREFIX].lower()
        start = low.find(probe) if probe else -1
        if start >= 0:
            hit(start, start + len(probe), "the text of a verify note")
    return found


def find_authoring_text(where: str, text: str) -> list[Hedge]:
    """The words in ``text`` that speak of authoring or of instructor-only material (``AUTHORING``)."""
    flat = _flat(plain_text(text) if "<" in str(text) else text)
    low = flat.lower()
    return [
        Hedge(where, phrase, flat[max(0, m.start() - 40) : m.end() + 40])
        for phrase in AUTHORING
        for m in re.finditer(re.escape(phrase), low)
    ]


def learner_texts(root: Path | None = None, notebooks: Path | None = None) -> Iterator[tuple[str, str]]:
    """(where, text) for everything a learner can read in the course built from ``root`` (data)."""
    root = Path(root) if root is not None else data_dir()
    content = load_content(root)
    yield from _notebook_texts(Path(notebooks) if notebooks is not None else notebooks_dir())
    for event in content.events:
        yield f"card {event.id}", event_html(event, content)
    yield from _timeline_texts(content)
    for topic in get_args(Topic):
        yield f"code table {topic}", compare_codes(topic).data
    yield from _worksheet_texts()
    for exercise_id in sorted(index(root / "exercises")):
        yield from _exercise_texts(exercise_id, root)
    yield from _judgement_texts(root)


def _judgement_texts(root: Path) -> Iterator[tuple[str, str]]:
    """The case-judgement test as learners read it: intro, situations, options, and (in their results) the
    reasons."""
    for letter, form in read_forms(root).forms.items():
        yield f"case-judgement form {letter}", form.intro
        for item in form.items:
            texts = [item.vignette, item.question, *(o.text for o in item.options), *(item.reasons or {}).values()]
            yield f"case-judgement item {item.id}", "\n\n".join(texts)


def _notebook_texts(folder: Path) -> Iterator[tuple[str, str]]:
    paths = course_notebooks(folder)
    glossary = folder / "glossary.ipynb"
    for path in paths + ([glossary] if glossary.exists() and glossary not in paths else []):
        nb = read_learner_copy(path)
        for i, cell in enumerate(nb.cells):
            yield f"notebooks/{path.name} cell {i} ({cell.get('id', '')})", cell.source
    landing = landing_notebook([p.name for p in paths])
    yield "Voila landing page", "\n".join(cell.source for cell in landing.cells)


def _timeline_texts(content: Any) -> Iterator[tuple[str, str]]:
    base = plot_timeline(content=content)
    yield "timeline description", base.alt_text
    yield "timeline data table", table_html(base.data, content)
    stepper = Stepper(base)
    for i, event in enumerate(stepper.events):
        yield f"explorer {event.id}", stepper.details_html(i)


def _worksheet_texts() -> Iterator[tuple[str, str]]:
    form = gottlieb_worksheet()
    yield "Gottlieb worksheet", _widget_text(form)
    if hasattr(form, "button"):
        form.power.value, form.duration.value, form.termination.value = "high", "long", "uncertain"
        form.button.click()
        yield "Gottlieb worksheet reading", _widget_text(form)


def _widget_text(widget: Any) -> str:
    """Every HTML value in a widget tree (or an IPython HTML display's data)."""
    if hasattr(widget, "data") and isinstance(widget.data, str):
        return widget.data
    parts = [widget.value] if isinstance(getattr(widget, "value", None), str) else []
    for child in getattr(widget, "children", ()) or ():
        parts.append(_widget_text(child))
    return "\n".join(parts)


def _exercise_texts(exercise_id: str, root: Path) -> Iterator[tuple[str, str]]:
    spec = load(exercise_id, root=root).spec
    if spec is None:
        return
    where = f"exercise {exercise_id}"
    yield where, question_html(spec)
    yield f"{where} (every text field)", "\n".join(_strings(spec.model_dump(exclude={"fixtures"})))
    yield f"{where} (shown answer)", describe_answer(spec)
    for label, answer in _answers(spec):
        yield f"{where} ({label})", evaluate(spec, answer).feedback_html


def _answers(spec: Any) -> Iterator[tuple[str, Any]]:
    """The answers whose feedback a learner can see: reference, fixtures, alternatives, every path."""
    if getattr(spec, "answer", None) is not None:
        yield "checked answer", as_plain(spec.answer)
    for i, fixture in enumerate(getattr(spec, "fixtures", []) or []):
        yield f"fixture {i}", as_plain(fixture.answer)
    alternatives = getattr(spec, "also_accept", None) or []
    if isinstance(alternatives, list):
        for i, alt in enumerate(alternatives):
            yield f"accepted answer {i}", as_plain(alt)
    if spec.type == "single-choice":
        for option in spec.options:
            yield f"option {option.id}", option.id
    if spec.type == "decision":
        for path in _paths(spec, spec.start, []):
            yield "path " + " > ".join(path), path


def _paths(spec: Any, node_id: str, trail: list[str]) -> Iterator[list[str]]:
    node = next((n for n in spec.nodes if n.id == node_id), None)
    for choice in node.choices if node else []:
        path = trail + [choice.id]
        if choice.next == "end":
            yield path
        elif len(path) < 20:
            yield from _paths(spec, choice.next, path)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


def release_texts(release: Path) -> Iterator[tuple[str, str, bool]]:
    """(file, text, is field documentation) for every text file of a student release a learner may open."""
    for path in sorted(release.rglob("*")):
        rel = path.relative_to(release).as_posix()
        if not path.is_file() or rel.startswith("course/") or rel.endswith((".py", ".pyc", ".sh")):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        yield rel, text, rel.endswith(".md")
