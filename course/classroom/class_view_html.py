"""The class view as HTML: counts, completion, decision points, ratings on the timeline, first attempts, item
analysis, and the case-judgement test before and after."""

from __future__ import annotations

from html import escape

from ..safe_html import plain
from ..timeline import plot_timeline
from .class_view import ClassData, DecisionCount
from .item_analysis import rounded, sort_items
from .judgement_html import judgement_html
from .judgement_plot import draw
from .rescore import MEASURE_WORDS


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _score(value: float) -> str:
    return f"{value:g}"


def summary_html(data: ClassData) -> str:
    read = data.read
    skipped = f" {len(read.bad)} skipped (listed at the end)." if read.bad else ""
    return (
        f"<p class='course-class-count' data-shared='{data.shared}' data-folders='{read.folders}'>"
        f"<strong>{data.shared} of {read.folders} learners have shared their answers.</strong>{skipped} "
        "Learners appear under pseudonyms only.</p>"
    )


def completion_html(data: ClassData) -> str:
    rows = "".join(
        f"<tr data-notebook='{escape(c.notebook)}'><th scope='row'>{escape(c.title)}</th><td>{c.exercises}</td>"
        f"<td class='mean'>{_pct(c.mean_share)}</td><td class='finished'>{c.finished}</td></tr>"
        for c in data.completion
    )
    return (
        f"<h3>Completion per notebook</h3><p>Completed means {escape(MEASURE_WORDS[data.measure])}. "
        "Every shared answer is scored again here; a score or list written by the learner's copy is not used.</p>"
        "<table class='course-class-completion'><thead><tr>"
        "<th scope='col'>Notebook</th><th scope='col'>Exercises</th><th scope='col'>Mean completed</th>"
        f"<th scope='col'>Learners who completed all</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _view(recommended: bool, accepted: bool) -> str:
    return "recommended" if recommended else ("accepted" if accepted else "")


def decision_html(d: DecisionCount) -> str:
    rows = []
    for node in d.nodes:
        for i, c in enumerate(node.choices):
            where = (
                (
                    f"<th scope='rowgroup' rowspan='{len(node.choices)}'>{escape(node.node)} "
                    f"<span class='reached'>(reached by {node.reached})</span></th>"
                )
                if i == 0
                else ""
            )
            view = _view(c.recommended, c.accepted)
            rows.append(
                f"<tr data-exercise='{escape(d.exercise_id)}' data-node='{escape(node.node)}' "
                f"data-choice='{escape(c.choice)}'>{where}<td>{escape(plain(c.text))}</td>"
                f"<td class='count'>{c.learners}</td><td class='view'>{view}</td></tr>"
            )
    accepted = "".join(f"<li>Also accepted: {' → '.join(map(escape, p))}</li>" for p in d.accepted)
    return (
        f"<h4>{escape(d.title)}</h4><p>{d.learners} learner{'s' if d.learners != 1 else ''} went through it "
        "(each learner's first time through is counted).</p>"
        f"<ul><li>Recommended path: {' → '.join(map(escape, d.recommended))}</li>{accepted}</ul>"
        "<table class='course-class-decision'><thead><tr><th scope='col'>Situation</th>"
        "<th scope='col'>Reply</th><th scope='col'>Learners</th><th scope='col'>Course's view</th></tr>"
        f"</thead><tbody>{''.join(rows)}</tbody></table>"
    )


def scenes_html(data: ClassData) -> str:
    """Per conditional scene, the learners on each path (from their first shared answers)."""
    if not data.scenes:
        return ""
    parts = []
    for scene in data.scenes:
        default = (
            "the course's scene closest to what Susan does in the published case"
            if scene.added_by_course
            else "the story's path"
        )
        rows = "".join(
            f"<tr data-variant='{escape(p.variant)}'><th scope='row'>{escape(p.label)}"
            + (
                f" <span class='course-muted'>({default}; also shown to learners who had not answered)</span>"
                if p.default
                else ""
            )
            + f"</th><td class='learners'>{p.learners}</td></tr>"
            for p in scene.paths
        )
        parts.append(
            f"<table class='course-class-scene' data-scene='{escape(scene.event_id)}'>"
            f"<caption>{escape(scene.title)}: after {escape(', '.join(scene.exercises))}; "
            f"{scene.unanswered} learner(s) had not answered</caption>"
            "<thead><tr><th scope='col'>Path</th><th scope='col'>Learners</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )
    return (
        "<h3>Choices that come back: how the class's paths split</h3><p>Each learner meets the version of "
        "these scenes that their own first answer leads to.</p>" + "".join(parts)
    )


def scores_html(data: ClassData) -> str:
    if not data.first_scores:
        return "<h3>First-attempt scores</h3><p>No graded answers have been shared yet.</p>"
    rows = []
    for s in data.first_scores:
        dist = " · ".join(f"{_score(k)} of {_score(s.max_score)}: {n}" for k, n in s.counts.items())
        rows.append(
            f"<tr data-exercise='{escape(s.exercise_id)}'><th scope='row'>{escape(s.title)}</th>"
            f"<td>{s.learners}</td><td class='dist'>{dist}</td></tr>"
        )
    return (
        "<h3>First-attempt scores</h3><table class='course-class-scores'><thead><tr>"
        "<th scope='col'>Exercise</th><th scope='col'>Learners</th>"
        f"<th scope='col'>Score at the first attempt: learners</th></tr></thead><tbody>{''.join(rows)}"
        "</tbody></table>"
    )


def ratings_html(data: ClassData) -> str:
    if not data.ratings:
        return "<h3>The class's ratings on the timeline</h3><p>No ratings have been shared yet.</p>"
    dims = list(dict.fromkeys(d for learner in data.ratings for d in learner))
    result = plot_timeline(class_ratings=data.ratings, dimensions=dims)
    try:
        figure = result._repr_html_()
    finally:
        import matplotlib.pyplot as plt

        plt.close(result.figure)
    return (
        f"<h3>The class's ratings on the timeline</h3><p>Median and inter-quartile band of "
        f"{len(data.ratings)} learners' latest ratings, over the course's teaching ratings.</p>{figure}"
    )


def items_html(data: ClassData, by: str = "flagged first") -> str:
    """The item analysis as a table, in the order ``by`` (one of ``item_analysis.SORTS``)."""
    head = "<h3>Item analysis: which keys to look at again</h3>"
    if not data.items:
        return f"{head}<p>No graded answers have been shared yet.</p>"
    titles = {s.exercise_id: s.title for s in data.first_scores}
    if data.judgement is not None:  # the case-judgement test's items, by id
        titles |= {item_id: f"Case-judgement test, {item_id}" for item_id in data.judgement.keys}
    flagged = sum(r.flagged for r in data.items)
    rows = []
    for r in sort_items(data.items, by):
        why = "".join(f"<li>{escape(reason)}</li>" for reason in r.reasons)
        rows.append(
            f"<tr data-exercise='{escape(r.item_id)}' class='{'flagged' if r.flagged else ''}'>"
            f"<th scope='row'>{escape(titles.get(r.item_id, r.item_id))}</th><td>{r.learners}</td>"
            f"<td>{_pct(r.difficulty)}</td><td>{rounded(r.item_total) or '–'}</td>"
            f"<td>{rounded(r.upper_lower) or '–'}</td><td>{'<ul>' + why + '</ul>' if why else ''}</td></tr>"
        )
    return (
        f"{head}<p>From each learner's first attempt. <strong>{flagged}</strong> of {len(data.items)} exercises "
        "flagged: a negative item-total correlation (learners who do well elsewhere do worse here), or a wrong "
        "option that the top third chose more often than the key. Either can mean a wrong key; with fewer than "
        "about 30 learners, expect some flags on sound keys.</p>"
        "<table class='course-class-items'><thead><tr><th scope='col'>Exercise</th><th scope='col'>Learners</th>"
        "<th scope='col'>Right at first</th><th scope='col'>Item-total r</th><th scope='col'>Top minus bottom third</th>"
        f"<th scope='col'>Why flagged</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def judgement_section(data: ClassData) -> str:
    """The case-judgement test's class figure: table, picture and caveat."""
    found = data.judgement
    picture = ""
    if found is not None and found.available and found.figure is not None and found.figure.n:
        picture = draw(found.pairs, found.figure, found.of).img_html()
    return judgement_html(found, picture)


def bad_html(data: ClassData) -> str:
    if not data.read.bad:
        return ""
    items = "".join(f"<li data-folder='{escape(b.folder)}'>{escape(b.reason)}</li>" for b in data.read.bad)
    return f"<h3>Skipped submissions ({len(data.read.bad)})</h3><ul class='course-class-bad'>{items}</ul>"


def ignored_html(data: ClassData) -> str:
    if not data.ignored:
        return ""
    items = "".join(f"<li>{escape(note)}</li>" for note in data.ignored)
    return f"<h3>Ignored answers ({len(data.ignored)})</h3><ul class='course-class-ignored'>{items}</ul>"


def class_view_html(data: ClassData, items_by: str = "flagged first") -> str:
    """The whole view as one HTML fragment (the item analysis in the order ``items_by``)."""
    decisions = "".join(decision_html(d) for d in data.decisions)
    return (
        f"<div class='course-class-view'>{summary_html(data)}{completion_html(data)}"
        f"<h3>Decision points: how the class chose</h3>{decisions}{scenes_html(data)}{ratings_html(data)}"
        f"{scores_html(data)}"
        f"{items_html(data, items_by)}{judgement_section(data)}{bad_html(data)}{ignored_html(data)}</div>"
    )
