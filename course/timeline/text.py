"""Words for the timeline: alt text computed from the plotted data, and an HTML table fallback."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Mapping

from .data import NOTE, PHRASES, Point, TimelineData, _join, describe, signed

if TYPE_CHECKING:  # pragma: no cover
    from ..content import Content
    from .layout import CalendarScale


def _course_of_transference(pts: list[Point], data: TimelineData, phase_of: Mapping[str, str]) -> str:
    """The story of the transference line, computed from the points."""
    d = "transference"
    t = lambda i: f"'{data.titles[pts[i][0]]}'"  # noqa: E731
    vals = [p[2] for p in pts]
    peak = max(vals)
    ip = vals.index(peak)
    if ip == 0:
        parts = [f"Jane's transference is {describe(d, vals[0])} ({signed(vals[0])}) from the start"]
    else:
        parts = [
            f"Jane's transference starts {describe(d, vals[0])} ({signed(vals[0])}) and rises to "
            f"{describe(d, peak)} ({signed(peak)}) by {t(ip)}"
        ]
    negative = next((i for i in range(ip, len(vals)) if vals[i] < 0), None)
    if negative is None:
        low = min(vals)
        parts.append(f"its lowest point is {signed(low)} at {t(vals.index(low))}")
        return "; ".join(parts) + "."
    drop = next((i for i in range(ip + 1, len(vals)) if vals[i] < vals[i - 1]), None)
    low = min(vals[negative:])
    il = vals.index(low, negative)
    if drop is not None and drop < negative:
        parts.append(
            f"it falls at {t(drop)} ({signed(vals[drop - 1])} to {signed(vals[drop])}) and turns "
            f"negative at {t(negative)} ({signed(vals[negative])})"
        )
    else:
        parts.append(f"it turns negative at {t(negative)} ({signed(vals[negative])})")
    parts.append(f"lowest {signed(low)} at {t(il)}")
    text = ", ".join(parts[:1]) + "; " + ", ".join(parts[1:])
    end = vals[-1]
    if end > low:
        rise = next(i for i in range(il + 1, len(vals)) if vals[i] > vals[i - 1])
        phases = []
        for i in range(rise, len(vals)):
            title = phase_of.get(pts[i][0], "")
            if title and title not in phases:
                phases.append(title)
        text += f". It recovers during {_join(phases)}, ending {describe(d, end)} ({signed(end)}) at {t(len(vals) - 1)}"
    return text + "."


def _range_sentence(dim: str, pts: list[Point], data: TimelineData) -> str:
    vals = [p[2] for p in pts]
    lo, hi = min(vals), max(vals)
    ilo, ihi = vals.index(lo), vals.index(hi)
    name = PHRASES.get(dim, dim)
    name = name[:1].upper() + name[1:]
    return (
        f"{name} ranges from {signed(lo)} ({describe(dim, lo)}, at '{data.titles[pts[ilo][0]]}') to "
        f"{signed(hi)} ({describe(dim, hi)}, at '{data.titles[pts[ihi][0]]}') and ends at "
        f"{signed(vals[-1])} ({describe(dim, vals[-1])})."
    )


def alt_text(data: TimelineData, content: Content) -> str:
    """A description of the plot computed from its data, for the img alt attribute."""
    phase_of = {e.id: content.phase(e.phase).title for e in content.events}
    plotted = [d for d, pts in data.series.items() if pts]
    sentences = [
        f"Timeline plot: {_join([PHRASES.get(d, d) for d in plotted]) or 'no ratings'} across "
        f"{len(data.events)} events of the fictional case, in {len(data.phases)} shaded phases "
        f"({_join([p[1] for p in data.phases])}), on a scale from \u22123 to +3."
    ]
    for d in plotted:
        if d == "transference":
            sentences.append(_course_of_transference(data.series[d], data, phase_of))
        else:
            sentences.append(_range_sentence(d, data.series[d], data))
    if data.annotated:
        sentences.append(
            f"{len(data.annotated)} key events are numbered 1 to {len(data.annotated)} beside their points."
        )
    if data.scale is not None and data.scale.compressed:
        sentences.append(data.scale.describe())
    ov = data.overlays
    if ov.get("learner"):
        n = max(len(v) for v in ov["learner"].values())
        sentences.append(f"A dashed line shows your own ratings for {n} event{'s' if n != 1 else ''}.")
    if ov.get("class"):
        sentences.append(
            f"A dash-dot line and band show the class median and middle half of "
            f"{ov['class'].n_learners} learners' ratings."
        )
    if ov.get("held_frame"):
        sentences.append(
            "A dotted line shows a hypothetical path in which Susan holds the frame; it did not happen in the case."
        )
    if ov.get("highlight"):
        sentences.append(f"Selected event: '{data.titles[ov['highlight']]}'.")
    sentences.append(NOTE + ".")
    return " ".join(sentences)


def caption_sentences(scale: CalendarScale | None) -> list[str]:
    """The notes on the timeline, one sentence each: teaching ratings, a fictional case, and how the
    calendar is drawn (when it is compressed)."""
    sentences = [f"{NOTE}. Fictional case: Jane and Susan are not real people."]
    if scale is not None and scale.compressed:
        sentences.append(scale.describe())
    return sentences


def caption(data: TimelineData) -> str:
    """The notes under the picture, as one paragraph."""
    return " ".join(caption_sentences(data.scale))


def table_html(data: TimelineData, content: Content) -> str:
    """An HTML table of everything the plot shows (the screen-reader fallback)."""
    esc = html.escape
    key_no = {eid: n for n, eid in enumerate(data.annotated, 1)}
    values = {d: {p[0]: p[2] for p in pts} for d, pts in data.series.items()}
    cols: list[tuple[str, dict[str, str]]] = [
        (data.labels[d], {i: signed(v) for i, v in values[d].items()}) for d in data.series
    ]
    ov = data.overlays
    for d, pts in (ov.get("learner") or {}).items():
        cols.append((f"Your rating ({d})", {p[0]: signed(p[2]) for p in pts}))
    if ov.get("class"):
        for d, per_event in ov["class"].stats.items():
            if d in data.series:
                cols.append(
                    (
                        f"Class median ({d}) [quartiles]",
                        {
                            i: f"{signed(q.median)} [{signed(q.q1)} to {signed(q.q3)}], n={q.n}"
                            for i, q in per_event.items()
                        },
                    )
                )
    hypothetical = {r.event for r in content.held_frame.ratings} if content.held_frame else set()
    for d, pts in (ov.get("held_frame") or {}).items():
        cols.append((f"Hypothetical held frame ({d})", {p[0]: signed(p[2]) for p in pts if p[0] in hypothetical}))
    head = ["Key", "Event", "When", "Phase"] + [c[0] for c in cols]
    rows = []
    for e in content.events:
        if e.id not in data.events:
            continue
        when = f"Week {e.when.week}, {e.when.day}" + (
            f" (session {e.when.session})" if e.when.session else " (between sessions)"
        )
        note = getattr(e, "source_note", "")
        title = esc(e.title) + (f" <small>({esc(note)})</small>" if note else "")
        cells = [str(key_no.get(e.id, "")), title, esc(when), esc(content.phase(e.phase).title)]
        cells += [esc(c[1].get(e.id, "")) for c in cols]
        rows.append('<tr><th scope="row">' + cells[0] + "</th>" + "".join(f"<td>{c}</td>" for c in cells[1:]) + "</tr>")
    return (
        '<table class="course-timeline-table course-table"><caption>'
        + esc(data.labels.get("title", "Timeline"))
        + f" ({esc(NOTE.lower())}; \u22123 to +3)</caption><thead><tr>"
        + "".join(f'<th scope="col">{esc(h)}</th>' for h in head)
        + "</tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )
