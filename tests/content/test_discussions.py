"""Discussion questions: each notes box asks exactly a question its event's card shows, and chapter 03
part 1 gives every question on its cards a notes box."""

import re

import nbformat

from course.content import load_content
from course.displays.progress_overview import completion
from course.exercises.lookup import index, load
from course.paths import data_dir, notebooks_dir

CONTENT = load_content()
DISCUSSIONS = [
    s
    for s in (load(i).spec for i in sorted(index(data_dir() / "exercises")))
    if s is not None and s.type == "discussion"
]
SHOWN_EVENTS = re.compile(r"course\.show_events?\(([^)]*)\)")
SHOWN_EXERCISE = re.compile(r'course\.exercise\("([^"]+)"\)')


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_a_discussion_about_an_event_asks_one_of_its_questions():
    assert DISCUSSIONS
    for spec in DISCUSSIONS:
        for event_id in spec.refs.events:
            questions = [_squash(q) for q in CONTENT.event(event_id).questions]
            assert _squash(spec.prompt) in questions, f"{spec.id}: the prompt is not a question of {event_id}"


def test_every_question_on_the_cards_of_chapter_03_part_1_has_a_notes_box():
    nb = nbformat.read(notebooks_dir() / "03_the_case_of_jane_and_susan.ipynb", as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    events = [e for call in SHOWN_EVENTS.findall(code) for e in re.findall(r'"([^"]+)"', call)]
    shown = set(SHOWN_EXERCISE.findall(code))
    asked = {_squash(s.prompt) for s in DISCUSSIONS if s.id in shown}
    questions = [_squash(q) for e in events for q in CONTENT.event(e).questions]
    assert len(questions) >= 23
    missing = [q for q in questions if q not in asked]
    assert not missing, f"questions without a notes box: {missing}"


def test_the_progress_overview_leaves_discussions_out():
    notebooks, objectives = completion(CONTENT, {})
    counted = {ex for g in notebooks for ex in g.todo + g.done}
    assert counted and not counted & {s.id for s in DISCUSSIONS}


def test_the_class_view_and_gradebook_leave_discussions_out():
    from course.classroom.class_view import course_specs

    counted = {s.id for s in course_specs(CONTENT)}
    assert counted and not counted & {s.id for s in DISCUSSIONS}


def test_the_site_progress_page_leaves_discussions_out():
    from course.delivery.site.frame import site_data
    from course.paths import data_dir

    listed = {e["id"] for e in site_data(CONTENT, data_dir())["exercises"]}
    assert listed and not listed & {s.id for s in DISCUSSIONS}
