"""``make html``: one real notebook built into a handout, with instructor material slipped in.

The notebook is the first of the course that draws a timeline (a call whose name ends in
``timeline``) and has exercises, so the test follows the chapters as authors change them. Into a copy of it go a Markdown cell tagged
``instructor`` and a code cell tagged ``solution``; neither may reach the handout, and no
exercise's answer, feedback or hints may either. About 15 s (one kernel run).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

pytest.importorskip("nbclient")
pytest.importorskip("nbconvert")

import nbformat  # noqa: E402

from course.delivery.handouts.build import EXERCISE_CALL, build_handout  # noqa: E402
from course.delivery.learner_copy import course_notebooks  # noqa: E402

INSTRUCTOR_MARK = "INSTRUCTOR-ONLY-7f3a: discuss the seminar grading here"
SOLUTION_MARK = "SOLUTION-OUTPUT-91bc"
TIMELINE_CALL = re.compile(r"timeline\(")  # course.plot_timeline(...), course.my_timeline(...): each draws one plot


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
    """Texts a handout must never show: feedback, hints, notes, consequences, reference answers."""
    from course.exercises import load_spec
    from course.safe_html import markdown

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
def handout(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, nbformat.NotebookNode]:
    source = _chosen_notebook()
    work = tmp_path_factory.mktemp("handout-src")
    nb = nbformat.read(str(source), as_version=4)
    secret_md = nbformat.v4.new_markdown_cell(f"**{INSTRUCTOR_MARK}**")
    secret_md.metadata["tags"] = ["instructor"]
    secret_code = nbformat.v4.new_code_cell(f"print({SOLUTION_MARK!r})")
    secret_code.metadata["tags"] = ["solution"]
    nb.cells[1:1] = [secret_md, secret_code]
    copy = work / source.name
    nbformat.write(nb, str(copy))
    out = build_handout(copy, tmp_path_factory.mktemp("handout-out"))
    return out, out.read_text(encoding="utf-8"), nb


def test_handout_is_written_as_html(handout) -> None:
    out, text, _ = handout
    assert out.suffix == ".html" and out.stat().st_size > 10_000
    assert text.lstrip().lower().startswith("<!doctype html")


def test_plots_are_images_with_alt_text(handout) -> None:
    _, text, nb = handout
    timelines = sum(len(TIMELINE_CALL.findall(c.source)) for c in nb.cells if c.cell_type == "code")
    images = re.findall(r"<img\b[^>]*>", text)
    plots = [img for img in images if re.search(r"data:image/(png|svg\+xml);base64,", img)]
    assert len(plots) >= timelines, f"{len(plots)} plot image(s) for {timelines} timeline call(s)"
    for img in plots:
        alt = re.search(r"""\balt=(["'])(.*?)\1""", img, re.DOTALL)
        assert alt and len(alt.group(2).strip()) > 20, f"plot without a real alt text: {img[:120]}..."


def test_timelines_are_svg_where_smaller(handout) -> None:
    """A timeline drawn as SVG keeps its text as text and prints sharply; it is used when smaller than the PNG."""
    import base64

    _, text, _ = handout
    timelines = [img for img in re.findall(r"<img\b[^>]*>", text) if 'alt="Timeline plot' in img]
    svgs = [m.group(1) for img in timelines if (m := re.search(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", img))]
    assert timelines and svgs, "no timeline in the handout is an SVG (each is about half the size of its PNG)"
    for data in svgs:
        svg = base64.b64decode(data).decode("utf-8")
        assert "<text" in svg and "Week of therapy" in svg


def test_no_instructor_material(handout) -> None:
    _, text, _ = handout
    assert INSTRUCTOR_MARK.casefold() not in _plain(text)
    assert SOLUTION_MARK not in text


def test_exercises_are_static_questions_without_answers(handout) -> None:
    _, text, nb = handout
    ids = [i for c in nb.cells if c.cell_type == "code" for i in EXERCISE_CALL.findall(c.source)]
    assert ids, "the chosen notebook has no exercise"
    plain = _plain(text)
    for exercise_id in ids:
        assert re.search(rf"""id=["']exercise-{re.escape(exercise_id)}["']""", text), (
            f"no static version of exercise {exercise_id}"
        )
        assert f'course.exercise("{exercise_id}")' in html.unescape(text), "no pointer to where to answer"
        leaked = [s[:80] for s in _secrets(exercise_id) if s in plain]
        assert not leaked, f"{exercise_id}: answer material in the handout: {leaked}"
    for engine_text in ("Show answer", "Hint (1 of", "Reset"):
        assert engine_text not in plain.title() and engine_text.casefold() not in plain


def test_self_contained_no_code_no_widget_state(handout) -> None:
    _, text, nb = handout
    assert not re.search(r"<script[^>]+src=", text), "a script is loaded from elsewhere"
    assert not re.search(r"<link[^>]+href=[\"']https?:", text), "a stylesheet is loaded from the web"
    assert "application/vnd.jupyter.widget-state+json" not in text
    assert "application/vnd.jupyter.widget-view+json" not in text
    assert not re.search(r"""class=["'][^"']*jp-InputArea-editor""", text), "a code cell's input is shown"
    for cell in nb.cells:
        if cell.cell_type == "code" and "exercise(" not in cell.source:
            for line in cell.source.splitlines():
                assert not line.strip() or line.strip() not in html.unescape(text), f"code shown: {line}"


def test_a_failing_cell_is_reported_without_traceback(tmp_path: Path) -> None:
    from course.delivery.handouts.build import HandoutError

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Broken"), nbformat.v4.new_code_cell("1 / 0")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "broken.ipynb"
    nbformat.write(nb, str(path))
    with pytest.raises(HandoutError, match=r"broken\.ipynb: cell 2: .*ZeroDivisionError") as err:
        build_handout(path, tmp_path / "out")
    assert "Traceback" not in str(err.value)
    assert not (tmp_path / "out" / "broken.html").exists()
