"""The site as a self-study learner meets it, from ``file://``: it speaks to a reader of the site, its
displays are alive, a scenario left halfway waits for them, and every page fits a phone and a laptop.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from delivery.audience_phrases import foreign_instructions
from playwright.sync_api import Browser, Page, expect

from .. import e2e_content
from .answering import TIMEOUT, button, load_spec, section
from .conftest import TEST_PAGE, BuiltSite, SiteBrowser

EXPLORER_UNTIL = "continuing-work"  # notebook 03 part 2: course.explorer(until="continuing-work")
EXPLORER_PAGE = "03_the_case_supervision_and_repair.html"
WORKSHEET_PAGE = "01_codes_and_boundaries.html"


class _Text(HTMLParser):
    """The text a reader sees in a page's main part (no scripts, no attributes)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def _text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def test_every_page_speaks_to_the_reader_of_the_site(course_site: BuiltSite) -> None:
    found = {}
    for name in course_site.pages:
        html = (course_site.root / name).read_text(encoding="utf-8")
        assert "<!-- only" not in html and "<!-- for" not in html, name
        problems = foreign_instructions(_text(html), "site")
        if problems:
            found[name] = problems
    assert not found, "instructions meant for another delivery:\n" + "\n".join(
        f"{name}: {p}" for name, ps in found.items() for p in ps
    )
    start = _text((course_site.root / "00_start_here.html").read_text(encoding="utf-8"))
    assert "there is nothing to run or install" in start and "Download my answers" in start


def test_the_event_explorer_steps_through_the_case(site_file: SiteBrowser, course_site: BuiltSite) -> None:
    from course.content import load_content

    every = list(load_content(course_site.data).events)
    total = len(every)
    events = every[: [e.id for e in every].index("continuing-work") + 1]  # part 2's explorer stops there
    page = site_file.open(EXPLORER_PAGE)
    host = page.locator(".site-explorer")
    expect(host).to_have_class(re.compile(r"\bsite-live-ready\b"), timeout=TIMEOUT)
    menu = host.get_by_label("Event", exact=True)
    expect(menu.locator("option")).to_have_count(len(events))
    shown = host.locator(".site-step:visible")
    expect(shown).to_have_count(1)
    expect(shown).to_contain_text(f"Event 1 of {total}: {events[0].title}")
    expect(host.get_by_role("button", name="Previous")).to_be_disabled()

    host.get_by_role("button", name="Next").click()
    expect(shown).to_have_count(1)
    expect(shown).to_contain_text(f"Event 2 of {total}: {events[1].title}")
    expect(shown.locator("img")).to_have_attribute("alt", re.compile(rf"Selected: Event 2 of {total}"))
    expect(menu).to_have_value("2")

    menu.select_option(str(len(events)))
    expect(shown).to_contain_text(f"Event {len(events)} of {total}: {events[-1].title}")
    expect(host.get_by_role("button", name="Next")).to_be_disabled()
    host.get_by_role("button", name="Previous").click()
    expect(shown).to_contain_text(f"Event {len(events) - 1} of {total}")
    assert shown.locator("img").evaluate("(img) => img.complete && img.naturalWidth > 0")


def test_the_gottlieb_worksheet_gives_its_reading(site_file: SiteBrowser, course_site: BuiltSite) -> None:
    from course.content.gottlieb import DIMENSION_IDS, load_gottlieb

    sheet, problems = load_gottlieb(course_site.data / "worksheets" / "gottlieb.yaml")
    assert sheet is not None, problems
    page = site_file.open(WORKSHEET_PAGE)
    host = page.locator(".site-worksheet")
    expect(host).to_have_class(re.compile(r"\bsite-live-ready\b"), timeout=TIMEOUT)
    show = host.get_by_role("button", name="Show the reading")

    first = sheet.dimension(DIMENSION_IDS[0])
    host.get_by_label(f"{first.label}:", exact=True).select_option(sheet.jane.power)
    expect(host.locator(".site-level-hint")).to_contain_text([first.level(sheet.jane.power).explanation, "", ""])
    show.click()
    expect(host.locator(".site-worksheet-result")).to_contain_text("Not yet.")

    for dim_id in DIMENSION_IDS:
        dim = sheet.dimension(dim_id)
        host.get_by_label(f"{dim.label}:", exact=True).select_option(getattr(sheet.jane, dim_id))
    show.click()
    result = host.locator(".site-worksheet-result")
    expect(result).to_contain_text(f"Reading: {getattr(sheet.readings, sheet.jane.risk).label}.")
    expect(result).to_contain_text("Your ratings match the course's reading.")

    other = next(lv.id for lv in first.levels if lv.id != sheet.jane.power)
    host.get_by_label(f"{first.label}:", exact=True).select_option(other)
    show.click()
    expect(result).to_contain_text("Your ratings differ from the course's reading")


