"""Build the course site: ``build/site/`` and ``build/course-site.zip`` (``make site``, ``course site``).

For each notebook, in course order: the learner copy (no instructor or solution cells), links to other
notebooks pointed at their pages, every cell run with a fresh progress store (``execute``; a few
notebooks at once, ``parallel``), then the page (``page``). Exercises are compiled to JSON
(``exercise_json``), and the case-judgement test's two forms for the pages that show it (``judgement``);
the course map, the review page (in place of the Review notebook, ``static/review-page.js``), the
progress page, the search index and the static files (``static/``, with the vendored ``ts-fsrs``)
complete the site. Same sources give the same files, however many notebooks run at once.
"""

from __future__ import annotations

import os
import shutil
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...authoring.notebook_calls import course_call_problems
from ...content import load_content
from ...exercises.checks import count_released
from ...exercises.lookup import load
from ...paths import data_dir, display_path
from ...problems import VALIDATE_HINT
from ..audience import for_delivery, marker_problems
from ..fixed_zip import write_fixed_zip
from ..learner_copy import build_dir, course_notebooks, read_learner_copy, relink, relink_target
from .execute import TIMEOUT, SiteError, execute
from .exercise_json import compile_spec, relink_html
from .frame import (
    PROGRESS_BODY,
    REVIEW_BODY,
    SCRIPTS,
    Link,
    course_map,
    exercise_section,
    frame,
    problem_section,
    site_data,
)
from .judgement import judgement_forms
from .page import notebook_page
from .page_markdown import unique_ids, unlink_outside
from .parallel import default_jobs, in_order
from .search_index import index_script, page_entries
from .static_exercise import question_html

STATIC_DIR = Path(__file__).resolve().parent / "static"
STATIC_FILES = (*SCRIPTS, "vendor/ts-fsrs/LICENSE", "site.css", "print.css", "icon.svg")
ZIP_FOLDER = "course-site"
# Notebooks the site does not run, because it has its own page for them: links to them lead there.
OWN_PAGES = {"review": "review.html"}


@dataclass
class SiteReport:
    """What ``build_site`` wrote."""

    out: Path
    zip_path: Path | None
    pages: list[str] = field(default_factory=list)
    exercises: int = 0

    def size(self) -> int:
        """Bytes of every file in the site folder."""
        return sum(p.stat().st_size for p in self.out.rglob("*") if p.is_file())

    def summary(self) -> str:
        """A few lines for the terminal."""
        zipped = f"; {self.zip_path} ({self.zip_path.stat().st_size / 1e6:.1f} MB)" if self.zip_path else ""
        return (
            f"Wrote {self.out}: {len(self.pages) + 2} pages, {self.exercises} live exercises, "
            f"{self.size() / 1e6:.1f} MB{zipped}.\n"
            "Open index.html in a browser, or put the folder on any static web host. The site contains the "
            "exercises' answers and the case-judgement test's keys, so it is for practice and self-study; score "
            "anything graded on your side "
            "(the instructor guide, 'What the hashes protect, and what they do not')."
        )


def site_dir() -> Path:
    """``build/site/``."""
    return build_dir() / "site"


def zip_file() -> Path:
    """``build/course-site.zip``."""
    return build_dir() / "course-site.zip"


def reading_order(paths: list[Path], content: Any) -> list[Path]:
    """Notebooks in the order of the course map, then any others (the glossary) by name."""
    listed = [nb.id for nb in content.course.notebooks]
    by_stem = {p.stem: p for p in paths}
    return [by_stem[s] for s in listed if s in by_stem] + sorted(p for p in paths if p.stem not in listed)


class Exercises:
    """Each exercise compiled once; its section HTML for a page, and the specs a page carries."""

    def __init__(self, data: Path, link: Any) -> None:
        self.data = data
        self.link = link
        self.compiled: dict[str, dict[str, Any]] = {}
        self.specs: dict[str, Any] = {}
        self.problems: list[str] = []

    def _load(self, exercise_id: str) -> Any:
        if exercise_id not in self.specs:
            loaded = load(exercise_id, root=self.data)
            self.specs[exercise_id] = loaded.spec
            if loaded.spec is None:
                self.problems += [str(p) for p in loaded.problems]
            else:
                self.compiled[exercise_id] = compile_spec(loaded.spec, self.link)
        return self.specs[exercise_id]

    def section(self, exercise_id: str) -> str:
        spec = self._load(exercise_id)
        if spec is None:
            return problem_section(exercise_id, load(exercise_id, root=self.data).problems)
        return exercise_section(self.compiled[exercise_id], question_html(spec))

    def for_page(self, ids: list[str]) -> dict[str, Any]:
        return {i: self.compiled[i] for i in ids if self._load(i) is not None}


def run_notebook(path: Path, known: set[str], timeout: int) -> Any:
    """The executed learner copy of one notebook, as the site shows it (not run when it has no code)."""
    nb = read_learner_copy(path)
    problems = marker_problems(nb)
    if problems:
        raise SiteError("\n".join(f"{path.name}: {p}" for p in problems))
    nb = for_delivery(nb, "site")
    for cell in nb.cells:
        if cell.get("cell_type") == "markdown":
            cell["source"] = relink(cell["source"], ".html", known)
    if any(c.get("cell_type") == "code" for c in nb.cells):
        execute(nb, path.parent, path.name, timeout)
    return nb


