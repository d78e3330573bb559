"""``make lite``: the JupyterLite site builds offline and holds the notebooks and the course wheel.

The build runs with every HTTP(S) proxy pointed at a closed port, so a download attempt would
fail it. The wheel is then unpacked and imported by a separate Python with ``sqlite3`` blocked and
no repository around it, which is what the package meets under Pyodide. (Running the site itself
needs Pyodide from a CDN, which these tests cannot reach.) About 10 s.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

pytest.importorskip("jupyterlite_core", reason="JupyterLite is not installed (pip install -e '.[lite]')")
pytest.importorskip("jupyterlite_pyodide_kernel", reason="the Pyodide kernel is not installed (.[lite])")

from course.delivery.learner_copy import course_notebooks  # noqa: E402
from course.delivery.lite.build import SETUP_TAG, build_site  # noqa: E402
from course.paths import data_dir  # noqa: E402

DEAD_PROXY = "http://127.0.0.1:9"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("lite") / "site"
    with pytest.MonkeyPatch.context() as mp:
        for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"):
            mp.setenv(name, DEAD_PROXY)
        mp.setenv("NO_PROXY", "")
        mp.setenv("no_proxy", "")
        return build_site(out, quiet=True)


@pytest.fixture(scope="module")
def wheel(site: Path) -> Path:
    found = sorted((site / "pypi").glob("jane_susan_course-*-py3-none-any.whl"))
    assert len(found) == 1, f"expected one course wheel in pypi/, found {[p.name for p in found]}"
    return found[0]


def test_site_has_jupyterlite_and_the_pyodide_kernel(site: Path) -> None:
    assert (site / "index.html").is_file() and (site / "lab" / "index.html").is_file()
    assert (site / "extensions" / "@jupyterlite" / "pyodide-kernel-extension").is_dir()
    assert (site / "extensions" / "@jupyter-widgets" / "jupyterlab-manager").is_dir(), "widgets would not render"


def test_every_notebook_is_there_with_a_setup_cell(site: Path) -> None:
    names = [p.name for p in course_notebooks()]
    listed = {c["name"] for c in json.loads((site / "api" / "contents" / "all.json").read_text())["content"]}
    assert set(names) <= listed
    for name in names:
        nb = nbformat.read(str(site / "files" / name), as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        if code:
            assert SETUP_TAG in code[0].metadata.get("tags", []), f"{name}: the setup cell is not first"
            assert "piplite.install" in code[0].source
        tags = {t for c in nb.cells for t in c.metadata.get("tags", [])}
        assert not tags & {"instructor", "solution"}, f"{name}: instructor material in the site"
        assert all(c.get("outputs", []) == [] for c in code), f"{name}: outputs in the site"


def test_wheel_is_indexed_for_piplite(site: Path, wheel: Path) -> None:
    index = json.loads((site / "pypi" / "all.json").read_text())
    assert "jane-susan-course" in index
    settings = json.loads((site / "jupyter-lite.json").read_text())["jupyter-config-data"]
    urls = settings["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]["pipliteUrls"]
    assert any(u.startswith("./pypi/all.json") for u in urls)


def test_wheel_holds_the_package_and_all_content(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as whl:
        names = set(whl.namelist())
        meta = next(whl.read(n).decode() for n in names if n.endswith(".dist-info/METADATA"))
    assert {"course/__init__.py", "course/paths.py", "course/progress/memory_store.py"} <= names
    content = {f"course/_data/{p.relative_to(data_dir()).as_posix()}" for p in data_dir().rglob("*.yaml")}
    assert content and content <= names, f"missing content: {sorted(content - names)[:5]}"
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    assert "Requires-Dist: jupyterlab" not in meta and "Requires-Dist: pydantic" in meta


_UNDER_PYODIDE = """
import sys
sys.modules["sqlite3"] = None          # as in Pyodide without its sqlite3 package
import course
assert course.__file__.startswith(sys.argv[1]), course.__file__
from course.paths import data_dir
from course.content import load_content
from course.progress import current, SessionOnlyProgress
assert str(data_dir()).endswith("course/_data"), data_dir()
content = load_content()
store = current()
assert isinstance(store, SessionOnlyProgress), type(store)
first, second = store.take_notices(), store.take_notices()
assert len(first) == 1 and "not kept in this browser session" in first[0] and second == [], (first, second)
store.set_setting("profession", "apa")
assert current().get_setting("profession") == "apa"
print(len(content.events), "events")
"""


def test_unpacked_wheel_imports_without_sqlite_or_repository(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site-packages"
    with zipfile.ZipFile(wheel) as whl:
        whl.extractall(site)
    env = {k: v for k, v in os.environ.items() if k not in ("COURSE_DATA", "COURSE_PROGRESS")}
    env["PYTHONPATH"] = str(site)
    done = subprocess.run(
        [
            sys.executable,
            "-I",
            "-c",
            "import sys; sys.path.insert(0, sys.argv[1]);" + _UNDER_PYODIDE.replace("import sys\n", "", 1),
            str(site),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "events" in done.stdout
