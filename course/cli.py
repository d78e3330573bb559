"""The ``course`` command: validate content, start the lab, and the instructor's tools."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _validate(args: argparse.Namespace) -> int:
    from .exercises.released import count_released
    from .paths import data_dir
    from .authoring.validate import validate_all

    problems = validate_all(Path(args.path) if args.path else None)
    for problem in problems:
        print(problem)
    if problems:
        print(f"\n{len(problems)} problem(s) found. Fix them and run 'course validate' again.", file=sys.stderr)
        return 2
    print("All course content is valid.")
    released = count_released((Path(args.path) if args.path else data_dir()) / "exercises")
    if released:
        print(f"{released} exercise spec(s) come from a student release: answers stored as salted hashes were "
              "recovered and score full marks; the fixture self-tests were skipped (a release has no fixtures).")
    return 0


def _lab(args: argparse.Namespace) -> int:
    from .delivery.lab import run_lab

    return run_lab(port=args.port, open_browser=not args.no_browser)


def _sync(args: argparse.Namespace) -> int:
    from .content import read_content
    from .authoring.notebook_sync import sync_all

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
    from .delivery.release.build import build_release

    report = build_release(Path(args.out), salt=args.salt, force=args.force)
    for problem in report.problems:
        print(problem)
    if report.problems:
        print(f"\n{len(report.problems)} problem(s); the student release is not ready.", file=sys.stderr)
        return 2
    print(report.summary())
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="course", description="Tools for the Jane and Susan course.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check data/ (vignette, codes, glossary, references, exercises)")
    p.add_argument("path", nargs="?", help="the content folder (default: the course's data/)")
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

    from .progress.commands import register

    register(sub)
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
