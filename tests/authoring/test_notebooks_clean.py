"""House rules that hold for every notebook in notebooks/."""

import json
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))
MAX_CODE_LINES = 6


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: p.name)
def notebook(request):
    return request.param


def test_there_are_notebooks():
    assert any(p.name == "00_start_here.ipynb" for p in NOTEBOOKS)


def test_valid_nbformat(notebook):
    nb = nbformat.read(notebook, as_version=4)
    nbformat.validate(nb)


def test_committed_clean(notebook):
    raw = json.loads(notebook.read_text())
    for i, cell in enumerate(raw["cells"]):
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [], f"{notebook.name} cell {i} has outputs"
            assert cell.get("execution_count") is None, f"{notebook.name} cell {i} has an execution count"
        assert "widgets" not in cell.get("metadata", {}), f"{notebook.name} cell {i} carries widget state"
    assert "widgets" not in raw["metadata"], f"{notebook.name} carries widget state in its metadata"


def test_same_kernelspec(notebook):
    raw = json.loads(notebook.read_text())
    assert raw["metadata"]["kernelspec"] == {
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "name": "python3",
    }


def test_code_cells_are_short(notebook):
    nb = nbformat.read(notebook, as_version=4)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            lines = [ln for ln in cell.source.strip().splitlines() if ln.strip()]
            assert len(lines) <= MAX_CODE_LINES, f"{notebook.name} cell {i} has {len(lines)} lines"


def test_generated_cells_are_in_sync():
    from course.authoring.notebook_sync import sync_all

    assert sync_all(check_only=True) == [], "run `course sync-notebooks` to regenerate headers, maps and navigation"
