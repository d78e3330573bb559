"""Every notebook runs top to bottom in JupyterLab in a real browser, and shows what a learner
should see: no errors, every widget rendered, every plot described by an alt text.

A new notebook in notebooks/ is picked up automatically. Under ``make screenshots`` a screenshot of each
run goes to ``artifacts/screenshots/<notebook>.png``.

JupyterLab is loaded once for the module: each notebook is opened in it as a learner opens one (File > Open
from Path...), runs in a kernel of its own, and is closed and its kernel shut down after its test. A failed
test's page is not trusted: the next notebook is opened in JupyterLab loaded afresh.
"""

from __future__ import annotations

import time
import warnings
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .conftest import LabTab
from .lab import (
    TIMINGS,
    LabServer,
    cell_output,
    code_cell_sources,
    images_without_alt,
    notebook_names,
    notebooks_dir,
    output_errors,
    run_all,
    screenshot_notebook,
    screenshots_wanted,
    stderr_messages,
    wait_widgets_rendered,
)

START = "00_start_here.ipynb"
ENVIRONMENT_OK = "Environment ready"


@pytest.fixture
def page(reused_page: Page) -> Page:
    """The module's one JupyterLab page (``reused_page``)."""
    return reused_page


@pytest.mark.parametrize("name", notebook_names())
def test_notebook_runs_cleanly(page: Page, lab_tab: LabTab, server: LabServer, artifacts: Path, name: str) -> None:
    sources = code_cell_sources(notebooks_dir() / name)
    started = opened = time.monotonic()
    run_seconds = 0.0
    try:
        lab_tab.open(server, name)
        opened = time.monotonic()
        run_seconds = run_all(page, sources)
        stuck = wait_widgets_rendered(page)
        problems = [f"error output in {e}" for e in output_errors(page)]
        problems += [f"widget never rendered in {s}" for s in stuck]
        problems += [f"plot without alt text in {i}" for i in images_without_alt(page)]
        if name == START:
            problems += _environment_problems(page, sources)
        for message in stderr_messages(page):
            warnings.warn(f"{name}: stderr output in {message}", stacklevel=1)
    finally:
        shot = time.monotonic()
        try:
            if screenshots_wanted():
                screenshot_notebook(page, artifacts / "screenshots" / f"{Path(name).stem}.png")
        except Exception as err:  # an artifact only: never hide the test's own result
            warnings.warn(f"{name}: no screenshot: {err}", stacklevel=1)
    done = time.monotonic()
    TIMINGS[name] = {
        "open": opened - started,
        "run all": run_seconds,
        "checks": shot - opened - run_seconds,
        "screenshot": done - shot,
        "total": done - started,
    }
    assert not problems, f"{name}:\n" + "\n".join(problems)


def _environment_problems(page: Page, sources: list[str]) -> list[str]:
    """The start notebook's environment check must report success."""
    line = next((ln.strip() for s in sources for ln in s.splitlines() if "check_environment(" in ln), None)
    if line is None:
        return ["no cell calls course.check_environment()"]
    output = cell_output(page, line)
    try:
        expect(output).to_have_count(1)
        expect(output).to_contain_text(ENVIRONMENT_OK, timeout=20_000)
    except AssertionError:
        text = " ".join((output.first.text_content() or "").split())[:600]
        return [f"the environment check does not say {ENVIRONMENT_OK!r}; it shows: {text!r}"]
    return []
