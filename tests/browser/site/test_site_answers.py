"""The learner's answers leave the site only by their own action, in the ``course export`` format.

Answers given in the page are downloaded with "Download my answers"; ``course class-summary`` reads
the file beside an export from JupyterLab. In a fresh browser, "Load my answers" brings them back;
an edited file is refused with a message naming the field, and nothing kept is lost. The two sittings
of the case-judgement test (in 00 and 11) travel the same way, with the learner's own before and after.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import Page, expect

from course.classroom.export import load_export
from course.judgement.forms import read_forms
from course.judgement.order import first_form, other_form
from course.judgement.results_html import change_notes

from .. import e2e_content
from ..axe_check import BLOCKING, axe_playwright, report
from ..lab import REPO
from .answering import answer, load_spec, section
from .conftest import TEST_PAGE, BuiltSite, SiteBrowser

PAGE = f"{TEST_PAGE}.html"
JUPYTERLAB_EXPORT = REPO / "tests" / "fixtures" / "progress" / "export-good-learner-b.json"
Axe = axe_playwright.Axe
FIRST_PAGE, LAST_PAGE = "00_start_here.html", "11_looking_back.html"  # the two sittings of the test


def _download(site: SiteBrowser, target: Path, *, name: str = "", reflections: bool = False) -> Path:
    page = site.open("progress.html")
    if name:
        page.get_by_label("Your name in the file", exact=False).fill(name)
    page.get_by_label("Include my written reflections").set_checked(reflections)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my answers", exact=True).click()
    download = info.value
    assert download.suggested_filename.startswith("course-export-learner-")
    download.save_as(target)
    expect(page.locator(".site-status")).to_contain_text("Send this file to your instructor only if you choose to.")
    return target


def test_downloaded_answers_go_into_the_class_summary(
    site: SiteBrowser, course_site: BuiltSite, tmp_path: Path
) -> None:
    specs = [load_spec(course_site.data, ex_id) for ex_id in e2e_content.EXAMPLES.values()]
    page = site.open(PAGE)
    for spec in specs:
        answer(page, spec, spec.fixtures[0].answer)
        expect(section(page, spec.id).locator(".cx-verdict")).to_be_visible()
    path = _download(site, tmp_path / "mine.json")
    data, problem = load_export(path)
    assert problem is None, problem
    assert set(data["payload"]["learner"]) == {"id"}, "pseudonymous unless a name is given"
    answered = {a["exercise_id"] for a in data["payload"]["attempts"]}
    assert answered == {s.id for s in specs if s.type != "reflection"}
    assert {r["event_id"] for r in data["payload"]["ratings"]} == {
        e.event for s in specs if s.type == "rating" for e in s.events
    }
    assert "reflections" not in data["payload"]

    out = tmp_path / "summary"
    result = subprocess.run(
        [sys.executable, "-m", "course", "class-summary", str(path), str(JUPYTERLAB_EXPORT), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "from 2 learners' exports" in result.stdout
    report = (out / "index.html").read_text(encoding="utf-8")
    assert all(ex_id in report for ex_id in answered)


def _sitting(page: Page, sitting: str, form, missed: int) -> None:
    """Take one sitting of the test: the best response to every item but the first ``missed`` (another
    option there); the first item by keyboard alone. Nothing is marked right or wrong on the way."""
    out = page.locator(f"section[data-judgement='{sitting}']")
    expect(out).to_have_class(re.compile(r"\bcx-ready\b"))
    expect(out.locator(".jt-item")).to_have_count(len(form.items))
    assert out.locator(".jt-item").evaluate_all("(xs) => xs.map((x) => x.dataset.item)") == [i.id for i in form.items]
    for n, item in enumerate(form.items):
        ids = [o.id for o in item.options]
        chosen = next(o for o in ids if o != item.key) if n < missed else item.key
        if n == 0:  # Tab to the first option, Space to choose it, arrow keys to move the choice
            out.locator(f"[data-item='{item.id}'] input").first.focus()
            page.keyboard.press("Space")
            for _ in range(ids.index(chosen)):
                page.keyboard.press("ArrowDown")
            expect(out.locator(f"[data-item='{item.id}'] input[value='{chosen}']")).to_be_checked()
        else:
            out.locator(f"[data-item='{item.id}'] input[value='{chosen}']").check()
    assert out.locator(".cx-verdict, .jt-result").count() == 0
    out.get_by_role("button", name="Submit my answers").click()
    expect(out.locator(".cx-live")).to_contain_text(
        f"You took the {'first' if sitting == 'before' else 'second'} sitting"
    )


def test_answers_load_in_a_fresh_browser_and_an_edited_file_is_refused(
    site_file: SiteBrowser, course_site: BuiltSite, tmp_path: Path, browser, browser_context_args
) -> None:
    from .conftest import _browser_for

    spec = load_spec(course_site.data, e2e_content.EXAMPLES["single-choice"])
    page = site_file.open(PAGE)
    answer(page, spec, spec.answer)
    expect(section(page, spec.id).locator(".cx-verdict")).to_have_text("Correct.")

    forms = read_forms(course_site.data).forms
    page = site_file.open(FIRST_PAGE)
    first = first_form(page.evaluate("CourseSite.store.learnerId()"))  # the Python rule on the browser's pseudonym
    _sitting(page, "before", forms[first], missed=2)
    page = site_file.open(LAST_PAGE)
    results = page.locator("[data-widget='judgement-results']")
    expect(results).to_contain_text("Still to take: the second sitting")
    second = forms[other_form(first)]
    _sitting(page, "after", second, missed=0)
    n, m = len(forms[first].items), len(second.items)
    change = m - (n - 2)
    signed = f"+{change}" if change > 0 else f"\u2212{-change}" if change < 0 else "0"
    totals = f"Before: {n - 2} of {n}. After: {m} of {m}. Change: {signed}."
    expect(results.locator(".jt-change")).to_have_text(totals)
    expect(results.locator(".jt-reading")).to_have_text(change_notes(change, n))  # as the lab words it
    missed = results.locator(f".jt-result[data-item='{forms[first].items[0].id}']")
    expect(missed).to_contain_text("The best response:")
    expect(results.locator(f".jt-result[data-item='{second.items[0].id}']")).to_contain_text("(the best response)")
    page.emulate_media(color_scheme="dark")  # the results as shown (every page's light and dark: test_site_pages)
    where = {"include": [["[data-widget='judgement-results']"], ["section[data-judgement]"]]}
    found = Axe().run(page, context=where, options={"resultTypes": ["violations"], "preload": False})  # no fetching
    blocking = [v for v in found.response["violations"] if v.get("impact") in BLOCKING]
    assert not blocking, report(blocking)

    good = _download(site_file, tmp_path / "mine.json", name="Robin", reflections=True)
    edited = tmp_path / "edited.json"
    data = json.loads(good.read_text(encoding="utf-8"))
    sittings = data["payload"]["judgement"]["sittings"]
    assert (sittings["before"]["form"], sittings["after"]["form"]) == (first, second.form)
    data["payload"]["attempts"][0]["score"] = 0
    edited.write_text(json.dumps(data), encoding="utf-8")

    fresh = _browser_for(browser, site_file.base, browser_context_args)
    try:
        other = fresh.open(PAGE)
        kept = load_spec(course_site.data, e2e_content.EXAMPLES["multiple-select"])
        answer(other, kept, kept.answer)
        progress = fresh.open("progress.html")
        progress.get_by_label("Load my answers").set_input_files(str(edited))
        status = progress.locator(".site-status")
        expect(status).to_contain_text("Not loaded; nothing you had kept was changed.")
        expect(status).to_contain_text("edited.json: checksum.value: does not match the payload")
        progress.get_by_label("Load my answers").set_input_files(str(tmp_path / "mine.json"))
        expect(status).to_contain_text("Loaded mine.json: 3 record(s) added")  # an answer and two sittings
        expect(fresh.open(LAST_PAGE).locator("[data-widget='judgement-results'] .jt-change")).to_have_text(totals)
        other = fresh.open(PAGE)
        expect(section(other, spec.id).locator(".cx-feedback-area")).to_contain_text(
            "Your last answer, restored from your progress."
        )
        expect(section(other, kept.id).locator(".cx-verdict")).to_have_text("Correct.")
        assert not fresh.outside and not fresh.errors, fresh.outside + fresh.errors
    finally:
        fresh.context.close()
