"""In the Voila app (``make app``): no exercise text is cut off at 1280 or 800 pixels, and the share
panel's button downloads the learner's export file (the app has no terminal for ``course export``)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from course.classroom.file_format import FORMAT
from course.displays.export_download import MAKE

from ..cut_off import CUT_JS, exercise_ids, write_every_exercise
from ..test_export_download import check_download
from .conftest import AppServer

RENDER_TIMEOUT = 120_000  # ms: Voila runs the whole notebook before it shows the page
# Two notebooks of half the exercises each: Voila shows "model not found" for some widgets of a page with
# all of them at once.
HALVES = {"first": slice(None, len(exercise_ids()) // 2), "second": slice(len(exercise_ids()) // 2, None)}


@pytest.mark.parametrize("width", (1280, 800))
@pytest.mark.parametrize("half", HALVES)
def test_no_exercise_text_is_cut_off_and_the_answers_download(
    page: Page, app_server: AppServer, width: int, half: str
) -> None:
    notebook = f"exercises-{half}-half.ipynb"
    write_every_exercise(app_server.root / notebook, HALVES[half])
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(app_server.render_url(notebook), timeout=RENDER_TIMEOUT)
    expect(page.locator(".course-share")).to_be_visible(timeout=RENDER_TIMEOUT)
    expect(page.locator(".cx-exercise")).to_have_count(len(exercise_ids()[HALVES[half]]), timeout=RENDER_TIMEOUT)
    expect(page.get_by_text("Loading widget...")).to_have_count(0)
    cut = page.evaluate(CUT_JS, "body")
    assert cut == [], f"at {width} px, {len(cut)} cut off:\n" + "\n".join(cut)

    share = page.locator(".course-share")
    share.locator("button.jupyter-button").filter(has_text=re.compile(rf"^\s*{re.escape(MAKE)}\s*$")).click()
    assert check_download(page, share)["format"] == FORMAT
