"""The class figure of the case-judgement test as HTML, with its honest caveat (class view and
``course class-summary``)."""

from __future__ import annotations

from html import escape

from .judgement_class import JudgementClass
from .judgement_stats import FEW, ORDER_NOTE, TOO_FEW, Figure, caveat, interval_note

HEAD = "<h3>The case-judgement test, before and after</h3>"


def _num(value: float | None, places: int = 1, sign: bool = False) -> str:
    if value is None:
        return "–"
    return f"{value:+.{places}f}" if sign else f"{value:.{places}f}"


def _interval(ci: tuple[float, float] | None, places: int = 1) -> str:
    return "–" if ci is None else f"{ci[0]:+.{places}f} to {ci[1]:+.{places}f}"


def figure_rows(fig: Figure) -> list[tuple[str, str, str]]:
    """(measure, value, key for tests) rows of the figure's table."""
    rows = [
        ("Learners with both sittings (n)", str(fig.n), "n"),
        ("Mean score before", _num(fig.mean_before), "mean-before"),
        ("Mean score after", _num(fig.mean_after), "mean-after"),
        ("Paired change, mean (after − before)", _num(fig.mean_change, sign=True), "change"),
        ("95% interval of the change", _interval(fig.change_ci), "change-ci"),
        ("Effect size d_z (mean change / SD of changes)", _num(fig.d_z, 2, sign=True), "d-z"),
        ("95% interval of d_z", _interval(fig.d_z_ci, 2), "d-z-ci"),
    ]
    for group in fig.orders:
        rows.append(
            (
                f"Mean change, {group.order} (n = {group.n})",
                _num(group.mean_change, sign=True),
                f"order-{group.order[0]}",
            )
        )
    rows += [
        ("Change averaged over the two orders (form-balanced)", _num(fig.balanced_change, sign=True), "balanced"),
        ("Mean score on form A", _num(fig.mean_form_a), "form-a"),
        ("Mean score on form B", _num(fig.mean_form_b), "form-b"),
    ]
    return rows


def judgement_html(found: JudgementClass | None, picture: str = "") -> str:
    """The section of the class view: the figure's table, the picture, and the caveat in plain words."""
    if found is None or not found.available:
        return (
            f"{HEAD}<p>This copy of the course has no scorable forms of the test (data/judgement/ with its keys), "
            "so nothing is scored here.</p>"
        )
    fig = found.figure
    notes = "".join(f"<li>{escape(n)}</li>" for n in found.notes)
    notes_html = f"<ul class='course-jt-notes'>{notes}</ul>" if notes else ""
    waiting = (
        f"<p>{found.one_sitting} more learner(s) shared one sitting only; they count once they share both.</p>"
        if found.one_sitting
        else ""
    )
    if fig is None or fig.n == 0:
        return f"{HEAD}<p>No learner has shared both sittings yet.</p>{waiting}{notes_html}"
    rows = "".join(
        f"<tr data-measure='{key}'><th scope='row'>{escape(label)}</th><td>{escape(value)}</td></tr>"
        for label, value, key in figure_rows(fig)
    )
    few = f"<p class='course-jt-few'><strong>{escape(TOO_FEW.format(few=FEW))}</strong></p>" if fig.few else ""
    interval = interval_note(fig.change_ci)
    interval_html = f"<p class='course-jt-interval'>{escape(interval)}</p>" if interval else ""
    return (
        f"<div class='course-jt-class' data-n='{fig.n}'>{HEAD}"
        f"<p class='course-jt-caveat'>{escape(caveat(fig.n))}</p>{few}{picture}"
        "<table class='course-jt-figure-table'><thead><tr><th scope='col'>Measure</th><th scope='col'>Value</th>"
        f"</tr></thead><tbody>{rows}</tbody></table>{interval_html}<p class='course-jt-order'>{escape(ORDER_NOTE)}</p>"
        f"{waiting}{notes_html}</div>"
    )
