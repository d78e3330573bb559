"""axe-core over parts of a JupyterLab page (bundled by axe-playwright-python): the findings that block.

Shared by the accessibility tests of the exercises (light theme) and of the dark theme.
"""

from __future__ import annotations

from typing import Any

import pytest

axe_playwright = pytest.importorskip(
    "axe_playwright_python.sync_playwright", reason="axe-playwright-python is not installed (pip install -e '.[test]')"
)

BLOCKING = ("critical", "serious")


def axe_findings(page: Any, selectors: list[str]) -> tuple[list[dict], int]:
    """Run axe-core on the elements matching ``selectors``: (serious or critical violations, rules passed)."""
    axe = axe_playwright.Axe()
    result = axe.run(
        page, context={"include": [[s] for s in selectors]}, options={"resultTypes": ["violations", "passes"]}
    )
    blocking = [v for v in result.response["violations"] if v.get("impact") in BLOCKING]
    return blocking, len(result.response["passes"])


def report(violations: list[dict]) -> str:
    """The violations, one paragraph each: rule, impact, where, and an example element."""
    lines = []
    for v in violations:
        targets = "; ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:4])
        lines.append(
            f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes): {v['help']}\n    targets: {targets}\n"
            f"    e.g. {v['nodes'][0]['html'][:200]}"
        )
    return "\n".join(lines)
