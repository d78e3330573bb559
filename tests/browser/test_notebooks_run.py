"""Every notebook runs top to bottom in JupyterLab in a real browser, and shows what a learner
should see: no errors, every widget rendered, every plot described by an alt text.

A new notebook in notebooks/ is picked up automatically. Screenshots of each run go to
``artifacts/screenshots/<notebook>.png``.

JupyterLab is loaded once for the module: each notebook is opened in it as a learner opens one (File > Open
from Path...), runs in a kernel of its own, and is closed and its kernel shut down after its test. A failed
test's page is not trusted: the next notebook is opened in JupyterLab loaded afresh.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from .lab import (
    TIMINGS,
    LabServer,
    cell_output,
    close_and_shut_down,
    code_cell_sources,
    images_without_alt,
    notebook_names,
    notebooks_dir,
    open_in_lab,
    open_notebook,
    output_errors,
    run_all,
    screenshot_notebook,
    stderr_messages,
    wait_widgets_rendered,
)

START = "00_start_here.ipynb"
ENVIRONMENT_OK = "Environment ready"


@dataclass
class LabTab:
    """The module's browser page, and whether it shows JupyterLab with no notebook open."""

    page: Page
    in_lab: bool = False

    def open(self, server: LabServer, name: str) -> None:
        """Open ``name`` in the JupyterLab shown, or in JupyterLab loaded afresh."""
        if self.in_lab:
            open_in_lab(self.page, name)
        else:
            open_notebook(self.page, server, name)
        self.in_lab = False


@pytest.fixture(scope="module")
def lab_tab(browser: Browser, browser_context_args: dict) -> Iterator[LabTab]:
    context = browser.new_context(**browser_context_args)
    try:
        yield LabTab(context.new_page())
    finally:
        context.close()


@pytest.fixture
def page(lab_tab: LabTab) -> Iterator[Page]:
    """The module's page; after the test, its notebook is closed and its kernel shut down (if that fails,
    the next test loads JupyterLab afresh)."""
    yield lab_tab.page
    try:
        close_and_shut_down(lab_tab.page, timeout=15_000)
        lab_tab.in_lab = True
    except Exception as err:  # a failed test's page: the next test starts from a fresh JupyterLab
        warnings.warn(f"could not close the notebook: {err}", stacklevel=1)


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
