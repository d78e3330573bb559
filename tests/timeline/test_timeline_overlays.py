"""Overlays: the learner's ratings, the class, the hypothetical held frame, a highlight.

Missing, partial or garbage ratings never raise: the plot shows what is usable and says why.
"""

from __future__ import annotations

import dataclasses
import math
import statistics

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course.timeline import HELD_FRAME_LABEL, plot_timeline
from course.timeline.data import build_data, class_overlay, learner_overlay, normalize_ratings
from course.timeline.draw import legend_labels


def _rated(content):
    return [e for e in content.events if e.ratings is not None]


def test_learner_line_is_dashed_and_holds_their_values(fixture_content, lines):
    rated = _rated(fixture_content)
    mine = {e.id: -e.rating("transference") for e in rated}
    result = plot_timeline(content=fixture_content, learner=mine)
    line = lines(result, "learner:")["learner:transference"]
    assert line.get_linestyle() == "--" and line.get_marker() == "s"
    assert list(line.get_xdata()) == [e.when.day_number for e in rated]
    assert list(line.get_ydata()) == [mine[e.id] for e in rated]
    assert result.messages == []
    assert "Your ratings" in legend_labels(result.figure)


def test_partial_ratings_plot_what_exists_and_say_how_many(fixture_content, lines):
    keys = [e.id for e in fixture_content.events if e.key]
    mine = {eid: 1 for eid in keys[:4]} | {"first-session": 2}  # a non-key event is plotted too
    result = plot_timeline(content=fixture_content, learner=mine)
    assert len(lines(result, "learner:")["learner:transference"].get_xdata()) == 5
    assert (
        "You have rated 4 of the 10 key events (transference); rate the rest in the rating exercise." in result.messages
    )


def test_all_key_events_rated_is_complete(fixture_content):
    mine = {e.id: 0 for e in fixture_content.events if e.key}
    assert plot_timeline(content=fixture_content, learner=mine).messages == []


def test_nested_ratings_for_several_dimensions(fixture_content, lines):
    ids = [e.id for e in _rated(fixture_content)]
    result = plot_timeline(
        content=fixture_content,
        learner={"alliance": {ids[0]: 2, ids[1]: 3}, "stance": {ids[0]: -1}, "mood": {ids[0]: 1}},
    )
    drawn = lines(result, "learner:")
    assert set(drawn) == {"learner:alliance", "learner:stance"}
    assert list(drawn["learner:alliance"].get_ydata()) == [2, 3]
    assert any("'mood'" in m for m in result.messages)


GARBAGE = {
    "bogus-event": 1,
    "refusal": "high",
    "first-session": 9,
    "fee-waived": float("nan"),
    5: 2,
    "feels-understood": True,
    "dee-arrives": None,
    "fee-agreement": -3,
    "core-issue-surfaces": 2.5,
}


def test_garbage_values_are_ignored_with_messages(fixture_content, lines):
    result = plot_timeline(content=fixture_content, learner=GARBAGE)
    line = lines(result, "learner:")["learner:transference"]
    assert list(line.get_ydata()) == [2.5, -3]  # story order: core-issue-surfaces, fee-agreement
    text = " ".join(result.messages)
    assert "'bogus-event'" in text and "'5'" in text
    assert "not numbers" in text and "'refusal'" in text and "'feels-understood'" in text
    assert "outside \u22123 to +3" in text and "'first-session'" in text
    assert "You have rated 2 of the 10 key events" in text


@pytest.mark.parametrize("learner", [{}, [], "transference", 42, {"nothing": "here"}, {"transference": {}}])
def test_no_usable_ratings_draws_no_line_and_explains(fixture_content, lines, learner):
    result = plot_timeline(content=fixture_content, learner=learner)
    assert not lines(result, "learner:")
    assert result.messages
    assert any("not rated any events yet" in m or "expected a mapping" in m for m in result.messages)


