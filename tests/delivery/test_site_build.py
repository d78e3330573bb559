"""``make site`` (and ``make html``): one real notebook built into a site page, with instructor material
slipped in.

The notebook is the first of the course that draws a timeline (a call whose name ends in ``timeline``)
and has exercises, so the test follows the chapters as authors change them. Into a copy of it go a
Markdown cell tagged ``instructor`` and a code cell tagged ``solution``; neither may reach the page.
Before its script runs, the page shows each exercise as a static question without answer, feedback or
hints (those reach the page only inside the exercise JSON that the script scores with). About 15 s.
"""

from __future__ import annotations

import html
import json
import os
import re
import zipfile
from pathlib import Path

import nbformat
import pytest

from course.authoring.learner_text import find_hedges, verify_notes
from course.delivery.learner_copy import course_notebooks
from course.delivery.site.build import SiteError, build_site
from course.delivery.site.page import CALL
from course.exercises import load_spec
from course.paths import data_dir
from course.safe_html import markdown

INSTRUCTOR_MARK = "INSTRUCTOR-ONLY-7f3a: discuss the seminar grading here"
SOLUTION_MARK = "SOLUTION-OUTPUT-91bc"
TIMELINE_CALL = re.compile(r"timeline\(")  # course.plot_timeline(...), course.my_timeline(...)
EXERCISE_CALL = re.compile(r"""\bexercise\(\s*["']([^"']+)["']""")
JSON_BLOCK = re.compile(r'<script type="application/json" id="course-exercises">(.*?)</script>', re.S)

pytest.importorskip("nbclient")


def _chosen_notebook() -> Path:
    for path in course_notebooks():
        sources = [c.source for c in nbformat.read(str(path), as_version=4).cells if c.cell_type == "code"]
        if any(TIMELINE_CALL.search(s) for s in sources) and any(EXERCISE_CALL.search(s) for s in sources):
            return path
    pytest.skip("no notebook has both a timeline and an exercise yet")


def _plain(fragment: str) -> str:
    text = re.sub(r"<[^>]*>", " ", fragment)
    return " ".join(html.unescape(text).casefold().split())


def _secrets(exercise_id: str) -> list[str]:
    """Texts a static question must never show: feedback, hints, notes, consequences, reference answers."""
    spec = load_spec(exercise_id)
    texts: list[str] = list(spec.hints) + [f.feedback for f in spec.fixtures]
    for name in ("options", "items"):
        texts += [getattr(x, "feedback", None) or "" for x in getattr(spec, name, []) or []]
    texts += [e.note or "" for e in getattr(spec, "events", []) or [] if hasattr(e, "note")]
    for node in getattr(spec, "nodes", []) or []:
        texts += [t for c in node.choices for t in (c.consequence, c.commentary)]
    if spec.type == "reflection":
        texts.append(spec.answer.text)
    plain = [_plain(markdown(t)) for t in texts if t]
    return [t for t in plain if len(t) >= 25]  # short phrases may occur anywhere by chance


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, nbformat.NotebookNode, Path]:
    source = _chosen_notebook()
    work = tmp_path_factory.mktemp("site-src")
    nb = nbformat.read(str(source), as_version=4)
    secret_md = nbformat.v4.new_markdown_cell(f"**{INSTRUCTOR_MARK}**")
    secret_md.metadata["tags"] = ["instructor"]
    secret_code = nbformat.v4.new_code_cell(f"print({SOLUTION_MARK!r})")
    secret_code.metadata["tags"] = ["solution"]
    nb.cells[1:1] = [secret_md, secret_code]
    nbformat.write(nb, str(work / source.name))
    out = tmp_path_factory.mktemp("site-out")
    report = build_site(out / "site", notebooks=work, data=data_dir(), zip_path=out / "site.zip")
    page = report.out / f"{source.stem}.html"
    return page, page.read_text(encoding="utf-8"), nb, report.zip_path


