"""What the timeline shows, read back from the data and from the drawn Line2D objects (not pixels)."""

from __future__ import annotations

import pytest

from course.content.models import PHASE_IDS
from course.timeline import plot_timeline
from course.timeline.data import AXIS_LABELS, DIMENSIONS

from .conftest import KEY_EVENTS, REAL_KEY_EVENTS


def test_events_in_story_order_on_their_calendar_day(content, plain):
    assert plain.data.events == [e.id for e in content.events]
    days = [plain.data.days[e] for e in plain.data.events]
    assert days == sorted(days)
    for e in content.events:
        assert plain.data.days[e.id] == e.when.day_number == (e.when.week - 1) * 7 + e.when.day_index


def test_series_hold_every_rated_event_with_its_rating(content, plain):
    for dim in DIMENSIONS:
        expected = [(e.id, e.when.day_number, float(e.rating(dim))) for e in content.events if e.ratings]
        assert plain.data.series[dim] == expected


def test_phase_boundaries_match_first_and_last_event_of_each_phase(content, plain):
    spans = {pid: (title, start, end) for pid, title, start, end in plain.data.phases}
    assert list(spans) == [p for p in PHASE_IDS if any(e.phase == p for e in content.events)]
    for phase in content.phases:
        days = [e.when.day_number for e in content.events if e.phase == phase.id]
        assert spans[phase.id] == (phase.title, min(days), max(days))
    # phases follow each other: each starts no earlier than the previous one ends
    bounds = [(s, e) for _, _, s, e in plain.data.phases]
    assert all(prev[1] <= nxt[0] for prev, nxt in zip(bounds, bounds[1:]))


def test_phase_shading_and_labels_drawn_for_every_phase(plain):
    ax_t = plain.axes["transference"]
    shading = next(c for c in ax_t.collections if c.get_gid() == "phases:transference")
    labels = {t.get_gid(): t.get_text() for t in ax_t.texts if (t.get_gid() or "").startswith("phase-label:")}
    assert len(shading.get_paths()) == len(plain.data.phases)
    for path, (pid, title, start, end) in zip(shading.get_paths(), plain.data.phases):
        xs = path.vertices[:, 0]
        assert xs.min() <= start and xs.max() >= end  # the shading covers the phase's first to last event
        assert title in labels[f"phase-label:{pid}"]


def test_annotated_events_are_exactly_the_key_events(content, plain):
    keys = [e.id for e in content.events if e.key]
    assert plain.data.annotated == keys and keys in (KEY_EVENTS, REAL_KEY_EVENTS)
    first = plain.axes["transference"]
    numbered = {t.get_gid(): t.get_text() for t in first.texts if (t.get_gid() or "").startswith("key-label:")}
    assert numbered == {f"key-label:{eid}": str(n) for n, eid in enumerate(keys, 1)}
    standalone = plain.standalone()
    listed = {t.get_gid() for t in standalone.texts if (t.get_gid() or "").startswith("key-list:")}
    assert listed == {f"key-list:{eid}" for eid in keys}


def test_real_data_has_the_eleven_named_key_events(real_content):
    assert [e.id for e in real_content.events if e.key] == REAL_KEY_EVENTS


def test_the_ending_gets_its_own_full_scale_stretch(real_content):
    """The key scenes of the ending are drawn at full scale too, not squeezed into the quiet weeks."""
    scale = plot_timeline(content=real_content).data.scale
    days = {e.id: e.when.day_number for e in real_content.events}
    assert len(scale.stretches()) == 2
    (a1, b1), (a2, b2) = scale.stretches()
    assert a1 <= days["friendship-request"] and days["fee-agreement"] < b1
    assert a2 <= days["left-for-someone-else"] < b2 and b1 < days["planning-the-ending"] < a2
    assert scale.units(b2) - scale.units(a2) == pytest.approx(b2 - a2)  # full scale: one unit a day
    assert "weeks 14 to 19 and 34 are drawn" in scale.describe()


def test_plotted_y_values_come_from_the_data(content, plain, lines):
    drawn = lines(plain, "case:")
    assert set(drawn) == {f"case:{d}" for d in DIMENSIONS}
    for dim in DIMENSIONS:
        line = drawn[f"case:{dim}"]
        rated = [e for e in content.events if e.ratings is not None]
        assert list(line.get_xdata()) == [e.when.day_number for e in rated]
        assert list(line.get_ydata()) == [e.rating(dim) for e in rated]


def test_between_session_events_drawn_with_open_markers(content, plain, lines):
    line = lines(plain, "case-between:transference")["case-between:transference"]
    between = [e for e in content.events if e.ratings is not None and e.when.session is None]
    assert list(line.get_xdata()) == [e.when.day_number for e in between]
    assert line.get_markerfacecolor() in ("white", "w", (1.0, 1.0, 1.0, 1.0))


def _labels(ax, prefix):
    return [t.get_text() for t in ax.texts if (t.get_gid() or "").startswith(prefix)]


def test_axis_labels_title_and_week_ticks(plain):
    for dim in DIMENSIONS:
        ax = plain.axes[dim]
        assert ax.get_ylabel() == AXIS_LABELS[dim] == plain.data.labels[dim]
        ticks = _labels(ax, f"rating-label:{dim}:")
        assert len(ticks) == 7 and ticks[0].startswith("\u22123") and ticks[-1].startswith("+3")
    assert "idealizing" in " ".join(_labels(plain.axes["transference"], "rating-label:"))
    assert "too close" in " ".join(_labels(plain.axes["stance"], "rating-label:"))
    bottom = plain.axes[DIMENSIONS[-1]]
    assert bottom.get_xlabel().startswith("Week of therapy")
    weeks = _labels(bottom, "week-label:")
    assert weeks and all(t.lstrip("\u2212").isdigit() for t in weeks)  # week numbers under "Week of therapy"
    assert not _labels(plain.axes[DIMENSIONS[0]], "week-label:")  # only the bottom panel is labelled
    assert plain.standalone()._suptitle.get_text() == plain.data.labels["title"]
    assert "Jane and Susan" in plain.data.labels["title"] and plain.data.labels["title"] in plain._repr_html_()


def test_window_starts_shortly_before_therapy_unless_full_calendar(content, plain):
    from course.timeline import plot_timeline

    first_rated = min(p[1] for p in plain.data.series["transference"])
    lo, hi = plain.data.window
    assert first_rated - 14 - 7 <= lo < first_rated
    assert hi > max(plain.data.days.values())
    full = plot_timeline(content=content, full_calendar=True)
    assert full.data.window[0] < min(full.data.days.values())


def test_note_is_visible(plain):
    notes = [t.get_text() for t in plain.standalone().texts if t.get_gid() == "note"]
    assert notes and "Illustrative teaching ratings, not measurements" in notes[0]
    assert "Illustrative teaching ratings, not measurements" in plain._repr_html_()
