"""Command-line actions ``course export`` and ``course class-summary`` (wired in ``course/cli.py``).

Each ``run_*`` prints what it did and returns an exit code: 0 ok, 2 with every problem listed.
"""
from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .errors import ProgressStoreError


def run_export(
    out: str | Path | None = None, *, name: str | None = None, include_reflections: bool = False
) -> int:
    """Write the current learner's export (default ``course-export-<learner id>.json`` here)."""
    from . import current
    from ..classroom.export import export_results, write_export

    try:
        store = current()
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
    print(f"Wrote {path}: {len(payload['attempts'])} answers and {len(payload['ratings'])} ratings"
          f"{extra}, under {shown}. Send this file to your instructor only if you choose to.")
    return 0


def _content() -> Any:
    """The course content for event order and titles, or None if it cannot be loaded."""
    try:
        from ..content import load_content
        from ..problems import ContentError

        try:
            return load_content()
        except (ContentError, OSError):
            return None
    except ImportError:
        return None


def run_class_summary(paths: Sequence[str | Path], out_dir: str | Path) -> int:
    """Summarise exports (files, or folders of ``*.json``) into ``out_dir``; refusals listed."""
    from ..classroom.summary import class_summary

    files: list[Path] = []
    for p in map(Path, paths):
        files.extend(sorted(p.glob("*.json")) if p.is_dir() else [p])
    try:
        report = class_summary(files, out_dir, content=_content())
    except OSError as exc:
        print(f"course class-summary: cannot write the report in {out_dir} ({exc.strerror or exc})",
              file=sys.stderr)
        return 2
    for refusal in report.refusals:
        print(refusal, file=sys.stderr)
    print(f"Wrote {report.html_path} from {report.learners} learners' exports"
          f"{f'; {len(report.refusals)} refused (listed above)' if report.refusals else ''}.")
    return 2 if report.refusals else 0


def register(subparsers: Any) -> None:
    """Add ``export`` and ``class-summary`` to an argparse subparsers object (sets ``func``)."""
    p = subparsers.add_parser("export", help="write your results to a file for your instructor")
    p.add_argument("-o", "--out", help="file to write (default: course-export-<id>.json)")
    p.add_argument("--name", help="put your name in the export (default: a pseudonym only)")
    p.add_argument("--include-reflections", action="store_true",
                   help="include your written reflections (default: left out)")
    p.set_defaults(func=lambda a: run_export(a.out, name=a.name,
                                             include_reflections=a.include_reflections))
    s = subparsers.add_parser("class-summary", help="summarise learners' exports for a seminar")
    s.add_argument("exports", nargs="+", help="export files, or folders holding them")
    s.add_argument("-o", "--out", default="class-summary", help="output folder (default: class-summary)")
    s.set_defaults(func=lambda a: run_class_summary(a.exports, a.out))

