"""Accessibility of the exercise widgets in JupyterLab, on one notebook showing every type.

* axe-core (bundled by axe-playwright-python), scoped to each exercise's output area: no critical
  or serious violation, with every part shown (a check's feedback, a hint, the revealed answer).
* Every form control in those outputs has an accessible name (aria-label, aria-labelledby, a
  ``<label>``, or a button's text), and no two fields of one exercise share a name.
* Focus order follows reading order: Tab through an exercise visits its options, then Check, Hint,
  Show answer and Reset, in the order they are laid out; Shift+Tab comes back the same way.
* Keys: those the widgets' tooltips promise work, and a key typed on an exercise's control does not
  reach the notebook's command-mode shortcuts.
* JupyterLab's dark theme, switched through Settings > Theme as a learner would: no serious or critical
  axe finding in any exercise either (under ``make screenshots``, a screenshot of each in
  ``artifacts/screenshots/dark/exercises/<type>.png``); then the light theme again.

The rating fields, category names, keys promised in tooltips and notebook shortcuts were once failures here.
The notebook is opened once for the module; the tests read the page, move focus or switch the theme
(and back), except the last one, which types a key into it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from .. import e2e_content
from ..axe_check import axe_findings, report
from ..lab import DARK_THEME, LIGHT_THEME, LabServer, luminance, notebook_panel, page_look, use_theme
from .helpers import OUTPUTS, area_selector, exercise, open_exercises, shot, show_every_part

STEM = "all-types"


@pytest.fixture(autouse=True)
def _fresh_lab() -> None:
    """The module's page keeps its kernel from test to test (overrides the per-test reset)."""


@pytest.fixture(autouse=True)
def _fresh_progress() -> None:
    """See ``_fresh_lab``: the store is emptied once, in ``lab_page``."""


@pytest.fixture(scope="module")
def lab_page(browser: Browser, browser_context_args: dict, server: LabServer) -> Iterator[Page]:
    """The all-types notebook, run, with every exercise's feedback, first hint and answer shown."""
    server.reset()
    server.reset_progress()
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    try:
        open_exercises(page, server, STEM)
        show_every_part(page, server)
        yield page
    finally:
        context.close()
        server.set_theme(LIGHT_THEME)  # JupyterLab saves a theme chosen in its menu for the server
        server.reset()


def per_type(marks: dict[str, pytest.MarkDecorator]) -> list:
    return [pytest.param(kind, marks=[marks[kind]] if kind in marks else [], id=kind) for kind in e2e_content.EXAMPLES]


@pytest.mark.parametrize("kind", per_type({}))
def test_axe_finds_no_serious_violations(lab_page: Page, kind: str) -> None:
    ex_id = e2e_content.EXAMPLES[kind]
    where = area_selector(lab_page, ex_id)
    blocking, checked = axe_findings(lab_page, [where])
    assert checked, f"axe-core checked nothing in {where}"
    assert not blocking, f"axe-core violations in the output of {ex_id}:\n" + report(blocking)


# Each control and the accessible name it gets from the sources the brief allows.
_NAMES_JS = """
(selector) => {
  const controls = 'input:not([type=hidden]), select, textarea, button, [role=slider], [role=checkbox], '
    + '[role=radio], [role=listbox], [role=combobox], [role=spinbutton], [role=textbox], [contenteditable=""], '
    + '[contenteditable=true], [tabindex]:not([tabindex="-1"])';
  const text = (el) => (el ? el.textContent : '').replace(/\\s+/g, ' ').trim();
  const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length)
    && getComputedStyle(el).visibility !== 'hidden';
  const out = [];
  for (const area of document.querySelectorAll(selector)) {
    for (const el of area.querySelectorAll(controls)) {
      if (!el.closest('.cx-exercise') || !visible(el)) continue;
      let name = (el.getAttribute('aria-label') || '').trim(), source = 'aria-label';
      if (!name && el.getAttribute('aria-labelledby')) {
        name = el.getAttribute('aria-labelledby').split(/\\s+/).map(id => text(document.getElementById(id))).join(' ').trim();
        source = 'aria-labelledby';
      }
      if (!name && el.id) {
        name = [...document.querySelectorAll('label')].filter(l => l.htmlFor === el.id).map(text).join(' ').trim();
        source = 'label[for]';
      }
      if (!name && el.closest('label')) { name = text(el.closest('label')); source = 'wrapping label'; }
      if (!name && el.tagName === 'BUTTON') { name = text(el); source = 'button text'; }
      const exercise = el.closest('.jp-CodeCell').querySelector('.jp-InputArea-editor').textContent.match(/exercise\\("([^"]+)"\\)/);
      out.push({exercise: exercise ? exercise[1] : '?', tag: el.tagName.toLowerCase(),
                type: el.getAttribute('type') || el.getAttribute('role') || '', cls: el.className || '',
                name, source: name ? source : '', title: el.getAttribute('title') || '',
                html: el.outerHTML.slice(0, 140)});
    }
  }
  return out;
}
"""


