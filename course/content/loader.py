"""Load everything in ``data/`` into typed models and cross-check it.

``read_content`` never raises for bad content: it returns what it could load plus every problem.
``load_content`` is the strict, cached entry point the notebooks use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..paths import data_dir as default_data_dir
from ..problems import ContentError, Problem
from . import models as m
from .checks import cross_check
from .yaml_reader import YamlDoc, load_yaml, validate_model


@dataclass
class Content:
    """All course content, validated."""

    root: Path
    course: m.CourseMap
    characters: list[m.Character]
    phases: list[m.Phase]
    events: list[m.Event]
    notice: str
    held_frame: m.HeldFrame | None
    code_files: list[m.CodeFile]
    codes: dict[str, m.CodeSection]
    terms: dict[str, m.Term]
    references: dict[str, m.Reference]
    docs: dict[str, YamlDoc] = field(default_factory=dict, repr=False)

    def event(self, event_id: str) -> m.Event:
        for event in self.events:
            if event.id == event_id:
                return event
        raise KeyError(f"no event with id {event_id!r} in data/vignette/events.yaml")

    def notebook(self, notebook_id: str) -> m.NotebookInfo:
        for nb in self.course.notebooks:
            if nb.id == notebook_id:
                return nb
        raise KeyError(f"no notebook {notebook_id!r} in data/course.yaml")

    def phase(self, phase_id: str) -> m.Phase:
        return next(p for p in self.phases if p.id == phase_id)

    @property
    def objectives(self) -> dict[str, tuple[m.NotebookInfo, m.Objective]]:
        return {o.id: (nb, o) for nb in self.course.notebooks for o in nb.objectives}


FILES = {
    "course": "course.yaml",
    "characters": "vignette/characters.yaml",
    "phases": "vignette/phases.yaml",
    "events": "vignette/events.yaml",
    "held_frame": "vignette/held-frame.yaml",
    "glossary": "glossary.yaml",
    "references": "references.yaml",
}


def read_content(root: Path | None = None) -> tuple[Content | None, list[Problem]]:
    """Load and cross-check ``root`` (default ``data/``). Returns (content or None, problems)."""
    root = Path(root) if root is not None else default_data_dir()
    problems: list[Problem] = []
    docs: dict[str, YamlDoc] = {}
    loaded: dict[str, Any] = {}
    models = {
        "course": m.CourseMap,
        "characters": m.Characters,
        "phases": m.Phases,
        "events": m.Vignette,
        "held_frame": m.HeldFrame,
        "glossary": m.Glossary,
        "references": m.References,
    }
    for name, rel in FILES.items():
        path = root / rel
        if not path.exists():
            if name == "held_frame":
                loaded[name] = None
                continue
            problems.append(
                Problem(str(path), None, "", "is missing; every course needs this file (see data/README.md)")
            )
            continue
        doc = load_yaml(path)
        docs[rel] = doc
        problems += doc.problems
        if doc.problems:
            continue
        obj, found = validate_model(models[name], doc)
        problems += found
        loaded[name] = obj

    code_files: list[m.CodeFile] = []
    codes_dir = root / "codes"
    code_paths = sorted(codes_dir.glob("*.yaml")) if codes_dir.is_dir() else []
    if not code_paths:
        problems.append(Problem(str(codes_dir), None, "", "holds no code files; add at least one (see data/README.md)"))
    for path in code_paths:
        rel = f"codes/{path.name}"
        doc = load_yaml(path)
        docs[rel] = doc
        problems += doc.problems
        if doc.problems:
            continue
        obj, found = validate_model(m.CodeFile, doc)
        problems += found
        if obj is not None:
            code_files.append(obj)

    required = ("course", "characters", "phases", "events", "glossary", "references")
    if any(loaded.get(name) is None for name in required) or problems:
        return None, problems

    codes: dict[str, m.CodeSection] = {}
    for cf in code_files:
        for section in cf.sections:
            codes[section.id] = section.model_copy(
                update={
                    "body": cf.body,
                    "edition": cf.edition,
                    "profession": cf.profession,
                    "citation": cf.citation,
                }
            )
    content = Content(
        root=root,
        course=loaded["course"],
        characters=list(loaded["characters"].characters),
        phases=list(loaded["phases"].phases),
        events=list(loaded["events"].events),
        notice=loaded["events"].notice,
        held_frame=loaded.get("held_frame"),
        code_files=code_files,
        codes=codes,
        terms={t.id: t for t in loaded["glossary"].terms},
        references={r.key: r for r in loaded["references"].references},
        docs=docs,
    )
    problems += cross_check(content)
    return content, problems


def check_content(root: Path | None = None) -> list[Problem]:
    """Every problem in the content folder (empty when all is well)."""
    return read_content(root)[1]


@lru_cache(maxsize=4)
def _load_cached(root: Path) -> Content:
    content, problems = read_content(root)
    if problems or content is None:
        raise ContentError(problems)
    return content


def load_content(root: Path | None = None) -> Content:
    """The validated content; raises ContentError listing every problem."""
    return _load_cached(Path(root).resolve() if root is not None else default_data_dir().resolve())
