"""JupyterLab's dark theme: a notebook with a timeline and every exercise type, checked with axe-core.

* Notebook 03, part 2 (the explorer's timeline, the learner's own timeline, exercises, event cards) is run
  once, checked in the light theme, switched to the dark theme through Settings > Theme as a
  learner would, and checked again: no serious or critical axe finding in its outputs either time,
  the page really is dark, and the picture sits on its light card. Under ``make screenshots``, screenshots
  of the timeline in both themes: ``artifacts/screenshots/03_timeline.png`` and
  ``artifacts/screenshots/dark/03_timeline.png``.
  Then the explorer is stepped with the arrow keys from its Event menu.
* Every exercise type in the dark theme is checked in ``exercises/test_exercise_a11y.py``, on the page
  its light-theme checks already have open.

Pages are opened once per test and the theme is saved by JupyterLab for the server, so the module
sets it back to the light theme when it is done.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from .axe_check import axe_findings, report
from .exercises.helpers import shot
from .lab import (
    DARK_THEME,
    LIGHT_THEME,
    LabServer,
    cell_output,
    code_cell_sources,
    luminance,
    notebooks_dir,
    open_notebook,
    output_errors,
    page_look,
    run_all,
    use_theme,
    wait_widgets_rendered,
)

LIGHT, DARK = LIGHT_THEME, DARK_THEME
TIMELINE_NOTEBOOK = "03_the_case_supervision_and_repair.ipynb"
TIMELINE_CALL = "course.explorer("  # the chapter's explorer, whatever events it is given
OUTPUT_AREAS = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-OutputArea"


@pytest.fixture(autouse=True)
def _fresh_lab() -> None:
    """Each test keeps its page and kernel throughout (overrides the per-test reset)."""


@pytest.fixture(scope="module", autouse=True)
def _light_theme_after(server: LabServer) -> Iterator[None]:
    server.reset()
    server.reset_progress()
    server.set_theme(LIGHT)
    try:
        yield
    finally:
        server.set_theme(LIGHT)
        server.reset()


@pytest.fixture
def fresh_page(browser: Browser, browser_context_args: dict) -> Iterator[Page]:
    context = browser.new_context(**browser_context_args)
    try:
        yield context.new_page()
    finally:
        context.close()


def assert_axe_clean(page: Page, selectors: list[str], where: str) -> None:
    blocking, checked = axe_findings(page, selectors)
    assert checked, f"axe-core checked nothing in {where}"
    assert not blocking, f"axe-core findings in {where}:\n" + report(blocking)


def check_look(page: Page, theme: str) -> None:
    look = page_look(page)
    assert look["theme"] == theme, look
    assert (luminance(look["body"]) < 0.1) == (theme == DARK), f"the notebook's background is {look['body']} in {theme}"
    assert look["cards"], "no course picture on the page"
    assert all(luminance(c) > 0.95 for c in look["cards"]), f"pictures not on a light card: {look['cards']}"


@pytest.mark.screenshots
def test_a_notebook_with_a_timeline_in_both_themes(fresh_page: Page, server: LabServer, artifacts: Path) -> None:
    page = fresh_page
    open_notebook(page, server, TIMELINE_NOTEBOOK)
    run_all(page, code_cell_sources(notebooks_dir() / TIMELINE_NOTEBOOK))
    problems = wait_widgets_rendered(page) + output_errors(page)
    assert not problems, "; ".join(problems)
    timeline = cell_output(page, TIMELINE_CALL)
    expect(timeline.locator(".course-picture img")).to_be_visible()
    shots = artifacts / "screenshots"
    for theme, folder in ((LIGHT, shots), (DARK, shots / "dark")):
        use_theme(page, theme)
        check_look(page, theme)
        assert_axe_clean(page, [OUTPUT_AREAS], f"{TIMELINE_NOTEBOOK} in {theme}")
        shot(timeline, "03_timeline", folder)
    # The explorer steps with the keyboard: the Event menu takes the arrow keys, the picture follows.
    menu = timeline.get_by_label("Event", exact=True)
    menu.focus()
    page.keyboard.press("ArrowDown")
    expect(timeline.locator(".course-picture img")).to_have_attribute(
        "alt", re.compile(r"Selected: Event 2 of \d+"), timeout=15_000
    )
