"""Instructions that belong to one delivery and must not reach the readers of another.

Each pattern is an instruction only some deliveries can follow; ``FOREIGN[d]`` lists those that
delivery ``d`` must never show. Used by the tests that render every delivery.
"""

from __future__ import annotations

import re

NOTEBOOK_ONLY = {  # a notebook in JupyterLab (on the learner's computer or on the seminar hub)
    "keyboard shortcut to run a cell": re.compile(r"Shift\s*\+\s*Enter", re.I),
    "kernel menu": re.compile(r"Kernel\s*›|Restart Kernel", re.I),
    "run-all menu": re.compile(r"Run All Cells", re.I),
    "terminal command": re.compile(r"in a terminal", re.I),
    "running cells by hand": re.compile(r"\brun (the|this|the next) cell\b", re.I),
}
SITE_ONLY = {
    "the site's progress page": re.compile(r"progress\.html|Your progress\]\(progress"),
    "the website's own wording": re.compile(r"On this website", re.I),
}
APP_ONLY = {
    "the app's own wording": re.compile(r"In this app", re.I),
    "reloading the app's page": re.compile(r"reload this page", re.I),
}

FOREIGN = {
    "lab": {**SITE_ONLY, **APP_ONLY},
    "hub": {**SITE_ONLY, **APP_ONLY},
    "app": {**NOTEBOOK_ONLY, **SITE_ONLY},
    "site": {**NOTEBOOK_ONLY, **APP_ONLY},
}


def foreign_instructions(text: str, delivery: str) -> list[str]:
    """'what: "…context…"' for every instruction in ``text`` meant for a delivery other than ``delivery``."""
    found = []
    for what, pattern in FOREIGN[delivery].items():
        for match in pattern.finditer(text):
            start, end = max(0, match.start() - 60), match.end() + 60
            found.append(f'{what}: "…{" ".join(text[start:end].split())}…"')
    return found