def test_the_page_the_map_and_the_zip_are_written(built) -> None:
    page, text, _, zip_path = built
    assert text.lstrip().lower().startswith("<!doctype html")
    assert {p.name for p in page.parent.glob("*.html")} == {page.name, "index.html", "review.html", "progress.html"}
    with zipfile.ZipFile(zip_path) as archive:
        assert f"course-site/{page.name}" in archive.namelist()
        assert "course-site/static/scoring.js" in archive.namelist()
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}, "same sources, same zip"


def test_plots_are_pictures_with_alt_text_and_a_data_table(built) -> None:
    page, text, nb, _ = built
    timelines = sum(len(TIMELINE_CALL.findall(c.source)) for c in nb.cells if c.cell_type == "code")
    plots = re.findall(r"<img\b[^>]*\bsrc=['\"]img/[0-9a-f]{16}\.(?:png|svg)['\"][^>]*>", text)
    mine = text.count("data-widget='my-ratings'")
    assert len(plots) + mine >= timelines, (
        f"{len(plots)} plot(s) and {mine} live rating chart(s) for {timelines} call(s)"
    )
    for img in plots:
        alt = re.search(r"""\balt=(["'])(.*?)\1""", img, re.DOTALL)
        assert alt and len(alt.group(2).strip()) > 20, f"plot without a real alt text: {img[:120]}..."
        name = re.search(r"img/[0-9a-f]{16}\.(?:png|svg)", img).group(0)
        assert (page.parent / name).stat().st_size > 1000
    assert text.count('<figure class="course-timeline"') <= text.count("course-timeline-table")


def test_timelines_are_svg_where_smaller_with_their_text_as_text(built) -> None:
    """The site (the course's handouts) takes a timeline as SVG when that is smaller than its PNG."""
    page, text, _, _ = built
    timelines = [img for img in re.findall(r"<img\b[^>]*>", text) if "Timeline plot" in img]
    svgs = [m.group(0) for img in timelines if (m := re.search(r"img/[0-9a-f]{16}\.svg", img))]
    assert timelines and svgs, "no timeline on the page is an SVG (each is about half the size of its PNG)"
    for name in svgs:
        svg = (page.parent / name).read_text(encoding="utf-8")
        assert "<text" in svg and "Week of therapy" in svg


def test_no_instructor_material(built) -> None:
    _, text, _, _ = built
    assert INSTRUCTOR_MARK.casefold() not in _plain(text)
    assert SOLUTION_MARK not in text


def test_no_doubt_reaches_the_page(built) -> None:
    """The built page (cards, code tables, plots' text, exercise JSON) shows no hedge or verify note."""
    page, text, _, _ = built
    assert not find_hedges(page.name, html.unescape(text), verify_notes())


def test_exercises_are_live_sections_with_a_static_question(built) -> None:
    _, text, nb, _ = built
    ids = [i for c in nb.cells if c.cell_type == "code" for i in EXERCISE_CALL.findall(c.source)]
    assert ids, "the chosen notebook has no exercise"
    specs = json.loads(JSON_BLOCK.search(text).group(1))
    visible = _plain(JSON_BLOCK.sub("", text))
    for exercise_id in ids:
        assert re.search(rf"""<section class='cx-exercise' id='exercise-{re.escape(exercise_id)}'""", text)
        assert specs[exercise_id]["content_hash"] and specs[exercise_id]["answer_html"]
        leaked = [s[:80] for s in _secrets(exercise_id) if s in visible]
        assert not leaked, f"{exercise_id}: answer material shown before the exercise is answered: {leaked}"


def test_self_contained_no_code_no_widget_state(built) -> None:
    _, text, nb, _ = built
    assert not re.search(r"<script[^>]+src=[\"'](https?:)?//", text), "a script is loaded from elsewhere"
    assert not re.search(r"<link[^>]+href=[\"'](https?:)?//", text), "a stylesheet is loaded from the web"
    assert "Content-Security-Policy" in text and "default-src 'none'" in text
    assert "application/vnd.jupyter.widget-state+json" not in text
    assert "application/vnd.jupyter.widget-view+json" not in text
    assert not re.search(r"\sstyle=", text), "inline styles (the pages' policy refuses them)"
    assert not re.search(r"<style\b", text, re.I), "a style element (the pages' policy refuses it)"
    for cell in nb.cells:
        if cell.cell_type == "code" and not CALL.search(cell.source):
            for line in cell.source.splitlines():
                assert not line.strip() or line.strip() not in html.unescape(text), f"code shown: {line}"


