"""A site page with every part of each exercise shown, and axe-core over it, in a few calls per page.

* ``show_everything``: in each live exercise, press its check button, then its hint button if it has an
  enabled one, then "Show answer" (or "Show the points") if it is shown and enabled, all in one call to
  the page. A button is pressed only if, as for a Playwright click, it is shown, enabled and not covered
  by another element at its centre (scrolled into view first); each one that is not is reported.
* ``start_axe`` and ``axe_blocking``: axe-core (the copy bundled by axe-playwright-python) is put in the
  page once, then run on the whole page in the background, so that the test can open the next page in
  another tab meanwhile; the run returns only the serious and critical violations, with what a report
  needs.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

axe_base = pytest.importorskip(
    "axe_playwright_python.base", reason="axe-playwright-python is not installed (pip install -e '.[test]')"
)

BLOCKING = ("critical", "serious")
AXE_OPTIONS = {"resultTypes": ["violations"], "preload": False}  # no fetching: the pages forbid it

_SHOW_EVERYTHING = r"""() => {
  const CHECK = /^\s*(Check|Check my ratings|Save reflection|Save my notes|Choose this reply)\s*$/;
  const HINT = /^\s*Hint/;
  const REVEAL = /^\s*(Show answer|Show the points)\s*$/;
  const problems = [];
  const shown = (el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== "hidden";
  };
  const enabled = (el) => !el.matches(":disabled") && !el.closest("[aria-disabled=true]");
  const buttons = (section, pattern) => [...section.querySelectorAll("button")].filter((b) => pattern.test(b.textContent));
  const press = (section, button, what) => {
    const fault = (why) => problems.push(`${section.dataset.exercise}: the ${what} button ${why}`);
    if (!shown(button)) return fault("is not shown");
    if (!enabled(button)) return fault("is disabled");
    const box = button.getBoundingClientRect();
    if (box.top < 0 || box.left < 0 || box.bottom > innerHeight || box.right > innerWidth) {
      button.scrollIntoView({ block: "center", inline: "center" });
    }
    const at = button.getBoundingClientRect();
    const hit = document.elementFromPoint(at.left + at.width / 2, at.top + at.height / 2);
    if (!button.contains(hit)) return fault(`is covered by ${hit ? hit.outerHTML.slice(0, 120) : "nothing"}`);
    button.focus({ focusVisible: false });  // as a mouse press focuses it
    button.click();
  };
  const one = (section, pattern, what) => {
    const found = buttons(section, pattern);
    if (found.length > 1) problems.push(`${section.dataset.exercise}: ${found.length} ${what} buttons, not one`);
    return found.length === 1 ? found[0] : null;
  };
  for (const section of document.querySelectorAll("section.cx-exercise.cx-ready[data-exercise]")) {
    const check = one(section, CHECK, "check");
    if (!check) {
      problems.push(`${section.dataset.exercise}: no check button`);
      continue;
    }
    press(section, check, "check");
    const hint = one(section, HINT, "hint");
    if (hint && enabled(hint)) press(section, hint, "hint");
    const reveal = one(section, REVEAL, "answer");
    if (reveal && shown(reveal) && enabled(reveal)) press(section, reveal, "answer");
  }
  return problems;
}"""

_START_AXE = """([options, blocking]) => {
  window.courseAxeRun = axe.run(options).then((result) => result.violations
    .filter((v) => blocking.includes(v.impact))
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
                   targets: v.nodes.slice(0, 3).map((n) => n.target) })));
}"""


def show_everything(page: Page) -> list[str]:
    """Open every part of each live exercise in ``page``; what could not be pressed, one line each."""
    return page.evaluate(_SHOW_EVERYTHING)


def start_axe(page: Page, scheme: str) -> None:
    """Start axe-core on the whole page in ``scheme`` ("light" or "dark"); ``axe_blocking`` collects it.
    axe-core is put in the page the first time only (a new page load needs it again)."""
    page.emulate_media(color_scheme=scheme)
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_base.AXE_SCRIPT)
    page.evaluate(_START_AXE, [AXE_OPTIONS, list(BLOCKING)])


def axe_blocking(page: Page) -> list[dict]:
    """The serious and critical violations of the run ``start_axe`` began: id, impact, help, the number of
    nodes and the targets of the first three."""
    return page.evaluate("window.courseAxeRun")