def control_names(page: Page) -> list[dict]:
    return page.evaluate(_NAMES_JS, OUTPUTS)


def test_every_kind_of_control_is_checked(lab_page: Page) -> None:
    kinds = {c["tag"] for c in control_names(lab_page)}
    assert {"input", "select", "textarea", "button"} <= kinds, f"expected every kind of control, got {kinds}"


@pytest.mark.parametrize("kind", per_type({}))
def test_every_control_has_an_accessible_name(lab_page: Page, kind: str) -> None:
    ex_id = e2e_content.EXAMPLES[kind]
    controls = [c for c in control_names(lab_page) if c["exercise"] == ex_id]
    assert controls, f"no control found in {ex_id}"
    unnamed = [f"<{c['tag']} {c['type']}> {c['html']}" for c in controls if not c["name"]]
    assert not unnamed, f"controls without an accessible name in {ex_id}:\n" + "\n".join(unnamed)


@pytest.mark.parametrize("kind", per_type({}))
def test_form_fields_have_distinct_names(lab_page: Page, kind: str) -> None:
    """Within one exercise no two fields share a name: each name says which item it is for."""
    ex_id = e2e_content.EXAMPLES[kind]
    names = [
        c["name"] for c in control_names(lab_page) if c["exercise"] == ex_id and c["tag"] != "button" and c["name"]
    ]
    repeated = sorted({n for n in names if names.count(n) > 1})
    assert not repeated, f"{ex_id}: several fields are all named " + ", ".join(
        f"{n!r} ({names.count(n)} times)" for n in repeated
    )


# ---------------------------------------------------------------- focus order

_ACTIVE_JS = """
(area) => {
  const el = document.activeElement;
  if (!el || !area.contains(el)) return null;
  const r = el.getBoundingClientRect();
  const label = el.tagName === 'BUTTON' ? el.textContent.trim()
    : (el.closest('label') ? el.closest('label').textContent.trim() : el.getAttribute('aria-label') || '');
  return {tag: el.tagName.toLowerCase(), type: el.getAttribute('type') || '', label,
          index: [...area.querySelectorAll('*')].indexOf(el), top: r.top, left: r.left};
}
"""

# Tabbable controls of one output area in DOM order (what Tab should visit).
_TABBABLE_JS = """
(area) => [...area.querySelectorAll('input, select, textarea, button, [tabindex]')]
  .filter(el => el.tabIndex >= 0 && !el.disabled && (el.offsetWidth || el.offsetHeight)
          && getComputedStyle(el).visibility !== 'hidden')
  .map(el => [...area.querySelectorAll('*')].indexOf(el))
"""


def test_tab_order_follows_reading_order(lab_page: Page) -> None:
    page = lab_page
    ex_id = e2e_content.EXAMPLES["single-choice"]
    out = exercise(page, ex_id)
    expected = out.evaluate(_TABBABLE_JS)
    options = out.locator(".widget-radio-box input[type=radio]")
    n_options = options.count()
    options.first.focus()

    visited = []
    for _ in range(len(expected) + 3):
        now = out.evaluate(_ACTIVE_JS)
        if now is None:
            break
        visited.append(now)
        page.keyboard.press("Tab")
    labels = [v["label"] for v in visited]
    assert [v["index"] for v in visited] == expected, f"Tab visited {labels}, not the DOM order of the controls"
    # The options first (each radio is a tab stop in ipywidgets 8), then the four buttons.
    assert all(v["type"] == "radio" for v in visited[:n_options]), labels
    buttons = labels[n_options:]
    assert (
        len(buttons) == 4
        and buttons[0] == "Check"
        and re.fullmatch(r"Hint \(\d+ of \d+\)|No more hints", buttons[1])
        and buttons[2:] == ["Show answer", "Reset"]
    ), f"after the options, Tab visits {buttons}"
    # Reading order: each stop is below the previous one, or on the same line to its right.
    for a, b in zip(visited, visited[1:]):
        assert b["top"] > a["top"] + 1 or (abs(b["top"] - a["top"]) <= 1 and b["left"] > a["left"]), (
            f"{b['label']!r} comes after {a['label']!r} in the tab order but is laid out before it"
        )

    # Shift+Tab walks back the same way, from the last stop.
    out.locator("*").nth(visited[-1]["index"]).focus()
    back = []
    for _ in range(len(visited) + 2):
        now = out.evaluate(_ACTIVE_JS)
        if now is None:
            break
        back.append(now["index"])
        page.keyboard.press("Shift+Tab")
    assert back == [v["index"] for v in reversed(visited)], "Shift+Tab does not retrace the Tab order"


