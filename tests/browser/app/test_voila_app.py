"""``make app``: Voilà shows the course with working widgets and plots and without any code."""

from __future__ import annotations

import re
import urllib.request

import pytest
from playwright.sync_api import Page, expect

from course.delivery.learner_copy import course_notebooks
from course.delivery.voila.app import LANDING

from ..lab import code_cell_sources, notebooks_dir
from .conftest import AppServer

START = "00_start_here.ipynb"
RENDER_TIMEOUT = 90_000  # ms: Voilà runs the whole notebook before it shows the page


def test_command_serves_only_on_localhost(app_server: AppServer) -> None:
    assert "--Voila.ip=127.0.0.1" in app_server.command


def test_root_leads_to_the_landing_page(app_server: AppServer) -> None:
    with urllib.request.urlopen(f"{app_server.url}/", timeout=30) as resp:  # noqa: S310 (127.0.0.1 only)
        assert resp.status == 200
        assert resp.url.endswith(f"/voila/render/{LANDING}")


def test_landing_page_links_every_chapter(page: Page, app_server: AppServer) -> None:
    page.goto(app_server.url + "/", timeout=RENDER_TIMEOUT)
    expect(page.get_by_role("heading", name="Chapters")).to_be_visible(timeout=RENDER_TIMEOUT)
    hrefs = page.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    wanted = [p.name for p in course_notebooks()]
    missing = [name for name in wanted if name not in hrefs]
    assert not missing, f"the landing page does not link {missing}"
    page.get_by_role("link", name="Start here", exact=True).first.click()
    expect(page).to_have_url(re.compile(re.escape(f"/voila/render/{START}")), timeout=RENDER_TIMEOUT)


def test_start_notebook_shows_widgets_and_no_code(page: Page, app_server: AppServer) -> None:
    failed: list[str] = []
    page.on("pageerror", lambda err: failed.append(str(err)))
    page.goto(app_server.render_url(START), timeout=RENDER_TIMEOUT)
    # The exercises' buttons and option widgets are live widgets, not text.
    expect(page.locator("button.jupyter-button").filter(has_text=re.compile(r"^\s*Check\s*$")).first).to_be_visible(
        timeout=RENDER_TIMEOUT
    )
    expect(page.locator(".widget-radio-box").first).to_be_visible()
    expect(page.get_by_text("Loading widget...")).to_have_count(0)
    expect(page.get_by_text("Error displaying widget")).to_have_count(0)
    # No code: neither an input area of a code cell nor any code cell's source text.
    expect(page.locator(".jp-CodeCell .jp-InputArea")).to_have_count(0)
    text = page.inner_text("body")
    shown = [
        line
        for src in code_cell_sources(notebooks_dir() / START)
        for line in src.splitlines()
        if line.strip() and line.strip() in text
    ]
    assert not shown, f"code shown in the app: {shown}"
    assert "Traceback" not in text
    assert not failed, f"JavaScript errors: {failed}"


def test_a_widget_answers_a_click(page: Page, app_server: AppServer) -> None:
    """The kernel behind the page is live: pressing Check gives feedback."""
    page.goto(app_server.render_url(START), timeout=RENDER_TIMEOUT)
    exercise = (
        page.locator(".widget-vbox")
        .filter(has=page.locator(".widget-radio-box"))
        .filter(has=page.locator("button.jupyter-button", has_text="Check"))
        .last
    )
    expect(exercise).to_be_visible(timeout=RENDER_TIMEOUT)
    exercise.locator(".widget-radio-box input").first.check()
    before = exercise.inner_text()
    exercise.locator("button.jupyter-button", has_text="Check").first.click()
    expect(exercise).not_to_have_text(before, timeout=15_000)


def _plot_notebook() -> str | None:
    """The first notebook that draws a timeline (a call whose name ends in ``timeline``)."""
    for path in course_notebooks():
        if any(re.search(r"timeline\(", src) for src in code_cell_sources(path)):
            return path.name
    return None


def test_plots_render_with_alt_text(page: Page, app_server: AppServer) -> None:
    name = _plot_notebook()
    if name is None:
        pytest.skip("no notebook draws a timeline yet")
    page.goto(app_server.render_url(name), timeout=RENDER_TIMEOUT)
    plots = page.locator(".jp-OutputArea-output img[src^='data:image/png']")
    expect(plots.first).to_be_visible(timeout=RENDER_TIMEOUT)
    alts = plots.evaluate_all("imgs => imgs.map(i => (i.getAttribute('alt') || '').trim())")
    assert all(len(alt) > 20 for alt in alts), f"{name}: a plot without a real alt text: {alts}"
    assert plots.first.evaluate("img => img.naturalWidth") > 100, "the plot image did not load"
