"""Every page of the site opens offline, from disk and from a static server, and is complete.

From ``file://`` and from ``http://127.0.0.1``: each page loads with no request outside the site
(every other request is aborted and fails the test) and no error logged; every exercise becomes live;
pictures carry real alt text, timelines a data table; links between pages and to glossary anchors
land; the zip holds the same site. Then search, the print stylesheet, and axe on every page.
"""

from __future__ import annotations

import re
import zipfile

import pytest
from playwright.sync_api import expect

from .conftest import TEST_PAGE, BuiltSite, SiteBrowser
from .everything_shown import axe_blocking, show_everything, start_axe


def test_the_site_has_every_notebook_the_map_the_glossary_and_the_progress_page(course_site: BuiltSite) -> None:
    from course.content import load_content
    from course.paths import notebooks_dir

    stems = {p.stem for p in notebooks_dir().glob("*.ipynb")} | {TEST_PAGE}
    assert set(course_site.pages) == {f"{s}.html" for s in stems} | {"index.html", "review.html", "progress.html"}
    index = (course_site.root / "index.html").read_text(encoding="utf-8")
    for nb in load_content(course_site.data).course.notebooks:
        assert f"href='{nb.id}.html'" in index, f"the course map does not link {nb.id}"
    with zipfile.ZipFile(course_site.zip_path) as archive:
        names = {n.removeprefix("course-site/") for n in archive.namelist()}
    assert names == {p.relative_to(course_site.root).as_posix() for p in course_site.root.rglob("*") if p.is_file()}


def test_no_code_no_instructor_material_nothing_from_the_web(course_site: BuiltSite) -> None:
    import nbformat

    from course.paths import notebooks_dir

    hidden, code = [], []
    for path in notebooks_dir().glob("*.ipynb"):
        for cell in nbformat.read(str(path), as_version=4).cells:
            tags = {str(t).lower() for t in cell.get("metadata", {}).get("tags", [])}
            if tags & {"instructor", "solution"}:
                hidden.append(" ".join(cell.source.split())[:80])
            elif cell.cell_type == "code":
                code += [line.strip() for line in cell.source.splitlines() if line.strip()]
    assert hidden, "the course has no instructor cells to check"
    for name in course_site.pages:
        text = (course_site.root / name).read_text(encoding="utf-8")
        squashed = " ".join(re.sub(r"<[^>]*>", " ", text).split())
        assert not [h for h in hidden if h[:60] in squashed], f"{name}: instructor material shown"
        assert not [c for c in code if f">{c}<" in text], f"{name}: a code cell's source is shown"
        assert not re.search(r"""<(script|link|img)\b[^>]*\b(src|href)=["']?(https?:)?//""", text), (
            f"{name}: loads from the web"
        )


def test_a_request_outside_the_site_is_caught(browser, browser_context_args, course_site: BuiltSite) -> None:
    """The guard the other tests rely on: it aborts and records anything outside the site."""
    from playwright.sync_api import Error

    from .conftest import _browser_for

    guarded = _browser_for(browser, course_site.root.as_uri() + "/", browser_context_args)
    try:
        page = guarded.open("index.html")
        with pytest.raises(Error):
            page.goto("https://example.org/tracker.js")
        assert guarded.outside == ["https://example.org/tracker.js"]
    finally:
        guarded.context.close()


# What a page shows, gathered in one call: each picture (its alt text, whether it loaded, its start), the
# number of data tables in each timeline's details, and the target of each link that stays in the site.
_PAGE_PARTS = """() => ({
  pictures: [...document.querySelectorAll("main img")].map((e) => ({
    alt: e.getAttribute("alt") || "", loaded: e.complete && e.naturalWidth > 0, html: e.outerHTML.slice(0, 150) })),
  timelineTables: [...document.querySelectorAll("figure.course-timeline")].map((f) => f.querySelectorAll("details table").length),
  links: [...document.querySelectorAll("main a[href]")].map((a) => a.getAttribute("href")).filter((h) => !/^(https:|#)/.test(h)),
})"""