def test_no_learner_means_no_line_and_no_message(plain, lines):
    assert not lines(plain, "learner:") and plain.messages == []


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(
        st.none(),
        st.integers(),
        st.text(),
        st.lists(st.integers()),
        st.dictionaries(
            st.one_of(st.text(), st.integers(), st.sampled_from(["refusal", "fee-waived"])),
            st.one_of(
                st.none(),
                st.booleans(),
                st.integers(),
                st.floats(),
                st.text(),
                st.dictionaries(st.text(), st.integers()),
            ),
        ),
    )
)
def test_any_learner_input_never_raises(fixture_content, raw):
    data = build_data(fixture_content)
    points, messages = learner_overlay(raw, data)
    for dim, pts in points.items():
        for event_id, day, value in pts:
            assert data.days[event_id] == day and -3 <= value <= 3 and math.isfinite(value)
    assert all(isinstance(m, str) for m in messages)


def test_class_overlay_median_and_band(fixture_content, lines):
    ids = [e.id for e in _rated(fixture_content)]
    klass = [{ids[0]: v, ids[1]: -v} for v in (-2, 0, 1, 1, 3)] + [None, "junk", {"unknown": 1}]
    result = plot_timeline(content=fixture_content, class_ratings=klass)
    median = lines(result, "class-median:")["class-median:transference"]
    assert list(median.get_xdata()) == [fixture_content.event(i).when.day_number for i in ids[:2]]
    assert list(median.get_ydata()) == [1, -1]
    band = [c for c in result.axes["transference"].collections if c.get_gid() == "class-iqr:transference"]
    assert band and median.get_linestyle() == "-."
    assert any("Left out 3 class entries" in m for m in result.messages)
    legend = legend_labels(result.figure)
    assert "Class median (5 learners)" in legend and "Class: middle half (quartiles)" in legend


@pytest.mark.parametrize("klass", [[], "junk", {"refusal": 1}, [None, 3]])
def test_class_overlay_without_usable_entries_explains(fixture_content, lines, klass):
    result = plot_timeline(content=fixture_content, class_ratings=klass)
    assert not lines(result, "class-median:") and result.messages


def test_class_overlay_is_a_pure_function_with_inclusive_quartiles():
    ratings = [{"a": 1, "b": 3}, {"a": 2}, {"a": 3, "b": -1}, {"a": "x", "b": 99}, {"transference": {"a": 0}}]
    overlay = class_overlay(ratings)
    a = overlay.stats["transference"]["a"]
    q1, med, q3 = statistics.quantiles([0, 1, 2, 3], n=4, method="inclusive")
    assert (a.n, a.q1, a.median, a.q3) == (4, q1, med, q3)
    assert overlay.stats["transference"]["b"].n == 2
    assert list(overlay.stats["transference"]) == ["a", "b"]  # first-seen order
    assert overlay.n_learners == 4 and len(overlay.messages) == 2  # {"a": "x", "b": 99} has nothing usable
    ordered = class_overlay(ratings, events=["b", "a"], min_learners=3)
    assert list(ordered.stats["transference"]) == ["a"]
    single = class_overlay([{"a": 2}])
    assert single.stats["transference"]["a"].median == 2


def test_class_overlay_nested_dimensions():
    overlay = class_overlay(
        [{"alliance": {"x": 1}}, {"alliance": {"x": 3}}, {"stance": {"x": -2}}], dimensions=["alliance", "stance"]
    )
    assert overlay.stats["alliance"]["x"].median == 2
    assert overlay.stats["stance"]["x"].n == 1


def test_held_frame_overlay_is_drawn_and_labelled_hypothetical(content, full, lines):
    hf = content.held_frame
    assert hf is not None
    line = lines(full, "held-frame:")["held-frame:transference"]
    label = line.get_label()
    assert label.lower().startswith("hypothetical") and "holds the frame" in label
    assert label in legend_labels(full.figure)
    assert line.get_linestyle() == ":" and line.get_marker() == "D"
    expected = [(content.event(r.event).when.day_number, r.transference) for r in hf.ratings]
    drawn = list(zip(line.get_xdata(), line.get_ydata()))
    assert drawn[-len(expected) :] == expected  # after the branch point, if any
    assert "hypothetical" in full.alt_text.lower()


def test_held_frame_branches_off_the_case(fixture_content, content, full):
    path = full.data.overlays["held_frame"]["transference"]
    first_id, _, first_value = path[0]
    assert first_value == content.event(first_id).rating("transference")  # starts on the case's line


