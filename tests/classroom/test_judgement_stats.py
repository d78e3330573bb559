"""The class figure's numbers against scipy's own results, computed independently here, and against the
definition of the noncentral-t interval."""

from __future__ import annotations

import math

import pytest
from scipy import stats

from course.classroom.judgement_class import JudgementClass
from course.classroom.judgement_html import figure_rows, judgement_html
from course.classroom.judgement_stats import (
    FEW,
    LARGE,
    Paired,
    caveat,
    d_z_interval,
    figure,
    interval_note,
)

BEFORE = [5, 6, 4, 7, 5, 3, 6, 5, 8, 4, 6, 5]
AFTER = [7, 6, 8, 8, 5, 6, 9, 7, 8, 5, 7, 7]


def _pairs(before, after, first="A"):
    second = "B" if first == "A" else "A"
    return [Paired(b, a, first, second) for b, a in zip(before, after)]


def test_means_change_and_its_interval_match_scipys_paired_t_test() -> None:
    fig = figure(_pairs(BEFORE, AFTER))
    test = stats.ttest_rel(AFTER, BEFORE)
    ci = test.confidence_interval(0.95)
    assert fig.n == len(BEFORE)
    assert fig.mean_before == pytest.approx(sum(BEFORE) / len(BEFORE))
    assert fig.mean_after == pytest.approx(sum(AFTER) / len(AFTER))
    assert fig.mean_change == pytest.approx(sum(AFTER) / len(AFTER) - sum(BEFORE) / len(BEFORE))
    assert fig.change_ci == pytest.approx((ci.low, ci.high))
    assert fig.t == pytest.approx(test.statistic) and fig.p == pytest.approx(test.pvalue)
    # and the same interval by hand: mean difference +- t(0.975, n-1) * SE of the differences
    diffs = [a - b for a, b in zip(AFTER, BEFORE)]
    half = stats.t.ppf(0.975, len(diffs) - 1) * stats.sem(diffs)
    assert fig.change_ci == pytest.approx((fig.mean_change - half, fig.mean_change + half))


def test_d_z_is_t_over_root_n() -> None:
    fig = figure(_pairs(BEFORE, AFTER))
    t = stats.ttest_rel(AFTER, BEFORE).statistic
    assert fig.d_z == pytest.approx(t / math.sqrt(len(BEFORE)))
    diffs = [a - b for a, b in zip(AFTER, BEFORE)]
    assert fig.d_z == pytest.approx((sum(diffs) / len(diffs)) / stats.tstd(diffs))


@pytest.mark.parametrize(("t", "n"), [(2.5, 12), (-1.2, 8), (0.0, 20), (6.0, 30)])
def test_the_d_z_interval_inverts_the_noncentral_t(t: float, n: int) -> None:
    low, high = d_z_interval(t, n)
    df = n - 1
    # the observed t is the 97.5th percentile at the lower bound and the 2.5th at the upper
    assert stats.nct.cdf(t, df, low * math.sqrt(n)) == pytest.approx(0.975, abs=1e-7)
    assert stats.nct.cdf(t, df, high * math.sqrt(n)) == pytest.approx(0.025, abs=1e-7)
    assert low < t / math.sqrt(n) < high


def test_the_d_z_interval_is_close_to_the_large_sample_approximation() -> None:
    # for large n, d_z is roughly normal with SE sqrt(1/n + d^2 / (2n)) (Hedges & Olkin's approximation)
    n, d = 400, 0.5
    low, high = d_z_interval(d * math.sqrt(n), n)
    se = math.sqrt(1 / n + d * d / (2 * n))
    assert low == pytest.approx(d - 1.96 * se, abs=0.01) and high == pytest.approx(d + 1.96 * se, abs=0.01)


def test_the_form_order_check_separates_the_two_orders_and_the_two_forms() -> None:
    pairs = _pairs([5, 6, 4], [7, 8, 6], "A") + _pairs([6, 7], [6, 6], "B")
    fig = figure(pairs)
    a_then_b, b_then_a = fig.orders
    assert (a_then_b.order, a_then_b.n, a_then_b.mean_change) == ("A then B", 3, pytest.approx(2.0))
    assert (b_then_a.order, b_then_a.n, b_then_a.mean_change) == ("B then A", 2, pytest.approx(-0.5))
    assert fig.mean_form_a == pytest.approx((5 + 6 + 4 + 6 + 6) / 5)
    assert fig.mean_form_b == pytest.approx((7 + 8 + 6 + 6 + 7) / 5)


def test_no_interval_without_spread_or_with_one_learner() -> None:
    same = figure(_pairs([5, 6, 7], [6, 7, 8]))
    assert same.mean_change == 1 and same.change_ci is None and same.d_z is None and same.d_z_ci is None
    one = figure(_pairs([5], [8]))
    assert one.n == 1 and one.change_ci is None and one.few
    assert figure([]).mean_before is None


def test_small_classes_are_flagged_and_the_caveat_says_what_it_must() -> None:
    assert figure(_pairs(BEFORE[: FEW - 1], AFTER[: FEW - 1])).few
    assert not figure(_pairs(BEFORE, AFTER)).few
    for words in ("control group", "practice", "equated", "notice related material", "shared both sittings"):
        assert words in caveat(FEW) and words in caveat(LARGE)
    assert "the class is small" in caveat(LARGE - 1)
    assert "small" not in caveat(LARGE), "pooled cohorts are not called small"


def test_the_interval_sentence_follows_whether_the_interval_includes_zero() -> None:
    rise = figure(_pairs(BEFORE, AFTER))
    assert rise.change_ci is not None and rise.change_ci[0] > 0
    assert "excludes zero" in (interval_note(rise.change_ci) or "")
    mixed = figure(_pairs([5, 6, 4, 7, 5, 6], [6, 5, 5, 6, 6, 5]))
    assert mixed.change_ci is not None and mixed.change_ci[0] < 0 < mixed.change_ci[1]
    assert "includes zero" in (interval_note(mixed.change_ci) or "")
    fall = figure(_pairs(AFTER, BEFORE))
    assert fall.change_ci is not None and fall.change_ci[1] < 0
    assert "excludes zero" in (interval_note(fall.change_ci) or "")
    assert interval_note(figure(_pairs([5, 6], [6, 7])).change_ci) is None, "no spread, no interval, no sentence"


def test_the_form_balanced_change_is_the_mean_of_the_two_orders() -> None:
    pairs = _pairs([5, 6, 4, 6], [7, 8, 6, 8], "A") + _pairs([6, 7], [6, 6], "B")  # 4 then 2: unequal orders
    fig = figure(pairs)
    assert fig.mean_change == pytest.approx((2 * 4 - 1) / 6)
    assert fig.balanced_change == pytest.approx((2.0 + -0.5) / 2)
    assert dict((key, value) for _, value, key in figure_rows(fig))["balanced"] == "+0.8"
    assert figure(_pairs(BEFORE, AFTER)).balanced_change is None, "one order only: nothing to balance"


def test_the_class_view_says_what_the_interval_shows() -> None:
    pairs = _pairs(BEFORE, AFTER)
    fig = figure(pairs)
    html = judgement_html(JudgementClass(True, fig, pairs=pairs, of=12))
    assert "excludes zero" in html and "includes zero" not in html
    assert "may be harder" in html and "balanced" in html
