"""Build the course site: ``build/site/`` and ``build/course-site.zip`` (``make site``).

For each notebook, in course order: the learner copy (no instructor or solution cells), links to other
notebooks pointed at their pages, every cell run with a fresh progress store, then the page (see
``cells``). Exercises are compiled to JSON (``compile``); the course map, the progress page, the search
index and the static files (``static/``) complete the site. Same sources give the same files.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .pages import Link

STATIC_DIR = Path(__file__).resolve().parents[1] / "delivery" / "site" / "static"  # moves beside this file
STATIC_FILES = ("scoring.js", "progress.js", "exercises.js", "site.js", "site.css", "print.css", "icon.svg")
ZIP_FOLDER = "course-site"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


class SiteError(Exception):
    """The site could not be built; the message says where and why."""


@dataclass
class SiteReport:
    """What ``build_site`` wrote."""

    out: Path
    zip_path: Path | None
    pages: list[str] = field(default_factory=list)
    exercises: int = 0
    problems: list[str] = field(default_factory=list)

    def size(self) -> int:
        """Bytes of every file in the site folder."""
        return sum(p.stat().st_size for p in self.out.rglob("*") if p.is_file())


def site_dir() -> Path:
    """``build/site/``."""
    from ..delivery import build_dir

    return build_dir() / "site"


def zip_file() -> Path:
    """``build/course-site.zip``."""
    from ..delivery import build_dir

    return build_dir() / "course-site.zip"


def reading_order(paths: list[Path], content: Any) -> list[Path]:
    """Notebooks in the order of the course map, then any others (the glossary) by name."""
    listed = [nb.id for nb in content.course.notebooks]
    by_stem = {p.stem: p for p in paths}
    return [by_stem[s] for s in listed if s in by_stem] + sorted(p for p in paths if p.stem not in listed)


class ExerciseSections:
    """Compiles each exercise once and gives its section HTML; keeps each page's specs."""

    def __init__(self, data: Path, link: Any) -> None:
        self.data = data
        self.link = link
        self.compiled: dict[str, dict[str, Any]] = {}
        self.problems: list[str] = []

    def spec(self, exercise_id: str) -> dict[str, Any] | None:
        from ..exercises.registry import load
        from .compile import compile_spec

        if exercise_id not in self.compiled:
            loaded = load(exercise_id, root=self.data)
            if loaded.spec is None:
                self.problems += [str(p) for p in loaded.problems]
                return None
            self.compiled[exercise_id] = compile_spec(loaded.spec, self.link)
            self.compiled[exercise_id]["_spec"] = loaded.spec
        return self.compiled[exercise_id]

    def section(self, exercise_id: str) -> str:
        from ..exercises.registry import load
        from ..handout_exercise import _BODIES
        from .pages import exercise_section, problem_section

        compiled = self.spec(exercise_id)
        if compiled is None:
            return problem_section(exercise_id, load(exercise_id, root=self.data).problems)
        spec = compiled["_spec"]
        return exercise_section(compiled, _BODIES[spec.type](spec))

    def for_page(self, ids: list[str]) -> dict[str, Any]:
        out = {}
        for exercise_id in ids:
            compiled = self.spec(exercise_id)
            if compiled is not None:
                out[exercise_id] = {k: v for k, v in compiled.items() if k != "_spec"}
        return out


def run_notebook(path: Path, known: set[str], timeout: int) -> Any:
    """The executed learner copy of one notebook (not run when it has no code)."""
    import nbformat

    from ..delivery import learner_copy, relink
    from ..handouts import HandoutError, execute

    nb = learner_copy(nbformat.read(str(path), as_version=4))
    for cell in nb.cells:
        if cell.get("cell_type") == "markdown":
            cell["source"] = relink(cell["source"], ".html", known)
    if any(c.get("cell_type") == "code" for c in nb.cells):
        try:
            execute(nb, path.parent, path.name, timeout)
        except HandoutError as exc:
            raise SiteError(str(exc)) from None
    return nb


