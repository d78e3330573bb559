"""No learner-facing output shows a doubt: no hedge, no verify flag, no text of an instructor's verify note.

The outputs: notebook cells a learner sees, event cards, the timeline explorer and its data table, the code
tables, the Gottlieb worksheet, every exercise as shown, checked and revealed, and the Voila landing page
(the site pages and the student release are checked in tests/delivery). The search itself is tested on planted
hedges, so that it can fail.
"""

import shutil
from pathlib import Path

import nbformat
import pytest

from course.authoring.learner_text import find_authoring_text, find_hedges, learner_texts, verify_notes
from course.exercises.lookup import clear_cache
from course.paths import data_dir, notebooks_dir


def test_no_learner_facing_output_shows_a_doubt():
    notes = verify_notes()
    texts = list(learner_texts())
    assert len(texts) > 500  # every notebook cell, card, table, worksheet and exercise
    hits = [h for where, text in texts for h in find_hedges(where, text, notes)]
    assert not hits, "\n".join(map(str, hits[:20]))


def test_no_learner_facing_output_speaks_of_authoring_or_the_instructor_guide():
    hits = [h for where, text in learner_texts() for h in find_authoring_text(where, text)]
    assert not hits, "\n".join(map(str, hits[:20]))


def test_the_authoring_search_catches_a_planted_guide_link_but_not_an_instructor_cell(planted):
    data, notebooks = planted
    nb_path = notebooks / "06_seminar_case_review.ipynb"
    nb = nbformat.read(nb_path, as_version=4)
    nb.cells.insert(2, nbformat.v4.new_markdown_cell("See the [instructor guide](../docs/instructor-guide.md)."))
    hidden = nbformat.v4.new_markdown_cell("**Facilitator note.** The instructor guide has the timings.")
    hidden.metadata["tags"] = ["instructor"]
    nb.cells.insert(3, hidden)
    nbformat.write(nb, nb_path)
    hits = [h for where, text in learner_texts(data, notebooks) for h in find_authoring_text(where, text)]
    assert {h.found for h in hits} == {"instructor guide", "instructor-guide.md"}
    assert all("06_seminar_case_review.ipynb" in h.where and "See the" in h.context for h in hits)


def test_verify_notes_exist_but_only_for_instructors():
    notes = verify_notes()
    assert len(notes) >= 1
    assert all(len(note) > 20 for note in notes)


@pytest.fixture
def planted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    data, notebooks = tmp_path / "data", tmp_path / "notebooks"
    shutil.copytree(data_dir(), data)
    shutil.copytree(notebooks_dir(), notebooks)
    monkeypatch.setenv("COURSE_DATA", str(data))
    clear_cache()
    yield data, notebooks
    clear_cache()


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_search_catches_planted_hedges(planted):
    data, notebooks = planted
    _replace(data / "vignette" / "events.yaml", "Jane signs an agreement", "Jane reportedly signs an agreement")
    _replace(
        data / "exercises" / "04_mutual_enactments_and_supervision" / "ch04-parallel-process.yaml",
        "Which of these is the clearest example",
        "Unchecked (not yet verified by the course authors). Which of these is the clearest example",
    )
    note = verify_notes(data)[0]
    nb_path = notebooks / "05_rupture_and_repair.ipynb"
    nb = nbformat.read(nb_path, as_version=4)
    nb.cells.insert(2, nbformat.v4.new_markdown_cell(f"A detail to check: {note}"))
    nbformat.write(nb, nb_path)

    notes = verify_notes(data)  # read once: each call parses every file of the content again
    hits = [h for where, text in learner_texts(data, notebooks) for h in find_hedges(where, text, notes)]
    found = {(h.where.split(" (")[0], h.found) for h in hits}
    assert ("card intake", "reportedly") in found
    assert ("exercise ch04-parallel-process", "unchecked") in found
    assert ("exercise ch04-parallel-process", "not yet verified") in found
    assert any(
        w.startswith("notebooks/05_rupture_and_repair.ipynb") and f == "the text of a verify note" for w, f in found
    )


def test_instructor_cells_are_not_learner_facing(planted):
    data, notebooks = planted
    nb_path = notebooks / "01_codes_and_boundaries.ipynb"
    nb = nbformat.read(nb_path, as_version=4)
    cell = nbformat.v4.new_markdown_cell("**Facilitator note (removed from the student release).** verify: the steps")
    cell.metadata["tags"] = ["instructor"]
    nb.cells.insert(2, cell)
    nbformat.write(nb, nb_path)
    hits = [h for where, text in learner_texts(data, notebooks) for h in find_hedges(where, text)]
    assert not hits, "\n".join(map(str, hits))


@pytest.mark.parametrize(
    "text",
    [
        "<li><strong>APA</strong> 10.01 <em>(verify against the primary source)</em></li>",
        "<p><strong>Verify:</strong> check the lettering</p>",
        "The code reportedly requires it.",
        "<p><em>Check before quoting:</em> the steps</p>",
    ],
)
def test_every_old_flag_is_recognised(text):
    assert find_hedges("sample", text)


def test_field_documentation_may_name_the_verify_field():
    docs = "| `verify` | `null`, or a note; a `verify:` note is for instructors |"
    assert not find_hedges("data/README.md", docs, field_docs=True)
    assert find_hedges("data/README.md", docs)
