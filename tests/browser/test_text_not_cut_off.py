"""No exercise text is cut off: every option, item and label of every course exercise, and the share
panel, wraps and is fully readable in JupyterLab at 1280 and at 800 pixels wide (``cut_off.py`` says
what counts as cut off; the Voila app has the same test in ``app/``)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .cut_off import CUT_JS, exercise_ids, write_every_exercise
from .lab import LabServer, open_notebook, output_errors, run_all, wait_widgets_rendered

FOLDER = "_cut_off"
NOTEBOOK = f"{FOLDER}/every-exercise.ipynb"
WIDTHS = (1280, 800)


@pytest.mark.parametrize("width", WIDTHS)
def test_no_exercise_text_is_cut_off(page: Page, server: LabServer, width: int) -> None:
    write_every_exercise(server.root / NOTEBOOK)
    page.set_viewport_size({"width": width, "height": 900})
    open_notebook(page, server, NOTEBOOK)
    run_all(page)
    assert output_errors(page) == []
    assert wait_widgets_rendered(page) == []
    # Cells far below the fold are laid out too (JupyterLab skips them otherwise).
    page.add_style_tag(content=".jp-Notebook .jp-Cell { content-visibility: visible !important; }")
    # every exercise drawn before the check (on a busy machine the last widgets can come a little later)
    expect(page.locator(".cx-exercise")).to_have_count(len(exercise_ids()), timeout=120_000)
    cut = page.evaluate(CUT_JS, ".jp-NotebookPanel:not(.lm-mod-hidden)")
    assert cut == [], f"at {width} px, {len(cut)} cut off:\n" + "\n".join(cut)
