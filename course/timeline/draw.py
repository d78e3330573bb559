"""Drawing the timeline with matplotlib's object API (``Figure``, Agg canvas; never pyplot).

Top to bottom: the phase names over coloured brackets (two rows at most), one panel per dimension
(the key events' numbers sit beside their points on the first one), the week axis and the legend.
The calendar comes from ``data.scale``: where it compresses the quiet weeks, the axis has a break
mark at each change of scale. A standalone figure (``standalone=True``: files and print) also has the
title above, and the numbered list of key events and the notes below; on screen those are HTML
around the picture (see ``course.timeline.plot``).

Sizes are in inches on a 13-inch-wide figure whose height follows its content. The rating labels, week
labels, tick marks and grid lines are plain artists rather than matplotlib's tick machinery, whose
Tick objects cost about a millisecond each to build and draw (a figure would need dozens). Every
artist a test needs carries a ``gid``.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

from .data import HELD_FRAME_LABEL, TimelineData, set_calendar, signed
from .layout import CalendarScale, pack_rows, place_beside, sample_line, text_width, week_of, week_ticks
from .text import caption_sentences

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from ..content import Content

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermilion": "#D55E00",
    "reddish purple": "#CC79A7",
}
# Each line differs in colour, line style AND marker, so it survives greyscale printing.
STYLES = {
    "case": dict(color=OKABE_ITO["blue"], linestyle="-", marker="o", linewidth=2.6, markersize=7),
    "learner": dict(color=OKABE_ITO["vermilion"], linestyle="--", marker="s", linewidth=2.2, markersize=7),
    "class": dict(color=OKABE_ITO["bluish green"], linestyle="-.", marker="^", linewidth=2.2, markersize=8),
    "held_frame": dict(color=OKABE_ITO["reddish purple"], linestyle=":", marker="D", linewidth=2.8, markersize=6),
}
PHASE_COLOURS = (OKABE_ITO["sky blue"], OKABE_ITO["orange"])
SCALE_ENDS = {
    "transference": ("negative", "neutral", "idealizing"),
    "alliance": ("ruptured", "", "strong"),
    "stance": ("too distant", "balanced", "too close"),
}
# Read when the figure is drawn, so the figure carries them (see ``course.timeline.figure``). Text
# without hinting draws about a fifth faster and is as legible at this size.
DRAW_RC = {"text.hinting": "no_hinting"}
# Vector files keep real text: SVG text stays text, PDF embeds the TrueType font (Type 42).
RC = {
    **DRAW_RC,
    "font.size": 13,
    "axes.labelsize": 13,
    "legend.fontsize": 12,
    "figure.titlesize": 17,
    "svg.hashsalt": "course-timeline",
    "svg.fonttype": "none",
    "pdf.fonttype": 42,
    "axes.prop_cycle": "cycler('color', ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'])",
}
DPI = 100
WIDTH, LEFT, RIGHT = 13.0, 2.1, 0.4
PANEL_H = {1: 2.5, 2: 2.1}  # inches per panel, by number of panels (1.9 for three)
PANEL_GAP, PHASE_ROW, LEGEND_ROW = 0.22, 0.36, 0.3
FS_PHASE, FS_KEY, FS_TICK, FS_LIST = 12, 11, 12, 12
YLIM = (-3.6, 3.6)
KEY_SIZE = 0.27  # diameter (inches) of the circle around a key event's number


def render(data: TimelineData, content: Content, standalone: bool = False) -> tuple[Figure, dict[str, Any]]:
    """Draw the whole figure; returns it with its panels by dimension name."""
    import matplotlib as mpl

    # import-time: matplotlib loads only when a timeline is drawn (course.timeline.data stays light)
    from .figure import TimelineCanvas, TimelineFigure

    scale = data.scale or set_calendar(data)
    with mpl.rc_context(RC):
        fig = TimelineFigure(figsize=(1, 1), dpi=DPI, settings=DRAW_RC)  # sized once its content is known
        TimelineCanvas(fig)
        renderer = fig.canvas.get_renderer()
        width = WIDTH - LEFT - RIGHT
        per_in = width / scale.width
        inch = lambda day: scale.units(max(day, scale.lo)) * per_in  # noqa: E731

        titles = [f"\u2190 {t}" if start < scale.lo else t for _, t, start, _ in data.phases]
        spans = [(inch(start), inch(end)) for _, _, start, end in data.phases]
        spots = None
        for size in (FS_PHASE, FS_PHASE - 1):
            widths = [text_width(renderer, DPI, t, size) + 0.1 for t in titles]
            spots = pack_rows(spans, widths, width, 0.15) or pack_rows(spans, widths, width, 0.15, max_rows=3)
            if spots is not None and max((r for r, _ in spots), default=0) < 2:
                break
        spots = spots or [(i, span) for i, span in enumerate(spans)]  # never in practice: one row each
        phase_rows = max((r for r, _ in spots), default=-1) + 1
        dims = list(data.series)
        panel_h = PANEL_H.get(len(dims), 1.9)
        entries = key_entries(data, content) if standalone else []
        list_rows = -(-len(entries) // 2)
        heights = {
            "title": 0.75 if standalone else 0.1,
            "phases": phase_rows * PHASE_ROW + 0.08,
            "panels": len(dims) * (panel_h + PANEL_GAP) - PANEL_GAP,
            "xaxis": 0.75,
            "legend": LEGEND_ROW * -(-_legend_count(data, content, dims[0]) // 3) + 0.25,
            "list": (0.45 + list_rows * 0.3) if entries else 0.0,
            "note": 0.3 + 0.22 * len(_note_lines(scale)) if standalone else 0.0,
        }
        total = sum(heights.values())
        fig.set_size_inches(WIDTH, total)
        y = total - heights["title"] - heights["phases"]
        axes: dict[str, Any] = {}
        bottoms: list[float] = []
        for d in dims:
            y -= panel_h
            axes[d] = ax = fig.add_axes((LEFT / WIDTH, y / total, width / WIDTH, panel_h / total))
            ax.set_xscale("function", functions=scale.functions())
            ax.set_xlim(scale.lo, scale.hi)
            ax.set_ylim(*YLIM)
            _draw_panel(ax, d, data, content, panel_h, last=d == dims[-1], inch=inch)
            bottoms.append(y)
            y -= PANEL_GAP
        _draw_breaks(fig, scale, inch, bottoms)
        first = axes[dims[0]]
        _draw_phase_strip(first, data, titles, spots, panel_h, lambda x_in: scale.day(x_in / per_in))
        _draw_key_numbers(first, data, dims[0], panel_h, width, inch, lambda x_in: scale.day(x_in / per_in))
        if data.overlays.get("highlight"):
            draw_highlight(axes, data, data.overlays["highlight"], label=True)
        y += PANEL_GAP - heights["xaxis"]
        _draw_legend(fig, *first.get_legend_handles_labels(), renderer, y, total)
        if standalone:
            _draw_standalone_text(fig, data, scale, entries, total, y - heights["legend"])
    return fig, axes


def key_entries(data: TimelineData, content: Content) -> list[str]:
    """'1  Jane asks to be friends (wk 14, Mon)' for each key event, in story order."""
    out = []
    for n, event_id in enumerate(data.annotated, 1):
        w = content.event(event_id).when
        out.append(f"{n}  {data.titles[event_id]} (wk {week_of(w.day_number)}, {w.day[:3]})")
    return out


def axis_label(data: TimelineData) -> str:
    """The time axis's label, saying how it is compressed."""
    scale = data.scale
    if scale is None or not scale.compressed:
        return data.labels["x"]
    return f"{data.labels['x']} ({scale.weeks_text(dash=chr(0x2013))} drawn {scale.factor}\u00d7 wider)"


