"""The "Download my answers" panel: the learner's export file from a button, where there is no seminar hub.

It writes the same file as ``course export`` (and as the website's "Download my answers"): pseudonymous
unless the learner gives a name, reflections only when ticked. Nothing leaves the learner's computer: the
file is built in the kernel when the button is pressed and handed to the browser as a download link.
The command stays named for those who prefer a terminal, except in the app, which has no terminal.
"""

from __future__ import annotations

import base64
import json
from html import escape
from typing import Any

from ..classroom.export import contents, export_results
from ..delivery import audience
from ..progress import current
from ..progress.errors import ProgressStoreError
from ..theme import WRAP

MAKE = "Download my answers"
NAME = "Your name"
NAME_NOTE = "Optional: without a name, the file carries only a pseudonym."
REFLECTIONS = "Include my written reflections"
INTRO = (
    "Sharing with the seminar works on your seminar's JupyterHub. Here, you can download your answers and "
    "ratings as a file, and send it to your instructor if you choose to. Nothing is sent anywhere by itself."
)
COMMAND = (
    "The same file from a terminal: <code>course export</code> in JupyterLab's terminal, or "
    "<code>.venv/bin/course export</code> in the course folder (<code>--help</code> lists its options)."
)
STYLE = "<style>" + WRAP.replace("{scope}", ".course-share") + "</style>"


def export_link(export: dict[str, Any]) -> tuple[str, str]:
    """(file name, HTML link that saves the export under that name) for an export from ``export_results``."""
    learner = export["payload"]["learner"]["id"]
    name = f"course-export-{learner}.json"
    data = (json.dumps(export, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    href = "data:application/json;base64," + base64.b64encode(data).decode("ascii")
    return name, f'<a class="course-download" download="{escape(name)}" href="{href}">Save {escape(name)}</a>'


def summary(export: dict[str, Any]) -> str:
    """What the file holds, in one sentence, as ``course export`` says it."""
    payload = export["payload"]
    who = payload["learner"].get("name")
    shown = f"your name ({who})" if who else f"the pseudonym {payload['learner']['id']}"
    return (
        f"{contents(payload, 'reflections' in payload)}, under {shown}. "
        "Send this file to your instructor only if you choose to."
    )


def download_panel(title: str) -> Any:
    """The panel under the heading ``title``: name, reflections, the button, and the command."""
    import ipywidgets as w

    name = w.Text(
        description=NAME,
        placeholder="optional",
        tooltip=NAME_NOTE,
        layout=w.Layout(width="auto", max_width="32em"),
        style={"description_width": "initial"},
    )
    include = w.Checkbox(value=False, description=REFLECTIONS, indent=False)
    make = w.Button(
        description=MAKE,
        button_style="primary",
        layout=w.Layout(width="auto"),
        tooltip="Write your answers and ratings into a file and offer it for download",
    )
    result = w.HTML()

    def on_make(_: Any) -> None:
        try:
            export = export_results(current(), name=name.value, include_reflections=include.value)
        except ProgressStoreError as exc:
            result.value = f"<p role='alert'>Your answers could not be written ({escape(str(exc))}).</p>"
            return
        file_name, link = export_link(export)
        result.value = (
            f"<p role='status'>Your file is ready: {link}. It holds {escape(summary(export))}</p>"
            f"<p class='course-muted'>Your browser saves it where it keeps downloads, as {escape(file_name)}.</p>"
        )

    make.on_click(on_make)
    box = w.VBox(
        [
            w.HTML(f"{STYLE}<h3>{escape(title)}</h3><p>{escape(INTRO)}</p>"),
            name,
            w.HTML(f"<p class='course-muted'>{escape(NAME_NOTE)}</p>"),
            include,
            w.HBox([make]),
            result,
            *([] if audience.current() == "app" else [w.HTML(f"<p class='course-muted'>{COMMAND}</p>")]),
        ]
    )
    box.add_class("course-share")
    return box
