"""Run a notebook's learner copy the way a learner would, for the site's pages.

Every cell runs with nbclient against a fresh, empty progress store (nobody's answers leak in), with
the learner's inline plots; timelines come as SVG wherever that is smaller than their PNG. A failing cell stops the build with a message naming the notebook and the
cell, never a traceback.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path
from typing import Any

from ...timeline.plot import IMAGE_FORMAT_ENV
from ..audience import DELIVERY_ENV

TIMEOUT = 300  # seconds per cell


class SiteError(Exception):
    """The site could not be built; the message says where and why."""


def execute(nb: Any, cwd: Path, name: str, timeout: int = TIMEOUT) -> Any:
    """Run every cell of ``nb`` in ``cwd``; raise ``SiteError`` naming the failing cell."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    with tempfile.TemporaryDirectory(prefix="course-site-") as tmp:
        env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}  # the learner's inline plots
        env[DELIVERY_ENV] = "site"  # displays word their instructions for the site's reader
        env["COURSE_PROGRESS"] = str(Path(tmp) / "progress.sqlite3")
        env[IMAGE_FORMAT_ENV] = "svg-if-smaller"  # timelines as SVG where smaller: sharp in print, lighter
        client = NotebookClient(
            nb,
            timeout=timeout,
            kernel_name="python3",
            resources={"metadata": {"path": str(cwd)}},
            extra_arguments=["--IPKernelApp.log_level=ERROR"],  # no start-up chatter in the build log
        )
        try:
            _run(client, env)
        except CellExecutionError as exc:
            cell = next(
                (
                    i + 1
                    for i, c in enumerate(nb.cells)
                    if any(o.get("output_type") == "error" for o in c.get("outputs", []))
                ),
                "?",
            )
            summary = f"{getattr(exc, 'ename', type(exc).__name__)}: {getattr(exc, 'evalue', '')}".rstrip(": ")
            raise SiteError(
                f"{name}: cell {cell}: the cell failed when run ({summary}); "
                "run the notebook in JupyterLab to see the error"
            ) from None
    return nb


def _run(client: Any, env: dict[str, str]) -> None:
    """Run ``client`` in an event loop of its own, closed after (the site runs notebooks in worker threads,
    which would otherwise each leave one open), or in the running loop if there is one (inside a kernel)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(client.async_execute(env=env))
    else:
        client.execute(env=env)
