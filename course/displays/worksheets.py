"""Interactive worksheets built from data: Gottlieb's (1993) decision model for dual relationships.

The worksheet's text, levels, scoring rule and the course's reading of Jane's request live in
``data/worksheets/gottlieb.yaml``; this module validates that file (pydantic, problems reported as
``file:line: field: message``), scores three ratings with a pure function, and builds a small,
keyboard-operable ipywidgets form. Results are written into an HTML widget's ``value`` (never printed),
so the form can be driven and read headlessly.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from ..content.yaml_reader import load_yaml, validate_model
from ..paths import data_dir as default_data_dir
from ..problems import ContentError, Problem
from ..safe_html import esc, inline, markdown
from ..theme import CSS

__all__ = [
    "DIMENSION_IDS",
    "RISKS",
    "GOTTLIEB_FILE",
    "gottlieb_path",
    "load_gottlieb",
    "gottlieb_problems",
    "gottlieb_assessment",
    "gottlieb_worksheet",
    "GottliebWorksheet",
]

DIMENSION_IDS: tuple[str, ...] = ("power", "duration", "termination")
RISKS: tuple[str, ...] = ("high", "moderate", "low")
GOTTLIEB_FILE = "worksheets/gottlieb.yaml"
PLACEHOLDER = "— choose a level —"


def gottlieb_path(data_dir: Path | None = None) -> Path:
    """Where the Gottlieb worksheet lives (``COURSE_DATA`` overrides the default ``data/``)."""
    return (Path(data_dir) if data_dir is not None else default_data_dir()) / GOTTLIEB_FILE


# --- the data model (built lazily: pydantic is imported only when a worksheet is loaded) ----------


def _models() -> Any:
    """The pydantic models of the worksheet file, created on first use and cached."""
    global _MODELS
    if _MODELS is not None:
        return _MODELS
    from typing import Literal

    from pydantic import BaseModel, ConfigDict, Field, field_validator

    def not_blank(value: str) -> str:
        if not value.strip():
            raise ValueError("is empty; write some text here")
        return value.strip()

    class Strict(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

    class Level(Strict):
        id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
        label: str
        points: int = Field(ge=0, le=2)
        explanation: str

        check_text = field_validator("label", "explanation")(not_blank)

    class Dimension(Strict):
        id: Literal["power", "duration", "termination"]
        label: str
        question: str
        levels: list[Level] = Field(min_length=2, max_length=5)

        check_text = field_validator("label", "question")(not_blank)

        def level(self, level_id: str) -> Level | None:
            return next((lv for lv in self.levels if lv.id == level_id), None)

    class Decisive(Strict):
        dimension: Literal["power", "duration", "termination"]
        level: str

    class Scoring(Strict):
        decisive: list[Decisive] = Field(default_factory=list)
        high_at_points: int = Field(ge=1, le=6)
        low_at_most: int = Field(ge=0, le=5)

    class Reading(Strict):
        label: str
        advice: str
        next_steps: list[str] = Field(min_length=1)

        check_text = field_validator("label", "advice")(not_blank)

    class Readings(Strict):
        high: Reading
        moderate: Reading
        low: Reading

    class Step(Strict):
        id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
        text: str

        check_text = field_validator("text")(not_blank)

    class Reasons(Strict):
        power: str
        duration: str
        termination: str

    class JaneReading(Strict):
        power: str
        duration: str
        termination: str
        risk: Literal["high", "moderate", "low"]
        reasons: Reasons

    class GottliebSheet(Strict):
        title: str
        source: str
        # what is still to be checked against the paper: instructors only, never shown in the worksheet
        verify: Optional[str] = None
        intro: str
        dimensions: list[Dimension] = Field(min_length=3, max_length=3)
        scoring: Scoring
        readings: Readings
        steps: list[Step] = Field(min_length=1)
        jane: JaneReading

        check_text = field_validator("title", "intro")(not_blank)

        def dimension(self, dim_id: str) -> Dimension:
            return next(d for d in self.dimensions if d.id == dim_id)

    _MODELS = GottliebSheet
    return _MODELS


_MODELS: Any = None


def load_gottlieb(path: Path | str | None = None) -> tuple[Any | None, list[Problem]]:
    """Read and check the worksheet file: (sheet or None, problems). Never raises for bad content."""
    path = Path(path) if path is not None else gottlieb_path()
    doc = load_yaml(path)
    if doc.problems:
        return None, doc.problems
    sheet, problems = validate_model(_models(), doc)
    if sheet is None:
        return None, problems
    problems = _cross_check(sheet, doc)
    return (None if problems else sheet), problems


def gottlieb_problems(path: Path | str | None = None) -> list[Problem]:
    """Every problem in the worksheet file (empty when it is usable); for ``course validate``."""
    return load_gottlieb(path)[1]


def _cross_check(sheet: Any, doc: Any) -> list[Problem]:
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
        for j, level_id in enumerate(ids):
            if level_id in ids[:j]:
                found.append(
                    doc.problem(
                        ("dimensions", i, "levels", j, "id"),
                        f"'{level_id}' is used twice in {dim.id}; every level id must be unique",
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
                    f"'{rule.level}' is not a level of {rule.dimension}; use one of {_level_ids(sheet, rule.dimension)}",
                )
            )
    step_ids = [s.id for s in sheet.steps]
    for i, step_id in enumerate(step_ids):
        if step_id in step_ids[:i]:
            found.append(doc.problem(("steps", i, "id"), f"'{step_id}' is used twice; every step id must be unique"))
    level_ok = True
    for dim_id in DIMENSION_IDS:
        value = getattr(sheet.jane, dim_id)
        if sheet.dimension(dim_id).level(value) is None:
            level_ok = False
            found.append(
                doc.problem(
                    ("jane", dim_id), f"'{value}' is not a level of {dim_id}; use one of {_level_ids(sheet, dim_id)}"
                )
            )
    if level_ok and not found:
        computed = _risk(sheet, sheet.jane.power, sheet.jane.duration, sheet.jane.termination)
        if computed != sheet.jane.risk:
            found.append(
                doc.problem(
                    ("jane", "risk"),
                    f"says '{sheet.jane.risk}', but the scoring rule gives '{computed}' for these levels; change the risk or the levels so they agree",
                )
            )
    return found


def _level_ids(sheet: Any, dim_id: str) -> str:
    return ", ".join(lv.id for lv in sheet.dimension(dim_id).levels)


def _sheet(sheet: Any = None) -> Any:
    """A loaded sheet, or the shipped one; raises ContentError listing every problem."""
    if sheet is not None:
        return sheet
    loaded, problems = load_gottlieb()
    if loaded is None:
        raise ContentError(problems)
    return loaded


# --- the pure assessment -------------------------------------------------------------------------


def _risk(sheet: Any, power: str, duration: str, termination: str) -> str:
    chosen = {"power": power, "duration": duration, "termination": termination}
    if any(chosen[rule.dimension] == rule.level for rule in sheet.scoring.decisive):
        return "high"
    points = sum(sheet.dimension(d).level(chosen[d]).points for d in DIMENSION_IDS)
    if points >= sheet.scoring.high_at_points:
        return "high"
    if points <= sheet.scoring.low_at_most:
        return "low"
    return "moderate"


def gottlieb_assessment(power: str, duration: str, termination: str, *, sheet: Any = None) -> tuple[str, str]:
    """The risk reading for the current relationship and the advice that goes with it.

    ``power`` is low/mid/high, ``duration`` brief/intermediate/long, ``termination`` clear/uncertain
    (the level ids in data/worksheets/gottlieb.yaml). Returns ``(risk, advice)`` where ``risk`` is
    ``"high"``, ``"moderate"`` or ``"low"``. Raises ``ValueError`` naming the allowed levels when a
    level is unknown, and ``ContentError`` when the worksheet file has problems.
    """
    sheet = _sheet(sheet)
    chosen = {"power": power, "duration": duration, "termination": termination}
    for dim_id, value in chosen.items():
        if sheet.dimension(dim_id).level(value) is None:
            raise ValueError(
                f"{dim_id} {value!r} is not a level of the model; choose one of {_level_ids(sheet, dim_id)}"
            )
    risk = _risk(sheet, power, duration, termination)
    return risk, getattr(sheet.readings, risk).advice


# --- the form ------------------------------------------------------------------------------------


@dataclass
class GottliebWorksheet:
    """The displayed form and its parts (tests set the dropdowns' ``.value`` and click ``.button``)."""

    sheet: Any
    dropdowns: dict[str, Any]
    explanations: dict[str, Any]
    button: Any
    result: Any
    widget: Any

    @property
    def power(self) -> Any:
        return self.dropdowns["power"]

    @property
    def duration(self) -> Any:
        return self.dropdowns["duration"]

    @property
    def termination(self) -> Any:
        return self.dropdowns["termination"]

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> Any:
        return self.widget._repr_mimebundle_(include=include, exclude=exclude)


def gottlieb_worksheet(path: Path | str | None = None) -> Any:
    """A labelled form: rate power, duration and termination, then show the reading and next steps.

    If the worksheet file has problems, returns an HTML list of them instead (no traceback).
    """
    sheet, problems = load_gottlieb(path)
    if sheet is None:
        from IPython.display import HTML

        return HTML(CSS + problems_html(problems))
    return _build(sheet)


def problems_html(problems: list[Problem]) -> str:
    """The problems of a worksheet file as an HTML note for the learner or instructor."""
    items = "".join(f"<li><code>{esc(p)}</code></li>" for p in problems)
    return (
        "<div class='course-worksheet-problems' role='alert'><p><strong>The Gottlieb worksheet cannot be "
        f"shown</strong> because data/{GOTTLIEB_FILE} has problems. Fix them and run this cell again "
        f"(or run <code>course validate</code>):</p><ul>{items}</ul></div>"
    )


def _build(sheet: Any) -> GottliebWorksheet:
    import ipywidgets as w

    head = w.HTML(
        value=(
            f"{CSS}<h4>{esc(sheet.title)}</h4>{markdown(sheet.intro)}"
            f"<details><summary>The model's steps, in the course's summary</summary><ol>"
            + "".join(f"<li>{inline(s.text)}</li>" for s in sheet.steps)
            + "</ol></details>"
        )
    )
    dropdowns: dict[str, Any] = {}
    explanations: dict[str, Any] = {}
    rows: list[Any] = [head]
    for dim in sheet.dimensions:
        dd = w.Dropdown(
            options=[(PLACEHOLDER, "")] + [(lv.label, lv.id) for lv in dim.levels],
            value="",
            description=f"{dim.label}:",
            description_allow_html=False,
            tooltip=dim.question,
            style={"description_width": "8em"},
            layout=w.Layout(width="28em"),
        )
        hint = w.HTML(value=_level_hint(dim, ""))
        dd.observe(
            lambda change, dim=dim, hint=hint: setattr(hint, "value", _level_hint(dim, change["new"])), names="value"
        )
        dropdowns[dim.id] = dd
        explanations[dim.id] = hint
        rows += [dd, hint]
    button = w.Button(
        description="Show the reading",
        tooltip="Show the risk reading and the next steps for these ratings",
        button_style="primary",
        icon="",
    )
    result = w.HTML(value="")

    def on_click(_: Any) -> None:
        result.value = reading_html(sheet, {d: dropdowns[d].value for d in DIMENSION_IDS})

    button.on_click(on_click)
    rows += [button, result]
    box = w.VBox(rows)
    return GottliebWorksheet(sheet, dropdowns, explanations, button, result, box)


def _level_hint(dim: Any, level_id: str) -> str:
    level = dim.level(level_id) if level_id else None
    text = f"<strong>{esc(level.label)}:</strong> {esc(level.explanation)}" if level else esc(dim.question)
    return f"<p style='margin:0 0 0.4em 8.5em'><small>{text}</small></p>"


def reading_html(sheet: Any, chosen: dict[str, str]) -> str:
    """The risk reading, its next steps and a comparison with the course's reading of Jane's request.

    Missing choices produce a note saying which dimension still needs a level (never an error)."""
    missing = [sheet.dimension(d).label.lower() for d in DIMENSION_IDS if not chosen.get(d)]
    if missing:
        return (
            f"<div class='course-worksheet-result' role='status' aria-live='polite'><p><strong>Not yet.</strong> "
            f"Choose a level for {esc(_and(missing))} first, then press Show the reading.</p></div>"
        )
    risk, _ = gottlieb_assessment(chosen["power"], chosen["duration"], chosen["termination"], sheet=sheet)
    reading = getattr(sheet.readings, risk)
    steps = "".join(f"<li>{inline(s)}</li>" for s in reading.next_steps)
    compare = _compare_with_jane(sheet, chosen)
    return (
        f"<div class='course-worksheet-result' role='status' aria-live='polite'>"
        f"<p><strong>Reading: {esc(reading.label)}.</strong></p>{markdown(reading.advice)}"
        f"<p><strong>Next steps</strong></p><ol>{steps}</ol>{compare}</div>"
    )


def _compare_with_jane(sheet: Any, chosen: dict[str, str]) -> str:
    jane = sheet.jane
    rows = []
    differs = False
    for d in DIMENSION_IDS:
        dim = sheet.dimension(d)
        ours, yours = dim.level(getattr(jane, d)), dim.level(chosen[d])
        same = ours.id == yours.id
        differs = differs or not same
        mark = "same as yours" if same else f"you chose {yours.label.lower()}"
        rows.append(
            f"<li><strong>{esc(dim.label)}: {esc(ours.label)}</strong> ({esc(mark)}). "
            f"{esc(getattr(jane.reasons, d))}</li>"
        )
    verdict = getattr(sheet.readings, jane.risk).label
    lead = (
        "Your ratings match the course's reading."
        if not differs
        else "Your ratings differ from the course's reading in places; compare the reasons below and decide "
        "which you can defend."
    )
    return (
        f"<p><strong>The course's reading of Jane's request</strong> ({esc(verdict.lower())}). "
        f"{esc(lead)}</p><ul>{''.join(rows)}</ul>"
    )


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
