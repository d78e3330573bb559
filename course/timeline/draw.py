"""Drawing the timeline with matplotlib's object API (``Figure``, Agg canvas; never pyplot).

Layout, top to bottom: title, phase strip (labelled brackets), numbered key-event strip, one panel
per dimension sharing the x axis (days since the Monday of week 1, ticks by week), legend, the
numbered list of key events, and the teaching-ratings note. Sizes are in inches on a 13-inch-wide
figure whose height grows with the label rows. Every artist a test needs carries a ``gid``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .data import HELD_FRAME_LABEL, NOTE, TimelineData, signed
from .layout import dodge, pack_rows, text_width, week_ticks

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
RC = {
    "font.size": 13,
    "axes.labelsize": 13,
    "xtick.labelsize": 12,
    "ytick.labelsize": 12,
    "legend.fontsize": 12,
    "figure.titlesize": 17,
    "svg.hashsalt": "course-timeline",
    "axes.prop_cycle": "cycler('color', ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'])",
}
DPI = 100
WIDTH, LEFT, RIGHT = 13.0, 2.1, 0.4
PANEL_H, PANEL_GAP, PHASE_ROW, KEY_ROW, KEY_FAN = 1.75, 0.2, 0.34, 0.4, 0.4
FS_PHASE, FS_KEY, FS_LIST = 12, 11, 12
LEAD_IN = 14  # days shown before the first rated event (the rest of "before therapy" is summarised)


def window(data: TimelineData, full_calendar: bool) -> tuple[float, float]:
    """Visible x range in days: from shortly before therapy (or the first event) to the last event."""
    days = list(data.days.values())
    rated = [p[1] for pts in data.series.values() for p in pts]
    lo, hi = min(days), max(days)
    if rated and not full_calendar:
        lo = max(lo, min(rated) - LEAD_IN)
    pad = max(3.0, 0.02 * (hi - lo))
    return lo - pad, hi + pad


def render(data: TimelineData, content: Content, full_calendar: bool = False) -> tuple[Figure, dict[str, Any]]:
    """Draw the whole figure; returns it with its axes by name (phases, keys, one per dimension)."""
    import matplotlib as mpl
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with mpl.rc_context(RC):
        fig = Figure(figsize=(WIDTH, 10), dpi=DPI)
        FigureCanvasAgg(fig)
        renderer = fig.canvas.get_renderer()
        width = WIDTH - LEFT - RIGHT
        data.window = xlim = window(data, full_calendar)
        per_in = width / (xlim[1] - xlim[0])
        inch = lambda day: (max(day, xlim[0]) - xlim[0]) * per_in  # noqa: E731

        phase_titles, phase_opts = [], []
        for _, title, start, end in data.phases:
            if start < xlim[0]:
                title = f"\u2190 {title} (from wk {_week(start)})"
            phase_titles.append(title)
            w = text_width(renderer, DPI, title, FS_PHASE) + 0.12
            a, b = inch(start), inch(end)
            phase_opts.append([((a + b - w) / 2, (a + b + w) / 2), (a, a + w), (b - w, b)])
        phase_spots, phase_rows = pack_rows(phase_opts, width, 0.2)
        key_w = text_width(renderer, DPI, "10", FS_KEY, "bold") + 0.6 * FS_KEY / 72 + 0.06
        key_spots, key_rows = _key_rows([inch(data.days[e]) for e in data.annotated], key_w, width)
        entries = _key_entries(data, content)
        entry_w = max((text_width(renderer, DPI, t, FS_LIST) for t in entries), default=0)
        list_cols = 2 if entry_w <= (WIDTH - 0.8) / 2 - 0.3 else 1
        list_rows = -(-len(entries) // list_cols)

        heights = {
            "top": 0.75,
            "phases": phase_rows * PHASE_ROW + 0.1,
            "keys": key_rows * KEY_ROW + KEY_FAN,
            "panels": len(data.series) * (PANEL_H + PANEL_GAP) - PANEL_GAP,
            "xaxis": 0.85,
            "legend": 0.95,
            "list": (0.4 + list_rows * 0.3) if entries else 0,
            "note": 0.55,
        }
        total = sum(heights.values())
        fig.set_size_inches(WIDTH, total)
        frac = lambda x, y, w, h: [x / WIDTH, y / total, w / WIDTH, h / total]  # noqa: E731
        y = total - heights["top"]
        fig.suptitle(data.labels["title"], y=1 - 0.2 / total, va="top", fontweight="bold")
        axes: dict[str, Any] = {}
        y -= heights["phases"]
        axes["phases"] = ax_p = fig.add_axes(frac(LEFT, y, width, heights["phases"]))
        y -= heights["keys"]
        axes["keys"] = ax_k = fig.add_axes(frac(LEFT, y, width, heights["keys"]), sharex=ax_p)
        for ax, top in ((ax_p, max(phase_rows, 1)), (ax_k, heights["keys"])):
            ax.set_xlim(*xlim)
            ax.set_ylim(0, top)
            ax.set_axis_off()
        _draw_phase_strip(ax_p, data, phase_titles, phase_spots, per_in, xlim[0])
        _draw_key_strip(ax_k, data, key_spots, per_in, xlim[0])
        dims = list(data.series)
        for d in dims:
            y -= PANEL_H
            axes[d] = fig.add_axes(frac(LEFT, y, width, PANEL_H), sharex=ax_p)
            _draw_panel(axes[d], d, data, content, last=(d == dims[-1]))
            y -= PANEL_GAP
        y += PANEL_GAP - heights["xaxis"]
        if data.overlays.get("highlight"):
            draw_highlight(axes, data, data.overlays["highlight"], label=True)
        handles, labels = axes[dims[0]].get_legend_handles_labels()
        fig.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, y / total), ncol=3, frameon=False)
        y -= heights["legend"]
        if entries:
            fig.text(
                0.4 / WIDTH,
                (y - 0.1) / total,
                "Key events (numbered on the plot)",
                fontweight="bold",
                va="top",
                fontsize=FS_LIST,
                gid="key-list-heading",
            )
            col_w = (WIDTH - 0.8) / list_cols
            for i, (event_id, text) in enumerate(zip(data.annotated, entries)):
                col, row = divmod(i, list_rows)
                fig.text(
                    (0.4 + col * col_w) / WIDTH,
                    (y - 0.45 - row * 0.3) / total,
                    text,
                    va="top",
                    fontsize=FS_LIST,
                    gid=f"key-list:{event_id}",
                )
        fig.text(
            0.4 / WIDTH,
            0.2 / total,
            f"{NOTE}. Fictional case: Jane and Susan are not real people.",
            fontsize=12,
            fontstyle="italic",
            gid="note",
        )
    return fig, axes


def _week(day: float) -> str:
    week = int(day // 7) + 1
    return str(week) if week >= 0 else f"\u2212{-week}"


def _key_entries(data: TimelineData, content: Content) -> list[str]:
    out = []
    for n, event_id in enumerate(data.annotated, 1):
        w = content.event(event_id).when
        out.append(f"{n}  {data.titles[event_id]} (wk {_week(w.day_number)}, {w.day[:3]})")
    return out


def _key_rows(centers: list[float], key_w: float, width: float) -> tuple[list[tuple[int, float]], int]:
    """One row of numbered labels in story order (leaders never cross); more rows only if needed."""
    for rows in range(1, len(centers) + 1):
        placed = [dodge(centers[r::rows], key_w, width, 0.06) for r in range(rows)]
        if all(p is not None for p in placed):
            spots: list[tuple[int, float]] = [(0, 0.0)] * len(centers)
            for r, row in enumerate(placed):
                for k, x in enumerate(row or []):
                    spots[r + k * rows] = (r, x)
            return spots, rows
    return [], 0


def _draw_phase_strip(ax: Any, data: TimelineData, titles: list[str], spots: list, per_in: float, x0: float) -> None:
    """Each phase as a coloured bracket over its span (first to last event), its title just above."""
    for i, ((phase_id, _, start, end), title, (row, (a, b))) in enumerate(zip(data.phases, titles, spots)):
        start, end = max(start, x0), max(end, x0)
        ax.plot(
            [start, start, end, end],
            [row + 0.1, row + 0.25, row + 0.25, row + 0.1],
            color=PHASE_COLOURS[i % 2],
            linewidth=3,
            solid_capstyle="butt",
            gid=f"phase-bracket:{phase_id}",
        )
        ax.text(
            x0 + (a + b) / 2 / per_in,
            row + 0.62,
            title,
            ha="center",
            va="center",
            fontsize=FS_PHASE,
            gid=f"phase-label:{phase_id}",
        )


def _draw_key_strip(ax: Any, data: TimelineData, spots: list, per_in: float, x0: float) -> None:
    """Numbered circles above the panels, each joined to its event's day by a leader (y in inches)."""
    for n, (event_id, (row, at)) in enumerate(zip(data.annotated, spots), 1):
        x = x0 + at / per_in
        y = KEY_FAN + (row + 0.5) * KEY_ROW
        day = max(data.days[event_id], x0)
        ax.plot(
            [day, day, x],
            [0, 0.08, y],
            color=OKABE_ITO["black"],
            linewidth=0.9,
            alpha=0.6,
            zorder=2,
            gid=f"key-leader:{event_id}",
        )
        ax.text(
            x,
            y,
            str(n),
            ha="center",
            va="center",
            fontsize=FS_KEY,
            fontweight="bold",
            zorder=3,
            bbox=dict(boxstyle="circle,pad=0.3", facecolor="white", edgecolor=OKABE_ITO["black"], linewidth=1.2),
            gid=f"key-label:{event_id}",
        )