def test_a_decision_left_halfway_is_there_after_a_reload(site_file: SiteBrowser, course_site: BuiltSite) -> None:
    spec = load_spec(course_site.data, e2e_content.EXAMPLES["decision"])
    start = next(n for n in spec.nodes if n.id == spec.start)
    step = next(c for c in start.choices if c.next != "end")
    following = next(n for n in spec.nodes if n.id == step.next)
    page = site_file.open(f"{TEST_PAGE}.html")
    out = section(page, spec.id)
    out.get_by_label(_plain(step.text), exact=True).check()
    button(out, "Choose this reply").click()
    expect(out.locator(".cx-scene")).to_contain_text(_plain(following.text)[:40])

    page.reload()
    out = section(page, spec.id)
    expect(out.locator(".cx-scene")).to_contain_text(_plain(following.text)[:40])
    expect(out.locator(".cx-feedback-area")).to_contain_text("Where you left this scenario")
    expect(out.locator(".cx-feedback-area")).to_contain_text(_plain(step.consequence)[:40])

    button(out, "Reset").click()
    page.reload()
    out = section(page, spec.id)
    expect(out.locator(".cx-scene")).to_contain_text(_plain(start.text)[:40])
    expect(out.locator(".cx-feedback-area")).not_to_contain_text("Where you left this scenario")


def _plain(text: str) -> str:
    from course.safe_html import plain

    return " ".join(plain(text).split())


# Whether the page scrolls sideways, and every control or label whose text does not fit its box.
_FIT = """() => {
  const out = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1) out.push(`the page is ${root.scrollWidth}px wide in a ${root.clientWidth}px window`);
  const canvas = document.createElement("canvas").getContext("2d");
  const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const name = (el) => `${el.tagName.toLowerCase()}#${el.id} "${(el.innerText || "").trim().slice(0, 40)}"`;
  for (const el of document.querySelectorAll("button, label, legend, summary, .cx-choice, a, input[type=text], textarea")) {
    if (!shown(el)) continue;
    if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) out.push(`${name(el)} is cut off (${el.scrollWidth}px in ${el.clientWidth}px)`);
    const box = el.getBoundingClientRect();
    if (box.right > root.clientWidth + 1) out.push(`${name(el)} runs past the window's right edge`);
  }
  for (const el of document.querySelectorAll("select")) {
    if (!shown(el) || el.size > 1) continue;
    const style = getComputedStyle(el);
    canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 18;
    const cut = [...el.options].filter((o) => canvas.measureText(o.text).width > room);  // any may be chosen
    if (cut.length) out.push(`select#${el.id}: "${cut[0].text}" is cut off (and ${cut.length - 1} more options)`);
    if (el.getBoundingClientRect().right > root.clientWidth + 1) out.push(`${name(el)} runs past the window's right edge`);
  }
  return out;
}"""


@pytest.mark.parametrize("width", [375, 1280])
def test_no_page_scrolls_sideways_and_no_control_is_cut_off(
    site_file: SiteBrowser, course_site: BuiltSite, width: int
) -> None:
    page: Page = site_file.context.new_page()
    page.set_viewport_size({"width": width, "height": 800})
    found = []
    for name in course_site.pages:
        site_file.open(name, page)
        page.wait_for_function("document.documentElement.classList.contains('js')")
        found += [f"{name}: {problem}" for problem in page.evaluate(_FIT)]
    assert not found, f"at {width}px:\n" + "\n".join(found[:40])


def test_the_progress_page_shows_an_explored_scenario_apart_from_the_recommended_path(
    site_file: SiteBrowser, course_site: BuiltSite
) -> None:
    from course.content import load_content
    from course.exercises.lookup import index

    content = load_content(course_site.data)
    known = {nb.id for nb in content.course.notebooks}
    specs = [load_spec(course_site.data, i) for i in sorted(index(course_site.data / "exercises"))]
    spec = next(s for s in specs if s.type == "decision" and s.notebook in known)
    page = site_file.open(f"{spec.notebook}.html")
    out = section(page, spec.id)
    here, path = spec.start, []
    while here != "end":
        node = next(n for n in spec.nodes if n.id == here)
        off_path = [c for c in node.choices if len(path) >= len(spec.answer) or c.id != spec.answer[len(path)]]
        choice = off_path[0] if off_path else node.choices[0]
        out.get_by_label(_plain(choice.text), exact=True).check()
        button(out, "Choose this reply").click()
        path.append(choice.id)
        here = choice.next
    assert path != list(spec.answer)
    expect(out.locator(".cx-scene")).to_contain_text("The scenario has ended")

    progress = site_file.open("progress.html")
    title = content.notebook(spec.notebook).title
    row = progress.locator("table").first.locator("tr").filter(has_text=title)
    scenarios = sum(1 for s in specs if s.type == "decision" and s.notebook == spec.notebook)
    expect(row).to_contain_text(f"1 of {scenarios} explored, 1 played to the end, 0 along the recommended path")
    expect(progress.locator("[data-widget='progress']")).to_contain_text("you have begun 1 of")


