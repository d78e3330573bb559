"""Counterbalancing, the learner's sittings in the progress store, and the test widget."""

from __future__ import annotations

import hashlib
import json

import nbformat
import pytest

from course.judgement import answers
from course.judgement.order import first_form, form_for, pseudonym
from course.judgement.widget import FINISH, SittingView, judgement_test
from course.progress import MemoryProgress, ProgressStore


def test_the_first_form_follows_the_shared_rule() -> None:
    for name in ("learner-0a1b2c3d4e5f", "s-0123456789abcdef", "x"):
        digest = hashlib.sha256(name.encode()).digest()
        assert first_form(name) == ("A" if digest[-1] % 2 == 0 else "B")  # the last bit decides


def test_both_orders_occur_across_many_pseudonyms() -> None:
    firsts = [first_form(f"learner-{i:012x}") for i in range(400)]
    assert 150 <= firsts.count("A") <= 250, firsts.count("A")
    for name in ("learner-1", "learner-2", "s-00ff"):
        assert {form_for("before", name), form_for("after", name)} == {"A", "B"}


def test_the_form_taken_before_wins_over_the_hash() -> None:
    name = "learner-1"
    assert form_for("after", name, taken_before=form_for("after", name)) == form_for("before", name)
    with pytest.raises(ValueError):
        form_for("during", name)


def test_the_lab_pseudonym_is_the_exports_and_the_hubs_is_the_seminar_id(tmp_path, monkeypatch) -> None:
    from course.classroom.export import learner_id

    monkeypatch.delenv("COURSE_EXCHANGE", raising=False)
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        assert pseudonym(store) == learner_id(store)
    monkeypatch.setenv("COURSE_EXCHANGE", str(tmp_path))
    monkeypatch.setenv("COURSE_SEMINAR_ID", "s-00112233aabbccdd")
    assert pseudonym(MemoryProgress()) == "s-00112233aabbccdd"


def _answers(form, choose):
    return {item.id: choose(item) for item in form.items}


def test_answers_go_to_the_progress_store_and_a_finished_sitting_stays_closed(forms, tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("COURSE_EXCHANGE", raising=False)
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        view = SittingView(forms.forms, store, "before").show()
        form = view.form()
        assert form.form == first_form(pseudonym(store))
        assert view.finish_button.description == FINISH and view.finish_button.disabled
        view.answer_with(_answers(form, lambda i: i.options[0].id), finish=False)
        assert not view.finish_button.disabled
        saved = store.get_setting(answers.SETTING)
        assert saved["sittings"]["before"]["answers"] == _answers(form, lambda i: i.options[0].id)
        assert saved["sittings"]["before"]["finished_at"] is None
        view.finish_button.click()
        taken = answers.sittings(store)["before"]
        assert taken.finished and taken.form == form.form
        with pytest.raises(answers.SittingClosed):
            answers.choose(store, "before", form.items[0].id, form.items[0].options[1].id)
        again = SittingView(forms.forms, store, "before").show()
        assert not again.radios, "a finished sitting is not shown as a form again"
        html = again.box.children[0].value
        assert "You finished the before test" in html and "start_over=True" in html
        # starting over asks first; only the button clears it
        asked = SittingView(forms.forms, store, "before").confirm_start_over()
        assert answers.sittings(store)["before"].finished
        asked.box.children[1].click()
        assert "before" not in answers.sittings(store)
        assert asked.radios, "after starting over the form is shown again"


def test_the_after_sitting_takes_the_other_form(forms, monkeypatch) -> None:
    monkeypatch.delenv("COURSE_EXCHANGE", raising=False)
    store = MemoryProgress()
    before = SittingView(forms.forms, store, "before").show()
    before.answer_with(_answers(before.form(), lambda i: i.key))
    after = SittingView(forms.forms, store, "after").show()
    assert after.form().form != before.form().form


def test_the_notebook_function_shows_problems_not_a_traceback(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("COURSE_DATA", str(tmp_path))
    shown = judgement_test("before")
    assert "no case-judgement test" in shown.value
    assert "The sitting is &#x27;now&#x27;" in judgement_test("now").value


def test_only_finished_sittings_are_shared(forms, tmp_path, monkeypatch) -> None:
    from course.classroom.export import export_results

    monkeypatch.delenv("COURSE_EXCHANGE", raising=False)
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        assert "judgement" not in export_results(store)["payload"]
        view = SittingView(forms.forms, store, "before").show()
        view.answer_with(_answers(view.form(), lambda i: i.key), finish=False)
        assert "judgement" not in export_results(store)["payload"]
        view.finish_button.click()
        block = export_results(store)["payload"]["judgement"]
        assert answers.block_problem(block) is None
        assert list(block["sittings"]) == ["before"]


@pytest.mark.parametrize(
    "block",
    [
        None,
        {"version": 2, "sittings": {}},
        {"version": 1, "sittings": {"during": {"form": "A", "answers": {}, "finished_at": "x"}}},
        {"version": 1, "sittings": {"before": {"form": "C", "answers": {}, "finished_at": "x"}}},
        {"version": 1, "sittings": {"before": {"form": "A", "answers": {"a1": ["x"]}, "finished_at": "x"}}},
        {"version": 1, "sittings": {"before": {"form": "A", "answers": {}, "finished_at": None}}},
        {
            "version": 1,
            "sittings": {
                "before": {"form": "A", "answers": {}, "finished_at": "x"},
                "after": {"form": "A", "answers": {}, "finished_at": "y"},
            },
        },
    ],
)
def test_a_shared_block_not_as_the_course_writes_it_is_refused(block) -> None:
    assert answers.block_problem(block) is not None


def test_notebooks_hold_no_answers(forms) -> None:
    from course.paths import notebooks_dir

    for name in ("00_start_here.ipynb", "11_looking_back.ipynb"):
        nb = nbformat.read(notebooks_dir() / name, as_version=4)
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
        assert "judgement" not in json.dumps(nb.metadata)
