"""Rendering: labels never overlap, every format saves, accessible HTML, palette and fonts."""

from __future__ import annotations

import html
import itertools
import math
import re

import pytest
from matplotlib.colors import to_hex

from course.timeline import OKABE_ITO, STYLES, plot_timeline, save_figure


def _boxes(result, figure=None):
    """Rendered bounding boxes (pixels) of every label in the figure, by gid.

    A key event's number counts with the circle around it.
    """
    fig = figure or result.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = {}
    for ax in fig.axes:
        for t in ax.texts:
            gid = t.get_gid() or ""
            if gid.startswith("key-label:"):
                boxes[gid] = _circle(t, fig)
            elif gid:
                boxes[gid] = t.get_window_extent(renderer)
        for axis in (ax.xaxis, ax.yaxis):
            if axis.label.get_text():
                boxes[f"axis-label:{axis.label.get_text()}"] = axis.label.get_window_extent(renderer)
    for t in fig.texts:
        if t.get_gid():
            boxes[t.get_gid()] = t.get_window_extent(renderer)
    if fig._suptitle is not None:
        boxes["title"] = fig._suptitle.get_window_extent(renderer)
    return boxes


def _circle(text, fig):
    """The box around a key event's circle, centred on its number."""
    from matplotlib.transforms import Bbox

    from course.timeline.draw import KEY_SIZE

    x, y = text.get_transform().transform(text.get_position())
    r = KEY_SIZE * fig.dpi / 2
    return Bbox([[x - r, y - r], [x + r, y + r]])


def _clashes(boxes):
    return [(a, b) for (a, ba), (b, bb) in itertools.combinations(boxes.items(), 2) if ba.overlaps(bb)]


def test_label_bboxes_do_not_overlap_after_drawing(plain, full):
    for result in (plain, full):
        _assert_no_overlap(result, _boxes(result))


def test_standalone_figure_labels_do_not_overlap_either(full):
    figure = full.standalone()
    boxes = _boxes(full, figure)
    assert {f"key-list:{e}" for e in full.data.annotated} <= set(boxes) and "title" in boxes and "note" in boxes
    _assert_no_overlap(full, boxes, figure)


def _assert_no_overlap(result, boxes, figure=None):
    assert sum(g.startswith("key-label:") for g in boxes) == len(result.data.annotated)
    assert sum(g.startswith("phase-label:") for g in boxes) == len(result.data.phases)
    assert sum(g.startswith("rating-label:") for g in boxes) == 7 * len(result.data.series)
    assert sum(g.startswith("week-label:") for g in boxes) >= 8
    assert not _clashes(boxes)
    fig_box = (figure or result.figure).bbox
    for gid, box in boxes.items():
        assert box.x0 >= fig_box.x0 - 1 and box.x1 <= fig_box.x1 + 1, gid
        assert box.y0 >= fig_box.y0 - 1 and box.y1 <= fig_box.y1 + 1, gid


def _display(ax, day, value):
    return ax.transData.transform((day, value))


def test_key_events_and_their_phases_span_at_least_half_the_width(real_content):
    """Measured in the drawn figure: from where the first key event's phase starts to the last key event."""
    result = plot_timeline(content=real_content)
    result.figure.canvas.draw()
    ax = result.axes["transference"]
    left, right = ax.bbox.x0, ax.bbox.x1
    keys = result.data.annotated
    values = {p[0]: p[2] for p in result.data.series["transference"]}
    xs = [_display(ax, result.data.days[e], values[e])[0] for e in keys]
    assert (xs[-1] - xs[0]) / (right - left) >= 0.5
    phase = {e.id: e.phase for e in real_content.events}[keys[0]]
    index = [p[0] for p in result.data.phases].index(phase)
    shading = next(c for c in ax.collections if c.get_gid() == "phases:transference")
    start = shading.get_paths()[index].vertices[:, 0].min()
    assert (xs[-1] - _display(ax, start, 0)[0]) / (right - left) >= 0.5


