"""Page helpers for the exercise tests: open a generated notebook, find an exercise, read its parts.

Each exercise is one ipywidgets VBox (class ``cx-exercise``) in the output area of the cell that
calls ``course.exercise("<id>")``; its feedback, hints and revealed answer are HTML widgets
(``.widget-html-content``) whose text carries classes ``cx-feedback``, ``cx-hints``, ``cx-answer``.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import Locator, Page, expect

from .. import e2e_content
from ..lab import (
    _SCROLLER as SCROLLER,
)
from ..lab import (
    FEEDBACK_TIMEOUT,
    MAX_SCREENSHOT_HEIGHT,
    REPO,
    TIMINGS,
    LabServer,
    cell_output,
    code_cell_sources,
    open_notebook,
    output_errors,
    run_all,
    screenshots_wanted,
    wait_widgets_rendered,
)

SHOTS = REPO / "artifacts" / "screenshots" / "exercises"
EXERCISE = ".cx-exercise"
OUTPUTS = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-OutputArea"


def open_exercises(page: Page, server: LabServer, stem: str, tab: Any = None) -> float:
    """Open ``_e2e/<stem>.ipynb``, run all its cells and wait until every exercise is drawn, with no
    error output. Returns the seconds it took (also recorded for the end-of-run timings). With ``tab``
    (the module's ``LabTab``, whose page is ``page``), it is opened in the JupyterLab already shown."""
    start = time.monotonic()
    if tab is not None:
        tab.open(server, e2e_content.notebook_path(stem))
    else:
        open_notebook(page, server, e2e_content.notebook_path(stem))
    run_exercises(page, server, stem)
    seconds = time.monotonic() - start
    TIMINGS.setdefault(e2e_content.notebook_path(stem), {})["open and run"] = seconds
    return seconds


def run_exercises(page: Page, server: LabServer, stem: str) -> None:
    """Run all cells of the open ``_e2e/<stem>.ipynb``; wait for every exercise, with no error output."""
    name = e2e_content.notebook_path(stem)
    sources = code_cell_sources(server.extra[e2e_content.E2E_DIR] / f"{stem}.ipynb")
    run_all(page, sources)
    stuck = wait_widgets_rendered(page)
    errors = output_errors(page)
    assert not stuck and not errors, f"{name}: " + "; ".join(stuck + errors)
    expect(page.locator(f"{OUTPUTS} {EXERCISE}")).to_have_count(len(sources), timeout=FEEDBACK_TIMEOUT)


def exercise(page: Page, exercise_id: str) -> Locator:
    """The output area showing ``exercise_id``."""
    return cell_output(page, e2e_content.exercise_call(exercise_id))


def button(scope: Locator, text: str | re.Pattern) -> Locator:
    """The widget button in ``scope`` whose label is exactly ``text`` (or matches the pattern)."""
    pattern = text if isinstance(text, re.Pattern) else re.compile(rf"^\s*{re.escape(text)}\s*$")
    return scope.locator("button.jupyter-button").filter(has_text=pattern)


def feedback(scope: Locator) -> Locator:
    """The feedback shown under the exercise (its verdict and the author's feedback)."""
    return scope.locator(".widget-html-content .cx-feedback")


def hints(scope: Locator) -> Locator:
    return scope.locator(".widget-html-content .cx-hints")


def revealed(scope: Locator) -> Locator:
    return scope.locator(".widget-html-content .cx-answer")


def squash(text: str | None) -> str:
    """Whitespace collapsed, for comparing page text with spec text."""
    return " ".join((text or "").split())


def loose(text: str) -> re.Pattern:
    """A pattern for ``text`` as it reads in the page, where block elements (paragraphs, list items)
    may join words without a space in ``textContent``: any whitespace in ``text`` may be absent."""
    words = squash(text).split(" ")
    return re.compile(r"\s*".join(re.escape(w) for w in words), re.IGNORECASE)


def show_every_part(page: Page, server: LabServer) -> None:
    """In the open all-types notebook: press Check, the first Hint and Show answer of every example
    exercise, then wait until each shows its feedback, hint and answer."""
    from course.exercises.types import type_of

    from .answering import load_spec  # here: answering.py imports this module

    specs = {ex_id: load_spec(server, ex_id) for ex_id in e2e_content.EXAMPLES.values()}
    # Press everything first, then wait: the kernel answers the clicks in turn.
    for ex_id, spec in specs.items():
        out = exercise(page, ex_id)
        button(out, type_of(spec).view.check_label).click()  # unanswered: "Not checked yet." (rating: a check)
        if spec.hints:
            button(out, f"Hint (1 of {len(spec.hints)})").click()
        if spec.reveal.on_request:
            button(out, "Show answer").click()
    for ex_id, spec in specs.items():
        out = exercise(page, ex_id)
        expect(feedback(out)).to_have_count(1, timeout=FEEDBACK_TIMEOUT)
        expect(hints(out)).to_have_count(1 if spec.hints else 0, timeout=FEEDBACK_TIMEOUT)
        expect(revealed(out)).to_have_count(1 if spec.reveal.on_request else 0, timeout=FEEDBACK_TIMEOUT)


def area_selector(page: Page, ex_id: str) -> str:
    """A CSS selector for the output area of the cell showing ``ex_id`` (axe takes selectors)."""
    index = page.evaluate(
        """([selector, call]) => [...document.querySelectorAll(selector)].findIndex(a =>
             a.closest('.jp-CodeCell').querySelector('.jp-InputArea-editor').textContent.includes(call))""",
        [OUTPUTS, e2e_content.exercise_call(ex_id)],
    )
    assert index >= 0, f"no output area shows {ex_id}"
    page.evaluate(
        "([selector, i]) => document.querySelectorAll(selector)[i].setAttribute('data-e2e-area', String(i))",
        [OUTPUTS, index],
    )
    return f'[data-e2e-area="{index}"]'


def shot(scope: Locator, kind: str, folder: Path = SHOTS) -> Path | None:
    """Save a screenshot of one exercise's output area as ``<folder>/<kind>.png`` (by default
    artifacts/screenshots/exercises/), when screenshots are asked for (``make screenshots``); else None.

    The notebook scrolls inside its panel, so the window is made tall enough for the whole output
    area first (then restored).
    """
    if not screenshots_wanted():
        return None
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{kind}.png"
    page = scope.page
    size = page.viewport_size or {"width": 1280, "height": 720}
    box = scope.bounding_box() or {"height": 0}
    chrome = page.evaluate(f"() => window.innerHeight - (document.querySelector('{SCROLLER}')?.clientHeight ?? 0)")
    height = min(MAX_SCREENSHOT_HEIGHT, max(size["height"], int(box["height"] + chrome + 120)))
    try:
        if height != size["height"]:
            page.set_viewport_size({"width": size["width"], "height": height})
            page.wait_for_function(
                f"(h) => {{ const s = document.querySelector('{SCROLLER}'); return !s || Math.abs(s.clientHeight - h) <= 2; }}",
                arg=height - chrome,
                timeout=10_000,
            )
        scope.scroll_into_view_if_needed()
        scope.screenshot(path=str(path), animations="disabled")
    finally:
        page.set_viewport_size(size)
    return path


def step_through_hints(out: Locator, spec: Any) -> None:
    """Press Hint until every hint of ``spec`` is shown, checking one more appears each time."""
    total = len(spec.hints)
    for n in range(1, total + 1):
        button(out, f"Hint ({n} of {total})").click()
        expect(hints(out).locator("li")).to_have_count(n, timeout=FEEDBACK_TIMEOUT)
