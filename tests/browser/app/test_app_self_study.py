"""The app speaks to its own reader: no keyboard shortcut, no menu of JupyterLab, no terminal command.

The start notebook is opened in Voilà, as a self-study learner opens it, and its rendered text is read.
"""

from __future__ import annotations

from delivery.audience_phrases import foreign_instructions
from playwright.sync_api import Page, expect

from .conftest import AppServer

START = "00_start_here.ipynb"
RENDER_TIMEOUT = 90_000  # ms: Voilà runs the whole notebook before it shows the page

# The rendered text of the page, and apart from it the text of the share panels (off the hub, the panel
# offers "Download my answers"; on the hub, sharing with the seminar).
TEXTS = """() => {
  const panel = [...document.querySelectorAll(".course-share")];
  return { page: document.body.innerText.split(panel.map((o) => o.innerText).join("\\n")).join(""),
           panel: panel.map((o) => o.innerText).join("\\n") };
}"""


def _texts(page: Page, app_server: AppServer) -> dict[str, str]:
    page.goto(app_server.render_url(START), timeout=RENDER_TIMEOUT)
    expect(page.locator(".course-share").first).to_be_visible(timeout=RENDER_TIMEOUT)
    return page.evaluate(TEXTS)


def test_the_app_shows_its_own_instructions_and_none_for_a_notebook(page: Page, app_server: AppServer) -> None:
    texts = _texts(page, app_server)
    assert "there is no code to run here" in texts["page"]
    assert foreign_instructions(texts["page"], "app") == []


def test_the_share_panel_in_the_app_names_no_terminal_command(page: Page, app_server: AppServer) -> None:
    texts = _texts(page, app_server)
    assert texts["panel"]
    assert foreign_instructions(texts["panel"], "app") == []
