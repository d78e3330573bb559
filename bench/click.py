"""#4: in a real browser, the time from clicking "Check" to the feedback changing on the page.

JupyterLab (started like the browser tests start it, on 127.0.0.1) serves a temporary notebook with
two cells: ``course.exercise(<a single-choice id>)`` and the floor, a bare ipywidgets Button whose
handler sets an HTML widget's value. Each timing is taken inside the page: ``performance.now()``
just before ``button.click()``, and again when a MutationObserver sees the target's HTML change,
so Playwright's own round trips are not counted. The exercise alternates a wrong and the right
option, so its feedback really changes on every click, and each click waits until the kernel has
handled the option's update (see ``WidgetUpdates``). Exercise and floor clicks alternate.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import nbformat

from .report import Measure, say
from .stats import alternate

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))  # the browser tests' helpers: tests/browser/

from browser.conftest import CHROMIUM_ARGS, _free_port, _stop, _wait_until_up, find_chromium  # noqa: E402
from browser.lab import LabServer, code_cell_sources, open_notebook, output_errors, run_all, wait_widgets_rendered  # noqa: E402

CLICKS = 30
WARMUP = 2
NOTEBOOK = "bench_click.ipynb"
EXERCISE_CELL, FLOOR_CELL = 0, 1
FLOOR_SOURCE = """\
import itertools, ipywidgets as w
floor_count = itertools.count(1)
floor_button, floor_html = w.Button(description="Floor"), w.HTML("<p>0</p>")
floor_button.on_click(lambda _: setattr(floor_html, "value", f"<p>{next(floor_count)}</p>"))
w.VBox([floor_button, floor_html])"""

# Click the button labelled `label` in code cell `cell`; resolve with the milliseconds until the
# element marked data-bench="target" in that cell shows different HTML.
_CLICK_JS = """
async ([cell, label]) => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const out = panel.querySelectorAll('.jp-Notebook .jp-CodeCell')[cell].querySelector('.jp-OutputArea');
  const button = [...out.querySelectorAll('button.jupyter-button')].find(b => b.textContent.trim() === label);
  const target = out.querySelector('[data-bench="target"]');
  if (!button || !target) throw new Error(`cell ${cell}: no button ${label} or no target`);
  const before = target.innerHTML;
  let start = 0;
  return await new Promise((resolve, reject) => {
    const observer = new MutationObserver(() => {
      if (target.innerHTML === before) return;
      const elapsed = performance.now() - start;
      observer.disconnect(); clearTimeout(timer); resolve(elapsed);
    });
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error('no change in 15 s')); }, 15000);
    observer.observe(target, {childList: true, subtree: true, characterData: true});
    start = performance.now();
    button.click();
  });
}
"""

# Mark the target of code cell `cell`: its HTML widget holding `.cx-feedback` (the exercise's
# feedback) or, when `inner` is '', its first HTML widget (the floor's). True when found.
_MARK_JS = """
([cell, inner]) => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const out = panel.querySelectorAll('.jp-Notebook .jp-CodeCell')[cell].querySelector('.jp-OutputArea');
  const el = [...out.querySelectorAll('.widget-html-content')].find(e => !inner || e.querySelector(inner));
  if (el) el.dataset.bench = 'target';
  return Boolean(el);
}
"""

# What a cell shows, for the message when a click changed nothing: checked radio, widget texts.
_STATE_JS = """
(cell) => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const out = panel.querySelectorAll('.jp-Notebook .jp-CodeCell')[cell].querySelector('.jp-OutputArea');
  const checked = out.querySelector('input[type=radio]:checked');
  return {checked: checked ? checked.value : null,
          kernel: document.querySelector('#jp-main-statusbar')?.textContent,
          html: [...out.querySelectorAll('.widget-html-content')].map(e => e.textContent.trim().slice(0, 80))};
}
"""


def kernel_message(payload: bytes | str) -> dict[str, Any] | None:
    """A Jupyter message from a websocket frame (JupyterLab's binary v1 protocol or plain JSON)."""
    try:
        if isinstance(payload, str):
            msg = json.loads(payload)
            return msg if isinstance(msg, dict) and "header" in msg else None
        count = int.from_bytes(payload[:8], "little")
        offsets = [int.from_bytes(payload[8 + 8 * i : 16 + 8 * i], "little") for i in range(count)]
        parts = [payload[a:b] for a, b in zip(offsets, offsets[1:])]
        return {"header": json.loads(parts[1]), "parent_header": json.loads(parts[2]), "content": json.loads(parts[4])}
    except (ValueError, IndexError, UnicodeDecodeError):
        return None


class WidgetUpdates:
    """Widget state updates sent by the page, and whether the kernel has finished handling them.

    JupyterLab sends widget messages to a kernel subshell (ipykernel 7), where the handling of a
    state update and of the click sent right after it can overlap: the click handler may then read
    the option selected before. So each option is chosen, then the kernel's "idle" for that update
    awaited, and only then is "Check" clicked and timed.
    """

    def __init__(self, page: Any) -> None:
        self.sent = 0
        self.pending: set[str] = set()
        page.on("websocket", self._watch)

    def _watch(self, ws: Any) -> None:
        ws.on("framesent", self._on_sent)
        ws.on("framereceived", self._on_received)

    def _on_sent(self, payload: bytes | str) -> None:
        msg = kernel_message(payload)
        if (
            msg
            and msg["header"].get("msg_type") == "comm_msg"
            and msg["content"].get("data", {}).get("method") == "update"
        ):
            self.sent += 1
            self.pending.add(msg["header"]["msg_id"])

    def _on_received(self, payload: bytes | str) -> None:
        msg = kernel_message(payload)
        if msg and msg["header"].get("msg_type") == "status" and msg["content"].get("execution_state") == "idle":
            self.pending.discard(msg["parent_header"].get("msg_id"))

    def wait_handled(self, page: Any, sent_before: int, timeout: float = 15.0) -> None:
        """Wait until an update was sent after ``sent_before`` and the kernel has handled them all."""
        deadline = time.monotonic() + timeout
        while self.sent <= sent_before or self.pending:
            if time.monotonic() > deadline:
                raise RuntimeError(f"the kernel did not handle the option's update within {timeout:g} s")
            page.wait_for_timeout(5)  # lets Playwright deliver websocket events


def single_choice() -> tuple[str, str, str]:
    """An existing single-choice exercise: (id, label of a wrong option, label of the right one)."""
    import yaml

    from course.exercises import load_spec
    from course.exercises.checks import exercise_files
    from course.paths import data_dir
    from course.safe_html import plain

    files = exercise_files(data_dir() / "exercises")
    files.sort(key=lambda p: p.parent.name != "examples")  # the worked example first, if there is one
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("type") == "single-choice":
            spec = load_spec(str(data["id"]))
            right = next(o for o in spec.options if o.id == spec.answer)
            wrong = next(o for o in spec.options if o.id != spec.answer)
            return spec.id, plain(wrong.text), plain(right.text)
    raise RuntimeError("no single-choice exercise in data/exercises/")


def write_notebook(folder: Path, exercise_id: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nb.cells = [
        nbformat.v4.new_code_cell(f'import course\ncourse.exercise("{exercise_id}")'),
        nbformat.v4.new_code_cell(FLOOR_SOURCE),
    ]
    path = folder / NOTEBOOK
    nbformat.write(nb, path)
    return path


@contextmanager
def lab_server(base: Path, root: Path) -> Iterator[LabServer]:
    """JupyterLab on 127.0.0.1 serving ``root``, as the browser tests' ``server`` fixture starts it."""
    from course.delivery.lab import server_command

    env = dict(os.environ)
    for name in ("runtime", "config", "data", "ipython"):
        (base / name).mkdir()
    env.update(
        JUPYTER_RUNTIME_DIR=str(base / "runtime"),
        JUPYTER_CONFIG_DIR=str(base / "config"),
        JUPYTER_DATA_DIR=str(base / "data"),
        IPYTHONDIR=str(base / "ipython"),
        COURSE_PROGRESS=str(base / "progress.sqlite3"),
    )
    env.pop("MPLBACKEND", None)
    settings = base / "config" / "lab" / "user-settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}\n')
    token, port = secrets.token_hex(16), _free_port()
    cmd = server_command(port=port, root=root, token=token, open_browser=False)
    log = base / "jupyterlab.log"
    with log.open("w") as log_file:
        proc = subprocess.Popen(
            cmd,
            env=env,
            cwd=base,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_until_up(proc, url, token)
        yield LabServer(
            url=url,
            token=token,
            root=root,
            log=log,
            command=cmd,
            port=port,
            progress=Path(env["COURSE_PROGRESS"]),
            env=env,
        )
    finally:
        _stop(proc)


def measure(tmp: Path, clicks: int = CLICKS) -> Measure:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import expect, sync_playwright

    chromium = find_chromium()
    if chromium is None:
        raise RuntimeError("Chromium not found (/usr/bin/chromium); run `make chromium`")
    exercise_id, wrong, right = single_choice()
    m = Measure(
        4,
        f'Browser: click "Check" to feedback shown ({exercise_id})',
        "ms",
        "bare Button → HTML widget",
        max_median=0.100,
        show_p95=True,
    )
    root = tmp / "notebooks"
    root.mkdir()
    sources = code_cell_sources(write_notebook(root, exercise_id))
    with lab_server(tmp, root) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=["--headless", *CHROMIUM_ARGS])
        try:
            page = browser.new_page()
            updates = WidgetUpdates(page)
            open_notebook(page, server, NOTEBOOK)
            run_all(page, sources)
            problems = output_errors(page) + wait_widgets_rendered(page)
            if problems:
                raise RuntimeError("; ".join(problems))
            options = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell").nth(EXERCISE_CELL)
            turn = {"n": 0}

            def choose(label: str) -> None:
                # A click event sent to the radio itself: a wrapped long option label can overlap the
                # next row, so a click at its screen position may land on another option.
                radio = options.get_by_label(label, exact=True)
                sent = updates.sent
                radio.dispatch_event("click")
                expect(radio).to_be_checked()
                updates.wait_handled(page, sent)

            def timed_click(cell: int, label: str) -> float:
                try:
                    return page.evaluate(_CLICK_JS, [cell, label]) / 1000
                except PlaywrightError as err:
                    state = page.evaluate(_STATE_JS, cell)
                    raise RuntimeError(f"click {turn['n']} on {label!r}: {err.message}; page shows {state}") from None

            def check() -> float:
                turn["n"] += 1
                choose(right if turn["n"] % 2 else wrong)
                return timed_click(EXERCISE_CELL, "Check")

            def floor() -> float:
                return timed_click(FLOOR_CELL, "Floor")

            choose(wrong)  # the first feedback: wrong; then right, wrong ...
            options.locator("button.jupyter-button", has_text="Check").click()
            page.wait_for_function(_MARK_JS, arg=[EXERCISE_CELL, ".cx-feedback"], timeout=15_000)
            if not page.evaluate(_MARK_JS, [FLOOR_CELL, ""]):
                raise RuntimeError("the floor cell shows no HTML widget")
            m.samples, m.floor_samples = alternate(check, floor, rounds=clicks, warmup=WARMUP)
            version = browser.version
            say(f"#4 {clicks} clicks each done")
        finally:
            browser.close()
    m.notes = {
        "exercise": exercise_id,
        "clicks_each": clicks,
        "warmup_each": WARMUP,
        "options": {"wrong": wrong, "right": right},
        "chromium": chromium,
        "chromium_version": version,
        "timing": "performance.now() in the page, click() to MutationObserver seeing new HTML",
    }
    return m
