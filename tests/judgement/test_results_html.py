"""The learner's results page: what it says under the totals depends on the direction of the change, never on
its size, and a fall gets its own word."""

from __future__ import annotations

import re

import pytest

from course.judgement.answers import Sitting
from course.judgement.results import build_results
from course.judgement.results_html import FELL, change_notes, results_html
from course.safe_html import esc


def _results(forms, before_right: int, after_right: int) -> dict:
    """Results where the first ``before_right`` items of the first form and ``after_right`` of the second are
    answered with their keys, and the rest with another option."""

    def answers(form, right: int) -> dict[str, str]:
        return {
            item.id: item.key if n < right else next(o.id for o in item.options if o.id != item.key)
            for n, item in enumerate(form.items)
        }

    a, b = forms.forms["A"], forms.forms["B"]
    taken = {
        "before": Sitting("before", "A", answers(a, before_right), "", "2026-12-01T10:00:00+00:00"),
        "after": Sitting("after", "B", answers(b, after_right), "", "2026-12-06T10:00:00+00:00"),
    }
    results = build_results(forms.forms, taken, "learner-x")
    assert results is not None
    return results


def _paragraphs(html: str) -> list[str]:
    return re.findall(r"<p>([^<]*)</p>", html)


@pytest.mark.parametrize("change", range(-12, 13))
def test_the_reading_is_the_same_whatever_the_size_and_a_fall_adds_one_word(change: int) -> None:
    notes = change_notes(change, 12)
    assert "With 12 situations" in notes[0]
    assert notes[0] == change_notes(0, 12)[0], "the reading must not depend on the size of the change"
    assert (FELL in notes) is (change < 0)
    assert len(notes) == (2 if change < 0 else 1)


def test_the_reading_names_the_number_of_situations() -> None:
    assert "With 9 situations" in change_notes(1, 9)[0]


@pytest.mark.parametrize(("before", "after"), [(3, 1), (1, 3), (2, 2)])
def test_the_page_says_what_the_scores_call_for(forms, before: int, after: int) -> None:
    results = _results(forms, before, after)
    totals = results["totals"]
    assert (totals["before"]["score"], totals["after"]["score"]) == (before, after)
    html = results_html(results)
    said = _paragraphs(html)
    want = [esc(n) for n in change_notes(after - before, totals["before"]["of"])]
    assert said[: len(want)] == want
    assert ("lost ground" in html) is (after < before)
