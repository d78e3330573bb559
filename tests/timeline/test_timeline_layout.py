"""Pure geometry: the compressed calendar, week labels, phase rows and numbers beside their points."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from course.timeline.layout import (
    FACTORS,
    KEY_GAP,
    MIN_SHARE,
    CalendarScale,
    choose_scale,
    pack_rows,
    place_beside,
    week_ticks,
)

REAL_KEY_DAYS = [91, 91, 105, 107, 114, 115, 119, 119, 126, 128]  # weeks 14 to 19 of a 30-week case


@given(st.floats(min_value=-300, max_value=500), st.integers(min_value=2, max_value=20))
def test_units_and_days_are_inverse_and_increasing(day, factor):
    scale = CalendarScale(-20.0, 220.0, (91.0, 133.0), factor)
    assert scale.day(scale.units(day)) == pytest.approx(day, abs=1e-6)
    assert scale.units(day + 1) > scale.units(day)


def test_full_scale_days_are_factor_times_wider_than_quiet_ones():
    scale = CalendarScale(-20.0, 220.0, (91.0, 133.0), 8)
    assert scale.units(101) - scale.units(100) == pytest.approx(1.0)
    assert scale.units(51) - scale.units(50) == pytest.approx(1 / 8)
    assert scale.units(201) - scale.units(200) == pytest.approx(1 / 8)
    assert scale.units(-20) == 0 and scale.width == pytest.approx((111 + 87) / 8 + 42)
    assert scale.breaks() == [91.0, 133.0]
    assert CalendarScale(0.0, 10.0).breaks() == [] and not CalendarScale(0.0, 10.0).compressed


def test_key_events_of_a_long_calendar_get_at_least_the_minimum_share():
    scale = choose_scale(-17.0, 213.0, REAL_KEY_DAYS)
    assert scale.compressed and scale.share(91, 128) >= MIN_SHARE
    assert scale.focus == (91, 133)  # from the Monday of week 14 to the Monday after week 19
    smaller = [f for f in FACTORS if f < scale.factor]
    assert all(CalendarScale(-17.0, 213.0, scale.focus, f).share(91, 128) < MIN_SHARE for f in smaller)


def test_calendar_stays_plain_when_the_key_events_already_fill_it():
    assert not choose_scale(80.0, 140.0, REAL_KEY_DAYS).compressed
    assert not choose_scale(-17.0, 213.0, []).compressed
    assert not choose_scale(-17.0, 213.0, [100, 100]).compressed


@given(
    st.floats(min_value=-400, max_value=0),
    st.floats(min_value=30, max_value=700),
    st.lists(st.integers(min_value=0, max_value=200), min_size=2, max_size=12),
)
def test_chosen_scale_reaches_the_share_whenever_a_factor_can(lo, length, keys):
    hi = lo + length + 200
    keys = [k for k in keys if lo < k < hi]
    scale = choose_scale(lo, hi, keys)
    if len(set(keys)) < 2:
        assert not scale.compressed
        return
    first, last = min(keys), max(keys)
    best = CalendarScale(lo, hi, scale.focus, FACTORS[-1]) if scale.focus else scale
    if best.share(first, last) >= MIN_SHARE:
        assert scale.share(first, last) >= MIN_SHARE
    if scale.compressed:
        assert scale.focus[0] % 7 == 0 or scale.focus[0] == lo
        assert scale.focus[0] <= first and scale.focus[1] > last


ENDING_KEY_DAYS = REAL_KEY_DAYS + [217, 233]  # with two key scenes of the ending, weeks 32 and 34


@given(st.floats(min_value=-300, max_value=500), st.integers(min_value=2, max_value=20))
def test_two_stretches_keep_units_and_days_inverse_and_increasing(day, factor):
    scale = CalendarScale(-20.0, 320.0, (91.0, 133.0), factor, ((217.0, 238.0),))
    assert scale.day(scale.units(day)) == pytest.approx(day, abs=1e-6)
    assert scale.units(day + 1) > scale.units(day)
    assert scale.units(230) - scale.units(229) == pytest.approx(1.0)
    assert scale.units(180) - scale.units(179) == pytest.approx(1 / factor)
    assert scale.breaks() == [91.0, 133.0, 217.0, 238.0]


def test_key_events_far_apart_get_a_stretch_each_only_when_a_gap_is_given():
    one = choose_scale(-17.0, 310.0, ENDING_KEY_DAYS)
    assert one.more == () and (not one.compressed or one.focus == (91, 238))
    two = choose_scale(-17.0, 310.0, ENDING_KEY_DAYS, gap=KEY_GAP)
    assert two.stretches() == [(91, 133), (217, 238)]
    assert sum(two.share(a, b) for a, b in two.stretches()) >= MIN_SHARE
    smaller = [f for f in FACTORS if f < two.factor]
    for f in smaller:
        narrower = CalendarScale(-17.0, 310.0, (91, 133), f, ((217, 238),))
        assert sum(narrower.share(a, b) for a, b in narrower.stretches()) < MIN_SHARE
    assert choose_scale(-17.0, 213.0, REAL_KEY_DAYS, gap=KEY_GAP) == choose_scale(-17.0, 213.0, REAL_KEY_DAYS)


@given(st.lists(st.integers(min_value=0, max_value=400), min_size=2, max_size=12))
def test_with_a_gap_every_key_day_lies_in_a_full_scale_stretch(keys):
    scale = choose_scale(-20.0, 420.0, keys, gap=KEY_GAP)
    if scale.compressed:
        assert all(any(a <= k < b for a, b in scale.stretches()) for k in keys)
        edges = [d for stretch in scale.stretches() for d in stretch]
        assert edges == sorted(edges)


def test_describe_names_every_stretch():
    text = CalendarScale(-17.0, 310.0, (91.0, 133.0), 6, ((217.0, 238.0),)).describe()
    assert "weeks 14 to 19 and 32 to 34 are drawn 6 times wider than the weeks around them" in text


def test_describe_says_which_weeks_and_how_much():
    text = CalendarScale(-17.0, 213.0, (91.0, 133.0), 8).describe()
    assert "weeks 14 to 19 are drawn 8 times wider than the weeks before and after" in text
    assert "break marks" in text
    assert CalendarScale(-17.0, 213.0).describe() == ""


def test_week_labels_never_crowd_and_every_full_scale_week_is_labelled():
    scale = CalendarScale(-17.0, 213.0, (91.0, 133.0), 8)
    per_in = 10.5 / scale.width
    inch = lambda day: scale.units(day) * per_in  # noqa: E731
    days, labels, sessions = week_ticks(scale, inch, min_gap=0.55)
    assert all(d % 7 == 0 for d in days) and labels[days.index(91)] == "14"
    assert {str(w) for w in range(14, 21)} <= set(labels)
    assert "1" in labels
    assert all(inch(b) - inch(a) >= 0.55 - 1e-9 for a, b in zip(days, days[1:]))
    assert all(d % 7 in (0, 2) for d in sessions) and 0 in sessions and 2 in sessions


@given(
    st.lists(
        st.tuples(st.floats(min_value=0, max_value=10), st.floats(min_value=0, max_value=2), st.floats(0.3, 2.5)),
        max_size=10,
    )
)
def test_phase_rows_never_overlap_and_keep_each_name_over_its_span(items):
    items = sorted(items)
    spans = [(a, min(a + length, 10.0)) for a, length, _ in items]
    widths = [w for _, _, w in items]
    placed = pack_rows(spans, widths, 10.0, 0.15)
    if placed is None:
        return
    assert len(placed) == len(items) and all(r in (0, 1) for r, _ in placed)
    for (r1, a), (r2, b) in itertools.combinations(placed, 2):
        if r1 == r2:
            assert a[1] + 0.15 <= b[0] + 1e-9 or b[1] + 0.15 <= a[0] + 1e-9
    for (row, (x0, x1)), (a, b), w in zip(placed, spans, widths):
        assert -1e-9 <= x0 and x1 <= 10.0 + 1e-9 and x1 - x0 == pytest.approx(w)
        assert min(x1, b) - max(x0, a) >= min(w, b - a) / 3 - 1e-9


def test_two_rows_are_used_before_giving_up():
    spans = [(0.0, 1.0), (1.0, 1.2), (1.2, 2.0)]
    assert pack_rows(spans, [1.0, 1.5, 1.0], 10.0, 0.1) is not None
    assert pack_rows(spans, [3.0, 3.0, 3.0], 3.5, 0.1) is None


@given(
    st.lists(st.tuples(st.floats(min_value=0, max_value=10), st.floats(min_value=0, max_value=2)), max_size=12),
    st.lists(st.tuples(st.floats(min_value=0, max_value=10), st.floats(min_value=0, max_value=2)), max_size=40),
)
def test_numbers_beside_points_never_overlap_and_stay_inside(points, obstacles):
    placed = place_beside(points, obstacles, 0.27, (0.0, 10.0, 0.0, 2.0))
    assert len(placed) == len(points)
    for ((x, y), _), (px, py) in zip(placed, points):
        assert 0.135 - 1e-9 <= x <= 10 - 0.135 + 1e-9 and 0.135 - 1e-9 <= y <= 2 - 0.135 + 1e-9
    for (a, _), (b, _) in itertools.combinations(placed, 2):  # not even their bounding boxes touch
        assert max(abs(a[0] - b[0]), abs(a[1] - b[1])) >= 0.27


def test_a_number_goes_next_to_its_point_when_there_is_room():
    (((x, y), far),) = place_beside([(5.0, 1.0)], [(4.5, 1.0), (5.5, 1.0)], 0.27, (0.0, 10.0, 0.0, 2.0))
    assert not far and math.hypot(x - 5.0, y - 1.0) < 0.3 and y > 1.0  # above the flat line
