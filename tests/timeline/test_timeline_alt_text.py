"""The alt text is computed from the plotted data: it names the turn from idealizing to negative."""

from __future__ import annotations

from course.timeline.data import TimelineData
from course.timeline.text import alt_text


def _transference(content):
    return [(e, e.rating("transference")) for e in content.events if e.ratings is not None]


def test_alt_text_names_the_turn_from_idealizing_to_negative(content, plain):
    alt = plain.alt_text
    values = _transference(content)
    low = min(v for _, v in values)
    lowest = next(e for e, v in values if v == low)
    first_negative = next(e for e, v in values if v < 0)
    assert "idealizing (+3)" in alt
    assert f"turns negative at '{first_negative.title}'" in alt
    assert f"lowest \u2212{abs(low)} at '{lowest.title}'" in alt
    assert alt.index("idealizing") < alt.index("turns negative") < alt.index("recovers")
    end = values[-1][1]
    assert f"(+{end}) at '{values[-1][0].title}'" in alt


def test_alt_text_names_the_refusal_where_the_idealization_falls(real_content):
    from course.timeline import plot_timeline

    alt = plot_timeline(content=real_content).alt_text
    assert f"falls at '{real_content.event('refusal').title}'" in alt


def test_alt_text_covers_the_other_dimensions_and_the_note(plain):
    alt = plain.alt_text
    assert "working alliance ranges from" in alt and "Susan's stance ranges from" in alt
    assert "Illustrative teaching ratings, not measurements" in alt
    assert f"{len(plain.data.phases)} shaded phases" in alt


def test_alt_text_follows_the_data_not_a_script(fixture_content):
    """Change the numbers and the words change with them."""
    ids = [e.id for e in fixture_content.events]
    titles = {e.id: e.title for e in fixture_content.events}
    pts = [(ids[1], 0, 3.0), (ids[2], 3, 3.0), (ids[3], 6, 2.0), (ids[4], 9, 1.0)]
    data = TimelineData(
        series={"transference": pts},
        events=ids,
        phases=[("idealization", "Idealization", 0, 9)],
        annotated=[],
        labels={"transference": "Jane's transference"},
        titles=titles,
    )
    alt = alt_text(data, fixture_content)
    assert "is idealizing (+3) from the start" in alt
    assert "turns negative" not in alt
    assert f"lowest point is +1 at '{titles[ids[4]]}'" in alt
