"""The event explorer: labelled, keyboard-operable controls that write into widget values."""

from __future__ import annotations

import re
import time

import pytest

from course.timeline.explorer import explorer


@pytest.fixture(scope="module")
def box(fixture_content):
    return explorer(content=fixture_content)


def test_controls_are_labelled(box):
    assert box.chooser.description == "Event"
    events = box.stepper.events
    keys = {e: n for n, e in enumerate(box.stepper.base.data.annotated, 1)}
    expected = [
        f"{i}. {e.title}" + (f" (key event {keys[e.id]})" if e.id in keys else "") for i, e in enumerate(events, 1)
    ]
    assert [label for label, _ in box.chooser.options] == expected
    assert any("(key event 1)" in label for label, _ in box.chooser.options)
    assert [value for _, value in box.chooser.options] == list(range(1, len(events) + 1))
    assert box.previous.description == "Previous" and box.next.description == "Next"
    assert box.previous.tooltip and box.next.tooltip and box.chooser.tooltip


def test_next_and_previous_step_and_rerender(box, fixture_content):
    box.chooser.value = 1
    assert box.previous.disabled and not box.next.disabled
    first_image = box.image.value
    box.next.click()
    assert box.chooser.value == 2
    event = fixture_content.events[1]
    assert box.image.value != first_image
    assert re.search(r'<img src="data:image/png;base64,[A-Za-z0-9+/=]+" alt="[^"<>]+"', box.image.value)
    assert f"Event 2 of {len(fixture_content.events)}: {event.title}" in box.image.value
    assert event.title in box.details.value and event.questions[0].split("'")[0] in box.details.value
    box.previous.click()
    assert box.chooser.value == 1
    box.chooser.value = len(box.stepper.events)
    assert box.next.disabled
    box.next.click()
    assert box.chooser.value == len(box.stepper.events)


def test_details_show_when_phase_codes_questions_and_sanitized_text(box, fixture_content):
    index = [e.id for e in fixture_content.events].index("refusal")
    box.chooser.value = index + 1
    details = box.details.value
    refusal = fixture_content.event("refusal")
    assert "Week 14, Monday, session 27" in details
    assert fixture_content.phase(refusal.phase).title in details
    assert "key event 2" in details
    assert fixture_content.codes["apa-3.05"].label in details
    assert "<strong>why</strong>" in details  # Markdown rendered
    assert "<script" not in details  # and sanitized
    assert "Discussion questions" in details and "Teaching ratings" in details


def test_before_therapy_event_has_no_ratings_and_still_renders(box):
    box.chooser.value = 1
    assert "none (before therapy)" in box.details.value
    assert "<img " in box.image.value


def test_each_step_is_quick(box):
    start = time.perf_counter()
    for value in range(2, 7):
        box.chooser.value = value
    assert (time.perf_counter() - start) / 5 < 0.5


def test_explorer_on_the_real_case(real_content):
    real = explorer(content=real_content, start="fee-waived")
    assert real.chooser.value == [e.id for e in real_content.events].index("fee-waived") + 1
    assert "Susan" in real.details.value and "<img " in real.image.value


def test_course_explorer_entry_point(fixture_content):
    import course

    widget = course.explorer(content=fixture_content)
    assert widget.chooser.description == "Event"


def test_course_plot_timeline_works_after_the_module_is_imported(fixture_content):
    import course
    import course.timeline  # noqa: F401  (the submodule must not shadow the notebook-facing call)

    assert course.plot_timeline(content=fixture_content).data.annotated
    assert course.plot_timeline(content=fixture_content).figure is not None


def test_explorer_and_the_learners_timeline_use_the_timelines_layout(real_content):
    """One calendar for every timeline of the case: the plain plot, the explorer's, the learner's own."""
    from course.timeline import plot_timeline

    plain = plot_timeline(content=real_content)
    stepper = explorer(content=real_content).stepper
    mine = plot_timeline(content=real_content, learner={"refusal": 1}, dimensions=("transference",))
    assert plain.data.scale.compressed
    assert stepper.base.data.scale == plain.data.scale == mine.data.scale
    ax = stepper.base.axes["transference"]
    assert ax.get_xscale() == "function" and ax.get_xlim() == plain.axes["transference"].get_xlim()
    numbers = {t.get_gid() for t in ax.texts if (t.get_gid() or "").startswith("key-label:")}
    assert numbers == {f"key-label:{e}" for e in plain.data.annotated}


def test_a_chapters_explorer_stops_at_its_last_event(real_content):
    ids = [e.id for e in real_content.events]
    part = explorer(content=real_content, until="continuing-work")
    last = ids.index("continuing-work") + 1
    assert [value for _, value in part.chooser.options] == list(range(1, last + 1))
    part.chooser.value = last
    assert part.next.disabled and real_content.event("continuing-work").title in part.details.value
    assert explorer(content=real_content, until="no-such-event").chooser.options[-1][1] == len(ids)


def test_the_sites_explorer_offers_the_same_steps_and_start(real_content):
    from course.delivery.site.live_displays import live_html

    ids = [e.id for e in real_content.events]
    html = live_html("explorer", {"start": "fee-waived", "until": "continuing-work"})
    assert html.count("class='site-step'") == ids.index("continuing-work") + 1
    assert f"data-start='{ids.index('fee-waived') + 1}'" in html
    assert real_content.event("telling-jane").title not in html


def test_a_timeline_can_stop_at_the_story_so_far(real_content):
    from course.timeline.plot import plot_timeline

    ids = [e.id for e in real_content.events]
    so_far = plot_timeline(content=real_content, dimensions="stance", until="second-late-cancellation")
    assert so_far.data.events == ids[: ids.index("second-late-cancellation") + 1]
    later = real_content.event("fee-agreement").title
    assert later not in so_far._repr_html_() and later not in so_far.alt_text
    whole = plot_timeline(content=real_content, until="no-such-event")
    assert whole.data.events == ids and any("no-such-event" in m for m in whole.messages)
