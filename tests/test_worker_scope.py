"""make test's workers: what shares a slow server stays on one worker, everything else goes by file."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def test_hub_site_and_app_tests_each_stay_on_one_worker(root_conftest: ModuleType) -> None:
    scope = root_conftest.worker_scope
    assert {scope("tests/hub/test_isolation.py::test_a"), scope("tests/hub/test_hub_seminar.py::test_b")} == {"hub"}
    assert {scope("tests/browser/site/test_site_pages.py::t"), scope("tests/browser/site/test_site_answers.py::u")} == {
        "site"
    }
    assert scope("tests/browser/app/test_voila_app.py::t") == "app"


def test_every_hub_test_that_runs_the_hubs_venv_is_in_the_hub_group(root_conftest: ModuleType) -> None:
    """A new test file using the hub's install must join the group (two workers must not install at once)."""
    module = root_conftest
    uses = ("hub_install", "run_as(", "hub_dir()", "Accounts()")
    found = {
        str(p.relative_to(ROOT))
        for p in sorted((ROOT / "tests" / "hub").glob("test_*.py"))
        if any(u in p.read_text(encoding="utf-8") for u in uses)
    }
    assert found == set(module.HUB_VENV_FILES)
    assert {module.worker_scope(f"{f}::t") for f in found} == {"hub"}
    assert module.worker_scope("tests/hub/test_commands.py::t") == "tests/hub/test_commands.py"


def test_a_notebooks_cells_stay_together_and_files_are_separate(root_conftest: ModuleType) -> None:
    scope = root_conftest.worker_scope
    cells = {scope(f"notebooks/05_rupture_and_repair.ipynb::Cell {i}") for i in range(5)}
    assert cells == {"notebooks/05_rupture_and_repair.ipynb"}
    assert scope("tests/progress/test_progress_store.py::test_x[1]") != scope("tests/timeline/test_layout.py::test_y")
