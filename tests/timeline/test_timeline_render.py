"""Rendering: labels never overlap, every format saves, accessible HTML, palette and fonts."""

from __future__ import annotations

import itertools
import re

import pytest
from matplotlib.colors import to_hex

from course.timeline import OKABE_ITO, STYLES, plot_timeline, save_figure


def _boxes(result):
    """Rendered bounding boxes (pixels) of every label the layout placed, by gid."""
    fig = result.figure
    renderer = fig.canvas.get_renderer()
    boxes = {}
    for t in result.axes["phases"].texts:
        boxes[t.get_gid()] = t.get_window_extent(renderer)
    for t in result.axes["keys"].texts:
        if t.get_gid().startswith("key-label:"):
            t.update_bbox_position_size(renderer)
            boxes[t.get_gid()] = t.get_bbox_patch().get_window_extent(renderer)
    for t in fig.texts:
        if (t.get_gid() or "").startswith(("key-list", "note")):
            boxes[t.get_gid()] = t.get_window_extent(renderer)
    boxes["title"] = fig._suptitle.get_window_extent(renderer)
    boxes["legend"] = fig.legends[0].get_window_extent(renderer)
    bottom = result.axes[list(result.data.series)[-1]]
    boxes["x-axis"] = bottom.xaxis.get_tightbbox(renderer)
    return boxes


def test_label_bboxes_do_not_overlap_after_drawing(plain, full):
    for result in (plain, full):
        _assert_no_overlap(result)


def _assert_no_overlap(result):
    boxes = _boxes(result)
    assert sum(g.startswith("key-label:") for g in boxes) == 10
    assert sum(g.startswith("phase-label:") for g in boxes) == len(result.data.phases)
    clashes = [(a, b) for (a, ba), (b, bb) in itertools.combinations(boxes.items(), 2) if ba.overlaps(bb)]
    assert not clashes
    fig_box = result.figure.bbox
    for gid, box in boxes.items():
        assert box.x0 >= fig_box.x0 - 1 and box.x1 <= fig_box.x1 + 1, gid
        assert box.y0 >= fig_box.y0 - 1 and box.y1 <= fig_box.y1 + 1, gid


def test_key_labels_stay_in_story_order_left_to_right(plain):
    xs = [t.get_position()[0] for t in plain.axes["keys"].texts if t.get_gid().startswith("key-label:")]
    assert xs == sorted(xs)


