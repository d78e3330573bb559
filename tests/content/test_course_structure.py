"""The course as a whole: objectives assessed, references cited in the text, progress shown per objective."""

import nbformat
import pytest

from course.content import load_content
from course.displays.progress_overview import completion, overview_html
from course.exercises.lookup import index, load
from course.paths import data_dir, notebooks_dir
from course.progress.records import ExerciseSummary

CONTENT = load_content()
NOTEBOOK_IDS = [nb.id for nb in CONTENT.course.notebooks]


def _specs():
    specs = [load(i).spec for i in sorted(index(data_dir() / "exercises"))]
    return [s for s in specs if s is not None and s.notebook != "examples"]


SPECS = _specs()


def _text(nb_id: str) -> str:
    nb = nbformat.read(notebooks_dir() / f"{nb_id}.ipynb", as_version=4)
    return "\n".join(
        c.source
        for c in nb.cells
        if c.cell_type == "markdown" and "course-references" not in c.metadata.get("tags", [])
    )


@pytest.mark.parametrize("nb_id", NOTEBOOK_IDS)
def test_every_objective_is_assessed_by_an_exercise(nb_id):
    assessed = {s.objective for s in SPECS if s.notebook == nb_id}
    missing = [o.id for o in CONTENT.notebook(nb_id).objectives if o.id not in assessed]
    assert not missing, f"{nb_id}: objectives with no exercise: {missing}"


@pytest.mark.parametrize("nb_id", NOTEBOOK_IDS)
def test_each_notebook_has_three_exercises_of_two_types_all_shown(nb_id):
    mine = [s for s in SPECS if s.notebook == nb_id]
    assert len(mine) >= 3 and len({s.type for s in mine}) >= 2
    nb = nbformat.read(notebooks_dir() / f"{nb_id}.ipynb", as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    not_shown = [s.id for s in mine if f'"{s.id}"' not in code]
    assert not not_shown, f"{nb_id}: exercises defined for this notebook but never shown: {not_shown}"


@pytest.mark.parametrize("nb_id", NOTEBOOK_IDS)
def test_listed_references_are_cited_in_the_text(nb_id):
    text = _text(nb_id)
    for key in CONTENT.notebook(nb_id).references:
        ref = CONTENT.references[key]
        surname = ref.first_author_surname
        assert surname in text and str(ref.year) in text, f"{nb_id}: {key} is listed but not cited in the text"


@pytest.mark.parametrize("nb_id", NOTEBOOK_IDS[2:6])
def test_chapters_two_to_five_have_a_timeline(nb_id):
    nb = nbformat.read(notebooks_dir() / f"{nb_id}.ipynb", as_version=4)
    assert any("timeline(" in c.source for c in nb.cells if c.cell_type == "code")


def test_progress_overview_counts_completed_exercises():
    counted = [s for s in SPECS if s.type != "discussion"]  # notes on discussion questions are optional
    first = counted[0]
    summary = {first.id: ExerciseSummary(first.id, 1, 1, 1, True, "2026-01-01T00:00:00")}
    notebooks, objectives = completion(CONTENT, summary)
    nb = next(g for g in notebooks if g.label == CONTENT.notebook(first.notebook).title)
    assert first.id in nb.done and first.id not in nb.todo
    assert sum(len(g.done) for g in notebooks) == 1
    assert sum(g.total for g in notebooks) == len(counted)
    objective_text = CONTENT.objectives[first.objective][1].text
    assert any(g.label == objective_text and g.done == [first.id] for g in objectives)
    html = overview_html(notebooks, objectives)
    assert f"You have completed 1 of {len(counted)} exercises" in html
    assert "<progress" in html and "aria-label" in html


def test_glossary_lists_every_notebook_that_links_to_a_term():
    import re

    by_anchor = {t.anchor: t for t in CONTENT.terms.values()}
    unlisted = []
    for nb_id in NOTEBOOK_IDS:
        nb = nbformat.read(notebooks_dir() / f"{nb_id}.ipynb", as_version=4)
        for cell in nb.cells:
            if cell.cell_type != "markdown":
                continue
            for anchor in re.findall(r"\]\(glossary\.ipynb#([^)\s]+)\)", cell.source):
                term = by_anchor.get(anchor)
                if term is not None and nb_id not in term.notebooks:
                    unlisted.append(f"{term.id} is linked from {nb_id}")
    assert not unlisted, "add these notebooks to the terms' `notebooks:` in data/glossary.yaml: " + "; ".join(
        sorted(set(unlisted))
    )
