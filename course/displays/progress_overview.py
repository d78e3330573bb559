"""The learner's progress at a glance: completion per notebook and per learning objective, and the review
queue's retention over time (``retention``).

Decision scenarios are open exploration, counted three ways: explored (begun: at least one reply chosen,
whether left halfway or played to its end), played to its end along any path (which counts as completed),
and played along the course's recommended path. The site draws the same tables from the browser's
progress (``static/site.js``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..content import load_content
from ..exercises.drafts import drafts
from ..exercises.lookup import index, load
from ..exercises.types import type_of
from ..paths import data_dir
from ..progress.fallback import get_store
from ..safe_html import esc
from ..theme import CSS
from .retention import review_history


@dataclass
class Completion:
    """How many of a group's exercises the learner has completed."""

    label: str
    done: list[str] = field(default_factory=list)
    todo: list[str] = field(default_factory=list)
    scenarios: list[str] = field(default_factory=list)  # the decision scenarios among them
    explored: list[str] = field(default_factory=list)  # scenarios begun: left halfway or played to an end
    ended: list[str] = field(default_factory=list)  # scenarios played to an end, along any path
    recommended: list[str] = field(default_factory=list)  # scenarios played along the recommended path

    @property
    def total(self) -> int:
        return len(self.done) + len(self.todo)


def completion(
    content: Any = None, summary: dict[str, Any] | None = None, halfway: set[str] | None = None
) -> tuple[list[Completion], list[Completion]]:
    """(per notebook, per objective) completion, from the exercises in data/ and the progress store.

    ``halfway`` names the decision scenarios left halfway (by default, those with a draft in the store)."""
    content = content or load_content()
    if summary is None or halfway is None:
        store = get_store()[0]
        summary = summary if summary is not None else store.summary()
        halfway = halfway if halfway is not None else set(drafts(store))
    by_notebook = {nb.id: Completion(nb.title) for nb in content.course.notebooks}
    by_objective = {o.id: Completion(o.text) for nb in content.course.notebooks for o in nb.objectives}
    for exercise_id in sorted(index(data_dir() / "exercises")):
        spec = load(exercise_id).spec
        if spec is None or spec.notebook not in by_notebook:
            continue  # examples and broken specs are not part of a learner's progress
        if not type_of(spec).counted:
            continue  # optional notes (discussion questions) are not part of completion
        mine = summary.get(exercise_id)
        completed = mine is not None and bool(mine.completed)
        ended = spec.type == "decision" and mine is not None and mine.attempts > 0
        explored = spec.type == "decision" and (ended or exercise_id in halfway)
        groups = [by_notebook[spec.notebook]] + (
            [by_objective[spec.objective]] if spec.objective in by_objective else []
        )
        for group in groups:
            (group.done if completed or ended else group.todo).append(exercise_id)
            if spec.type == "decision":
                group.scenarios.append(exercise_id)
                for kept, counted in ((group.explored, explored), (group.ended, ended), (group.recommended, completed)):
                    if counted:
                        kept.append(exercise_id)
    return list(by_notebook.values()), [c for c in by_objective.values() if c.total]


def scenarios_text(scenarios: int, explored: int, ended: int, recommended: int) -> str:
    """'2 of 3 explored, 1 played to the end, 0 along the recommended path' ('—' without scenarios)."""
    if not scenarios:
        return "\u2014"
    return f"{explored} of {scenarios} explored, {ended} played to the end, {recommended} along the recommended path"


def _rows(groups: list[Completion]) -> str:
    rows = []
    for g in groups:
        label = esc(g.label)
        scenes = scenarios_text(len(g.scenarios), len(g.explored), len(g.ended), len(g.recommended))
        rows.append(
            f"<tr><th scope='row'>{label}</th><td>{len(g.done)} of {g.total}</td><td>{esc(scenes)}</td>"
            f"<td><progress max='{max(g.total, 1)}' value='{len(g.done)}' aria-label='{label}: "
            f"{len(g.done)} of {g.total} exercises completed'></progress></td></tr>"
        )
    return "".join(rows)


def overview_html(notebooks: list[Completion], objectives: list[Completion]) -> str:
    done = sum(len(g.done) for g in notebooks)
    total = sum(g.total for g in notebooks)
    scenarios = sum(len(g.scenarios) for g in notebooks)
    explored = sum(len(g.explored) for g in notebooks)
    ended = sum(len(g.ended) for g in notebooks)
    recommended = sum(len(g.recommended) for g in notebooks)
    head = (
        "<thead><tr><th scope='col'>{}</th><th scope='col'>Completed</th><th scope='col'>Decision points</th>"
        "<th scope='col'>Progress</th></tr></thead>"
    )
    return (
        f"<div class='course-progress'><p><strong>You have completed {done} of {total} exercises.</strong> "
        f"{esc(scenarios_sentence(scenarios, explored, ended, recommended))} "
        "This summary is read from your own progress file.</p>"
        f"<table class='course-table'><caption>By notebook</caption>{head.format('Notebook')}"
        f"<tbody>{_rows(notebooks)}</tbody></table>"
        f"<table class='course-table'><caption>By learning objective</caption>{head.format('Objective')}"
        f"<tbody>{_rows(objectives)}</tbody></table></div>"
    )


def scenarios_sentence(scenarios: int, explored: int, ended: int, recommended: int) -> str:
    """The decision points in one sentence: begun, played to the end (completed), the recommended path."""
    return (
        f"Decision points are for exploring: you have begun {explored} of {scenarios}, played {ended} to the end "
        f"(each counts as completed), {recommended} of them along the course's recommended path."
    )


def progress_overview() -> Any:
    """A widget with the completion tables and a button that refreshes them."""
    import ipywidgets as w

    table = w.HTML(value=overview_html(*completion()))
    history = w.HTML(value=_history_html(review_history()))
    refresh = w.Button(description="Refresh", tooltip="Read your progress again")

    def on_refresh(_: Any) -> None:
        table.value = overview_html(*completion())
        history.value = _history_html(review_history())

    refresh.on_click(on_refresh)
    return w.VBox([w.HTML(CSS), table, history, refresh])


def _history_html(result: Any) -> str:
    """The review queue's retention over time, under its own heading."""
    return f"<h4>Your reviews over time</h4>{result._repr_html_()}"