def test_clustered_key_events_still_do_not_overlap(fixture_content):
    """Ten key events squeezed into one week of a long calendar."""
    import dataclasses

    events = list(fixture_content.events)
    keys = [i for i, e in enumerate(events) if e.key]
    base = events[keys[0]].when
    for n, i in enumerate(keys):
        when = base.model_copy(update={"day": ("Monday", "Tuesday", "Wednesday")[min(n // 4, 2)], "session": None})
        events[i] = events[i].model_copy(update={"when": when})
    squeezed = dataclasses.replace(fixture_content, events=sorted(events, key=lambda e: e.when.day_number))
    result = plot_timeline(content=squeezed)
    result.figure.canvas.draw()
    boxes = _boxes(result)
    assert not [(a, b) for (a, ba), (b, bb) in itertools.combinations(boxes.items(), 2) if ba.overlaps(bb)]


@pytest.mark.parametrize(
    "suffix,magic", [(".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF"), (".PNG", b"\x89PNG")]
)
def test_save_each_format(full, tmp_path, suffix, magic):
    path = full.save_figure(tmp_path / "out" / f"timeline{suffix}")
    assert path.read_bytes().startswith(magic)
    assert path.stat().st_size > 10_000


def test_svg_carries_the_alt_text_as_description(plain, tmp_path):
    text = save_figure(plain, tmp_path / "t.svg").read_text(encoding="utf-8")
    assert "Illustrative teaching ratings" in text


@pytest.mark.parametrize("name", ["timeline.jpg", "timeline", "timeline.png.txt"])
def test_other_suffixes_are_refused_with_a_clear_message(plain, tmp_path, name):
    with pytest.raises(ValueError, match=r"\.png, \.svg or \.pdf"):
        plain.save_figure(tmp_path / name)
    assert not (tmp_path / name).exists()


def test_html_repr_is_an_img_with_escaped_alt_and_a_table(full):
    page = full._repr_html_()
    assert re.search(r'<img src="data:image/png;base64,[A-Za-z0-9+/=]{1000,}" alt="[^"<>]+"', page)
    assert "<details><summary>Data table (screen-reader friendly)</summary><table" in page
    alt = re.search(r'alt="([^"]*)"', page).group(1)
    assert "&#x27;" in alt  # the quotes around event titles are escaped
    bundle = full._repr_mimebundle_()
    assert bundle["text/html"] == page and bundle["text/plain"] == full.alt_text
    for message in full.messages:
        assert message.replace("'", "&#x27;") in page


def test_table_lists_every_event_with_week_phase_and_values(content, full):
    table = full.table()
    assert table.count('<tr><th scope="row">') == len(content.events)
    first = next(e for e in content.events if e.ratings)
    assert f"Week {first.when.week}, {first.when.day}" in table
    assert content.phase(first.phase).title in table
    assert "Your rating (transference)" in table and "Class median (transference)" in table
    assert "Hypothetical held frame (transference)" in table


def test_table_escapes_titles():
    from course.timeline.data import TimelineData
    from course.timeline.text import table_html

    class _C:  # a minimal stand-in: one event whose title holds markup
        class _E:
            id = "x"
            title = "<b>bold</b> & co"
            phase = "idealization"

            class when:  # noqa: N801
                week, day, session = 1, "Monday", 1

        events = [_E]
        held_frame = None

        @staticmethod
        def phase(_):
            class P:
                title = "Idealization"

            return P

    data = TimelineData(
        series={"transference": [("x", 0, 1.0)]},
        events=["x"],
        phases=[],
        annotated=[],
        labels={"transference": "T", "title": "t"},
    )
    out = table_html(data, _C)
    assert "<b>" not in out and "&lt;b&gt;bold&lt;/b&gt; &amp; co" in out


def test_colours_are_okabe_ito_and_styles_differ(full):
    palette = {c.lower() for c in OKABE_ITO.values()}
    for ax in full.figure.axes:
        for line in ax.get_lines():
            assert to_hex(line.get_color()).lower() in palette, line.get_gid()
        for patch in ax.patches + ax.collections:
            face = patch.get_facecolor()
            face = face[0] if getattr(face, "ndim", 1) == 2 else face
            assert to_hex(face, keep_alpha=False).lower() in palette, patch.get_gid()
    kinds = ("case", "learner", "class", "held_frame")
    assert len({STYLES[k]["linestyle"] for k in kinds}) == 4
    assert len({STYLES[k]["marker"] for k in kinds}) == 4
    assert len({STYLES[k]["color"] for k in kinds}) == 4
    drawn = {ln.get_gid().split(":")[0]: ln for ln in full.axes["transference"].get_lines() if ln.get_gid()}
    styles = {
        k: (drawn[k].get_linestyle(), drawn[k].get_marker()) for k in ("case", "learner", "class-median", "held-frame")
    }
    assert len(set(styles.values())) == 4


def test_every_text_is_at_least_11_points(full):
    texts = list(full.figure.texts) + [full.figure._suptitle]
    for ax in full.figure.axes:
        texts += ax.texts + ax.get_xticklabels() + ax.get_yticklabels() + [ax.xaxis.label, ax.yaxis.label]
    for legend in full.figure.legends:
        texts += legend.get_texts()
    visible = [t for t in texts if t.get_text()]
    assert visible
    assert min(t.get_fontsize() for t in visible) >= 11


def test_figure_is_not_registered_with_pyplot(plain):
    import sys

    if "matplotlib.pyplot" in sys.modules:
        import matplotlib.pyplot as plt

        assert plain.figure not in [plt.figure(n) for n in plt.get_fignums()]
    assert type(plain.figure.canvas).__name__ == "FigureCanvasAgg"


def test_import_course_stays_light():
    import subprocess
    import sys

    code = (
        "import sys, course, course.timeline.data; "
        "heavy = [m for m in ('matplotlib', 'ipywidgets', 'numpy') if m in sys.modules]; "
        "print(heavy); sys.exit(1 if heavy else 0)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
