"""#9: in a real browser, one step of the event explorer: from choosing another event to its picture shown.

JupyterLab (started as for #4) serves a temporary notebook with two cells: ``course.explorer()`` and
the floor, a bare ipywidgets Dropdown whose handler sets an HTML widget's value. Each timing is taken
inside the page: ``performance.now()`` just before the menu's selection changes (the event a
learner's arrow key or click fires), and again once the new picture is in the page and decoded
(``img.decode()``), ready to paint. The floor ends when its HTML changes. Explorer and floor steps
alternate; the explorer walks through the events in story order and back.

The explorer chooses events with a labelled menu, not ipywidgets' slider, whose handle has no
accessible name (see ``course.timeline.explorer``); choosing from the menu is its "slider change".
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from .click import (
    CHROMIUM_ARGS,
    code_cell_sources,
    find_chromium,
    lab_server,
    open_notebook,
    output_errors,
    run_all,
    wait_widgets_rendered,
)
from .report import Measure, say
from .stats import alternate

STEPS = 30
WARMUP = 2
NOTEBOOK = "bench_explorer.ipynb"
EXPLORER_CELL, FLOOR_CELL = 0, 1
FLOOR_SOURCE = """\
import ipywidgets as w
floor_menu = w.Dropdown(options=[(f"Item {i}", i) for i in range(1, 37)], value=1, description="Floor")
floor_html = w.HTML("<p>1</p>")
floor_menu.observe(lambda change: setattr(floor_html, "value", f"<p>{change['new']}</p>"), names="value")
w.VBox([floor_menu, floor_html])"""

# Move the menu of code cell `cell` one step (down, or up at the end) and resolve with the
# milliseconds until the cell's target shows new HTML and, if it holds a picture, that picture is
# decoded. The target is the HTML widget holding `.course-picture` (explorer) or the first one (floor).
_STEP_JS = """
async ([cell, picture]) => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const out = panel.querySelectorAll('.jp-Notebook .jp-CodeCell')[cell].querySelector('.jp-OutputArea');
  const select = out.querySelector('select');
  const target = [...out.querySelectorAll('.widget-html-content')].find(e => !picture || e.querySelector('.course-picture'));
  if (!select || !target) throw new Error(`cell ${cell}: no menu or no target`);
  const before = target.innerHTML;
  const next = select.selectedIndex + 1 < select.options.length ? select.selectedIndex + 1 : 0;
  let start = 0;
  const changed = new Promise((resolve, reject) => {
    const observer = new MutationObserver(() => {
      if (target.innerHTML === before) return;
      observer.disconnect(); clearTimeout(timer); resolve();
    });
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error('no change in 15 s')); }, 15000);
    observer.observe(target, {childList: true, subtree: true, characterData: true});
  });
  start = performance.now();
  select.selectedIndex = next;
  select.dispatchEvent(new Event('change', {bubbles: true}));
  await changed;
  const img = target.querySelector('img');
  if (img) await img.decode();
  return performance.now() - start;
}
"""


def write_notebook(folder: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("import course\ncourse.explorer()"), nbformat.v4.new_code_cell(FLOOR_SOURCE)]
    path = folder / NOTEBOOK
    nbformat.write(nb, path)
    return path


def measure(tmp: Path, steps: int = STEPS) -> Measure:
    from playwright.sync_api import sync_playwright

    chromium = find_chromium()
    if chromium is None:
        raise RuntimeError("Chromium not found (/usr/bin/chromium); run `make chromium`")
    m = Measure(
        9,
        "Browser: explorer step, event chosen to its picture shown",
        "ms",
        "bare Dropdown → HTML widget",
        max_median=0.100,
        show_p95=True,
    )
    root = tmp / "notebooks"
    root.mkdir()
    sources = code_cell_sources(write_notebook(root))
    with lab_server(tmp, root) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=["--headless", *CHROMIUM_ARGS])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            open_notebook(page, server, NOTEBOOK)
            run_all(page, sources)
            problems = output_errors(page) + wait_widgets_rendered(page)
            if problems:
                raise RuntimeError("; ".join(problems))
            page.wait_for_function(
                "() => document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) select').length >= 2",
                timeout=15_000,
            )

            def step() -> float:
                return page.evaluate(_STEP_JS, [EXPLORER_CELL, True]) / 1000

            def floor() -> float:
                return page.evaluate(_STEP_JS, [FLOOR_CELL, False]) / 1000

            m.samples, m.floor_samples = alternate(step, floor, rounds=steps, warmup=WARMUP)
            version = browser.version
            say(f"#9 {steps} steps each done")
        finally:
            browser.close()
    m.notes = {
        "steps_each": steps,
        "warmup_each": WARMUP,
        "chromium": chromium,
        "chromium_version": version,
        "timing": "performance.now() in the page, menu change to the new picture decoded (img.decode())",
    }
    return m
