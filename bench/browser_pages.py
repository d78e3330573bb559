"""#15: the CPU Chromium spends on a new page in the test browser, against Playwright's own flags.

Chromium preloads the address bar's popups as web pages in every window and updates them on each navigation,
even headless; the browser tests turn them off (``OMNIBOX_POPUPS`` in tests/browser/conftest.py). Two browsers
run side by side: one launched as the tests launch it, the floor with the same flags but Playwright's own
``--disable-features`` list. A round opens ``PAGES`` pages in a fresh context of one browser, navigates each
twice and closes them; its figure is the CPU seconds of that browser's processes (the browser, the processes below it
and those they reaped), not wall time, so a page that costs less CPU lightens every other test running
beside it. Rounds alternate between the two browsers.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .report import Measure, say
from .stats import alternate

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))  # the browser tests' flags and Chromium

from browser.conftest import CHROMIUM_ARGS, PLAYWRIGHT_DISABLED_FEATURES, find_chromium  # noqa: E402
from browser.processes import browser_command_lines, tree_cpu  # noqa: E402

ROUNDS = 7
PAGES = 10


def measure(rounds: int = ROUNDS, pages: int = PAGES) -> Measure:
    """#15: CPU seconds for ``pages`` new pages, with the test browser's flags and with Playwright's own."""
    from playwright.sync_api import sync_playwright

    chromium = find_chromium()
    if chromium is None:
        raise RuntimeError("Debian's chromium is not installed (make chromium)")
    ours = ["--headless", *CHROMIUM_ARGS]
    playwrights = [a for a in ours if not a.startswith("--disable-features=")]
    m = Measure(
        15,
        f"Browser tests: Chromium CPU for {pages} new pages",
        "s",
        "Playwright's own --disable-features",
        max_ratio=0.8,
    )
    with sync_playwright() as p:
        browsers, roots = {}, {}
        for name, args in (("ours", ours), ("floor", playwrights)):
            before = set(browser_command_lines(os.getpid()))
            browsers[name] = p.chromium.launch(executable_path=chromium, args=args)
            new = set(browser_command_lines(os.getpid())) - before
            if len(new) != 1:
                raise RuntimeError(f"expected one new Chromium browser process under this one, found {len(new)}")
            (roots[name],) = new

        def round_of(name: str) -> float:
            before = tree_cpu(roots[name])
            context = browsers[name].new_context()
            for _ in range(pages):
                page = context.new_page()
                page.set_content("<main><h1>A page</h1><p>Some text.</p></main>")
                page.goto("about:blank")
                page.close()
            context.close()
            return tree_cpu(roots[name]) - before

        say(f"#15 {rounds} rounds of {pages} pages in each browser ...")
        m.samples, m.floor_samples = alternate(lambda: round_of("ours"), lambda: round_of("floor"), rounds, warmup=1)
        m.notes = {"pages_per_round": pages, "disabled_by_playwright": list(PLAYWRIGHT_DISABLED_FEATURES)}
        for browser in browsers.values():
            browser.close()
    return m
