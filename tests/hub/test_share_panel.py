"""The "Share my answers with the seminar" panel, driven in the kernel: nothing shared until pressed,
reflections only when ticked for that submission, show, replace and withdraw."""

from __future__ import annotations

import base64
import json
import re
from typing import Any

import pytest

import course
from course.classroom.class_view import read_exchange
from course.classroom.file_format import FORMAT
from course.displays.export_download import MAKE
from course.displays.seminar_share import REFLECTIONS, SHARE, SHOW, WITHDRAW
from course.exercises import load_spec


def _widgets(box: Any) -> list[Any]:
    found = [box]
    for child in getattr(box, "children", ()):
        found += _widgets(child)
    return found


def _button(box: Any, label: str) -> Any:
    return next(w for w in _widgets(box) if getattr(w, "description", None) == label and hasattr(w, "on_click"))


def _text(box: Any) -> str:
    return " ".join(w.value for w in _widgets(box) if type(w).__name__ == "HTML")


@pytest.fixture
def panel(hub_learner, demo_exchange):
    hub_learner.save_reflection("ch03-map-codes", "h", "Private words: MEDLAR-9.", {})
    return course.share_with_seminar(), demo_exchange.root


def test_nothing_is_shared_until_the_button_is_pressed(panel):
    box, root = panel
    assert "You have not shared anything" in _text(box)
    assert read_exchange(root).submissions == []
    assert _button(box, WITHDRAW).disabled and _button(box, SHOW).disabled


def test_share_show_replace_withdraw(panel):
    box, root = panel
    tick = next(w for w in _widgets(box) if getattr(w, "description", None) == REFLECTIONS)
    tick.value = True
    _button(box, SHARE).click()
    assert "Shared." in _text(box) and "1 written reflection" in _text(box)
    assert tick.value is False  # the next submission leaves reflections out unless ticked again
    [sub] = read_exchange(root).submissions
    assert sub.reflections_included and "MEDLAR-9" in str(sub.payload["reflections"])
    _button(box, SHOW).click()
    shown = read_exchange(root).submissions[0].payload["attempts"][0]["exercise_id"]
    assert load_spec(shown).title in _text(box) and "pseudonym" in _text(box)
    assert shown not in _text(box)  # titles, not raw exercise ids
    _button(box, SHARE).click()
    [sub] = read_exchange(root).submissions
    assert not sub.reflections_included and "reflections" not in sub.payload
    _button(box, WITHDRAW).click()
    assert "Withdrawn" in _text(box) and read_exchange(root).submissions == []
    assert _button(box, WITHDRAW).disabled


def test_off_the_hub_the_panel_downloads_the_export_and_names_the_command(monkeypatch, store_factory):
    from course import progress

    store = store_factory("self-study")
    store.save_reflection("ch03-map-codes", "h", "Private words: MEDLAR-9.", {})
    monkeypatch.setattr(progress, "_store", store)
    monkeypatch.delenv("COURSE_EXCHANGE", raising=False)
    box = course.share_with_seminar()
    assert SHARE in _text(box) and "course export" in _text(box)
    assert "course-download" not in _text(box)  # nothing is written until the button is pressed
    _button(box, MAKE).click()
    link = re.search(r'download="(course-export-[^"]+\.json)" href="data:application/json;base64,([^"]+)"', _text(box))
    assert link, _text(box)
    export = json.loads(base64.b64decode(link.group(2)))
    assert export["format"] == FORMAT and f"course-export-{export['payload']['learner']['id']}.json" == link.group(1)
    assert "reflections" not in export["payload"] and "name" not in export["payload"]["learner"]
    assert "MEDLAR-9" not in _text(box)  # reflections go only when ticked
