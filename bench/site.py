"""#7: the course website: time to first paint of its largest page, against a plain HTML page of the same size.
#14: the website's build with its notebooks run a few at a time, against the same build one after another.

The site is built once into a temporary folder, as ``make site`` builds it. Its largest page and the
floor are opened from ``file://`` in Debian's Chromium, alternately, each in a fresh tab after one
unrecorded load of each (the disk cache warm for both). The time is the page's own
``first-contentful-paint`` entry, read from the Performance API, so Playwright's round trips are not
counted. The floor has the same number of bytes: the largest page's readable text as plain paragraphs,
with no stylesheet, script or picture.

For #14 the site is built twice more, as ``make site`` builds it (``default_jobs()`` notebooks at once), then
with ``jobs=1``: one round, since each build runs every notebook. The parallel build goes first, so whatever
the first build warms up (the disk cache, Python's compiled files) helps the floor, not the figure.
"""

from __future__ import annotations

import html
import re
import sys
import tempfile
from pathlib import Path

from .report import Measure, say
from .stats import alternate, timed

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))  # Debian's Chromium, found as the browser tests find it

from browser.conftest import CHROMIUM_ARGS, find_chromium  # noqa: E402

ROUNDS = 15
BUILD_ROUNDS = 1  # #14: each build runs every notebook of the course
FIRST_PAINT_JS = """
() => new Promise((resolve, reject) => {
  const found = () => performance.getEntriesByName('first-contentful-paint')[0];
  if (found()) return resolve(found().startTime);
  const timer = setTimeout(() => reject(new Error('no first-contentful-paint in 15 s')), 15000);
  new PerformanceObserver((list, observer) => {
    const entry = list.getEntriesByName('first-contentful-paint')[0];
    if (entry) { observer.disconnect(); clearTimeout(timer); resolve(entry.startTime); }
  }).observe({type: 'paint', buffered: true});
})
"""


def plain_page(like: Path, target: Path) -> Path:
    """A plain HTML page exactly as long in bytes as ``like``: its readable text in paragraphs, nothing else."""
    text = re.sub(r"<script\b.*?</script>", " ", like.read_text(encoding="utf-8"), flags=re.S)
    words = " ".join(html.unescape(re.sub(r"<[^>]*>", " ", text)).split()) or "text"
    head = '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Plain page</title></head><body>\n'
    tail = "</body></html>\n"
    budget = like.stat().st_size - len(head.encode()) - len(tail.encode())
    body, used, at = [], 0, 0
    while True:
        paragraph = f"<p>{html.escape(words[at : at + 600] or words[:600])}</p>\n"
        if used + len(paragraph.encode()) > budget:
            break
        body.append(paragraph)
        used += len(paragraph.encode())
        at = at + 600 if at + 600 < len(words) else 0
    target.write_text(head + "".join(body) + " " * (budget - used) + tail, encoding="utf-8")
    return target


def measure(rounds: int = ROUNDS) -> Measure:
    from playwright.sync_api import sync_playwright

    from course.delivery.site.build import build_site

    m = Measure(
        7, "Site: first paint of the largest page (file://)", "ms", "plain HTML page of the same size", max_ratio=2.0
    )
    chromium = find_chromium()
    if chromium is None:
        raise RuntimeError("Debian's Chromium is not installed (make chromium)")
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        say("#7 building the site ...")
        report = build_site(Path(tmp) / "site", make_zip=False)
        largest = max(report.out.glob("*.html"), key=lambda p: p.stat().st_size)
        floor = plain_page(largest, report.out / "bench-plain.html")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, headless=True, args=["--headless", *CHROMIUM_ARGS])
            context = browser.new_context(viewport={"width": 1280, "height": 800})

            def first_paint(path: Path) -> float:
                page = context.new_page()
                try:
                    page.goto(path.as_uri())
                    return float(page.evaluate(FIRST_PAINT_JS)) / 1000.0
                finally:
                    page.close()

            try:
                m.samples, m.floor_samples = alternate(
                    lambda: first_paint(largest), lambda: first_paint(floor), rounds=rounds, warmup=1
                )
            finally:
                browser.close()
        m.notes = {
            "page": largest.name,
            "page_bytes": largest.stat().st_size,
            "floor_bytes": floor.stat().st_size,
            "site_bytes": report.size(),
            "scoring_js_bytes": (report.out / "static" / "scoring.js").stat().st_size,
            "rounds": rounds,
        }
    return m


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def measure_build(rounds: int = BUILD_ROUNDS) -> Measure:
    """#14: seconds to build the site with ``default_jobs()`` notebooks at once, against one at a time."""
    from course.delivery.site.build import build_site
    from course.delivery.site.parallel import default_jobs

    jobs = default_jobs()
    m = Measure(14, f"Site build (make site), {jobs} notebooks at once", "s", "one after another (--jobs 1)")
    with tempfile.TemporaryDirectory(prefix="bench-site-build-") as tmp:
        out = {n: Path(tmp) / f"site-{n}" for n in (jobs, 1)}

        def build(n: int) -> float:
            say(f"#14 building the site, jobs={n} ...")
            return timed(lambda: build_site(out[n], make_zip=False, jobs=n))

        m.samples, m.floor_samples = alternate(lambda: build(jobs), lambda: build(1), rounds=rounds)
        m.notes = {"jobs": jobs, "rounds": rounds, "same_files": _files(out[jobs]) == _files(out[1])}
    return m