def test_missing_held_frame_is_a_message_not_an_error(fixture_content, lines):
    no_frame = dataclasses.replace(fixture_content, held_frame=None)
    result = plot_timeline(content=no_frame, held_frame=True)
    assert not lines(result, "held-frame:")
    assert any("held-frame" in m for m in result.messages)


def test_default_label_when_data_title_is_not_marked_hypothetical(fixture_content, lines):
    hf = fixture_content.held_frame.model_copy(update={"title": "Susan keeps the fee"})
    result = plot_timeline(content=dataclasses.replace(fixture_content, held_frame=hf), held_frame=True)
    assert lines(result, "held-frame:")["held-frame:alliance"].get_label() == "Hypothetical: Susan keeps the fee"
    assert HELD_FRAME_LABEL.startswith("Hypothetical")


def test_highlight_marks_the_event(content, full, lines):
    eid = full.data.overlays["highlight"]
    day = content.event(eid).when.day_number
    marks = [ln for ax in full.figure.axes for ln in ax.get_lines() if ln.get_gid() == "highlight"]
    assert len(marks) == len(full.data.series) and all(list(ln.get_xdata()) == [day, day] for ln in marks)
    ring = lines(full, "highlight-marker:")["highlight-marker:transference"]
    assert list(ring.get_ydata()) == [content.event(eid).rating("transference")]


def test_unknown_highlight_and_dimension_are_messages(fixture_content, lines):
    result = plot_timeline(content=fixture_content, highlight="nope", dimensions=["transference", "mood"])
    assert any("'nope'" in m for m in result.messages) and any("mood" in m for m in result.messages)
    assert set(result.data.series) == {"transference"}
    assert set(lines(result, "case:")) == {"case:transference"}
    odd = plot_timeline(content=fixture_content, highlight=["refusal"], dimensions=7)
    assert set(odd.data.series) == {"transference", "alliance", "stance"} and len(odd.messages) == 2


def test_normalize_ratings_reports_each_kind_once():
    clean, messages = normalize_ratings(
        {"a": 1, "b": 7, "c": "x", "zz": 1}, {"transference": ["a", "b", "c"]}, dimensions=["transference"]
    )
    assert clean == {"transference": {"a": 1.0}}
    assert len(messages) == 3


@pytest.mark.parametrize("n_learners", [3, 30])
def test_class_band_with_a_small_and_a_large_class(real_content, n_learners):
    """The band and median hold the class's quartiles, stay wide enough to read, and no number covers them."""
    import math
    import random

    from course.timeline.draw import KEY_SIZE

    rnd = random.Random(n_learners)
    keys = [e.id for e in real_content.events if e.key]
    klass = [
        {k: max(-3, min(3, real_content.event(k).rating("transference") + rnd.choice((-2, -1, 0, 1, 2)))) for k in keys}
        for _ in range(n_learners)
    ]
    result = plot_timeline(content=real_content, class_ratings=klass, dimensions=["transference"])
    result.figure.canvas.draw()
    overlay = result.data.overlays["class"]
    stats = overlay.stats["transference"]
    assert overlay.n_learners == n_learners and list(stats) == keys
    assert all(q.n == n_learners for q in stats.values())
    ax = result.axes["transference"]
    band = next(c for c in ax.collections if c.get_gid() == "class-iqr:transference")
    outline = {tuple(v) for v in band.get_paths()[0].vertices.round(6)}
    for event_id, q in stats.items():
        day = result.data.days[event_id]
        assert (day, round(q.q1, 6)) in outline and (day, round(q.q3, 6)) in outline
    median = next(ln for ln in ax.get_lines() if ln.get_gid() == "class-median:transference")
    assert list(median.get_ydata()) == [q.median for q in stats.values()]
    assert f"Class median ({n_learners} learners)" in legend_labels(result.figure)
    extent = band.get_window_extent()
    assert extent.width >= 0.5 * ax.bbox.width  # the crisis weeks are wide: the band is not a sliver
    marks = median.get_transform().transform(list(zip(median.get_xdata(), median.get_ydata())))
    for t in ax.texts:
        if (t.get_gid() or "").startswith("key-label:"):
            centre = t.get_transform().transform(t.get_position())
            assert min(math.dist(centre, m) for m in marks) >= KEY_SIZE * result.figure.dpi / 2
