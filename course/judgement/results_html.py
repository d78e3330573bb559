"""A learner's item-by-item results as HTML (from the JSON ``results.build_results`` makes)."""

from __future__ import annotations

from typing import Any

from ..safe_html import esc, inline, markdown
from .order import SITTINGS

OBJECTIVE_WORDS = {
    "crossing-or-violation": "Crossing or violation",
    "what-the-codes-require": "What the codes require",
    "noticing-transference": "Noticing transference and countertransference",
    "when-to-consult": "When to consult",
    "repair": "Repair",
}
VERDICT_WORDS = {
    "best": "the best response",
    "defensible": "defensible, but not the best",
    "other": "not the best response",
    "unanswered": "not answered",
}


READING = (
    "The two forms are parallel, not identical: each situation before has its counterpart after, on the same "
    "question of practice. With {of} situations, a score moves a few points by chance, tends to rise on a second "
    "sitting through practice, and shifts a little with the forms; together these can count for as much as the course. A first score "
    "that was unusually low or high for you tends to be followed by one nearer your usual level. The reasons "
    "matter more than the count."
)
FELL = (
    "A lower second score is not unusual and is not a sign that you have lost ground: look at the situations where "
    "your choice changed, and at their reasons."
)


def change_notes(change: int, of: int) -> list[str]:
    """What the results say under the totals of a form of ``of`` situations: the same reading whatever the size
    of the change, and a word more when the score fell. ``static/judgement.js`` (``changeNotes``) says the same."""
    reading = READING.format(of=of)
    return [reading, FELL] if change < 0 else [reading]


def _verdict(side: dict[str, Any]) -> str:
    chosen = side.get("chosen")
    if chosen is None:
        return "unanswered"
    if chosen == side.get("key"):
        return "best"
    return "defensible" if chosen in (side.get("defensible") or []) else "other"


def _side_html(name: str, side: dict[str, Any]) -> str:
    options = {o["id"]: o for o in side["options"]}
    chosen, key = side.get("chosen"), side["key"]
    verdict = _verdict(side)
    mine = options.get(chosen) if chosen else None
    best = options.get(key, {"text": key, "reason": ""})
    lines = [
        f"<p><strong>Your choice:</strong> {inline(mine['text']) if mine else 'none'} "
        f"<span class='course-jt-verdict' data-verdict='{verdict}'>({esc(VERDICT_WORDS[verdict])})</span></p>"
    ]
    if mine and mine.get("reason"):
        lines.append(f"<div class='course-jt-reason'>{markdown(mine['reason'])}</div>")
    if chosen != key:
        lines.append(f"<p><strong>The best response:</strong> {inline(best['text'])}</p>")
        if best.get("reason"):
            lines.append(f"<div class='course-jt-reason'>{markdown(best['reason'])}</div>")
    others = "".join(
        f"<li>{inline(o['text'])}"
        f"{' (defensible, but not the best)' if o['id'] in (side.get('defensible') or []) else ''}: "
        f"{inline(o['reason'])}</li>"
        for o in side["options"]
        if o["id"] not in (chosen, key)
    )
    more = f"<details><summary>The other options and why</summary><ul>{others}</ul></details>" if others else ""
    return (
        f"<section class='course-jt-side' data-sitting='{name}' data-item='{esc(side['item'])}' "
        f"data-score='{int(side.get('score') or 0)}'><h5>{name.capitalize()} (form {esc(side['form'])})</h5>"
        f"<details><summary>The situation</summary>{markdown(side['vignette'])}</details>"
        f"<p><em>{inline(side['question'])}</em></p>{''.join(lines)}{more}</section>"
    )


def results_html(results: dict[str, Any]) -> str:
    """The totals, then each pair of parallel items: before and after, the best response and the reasons."""
    totals = results["totals"]
    before, after = totals["before"], totals["after"]
    change = after["score"] - before["score"]
    moved = "the same" if change == 0 else f"{abs(change)} {'more' if change > 0 else 'fewer'}"
    head = (
        "<h4>Your case-judgement test, before and after</h4>"
        f"<p class='course-jt-totals' data-before='{before['score']}' data-after='{after['score']}'>"
        f"Before: <strong>{before['score']} of {before['of']}</strong> best responses (form {esc(before['form'])}). "
        f"After: <strong>{after['score']} of {after['of']}</strong> (form {esc(after['form'])}): {moved}.</p>"
        f"{''.join(f'<p>{esc(note)}</p>' for note in change_notes(change, before['of']))}"
    )
    rows = []
    for n, entry in enumerate(results["items"], start=1):
        label = OBJECTIVE_WORDS.get(str(entry.get("objective")), str(entry.get("objective")))
        sides = "".join(_side_html(name, entry[name]) for name in SITTINGS)
        rows.append(
            f"<div class='course-jt-pair' data-pair='{esc(entry.get('pair'))}'><h4>{n}. {esc(label)}</h4>{sides}</div>"
        )
    return f"<div class='course-jt-results'>{head}{''.join(rows)}</div>"
