"""The case-judgement test as the site shows it: both forms as JSON for ``static/judgement.js``, and the
sections a page shows in place of ``course.judgement_test(...)`` and ``course.judgement_results()``.

The site is for self-study, so it carries the keys and the learner scores themselves in the browser,
as with the exercises. Every author text is rendered here, once, by the course's sanitizing Markdown
renderer (``*_html``), with plain labels for the radio buttons (``*_plain``). Without JavaScript a page
says what the test needs; no item is shown, since which form a learner takes is decided in the browser.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ...judgement.forms import judgement_dir, read_forms
from ...judgement.results_html import OBJECTIVE_WORDS
from ...paths import display_path
from ...problems import VALIDATE_HINT
from ...safe_html import esc, inline, markdown, plain
from .execute import SiteError
from .exercise_json import relink_html

Link = Callable[[str], str]
SITTINGS = ("before", "after")
SITTING_TITLES = {
    "before": "Case-judgement test: the first sitting",
    "after": "Case-judgement test: the second sitting",
}
NO_SCRIPT = (
    "<p>The case-judgement test runs in this page when JavaScript is on. Your answers stay in this "
    "browser, and your results, item by item, are shown after the second sitting.</p>"
)


def compile_form(form: Any, objective_labels: dict[str, str], link: Link | None = None) -> dict[str, Any]:
    """The JSON-ready dict of one validated form (``data/judgement/form-a.yaml`` or ``form-b.yaml``)."""

    def md(text: Any) -> str:
        return relink_html(markdown(text), link)

    return {
        "form": form.form,
        "title": form.title,
        "intro_html": md(form.intro),
        "items": [
            {
                "id": item.id,
                "objective": item.objective,
                "objective_label": objective_labels.get(item.objective, item.objective),
                "pair": item.pair,
                "vignette_html": md(item.vignette),
                "question_html": md(item.question),
                "question_plain": plain(item.question),
                "options": [
                    {"id": o.id, "text_html": relink_html(inline(o.text), link), "text_plain": plain(o.text)}
                    for o in item.options
                ],
                "key": item.key,
                "defensible": list(item.defensible),
                "reasons_html": {option_id: md(reason) for option_id, reason in item.reasons.items()},
            }
            for item in form.items
        ],
    }


def judgement_forms(data: Path, link: Link | None = None) -> dict[str, Any]:
    """Both forms under ``data`` compiled for the pages (``{"A": ..., "B": ...}``); ``SiteError`` when they
    are missing, have problems, or come from a student release (whose forms have no keys)."""
    found = read_forms(data)
    folder = display_path(judgement_dir(data))
    if not found.present:
        raise SiteError(
            f"{folder}: missing; a notebook shows the case-judgement test, which needs form-a.yaml and form-b.yaml"
        )
    if found.problems:
        raise SiteError(
            "\n".join(
                [*map(str, found.problems), f"Fix the forms above (check them with {VALIDATE_HINT}), then build again."]
            )
        )
    if not found.scorable:
        raise SiteError(
            f"{folder}: the forms come from a student release and have no answer keys. The site scores the test "
            "in the browser, so it is built from the instructor's copy of the course."
        )
    return {letter: compile_form(form, OBJECTIVE_WORDS, link) for letter, form in sorted(found.forms.items())}


def test_section(sitting: str) -> str:
    """The section of one sitting: its title, and a note until the page script makes it live."""
    if sitting not in SITTINGS:
        raise ValueError(f"the sitting must be one of {', '.join(SITTINGS)}, not {sitting!r}")
    return (
        f"<section class='cx-exercise jt-test' id='judgement-{sitting}' data-judgement='{sitting}' "
        f"aria-labelledby='judgement-{sitting}-title'><h3 id='judgement-{sitting}-title'>"
        f"{esc(SITTING_TITLES[sitting])}</h3><div class='cx-static'>{NO_SCRIPT}</div></section>"
    )


def results_section() -> str:
    """Where the learner's own before and after are drawn from this browser's progress."""
    return (
        "<div class='site-widget jt-results' data-widget='judgement-results'><p>Your results in the "
        "case-judgement test are shown here when JavaScript is on.</p></div>"
    )
