"""The bench's statistics: percentiles, spread, ratios and the interleaving loop (no timing asserted)."""

from __future__ import annotations

import pytest

from bench.report import Measure, fmt, table
from bench.stats import Summary, alternate, mad, median, paired_ratios, percentile, ratio


def test_median_of_odd_and_even_counts() -> None:
    assert median([3.0, 1.0, 2.0]) == 2.0
    assert median([4.0, 1.0, 3.0, 2.0]) == 2.5
    assert median([7.0]) == 7.0


def test_percentiles_interpolate_linearly_like_numpy() -> None:
    samples = [1.0, 2.0, 3.0, 4.0, 5.0]
    assert percentile(samples, 0) == 1.0
    assert percentile(samples, 25) == 2.0
    assert percentile(samples, 75) == 4.0
    assert percentile(samples, 100) == 5.0
    assert percentile([10.0, 20.0], 95) == pytest.approx(19.5)


@pytest.mark.parametrize("bad", [-1, 101])
def test_percentile_outside_0_to_100_is_refused(bad: float) -> None:
    with pytest.raises(ValueError):
        percentile([1.0], bad)


def test_no_samples_is_refused() -> None:
    with pytest.raises(ValueError):
        median([])


def test_mad_ignores_one_outlier() -> None:
    assert mad([1.0, 2.0, 3.0, 4.0, 100.0]) == 1.0


def test_summary_holds_median_quartiles_and_extremes() -> None:
    s = Summary.of([5.0, 1.0, 3.0, 2.0, 4.0])
    assert (s.n, s.median, s.p25, s.p75, s.min, s.max, s.mad) == (5, 3.0, 2.0, 4.0, 1.0, 5.0, 1.0)
    assert s.p95 == pytest.approx(4.8)


def test_ratio_is_median_over_floor_median() -> None:
    assert ratio(Summary.of([3.0, 3.0, 9.0]), Summary.of([1.0, 2.0, 100.0])) == 1.5
    with pytest.raises(ValueError):
        ratio(Summary.of([1.0]), Summary.of([0.0]))


def test_paired_ratios_need_as_many_floors_as_samples() -> None:
    assert paired_ratios([2.0, 6.0], [1.0, 3.0]) == [2.0, 2.0]
    with pytest.raises(ValueError):
        paired_ratios([1.0], [1.0, 2.0])


def test_alternate_interleaves_after_unrecorded_warmup() -> None:
    calls: list[str] = []

    def a() -> float:
        calls.append("A")
        return float(len(calls))

    def b() -> float:
        calls.append("B")
        return 0.5

    values, floors = alternate(a, b, rounds=2, warmup=1)
    assert calls == ["A", "B", "A", "B", "A", "B"]
    assert values == [3.0, 5.0] and floors == [0.5, 0.5]


def test_measure_meets_a_ratio_target_or_a_median_target() -> None:
    by_ratio = Measure(1, "x", "s", "floor", samples=[3.0], floor_samples=[2.0], max_ratio=1.5)
    assert by_ratio.ratio == 1.5 and by_ratio.met is True
    by_median = Measure(4, "y", "ms", "floor", samples=[0.120, 0.130], floor_samples=[0.05], max_median=0.1)
    assert by_median.met is False
    no_target = Measure(6, "z", "ms", "floor", samples=[0.001], floor_samples=[0.001])
    assert no_target.met is None and no_target.target == "—"
    failed = Measure(2, "w", "s", "", error="boom")
    assert failed.met is None


def test_table_has_the_agreed_columns_and_one_row_per_measure() -> None:
    rows = table([Measure(2, "import | course", "ms", "floor", samples=[0.2], floor_samples=[0.4], max_ratio=1.2)])
    lines = rows.splitlines()
    assert lines[0] == "| # | Measure | Value (median, spread) | Floor | Ratio | Target | Met? |"
    assert len(lines) == 3 and "0.50×" in lines[2] and "yes" in lines[2]
    assert lines[2].count("|") == 8  # a "|" inside a cell is replaced, not taken for a column


def test_durations_show_three_significant_digits() -> None:
    assert fmt(1.23456, "s") == "1.23 s"
    assert fmt(0.0456, "ms") == "45.6 ms"
    assert fmt(0.1234, "ms") == "123 ms"
