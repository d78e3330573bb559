"""Item analysis from a seminar exchange: a key the strongest learners reject is flagged, in the view and the CSV."""

from __future__ import annotations

import csv

from course import cli
from course.classroom import seminar
from course.classroom.class_view import course_specs, load_class
from course.classroom.class_view_html import items_html
from course.content import load_content

from .conftest import answer

# Nine learners, strongest first: 1 = the key, 0 = a wrong option. The third exercise is answered right by
# the weakest learners and wrong by the strongest, as a wrong key would be.
PATTERN = [
    [1, 1, 1, 1, 1, 0, 1, 0, 0],
    [1, 1, 1, 1, 0, 1, 0, 0, 0],
    [0, 0, 0, 1, 0, 1, 1, 1, 1],
    [1, 1, 0, 1, 1, 0, 0, 1, 0],
]


def _single_choice_specs() -> list:
    specs = [s for s in course_specs(load_content()) if s.type == "single-choice" and len(s.options) >= 3]
    return specs[:4]


def test_a_key_the_strongest_reject_is_flagged_first(demo_exchange, store_factory, tmp_path, capsys) -> None:
    specs = _single_choice_specs()
    suspect = specs[2]
    for learner in range(9):
        store = store_factory(f"learner{learner}")
        for spec, row in zip(specs, PATTERN):
            wrong = next(o.id for o in spec.options if o.id != spec.answer and o.id not in (spec.also_accept or []))
            answer(store, spec.id, spec.answer if row[learner] else wrong)
        folder = demo_exchange.folder(f"learner{learner}")
        seminar.share(store=store, where=seminar.Place(demo_exchange.root, folder))

    data = load_class(demo_exchange.root)
    assert data.shared == 9
    first = data.items[0]
    assert first.item_id == suspect.id and first.flagged and first.item_total < 0
    assert not any(r.flagged for r in data.items if r.item_id in {s.id for s in specs} - {suspect.id})
    page = items_html(data)
    assert page.index(suspect.id) < min(page.index(s.id) for s in specs if s is not suspect)

    out = tmp_path / "items.csv"
    assert cli.main(["item-analysis", "--exchange", str(demo_exchange.root), "-o", str(out)]) == 0
    rows = list(csv.DictReader(out.open()))
    assert rows[0]["exercise_id"] == suspect.id and rows[0]["flagged"] == "yes"
    assert rows[0]["key"] == suspect.answer
    assert "1 flagged" in capsys.readouterr().out


def test_item_analysis_without_an_exchange_says_how(monkeypatch, capsys) -> None:
    monkeypatch.delenv("COURSE_EXCHANGE", raising=False)
    assert cli.main(["item-analysis"]) == 2
    assert "--exchange" in capsys.readouterr().err
