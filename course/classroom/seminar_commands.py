"""Command-line actions for the seminar hub: ``course submit``, ``hub-setup``, ``gradebook`` and
``class-summary --exchange``. Each prints what it did and returns 0, or 2 with the problems listed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from .exchange import ExchangeError


def _say_error(command: str, message: object) -> int:
    print(f"course {command}: {message}", file=sys.stderr)
    return 2


def run_submit(*, include_reflections: bool = False, show: bool = False, withdraw: bool = False) -> int:
    """Share the learner's answers with the seminar, show what is shared, or withdraw it."""
    from ..progress.errors import ProgressStoreError
    from . import seminar

    try:
        if withdraw:
            gone = seminar.withdraw()
            print("Withdrawn: the seminar no longer has your answers." if gone else "You had not shared anything.")
            return 0
        if show:
            now = seminar.shared()
            print(now.sentence() if now else "You have not shared anything with the seminar.")
            return 0
        done = seminar.share(include_reflections=include_reflections)
    except (ExchangeError, ProgressStoreError) as exc:
        return _say_error("submit", exc)
    print(f"Shared with the seminar, under your pseudonym. {done.sentence()} "
          "Run `course submit` again to replace it, or `course submit --withdraw` to take it back.")
    return 0


def run_hub_setup(exchange: str | None, instructors: str, learners: str, demo: bool) -> int:
    """Make (or check) the groups and the exchange; refuses to touch an exchange that is set up wrong."""
    from .hub import DEFAULT_EXCHANGE, hub_setup

    folder = Path(exchange or os.environ.get("COURSE_EXCHANGE") or DEFAULT_EXCHANGE)
    try:
        for line in hub_setup(folder, instructors, learners, demo=demo):
            print(line)
    except ExchangeError as exc:
        print(f"course hub-setup: {folder} is not as it must be, so nothing was changed:\n  {exc}\n"
              "Fix it by hand (see docs/deployment.md, 'The seminar exchange'), or choose another folder "
              "with --exchange.", file=sys.stderr)
        return 2
    except OSError as exc:
        return _say_error("hub-setup", f"cannot set up {folder} ({exc.strerror or exc})")
    return 0


def _exchange(arg: str | None) -> Path | None:
    value = arg or os.environ.get("COURSE_EXCHANGE")
    return Path(value) if value else None


def run_class_summary_exchange(exchange: str | None, out_dir: str | Path) -> int:
    """The class view from the command line: a page in ``out_dir``, skipped submissions listed."""
    from .class_view import load_class
    from .class_view_page import write_page

    folder = _exchange(exchange)
    if folder is None:
        return _say_error("class-summary", "give the exchange folder with --exchange DIR (or set COURSE_EXCHANGE)")
    try:
        data = load_class(folder)
    except ExchangeError as exc:
        return _say_error("class-summary", exc)
    try:
        page = write_page(data, Path(out_dir))
    except OSError as exc:
        return _say_error("class-summary", f"cannot write the report in {out_dir} ({exc.strerror or exc})")
    for bad in data.read.bad:
        print(f"skipped: {bad.reason}", file=sys.stderr)
    print(f"Wrote {page}: {data.shared} of {data.read.folders} learners have shared"
          f"{f'; {len(data.read.bad)} submission(s) skipped (listed above)' if data.read.bad else ''}.")
    return 2 if data.read.bad else 0


def run_gradebook(fmt: str, roster: str, exchange: str | None, out: str | None, key: str | None) -> int:
    """Write the participation CSV for Canvas or Moodle."""
    from .class_view import read_exchange
    from .exchange import read_key
    from .gradebook import build_gradebook, read_roster

    folder = _exchange(exchange)
    if folder is None:
        return _say_error("gradebook", "give the exchange folder with --exchange DIR (or set COURSE_EXCHANGE)")
    rows, problems = read_roster(Path(roster), fmt)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        return 2
    try:
        secret = _key_file(Path(key)) if key else read_key(folder)
        read = read_exchange(folder)
    except ExchangeError as exc:
        return _say_error("gradebook", exc)
    book = build_gradebook(read, rows, secret, fmt)
    target = Path(out or f"gradebook-{fmt}.csv")
    try:
        target.write_text(book.text, encoding="utf-8")
    except OSError as exc:
        return _say_error("gradebook", f"cannot write {target} ({exc.strerror or exc})")
    for bad in read.bad:
        print(f"skipped: {bad.reason}", file=sys.stderr)
    print(f"Wrote {target} for {fmt}: {len(rows)} learners on the roster, {book.matched} with a shared "
          f"submission, {len(book.missing)} without (left blank); completion only, never reflection text."
          + (f" {book.unmatched} submission(s) belong to nobody on the roster." if book.unmatched else ""))
    return 0


def _key_file(path: Path) -> bytes:
    from .exchange import BadFile, read_capped

    try:
        data, _ = read_capped(path, 1024)
    except (OSError, BadFile) as exc:
        raise ExchangeError(f"cannot read the seminar key {path} ({exc})") from None
    return data.strip()


def register(subparsers: Any) -> None:
    """Add ``submit``, ``hub-setup`` and ``gradebook`` to an argparse subparsers object."""
    from .gradebook import FORMATS
    from .hub import DEFAULT_INSTRUCTORS, DEFAULT_LEARNERS

    p = subparsers.add_parser("submit", help="share your answers with your seminar (on the seminar hub)")
    p.add_argument("--include-reflections", action="store_true",
                   help="also share your written reflections, this time only (default: left out)")
    p.add_argument("--show", action="store_true", help="show what you have shared")
    p.add_argument("--withdraw", action="store_true", help="take back what you shared")
    p.set_defaults(func=lambda a: run_submit(include_reflections=a.include_reflections, show=a.show,
                                             withdraw=a.withdraw))

    p = subparsers.add_parser("hub-setup", help="as root: make the seminar exchange and its groups, or check them")
    p.add_argument("--exchange", help="the exchange folder (default: $COURSE_EXCHANGE or /srv/course/exchange)")
    p.add_argument("--instructors", default=DEFAULT_INSTRUCTORS, help="the instructors' group")
    p.add_argument("--learners", default=DEFAULT_LEARNERS, help="the learners' group")
    p.add_argument("--demo", action="store_true", help="one account owns everything (no isolation; for trying out)")
    p.set_defaults(func=lambda a: run_hub_setup(a.exchange, a.instructors, a.learners, a.demo))

    p = subparsers.add_parser("gradebook", help="write a participation CSV for Canvas or Moodle")
    p.add_argument("--format", required=True, choices=FORMATS, dest="fmt")
    p.add_argument("--roster", required=True, help="CSV of the LMS's columns plus hub_user (see README)")
    p.add_argument("--exchange", help="the exchange folder (default: $COURSE_EXCHANGE)")
    p.add_argument("--key", help="the seminar key file (default: the one in the exchange)")
    p.add_argument("-o", "--out", help="file to write (default: gradebook-<format>.csv)")
    p.set_defaults(func=lambda a: run_gradebook(a.fmt, a.roster, a.exchange, a.out, a.key))
