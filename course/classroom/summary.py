"""``class_summary``: one instructor report over many learners' exports (HTML + ratings PNG).

Malformed or tampered exports are refused one by one, with a reason; the rest are summarised.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..problems import Problem
from .export import load_export
from .ratings_plot import draw_ratings
from .report_html import render_html

if TYPE_CHECKING:
    from .judgement_class import JudgementClass
from .stats import ExerciseStats, RatingSpread, exercise_stats, rating_spreads


@dataclass
class ClassReport:
    """What ``class_summary`` wrote and found; ``refusals`` are ``file:line: field: why`` strings."""

    html_path: Path
    png_path: Path | None
    learners: int
    exercises: dict[str, ExerciseStats]
    ratings: dict[str, dict[str, RatingSpread]]
    events: list[str]
    alt_text: str
    refusals: list[str] = field(default_factory=list)
    judgement: JudgementClass | None = None  # the case-judgement test, scored from the exports' sittings
    judgement_html: str = ""


def _load_all(paths: Iterable[str | Path]) -> tuple[list[dict[str, Any]], list[str]]:
    """Accepted payloads (one per learner, the newest export wins) and refusal messages."""
    kept: dict[str, tuple[Path, dict[str, Any]]] = {}
    refusals: list[str] = []
    for path in map(Path, paths):
        data, problem = load_export(path)
        if problem is not None:
            refusals.append(problem)
            continue
        payload = data["payload"]  # type: ignore[index]
        lid = payload["learner"]["id"]
        if lid in kept:
            other_path, other = kept[lid]
            newer, older = ((path, payload), (other_path, other))
            if other["exported_at"] > payload["exported_at"]:
                newer, older = older, newer
            kept[lid] = newer
            refusals.append(
                str(
                    Problem(
                        str(older[0]),
                        None,
                        "payload.learner.id",
                        f"same learner as {newer[0]}; the newer export was used",
                    )
                )
            )
        else:
            kept[lid] = (path, payload)
    return [payload for _, payload in kept.values()], refusals


def _event_info(content: Any, dims: list[str]) -> tuple[list[str], dict[str, str], dict[str, dict[str, int]]]:
    """Story order, titles and the course's teaching ratings of events, if ``content`` has them."""
    order: list[str] = []
    labels: dict[str, str] = {}
    reference: dict[str, dict[str, int]] = {}
    for ev in getattr(content, "events", None) or []:
        eid = str(getattr(ev, "id", ""))
        order.append(eid)
        labels[eid] = str(getattr(ev, "title", eid))
        for dim in dims:
            value = ev.rating(dim) if hasattr(ev, "rating") else None
            if isinstance(value, int):
                reference.setdefault(dim, {})[eid] = value
    return order, labels, reference


def alt_text(
    spreads: dict[str, dict[str, RatingSpread]], events: list[str], labels: dict[str, str], learners: int
) -> str:
    """A sentence or two describing the ratings figure for screen readers."""
    if not spreads:
        return "No ratings were exported."
    parts = []
    for dim, by_event in spreads.items():
        medians = [(by_event[e].median, labels.get(e, e)) for e in events if e in by_event]
        lo, hi = min(medians), max(medians)
        parts.append(
            f"{dim}: {len(medians)} events, lowest median {lo[0]:g} at “{lo[1]}”, highest median {hi[0]:g} at “{hi[1]}”"
        )
    return (
        f"Class ratings of events by {learners} learners, median with inter-quartile range, "
        "on a scale from -3 to 3. " + "; ".join(parts) + ". The table below gives every value."
    )


def class_summary(export_paths: Iterable[str | Path], out_dir: str | Path, content: Any = None) -> ClassReport:
    """Summarise exports into ``out_dir/index.html`` (and ``ratings.png`` when there are ratings)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    payloads, refusals = _load_all(export_paths)
    stats = exercise_stats(payloads)
    spreads = rating_spreads(payloads)
    order, labels, reference = _event_info(content, list(spreads))
    seen = [e for by_event in spreads.values() for e in by_event]
    events = [e for e in order if e in seen] + list(dict.fromkeys(e for e in seen if e not in order))
    png = None
    if spreads:
        png = draw_ratings(spreads, events, labels, out / "ratings.png", reference)
    report = ClassReport(
        out / "index.html",
        png,
        len(payloads),
        stats,
        spreads,
        events,
        alt_text(spreads, events, labels, len(payloads)),
        refusals,
    )
    # Reading exports stays standard-library only; the test's scoring, statistics and picture are not.
    # import-time: needs pydantic and scipy
    from .judgement_class import class_judgement

    # import-time: needs pydantic
    from .judgement_html import judgement_html

    # import-time: needs matplotlib
    from .judgement_plot import draw

    report.judgement = class_judgement((p["learner"]["id"], p) for p in payloads)
    found = report.judgement
    picture = draw(found.pairs, found.figure, found.of).img_html() if found.figure and found.figure.n else ""
    report.judgement_html = judgement_html(found, picture)
    report.html_path.write_text(render_html(report, labels), encoding="utf-8")
    return report
