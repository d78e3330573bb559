"""The instructor's class view as a widget: read the exchange, show the class, refresh on request."""

from __future__ import annotations

import os
from html import escape
from pathlib import Path
from typing import Any

from ..classroom.class_view import load_class
from ..classroom.class_view_html import class_view_html
from ..classroom.exchange import ExchangeError
from ..classroom.item_analysis import SORTS
from ..classroom.judgement_class import return_results

NO_EXCHANGE = (
    "No seminar exchange is set. On the seminar hub, COURSE_EXCHANGE names it; elsewhere call "
    "course.class_view('/path/to/exchange')."
)


def class_view(exchange: str | Path | None = None) -> Any:
    """The class view widget; ``.data`` holds the numbers behind it, ``Refresh`` reads the exchange again."""
    import ipywidgets as w

    folder = exchange or os.environ.get("COURSE_EXCHANGE")
    if not folder:
        return w.HTML(f"<p>{escape(NO_EXCHANGE)}</p>")
    view = w.HTML()
    refresh = w.Button(description="Refresh", tooltip="Read the seminar exchange again")
    order = w.Dropdown(options=list(SORTS), value="flagged first", description="Item analysis:")
    order.style.description_width = "initial"
    give_back = w.Button(
        description="Return the case-judgement results",
        tooltip="Give each learner who shared both sittings their own results, item by item",
        layout=w.Layout(width="auto"),
    )
    returned = w.HTML()
    box = w.VBox([w.HBox([refresh, order, give_back]), returned, view])
    box.data = None

    def show(_: Any = None) -> None:
        if box.data is not None:
            view.value = class_view_html(box.data, order.value)

    def load(_: Any = None) -> None:
        try:
            box.data = load_class(folder)
        except ExchangeError as exc:
            box.data = None
            view.value = f"<p role='status'>{escape(str(exc))}</p>"
            return
        show()

    def give(_: Any = None) -> None:
        found = box.data.judgement if box.data is not None else None
        if found is None or not found.available:
            returned.value = "<p role='status'>There are no scorable case-judgement forms in this copy.</p>"
            return
        done, problems = return_results(Path(folder), found)
        lines = "".join(f"<li>{escape(p)}</li>" for p in problems)
        returned.value = (
            f"<p role='status'>Returned the results of {len(done)} learner(s) who shared both sittings.</p>"
            + (f"<p>Not returned:</p><ul>{lines}</ul>" if lines else "")
        )

    refresh.on_click(load)
    give_back.on_click(give)
    order.observe(show, names="value")
    load()
    return box