def test_a_card_seen_before_is_referred_back_to_with_a_link_that_lands(
    site_file: SiteBrowser, course_site: BuiltSite
) -> None:
    from course.displays.event_recall import card_homes

    home = card_homes(content=None)["naming-the-enactment"]
    target = home.href.replace(".ipynb", ".html")
    page = site_file.open("05_rupture_and_repair.html")
    # with no answer kept in this browser, the scene on the learner's path is the story's, and says why
    mine = page.locator("[data-conditional='naming-the-enactment']")
    expect(mine).to_have_attribute("data-shown", "fee-waived")
    expect(mine.locator(".course-paths:visible")).to_have_count(1)
    expect(mine.locator(".course-paths:visible")).to_contain_text("No answer of yours to")
    recalls = page.locator(".course-recall").filter(has_text="Susan raises the cancellations")
    expect(recalls.first).to_be_visible()
    assert (
        page.locator(".course-event:not(.course-recall)").filter(has_text="Susan raises the cancellations").count() == 0
    )
    recalls.first.locator(f"a[href='{target}']").click()
    page.wait_for_load_state("load")
    assert page.url.endswith(target)
    expect(page.locator(f"[id='{target.split('#', 1)[1]}']")).to_be_in_viewport()


def test_without_javascript_the_displays_are_honest_static_pages(browser: Browser, course_site: BuiltSite) -> None:
    from course.content import load_content

    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto((course_site.root / EXPLORER_PAGE).as_uri())
        host = page.locator(".site-explorer")
        events = [e.id for e in load_content(course_site.data).events]
        shown = events[: events.index(EXPLORER_UNTIL) + 1]  # the chapter's explorer stops at the story so far
        expect(host.locator(".site-step:visible")).to_have_count(len(shown))
        assert host.locator("select, button").count() == 0
        page.goto((course_site.root / WORKSHEET_PAGE).as_uri())
        sheet = page.locator(".site-worksheet")
        expect(sheet.locator(".site-levels").first).to_be_visible()
        assert sheet.locator("select, button").count() == 0
    finally:
        context.close()


def test_earlier_choices_shape_the_rupture_in_05_and_the_ending_in_09(
    site_file: SiteBrowser, course_site: BuiltSite
) -> None:
    """Choices that come back: the replies given on the 03 page choose how the rupture opens in 05 and what
    Jane says at the end in 09, each with the learner's path and the others under it; a later try does not
    change the scene: the first answer, the reply the learner reached for, counts."""
    from course.delivery.site.frame import STORE_KEY

    from .answering import answer

    page = site_file.open("03_the_case_of_jane_and_susan.html")
    for exercise_id, path in (
        ("ch03-first-cancellation", ["rules-are-rules"]),
        ("ch03-friendship-request", ["coffee"]),
    ):
        out = answer(page, load_spec(course_site.data, exercise_id), path)
        expect(out.locator(".cx-verdict")).to_be_visible(timeout=TIMEOUT)

    def shown(name: str, event_id: str, variant: str, title: str, mine: str) -> Page:
        page.goto(site_file.base + name)
        scene = page.locator(f"[data-conditional='{event_id}']")
        expect(scene).to_have_attribute("data-shown", variant)
        visible = scene.locator(".course-variant:visible")
        expect(visible).to_have_count(1)
        expect(visible.locator("h4")).to_contain_text(title)
        expect(visible.locator(".course-paths:visible")).to_contain_text(f"Your path: {mine}")
        expect(visible.locator(".course-paths:visible li")).to_have_count(
            len(scene.locator(".course-variant").all()) - 1
        )
        return page

    shown(
        "05_rupture_and_repair.html",
        "naming-the-enactment",
        "frame-as-verdict",
        "The rupture that makes no noise",
        "You held the rule as a verdict (the course's invention)",
    )
    shown(
        "09_the_end_of_the_placement.html",
        "last-session",
        "coffee",
        "The last session, and two goodbyes",
        "You agreed to coffee after sessions (another path the course invented)",
    )
    # a later try (here written to the store as the page would), often the recommended path after it was
    # shown, leaves the scene as it was: the first answer counts
    page.evaluate(
        """([key, id]) => CourseProgress.open(key).recordAttempt(id, "h", ["hold-and-explore", "note-and-follow"], 1, 1, "")""",
        [STORE_KEY, "ch03-first-cancellation"],
    )
    shown(
        "05_rupture_and_repair.html",
        "naming-the-enactment",
        "frame-as-verdict",
        "The rupture that makes no noise",
        "You held the rule as a verdict (the course's invention)",
    )
