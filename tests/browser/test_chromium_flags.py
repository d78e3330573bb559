"""The test browser's flags do what conftest.py says: Playwright's own disabled features stay disabled next
to ours (Chromium keeps only the last ``--disable-features``), and the address bar's popups are not loaded."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import Browser

from .conftest import OMNIBOX_POPUPS, PLAYWRIGHT_DISABLED_FEATURES
from .processes import browser_command_lines


@pytest.fixture(autouse=True)
def _fresh_lab() -> None:
    """No JupyterLab for these tests (overrides the folder's autouse fixture)."""


def test_playwrights_disabled_features_are_kept_in_ours(browser: Browser) -> None:
    lines = list(browser_command_lines(os.getpid()).values())
    assert lines, "no Chromium browser process found under this test process"
    for argv in lines:
        values = [set(a.split("=", 1)[1].split(",")) for a in argv if a.startswith("--disable-features=")]
        assert len(values) == 2, f"expected Playwright's --disable-features, then ours; found {len(values)}"
        playwrights, ours = values
        assert playwrights == set(PLAYWRIGHT_DISABLED_FEATURES), (
            "PLAYWRIGHT_DISABLED_FEATURES in tests/browser/conftest.py no longer matches Playwright's own list "
            f"(Chromium keeps only our later one). Missing: {sorted(playwrights - ours)}; "
            f"no longer Playwright's: {sorted(set(PLAYWRIGHT_DISABLED_FEATURES) - playwrights)}"
        )
        assert ours == playwrights | set(OMNIBOX_POPUPS)


def test_no_address_bar_popup_is_loaded(browser: Browser) -> None:
    context = browser.new_context()
    try:
        context.new_page().goto("about:blank")
        session = browser.new_browser_cdp_session()
        targets = session.send("Target.getTargets")["targetInfos"]
        session.detach()
    finally:
        context.close()
    popups = [t["url"] for t in targets if t["url"].startswith("chrome://omnibox")]
    assert not popups, f"the address bar's popups are loaded: {popups}"
