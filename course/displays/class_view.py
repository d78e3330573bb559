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
    box = w.VBox([w.HBox([refresh, order]), view])
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

    refresh.on_click(load)
    order.observe(show, names="value")
    load()
    return box
