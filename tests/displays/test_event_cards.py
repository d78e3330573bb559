"""What the article says and what the course added: every event says which, and learners can see it."""

import pytest

from course.content import load_content
from course.content.models import ADDED_BY_COURSE
from course.displays.event_cards import event_html
from course.timeline.explorer import Stepper
from course.timeline.plot import plot_timeline
from course.timeline.text import table_html

CONTENT = load_content()
ADDED = [e for e in CONTENT.events if e.source == "course"]
RETOLD = [e for e in CONTENT.events if e.source == "article"]


def test_every_event_says_where_it_comes_from():
    assert all(e.source in ("article", "course") for e in CONTENT.events)
    assert ADDED and RETOLD
    # the additions the issue names: the trainee disclosure, the predicting supervision, the later weeks
    ids = {e.id for e in ADDED}
    assert {"susan-introduces-herself", "idealization-in-supervision", "after-therapy-question"} <= ids
    assert {"friendship-request", "fee-waived", "supervision-enactment", "fee-agreement"} <= {e.id for e in RETOLD}


@pytest.mark.parametrize("event", ADDED, ids=lambda e: e.id)
def test_a_card_marks_what_the_course_added(event):
    assert ADDED_BY_COURSE in event_html(event, CONTENT)


@pytest.mark.parametrize("event", RETOLD[:5], ids=lambda e: e.id)
def test_a_card_from_the_article_carries_no_marker(event):
    assert ADDED_BY_COURSE not in event_html(event, CONTENT)


def test_the_explorer_and_its_data_table_mark_the_additions():
    base = plot_timeline(content=CONTENT)
    stepper = Stepper(base)
    for i, event in enumerate(stepper.events):
        details = stepper.details_html(i).lower()
        assert (ADDED_BY_COURSE in details) == (event.source == "course"), event.id
    table = table_html(base.data, CONTENT)
    assert table.count(f"({ADDED_BY_COURSE})") == len(ADDED)


def test_cards_show_no_verify_flag_even_for_sections_still_to_check():
    unchecked = {s.id for s in CONTENT.codes.values() if s.verify}
    cited = [e for e in CONTENT.events if unchecked & set(e.codes)]
    for event in cited:
        assert "verify" not in event_html(event, CONTENT).lower(), event.id
