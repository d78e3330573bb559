"""Pure geometry: label rows, one-row dodging, week ticks."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from course.timeline.layout import dodge, pack_rows, week_ticks


@given(st.lists(st.floats(min_value=0, max_value=10), max_size=25), st.floats(min_value=0.1, max_value=0.5))
def test_dodge_keeps_order_bounds_and_spacing(centers, width):
    centers = sorted(centers)
    placed = dodge(centers, width, 10.0, 0.05)
    if placed is None:
        assert len(centers) * (width + 0.05) - 0.05 > 10.0
        return
    assert len(placed) == len(centers)
    assert all(b - a >= width + 0.05 - 1e-9 for a, b in zip(placed, placed[1:]))
    assert all(width / 2 - 1e-9 <= x <= 10.0 - width / 2 + 1e-9 for x in placed)


def test_dodge_leaves_lone_labels_where_they_are():
    assert dodge([1.0, 5.0], 0.3, 10.0, 0.05) == [1.0, 5.0]
    a, b = dodge([5.0, 5.0], 0.3, 10.0, 0.05)
    assert abs((a + b) / 2 - 5.0) < 1e-9 and b - a > 0.3


@given(st.lists(st.tuples(st.floats(min_value=0, max_value=10), st.floats(min_value=0.2, max_value=3)), max_size=12))
def test_pack_rows_never_overlaps_within_a_row(items):
    candidates = [[(c - w / 2, c + w / 2), (c, c + w), (c - w, c)] for c, w in items]
    placed, rows = pack_rows(candidates, 10.0, 0.1)
    assert len(placed) == len(items) and (rows > 0) == bool(items)
    for (r1, a), (r2, b) in itertools.combinations(placed, 2):
        if r1 == r2:
            assert a[1] + 0.1 <= b[0] + 1e-9 or b[1] + 0.1 <= a[0] + 1e-9


def test_week_ticks_label_mondays_and_mark_session_days():
    major, labels, minor = week_ticks(-10, 200)
    assert major[0] % 7 == 0 and all(m % 7 == 0 for m in major)
    assert labels[major.index(0)] == "wk 1"
    assert 2 <= len(labels) <= 14
    assert all(d % 7 in (0, 2) for d in minor) and 0 in minor and 2 in minor
    _, early, _ = week_ticks(-220, -1)
    assert all(label.startswith("wk \u2212") or label == "wk 0" for label in early)
