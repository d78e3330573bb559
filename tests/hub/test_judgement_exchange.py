"""The case-judgement test through a one-account exchange (no root needed): learners take both sittings
and share; the instructor's side scores them, shows the class figure and returns each learner's results;
the learner sees them, and only once they are returned."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from scipy import stats

from course import progress
from course.classroom import exchange as ex
from course.classroom import judgement_class, seminar
from course.classroom.class_view import load_class
from course.classroom.class_view_html import class_view_html
from course.classroom.judgement_stats import CAVEAT
from course.classroom.submission import encode
from course.cli import main
from course.judgement.display import WAIT_ON_HUB, judgement_results
from course.judgement.forms import read_forms
from course.judgement.widget import SittingView
from course.safe_html import plain_text

from .conftest import Exchange

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
# keys chosen before and after, per learner (the rest of each form answered with a wrong option)
PLAN = {"ann": (3, 7), "bob": (5, 6), "cy": (4, 9)}


def _take(forms, store, sitting: str, right: int) -> str:
    view = SittingView(forms, store, sitting).show()
    form = view.form()
    choices = {}
    for n, item in enumerate(form.items):
        wrong = next(o.id for o in item.options if o.id != item.key)
        choices[item.id] = item.key if n < right else wrong
    view.answer_with(choices)
    return form.form


@pytest.fixture
def judged_class(demo_exchange: Exchange, store_factory, tmp_path: Path, monkeypatch):
    """ann, bob and cy take both sittings and share; dee takes only the first; eve shares nothing."""
    data = tmp_path / "data"
    import shutil

    shutil.copytree(FIXTURES / "good" / "minimal-data", data)
    shutil.copytree(FIXTURES / "judgement" / "good", data / "judgement")
    forms = read_forms(data)
    assert forms.scorable
    monkeypatch.setattr(judgement_class, "load_forms", lambda: forms)
    monkeypatch.setenv("COURSE_EXCHANGE", str(demo_exchange.root))
    people = {}
    for name, (before, after) in {**PLAN, "dee": (2, None)}.items():
        store = store_factory(name)
        folder = demo_exchange.folder(name)
        monkeypatch.setenv("COURSE_SEMINAR_ID", folder)  # the pseudonym decides the first form
        first = _take(forms.forms, store, "before", before)
        second = _take(forms.forms, store, "after", after) if after is not None else None
        seminar.share(store=store, where=seminar.Place(demo_exchange.root, folder))
        people[name] = {"store": store, "folder": folder, "forms": (first, second)}
    demo_exchange.folder("eve")
    return demo_exchange.root, people, forms


def test_the_class_figure_comes_from_the_shared_sittings(judged_class) -> None:
    root, people, _ = judged_class
    data = load_class(root)
    found = data.judgement
    assert found.available and found.one_sitting == 1 and found.notes == []
    fig = found.figure
    before = [PLAN[n][0] for n in sorted(PLAN, key=lambda n: people[n]["folder"])]
    after = [PLAN[n][1] for n in sorted(PLAN, key=lambda n: people[n]["folder"])]
    assert fig.n == 3 and fig.few
    assert fig.mean_before == pytest.approx(sum(before) / 3) and fig.mean_after == pytest.approx(sum(after) / 3)
    test = stats.ttest_rel(after, before)
    assert fig.d_z == pytest.approx(test.statistic / 3**0.5)
    orders = {g.order: g.n for g in fig.orders}
    assert sum(orders.values()) == 3
    assert orders["A then B"] == sum(1 for n in PLAN if people[n]["forms"][0] == "A")
    html = class_view_html(data)
    assert CAVEAT.split(".")[0] in html and "too wide to say much" in html
    assert "data-measure='n'><th scope='row'>Learners with both sittings (n)</th><td>3</td>" in html
    assert "<img class='course-jt-figure'" in html and "alt='Scores out of 10 of 3 learners" in html


def test_class_summary_returns_results_that_only_that_learner_sees(judged_class, tmp_path, capsys, monkeypatch) -> None:
    root, people, _ = judged_class
    ann = people["ann"]
    monkeypatch.setattr(progress, "_store", ann["store"])
    monkeypatch.setenv("COURSE_SEMINAR_ID", ann["folder"])
    assert WAIT_ON_HUB in plain_text(judgement_results().value)  # both sittings done, nothing returned yet

    assert main(["class-summary", "--exchange", str(root), "-o", str(tmp_path / "page"), "--return-results"]) == 0
    out = capsys.readouterr().out
    assert "Returned the case-judgement results of 3 learner(s)" in out and "1 learner(s) shared one sitting" in out
    page = (tmp_path / "page" / "index.html").read_text()
    assert "The case-judgement test, before and after" in page and "course-jt-caveat" in page

    for name in PLAN:
        path = root / ex.RETURNED / people[name]["folder"] / ex.RESULTS
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
        results = json.loads(path.read_text())
        assert results["learner"] == people[name]["folder"]
        assert (results["totals"]["before"]["score"], results["totals"]["after"]["score"]) == PLAN[name]
    assert not (root / ex.RETURNED / people["dee"]["folder"] / ex.RESULTS).exists()

    shown = judgement_results().value
    assert f"data-before='{PLAN['ann'][0]}' data-after='{PLAN['ann'][1]}'" in shown
    assert shown.count("class='course-jt-pair'") == 10

    dee = people["dee"]
    monkeypatch.setattr(progress, "_store", dee["store"])
    monkeypatch.setenv("COURSE_SEMINAR_ID", dee["folder"])
    assert "The first is not finished" not in judgement_results().value
    assert "second test" in judgement_results().value


def test_a_forged_judgement_block_is_set_aside_with_a_note(judged_class) -> None:
    root, people, _ = judged_class
    bob = people["bob"]
    from course.classroom.file_format import checksum
    from course.classroom.submission import build_submission

    data = build_submission(bob["store"], bob["folder"], include_reflections=False)
    data["payload"]["judgement"]["sittings"]["after"]["form"] = data["payload"]["judgement"]["sittings"]["before"][
        "form"
    ]
    data["checksum"]["value"] = checksum(data["payload"])
    ex.write_submission(root, bob["folder"], encode(data))
    found = load_class(root).judgement
    assert found.figure.n == 2
    assert any(bob["folder"] in note and "same form" in note for note in found.notes)


def test_a_planted_link_in_a_return_folder_is_replaced_not_followed(judged_class, tmp_path) -> None:
    root, people, _ = judged_class
    target = tmp_path / "instructors-own-file.txt"
    target.write_text("keep me")
    folder = root / ex.RETURNED / people["cy"]["folder"]
    os.symlink(target, folder / ex.RESULTS)
    ex.write_returned(root, people["cy"]["folder"], b"{}")
    assert target.read_text() == "keep me"
    assert not (folder / ex.RESULTS).is_symlink()


def test_results_are_refused_for_a_folder_that_is_not_a_learners(judged_class) -> None:
    root, _, _ = judged_class
    with pytest.raises(ex.ExchangeError):
        ex.write_returned(root, "s-nobody", b"{}")


def test_the_tests_items_are_in_the_item_analysis(judged_class) -> None:
    root, people, forms = judged_class
    items = {r.item_id: r for r in load_class(root).items}
    for letter, form in forms.forms.items():
        taken = sum(1 for n in (*PLAN, "dee") if letter in people[n]["forms"])
        for item in form.items:
            assert items[item.id].key == item.key and items[item.id].learners == taken
