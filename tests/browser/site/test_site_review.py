"""The review queue on the site: an exercise answered in its chapter joins the learner's reviews, the
course map counts it as due, the Review page rates the first answer and schedules the next review, and the
progress page shows the retention. Pages are opened with ``?now=`` to see the schedule days ahead."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from playwright.sync_api import expect

from course.review import schedule

from .answering import TIMEOUT, answer, load_spec
from .conftest import BuiltSite, SiteBrowser

EXERCISE = "ch01-crossing-violation-sort"  # a categorize exercise marked `review: true`, in notebook 01


def _stored_reviews(page) -> list[dict]:
    return page.evaluate("() => JSON.parse(localStorage.getItem('jane-susan-course/progress')).reviews")


def test_an_answered_exercise_is_reviewed_and_scheduled(site_file: SiteBrowser, course_site: BuiltSite) -> None:
    spec = load_spec(course_site.data, EXERCISE)
    assert spec.review
    page = site_file.open("index.html")
    expect(page.locator(".site-review-due")).to_contain_text("No reviews yet")

    site_file.open("01_codes_and_boundaries.html", page)
    answer(page, spec, spec.answer)
    expect(page.locator(f"section[data-exercise='{EXERCISE}'] .cx-verdict")).to_be_visible()

    # The first review falls due a day after the first answer, not at once (review.js `firstDue`).
    first = schedule.utc(datetime.now(UTC) + timedelta(days=1, minutes=1))
    site_file.open(f"index.html?now={schedule.iso(first)}", page)
    expect(page.locator(".site-review-due")).to_contain_text("1 review due now")

    # The first review: every item in a wrong category gives Again (less than half the marks).
    site_file.open(f"review.html?now={schedule.iso(first)}", page)
    wrong = {item: ("violation" if cat == "crossing" else "crossing") for item, cat in spec.answer.items()}
    review = answer(page, spec, wrong)
    expect(review.locator(".site-review-done")).to_contain_text("Rated Again. Next review:", timeout=TIMEOUT)
    [row] = _stored_reviews(page)
    assert row["rating"] == 1 and row["reviewed_at"] == schedule.iso(first)
    assert row["card"] == {**row["card"], "state": 1, "step": 0, "due": schedule.iso(first + timedelta(minutes=1))}

    # Two days later it is due again; full marks give Good: the next learning step, as in the lab.
    later = first + timedelta(days=2)
    site_file.open(f"review.html?now={schedule.iso(later)}", page)
    review = answer(page, spec, spec.answer)
    expect(review.locator(".site-review-done")).to_contain_text("Rated Good. Next review:", timeout=TIMEOUT)
    rows = _stored_reviews(page)
    lab = schedule.new_card(EXERCISE, first)
    for r in rows:
        lab = schedule.review(lab, r["rating"], schedule.parse_time(r["reviewed_at"]))
    assert [r["rating"] for r in rows] == [1, 3]
    assert rows[-1]["card"] == {**rows[-1]["card"], "state": 1, "step": 1, "due": schedule.iso(lab.due)}
    assert lab.due == later + timedelta(minutes=10)
    expect(page.locator(".site-review-schedule tbody tr")).to_have_count(1)

    site_file.open(f"index.html?now={schedule.iso(later + timedelta(minutes=1))}", page)
    expect(page.locator(".site-review-due")).to_contain_text("No reviews due now")
    site_file.open(f"index.html?now={schedule.iso(later + timedelta(minutes=11))}", page)
    expect(page.locator(".site-review-due")).to_contain_text("1 review due now")
    site_file.open(f"progress.html?now={schedule.iso(later + timedelta(minutes=1))}", page)
    expect(page.locator(".site-retention caption")).to_contain_text("Retention over time")
    mondays = {(d - timedelta(days=d.weekday())).date() for d in (schedule.parse_time(r["reviewed_at"]) for r in rows)}
    expect(page.locator(".site-retention tbody tr")).to_have_count(len(mondays))
    expect(page.locator(".site-retention thead")).to_contain_text("Fell due")
    expect(page.get_by_text("You recalled 1 of 2 reviews (50%)", exact=False)).to_be_visible()
