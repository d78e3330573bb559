"""A notebook's case-judgement calls as a site page shows them, and the forms the page carries.

* ``course.judgement_test("before")`` becomes a live section for ``static/judgement.js`` (never the
  widget as it was drawn when the notebook ran); ``course.judgement_results()`` becomes the place the
  learner's own results are drawn. Only such a page carries the forms.
* The forms reach the site only when both are there, without problems, and with their keys: a site built
  from a student release, or from a course with a broken form, is refused with a message naming the file.
No kernel runs here: the page is built from cells with the outputs a notebook would have saved.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from course.delivery.site.build import SiteError
from course.delivery.site.frame import frame
from course.delivery.site.judgement import judgement_forms
from course.delivery.site.page import PageBuilder
from course.delivery.site.widget_snapshot import WIDGET_VIEW, Snapshot
from course.judgement.released import released_yaml

from .node import REPO

WIDGET_OUTPUT = {"output_type": "display_data", "data": {WIDGET_VIEW: {"model_id": "m1"}, "text/plain": "VBox()"}}
SNAPSHOT = Snapshot({"m1": {"model_name": "HTMLModel", "state": {"value": "<p>WIDGET-AS-DRAWN</p>"}}})
FORMS = REPO / "tests" / "fixtures" / "judgement" / "good"


def _page(*sources: str) -> tuple[str, bool]:
    builder = PageBuilder("11_looking_back", lambda exercise_id: "")
    for source in sources:
        builder.code_cell(source, [WIDGET_OUTPUT], SNAPSHOT)
    page = builder.finish()
    return page.body, page.judgement


def test_the_calls_become_live_sections_and_only_their_page_carries_the_forms() -> None:
    body, flagged = _page('course.judgement_test("after")', "course.judgement_results()")
    assert flagged
    assert "WIDGET-AS-DRAWN" not in body, "the widget drawn when the notebook ran is not shown"
    assert re.search(r"<section class='cx-exercise jt-test' id='judgement-after' data-judgement='after'", body)
    assert "data-widget='judgement-results'" in body
    assert "when JavaScript is on" in body

    body, flagged = _page("course.judgement_test(sitting='before')")
    assert flagged and "data-judgement='before'" in body

    body, flagged = _page("course.progress_overview()")
    assert not flagged and "judgement" not in body

    def page(judgement: dict | None) -> str:
        return frame(
            title="T",
            course_title="C",
            body=body,
            current="x.html",
            prev=None,
            next_=None,
            data={},
            judgement=judgement,
        )

    assert 'id="course-judgement"' not in page(None)
    carried = re.search(
        r'<script type="application/json" id="course-judgement">(.*?)</script>', page({"A": {"x": "<"}})
    )
    assert carried and json.loads(carried.group(1)) == {"A": {"x": "<"}}
    assert "<" not in carried.group(1), "no text in the forms can close the script element"


def _data(tmp_path: Path) -> Path:
    folder = tmp_path / "data" / "judgement"
    folder.mkdir(parents=True)
    for form in ("form-a.yaml", "form-b.yaml"):
        shutil.copyfile(FORMS / form, folder / form)
    return tmp_path / "data"


def test_forms_from_a_student_release_or_with_a_problem_are_refused(tmp_path: Path) -> None:
    data = _data(tmp_path)
    compiled = judgement_forms(data)
    assert sorted(compiled) == ["A", "B"] and all(item["key"] for f in compiled.values() for item in f["items"])

    released = data / "judgement" / "form-b.yaml"
    released.write_text(released_yaml(released.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(SiteError, match="student release and have no answer keys"):
        judgement_forms(data)

    released.unlink()
    with pytest.raises(SiteError, match=r"form-b\.yaml.*missing"):
        judgement_forms(data)

    shutil.rmtree(data / "judgement")
    with pytest.raises(SiteError, match=r"judgement: missing; a notebook shows the case-judgement test"):
        judgement_forms(data)