def test_the_calendar_stays_honest(real_content):
    """Compressed weeks are still in order, labelled with their real week, and the compression is stated."""
    result = plot_timeline(content=real_content)
    scale = result.data.scale
    assert scale.compressed and scale.factor > 1
    ax = result.axes["stance"]
    labels = {t.get_gid(): t for t in ax.texts if (t.get_gid() or "").startswith("week-label:")}
    days = [t.get_position()[0] for t in labels.values()]
    assert days == sorted(days) and all(d % 7 == 0 for d in days)
    for t in labels.values():
        assert t.get_text() == str(int(t.get_position()[0] // 7) + 1)
    # A break mark (two slashes) on every panel's axis line, at the day where the scale changes.
    slashes = next(a for a in result.figure.artists if a.get_gid() == "axis-breaks")
    points = slashes.get_transform().transform(list(zip(slashes.get_xdata(), slashes.get_ydata())))
    centres = [(a + b) / 2 for a, b in zip(points[0::3], points[1::3])]  # segments of two points, then a gap
    assert len(centres) == 2 * len(scale.breaks()) * len(result.axes)
    for panel in result.axes.values():
        for day in scale.breaks():
            x, y = panel.transData.transform((day, panel.get_ylim()[0]))
            near = [c for c in centres if abs(c[1] - y) < 8 and abs(c[0] - x) < 8]
            assert len(near) == 2, f"no break mark at day {day} on a panel"
    assert f"drawn {scale.factor}\u00d7 wider" in ax.get_xlabel()
    assert scale.describe() in result.alt_text and scale.describe() in result._repr_html_()


def test_numbers_sit_beside_their_points_without_long_leaders(plain, full):
    for result in (plain, full):
        ax = result.axes[next(iter(result.data.series))]
        values = {p[0]: p[2] for p in result.data.series[next(iter(result.data.series))]}
        inch = result.figure.dpi
        for t in ax.texts:
            gid = t.get_gid() or ""
            if gid.startswith("key-label:"):
                event_id = gid.split(":", 1)[1]
                point = _display(ax, result.data.days[event_id], values[event_id])
                centre = t.get_transform().transform(t.get_position())
                assert math.dist(point, centre) <= 0.75 * inch, f"number of {event_id} is far from its point"
        for line in ax.get_lines():
            if (line.get_gid() or "").startswith("key-leader:"):
                a, b = line.get_transform().transform(list(zip(line.get_xdata(), line.get_ydata())))
                assert math.dist(a, b) <= 0.75 * inch


def test_numbers_do_not_cover_the_lines_of_the_overlays(full):
    """The learner's line, the class median and the held-frame path stay visible around the numbers."""
    from course.timeline.draw import KEY_SIZE

    ax = full.axes["transference"]
    centres = [
        t.get_transform().transform(t.get_position()) for t in ax.texts if (t.get_gid() or "").startswith("key-label:")
    ]
    for prefix in ("learner:", "class-median:", "held-frame:", "case:"):
        line = next(ln for ln in ax.get_lines() if (ln.get_gid() or "").startswith(prefix))
        marks = line.get_transform().transform(list(zip(line.get_xdata(), line.get_ydata())))
        for centre in centres:
            assert min(math.dist(centre, m) for m in marks) >= KEY_SIZE * full.figure.dpi / 2, prefix


def test_clustered_key_events_still_do_not_overlap(fixture_content):
    """Ten key events squeezed into one week."""
    import dataclasses

    events = list(fixture_content.events)
    keys = [i for i, e in enumerate(events) if e.key]
    base = events[keys[0]].when
    for n, i in enumerate(keys):
        when = base.model_copy(update={"day": ("Monday", "Tuesday", "Wednesday")[min(n // 4, 2)], "session": None})
        events[i] = events[i].model_copy(update={"when": when})
    squeezed = dataclasses.replace(fixture_content, events=sorted(events, key=lambda e: e.when.day_number))
    result = plot_timeline(content=squeezed)
    assert not _clashes(_boxes(result))


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


def test_html_repr_names_the_key_events_and_the_notes_around_the_picture(full):
    """The title, the numbered key events and the notes are text around the picture, in reading order."""
    page = full._repr_html_()
    keys = re.search(r'<ol class="course-timeline-keys">(.*?)</ol>', page).group(1)
    items = re.findall(r"<li>(.*?)</li>", keys)
    assert len(items) == len(full.data.annotated)
    for item, event_id in zip(items, full.data.annotated):
        assert item.startswith(html.escape(full.data.titles[event_id], quote=True))
    order = [page.index(mark) for mark in ('class="course-timeline-title"', "<img", 'class="course-timeline-keys"')]
    assert order == sorted(order)
    assert "Illustrative teaching ratings, not measurements" in page and 'class="course-picture"' in page


def test_handouts_get_svg_where_it_is_smaller(full, monkeypatch):
    monkeypatch.setenv("COURSE_IMAGE_FORMAT", "svg-if-smaller")
    png, svg = full.png(), full.svg()
    img = full.image_html()
    expected = "svg+xml" if len(svg) < len(png) else "png"
    assert img.startswith(f'<img src="data:image/{expected};base64,')
    monkeypatch.delenv("COURSE_IMAGE_FORMAT")
    assert full.image_html().startswith('<img src="data:image/png;base64,')


def test_vector_files_keep_their_text(full, tmp_path):
    svg = full.save_figure(tmp_path / "t.svg").read_text(encoding="utf-8")
    assert "<text" in svg and "Key events (numbered on the plot)" in svg
    for _, title, _, _ in full.data.phases:
        assert html.escape(title, quote=False) in svg or title in svg
    pdf = full.save_figure(tmp_path / "t.pdf").read_bytes()
    assert b"/FontFile2" in pdf and b"/Subtype /Type3" not in pdf  # TrueType embedded, not glyph drawings


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
            if getattr(face, "ndim", 1) == 2 and not len(face):  # lines only (the rating grid): their colours
                face = patch.get_edgecolor()
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
    from matplotlib.text import Text

    for figure in (full.figure, full.standalone()):
        visible = [t for t in figure.findobj(Text) if t.get_text() and t.get_visible()]
        assert len(visible) > 40
        assert min(t.get_fontsize() for t in visible) >= 11


def test_figure_is_not_registered_with_pyplot(plain):
    import sys

    if "matplotlib.pyplot" in sys.modules:
        import matplotlib.pyplot as plt

        assert plain.figure not in [plt.figure(n) for n in plt.get_fignums()]
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    assert isinstance(plain.figure.canvas, FigureCanvasAgg)  # drawn off-screen, never a GUI window


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


def test_phase_names_fit_in_two_rows(plain, full):
    for result in (plain, full):
        ax = result.axes[next(iter(result.data.series))]
        rows = {round(t.get_position()[1], 6) for t in ax.texts if (t.get_gid() or "").startswith("phase-label:")}
        assert 1 <= len(rows) <= 2, f"phase names on {len(rows)} rows"


def test_png_is_rgb_when_opaque_and_keeps_its_description(plain, tmp_path):
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(plain.png()))
    assert image.mode == "RGB" and image.info.get("Description") == plain.alt_text
    assert image.size == tuple(round(v * plain.figure.dpi) for v in plain.figure.get_size_inches())
    path = tmp_path / "clear.png"
    plain.figure.savefig(path, transparent=True)  # a see-through background keeps its alpha channel
    assert Image.open(path).mode == "RGBA"
