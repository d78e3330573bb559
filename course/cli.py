"""The ``course`` command, the course's only command line: every subcommand is defined here.

For authors: ``validate``, ``sync-notebooks``. For learners: ``lab``, ``export``. For instructors:
``class-summary``, ``release``, and the delivery channels ``app`` (Voilà), ``site`` (the static website,
which is also the printable handouts) and ``lite`` (JupyterLite). Each subcommand hands off to the module that does the work.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import progress
from .authoring.notebook_sync import sync_all
from .authoring.sources import report, unverified
from .authoring.validate import validate_all
from .classroom.export import export_results, write_export
from .classroom.summary import class_summary
from .content import load_content, read_content
from .delivery.lab import run_lab
from .delivery.lite.build import build_site as build_lite
from .delivery.release.build import build_release
from .delivery.site.build import SiteError
from .delivery.site.build import build_site as build_static_site
from .delivery.voila.app import DEFAULT_PORT, server_command, stage
from .exercises.checks import count_released
from .paths import data_dir
from .problems import ContentError
from .progress.errors import ProgressStoreError


def _validate(args: argparse.Namespace) -> int:
    problems = validate_all(Path(args.path) if args.path else None)
    for problem in problems:
        print(problem)
    if args.sources:
        print(("\n" if problems else "") + report(unverified(Path(args.path) if args.path else None)))
    if problems:
        print(f"\n{len(problems)} problem(s) found. Fix them and run 'course validate' again.", file=sys.stderr)
        return 2
    print("All course content is valid.")
    released = count_released((Path(args.path) if args.path else data_dir()) / "exercises")
    if released:
        print(
            f"{released} exercise spec(s) come from a student release: answers stored as salted hashes were "
            "recovered and score full marks; the fixture self-tests were skipped (a release has no fixtures)."
        )
    return 0


def _lab(args: argparse.Namespace) -> int:
    return run_lab(port=args.port, open_browser=not args.no_browser)


def _sync(args: argparse.Namespace) -> int:
    content, problems = read_content()
    if problems or content is None:
        for problem in problems:
            print(problem)
        print("Fix the content first (course validate).", file=sys.stderr)
        return 2
    stale = sync_all(check_only=args.check, content=content)
    verb = "out of date" if args.check else "rewritten"
    for name in stale:
        print(name if " is missing" in name else f"{name}: {verb}")
    if args.check and stale:
        return 1
    print("Notebooks are in step with data/." if not stale or args.check else f"{len(stale)} notebook(s) updated.")
    return 0


def _release(args: argparse.Namespace) -> int:
    report = build_release(Path(args.out), salt=args.salt, force=args.force)
    for problem in report.problems:
        print(problem)
    if report.problems:
        print(f"\n{len(report.problems)} problem(s); the student release is not ready.", file=sys.stderr)
        return 2
    print(report.summary())
    return 0


def run_export(out: str | Path | None = None, *, name: str | None = None, include_reflections: bool = False) -> int:
    """Write the current learner's export (default ``course-export-<learner id>.json`` here)."""
    try:
        store = progress.current()
        for notice in store.take_notices():
            print(notice, file=sys.stderr)
        data = export_results(store, name=name, include_reflections=include_reflections)
    except ProgressStoreError as exc:
        print(f"course export: {exc}", file=sys.stderr)
        return 2
    learner = data["payload"]["learner"]["id"]
    path = Path(out) if out else Path(f"course-export-{learner}.json")
    try:
        write_export(data, path)
    except OSError as exc:
        print(f"course export: cannot write {path} ({exc.strerror or exc})", file=sys.stderr)
        return 2
    payload = data["payload"]
    shown = f"your name ({name.strip()})" if name and name.strip() else f"the pseudonym {learner}"
    extra = " and your reflections" if include_reflections else " (reflections not included)"
    print(
        f"Wrote {path}: {len(payload['attempts'])} answers and {len(payload['ratings'])} ratings"
        f"{extra}, under {shown}. Send this file to your instructor only if you choose to."
    )
    return 0


def _content() -> Any:
    """The course content for event order and titles, or None if it cannot be loaded."""
    try:
        return load_content()
    except (ContentError, OSError):
        return None


def run_class_summary(paths: Sequence[str | Path], out_dir: str | Path) -> int:
    """Summarise exports (files, or folders of ``*.json``) into ``out_dir``; refusals listed."""
    files: list[Path] = []
    for p in map(Path, paths):
        files.extend(sorted(p.glob("*.json")) if p.is_dir() else [p])
    try:
        report = class_summary(files, out_dir, content=_content())
    except OSError as exc:
        print(f"course class-summary: cannot write the report in {out_dir} ({exc.strerror or exc})", file=sys.stderr)
        return 2
    for refusal in report.refusals:
        print(refusal, file=sys.stderr)
    print(
        f"Wrote {report.html_path} from {report.learners} learners' exports"
        f"{f'; {len(report.refusals)} refused (listed above)' if report.refusals else ''}."
    )
    return 2 if report.refusals else 0


