"""Each delivery speaks to its own reader: delivery markers in notebooks, and what each delivery shows.

The site's pages are checked in tests/browser/site/test_site_self_study.py (they need the built site).
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from course.delivery.audience import current, for_delivery, markdown_for, marker_problems
from course.delivery.learner_copy import course_notebooks, read_learner_copy
from course.paths import notebooks_dir

from .audience_phrases import foreign_instructions

TEXT = """Intro.
<!-- only lab hub -->
Run the next cell first.
<!-- /only -->
<!-- for site: Read on below. -->
<!-- for app site: Reload to start again. -->
End."""


def _nb(*cells: object) -> nbformat.NotebookNode:
    return nbformat.v4.new_notebook(cells=list(cells))


def _md(text: str, *tags: str) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_markdown_cell(text)
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def test_only_blocks_and_for_comments_give_each_delivery_its_text() -> None:
    assert markdown_for(TEXT, "lab") == "Intro.\nRun the next cell first.\n\n\nEnd."
    assert markdown_for(TEXT, "site") == "Intro.\nRead on below.\nReload to start again.\nEnd."
    assert markdown_for(TEXT, "app") == "Intro.\n\nReload to start again.\nEnd."


def test_tagged_cells_reach_only_their_deliveries() -> None:
    nb = _nb(
        _md("For everyone."), _md("Notebook only.", "only-lab", "only-hub"), _md("<!-- only lab -->x<!-- /only -->")
    )
    assert [c.source for c in for_delivery(nb, "hub").cells] == ["For everyone.", "Notebook only."]
    assert [c.source for c in for_delivery(nb, "site").cells] == ["For everyone."]
    assert [c.source for c in for_delivery(nb, "lab").cells] == ["For everyone.", "Notebook only.", "x"]
    with pytest.raises(ValueError, match="not a delivery"):
        for_delivery(nb, "paper")


@pytest.mark.parametrize(
    ("cell", "problem"),
    [
        (_md("Site only.", "only-site"), "JupyterLab shows every cell"),
        (_md("x", "only-lab", "only-print"), "only-print names no delivery"),
        (_md("<!-- only site -->x<!-- /only -->"), "leaves out lab"),
        (_md("<!-- only lab web -->x<!-- /only -->"), "names web"),
        (_md("<!-- for lab: x -->"), "never shows comments"),
        (_md("<!-- only lab hub -->x"), "not closed"),
    ],
)
def test_bad_markers_are_named_with_their_cell(cell: nbformat.NotebookNode, problem: str) -> None:
    found = marker_problems(_nb(_md("fine"), cell))
    assert found and all(p.startswith("cell 2: ") for p in found)
    assert any(problem in p for p in found), found


def test_the_course_notebooks_markers_are_well_formed() -> None:
    for path in course_notebooks():
        assert marker_problems(nbformat.read(str(path), as_version=4)) == [], path.name


def test_the_delivery_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COURSE_DELIVERY", raising=False)
    monkeypatch.delenv("COURSE_EXCHANGE", raising=False)
    assert current() == "lab"
    monkeypatch.setenv("COURSE_EXCHANGE", "/srv/exchange")
    assert current() == "hub"
    monkeypatch.setenv("COURSE_DELIVERY", "app")
    assert current() == "app"


def _markdown_text(nb: nbformat.NotebookNode) -> str:
    return "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def test_jupyterlab_shows_no_instruction_meant_for_the_app_or_the_site() -> None:
    for path in course_notebooks():
        shown = markdown_for(_markdown_text(read_learner_copy(path)), "lab")  # comments are invisible there
        assert foreign_instructions(shown, "lab") == [], path.name


def test_the_app_shows_no_notebook_or_site_instruction(tmp_path: Path) -> None:
    from course.delivery.voila.app import LANDING, stage

    out = stage(tmp_path / "app")
    pages = sorted(out.glob("*.ipynb"))
    assert LANDING in {p.name for p in pages} and len(pages) == len(course_notebooks()) + 1
    for page in pages:
        nb = nbformat.read(str(page), as_version=4)
        text = _markdown_text(nb)
        assert "<!-- only" not in text and "<!-- for" not in text, page.name
        assert foreign_instructions(text, "app") == [], page.name
    start = _markdown_text(nbformat.read(str(out / "00_start_here.ipynb"), as_version=4))
    assert "there is no code to run here" in start


def test_the_hub_copy_shows_no_app_or_site_instruction(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from course.delivery.hub.server import FOLDER, provide_notebooks

    written = provide_notebooks(tmp_path, instructor=False)
    assert "00_start_here.ipynb" in written
    for name in written:
        nb = nbformat.read(str(tmp_path / FOLDER / name), as_version=4)
        assert foreign_instructions(_markdown_text(nb), "hub") == [], name
    start = _markdown_text(nbformat.read(str(tmp_path / FOLDER / "00_start_here.ipynb"), as_version=4))
    assert "Shift + Enter" in start and "<!-- for" not in start


def test_source_notebooks_are_not_changed_by_any_delivery() -> None:
    before = {p.name: p.read_bytes() for p in notebooks_dir().glob("*.ipynb")}
    for path in course_notebooks():
        for delivery in ("lab", "hub", "app", "site"):
            for_delivery(read_learner_copy(path), delivery)
    assert before == {p.name: p.read_bytes() for p in notebooks_dir().glob("*.ipynb")}


@pytest.mark.parametrize(("delivery", "then"), [("lab", "run this cell again"), ("app", "reload this page")])
def test_the_course_line_waits_until_the_learner_has_rated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, delivery: str, then: str
) -> None:
    import course
    from course import progress
    from course.exercises import load_spec

    monkeypatch.setenv("COURSE_DELIVERY", delivery)
    store = progress.use(tmp_path / "progress.sqlite3")
    try:
        before = course.my_timeline("ch03-rate-transference")
        html = before._repr_html_()
        assert "Nothing rated yet" in html and then in html and "<img" not in html
        spec = load_spec("ch03-rate-transference")
        store.save_ratings(spec.id, "hash", {e.event: 1 for e in spec.events}, spec.dimension)
        after = course.my_timeline("ch03-rate-transference")
        assert after.data.overlays["learner"], "the learner's ratings are drawn once they exist"
    finally:
        progress.use(None)
