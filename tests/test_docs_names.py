"""The docs an instructor follows name only exercises, ids and data files that exist.

Checked in README.md, data/README.md, data/exercises/README.md and docs/*.md:

* every ``course.exercise("...")`` names an exercise of the course;
* every id-like word in backticks (lower case words joined by hyphens, such as ``ch01-gottlieb-jane``) is an
  id the content defines (exercise, event, code section, term, reference, topic, boundary dimension,
  phase, objective, notebook, character, exercise type), or one of the few words in ``NOT_IDS``;
* every YAML file named (``data/vignette/events.yaml``, ``05_rupture_and_repair/x.yaml``, ``nasw.yaml``)
  is a file of ``data/``, or one of ``NOT_DATA_FILES``.
"""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest

from course.content import load_content
from course.content import models as m
from course.delivery.audience import DELIVERIES, TAG_PREFIX
from course.exercises.lookup import index
from course.exercises.types import TYPES
from course.judgement.forms import load_forms
from course.judgement.model import OBJECTIVES as JUDGEMENT_OBJECTIVES
from course.paths import data_dir, repo_root

REPO = repo_root()
DOCS = [REPO / "README.md", REPO / "data" / "README.md", REPO / "data" / "exercises" / "README.md"]
DOCS += sorted((REPO / "docs").glob("*.md"))

# Backticked words in the docs that look like ids but are not meant as course ids, each with its reason.
NOT_IDS = {
    "python3-venv": "a Debian package",
    "apt-get": "a command",
    "jupyterhub-idle-culler": "a JupyterHub service",
    "course-learners": "the hub's learners' group",
    "seminar-demo": "the hub's demo account",
    "jupyter-alice": "a hub user's system account",
    "smith-nd": "how a key for an undated work is written (data/README.md)",
    "aca-a.10.f": "the section data/README.md shows how to add",
    "aca-a10.f": "the typo data/README.md shows the validator catching",
}
# YAML files the docs name that are not files of data/.
NOT_DATA_FILES = {
    "environment.yml": "the conda environment, at the top of the repository",
    "config.yaml": "Zero to JupyterHub's chart configuration",
    "codes/hcpc.yaml": "the code file data/README.md shows how to add",
}

ID_WORD = re.compile(r"`([a-z0-9]+(?:-[a-z0-9.]+)+)`")
FILE_NAME = re.compile(r"\.(ya?ml|zip|md|json|ipynb)$")
EXERCISE_CALL = re.compile(r"""course\.exercise\(\s*["']([^"']*)["']""")
YAML_NAME = re.compile(r"(?<![\w./<>*-])([A-Za-z0-9_./-]+\.ya?ml)\b")


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _rel(path: Path) -> str:
    return str(path.relative_to(REPO))


@pytest.fixture(scope="module")
def exercise_ids() -> set[str]:
    return set(index(data_dir() / "exercises"))


@pytest.fixture(scope="module")
def known_ids(exercise_ids: set[str]) -> set[str]:
    content = load_content()
    ids = set(exercise_ids)
    ids |= {e.id for e in content.events} | {b for e in content.events for b in e.boundaries}
    ids |= set(content.codes) | set(content.terms) | set(content.references)
    ids |= {t for section in content.codes.values() for t in section.topics}
    ids |= (
        set(typing.get_args(m.Topic))
        | set(typing.get_args(m.BoundaryDimension))
        | {p.id for p in content.phases}
        | set(content.objectives)
    )
    ids |= {nb.id for nb in content.course.notebooks} | {c.id for c in content.characters}
    ids |= set(TYPES)
    ids |= set(_subcommands())  # `class-summary`, `hub-add-learner`, ...: the course command's own words
    ids |= {f"{TAG_PREFIX}{d}" for d in DELIVERIES}  # `only-lab` ...: the cell tags for one delivery
    ids |= set(JUDGEMENT_OBJECTIVES)  # the case-judgement test's objectives, and its items and pairs
    ids |= {x for f in load_forms().forms.values() for i in f.items for x in (i.id, i.pair)}
    return ids


def _subcommands() -> list[str]:
    from course.cli import build_parser

    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return list(action.choices)


def test_every_exercise_a_doc_shows_in_a_notebook_cell_exists(exercise_ids: set[str]) -> None:
    wrong = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for match in EXERCISE_CALL.finditer(text):
            name = match.group(1)
            if name.startswith("<"):  # a placeholder, e.g. course.exercise("<id>")
                continue
            if name not in exercise_ids:
                wrong.append(f"{_rel(doc)}:{_line(text, match.start())}: no exercise {name!r}")
    assert wrong == [], "\n".join(wrong)


def test_every_id_in_the_docs_exists(known_ids: set[str]) -> None:
    wrong = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for match in ID_WORD.finditer(text):
            word = match.group(1)
            if FILE_NAME.search(word):  # a file, checked below when it is a data file
                continue
            if word not in known_ids and word not in NOT_IDS:
                wrong.append(f"{_rel(doc)}:{_line(text, match.start())}: `{word}` is no id of the course")
    assert wrong == [], "\n".join(wrong)


def test_every_data_file_in_the_docs_exists() -> None:
    data_files = {str(p.relative_to(REPO)) for p in (REPO / "data").rglob("*.y*ml")}
    wrong = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for match in YAML_NAME.finditer(text):
            name = match.group(1)
            if name in NOT_DATA_FILES:
                continue
            suffix = name if name.startswith("data/") else f"/{name}"
            if not any(f == name or f.endswith(suffix) for f in data_files):
                wrong.append(f"{_rel(doc)}:{_line(text, match.start())}: no file {name} in data/")
    assert wrong == [], "\n".join(wrong)


def test_the_allowances_are_still_needed() -> None:
    """An allowance no doc uses any more goes, so the lists stay short."""
    text = "\n".join(doc.read_text(encoding="utf-8") for doc in DOCS)
    assert [w for w in NOT_IDS if f"`{w}`" not in text] == []
    assert [f for f in NOT_DATA_FILES if f not in text] == []
