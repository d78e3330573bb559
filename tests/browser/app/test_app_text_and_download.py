"""In the Voila app (``make app``): no exercise text is cut off at 1280 or 800 pixels, and the share
panel's button downloads the learner's export file (the app has no terminal for ``course export``)."""

from __future__ import annotations

import re
import time
import warnings

import pytest
from playwright.sync_api import Page, expect

from course.classroom.file_format import FORMAT
from course.displays.export_download import MAKE

from ..conftest import _tail
from ..cut_off import CUT_JS, exercise_ids, write_every_exercise
from ..test_export_download import check_download
from .conftest import AppServer

RENDER_TIMEOUT = 120_000  # ms: Voila runs the whole notebook before it shows the page
STALL_SECONDS = 30  # a page that shows no new exercise for this long has stopped (see render)
# Four notebooks of a quarter of the exercises each: Voila shows "model not found" for some widgets of a page
# with all of them at once, and a smaller page renders well within the timeout on a busy machine.
PARTS = 4
SLICES = {
    f"part{n + 1}": slice(n * len(exercise_ids()) // PARTS, (n + 1) * len(exercise_ids()) // PARTS)
    for n in range(PARTS)
}


def render(page: Page, app_server: AppServer, notebook: str) -> None:
    """Open ``notebook`` in the app and wait until Voila has shown all of it (the share panel comes last).

    Voila streams the page as its kernel runs the cells. Now and then (seen in about one page in ten in full
    runs, at any load) the stream stops partway and the page never grows again; a learner would reload. So a
    page that has not grown for STALL_SECONDS is loaded once more, with a warning; a second stall fails, with
    Voila's log.
    """
    for attempt in (1, 2):
        page.goto(app_server.render_url(notebook), timeout=RENDER_TIMEOUT)
        began = grew = time.monotonic()
        shown = -1
        while time.monotonic() - began < RENDER_TIMEOUT / 1000:
            if page.locator(".course-share").is_visible():
                return
            count = page.locator(".cx-exercise").count()
            if count != shown:
                shown, grew = count, time.monotonic()
            elif time.monotonic() - grew > STALL_SECONDS:
                break
            page.wait_for_timeout(250)
        if attempt == 1:
            warnings.warn(f"{notebook}: Voila stopped showing the page after {shown} exercises; loading it again")
    pytest.fail(f"{notebook}: the share panel never showed. Last lines of {app_server.log}:\n{_tail(app_server.log)}")


@pytest.mark.parametrize("part", SLICES)
def test_no_exercise_text_is_cut_off_and_the_answers_download(page: Page, app_server: AppServer, part: str) -> None:
    notebook = f"exercises-{part}.ipynb"
    write_every_exercise(app_server.root / notebook, SLICES[part])
    page.set_viewport_size({"width": 1280, "height": 900})
    render(page, app_server, notebook)
    expect(page.locator(".cx-exercise")).to_have_count(len(exercise_ids()[SLICES[part]]), timeout=RENDER_TIMEOUT)
    expect(page.get_by_text("Loading widget...")).to_have_count(0)
    for width in (1280, 800):  # the same page, narrowed: the text must wrap at both widths
        page.set_viewport_size({"width": width, "height": 900})
        cut = page.evaluate(CUT_JS, "body")
        assert cut == [], f"at {width} px, {len(cut)} cut off:\n" + "\n".join(cut)

    share = page.locator(".course-share")
    share.locator("button.jupyter-button").filter(has_text=re.compile(rf"^\s*{re.escape(MAKE)}\s*$")).click()
    assert check_download(page, share)["format"] == FORMAT
