"""Page helpers for driving JupyterLab in a real browser (shared by every browser test).

A test gets a ``server`` (:class:`LabServer`, from the session fixture in ``conftest.py``) and
pytest-playwright's ``page``, then::

    open_notebook(page, server, "01_codes_and_boundaries.ipynb")
    run_all(page)
    assert output_errors(page) == []
    click_widget_button(page, "Check")

Everything waits on something visible in the page; there are no fixed sleeps. Timeouts are in
milliseconds, as everywhere in Playwright.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

REPO = Path(__file__).resolve().parents[2]


def notebooks_dir() -> Path:
    """The notebooks under test: the course's ``notebooks/``.

    ``COURSE_BROWSER_NOTEBOOKS`` points the browser tests at another folder; it exists only for
    developing these tests against throwaway notebooks.
    """
    override = os.environ.get("COURSE_BROWSER_NOTEBOOKS")
    return Path(override) if override else REPO / "notebooks"


def notebook_names() -> list[str]:
    """File names of every notebook of the course, sorted (new notebooks are picked up)."""
    return sorted(p.name for p in notebooks_dir().glob("*.ipynb"))


def code_cell_sources(path: Path) -> list[str]:
    """Source of every code cell in the notebook file, in order."""
    nb = nbformat.read(path, as_version=4)
    return [cell.source for cell in nb.cells if cell.cell_type == "code"]


# Seconds per notebook, filled by the tests and printed at the end of the run (conftest.py).
TIMINGS: dict[str, dict[str, float]] = {}

# Timeouts (ms): generous, but bounded.
LOAD_TIMEOUT = 60_000  # page load until the kernel reports Idle
RUN_TIMEOUT = 120_000  # Run All Cells until every code cell has run
WIDGET_TIMEOUT = 20_000  # widget views replacing "Loading widget..."
FEEDBACK_TIMEOUT = 15_000  # a click until its feedback shows


@dataclass
class LabServer:
    """A running JupyterLab started with ``course.delivery.lab.server_command``."""

    url: str  # http://127.0.0.1:<port>
    token: str
    root: Path  # the temporary copy of notebooks/ it serves
    log: Path
    command: list[str]
    port: int
    progress: Path  # the learner progress store its kernels write (COURSE_PROGRESS)
    env: dict[str, str] = field(repr=False, default_factory=dict)
    data: Path | None = None  # the course content its kernels read (COURSE_DATA), when not data/
    # Sub-folders of ``root`` that are not copies of notebooks/ -> their pristine source folder
    # (e.g. ``_e2e``, the exercise tests' generated notebooks), restored by ``reset`` too.
    extra: dict[str, Path] = field(default_factory=dict)

    def lab_url(self, notebook: str) -> str:
        """Address that opens one notebook in a fresh workspace."""
        return f"{self.url}/lab/tree/{notebook}?reset&token={self.token}"

    def get(self, path: str, *, token: bool = True) -> tuple[int, bytes]:
        """GET ``path`` on the server; returns (status, body) and never raises for HTTP errors."""
        req = urllib.request.Request(self.url + path)
        if token:
            req.add_header("Authorization", f"token {self.token}")
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:  # noqa: S310 (127.0.0.1 only)
                return resp.status, resp.read()
        except urllib.error.HTTPError as err:
            return err.code, err.read()

    def api(self, method: str, path: str) -> Any:
        """Call the REST API with the token; JSON answer or None."""
        req = urllib.request.Request(self.url + path, method=method)
        req.add_header("Authorization", f"token {self.token}")
        with urllib.request.urlopen(req, timeout=10) as resp:  # noqa: S310 (127.0.0.1 only)
            body = resp.read()
        return json.loads(body) if body else None

    def reset(self) -> None:
        """Shut down every kernel and restore the served notebooks from the source folder.

        JupyterLab autosaves outputs into the served copy and keeps a notebook's kernel alive
        after its page closes; without this a later test would inherit both.
        """
        for session in self.api("GET", "/api/sessions"):
            try:
                self.api("DELETE", f"/api/sessions/{session['id']}")
            except urllib.error.HTTPError as err:
                if err.code != 404:
                    raise
        folders = [(notebooks_dir(), self.root)]
        folders += [(src, self.root / sub) for sub, src in self.extra.items()]
        for source, served in folders:
            served.mkdir(parents=True, exist_ok=True)
            for src in source.glob("*.ipynb"):
                dst = served / src.name
                if not dst.exists() or dst.read_bytes() != src.read_bytes():
                    shutil.copyfile(src, dst)
            shutil.rmtree(served / ".ipynb_checkpoints", ignore_errors=True)

    def set_theme(self, theme: str) -> None:
        """Save ``theme`` ("JupyterLab Light", "JupyterLab Dark") as the user's setting; pages opened
        afterwards use it (an open page switches with :func:`use_theme`)."""
        body = json.dumps({"raw": json.dumps({"theme": theme})}).encode()
        req = urllib.request.Request(
            f"{self.url}/lab/api/settings/@jupyterlab/apputils-extension:themes", data=body, method="PUT"
        )
        req.add_header("Authorization", f"token {self.token}")
        req.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(req, timeout=10) as resp:  # noqa: S310 (127.0.0.1 only)
            resp.read()

    def reset_progress(self) -> None:
        """Delete the progress store (call only after ``reset``, with no kernel running)."""
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{self.progress}{suffix}").unlink(missing_ok=True)


# ---------------------------------------------------------------- opening a notebook

_TOAST = ".Toastify__toast"
_KERNEL_DIALOG = ".jp-Dialog"


def _install_dialog_handlers(page: Page) -> None:
    """Answer JupyterLab's kernel question whenever it shows up in front of what a test waits on.

    A notebook without (or with an unknown) kernelspec asks which kernel to start; accept the
    preselected default, the Python kernel of this environment. (The news question is answered
    "Never" in the server's settings, see conftest.py: its toast animates and moves too much to
    be clicked reliably.)
    """
    if getattr(page, "_course_dialog_handlers", False):
        return
    page._course_dialog_handlers = True  # type: ignore[attr-defined]
    kernel = page.locator(_KERNEL_DIALOG).filter(has_text="Select Kernel")
    page.add_locator_handler(kernel, lambda dialog: dialog.locator(".jp-mod-accept").click(), no_wait_after=True)


def notebook_panel(page: Page) -> Locator:
    """The notebook currently shown in the main area."""
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")


def wait_kernel_idle(page: Page, timeout: float = LOAD_TIMEOUT) -> None:
    """Wait until the status bar reports the kernel as Idle."""
    status = page.locator("#jp-main-statusbar")
    expect(status).to_contain_text(re.compile(r"\|\s*Idle"), timeout=timeout)


def open_notebook(page: Page, server: LabServer, name: str, timeout: float = LOAD_TIMEOUT) -> None:
    """Open ``name`` (a path relative to the served root) in a fresh JupyterLab workspace and wait
    for its kernel to be Idle."""
    _install_dialog_handlers(page)
    page.goto(server.lab_url(name), wait_until="domcontentloaded", timeout=timeout)
    panel = notebook_panel(page)
    expect(panel.locator(".jp-Notebook")).to_be_visible(timeout=timeout)
    # The status bar names the file only, not its folder.
    expect(page.locator("#jp-main-statusbar")).to_contain_text(name.rsplit("/", 1)[-1], timeout=timeout)
    wait_kernel_idle(page, timeout)
    # The first cell is rendered: the notebook's model has loaded into the view.
    expect(panel.locator(".jp-Cell").first).to_be_visible(timeout=timeout)


def open_in_lab(page: Page, path: str, timeout: float = LOAD_TIMEOUT) -> None:
    """Open ``path`` (relative to the server's root) in the JupyterLab already shown on the page, as a
    learner does with File > Open from Path..., and wait for its kernel to be Idle.

    Cheaper than :func:`open_notebook`, which loads JupyterLab afresh: the notebooks opened before stay
    open in their own tabs (hidden; every helper here reads the notebook shown).
    """
    _install_dialog_handlers(page)
    menu(page, "File", "Open from Path...")
    dialog = page.locator(_KERNEL_DIALOG).filter(has=page.locator("input"))
    dialog.locator("input").fill(path)
    dialog.locator("button.jp-mod-accept").click()
    expect(dialog).to_have_count(0, timeout=timeout)
    panel = notebook_panel(page)
    expect(panel.locator(".jp-Notebook")).to_be_visible(timeout=timeout)
    expect(page.locator("#jp-main-statusbar")).to_contain_text(path.rsplit("/", 1)[-1], timeout=timeout)
    wait_kernel_idle(page, timeout)
    expect(panel.locator(".jp-Cell").first).to_be_visible(timeout=timeout)


def close_and_shut_down(page: Page, timeout: float = LOAD_TIMEOUT) -> None:
    """File > Close and Shut Down Notebook... on the notebook shown, confirmed: its tab closes (unsaved
    outputs are dropped) and its kernel stops."""
    shown = notebook_panel(page).get_attribute("id")
    menu(page, "File", "Close and Shut Down Notebook...")
    dialog = page.locator(_KERNEL_DIALOG)
    dialog.locator("button.jp-mod-accept").click()
    expect(dialog).to_have_count(0, timeout=timeout)
    expect(page.locator(f"[id='{shown}']")).to_have_count(0, timeout=timeout)


# ---------------------------------------------------------------- running cells


def menu(page: Page, top: str, item: str) -> None:
    """Click ``top`` in the menu bar, then ``item`` in the menu it opens (exact labels; an item
    written with "..." also matches JupyterLab's "…")."""
    page.locator(".lm-MenuBar-itemLabel").filter(has_text=re.compile(rf"^{re.escape(top)}$")).click()
    label = re.escape(item[:-3]) + r"(\.\.\.|…)" if item.endswith("...") else re.escape(item)
    page.locator(".lm-Menu-itemLabel").filter(has_text=re.compile(rf"^{label}$")).click()


def restart_kernel(page: Page, timeout: float = LOAD_TIMEOUT) -> None:
    """Kernel > Restart Kernel..., confirm in the dialog, and wait until the kernel is Idle again."""
    menu(page, "Kernel", "Restart Kernel...")
    dialog = page.locator(_KERNEL_DIALOG).filter(has_text=re.compile("Restart Kernel", re.I))
    dialog.locator("button.jp-mod-accept").click()
    expect(dialog).to_have_count(0, timeout=timeout)
    wait_kernel_idle(page, timeout)


_PROMPTS_JS = """
() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  if (!panel) return [];
  return [...panel.querySelectorAll('.jp-Notebook .jp-Cell')].flatMap((cell, index) => {
    if (!cell.classList.contains('jp-CodeCell')) return [];
    const prompt = cell.querySelector('.jp-InputArea-prompt');
    const editor = cell.querySelector('.jp-InputArea-editor .cm-content');
    return [{cell: index + 1, prompt: prompt ? prompt.textContent.trim() : '',
             blank: !(editor && editor.textContent.trim())}];
  });
}
"""

# True once no code cell is queued or running and either every cell that must run shows an
# execution count, or an error output has appeared (JupyterLab then skips the remaining cells).
_RUN_DONE_JS = """
([mustRun, stderrSelector]) => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  if (!panel) return false;
  const prompts = [...panel.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputArea-prompt')]
    .map(p => p.textContent.trim());
  if (prompts.some(p => p.startsWith('[*]'))) return false;
  const failed = [...panel.querySelectorAll(stderrSelector)]
    .some(e => /Traceback|^\\s*\\w*(Error|Exception)\\b/m.test(e.textContent));
  return failed || mustRun.every(i => /^\\[\\d+\\]/.test(prompts[i] || ''));
}
"""

_PROMPT_NUMBER = re.compile(r"^\[\d+\]")
STDERR = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'


@dataclass
class CellPrompt:
    cell: int  # 1-based position among all cells, as in the status bar's "Cell 3/12"
    prompt: str  # '[4]:', '[*]:' (running or queued) or '[ ]:' (not run)
    blank: bool  # no source: JupyterLab never executes it


def cell_prompts(page: Page) -> list[CellPrompt]:
    """The execution prompt of every code cell of the open notebook."""
    return [CellPrompt(**p) for p in page.evaluate(_PROMPTS_JS)]


def run_all(page: Page, code_sources: list[str] | None = None, timeout: float = RUN_TIMEOUT) -> float:
    """Run > Run All Cells and wait until every code cell has run, or one has failed.

    ``code_sources`` (from :func:`code_cell_sources`) checks that the page shows every code cell
    of the file; blank cells are not waited for, since JupyterLab never executes them. Outputs
    already on the page are cleared first, so stale execution counts cannot pass for a finished
    run. Returns the seconds the run took; on timeout, fails naming the cells still waiting.
    """
    if code_sources is not None:
        try:
            page.wait_for_function(
                "(n) => document.querySelectorAll("
                "'.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-CodeCell').length === n",
                arg=len(code_sources),
                timeout=10_000,
            )
        except PlaywrightTimeoutError:
            raise AssertionError(
                f"the page shows {len(cell_prompts(page))} code cells, the notebook file has {len(code_sources)}"
            ) from None
    prompts = cell_prompts(page)
    if code_sources is not None:
        must_run = [i for i, source in enumerate(code_sources) if source.strip()]
    else:
        must_run = [i for i, p in enumerate(prompts) if not p.blank]
    if any(_PROMPT_NUMBER.match(p.prompt) for p in prompts):
        menu(page, "Edit", "Clear Outputs of All Cells")
        page.wait_for_function(
            "() => ![...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) "
            ".jp-CodeCell .jp-InputArea-prompt')].some(p => /\\d/.test(p.textContent))",
            timeout=10_000,
        )
    start = time.monotonic()
    menu(page, "Run", "Run All Cells")
    try:
        page.wait_for_function(_RUN_DONE_JS, arg=[must_run, STDERR], timeout=timeout, polling=200)
    except PlaywrightTimeoutError:
        waiting = [
            f"cell {p.cell} {p.prompt}"
            for i, p in enumerate(cell_prompts(page))
            if i in must_run and not _PROMPT_NUMBER.match(p.prompt)
        ]
        raise AssertionError(
            f"Run All Cells did not finish within {timeout / 1000:.0f} s; still waiting: " + ", ".join(waiting)
        ) from None
    return time.monotonic() - start


# ---------------------------------------------------------------- reading outputs

_OUTPUTS_JS = """
() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  if (!panel) return [];
  const cells = [...panel.querySelectorAll('.jp-Notebook .jp-Cell')];
  return [...panel.querySelectorAll('.jp-OutputArea-output')].map(e => ({
    cell: cells.indexOf(e.closest('.jp-Notebook .jp-Cell')) + 1,
    mime: e.getAttribute('data-mime-type') || '',
    text: e.textContent,
  }));
}
"""

_IMAGES_JS = """
() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  if (!panel) return [];
  const cells = [...panel.querySelectorAll('.jp-Notebook .jp-Cell')];
  return [...panel.querySelectorAll('.jp-OutputArea-output img')].map(img => ({
    cell: cells.indexOf(img.closest('.jp-Notebook .jp-Cell')) + 1,
    alt: img.getAttribute('alt'),
    decorative: img.getAttribute('role') === 'presentation' || img.getAttribute('aria-hidden') === 'true',
    src: (img.getAttribute('src') || '').slice(0, 40),
  }));
}
"""

_ERROR_TEXT = re.compile(r"Traceback|^\s*\w*(Error|Exception)\b", re.MULTILINE)
_ERROR_MIME = re.compile(r"error", re.IGNORECASE)


def _short(text: str, limit: int = 600) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + " ..."


def outputs(page: Page) -> list[dict[str, Any]]:
    """Every rendered output of the open notebook: ``{cell, mime, text}`` (widget outputs included)."""
    return page.evaluate(_OUTPUTS_JS)


def output_errors(page: Page) -> list[str]:
    """Each error shown in an output area (tracebacks, error mime types, broken widgets), as
    ``cell N: text``; empty when there is none."""
    found = []
    for out in outputs(page):
        text = out["text"]
        if (
            (out["mime"] == "application/vnd.jupyter.stderr" and _ERROR_TEXT.search(text))
            or _ERROR_MIME.search(out["mime"])
            or "Error displaying widget" in text
        ):
            found.append(f"cell {out['cell']}: {_short(text)}")
    return found


def stderr_messages(page: Page) -> list[str]:
    """Text written to stderr that is not an error (warnings, log lines), as ``cell N: text``."""
    return [
        f"cell {o['cell']}: {_short(o['text'])}"
        for o in outputs(page)
        if o["mime"] == "application/vnd.jupyter.stderr" and not _ERROR_TEXT.search(o["text"])
    ]


def images_without_alt(page: Page) -> list[str]:
    """Output images (plots) lacking a non-empty ``alt`` text, as ``cell N: <src...>``.

    JupyterLab renders a bare ``image/png`` output without any ``alt``: plots must be displayed
    as HTML ``<img alt=...>`` to pass. Images marked decorative (``role="presentation"`` or
    ``aria-hidden="true"``) are exempt.
    """
    return [
        f"cell {i['cell']}: {i['src']}..."
        for i in page.evaluate(_IMAGES_JS)
        if not i["decorative"] and not (i["alt"] or "").strip()
    ]


def wait_widgets_rendered(page: Page, timeout: float = WIDGET_TIMEOUT) -> list[str]:
    """Wait until no widget output still says "Loading widget..."; returns the cells where one
    is stuck after ``timeout`` (empty when all rendered)."""
    loading = (
        notebook_panel(page)
        .locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.widget-view+json"]')
        .filter(has_text=re.compile(r"^\s*Loading widget\.\.\.\s*$"))
    )
    try:
        expect(loading).to_have_count(0, timeout=timeout)
        return []
    except AssertionError:
        return [
            f"cell {o['cell']}: Loading widget..." for o in outputs(page) if o["text"].strip() == "Loading widget..."
        ]


# ---------------------------------------------------------------- cells and widgets


def code_cell(page: Page, contains: str) -> Locator:
    """The code cell whose source contains ``contains`` (e.g. ``'exercise("refusal-reasons")'``)."""
    return (
        notebook_panel(page).locator(".jp-CodeCell").filter(has=page.locator(".jp-InputArea-editor", has_text=contains))
    )


def cell_output(page: Page, contains: str) -> Locator:
    """The output area of the code cell whose source contains ``contains``."""
    return code_cell(page, contains).locator(".jp-OutputArea")


def click_widget_button(scope: Page | Locator, text: str, timeout: float = FEEDBACK_TIMEOUT) -> None:
    """Click the ipywidgets button labelled exactly ``text``.

    ``scope`` is the page or, when several cells have such a button, e.g. ``cell_output(page,
    'exercise("x")')``. Only widget buttons count (JupyterLab's own toolbar has a "Save" too).
    """
    root = notebook_panel(scope) if isinstance(scope, Page) else scope
    button = root.locator("button.jupyter-button").filter(has_text=re.compile(rf"^\s*{re.escape(text)}\s*$"))
    try:
        expect(button).to_have_count(1, timeout=timeout)
    except AssertionError:
        found = button.count()
        hint = "; narrow the scope: click_widget_button(cell_output(page, ...), text)" if found else ""
        raise AssertionError(f"expected one widget button {text!r}, found {found}{hint}") from None
    button.click(timeout=timeout)


# ---------------------------------------------------------------- screenshots

_SCROLLER = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer"
MAX_SCREENSHOT_HEIGHT = 16_000  # Chromium cannot capture much taller pages
SCREENSHOTS_ENV = "COURSE_SCREENSHOTS"  # set to 1 by `make screenshots`


def screenshots_wanted() -> bool:
    """Whether the tests save their screenshots: only when asked (``COURSE_SCREENSHOTS=1``, which
    ``make screenshots`` sets). They are pictures for people to look at, not checks, and each costs a
    few seconds of resizing and capturing."""
    return os.environ.get(SCREENSHOTS_ENV, "") == "1"


LIGHT_THEME, DARK_THEME = "JupyterLab Light", "JupyterLab Dark"

# What a page looks like: the notebook's background, and each course picture's card.
_LOOK_JS = """
() => ({
  theme: document.body.dataset.jpThemeName,
  light: document.body.dataset.jpThemeLight,
  body: getComputedStyle(document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook')).backgroundColor,
  cards: [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .course-picture')]
    .map(c => getComputedStyle(c).backgroundColor),
})
"""


def page_look(page: Page) -> dict[str, Any]:
    """The open notebook's theme name, its background colour and the course pictures' card colours."""
    return page.evaluate(_LOOK_JS)


def luminance(css_colour: str) -> float:
    """Relative luminance of a computed ``rgb(...)``/``rgba(...)`` colour (0 black .. 1 white)."""
    parts = [float(p) for p in css_colour[css_colour.index("(") + 1 : -1].split(",")[:3]]
    lin = [(c / 255) / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in parts]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def use_theme(page: Page, theme: str, timeout: float = 30_000) -> None:
    """Switch the open JupyterLab to ``theme`` through Settings > Theme, as a learner does, and wait
    until the theme is applied. JupyterLab saves the choice in the user's settings."""
    page.locator(".lm-MenuBar-itemLabel").filter(has_text=re.compile(r"^Settings$")).click()
    page.locator(".lm-Menu-itemLabel").filter(has_text=re.compile(r"^Theme$")).hover()
    page.locator(".lm-Menu-itemLabel").filter(has_text=re.compile(rf"^{re.escape(theme)}$")).click()
    page.wait_for_function(
        "(name) => document.body.dataset.jpThemeName === name", arg=theme, timeout=timeout, polling=100
    )
    page.keyboard.press("Escape")  # close any menu left open


def dismiss_notifications(page: Page) -> None:
    """Close the notification toasts showing, if any (best effort, before a screenshot)."""
    close = page.locator(f"{_TOAST} .jp-Notification-Toast-Close")
    for i in reversed(range(close.count())):
        try:
            close.nth(i).click(timeout=2_000)
        except PlaywrightTimeoutError:
            pass


# How far the notebook's content (cells and footer, not the empty scroll-past-end space) reaches
# below the visible part of the notebook panel; negative when the panel is taller than it.
_CONTENT_OVERFLOW_JS = f"""
() => {{
  const s = document.querySelector('{_SCROLLER}');
  if (!s) return 0;
  const footer = s.querySelector('.jp-Notebook-footer') || s.lastElementChild;
  const bottom = footer.getBoundingClientRect().bottom - s.getBoundingClientRect().top + s.scrollTop;
  return Math.ceil(bottom + 16 - s.clientHeight);
}}
"""


def screenshot_notebook(page: Page, path: Path) -> None:
    """Save the whole notebook, not only the visible part, as a PNG.

    JupyterLab scrolls inside the notebook panel, so a full-page screenshot would show one
    screen: the viewport is fitted to the notebook's content for the shot, then restored.
    Cells drawn for the first time may change height, hence a few rounds.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size or {"width": 1280, "height": 720}
    chrome = page.evaluate(  # menus, toolbars and status bar around the notebook: fixed height
        f"() => window.innerHeight - (document.querySelector('{_SCROLLER}')?.clientHeight ?? 0)"
    )

    def fit(height: int) -> None:
        page.set_viewport_size({"width": size["width"], "height": height})
        # Lumino lays the panels out again after the resize event; wait until it has.
        page.wait_for_function(
            f"(h) => {{ const s = document.querySelector('{_SCROLLER}');"
            " return !s || Math.abs(s.clientHeight - h) <= 2; }",
            arg=height - chrome,
            timeout=10_000,
        )

    try:
        dismiss_notifications(page)
        # First as tall as possible, so that every cell is drawn at its real height, then shrink
        # to the content (cells and footer, without the empty scroll-past-end space).
        fit(MAX_SCREENSHOT_HEIGHT)
        for _ in range(4):
            height = page.viewport_size["height"]
            target = max(size["height"], min(height + page.evaluate(_CONTENT_OVERFLOW_JS), MAX_SCREENSHOT_HEIGHT))
            if abs(target - height) <= 2:
                break
            fit(target)
        page.evaluate(f"() => document.querySelector('{_SCROLLER}')?.scrollTo(0, 0)")
        page.screenshot(path=str(path), full_page=True, animations="disabled")
    finally:
        page.set_viewport_size(size)