def _app(args: argparse.Namespace) -> int:
    try:
        root = stage()
    except (OSError, ValueError) as exc:
        print(f"Could not prepare the app: {exc}", file=sys.stderr)
        return 2
    if args.stage_only:
        print(f"Wrote {root}")
        return 0
    print(f"Starting the course app at http://127.0.0.1:{args.port}/ (stop it with Ctrl+C).", flush=True)
    try:
        return subprocess.call(server_command(root, args.port, open_browser=not args.no_browser))
    except KeyboardInterrupt:
        return 0


def _site(args: argparse.Namespace) -> int:
    try:
        import nbclient  # noqa: F401
    except ImportError:
        print("nbclient is not installed: pip install -e '.[site]' (make site does it).", file=sys.stderr)
        return 2
    try:
        report = build_static_site(
            args.out, notebooks=args.notebooks, data=args.data, zip_path=args.zip, make_zip=not args.no_zip
        )
    except (SiteError, OSError) as exc:
        print(f"course site: {exc}", file=sys.stderr)
        return 2
    print(report.summary())
    return 0


def _lite(args: argparse.Namespace) -> int:
    try:
        import jupyterlite_core  # noqa: F401
    except ImportError:
        print("JupyterLite is not installed: pip install -e '.[lite]' (make lite does it).", file=sys.stderr)
        return 2
    try:
        out = build_lite(args.out)
    except (RuntimeError, OSError) as exc:
        print(exc, file=sys.stderr)
        return 2
    print(
        f"Wrote {out}. Serve it with any static web server, e.g.:\n"
        f"  python -m http.server --bind 127.0.0.1 --directory {out} 8000\n"
        "Learners need an internet connection: the site fetches Pyodide and packages at run time."
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="course", description="Tools for the Jane and Susan course.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check data/ (vignette, codes, glossary, references, exercises)")
    p.add_argument("path", nargs="?", help="the content folder (default: the course's data/)")
    p.add_argument(
        "--sources",
        action="store_true",
        help="also list every detail still to check against a primary text (the verify: notes), with file and line",
    )
    p.set_defaults(func=_validate)

    p = sub.add_parser("lab", help="open the course in JupyterLab on 127.0.0.1")
    p.add_argument("--port", type=int, default=8888)
    p.add_argument("--no-browser", action="store_true", help="do not open a browser window")
    p.set_defaults(func=_lab)

    p = sub.add_parser("sync-notebooks", help="rewrite notebook headers, maps, references and navigation from data/")
    p.add_argument("--check", action="store_true", help="only report notebooks that are out of date")
    p.set_defaults(func=_sync)

    p = sub.add_parser("release", help="write the student version: no instructor cells, answers as salted hashes")
    p.add_argument("out", help="the folder to write (new or empty)")
    p.add_argument("--salt", help="salt for the answer hashes (default: derived from the course version)")
    p.add_argument("--force", action="store_true", help="replace what OUT holds (a .git folder in it is kept)")
    p.set_defaults(func=_release)

    p = sub.add_parser("export", help="write your results to a file for your instructor")
    p.add_argument("-o", "--out", help="file to write (default: course-export-<id>.json)")
    p.add_argument("--name", help="put your name in the export (default: a pseudonym only)")
    p.add_argument(
        "--include-reflections", action="store_true", help="include your written reflections (default: left out)"
    )
    p.set_defaults(func=lambda a: run_export(a.out, name=a.name, include_reflections=a.include_reflections))

    p = sub.add_parser("class-summary", help="summarise learners' exports for a seminar")
    p.add_argument("exports", nargs="+", help="export files, or folders holding them")
    p.add_argument("-o", "--out", default="class-summary", help="output folder (default: class-summary)")
    p.set_defaults(func=lambda a: run_class_summary(a.exports, a.out))

    p = sub.add_parser("app", help="the course as a self-study web app (Voila on 127.0.0.1, no code shown)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT)
    p.add_argument("--no-browser", action="store_true", help="do not open a browser window")
    p.add_argument("--stage-only", action="store_true", help="write build/app/ and stop")
    p.set_defaults(func=_app)

    p = sub.add_parser("site", help="the course as a static website in build/site/ (works offline; also the handouts)")
    p.add_argument("--out", type=Path, default=None, help="site folder (default: build/site/)")
    p.add_argument("--notebooks", type=Path, default=None, help="notebook folder (default: notebooks/)")
    p.add_argument("--data", type=Path, default=None, help="content folder (default: data/)")
    p.add_argument("--zip", type=Path, default=None, help="zip file (default: build/course-site.zip)")
    p.add_argument("--no-zip", action="store_true", help="do not write the zip file")
    p.set_defaults(func=_site)

    p = sub.add_parser("lite", help="a JupyterLite site in build/lite/ (learners need a connection)")
    p.add_argument("--out", type=Path, default=None, help="output folder (default: build/lite/)")
    p.set_defaults(func=_lite)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
