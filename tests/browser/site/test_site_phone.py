"""The site on a phone (375 px), from ``file://``: tables and charts readable, ratings that need no minus
key, a worksheet whose reading follows its choices, and a scenario begun that counts as explored."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from course.safe_html import plain

from .. import e2e_content
from .answering import TIMEOUT, button, load_spec, section
from .conftest import TEST_PAGE, BuiltSite, SiteBrowser

WORKSHEET_PAGE = "01_codes_and_boundaries.html"
PHONE = {"width": 375, "height": 800}

# Every table (with its folded data tables opened) either fits the page or sits in a labelled container that
# scrolls sideways with a visible cue; every figure has no side margins and its chart spans the page.
_READABLE = """() => {
  const out = [];
  for (const d of document.querySelectorAll("main details")) d.open = true;
  const main = document.querySelector("main");
  const room = main.clientWidth;
  const shown = (el) => el.getClientRects().length > 0;
  const name = (el) => `${el.tagName.toLowerCase()} "${(el.caption ? el.caption.innerText : el.innerText || "").trim().slice(0, 50)}"`;
  for (const table of document.querySelectorAll("main table")) {
    if (!shown(table)) continue;
    const box = table.closest(".site-scroll");
    const fits = table.getBoundingClientRect().width <= (box || main).clientWidth + 1
      && table.scrollWidth <= table.clientWidth + 1;
    if (fits) continue;
    if (!box) { out.push(`${name(table)} is cut off and not in a scroll container`); continue; }
    if (!box.getAttribute("aria-label") || box.getAttribute("role") !== "region") out.push(`${name(table)}: its scroll container has no label`);
    const cue = box.previousElementSibling;
    if (!cue || !cue.classList.contains("site-scroll-cue") || !shown(cue)) out.push(`${name(table)} scrolls sideways without a visible cue`);
  }
  for (const figure of document.querySelectorAll("main figure")) {
    if (!shown(figure)) continue;
    const style = getComputedStyle(figure);
    if (parseFloat(style.marginLeft) || parseFloat(style.marginRight)) out.push(`a figure has side margins (${style.marginLeft}, ${style.marginRight})`);
    for (const chart of figure.querySelectorAll(".course-picture img, svg.site-chart")) {
      if (shown(chart) && chart.getBoundingClientRect().width < room * 0.9) out.push(`a chart is ${Math.round(chart.getBoundingClientRect().width)}px wide on a ${room}px page`);
    }
  }
  return out;
}"""


def _phone_page(site_file: SiteBrowser) -> Page:
    page = site_file.context.new_page()
    page.set_viewport_size(PHONE)
    return page


def test_no_table_or_chart_is_unreadable_on_a_phone(site_file: SiteBrowser, course_site: BuiltSite) -> None:
    page = _phone_page(site_file)
    found = []
    checked = 0
    for name in course_site.pages:
        site_file.open(name, page)
        page.wait_for_function("document.documentElement.classList.contains('js')")
        checked += page.locator("main table").count()
        found += [f"{name}: {problem}" for problem in page.evaluate(_READABLE)]
    assert checked > 10, "the site should have tables to check"
    assert not found, "at 375px:\n" + "\n".join(found[:40])


def test_a_table_on_a_phone_names_each_cell_by_its_column(site_file: SiteBrowser) -> None:
    page = _phone_page(site_file)
    site_file.open("00_start_here.html", page)
    table = page.locator("main table").first
    expect(table).to_have_class(re.compile(r"\bsite-stack\b"), timeout=TIMEOUT)
    heading = table.locator("thead th").nth(1).inner_text().strip()
    cell = table.locator("tbody tr").first.locator("td, th").nth(1)
    expect(cell).to_have_attribute("data-label", heading)
    label = cell.evaluate("(td) => getComputedStyle(td, '::before').content")
    assert heading in label


def test_a_negative_rating_is_chosen_without_a_minus_key(site_file: SiteBrowser, course_site: BuiltSite) -> None:
    spec = load_spec(course_site.data, e2e_content.EXAMPLES["rating"])
    page = _phone_page(site_file)
    site_file.open(f"{TEST_PAGE}.html", page)
    out = section(page, spec.id)
    expect(out.locator("input[type=number]")).to_have_count(0)
    first = out.get_by_label(plain(spec.events[0].label or spec.events[0].event), exact=True)
    expect(first.locator("option")).to_have_text(["\u22123", "\u22122", "\u22121", "0", "+1", "+2", "+3"])
    expect(first).to_have_value("0")
    first.focus()
    for _ in range(3):  # arrow keys alone reach -3
        page.keyboard.press("ArrowUp")
    expect(first).to_have_value("-3")
    button(out, "Check my ratings").click()
    expect(out).to_contain_text("Your ratings are saved")
    page.reload()
    out = section(page, spec.id)
    expect(out.get_by_label(plain(spec.events[0].label or spec.events[0].event), exact=True)).to_have_value("-3")


def test_the_worksheet_reading_follows_the_choices_and_they_are_kept(
    site_file: SiteBrowser, course_site: BuiltSite
) -> None:
    from course.content.gottlieb import DIMENSION_IDS, load_gottlieb

    sheet, problems = load_gottlieb(course_site.data / "worksheets" / "gottlieb.yaml")
    assert sheet is not None, problems
    page = site_file.open(WORKSHEET_PAGE)
    host = page.locator(".site-worksheet")
    expect(host).to_have_class(re.compile(r"\bsite-live-ready\b"), timeout=TIMEOUT)
    result = host.locator(".site-worksheet-result")
    for dim_id in DIMENSION_IDS:
        host.get_by_label(f"{sheet.dimension(dim_id).label}:", exact=True).select_option(getattr(sheet.jane, dim_id))
    expect(result).to_be_empty()  # no reading until asked for
    host.get_by_role("button", name="Show the reading").click()
    expect(result).to_contain_text("Your ratings match the course's reading.")

    first = sheet.dimension(DIMENSION_IDS[0])
    other = next(lv for lv in first.levels if lv.id != sheet.jane.power)
    host.get_by_label(f"{first.label}:", exact=True).select_option(other.id)
    expect(result).to_contain_text("Your ratings differ from the course's reading")  # no button pressed
    reading = sheet.risk(other.id, sheet.jane.duration, sheet.jane.termination)
    expect(result).to_contain_text(f"Reading: {getattr(sheet.readings, reading).label}.")

    page.reload()
    host = page.locator(".site-worksheet")
    expect(host).to_have_class(re.compile(r"\bsite-live-ready\b"), timeout=TIMEOUT)
    expect(host.get_by_label(f"{first.label}:", exact=True)).to_have_value(other.id)
    for dim_id in DIMENSION_IDS[1:]:
        dim = sheet.dimension(dim_id)
        expect(host.get_by_label(f"{dim.label}:", exact=True)).to_have_value(getattr(sheet.jane, dim_id))


def test_a_decision_left_halfway_counts_as_explored(site_file: SiteBrowser, course_site: BuiltSite) -> None:
    from course.content import load_content
    from course.exercises.lookup import index

    content = load_content(course_site.data)
    known = {nb.id for nb in content.course.notebooks}
    specs = [load_spec(course_site.data, i) for i in sorted(index(course_site.data / "exercises"))]
    spec = next(s for s in specs if s.type == "decision" and s.notebook in known)
    start = next(n for n in spec.nodes if n.id == spec.start)
    step = next(c for c in start.choices if c.next != "end")
    page = site_file.open(f"{spec.notebook}.html")
    out = section(page, spec.id)
    out.get_by_label(" ".join(plain(step.text).split()), exact=True).check()
    button(out, "Choose this reply").click()
    expect(out.locator(".cx-feedback-area")).to_contain_text("Step 1")

    progress = site_file.open("progress.html")
    row = progress.locator("table").first.locator("tr").filter(has_text=content.notebook(spec.notebook).title)
    scenarios = sum(1 for s in specs if s.type == "decision" and s.notebook == spec.notebook)
    expect(row).to_contain_text(f"1 of {scenarios} explored, 0 played to the end, 0 along the recommended path")
    expect(progress.locator("[data-widget='progress']")).to_contain_text("you have begun 1 of")


def test_each_chapters_explorer_starts_and_stops_where_its_notebook_says(
    site_file: SiteBrowser, course_site: BuiltSite
) -> None:
    from course.content import load_content

    ids = [e.id for e in load_content(course_site.data).events]
    part2 = site_file.open("03_the_case_supervision_and_repair.html")
    menu = part2.locator(".site-explorer").get_by_label("Event", exact=True)
    expect(menu.locator("option")).to_have_count(ids.index("continuing-work") + 1, timeout=TIMEOUT)

    ending = site_file.open("09_the_end_of_the_placement.html")
    host = ending.locator(".site-explorer")
    expect(host.get_by_label("Event", exact=True)).to_have_value(str(ids.index("telling-jane") + 1), timeout=TIMEOUT)
    expect(host.locator(".site-step:visible")).to_contain_text(f"Event {ids.index('telling-jane') + 1} of {len(ids)}")
    # the learner rates the ending before any chart of the course's ratings is shown
    order = ending.evaluate(
        """() => [...document.querySelectorAll("main section.cx-exercise, main figure, main .site-explorer")]
             .map((n) => n.matches("section.cx-exercise") ? n.dataset.exercise : "chart")"""
    )
    assert "chart" not in order[: order.index("ch09-ending-ratings")]
