"""The "Share my answers with the seminar" button at the end of each chapter and in the start notebook.

Nothing is shared until the learner presses the button. Pressing it again replaces what was shared.
The reflections box starts unticked every time, so reflections go only with the submission it was
ticked for. "Show what I shared" and "Withdraw" act on what is in the exchange now.
"""

from __future__ import annotations

from html import escape
from typing import Any

from ..classroom import seminar
from ..classroom.exchange import ExchangeError
from ..exercises.lookup import load
from ..progress.errors import ProgressStoreError
from ..theme import WRAP
from .export_download import download_panel

SHARE = "Share my answers with the seminar"
WITHDRAW = "Withdraw what I shared"
SHOW = "Show what I shared"
REFLECTIONS = "Include my written reflections in this submission"


def _status(where: seminar.Place) -> tuple[str, bool]:
    """(HTML sentence about what is shared now, whether anything is shared)."""
    try:
        now = seminar.shared(where=where)
    except ExchangeError as exc:
        return f"<p role='status'>{escape(str(exc))}</p>", False
    if now is None:
        return (
            "<p role='status'>You have not shared anything with the seminar. Nothing leaves your "
            "progress file until you press the button.</p>"
        ), False
    return f"<p role='status'>{escape(now.sentence())} Pressing the button again replaces it.</p>", True


def exercise_title(exercise_id: str) -> str:
    """The exercise's title as the notebook shows it; its id when the course has no such exercise."""
    spec = load(exercise_id).spec
    return spec.title if spec is not None else exercise_id


def _details(where: seminar.Place) -> str:
    try:
        now = seminar.shared(where=where)
    except ExchangeError as exc:
        return f"<p>{escape(str(exc))}</p>"
    if now is None:
        return "<p>Nothing is shared.</p>"
    items = "".join(
        f"<li>{escape(exercise_title(e))}{' (completed)' if e in now.completed else ''}</li>" for e in now.exercises
    )
    refl = "included" if now.reflections_included else "not included"
    return (
        f"<p>{escape(now.sentence())} Your instructor sees it under a pseudonym, with no name; your "
        f"written reflections are {refl}.</p><ul>{items}</ul>"
    )


def share_with_seminar() -> Any:
    """The sharing panel, or, where the course is not running on the seminar hub (JupyterLab on one's own
    computer, the Voila app), the panel that downloads the learner's answers as a file."""
    import ipywidgets as w

    where = seminar.place()
    if where is None:
        return download_panel(SHARE)
    status = w.HTML()
    details = w.HTML()
    include = w.Checkbox(
        value=False,
        description=REFLECTIONS,
        indent=False,
        layout=w.Layout(width="auto"),  # the default width cuts the label off
        style={"description_width": "initial"},
    )
    include.add_class("course-share-reflections")
    share = w.Button(
        description=SHARE,
        button_style="primary",
        layout=w.Layout(width="auto"),
        tooltip="Copy your answers and ratings, under your pseudonym, to the seminar's folder",
    )
    show = w.Button(description=SHOW, layout=w.Layout(width="auto"))
    withdraw = w.Button(
        description=WITHDRAW, layout=w.Layout(width="auto"), tooltip="Remove what you shared from the seminar's folder"
    )

    def refresh(message: str = "") -> None:
        text, anything = _status(where)
        status.value = (f"<p role='status'><strong>{escape(message)}</strong></p>" if message else "") + text
        withdraw.disabled = show.disabled = not anything

    def on_share(_: Any) -> None:
        try:
            seminar.share(include_reflections=include.value, where=where)
        except (ExchangeError, ProgressStoreError, OSError) as exc:
            refresh(f"Not shared: {exc}")
            return
        include.value = False
        details.value = ""
        refresh("Shared.")

    def on_withdraw(_: Any) -> None:
        try:
            gone = seminar.withdraw(where=where)
        except ExchangeError as exc:
            refresh(f"Not withdrawn: {exc}")
            return
        details.value = ""
        refresh("Withdrawn: the seminar no longer has your answers." if gone else "There was nothing to withdraw.")

    def on_show(_: Any) -> None:
        details.value = _details(where)

    share.on_click(on_share)
    withdraw.on_click(on_withdraw)
    show.on_click(on_show)
    refresh()
    box = w.VBox(
        [
            w.HTML(f"<style>{WRAP.replace('{scope}', '.course-share')}</style><h3>{SHARE}</h3>"),
            status,
            include,
            w.HBox([share, show, withdraw]),
            details,
        ]
    )
    box.add_class("course-share")
    return box
