"""What the delivery channels share, without running a kernel: learner copies, links, widget
snapshots, the app's staging folder, and packaged data."""

from __future__ import annotations

from pathlib import Path

import nbformat

from course.delivery.learner_copy import course_notebooks, learner_copy, relink
from course.delivery.site.widget_snapshot import Snapshot
from course.delivery.voila.app import LANDING, landing_notebook, server_command, stage


def _nb_with_hidden_cells() -> nbformat.NotebookNode:
    cells = [
        nbformat.v4.new_markdown_cell("# Title"),
        nbformat.v4.new_markdown_cell("teacher notes"),
        nbformat.v4.new_code_cell("answer = 42"),
        nbformat.v4.new_code_cell("import course"),
    ]
    cells[1].metadata["tags"] = ["instructor"]
    cells[2].metadata["tags"] = ["Solution"]
    cells[3].outputs = [nbformat.v4.new_output("stream", name="stdout", text="old output")]
    return nbformat.v4.new_notebook(cells=cells)


def test_learner_copy_drops_instructor_and_solution_cells_and_outputs() -> None:
    nb = _nb_with_hidden_cells()
    copy = learner_copy(nb)
    assert [c.source for c in copy.cells] == ["# Title", "import course"]
    assert copy.cells[1].outputs == []
    assert len(nb.cells) == 4, "the original is left alone"


def test_relink_points_notebook_links_at_site_pages() -> None:
    md = "See [the glossary](glossary.ipynb#Transference) and [next](01_codes.ipynb), not [x](other.ipynb)."
    out = relink(md, ".html", {"glossary", "01_codes"})
    assert out == "See [the glossary](glossary.html#Transference) and [next](01_codes.html), not [x](other.ipynb)."


def _state(name: str, layout: str = "L", **state: object) -> dict:
    return {"model_name": f"{name}Model", "state": {"layout": f"IPY_MODEL_{layout}", **state}}


def test_snapshot_draws_controls_and_keeps_hidden_parts_hidden() -> None:
    states = {
        "L": {"model_name": "LayoutModel", "state": {}},
        "H": {"model_name": "LayoutModel", "state": {"display": "none"}},
        "box": _state("VBox", children=["IPY_MODEL_html", "IPY_MODEL_drop", "IPY_MODEL_btn", "IPY_MODEL_secret"]),
        "html": _state("HTML", value="<p>Pick a level</p>", description=""),
        "drop": _state("Dropdown", _options_labels=["Low", "High"], index=1, description="Power:"),
        "btn": _state("Button", description="Show the reading"),
        "secret": _state("HTML", layout="H", value="<p>hidden reading</p>"),
    }
    out = Snapshot(states).render("IPY_MODEL_box")
    assert "<p>Pick a level</p>" in out and "Power:" in out and "High" in out and "Show the reading" in out
    assert "hidden reading" not in out
    assert Snapshot(states).render("IPY_MODEL_missing") == ""


def test_stage_writes_learner_copies_and_a_landing_page(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    nbformat.write(_nb_with_hidden_cells(), str(src / "00_start_here.ipynb"))
    nbformat.write(nbformat.v4.new_notebook(), str(src / "zz_extra.ipynb"))
    out = stage(tmp_path / "app", source=src)
    names = sorted(p.name for p in out.glob("*.ipynb"))
    assert names == ["00_start_here.ipynb", LANDING, "zz_extra.ipynb"]
    staged = nbformat.read(str(out / "00_start_here.ipynb"), as_version=4)
    assert "teacher notes" not in [c.source for c in staged.cells]
    landing = "\n".join(c.source for c in nbformat.read(str(out / LANDING), as_version=4).cells)
    assert "(00_start_here.ipynb)" in landing and "(zz_extra.ipynb)" in landing


def test_landing_lists_chapters_in_course_order() -> None:
    names = [p.name for p in course_notebooks()]
    text = "\n".join(c.source for c in landing_notebook(names).cells)
    positions = [text.index(f"({name})") for name in names]
    assert all(c.cell_type == "markdown" for c in landing_notebook(names).cells)
    chapters = [p for p, n in zip(positions, names) if n[:2].isdigit()]
    assert chapters == sorted(chapters)


def test_app_command_listens_on_localhost_only(tmp_path: Path) -> None:
    cmd = server_command(tmp_path, port=9999, open_browser=False)
    assert "--Voila.ip=127.0.0.1" in cmd and "--port=9999" in cmd and "--no-browser" in cmd