def test_a_misspelt_exercise_id_is_named_with_its_notebook_and_cell(tmp_path: Path) -> None:
    """Before any cell runs: the notebook, the cell and the closest id, as `course validate` reports them."""
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# A new chapter"),
            nbformat.v4.new_code_cell('course.exercise("ch01-afer-therapy")'),
        ]
    )
    (tmp_path / "src").mkdir()
    nbformat.write(nb, str(tmp_path / "src" / "new_chapter.ipynb"))
    with pytest.raises(SiteError, match=r"new_chapter\.ipynb: cell 2: .*did you mean 'ch01-after-therapy'\?") as err:
        build_site(tmp_path / "out", notebooks=tmp_path / "src", make_zip=False)
    assert "Traceback" not in str(err.value)
    assert not (tmp_path / "out").exists()


def _write_notebook(folder: Path, name: str, *cells: nbformat.NotebookNode) -> None:
    nb = nbformat.v4.new_notebook(cells=list(cells))
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    folder.mkdir(exist_ok=True)
    nbformat.write(nb, str(folder / f"{name}.ipynb"))


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _kernels_left() -> list[str]:
    """Command lines of the kernels this process started that still run (read from Linux's /proc)."""
    if not Path("/proc/self/stat").exists():
        pytest.skip("no /proc to list this process's children")
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = stat.read_text().rsplit(")", 1)[1].split()[1]
            command = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, IndexError):
            continue  # ended while being read
        if parent == str(os.getpid()) and "ipykernel" in command:
            found.append(command)
    return found


def test_notebooks_run_at_once_give_the_same_site_as_one_after_another(tmp_path: Path) -> None:
    """Two notebooks with code and one without, built one at a time and two at a time: the same files."""
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    src = tmp_path / "src"
    _write_notebook(src, "a_first", md("# First\n\nOn to [the second](b_second.ipynb)."), code('print("first-ran")'))
    _write_notebook(src, "b_second", md("# Second"), code("print(sum(range(10)))"), code("{'second': 2}"))
    _write_notebook(src, "c_third", md("# Third\n\nNo code here."))
    one = build_site(tmp_path / "one", notebooks=src, zip_path=tmp_path / "one.zip", jobs=1)
    two = build_site(tmp_path / "two", notebooks=src, zip_path=tmp_path / "two.zip", jobs=2)
    assert one.pages == two.pages == ["a_first", "b_second", "c_third"]
    assert "first-ran" in (one.out / "a_first.html").read_text(encoding="utf-8"), "the first notebook did not run"
    assert "45" in (one.out / "b_second.html").read_text(encoding="utf-8"), "the second notebook did not run"
    assert _files(one.out) == _files(two.out)
    assert one.zip_path.read_bytes() == two.zip_path.read_bytes()


def test_a_failing_cell_is_reported_without_traceback(tmp_path: Path) -> None:
    """Two notebooks fail, run at once: the error named is the first in reading order's, as when they run
    one after another, whichever fails first."""
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    src = tmp_path / "src"
    _write_notebook(src, "broken", md("# Broken"), code("1 / 0"))
    _write_notebook(src, "later_broken", md("# Also broken"), code("{}['missing']"))
    with pytest.raises(SiteError, match=r"^broken\.ipynb: cell 2: .*ZeroDivisionError") as err:
        build_site(tmp_path / "out", notebooks=src, make_zip=False, jobs=2)
    assert "Traceback" not in str(err.value) and "later_broken" not in str(err.value)
    assert not (tmp_path / "out").exists()
    assert not _kernels_left()