def _tick_label(dim: str, value: int) -> str:
    neg, mid, pos = SCALE_ENDS.get(dim, ("", "", ""))
    word = {-3: neg, 0: mid, 3: pos}.get(value, "")
    return f"{signed(value)} {word}".strip()


def _draw_panel(ax: Any, dim: str, data: TimelineData, content: Content, last: bool) -> None:
    from matplotlib.markers import TICKDOWN

    lo, hi = ax.get_xlim()
    for i, (phase_id, _, start, end) in enumerate(data.phases):
        if end - start < 2:
            start, end = start - 1, end + 1
        ax.axvspan(start, end, color=PHASE_COLOURS[i % 2], alpha=0.14, linewidth=0, zorder=0, gid=f"phase:{phase_id}")
    ax.axhline(0, color=OKABE_ITO["black"], linewidth=0.8, alpha=0.4, zorder=1)
    for event_id in data.annotated:
        ax.axvline(
            data.days[event_id],
            color=OKABE_ITO["black"],
            linestyle=(0, (1, 3)),
            linewidth=0.9,
            alpha=0.5,
            zorder=1,
            gid=f"key-guide:{event_id}",
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
    ov = data.overlays
    if ov.get("class") and dim in ov["class"].stats:
        stats = ov["class"].stats[dim]
        xs = [data.days[i] for i in stats]
        ax.fill_between(
            xs,
            [q.q1 for q in stats.values()],
            [q.q3 for q in stats.values()],
            alpha=0.2,
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
        pts_h = ov["held_frame"][dim]
        ax.plot(
            [p[1] for p in pts_h],
            [p[2] for p in pts_h],
            **STYLES["held_frame"],
            zorder=5,
            gid=f"held-frame:{dim}",
            label=data.labels.get("held_frame", HELD_FRAME_LABEL),
        )
    if ov.get("learner") and ov["learner"].get(dim):
        pts_l = ov["learner"][dim]
        ax.plot(
            [p[1] for p in pts_l],
            [p[2] for p in pts_l],
            **STYLES["learner"],
            zorder=6,
            gid=f"learner:{dim}",
            label="Your ratings",
        )
    ax.set_xlim(lo, hi)
    ax.set_ylim(-3.6, 3.6)
    ax.set_yticks(range(-3, 4), [_tick_label(dim, v) for v in range(-3, 4)])
    ax.set_ylabel(data.labels[dim], fontweight="bold")
    major, labels, minor = week_ticks(lo, hi)
    ax.set_xticks(major, labels if last else [""] * len(major))
    ax.tick_params(axis="x", which="major", length=7, labelbottom=last)
    # session days as small marks on the axis: one artist instead of dozens of minor ticks (much faster)
    ax.plot(
        minor,
        [0] * len(minor),
        transform=ax.get_xaxis_transform(),
        linestyle="none",
        marker=TICKDOWN,
        markersize=3,
        markeredgewidth=0.8,
        color="black",
        clip_on=False,
        gid="session-days",
    )
    ax.grid(axis="y", alpha=0.25)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if last:
        ax.set_xlabel(data.labels["x"])


def draw_highlight(axes: dict[str, Any], data: TimelineData, event_id: str, label: bool = False) -> list[Any]:
    """Mark one event with a vertical line and rings on each series; returns the artists (removable).

    An event left of the visible window (early "before therapy") is marked at the left edge with
    an arrow and its week instead.
    """
    day = data.days[event_id]
    lo = data.window[0]
    off = day < lo
    x = lo + 0.5 if off else day
    style = dict(color=OKABE_ITO["black"], linewidth=2.5, alpha=0.8, linestyle="--" if off else "-")
    artists = [axes["keys"].axvline(x, **style, gid="highlight")]
    if off:
        artists.append(
            axes["keys"].text(
                x + 1,
                0.2,
                f"\u2190 wk {_week(day)}",
                fontsize=12,
                fontweight="bold",
                va="bottom",
                gid="highlight-offscreen",
            )
        )
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
    return artists
