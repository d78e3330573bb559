"""``course.judgement_results()``: the learner's own before and after, item by item, once both are done.

In self-study (JupyterLab, the app) the learner's own copy holds the keys, and scores the two sittings
itself. On the seminar hub the learner's copy has no keys: the results come back from the instructor
through the exchange (``classroom.exchange.read_returned``), and until then the learner is told so.
"""

from __future__ import annotations

import json
from typing import Any

from ..classroom import exchange as ex
from ..classroom import seminar
from ..exercises.widgets.style import CSS
from ..progress.fallback import get_store
from ..safe_html import esc
from . import answers
from .forms import load_forms
from .order import pseudonym
from .results import build_results, results_problem
from .results_html import results_html

WAIT_ON_HUB = (
    "Your results come once your instructor has scored the class: your copy of the course on the seminar "
    "hub has no answer keys, so the test is scored on your instructor's side. Share your answers with the "
    "seminar (the panel at the end of this notebook) if you have not yet; when your instructor returns the "
    "results, run this cell again and they appear here."
)


def _html(body: str, role: str = "status") -> Any:
    import ipywidgets as w

    return w.HTML(f'{CSS}<div class="cx-exercise course-jt-results-box" role="{role}">{body}</div>')


def _missing(taken: dict[str, answers.Sitting]) -> str | None:
    """What is still to do before results can be shown, or None when both sittings are finished."""
    before, after = taken.get("before"), taken.get("after")
    if before is None or not before.finished:
        return (
            "You see your results once you have taken both tests: the first in 00_start_here, the second "
            "in 11_looking_back. The first is not finished yet."
        )
    if after is None or not after.finished:
        return (
            "You see your results after the second test, at the top of 11_looking_back: it is not finished "
            "yet. Your first test's answers are kept until then."
        )
    return None


def judgement_results() -> Any:
    """The learner's results, or a plain sentence saying when they will come."""
    store, _ = get_store()
    taken = answers.sittings(store)
    missing = _missing(taken)
    where = seminar.place()
    if where is not None:
        try:
            data = ex.read_returned(where.exchange, where.folder)
        except ex.ExchangeError as exc:
            return _html(f"<p>{esc(exc)}</p>", "alert")
        if data is None:
            return _html(f"<p>{esc(missing or WAIT_ON_HUB)}</p>")
        try:
            results = json.loads(data.decode("utf-8"))
        except ValueError:
            results = None
        problem = results_problem(results)
        if problem is not None:
            return _html(
                f"<p>Your returned results cannot be shown ({esc(problem)}); ask your instructor.</p>", "alert"
            )
        return _html(results_html(results))
    if missing:
        return _html(f"<p>{esc(missing)}</p>")
    found = load_forms()
    if not found.scorable:
        return _html(
            "<p>This copy of the course has no answer keys for the test (it is a student release), so it cannot "
            "score it here; your instructor scores it from what you share.</p>"
        )
    results = build_results(found.forms, taken, pseudonym(store))
    if results is None:
        return _html("<p>Your two sittings do not fit this course's forms any more; the test changed since.</p>")
    return _html(results_html(results))