def build_site(
    out: Path | None = None,
    *,
    notebooks: Path | None = None,
    data: Path | None = None,
    zip_path: Path | None = None,
    timeout: int = TIMEOUT,
    make_zip: bool = True,
    jobs: int | None = None,
) -> SiteReport:
    """Write the site into ``out`` (default ``build/site/``, replaced) and zip it; ``SiteError`` if it cannot.

    ``jobs`` notebooks run at once (default ``default_jobs()``, one per core up to four); the pages are the
    same, byte for byte, whatever the number.
    """
    out = Path(out) if out is not None else site_dir()
    data = Path(data) if data is not None else data_dir()
    refuse_student_release(data)
    previous = os.environ.get("COURSE_DATA")
    os.environ["COURSE_DATA"] = str(data)  # the kernels read the content the pages are built from
    jobs = default_jobs() if jobs is None else jobs
    try:
        return _build(out, notebooks, data, Path(zip_path) if zip_path else zip_file(), timeout, make_zip, jobs)
    finally:
        if previous is None:
            os.environ.pop("COURSE_DATA", None)
        else:
            os.environ["COURSE_DATA"] = previous


def refuse_student_release(data: Path) -> None:
    """Raise ``SiteError`` when ``data`` comes from a student release: the site checks answers in the page,
    so it would write every answer the release keeps as a salted hash into its pages in plain text."""
    released = count_released(data / "exercises")
    if released:
        raise SiteError(
            f"{display_path(data / 'exercises')}: {released} exercise(s) come from a student release, whose "
            "answers are kept only as salted hashes. The site checks answers in the browser, so it would write "
            "every answer into its pages in plain text; it was not built. Build the site from the instructor's "
            "copy of the course (make site there) if learners may see the answers."
        )


def _build(
    out: Path, notebooks: Path | None, data: Path, zip_path: Path, timeout: int, make_zip: bool, jobs: int
) -> SiteReport:
    content = load_content(data)
    paths = reading_order(course_notebooks(notebooks), content)
    if not paths:
        raise SiteError(f"{notebooks or 'notebooks/'}: no notebooks to build the site from")
    wrong = course_call_problems(paths[0].parent, content, data / "exercises")
    if wrong:
        raise SiteError(
            "\n".join(
                [*map(str, wrong), f"Fix the notebook cells above ({VALIDATE_HINT} lists them), then build again."]
            )
        )
    known = {p.stem for p in paths} | set(OWN_PAGES)
    paths = [p for p in paths if p.stem not in OWN_PAGES]
    site_pages = {f"{stem}.html" for stem in known} | {"index.html", "progress.html", *OWN_PAGES.values()}
    exercises = Exercises(data, lambda href: relink_target(href, ".html", known))
    # The notebooks run ``jobs`` at a time (each in its own kernel); their pages are made here, in reading order.
    with closing(in_order(lambda path: run_notebook(path, known, timeout), paths, jobs)) as executed:
        pages = [notebook_page(nb, path.stem, exercises.section) for nb, path in zip(executed, paths)]
    if exercises.problems:
        raise SiteError(
            "\n".join(
                exercises.problems + [f"Fix the exercises above (check them with {VALIDATE_HINT}), then build again."]
            )
        )

    forms = judgement_forms(data, exercises.link) if any(p.judgement for p in pages) else None

    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    shared = site_data(content, data)
    order = [Link("index.html", "Course map")] + [Link(f"{p.stem}.html", p.title) for p in pages]
    hrefs = [link.href for link in order]

    def write(
        name: str, title: str, body: str, specs: dict[str, Any] | None = None, judgement: dict[str, Any] | None = None
    ) -> None:
        at = hrefs.index(name) if name in hrefs else None
        prev = order[at - 1] if at else None
        nxt = order[at + 1] if at is not None and at + 1 < len(order) else None
        html = frame(
            title=title,
            course_title=content.course.title,
            body=body,
            current=name,
            prev=prev,
            next_=nxt,
            data=shared,
            exercises=specs,
            judgement=judgement,
        )
        (out / name).write_text(html, encoding="utf-8")

    index_body = course_map(content, {p.stem: p.title for p in pages})
    write("index.html", content.course.title, index_body)
    search = page_entries("index.html", "Course map", index_body)
    for page in pages:
        body = unique_ids(unlink_outside(relink_html(page.body, exercises.link), site_pages))
        name = f"{page.stem}.html"
        write(
            name,
            page.title,
            body,
            exercises.for_page(page.exercises + page.my_ratings),
            forms if page.judgement else None,
        )
        search += page_entries(name, page.title, body, glossary=page.stem == "glossary")
        for image, raw in page.images.items():
            (out / image).parent.mkdir(exist_ok=True)
            (out / image).write_bytes(raw)
    write("review.html", "Review", REVIEW_BODY, exercises.for_page([r["id"] for r in shared["reviewable"]]))
    search += page_entries("review.html", "Review", REVIEW_BODY)
    write("progress.html", "Your progress", PROGRESS_BODY)
    (out / "search-index.js").write_text(index_script(search), encoding="utf-8")
    (out / "static").mkdir()
    for name in STATIC_FILES:
        (out / "static" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(STATIC_DIR / name, out / "static" / name)
    report = SiteReport(out, None, [p.stem for p in pages], len(exercises.compiled))
    if make_zip:
        report.zip_path = write_zip(out, zip_path)
    return report


def write_zip(folder: Path, target: Path) -> Path:
    """Zip ``folder`` as ``course-site/...`` with fixed dates and sorted entries (same files, same zip)."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return write_fixed_zip(
        target, ((f"{ZIP_FOLDER}/{p.relative_to(folder).as_posix()}", p.read_bytes()) for p in files)
    )


__all__ = ["SiteError", "SiteReport", "build_site", "refuse_student_release", "site_dir", "write_zip", "zip_file"]