def test_every_page_opens_complete(site: SiteBrowser, course_site: BuiltSite) -> None:
    page = site.context.new_page()
    texts = {name: (course_site.root / name).read_text(encoding="utf-8") for name in course_site.pages}
    for name in course_site.pages:
        site.open(name, page)
        expect(page.locator("main h1")).to_have_count(1)
        total = page.locator("section.cx-exercise").count()
        expect(page.locator("section.cx-exercise.cx-ready")).to_have_count(total)
        parts = page.evaluate(_PAGE_PARTS)
        for img in parts["pictures"]:
            assert len(img["alt"].strip()) > 20, f"{name}: a picture without a real alt text: {img['html']}"
            assert img["loaded"], f"{name}: a picture did not load"
        for tables in parts["timelineTables"]:
            assert tables == 1, f"{name}: a timeline without its data table"
        for href in parts["links"]:
            target, _, anchor = href.partition("#")
            assert target in course_site.pages, f"{name}: link to {href}, which the site does not have"
            if anchor:
                other = texts[target]
                assert f'id="{anchor}"' in other or f"id='{anchor}'" in other, f"{name}: no anchor for {href}"


def test_glossary_terms_have_their_anchors(course_site: BuiltSite) -> None:
    from course.content import load_content

    glossary = (course_site.root / "glossary.html").read_text(encoding="utf-8")
    for term in load_content(course_site.data).terms.values():
        assert f'id="{term.anchor}"' in glossary, f"glossary.html has no anchor for {term.term}"


def test_previous_and_next_walk_the_course_in_order(site_file: SiteBrowser, course_site: BuiltSite) -> None:
    from course.content import load_content

    order = [nb.id for nb in load_content(course_site.data).course.notebooks]
    page = site_file.open("index.html")
    seen = []
    while page.locator("a[rel=next]").count():
        page.locator("a[rel=next]").click()
        page.wait_for_load_state("load")
        seen.append(page.url.rsplit("/", 1)[-1].removesuffix(".html"))
    assert seen[: len(order)] == order


def test_search_finds_pages_and_glossary_terms(site: SiteBrowser) -> None:
    page = site.open("01_codes_and_boundaries.html")
    page.get_by_label("Search the course").fill("idealizing transference")
    results = page.locator("#site-search-results")
    expect(results.get_by_role("status")).to_contain_text("result")
    term = results.get_by_role("link", name=re.compile(r"^Glossary: Idealizing transference$"))
    expect(term).to_have_count(1)
    term.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("glossary.html#Idealizing-transference")
    expect(page.locator("#Idealizing-transference")).to_be_in_viewport()
    page.get_by_label("Search the course").fill("zzqxj nothing like this")
    expect(page.locator("#site-search-results").get_by_role("status")).to_have_text(re.compile("Nothing found"))


def test_printing_leaves_out_navigation_and_buttons(site_file: SiteBrowser) -> None:
    page = site_file.open("03_the_case_of_jane_and_susan.html")
    page.emulate_media(media="print")
    for selector in (".site-nav", ".site-search", ".site-pager", "section.cx-exercise button"):
        assert page.locator(selector).first.is_hidden(), f"{selector} is printed"
    expect(page.locator("main h1")).to_be_visible()
    expect(page.locator("section.cx-exercise h3").first).to_be_visible()


def test_axe_finds_no_serious_issue_on_any_page(site_file: SiteBrowser, course_site: BuiltSite) -> None:
    """Every page in course order, every part of each exercise shown, axe-core in the light and the dark colour
    scheme. Two tabs take turns: axe runs in one while the next page opens in the other (each page still opens
    after the answers of the pages before it are kept, as when one tab walks the course)."""
    tabs = [site_file.context.new_page() for _ in range(2)]
    running: dict[int, str] = {}  # tab -> the page whose light-scheme run is under way there
    report = []

    def finish(tab: int) -> None:
        name = running.pop(tab)
        for scheme in ("light", "dark"):  # the same page, everything shown, in each colour scheme
            if scheme == "dark":
                start_axe(tabs[tab], scheme)
            for v in axe_blocking(tabs[tab]):
                targets = "; ".join(" ".join(map(str, t)) for t in v["targets"])
                report.append(
                    f"{scheme} {name}: {v['id']} ({v['impact']}, {v['nodes']} nodes): {v['help']} [{targets}]"
                )

    for n, name in enumerate(course_site.pages):
        tab = n % len(tabs)
        if tab in running:
            finish(tab)
        tabs[tab].emulate_media(color_scheme="light")
        site_file.open(name, tabs[tab])
        unpressed = show_everything(tabs[tab])  # every part of an exercise shown
        assert not unpressed, f"{name}: buttons that could not be pressed:\n" + "\n".join(unpressed)
        start_axe(tabs[tab], "light")
        running[tab] = name
    for tab in list(running):
        finish(tab)
    assert not report, "axe-core violations:\n" + "\n".join(report)
