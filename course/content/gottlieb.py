"""The Gottlieb worksheet file (data/worksheets/gottlieb.yaml) as typed models, read and cross-checked.

Gottlieb's (1993) decision model for dual relationships: three dimensions of the current relationship
(power, duration, termination), each with levels worth points, a scoring rule that turns three levels
into a risk reading, the readings' advice and next steps, and the course's own reading of Jane's
request. ``load_gottlieb`` reports problems as ``file:line: field: message``; the form that shows the
worksheet is ``course.displays.worksheets``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, Optional

from pydantic import Field

from ..paths import data_dir as default_data_dir
from ..problems import Problem
from .ids import duplicates
from .links import link_problems
from .models import ContentModel
from .strict import TrimmedText
from .yaml_reader import YamlDoc, load_yaml, validate_model

DIMENSION_IDS: tuple[str, ...] = ("power", "duration", "termination")
GOTTLIEB_FILE = "worksheets/gottlieb.yaml"
DimensionId = Literal["power", "duration", "termination"]
LEVEL_ID = r"^[a-z][a-z0-9-]*$"


def gottlieb_path(data_dir: Path | None = None) -> Path:
    """Where the Gottlieb worksheet lives (``COURSE_DATA`` overrides the default ``data/``)."""
    return (Path(data_dir) if data_dir is not None else default_data_dir()) / GOTTLIEB_FILE


class Level(ContentModel):
    id: str = Field(pattern=LEVEL_ID)
    label: TrimmedText
    points: int = Field(ge=0, le=2)
    explanation: TrimmedText


class Dimension(ContentModel):
    id: DimensionId
    label: TrimmedText
    question: TrimmedText
    levels: list[Level] = Field(min_length=2, max_length=5)

    def level(self, level_id: str) -> Level | None:
        """The level with this id, or None."""
        return next((lv for lv in self.levels if lv.id == level_id), None)


class Decisive(ContentModel):
    dimension: DimensionId
    level: str


class Scoring(ContentModel):
    decisive: list[Decisive] = Field(default_factory=list)
    high_at_points: int = Field(ge=1, le=6)
    low_at_most: int = Field(ge=0, le=5)


class Reading(ContentModel):
    label: TrimmedText
    advice: TrimmedText
    next_steps: list[str] = Field(min_length=1)


class Readings(ContentModel):
    high: Reading
    moderate: Reading
    low: Reading


class Step(ContentModel):
    id: str = Field(pattern=LEVEL_ID)
    text: TrimmedText


class Reasons(ContentModel):
    power: str
    duration: str
    termination: str


class JaneReading(ContentModel):
    power: str
    duration: str
    termination: str
    risk: Literal["high", "moderate", "low"]
    reasons: Reasons


class GottliebSheet(ContentModel):
    title: TrimmedText
    source: str
    # what is still to be checked against the paper: instructors only, never shown in the worksheet
    verify: Optional[str] = None
    intro: TrimmedText
    dimensions: list[Dimension] = Field(min_length=3, max_length=3)
    scoring: Scoring
    readings: Readings
    steps: list[Step] = Field(min_length=1)
    jane: JaneReading

    def dimension(self, dim_id: str) -> Dimension:
        """The dimension with this id (the checks make sure each is there once)."""
        return next(d for d in self.dimensions if d.id == dim_id)

    def risk(self, power: str, duration: str, termination: str) -> str:
        """The scoring rule: a decisive level makes it high; else the points decide (high, moderate, low)."""
        chosen = {"power": power, "duration": duration, "termination": termination}
        if any(chosen[rule.dimension] == rule.level for rule in self.scoring.decisive):
            return "high"
        points = sum(self.dimension(d).level(chosen[d]).points for d in DIMENSION_IDS)
        if points >= self.scoring.high_at_points:
            return "high"
        if points <= self.scoring.low_at_most:
            return "low"
        return "moderate"


def load_gottlieb(path: Path | str | None = None) -> tuple[GottliebSheet | None, list[Problem]]:
    """Read and check the worksheet file: (sheet or None, problems). Never raises for bad content."""
    _, sheet, problems = _read(Path(path) if path is not None else gottlieb_path())
    return sheet, problems


def gottlieb_problems(path: Path | str | None = None) -> list[Problem]:
    """Every problem in the worksheet file, links that are not https:// or a course file among them
    (empty when it is usable); for ``course validate``."""
    doc, _, problems = _read(Path(path) if path is not None else gottlieb_path())
    return problems + link_problems(doc)


def _read(path: Path) -> tuple[YamlDoc, GottliebSheet | None, list[Problem]]:
    doc = load_yaml(path)
    if doc.problems:
        return doc, None, doc.problems
    sheet, problems = validate_model(GottliebSheet, doc)
    if sheet is None:
        return doc, None, problems
    problems = _cross_check(sheet, doc)
    return doc, (None if problems else sheet), problems


def _cross_check(sheet: GottliebSheet, doc: YamlDoc) -> list[Problem]:
    """Checks pydantic cannot express: each dimension once, ids unique, references that resolve,
    thresholds in order, and Jane's stated risk agreeing with the scoring rule."""
    found: list[Problem] = []
    seen: dict[str, int] = {}
    for i, dim in enumerate(sheet.dimensions):
        if dim.id in seen:
            found.append(
                doc.problem(
                    ("dimensions", i, "id"),
                    f"'{dim.id}' is already defined above; list power, duration and termination once each",
                )
            )
        seen[dim.id] = i
        ids = [lv.id for lv in dim.levels]
        for j in duplicates(ids):
            found.append(
                doc.problem(
                    ("dimensions", i, "levels", j, "id"),
                    f"'{ids[j]}' is used twice in {dim.id}; every level id must be unique",
                )
            )
    missing = [d for d in DIMENSION_IDS if d not in seen]
    if missing:
        found.append(
            doc.problem(
                ("dimensions",), f"has no {', '.join(missing)}; the model needs exactly power, duration and termination"
            )
        )
    if found:
        return found
    scoring = sheet.scoring
    if scoring.low_at_most >= scoring.high_at_points:
        found.append(
            doc.problem(
                ("scoring", "low_at_most"),
                f"is {scoring.low_at_most}, not below high_at_points ({scoring.high_at_points}); make it smaller so that 'low' and 'high' cannot overlap",
            )
        )
    for i, rule in enumerate(scoring.decisive):
        if sheet.dimension(rule.dimension).level(rule.level) is None:
            found.append(
                doc.problem(
                    ("scoring", "decisive", i, "level"),
                    f"'{rule.level}' is not a level of {rule.dimension}; use one of {level_ids(sheet, rule.dimension)}",
                )
            )
    step_ids = [s.id for s in sheet.steps]
    for i in duplicates(step_ids):
        found.append(doc.problem(("steps", i, "id"), f"'{step_ids[i]}' is used twice; every step id must be unique"))
    level_ok = True
    for dim_id in DIMENSION_IDS:
        value = getattr(sheet.jane, dim_id)
        if sheet.dimension(dim_id).level(value) is None:
            level_ok = False
            found.append(
                doc.problem(
                    ("jane", dim_id), f"'{value}' is not a level of {dim_id}; use one of {level_ids(sheet, dim_id)}"
                )
            )
    if level_ok and not found:
        computed = sheet.risk(sheet.jane.power, sheet.jane.duration, sheet.jane.termination)
        if computed != sheet.jane.risk:
            found.append(
                doc.problem(
                    ("jane", "risk"),
                    f"says '{sheet.jane.risk}', but the scoring rule gives '{computed}' for these levels; change the risk or the levels so they agree",
                )
            )
    return found


def level_ids(sheet: GottliebSheet, dim_id: str) -> str:
    """The level ids of one dimension, for messages."""
    return ", ".join(lv.id for lv in sheet.dimension(dim_id).levels)
