"""The class summary as one self-contained HTML page (inline CSS, figure embedded, no network)."""

from __future__ import annotations

import base64
import json
from datetime import datetime, timezone
from html import escape
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .summary import ClassReport

CSS = """body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
color:#1a1a1a;line-height:1.45}table{border-collapse:collapse;margin:1rem 0}
th,td{border:1px solid #bbb;padding:.3rem .6rem;text-align:left;vertical-align:top}
th{background:#f0f0f0}code{white-space:pre-wrap;word-break:break-word}.note{color:#444}
img{max-width:100%;height:auto}.refused{color:#8a2a00}"""


def _pct(part: int, rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.0%} ({part})"


def _answer(value: Any) -> str:
    return escape(json.dumps(value, ensure_ascii=False))


def _exercise_rows(report: ClassReport) -> list[str]:
    rows = []
    for st in report.exercises.values():
        note = f" <span class=note>({st.versions} versions)</span>" if st.versions > 1 else ""
        rows.append(
            f"<tr><td>{escape(st.exercise_id)}{note}</td><td>{st.learners}</td>"
            f"<td>{_pct(st.first_try_correct, st.rate(st.first_try_correct))}</td>"
            f"<td>{_pct(st.eventually_correct, st.rate(st.eventually_correct))}</td></tr>"
        )
    return rows


def _wrong_answers(report: ClassReport) -> list[str]:
    out = []
    for st in report.exercises.values():
        if not st.wrong_answers:
            continue
        out.append(
            f"<h3>{escape(st.exercise_id)}</h3><table><tr><th>Wrong answer</th>"
            "<th>Learners</th><th>Feedback they got</th></tr>"
        )
        for w in st.wrong_answers:
            out.append(
                f"<tr><td><code>{_answer(w.answer)}</code></td><td>{w.learners}</td><td>{escape(w.feedback)}</td></tr>"
            )
        out.append("</table>")
    return out or ["<p>No wrong answers were exported.</p>"]


def _ratings(report: ClassReport, labels: dict[str, str]) -> list[str]:
    if report.png_path is None:
        return ["<p>No ratings were exported.</p>"]
    data = base64.b64encode(report.png_path.read_bytes()).decode("ascii")
    out = [
        f'<img src="data:image/png;base64,{data}" alt="{escape(report.alt_text)}">',
        "<details><summary>The values behind the figure</summary><table><tr><th>Event</th>"
        "<th>Dimension</th><th>Learners</th><th>Median</th><th>Inter-quartile range</th></tr>",
    ]
    for event in report.events:
        for dim, by_event in report.ratings.items():
            if event in by_event:
                s = by_event[event]
                out.append(
                    f"<tr><td>{escape(labels.get(event, event))}</td><td>{escape(dim)}</td>"
                    f"<td>{s.n}</td><td>{s.median:g}</td><td>{s.q1:g} to {s.q3:g}</td></tr>"
                )
    out.append("</table></details>")
    return out


def render_html(report: ClassReport, labels: dict[str, str]) -> str:
    """The whole page: learners, correct rates, common wrong answers, ratings, refused exports."""
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    refused = [f"<li class=refused>{escape(r)}</li>" for r in report.refusals]
    parts = [
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8>",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Class summary</title><style>{CSS}</style></head><body>",
        "<h1>Class summary</h1>",
        f"<p>{report.learners} learner{'s' if report.learners != 1 else ''} · made {when}. "
        "Exports are pseudonymous; no names are shown here.</p>",
        "<h2>Correct answers per exercise</h2>",
        "<table><tr><th>Exercise</th><th>Learners who answered</th><th>Correct at first try</th>"
        "<th>Correct in the end</th></tr>",
        *_exercise_rows(report),
        "</table>",
        "<h2>Most common wrong answers</h2>",
        *_wrong_answers(report),
        "<h2>How the class rated the events</h2>",
        "<p class=note>Teaching ratings from -3 to 3, not measurements: a starting point for discussion.</p>",
        *_ratings(report, labels),
        report.judgement_html,
    ]
    if refused:
        parts += [f"<h2>Exports refused ({len(refused)})</h2><ul>", *refused, "</ul>"]
    parts.append("</body></html>\n")
    return "\n".join(parts)