def _legend_count(data: TimelineData, content: Content, dim: str) -> int:
    """How many entries the legend will have (its rows are sized before anything is drawn)."""
    ov = data.overlays
    between = any(content.event(p[0]).when.session is None for p in data.series[dim])
    return (
        1
        + between
        + 2 * bool(ov.get("class") and dim in ov["class"].stats)
        + bool(ov.get("held_frame") and ov["held_frame"].get(dim))
        + bool(ov.get("learner") and ov["learner"].get(dim))
        + bool(ov.get("highlight"))
    )


def _draw_legend(fig: Any, handles: list, labels: list[str], renderer: Any, top: float, total: float) -> None:
    """The legend under the panels: a short sample of each line or band and its label, three to a row.

    Drawn as plain figure artists; matplotlib's Legend takes about three times as long to build and
    draw for the same picture. ``top`` is in inches from the bottom of the figure.
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    if not labels:
        return
    sample, gap, between = 0.55, 0.12, 0.45  # inches
    cols = min(3, len(labels))
    widths = [sample + gap + text_width(renderer, DPI, label, FS_LIST) for label in labels]
    col_w = [max(widths[i] for i in range(c, len(labels), cols)) for c in range(cols)]
    left = (WIDTH - sum(col_w) - between * (cols - 1)) / 2
    to_fig = fig.dpi_scale_trans  # inches from the figure's bottom-left corner
    for i, (handle, label) in enumerate(zip(handles, labels)):
        row, col = divmod(i, cols)
        x = left + sum(col_w[:col]) + between * col
        y = top - 0.12 - (row + 0.5) * LEGEND_ROW
        if isinstance(handle, Line2D):
            artist = Line2D(
                [x, x + sample / 2, x + sample],
                [y, y, y],
                transform=to_fig,
                color=handle.get_color(),
                linestyle=handle.get_linestyle(),
                linewidth=handle.get_linewidth(),
                marker=handle.get_marker(),
                markevery=[1],
                markersize=handle.get_markersize(),
                markerfacecolor=handle.get_markerfacecolor(),
                markeredgecolor=handle.get_markeredgecolor(),
                markeredgewidth=handle.get_markeredgewidth(),
                gid=f"legend-sample:{i}",
            )
        else:  # the class band
            artist = Rectangle(
                (x, y - 0.08),
                sample,
                0.16,
                transform=to_fig,
                facecolor=handle.get_facecolor()[0],
                hatch=handle.get_hatch(),
                linewidth=0,
                gid=f"legend-sample:{i}",
            )
        fig.add_artist(artist)
        fig.text(x + sample + gap, y, label, transform=to_fig, va="center", fontsize=FS_LIST, gid=f"legend-label:{i}")


def legend_labels(fig: Any) -> list[str]:
    """The legend's labels, in order (for tests and descriptions)."""
    texts = [t for t in fig.texts if (t.get_gid() or "").startswith("legend-label:")]
    return [t.get_text() for t in sorted(texts, key=lambda t: int(t.get_gid().split(":")[1]))]


def _draw_standalone_text(
    fig: Any, data: TimelineData, scale: CalendarScale, entries: list[str], total: float, y: float
) -> None:
    """Title, numbered key events and notes, for a figure that stands on its own (files, print)."""
    fig.suptitle(data.labels["title"], y=1 - 0.2 / total, va="top", fontweight="bold")
    if entries:
        rows = -(-len(entries) // 2)
        fig.text(
            0.4 / WIDTH,
            (y - 0.1) / total,
            "Key events (numbered on the plot)",
            fontweight="bold",
            va="top",
            fontsize=FS_LIST,
            gid="key-list-heading",
        )
        for i, (event_id, text) in enumerate(zip(data.annotated, entries)):
            col, row = divmod(i, rows)
            x = (0.4 + col * (WIDTH - 0.8) / 2) / WIDTH
            fig.text(x, (y - 0.45 - row * 0.3) / total, text, va="top", fontsize=FS_LIST, gid=f"key-list:{event_id}")
    note = "\n".join(_note_lines(scale))
    fig.text(0.4 / WIDTH, 0.15 / total, note, fontsize=FS_LIST, fontstyle="italic", va="bottom", gid="note")


def _note_lines(scale: CalendarScale) -> list[str]:
    """The caption's sentences under a standalone figure, each wrapped to the figure's width."""
    return [line for sentence in caption_sentences(scale) for line in textwrap.wrap(sentence, 120)]


def _draw_phase_strip(ax: Any, data: TimelineData, titles: list[str], spots: list, panel_h: float, day_at: Any) -> None:
    """Each phase as a coloured bracket over its span (first to last event), its name just above.

    The brackets of each colour are one artist (a line broken by gaps), not one per phase.
    """
    trans = ax.get_xaxis_transform()  # x in days, y in the panel's height (1 = its top edge)
    lo = data.scale.lo  # type: ignore[union-attr]
    tick = 0.1 / panel_h
    rating = lambda y: YLIM[0] + y * (YLIM[1] - YLIM[0])  # noqa: E731  (panel height to rating units)
    brackets: dict[int, tuple[list[float], list[float]]] = {0: ([], []), 1: ([], [])}
    for i, ((phase_id, _, start, end), title, (row, (a, b))) in enumerate(zip(data.phases, titles, spots)):
        start, end = max(start, lo), max(end, lo)
        if end - start < 1:
            start, end = start - 0.5, end + 0.5
        base = 1 + (0.06 + row * PHASE_ROW) / panel_h
        xs, ys = brackets[i % 2]
        xs += [start, start, end, end, float("nan")]
        ys += [rating(base), rating(base + tick), rating(base + tick), rating(base), float("nan")]
        ax.text(
            day_at((a + b) / 2),
            base + tick + 0.03 / panel_h,
            title,
            transform=trans,
            ha="center",
            va="bottom",
            fontsize=FS_PHASE,
            gid=f"phase-label:{phase_id}",
        )
    for colour, (xs, ys) in brackets.items():
        ax.plot(
            xs,
            ys,
            color=PHASE_COLOURS[colour],
            linewidth=3,
            solid_capstyle="butt",
            clip_on=False,
            gid=f"phase-brackets:{colour}",
        )


def _draw_key_numbers(
    ax: Any, data: TimelineData, dim: str, panel_h: float, width: float, inch: Any, day_at: Any
) -> None:
    """Each key event's number in a circle beside its point on the first panel, clear of the lines.

    A number pushed further away than its neighbourhood allows gets a short leader to its point.
    """
    span = YLIM[1] - YLIM[0]
    y_in = lambda v: (v - YLIM[0]) / span * panel_h  # noqa: E731
    value = {p[0]: p[2] for p in data.series[dim]}
    lines = [data.series[dim]]
    lines += [ov[dim] for key in ("learner", "held_frame") if (ov := data.overlays.get(key)) and ov.get(dim)]
    if data.overlays.get("class") and dim in data.overlays["class"].stats:
        stats = data.overlays["class"].stats[dim]
        lines.append([(i, data.days[i], q.median) for i, q in stats.items()])
    obstacles = [xy for pts in lines for xy in sample_line([(inch(p[1]), y_in(p[2])) for p in pts])]
    keys = [e for e in data.annotated if e in value]
    points = [(inch(data.days[e]), y_in(value[e])) for e in keys]
    placed = place_beside(points, obstacles, KEY_SIZE, (0.0, width, 0.0, panel_h))
    xs, ys = [], []
    for event_id, ((cx, cy), far) in zip(keys, placed):
        x, y = day_at(cx), cy / panel_h * span + YLIM[0]
        xs.append(x)
        ys.append(y)
        if far:
            ax.plot(
                [data.days[event_id], x],
                [value[event_id], y],
                color=OKABE_ITO["black"],
                linewidth=0.9,
                zorder=8,
                gid=f"key-leader:{event_id}",
            )
        ax.text(
            x,
            y,
            str(data.annotated.index(event_id) + 1),
            ha="center",
            va="center_baseline",
            fontsize=FS_KEY,
            fontweight="bold",
            zorder=10,
            gid=f"key-label:{event_id}",
        )
    ax.plot(  # the circles: one artist for all of them
        xs,
        ys,
        linestyle="none",
        marker="o",
        markersize=KEY_SIZE * 72,
        markerfacecolor="white",
        markeredgecolor=OKABE_ITO["black"],
        markeredgewidth=1.1,
        zorder=9,
        gid="key-circles",
    )


def _tick_label(dim: str, value: int) -> str:
    neg, mid, pos = SCALE_ENDS.get(dim, ("", "", ""))
    word = {-3: neg, 0: mid, 3: pos}.get(value, "")
    return f"{signed(value)} {word}".strip()


def _draw_panel(ax: Any, dim: str, data: TimelineData, content: Content, panel_h: float, last: bool, inch: Any) -> None:
    """One dimension: phases shaded, key-event guides, the case and the overlays, its own axes."""
    from matplotlib.collections import PolyCollection

    spans, colours = [], []
    for i, (_, _, start, end) in enumerate(data.phases):
        if end - start < 2:
            start, end = start - 1, end + 1
        spans.append([(start, YLIM[0]), (end, YLIM[0]), (end, YLIM[1]), (start, YLIM[1])])
        colours.append(PHASE_COLOURS[i % 2])
    ax.add_collection(
        PolyCollection(spans, facecolors=colours, alpha=0.14, linewidths=0, zorder=0, gid=f"phases:{dim}"),
        autolim=False,
    )
    guides_x: list[float] = []
    for event_id in data.annotated:
        guides_x += [data.days[event_id], data.days[event_id], float("nan")]
    ax.plot(
        guides_x,
        [YLIM[0], YLIM[1], float("nan")] * len(data.annotated),
        color=OKABE_ITO["black"],
        linestyle=(0, (1, 3)),
        linewidth=0.9,
        alpha=0.5,
        zorder=1,
        gid=f"key-guides:{dim}",
    )
    pts = data.series[dim]
    ax.plot(
        [p[1] for p in pts],
        [p[2] for p in pts],
        **STYLES["case"],
        zorder=4,
        gid=f"case:{dim}",
        label="The case (teaching ratings)",
    )
    between = [p for p in pts if content.event(p[0]).when.session is None]
    if between:
        ax.plot(
            [p[1] for p in between],
            [p[2] for p in between],
            linestyle="none",
            marker="o",
            color=STYLES["case"]["color"],
            markerfacecolor="white",
            markeredgecolor=STYLES["case"]["color"],
            markeredgewidth=2,
            markersize=7,
            zorder=5,
            gid=f"case-between:{dim}",
            label="Open marker: between sessions",
        )
    _draw_overlays(ax, dim, data)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    _draw_rating_axis(ax, dim, data.labels[dim], panel_h)
    _draw_week_axis(ax, data, inch, labelled=last)


def _draw_overlays(ax: Any, dim: str, data: TimelineData) -> None:
    """The class band and median, the hypothetical held-frame path and the learner's own line."""
    ov = data.overlays
    if ov.get("class") and dim in ov["class"].stats:
        stats = ov["class"].stats[dim]
        xs = [data.days[i] for i in stats]
        ax.fill_between(
            xs,
            [q.q1 for q in stats.values()],
            [q.q3 for q in stats.values()],
            alpha=0.25,
            color=STYLES["class"]["color"],
            hatch="//",
            linewidth=0,
            zorder=2,
            gid=f"class-iqr:{dim}",
            label="Class: middle half (quartiles)",
        )
        ax.plot(
            xs,
            [q.median for q in stats.values()],
            **STYLES["class"],
            zorder=5,
            gid=f"class-median:{dim}",
            label=f"Class median ({ov['class'].n_learners} learners)",
        )
    if ov.get("held_frame") and ov["held_frame"].get(dim):
        pts = ov["held_frame"][dim]
        ax.plot(
            [p[1] for p in pts],
            [p[2] for p in pts],
            **STYLES["held_frame"],
            zorder=5,
            gid=f"held-frame:{dim}",
            label=data.labels.get("held_frame", HELD_FRAME_LABEL),
        )
    if ov.get("learner") and ov["learner"].get(dim):
        pts = ov["learner"][dim]
        ax.plot(
            [p[1] for p in pts],
            [p[2] for p in pts],
            **STYLES["learner"],
            zorder=6,
            gid=f"learner:{dim}",
            label="Your ratings",
        )


def _draw_rating_axis(ax: Any, dim: str, label: str, panel_h: float) -> None:
    """The −3 to +3 scale on the left: labels with their words, a faint grid line at each value and a
    darker one at zero (all the lines one artist)."""
    from matplotlib.collections import LineCollection
    from matplotlib.colors import to_rgba

    ax.set_yticks([])
    lo, hi = ax.get_xlim()
    values = list(range(-3, 4))
    black = OKABE_ITO["black"]
    ax.add_collection(
        LineCollection(
            [[(lo, v), (hi, v)] for v in values],
            colors=[to_rgba(black, 0.4 if v == 0 else 0.12) for v in values],
            linewidths=0.8,
            zorder=0.5,
            gid=f"rating-grid:{dim}",
        ),
        autolim=False,
    )
    trans = ax.get_yaxis_transform()  # x in the panel's width (0 = its left edge), y in ratings
    pad = 0.11 / (ax.get_position().width * ax.figure.get_figwidth())
    for v in values:
        ax.text(
            -pad,
            v,
            _tick_label(dim, v),
            transform=trans,
            ha="right",
            va="center_baseline",
            fontsize=FS_TICK,
            gid=f"rating-label:{dim}:{v}",
        )
    ax.set_ylabel(label, fontweight="bold")
    ax.yaxis.set_label_coords(-1.75 / (ax.get_position().width * ax.figure.get_figwidth()), 0.5)


def _draw_week_axis(ax: Any, data: TimelineData, inch: Any, labelled: bool) -> None:
    """On the bottom panel: the week labels, their ticks, small marks on the session days (Mondays and
    Wednesdays) and the axis label (the break marks are drawn for all panels at once, ``_draw_breaks``)."""
    from matplotlib.markers import TICKDOWN

    ax.set_xticks([])
    if not labelled:
        return
    weeks, labels, sessions = week_ticks(data.scale, inch)
    for days, size, gid in ((sessions, 3, "session-days"), (weeks, 7, "week-ticks")):
        ax.plot(  # marks on the bottom edge, in data coordinates (cheaper to add than in axes coordinates)
            days,
            [YLIM[0]] * len(days),
            linestyle="none",
            marker=TICKDOWN,
            markersize=size,
            markeredgewidth=0.8,
            color=OKABE_ITO["black"],
            clip_on=False,
            gid=gid,
        )
    trans = ax.get_xaxis_transform()  # x in days, y in the panel's height (0 = its bottom edge)
    height = ax.get_position().height * ax.figure.get_figheight()
    for day, text in zip(weeks, labels):
        ax.text(
            day, -0.1 / height, text, transform=trans, ha="center", va="top", fontsize=FS_TICK, gid=f"week-label:{text}"
        )
    ax.set_xlabel(axis_label(data))
    ax.xaxis.set_label_coords(0.5, -0.38 / height)


def _draw_breaks(fig: Any, scale: CalendarScale, inch: Any, bottoms: list[float]) -> None:
    """Where the scale changes, a white gap in each panel's bottom axis line with two slashes across it.

    All of them are two figure-level artists (in inches from the figure's corner), not two per panel.
    ``bottoms`` are the panels' bottom edges in inches.
    """
    from matplotlib.lines import Line2D

    gap_x, gap_y, slash_x, slash_y = [], [], [], []
    for day in scale.breaks():
        x = LEFT + inch(day)
        for y in bottoms:
            gap_x += [x - 0.05, x + 0.05, float("nan")]
            gap_y += [y, y, float("nan")]
            for dx in (-0.035, 0.035):
                slash_x += [x + dx - 0.025, x + dx + 0.025, float("nan")]
                slash_y += [y - 0.07, y + 0.07, float("nan")]
    if not gap_x:
        return
    to_fig = fig.dpi_scale_trans
    fig.add_artist(
        Line2D(
            gap_x,
            gap_y,
            transform=to_fig,
            color="white",
            linewidth=4,
            solid_capstyle="butt",
            zorder=9,
            gid="axis-break-gaps",
        )
    )
    fig.add_artist(
        Line2D(
            slash_x, slash_y, transform=to_fig, color=OKABE_ITO["black"], linewidth=1.3, zorder=10, gid="axis-breaks"
        )
    )


def draw_highlight(axes: dict[str, Any], data: TimelineData, event_id: str, label: bool = False) -> list[Any]:
    """Mark one event with a vertical line and rings on each series; returns the artists (removable).

    An event left of the visible window (early "before therapy") is marked at the left edge with
    an arrow and its week instead.
    """
    day = data.days[event_id]
    lo = data.scale.lo  # type: ignore[union-attr]
    off = day < lo
    x = lo + 0.5 if off else day
    style = dict(color=OKABE_ITO["black"], linewidth=2.5, alpha=0.8, linestyle="--" if off else "-")
    artists = []
    for n, dim in enumerate(data.series):
        ax = axes[dim]
        artists.append(
            ax.axvline(x, **style, zorder=3, gid="highlight", label="Selected event" if label and n == 0 else None)
        )
        value = next((p[2] for p in data.series[dim] if p[0] == event_id), None)
        if value is not None:
            artists += ax.plot(
                [day],
                [value],
                linestyle="none",
                marker="o",
                markersize=17,
                markerfacecolor="none",
                markeredgecolor=OKABE_ITO["black"],
                markeredgewidth=2.5,
                zorder=7,
                gid=f"highlight-marker:{dim}",
            )
    if off:
        first = axes[next(iter(data.series))]
        artists.append(
            first.text(
                x,
                2.9,
                f"  \u2190 wk {week_of(day)}",
                fontsize=12,
                fontweight="bold",
                va="center",
                ha="left",
                zorder=11,
                gid="highlight-offscreen",
            )
        )
    return artists
