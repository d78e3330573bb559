"""The learner's answers leave the site only by their own action, in the ``course export`` format.

Answers given in the page are downloaded with "Download my answers"; ``course class-summary`` reads
the file beside an export from JupyterLab. In a fresh browser, "Load my answers" brings them back;
an edited file is refused with a message naming the field, and nothing kept is lost.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import expect

from course.classroom.export import load_export

from .. import e2e_content
from ..lab import REPO
from .answering import answer, load_spec, section
from .conftest import TEST_PAGE, BuiltSite, SiteBrowser

PAGE = f"{TEST_PAGE}.html"
JUPYTERLAB_EXPORT = REPO / "tests" / "fixtures" / "progress" / "export-good-learner-b.json"


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


def test_answers_load_in_a_fresh_browser_and_an_edited_file_is_refused(
    site_file: SiteBrowser, course_site: BuiltSite, tmp_path: Path, browser, browser_context_args
) -> None:
    from .conftest import _browser_for

    spec = load_spec(course_site.data, e2e_content.EXAMPLES["single-choice"])
    page = site_file.open(PAGE)
    answer(page, spec, spec.answer)
    expect(section(page, spec.id).locator(".cx-verdict")).to_have_text("Correct.")
    good = _download(site_file, tmp_path / "mine.json", name="Robin", reflections=True)
    edited = tmp_path / "edited.json"
    data = json.loads(good.read_text(encoding="utf-8"))
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
        expect(status).to_contain_text("Loaded mine.json: 1 record(s) added")
        other = fresh.open(PAGE)
        expect(section(other, spec.id).locator(".cx-feedback-area")).to_contain_text(
            "Your last answer, restored from your progress."
        )
        expect(section(other, kept.id).locator(".cx-verdict")).to_have_text("Correct.")
        assert not fresh.outside and not fresh.errors, fresh.outside + fresh.errors
    finally:
        fresh.context.close()
