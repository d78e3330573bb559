"""Check that a learner's setup can run the course: versions, and whether widgets can render."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from importlib import metadata

from ..content import check_content
from ..safe_html import esc
from ..theme import CSS

REQUIRED = {
    "jupyterlab": (4, 0),
    "ipywidgets": (8, 0),
    "jupyterlab_widgets": (3, 0),
    "matplotlib": (3, 7),
    "pydantic": (2, 5),
}


@dataclass
class Check:
    name: str
    found: str | None
    needed: str
    ok: bool


@dataclass
class EnvironmentReport:
    """What ``check_environment`` found; ``ok`` is True when the course can run."""

    checks: list[Check] = field(default_factory=list)
    content_ok: bool = True
    content_message: str = ""

    @property
    def ok(self) -> bool:
        return self.content_ok and all(c.ok for c in self.checks)

    @property
    def summary(self) -> str:
        if self.ok:
            return "Environment ready: every package the course needs is installed and the content is valid."
        missing = [c.name for c in self.checks if not c.ok]
        parts = [f"needs attention: {', '.join(missing)}"] if missing else []
        if not self.content_ok:
            parts.append(self.content_message)
        return "Environment not ready: " + "; ".join(parts) + ". Run `make lab` again from the course folder."

    def html(self) -> str:
        rows = "".join(
            f"<tr><td>{esc(c.name)}</td><td>{esc(c.found or 'not installed')}</td>"
            f"<td>{esc(c.needed)}</td><td>{'✓' if c.ok else '✗ needs attention'}</td></tr>"
            for c in self.checks
        )
        return (
            f"<p><strong>{esc(self.summary)}</strong></p>"
            "<table class='course-table'><thead><tr><th scope='col'>Package</th><th scope='col'>Installed</th>"
            f"<th scope='col'>Needed</th><th scope='col'>Status</th></tr></thead><tbody>{rows}</tbody></table>"
        )


def _version_tuple(text: str) -> tuple[int, ...]:
    out = []
    for part in text.split(".")[:2]:
        digits = "".join(ch for ch in part if ch.isdigit())
        out.append(int(digits) if digits else 0)
    return tuple(out)


def gather() -> EnvironmentReport:
    """Versions of Python and the packages the course needs, plus a content check."""
    report = EnvironmentReport()
    py = ".".join(map(str, sys.version_info[:3]))
    report.checks.append(Check("python", py, ">= 3.10", sys.version_info[:2] >= (3, 10)))
    for name, minimum in REQUIRED.items():
        try:
            found = metadata.version(name)
        except metadata.PackageNotFoundError:
            found = None
        needed = ">= " + ".".join(map(str, minimum))
        report.checks.append(Check(name, found, needed, found is not None and _version_tuple(found) >= minimum))
    problems = check_content()
    if problems:
        report.content_ok = False
        report.content_message = f"{len(problems)} problem(s) in data/ (run `make validate` to list them)"
    return report


def check_environment():
    """A widget showing the report and a live widget: if it shows, widgets render."""
    import ipywidgets as w

    report = gather()
    table = w.HTML(value=report.html())
    live = w.Valid(value=report.ok, description="Widgets render", readout="this box is a live widget")
    note = w.HTML(
        value="<p>If you can see a tick and the words <em>Widgets render</em> just above, "
        "interactive exercises will work in this browser.</p>"
    )
    box = w.VBox([w.HTML(CSS), table, live, note])
    box.report = report  # tests read the result without a browser
    return box
