"""Interactive worksheets built from data: Gottlieb's (1993) decision model for dual relationships.

The worksheet's text, levels, scoring rule and the course's reading of Jane's request live in
``data/worksheets/gottlieb.yaml``, read and checked by ``course.content.gottlieb``. This module scores
three ratings with a pure function and builds a small, keyboard-operable ipywidgets form. Results are
written into an HTML widget's ``value`` (never printed), so the form can be driven and read headlessly.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..content.gottlieb import DIMENSION_IDS, GOTTLIEB_FILE, Dimension, GottliebSheet, level_ids, load_gottlieb
from ..problems import VALIDATE_ALSO, VALIDATE_COMMAND, ContentError, Problem
from ..progress.fallback import get_store
from ..safe_html import esc, inline, markdown
from ..theme import CSS

PLACEHOLDER = "— choose a level —"
WORKSHEET_SETTING = "gottlieb-worksheet"  # the levels last chosen; the site keeps them under the same name


def _sheet(sheet: GottliebSheet | None = None) -> GottliebSheet:
    """A loaded sheet, or the shipped one; raises ContentError listing every problem."""
    if sheet is not None:
        return sheet
    loaded, problems = load_gottlieb()
    if loaded is None:
        raise ContentError(problems)
    return loaded


# --- the pure assessment -------------------------------------------------------------------------


def gottlieb_assessment(
    power: str, duration: str, termination: str, *, sheet: GottliebSheet | None = None
) -> tuple[str, str]:
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
                f"{dim_id} {value!r} is not a level of the model; choose one of {level_ids(sheet, dim_id)}"
            )
    risk = sheet.risk(power, duration, termination)
    return risk, getattr(sheet.readings, risk).advice


# --- the form ------------------------------------------------------------------------------------


@dataclass
class GottliebWorksheet:
    """The displayed form and its parts (tests set the dropdowns' ``.value`` and click ``.button``)."""

    sheet: GottliebSheet
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
        f"(or run <code>{VALIDATE_COMMAND}</code>, or <code>{VALIDATE_ALSO}</code> in a JupyterLab terminal):</p>"
        f"<ul>{items}</ul></div>"
    )


def _build(sheet: GottliebSheet) -> GottliebWorksheet:
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
    for dim_id, level in _saved_levels(sheet).items():
        dropdowns[dim_id].value = level

    def on_change(_: Any) -> None:
        if result.value:  # a reading on screen follows the choices
            on_click(None)
        _save_levels({d: dropdowns[d].value for d in DIMENSION_IDS})

    for dd in dropdowns.values():
        dd.observe(on_change, names="value")
    rows += [button, result]
    box = w.VBox(rows)
    return GottliebWorksheet(sheet, dropdowns, explanations, button, result, box)


def _saved_levels(sheet: GottliebSheet) -> dict[str, str]:
    """The levels the learner last chose (kept in the progress store), those still in the model."""
    try:
        saved = get_store()[0].get_setting(WORKSHEET_SETTING, {})
    except Exception:  # an unreadable store only means the form starts empty
        return {}
    if not isinstance(saved, dict):
        return {}
    return {
        d: saved[d]
        for d in DIMENSION_IDS
        if isinstance(saved.get(d), str) and saved[d] and sheet.dimension(d).level(saved[d]) is not None
    }


def _save_levels(levels: dict[str, str]) -> None:
    """Keep the chosen levels for the next visit; the form works on if they cannot be kept."""
    try:
        get_store()[0].set_setting(WORKSHEET_SETTING, levels)
    except Exception:  # a broken store only loses the choices for next time
        pass


def _level_hint(dim: Dimension, level_id: str) -> str:
    level = dim.level(level_id) if level_id else None
    text = f"<strong>{esc(level.label)}:</strong> {esc(level.explanation)}" if level else esc(dim.question)
    return f"<p style='margin:0 0 0.4em 8.5em'><small>{text}</small></p>"


def reading_html(sheet: GottliebSheet, chosen: dict[str, str]) -> str:
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


def _compare_with_jane(sheet: GottliebSheet, chosen: dict[str, str]) -> str:
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
