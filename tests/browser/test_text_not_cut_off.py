"""No exercise text is cut off: every option, item and label of every course exercise, and the share
panel, wraps and is fully readable in JupyterLab at 800 and at 1280 pixels wide (``cut_off.py`` says
what counts as cut off; the Voila app has the same test in ``app/``).

The exercises are shown in two notebooks of half of them each. Each notebook is opened and run once, at
800 px (where text is likeliest to be cut), checked, then widened to 1280 px and checked again. JupyterLab
is loaded once for the module (``reused_page``): the second notebook is opened in it after the first is closed.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .conftest import LabTab
from .cut_off import CUT_JS, exercise_ids, write_every_exercise
from .lab import LabServer, output_errors, run_all, wait_widgets_rendered

FOLDER = "_cut_off"
WIDTHS = (800, 1280)
HEIGHT = 900
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
PARTS = {"part1": slice(None, len(exercise_ids()) // 2), "part2": slice(len(exercise_ids()) // 2, None)}


def resize(page: Page, width: int) -> None:
    """Make the window ``width`` px wide and wait until JupyterLab has laid the notebook out again (Lumino
    sizes its panels after the resize event: the notebook's width follows the window's, less the side bars)."""
    around = page.evaluate(f"() => window.innerWidth - document.querySelector('{PANEL}').clientWidth")
    page.set_viewport_size({"width": width, "height": HEIGHT})
    page.wait_for_function(
        f"(w) => Math.abs(document.querySelector('{PANEL}').clientWidth - w) <= 2", arg=width - around, timeout=10_000
    )


@pytest.fixture
def page(reused_page: Page) -> Page:
    """The module's one JupyterLab page (``reused_page``)."""
    return reused_page


@pytest.mark.parametrize("part", PARTS)
def test_no_exercise_text_is_cut_off(page: Page, lab_tab: LabTab, server: LabServer, part: str) -> None:
    notebook = f"{FOLDER}/exercises-{part}.ipynb"
    write_every_exercise(server.root / notebook, PARTS[part])
    page.set_viewport_size({"width": WIDTHS[0], "height": HEIGHT})
    lab_tab.open(server, notebook)
    run_all(page)
    assert output_errors(page) == []
    assert wait_widgets_rendered(page) == []
    # Cells far below the fold are laid out too (JupyterLab skips them otherwise).
    page.add_style_tag(content=".jp-Notebook .jp-Cell { content-visibility: visible !important; }")
    # every exercise drawn before the check (on a busy machine the last widgets can come a little later)
    expect(page.locator(".cx-exercise")).to_have_count(len(exercise_ids()[PARTS[part]]), timeout=120_000)
    for width in WIDTHS:  # the same page at each width: the text must wrap at both
        resize(page, width)
        cut = page.evaluate(CUT_JS, PANEL)
        assert cut == [], f"at {width} px, {len(cut)} cut off:\n" + "\n".join(cut)
