"""A card is shown in full once; later chapters refer back to it (``course.recall_events``)."""

from __future__ import annotations

import nbformat

import course
from course.content import load_content
from course.displays.event_recall import RECALL_CALL, card_homes, shown_in
from course.paths import notebooks_dir

CONTENT = load_content()
ORDER = [nb.filename for nb in CONTENT.course.notebooks]
CASE_STARTS = ORDER.index("03_the_case_of_jane_and_susan.ipynb")  # the story itself is told from here on


def _calls(pattern=None) -> list[tuple[int, str, list[str]]]:
    out = []
    for at, name in enumerate(ORDER):
        for cell in nbformat.read(str(notebooks_dir() / name), as_version=4).cells:
            if cell.cell_type == "code":
                ids = shown_in(cell.source) if pattern is None else shown_in(cell.source, pattern)
                if ids:
                    out.append((at, name, ids))
    return out


def test_from_the_case_on_each_card_is_shown_in_full_once() -> None:
    seen: dict[str, str] = {}
    again = []
    for at, name, ids in _calls():
        for eid in ids:
            if at >= CASE_STARTS and eid in seen:
                again.append(f"{eid}: in full in {seen[eid]} and again in {name}")
            if at >= CASE_STARTS:
                seen.setdefault(eid, name)
    assert not again, "\n".join(again)


def test_every_recall_points_back_to_a_full_card_shown_earlier() -> None:
    homes = card_homes(content=CONTENT)
    recalls = _calls(RECALL_CALL)
    assert recalls, "no chapter refers back to a card"
    for at, name, ids in recalls:
        for eid in ids:
            assert eid in homes, f"{name} recalls {eid}, whose card is never shown in full"
            assert ORDER.index(homes[eid].filename) < at, f"{name} recalls {eid} before its card is shown"


def test_a_recall_links_to_the_card_and_folds_the_scene_away() -> None:
    event = CONTENT.event("naming-the-enactment")
    html = course.recall_events("naming-the-enactment", "no-such-event")._repr_html_()
    home = card_homes(content=CONTENT)["naming-the-enactment"]
    assert f'href="{home.href}"' in html and home.filename.startswith("03_")
    assert "<details><summary>Read the scene again</summary>" in html
    assert event.title in html and "For discussion" in html
    assert "Code sections that bear on it" not in html
    assert "No event with id no-such-event" in html
