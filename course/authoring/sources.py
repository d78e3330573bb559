"""The details still to be checked against a primary text: every ``verify:`` note in the content.

A ``verify:`` note is for instructors. Learners never see one: cards, code tables, the worksheet, the
case-judgement test and the reference lists leave it out, and ``course release`` strips it. ``course validate --sources`` lists what
is left here, one line per note with file and line, so that someone can check it and then delete the note.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..content.yaml_reader import YamlDoc, load_yaml
from ..paths import data_dir

FIELD = "verify"


@dataclass(frozen=True)
class Unverified:
    """One detail still to check: where its note is, which item it belongs to, and what the note says."""

    file: str
    line: int | None
    item: str
    note: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line or 1}: {self.item}: {self.note}"


def unverified(root: Path | None = None) -> list[Unverified]:
    """Every ``verify:`` note under ``root`` (default ``data/``): code sections, references, the
    case-judgement test's items, worksheets."""
    root = Path(root) if root is not None else data_dir()
    found: list[Unverified] = []
    codes = root / "codes"
    for path in sorted(codes.glob("*.yaml")) if codes.is_dir() else []:
        found += _in_list(load_yaml(path), "sections", "id")
    references = root / "references.yaml"
    if references.is_file():
        found += _in_list(load_yaml(references), "references", "key")
    judgement = root / "judgement"
    for path in sorted(judgement.glob("form-*.yaml")) if judgement.is_dir() else []:
        found += _in_list(load_yaml(path), "items", "id")
    worksheets = root / "worksheets"
    for path in sorted(worksheets.glob("*.yaml")) if worksheets.is_dir() else []:
        doc = load_yaml(path)
        if isinstance(doc.data, dict) and _note(doc.data.get(FIELD)):
            found.append(Unverified(doc.name, doc.line_of((FIELD,)), f"worksheet {path.stem}", _note(doc.data[FIELD])))
    return found


def _in_list(doc: YamlDoc, key: str, id_field: str) -> list[Unverified]:
    items = doc.data.get(key) if isinstance(doc.data, dict) else None
    out: list[Unverified] = []
    for i, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict) and _note(item.get(FIELD)):
            name = str(item.get(id_field) or f"{key}[{i}]")
            out.append(Unverified(doc.name, doc.line_of((key, i, FIELD)), name, _note(item[FIELD])))
    return out


def _note(value: Any) -> str:
    """The note as one line of text, or '' for no note (``null``, empty or not text)."""
    return " ".join(value.split()) if isinstance(value, str) else ""


def report(items: list[Unverified]) -> str:
    """The text ``course validate --sources`` prints: one line per note, then the count."""
    if not items:
        return "No verify notes: every detail in the content has been checked against a primary text."
    lines = [str(item) for item in items]
    lines.append(
        f"\n{len(items)} detail(s) still to check against a primary text. Learners never see these notes; "
        "check each one, then correct the detail or delete its note."
    )
    return "\n".join(lines)