# ---------------------------------------------------------------- keys the widgets promise

# Widgets whose tooltip tells the learner to use the arrow keys: the radio groups (single-choice,
# decision) and the ordering list. Each gets focus, then ArrowDown must move its choice.
_PROMISES_JS = """
(selector) => {
  const seen = new Set();
  return [...document.querySelectorAll(selector + ' .cx-exercise [title]')]
    .filter(el => /arrow keys/i.test(el.title))
    .map(el => ({el, widget: el.closest('.widget-radio, .widget-select') || el.parentElement}))
    .filter(({widget}) => !seen.has(widget) && seen.add(widget))
    .map(({el, widget}) => {
      const cell = widget.closest('.jp-CodeCell').querySelector('.jp-InputArea-editor').textContent;
      return {exercise: (cell.match(/exercise\\("([^"]+)"\\)/) || [])[1], title: el.title,
              radios: widget.querySelectorAll('input[type=radio]').length, select: !!widget.querySelector('select')};
    });
}
"""


def test_keys_promised_by_the_widgets_work(lab_page: Page) -> None:
    page = lab_page
    promised = page.evaluate(_PROMISES_JS, OUTPUTS)
    broken = []
    for widget in promised:
        out = exercise(page, widget["exercise"])
        if widget["radios"]:
            radios = out.locator(".widget-radio-box input[type=radio]")
            radios.first.focus()
            page.keyboard.press("Space")
            expect(radios.first).to_be_checked()
            page.keyboard.press("ArrowDown")
            moved = radios.nth(1).is_checked() and radios.nth(1).evaluate("r => r === document.activeElement")
        else:
            select = out.locator(".widget-select select")
            select.focus()
            page.keyboard.press("Home")
            page.keyboard.press("ArrowDown")
            moved = select.evaluate("s => s.selectedIndex === 1 && s === document.activeElement")
        if not moved:
            where = page.evaluate("() => document.activeElement.className || document.activeElement.tagName")
            broken.append(f"{widget['exercise']}: tooltip {widget['title']!r}, but ArrowDown moved focus to {where!r}")
    assert not broken, "\n".join(broken)


@pytest.mark.screenshots
def test_every_exercise_type_in_the_dark_theme(lab_page: Page, artifacts: Path) -> None:
    page = lab_page
    use_theme(page, DARK_THEME)
    try:
        look = page_look(page)
        assert look["theme"] == DARK_THEME and luminance(look["body"]) < 0.1, look
        failures = []
        for kind, ex_id in e2e_content.EXAMPLES.items():
            where = area_selector(page, ex_id)
            blocking, checked = axe_findings(page, [where])
            if blocking or not checked:
                failures.append(f"{kind} ({ex_id}):\n" + (report(blocking) if checked else "axe-core checked nothing"))
            shot(exercise(page, ex_id), kind, artifacts / "screenshots" / "dark" / "exercises")
        assert not failures, "axe-core findings in the dark theme:\n" + "\n".join(failures)
    finally:
        use_theme(page, LIGHT_THEME)


def test_a_key_typed_on_an_exercise_leaves_the_notebook_alone(lab_page: Page) -> None:
    """(Last in this module: when it fails, the key has turned the first exercise's cell into Markdown.)"""
    page = lab_page
    code_cells = notebook_panel(page).locator(".jp-CodeCell")
    before = code_cells.count()
    radio = exercise(page, e2e_content.EXAMPLES["single-choice"]).locator(".widget-radio-box input[type=radio]").first
    radio.focus()
    page.keyboard.press("m")  # a screen-reader user in focus mode, or a stray key
    # JupyterLab runs a shortcut synchronously in the keydown handler: no waiting needed.
    after = code_cells.count()
    assert after == before, f"typing 'm' on an exercise's radio button left {after} of {before} code cells"
