"""The static course site in Debian's Chromium, opened from ``file://`` and from a local static server.

* ``course_site``: the site built once per session, exactly as ``make site`` builds it, from a copy of
  the course's notebooks plus one test page (``zz_exercise_checks``) showing an example of each
  exercise type and the injection fixtures; its content is a copy of ``data/`` with those fixtures
  added (see ``e2e_content``).
* ``static_server``: a plain static file server on 127.0.0.1 (a free port) serving that folder.
* ``site``: a fresh browser context per test, for one origin (``file`` or ``http``), in which every
  request outside the site is aborted and recorded; a test fails if there was any, or if a page
  logged an error.

JupyterLab is not needed: ``_fresh_lab`` is overridden so these tests never start it.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route

from .. import e2e_content
from ..lab import REPO

TEST_PAGE = "zz_exercise_checks"
TEST_EXERCISES = tuple(e2e_content.EXAMPLES.values()) + e2e_content.INJECTION


@pytest.fixture(autouse=True)
def _fresh_lab() -> None:
    """No JupyterLab for the site tests (overrides the parent folder's autouse fixture)."""


@dataclass
class BuiltSite:
    root: Path  # the site folder
    data: Path  # the content it was built from
    pages: list[str]  # every HTML file, by name
    zip_path: Path


def _test_notebook() -> Any:
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Exercise checks\n\nOne exercise of each type, and the injection fixtures.")
    ]
    nb.cells += [nbformat.v4.new_code_cell(e2e_content.cell_source(ex_id)) for ex_id in TEST_EXERCISES]
    for i, cell in enumerate(nb.cells):
        cell.id = f"site-{i}"
    return nb


@pytest.fixture(scope="session")
def course_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    from course.delivery.site.build import build_site
    from course.paths import data_dir, notebooks_dir

    base = tmp_path_factory.mktemp("course-site")
    notebooks = base / "notebooks"
    shutil.copytree(notebooks_dir(), notebooks, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    nbformat.write(_test_notebook(), str(notebooks / f"{TEST_PAGE}.ipynb"))
    data = e2e_content.build_data(base / "data", data_dir())
    report = build_site(base / "site", notebooks=notebooks, data=data, zip_path=base / "course-site.zip")
    pages = sorted(p.name for p in report.out.glob("*.html"))
    return BuiltSite(report.out, data, pages, report.zip_path)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
        pass


@pytest.fixture(scope="session")
def static_server(course_site: BuiltSite) -> Iterator[str]:
    """``http://127.0.0.1:<free port>/`` serving the site folder, as any static host would."""
    handler = functools.partial(_QuietHandler, directory=str(course_site.root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class SiteBrowser:
    """One browser context on the site: open pages, and what was refused or logged."""

    base: str
    context: BrowserContext
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, name: str, page: Page | None = None) -> Page:
        page = page or self.context.new_page()
        page.on(
            "console",
            lambda m: (
                self.errors.append(f"{page.url}: console {m.type}: {m.text}")
                if m.type in ("error", "warning")
                else None
            ),
        )
        page.on("pageerror", lambda e: self.errors.append(f"{page.url}: {e}"))
        page.goto(self.base + name)
        page.wait_for_load_state("load")
        return page


def _browser_for(browser: Browser, base: str, args: dict[str, Any]) -> SiteBrowser:
    context = browser.new_context(**args)
    site = SiteBrowser(base, context)

    def refuse(route: Route) -> None:
        site.outside.append(route.request.url)
        route.abort()

    # Only requests outside the site reach Python: Playwright's driver (its node process) matches the pattern, so the
    # site's own requests go straight through instead of each waiting on a round trip to this process.
    context.route(re.compile("^(?!" + re.escape(base) + ")"), refuse)
    return site


@pytest.fixture(params=["file", "http"])
def site(
    request: pytest.FixtureRequest, browser: Browser, browser_context_args: dict, course_site: BuiltSite
) -> Iterator[SiteBrowser]:
    """A fresh browser (empty storage) on the site, opened from disk or from the static server."""
    base = course_site.root.as_uri() + "/" if request.param == "file" else request.getfixturevalue("static_server")
    yield from _checked_browser(browser, base, browser_context_args)


@pytest.fixture
def site_file(browser: Browser, browser_context_args: dict, course_site: BuiltSite) -> Iterator[SiteBrowser]:
    """Like ``site``, from ``file://`` only (tests that need one origin)."""
    yield from _checked_browser(browser, course_site.root.as_uri() + "/", browser_context_args)


def _checked_browser(browser: Browser, base: str, context_args: dict) -> Iterator[SiteBrowser]:
    """A fresh browser context on ``base``; afterwards, no outside request was tried and no page logged an error."""
    site = _browser_for(browser, base, {**context_args, "accept_downloads": True})
    try:
        yield site
    finally:
        site.context.close()
    assert not site.outside, "requests outside the site were attempted:\n" + "\n".join(site.outside)
    assert not site.errors, "the pages logged errors:\n" + "\n".join(site.errors[:20])


__all__ = ["REPO", "TEST_PAGE", "BuiltSite", "SiteBrowser"]
