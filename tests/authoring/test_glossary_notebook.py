"""The generated glossary notebook links back to the course map, and the link resolves."""

import re
from pathlib import Path

import nbformat

from course.authoring.notebook_sync import GLOSSARY, glossary_notebook, nav_markdown
from course.content import load_content

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
MAP_LINK = re.compile(r"\[course map\]\(([^)\s#]+)#([^)\s]+)\)", re.IGNORECASE)


def heading_anchors(path: Path) -> set[str]:
    """JupyterLab's anchors for a notebook's Markdown headings: the text, spaces made hyphens."""
    nb = nbformat.read(path, as_version=4)
    return {
        match.strip().replace(" ", "-")
        for cell in nb.cells
        if cell.cell_type == "markdown"
        for match in re.findall(r"^#{1,6}\s+(.+?)\s*$", cell.source, re.M)
    }


def test_glossary_opens_with_a_link_back_to_the_course_map():
    content = load_content()
    intro = glossary_notebook(content).cells[0].source
    found = MAP_LINK.findall(intro)
    assert len(found) == 1, f"the glossary's first cell has no single course-map link: {intro!r}"
    file, anchor = found[0]
    target = NOTEBOOKS / file
    assert target.exists(), f"the course-map link points at {file}, which is not in notebooks/"
    assert anchor in heading_anchors(target), f"{file} has no heading with the anchor #{anchor}"


def test_glossary_and_navigation_link_the_same_course_map():
    content = load_content()
    chapter = content.course.notebooks[1].id
    nav_targets = {f"{f}#{a}" for f, a in MAP_LINK.findall(nav_markdown(content, chapter))}
    glossary_targets = {f"{f}#{a}" for f, a in MAP_LINK.findall(glossary_notebook(content).cells[0].source)}
    assert nav_targets and nav_targets == glossary_targets


def test_committed_glossary_carries_the_link():
    nb = nbformat.read(NOTEBOOKS / GLOSSARY, as_version=4)
    assert MAP_LINK.search(nb.cells[0].source), "run `course sync-notebooks` to regenerate glossary.ipynb"