def build_site(out: Path | None = None, *, notebooks: Path | None = None, data: Path | None = None,
               zip_path: Path | None = None, timeout: int = 300, make_zip: bool = True) -> SiteReport:
    """Write the site into ``out`` (default ``build/site/``, emptied first) and zip it."""
    from ..content import load_content
    from ..delivery import course_notebooks
    from ..paths import data_dir
    from .cells import notebook_page
    from .pages import PROGRESS_BODY, course_map, frame, site_data
    from .search import index_script, page_entries
    from .text import unique_ids, unlink_outside

    out = Path(out) if out is not None else site_dir()
    data = Path(data) if data is not None else data_dir()
    previous = os.environ.get("COURSE_DATA")
    os.environ["COURSE_DATA"] = str(data)  # the kernels, and the lookups here, read the same content
    try:
        content = load_content(data)
        paths = reading_order(course_notebooks(notebooks), content)
        if not paths:
            raise SiteError(f"{notebooks or 'notebooks/'}: no notebooks to build the site from")
        known = {p.stem for p in paths}
        site_pages = {f"{stem}.html" for stem in known} | {"index.html", "progress.html"}

        def link(href: str) -> str:
            from ..delivery import relink

            return relink(f"]({href})", ".html", known)[2:-1]

        sections = ExerciseSections(data, link)
        pages = []
        for path in paths:
            nb = run_notebook(path, known, timeout)
            pages.append(notebook_page(nb, path.stem, sections.section))
        if sections.problems:
            raise SiteError("\n".join(sections.problems + ["Fix the exercises above (course validate) and build again."]))

        _prepare(out)
        shared = site_data(content)
        titles = {p.stem: p.title for p in pages}
        order = [Link("index.html", "Course map")] + [Link(f"{p.stem}.html", p.title) for p in pages]
        search: list[dict[str, Any]] = []
        course_title = content.course.title

        def write(name: str, title: str, body: str, exercises: dict[str, Any] | None = None) -> None:
            at = [link.href for link in order].index(name) if name in [link.href for link in order] else None
            prev = order[at - 1] if at else None
            nxt = order[at + 1] if at is not None and at + 1 < len(order) else None
            html = frame(title=title, course_title=course_title, body=body, current=name, prev=prev,
                         next_=nxt, data=shared, exercises=exercises)
            (out / name).write_text(html, encoding="utf-8")

        index_body = course_map(content, titles)
        write("index.html", course_title, index_body)
        search += page_entries("index.html", "Course map", index_body)
        for page in pages:
            body = unique_ids(unlink_outside(page.body, site_pages))
            name = f"{page.stem}.html"
            write(name, page.title, body, sections.for_page(page.exercises + page.my_ratings))
            search += page_entries(name, page.title, body, glossary=page.stem == "glossary")
            for image, raw in page.images.items():
                target = out / image
                target.parent.mkdir(exist_ok=True)
                target.write_bytes(raw)
        write("progress.html", "Your progress", PROGRESS_BODY)
        (out / "search-index.js").write_text(index_script(search), encoding="utf-8")
        (out / "static").mkdir()
        for name in STATIC_FILES:
            shutil.copyfile(STATIC_DIR / name, out / "static" / name)
        report = SiteReport(out, None, [p.stem for p in pages], len(sections.compiled))
        if make_zip:
            report.zip_path = write_zip(out, Path(zip_path) if zip_path else zip_file())
        return report
    finally:
        if previous is None:
            os.environ.pop("COURSE_DATA", None)
        else:
            os.environ["COURSE_DATA"] = previous


def _prepare(out: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)


def write_zip(folder: Path, target: Path) -> Path:
    """Zip ``folder`` as ``course-site/...`` with fixed dates and sorted entries (same files, same zip)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{ZIP_FOLDER}/{path.relative_to(folder).as_posix()}", ZIP_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course.site", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help="site folder (default: build/site/)")
    parser.add_argument("--notebooks", type=Path, default=None, help="notebook folder (default: notebooks/)")
    parser.add_argument("--data", type=Path, default=None, help="content folder (default: data/)")
    parser.add_argument("--zip", type=Path, default=None, help="zip file (default: build/course-site.zip)")
    parser.add_argument("--no-zip", action="store_true", help="do not write the zip file")
    args = parser.parse_args(argv)
    try:
        report = build_site(args.out, notebooks=args.notebooks, data=args.data, zip_path=args.zip,
                            make_zip=not args.no_zip)
    except (SiteError, OSError) as exc:
        print(f"course site: {exc}", file=sys.stderr)
        return 2
    print(f"Wrote {report.out}: {len(report.pages) + 2} pages, {report.exercises} live exercises, "
          f"{report.size() / 1e6:.1f} MB" + (f"; {report.zip_path} ({report.zip_path.stat().st_size / 1e6:.1f} MB)"
                                             if report.zip_path else "") + ".")
    print("Open index.html in a browser, or put the folder on any static web host. It contains the "
          "exercises' answers: for graded work use the seminar hub or the student release.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
