"""Handouts: each notebook executed and saved as one self-contained HTML file (``make html``).

For each notebook: cells tagged ``instructor`` or ``solution`` are removed, the rest is run with
nbclient against a fresh, empty progress store (nobody's answers leak in), and the result goes
through nbconvert's HTMLExporter into ``build/html/<notebook>.html``:

* no code is shown; plots stay, as images with their alt text;
* every exercise's widget is replaced by a static version of its spec (question, options, where
  to answer; never the answer, feedback or hints), looked up by the exercise id in the cell;
* other widgets become static snapshots of their saved state (see ``course.delivery.handouts.widget_snapshot``);
* nothing is loaded from the web: no MathJax, require.js or widget renderer from a CDN;
* links between notebooks point at the other handouts.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

from ...timeline.plot import IMAGE_FORMAT_ENV
from ..learner_copy import build_dir, course_notebooks, learner_copy, relink
from .exercise import exercise_html
from .widget_snapshot import CSS as SNAPSHOT_CSS
from .widget_snapshot import WIDGET_VIEW, Snapshot, widget_states

EXERCISE_CALL = re.compile(r"""\bexercise\(\s*["']([^"']+)["']""")
TIMEOUT = 300  # seconds per cell

_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block extra_css -%}<style>{{ resources.handout_css }}</style>{%- endblock extra_css -%}
"""

HANDOUT_CSS = """
.handout-exercise { border-left: 4px solid #5b7fa6; padding: 0.2em 0 0.6em 0.9em; margin: 0.6em 0;
  max-width: 56em; }
.handout-exercise h4 { margin: 0.2em 0 0.4em; }
.jp-RenderedHTMLCommon ul.handout-choices, ul.handout-choices { list-style: none; padding-left: 0.6em; }
.handout-table { border-collapse: collapse; margin: 0.4em 0; }
.handout-table td, .handout-table th { border: 1px solid #bbb; padding: 0.25em 0.6em; text-align: left; }
.handout-blank-cell { min-width: 10em; }
.handout-where { font-size: 0.92em; color: #444; }
.handout-small { font-size: 0.92em; color: #555; }
.handout-answer-space { border: 1px dashed #999; min-height: 5em; margin: 0.3em 0 0.6em; }
@media print { .handout-exercise { break-inside: avoid; } }
"""


class HandoutError(Exception):
    """A notebook could not be turned into a handout; the message says where and why."""


def html_dir() -> Path:
    """``build/html/``: where ``make html`` writes the handouts."""
    return build_dir() / "html"


def execute(nb: Any, cwd: Path, name: str, timeout: int = TIMEOUT) -> Any:
    """Run every cell with a fresh progress store; raise ``HandoutError`` naming the failing cell."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    with tempfile.TemporaryDirectory(prefix="course-handout-") as tmp:
        env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}  # the learner's inline plots
        env["COURSE_PROGRESS"] = str(Path(tmp) / "progress.sqlite3")
        env[IMAGE_FORMAT_ENV] = "svg-if-smaller"  # timelines as SVG where smaller: sharp in print, lighter
        client = NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(cwd)}})
        try:
            client.execute(env=env)
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
            raise HandoutError(
                f"{name}: cell {cell}: the cell failed when run ({summary}); "
                "run the notebook in JupyterLab to see the error"
            ) from None
    return nb


def staticize(nb: Any) -> Any:
    """Replace widget views: exercises by their static spec, other widgets by snapshots.

    Removes the saved widget state afterwards (it holds exercise internals) and stderr noise.
    """
    snap = Snapshot(widget_states(nb))
    for cell in nb.cells:
        if cell.get("cell_type") != "code":
            continue
        pending = EXERCISE_CALL.findall(cell.get("source", ""))
        outputs = []
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                continue
            view = out.get("data", {}).get(WIDGET_VIEW)
            if view is None:
                outputs.append(out)
                continue
            html = exercise_html(pending.pop(0)) if pending else snap.render(str(view.get("model_id", "")))
            if html:
                outputs.append(_html_output(html))
        cell["outputs"] = outputs
    nb.metadata.pop("widgets", None)
    return nb


def _html_output(html: str) -> Any:
    import nbformat

    return nbformat.v4.new_output("display_data", data={"text/html": html, "text/plain": ""})


def to_html(nb: Any, name: str, cwd: Path) -> str:
    """The executed notebook as one HTML page with no code and nothing fetched from the web."""
    import jinja2
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="lab",
        template_file="handout.html.j2",
        extra_loaders=[jinja2.DictLoader({"handout.html.j2": _TEMPLATE})],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    resources = {"metadata": {"path": str(cwd), "name": name}, "handout_css": HANDOUT_CSS + SNAPSHOT_CSS}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return body


def build_handout(
    path: Path, out_dir: Path | None = None, known: set[str] | None = None, timeout: int = TIMEOUT
) -> Path:
    """Execute one notebook and write ``<out_dir>/<stem>.html``; returns the file written."""
    import nbformat

    path = Path(path)
    out_dir = Path(out_dir) if out_dir is not None else html_dir()
    known = known if known is not None else {p.stem for p in course_notebooks(path.parent)}
    nb = learner_copy(nbformat.read(str(path), as_version=4))
    for cell in nb.cells:
        if cell.get("cell_type") == "markdown":
            cell["source"] = relink(cell["source"], ".html", known)
    execute(nb, path.parent, path.name, timeout)
    staticize(nb)
    html = to_html(nb, path.stem, path.parent)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{path.stem}.html"
    target.write_text(html, encoding="utf-8")
    return target
