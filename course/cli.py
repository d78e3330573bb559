"""The ``course`` command, the course's only command line: every subcommand is defined here.

For authors: ``validate``, ``sync-notebooks``. For learners: ``lab``, ``export``, ``submit`` (share
with the seminar on the hub), ``recover`` (read back a damaged progress file), ``anki`` (the review
questions as an Anki deck). ``review-schedule --simulate DAYS`` prints one simulated learner's reviews. For instructors: ``class-summary``,
``item-analysis``, ``gradebook``, ``hub-setup``, ``hub-add-learner``, ``hub-add-instructor``,
``release``, and the delivery channels ``app`` (Voilà), ``site`` (the static website, which is also the
printable handouts) and ``lite`` (JupyterLite). Each subcommand hands off to the module that does the work.

Import time: each subcommand imports its module when it runs (the one other place, beside the notebook
functions in ``course/__init__.py``, where the package imports its own modules inside functions). Those
modules bring pydantic, the content models and the delivery tools; loaded at start, they made
``course --help`` and ``course lab`` start about four times slower (some 230 to 350 ms against 60).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import progress
from .classroom.exchange import BadFile, ExchangeError, read_capped, read_key
from .delivery.hub.launch import DEFAULT_EXCHANGE, DEFAULT_INSTRUCTORS, DEFAULT_LEARNERS, hub_setup
from .paths import data_dir
from .problems import VALIDATE_HINT, ContentError
from .progress.errors import ProgressStoreError

#: ``course gradebook --format``; the same as ``classroom.gradebook.FORMATS`` (a test keeps them equal), named
#: here so that ``course --help`` need not load the content models the gradebook imports.
GRADEBOOK_FORMATS = ("canvas", "moodle")
#: ``course gradebook --measure``; the same as ``classroom.rescore.MEASURES`` (a test keeps them equal).
GRADEBOOK_MEASURES = ("answered", "correct")
#: ``course site --jobs``'s default at most; the same as ``delivery.site.parallel.MAX_JOBS`` (a test keeps them
#: equal), named here for the same reason.
SITE_MAX_JOBS = 4


def _validate(args: argparse.Namespace) -> int:
    from .authoring.option_lengths import longest_keys
    from .authoring.sources import report, unverified
    from .authoring.validate import validate
    from .exercises.checks import count_released

    found = validate(Path(args.path) if args.path else None)
    problems = found.problems
    for problem in problems:
        print(problem)
    if args.sources:
        print(("\n" if problems else "") + report(unverified(Path(args.path) if args.path else None)))
    if args.release:
        _print_plain_answers(found.texts_in_release)
    if problems:
        _print_warnings(found.warnings)
        print(f"\n{len(problems)} problem(s) found. Fix them and run {VALIDATE_HINT} again.", file=sys.stderr)
        return 2
    print("All course content is valid.")
    _print_warnings(found.warnings)
    summary = longest_keys((Path(args.path) if args.path else data_dir()) / "exercises").summary()
    if summary:
        print(summary)
    released = count_released((Path(args.path) if args.path else data_dir()) / "exercises")
    if released:
        print(
            f"{released} exercise spec(s) come from a student release: answers stored as salted hashes were "
            "recovered and score full marks; the fixture self-tests were skipped (a release has no fixtures)."
        )
    return 0


def _print_warnings(warnings: Sequence[Any]) -> None:
    if warnings:
        print(f"\n{len(warnings)} warning(s): the course works, but check these:")
        for warning in warnings:
            print(warning)


def _print_plain_answers(texts: Sequence[Any]) -> None:
    if not texts:
        print("\nIn the student release, no feedback says which answer is accepted.")
        return
    print(f"\nIn the student release, {len(texts)} text(s) say in plain words which answer is accepted:")
    for text in texts:
        print(text)


def _lab(args: argparse.Namespace) -> int:
    from .delivery.lab import run_lab

    return run_lab(port=args.port, open_browser=not args.no_browser, instructor=args.instructor)


def _sync(args: argparse.Namespace) -> int:
    from .authoring.notebook_sync import sync_all
    from .content import read_content

    content, problems = read_content()
    if problems or content is None:
        for problem in problems:
            print(problem)
        print(f"Fix the content first, then run {VALIDATE_HINT} to check it.", file=sys.stderr)
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


def run_export(out: str | Path | None = None, *, name: str | None = None, include_reflections: bool = False) -> int:
    """Write the current learner's export (default ``course-export-<learner id>.json`` here)."""
    from .classroom.export import contents, export_results, write_export

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
    print(
        f"Wrote {path}: {contents(payload, include_reflections)}, under {shown}. "
        "Send this file to your instructor only if you choose to."
    )
    return 0


def run_recover(damaged: str | Path, *, into: str | Path | None = None, export: str | Path | None = None) -> int:
    """Read back what a damaged (kept) progress file holds, into a progress store or an export file."""
    from .progress import salvage

    source = Path(damaged)
    if not source.is_file():
        return _say_error("recover", f"{source} is not a file; name the kept progress file (*.corrupt-*)")
    found = salvage.read_damaged(source)
    print(f"{source}: {found.describe()}")
    if found.problem:
        return 2
    try:
        if export is not None:
            return _recover_to_export(found, Path(export))
        target = Path(into) if into else progress.default_path()
        with progress.ProgressStore(target) as store:
            added = store.restore(found)
    except ProgressStoreError as exc:
        return _say_error("recover", exc)
    new = sum(added[t] for t in ("attempts", "reflections", "ratings"))
    print(f"Added {new} of them to {target} (rows it already held were not added again).")
    return 0


def _recover_to_export(found: Any, out: Path) -> int:
    """Write what was salvaged as an export file (reflections included: the file is the learner's own)."""
    import tempfile

    from .classroom.export import export_results, write_export

    with tempfile.TemporaryDirectory(prefix="course-recover-") as tmp:
        with progress.ProgressStore(Path(tmp) / "recovered.sqlite3") as store:
            store.restore(found)
            data = export_results(store, include_reflections=True)
    try:
        write_export(data, out)
    except OSError as exc:
        return _say_error("recover", f"cannot write {out} ({exc.strerror or exc})")
    print(f"Wrote {out}, with the recovered reflections: it is yours; share it only if you choose to.")
    return 0


def _content() -> Any:
    """The course content for event order and titles, or None if it cannot be loaded."""
    from .content import load_content

    try:
        return load_content()
    except (ContentError, OSError):
        return None


def run_class_summary(paths: Sequence[str | Path], out_dir: str | Path) -> int:
    """Summarise exports (files, or folders of ``*.json``) into ``out_dir``; refusals listed."""
    from .classroom.summary import class_summary

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


def _say_error(command: str, message: object) -> int:
    print(f"course {command}: {message}", file=sys.stderr)
    return 2


def _exchange_folder(arg: str | None) -> Path | None:
    value = arg or os.environ.get("COURSE_EXCHANGE")
    return Path(value) if value else None


def _class_or_none(command: str, exchange: str | None) -> Any:
    """The class view's numbers from the exchange, or None after saying on stderr why they cannot be read."""
    from .classroom.class_view import load_class

    folder = _exchange_folder(exchange)
    if folder is None:
        _say_error(command, "give the exchange folder with --exchange DIR (or set COURSE_EXCHANGE)")
        return None
    try:
        return load_class(folder)
    except ExchangeError as exc:
        _say_error(command, exc)
        return None


def run_class_summary_exchange(exchange: str | None, out_dir: str | Path, return_results: bool = False) -> int:
    """The class view from the command line: a page in ``out_dir``; skipped submissions listed.

    ``return_results``: also write each learner's case-judgement results into their return folder.
    """
    from .classroom.class_view_page import write_page

    data = _class_or_none("class-summary", exchange)
    if data is None:
        return 2
    if return_results and _return_results(data) != 0:
        return 2
    try:
        page = write_page(data, Path(out_dir))
    except OSError as exc:
        return _say_error("class-summary", f"cannot write the report in {out_dir} ({exc.strerror or exc})")
    for bad in data.read.bad:
        print(f"skipped: {bad.reason}", file=sys.stderr)
    skipped = f"; {len(data.read.bad)} submission(s) skipped (listed above)" if data.read.bad else ""
    print(f"Wrote {page}: {data.shared} of {data.read.folders} learners have shared{skipped}.")
    return 2 if data.read.bad else 0


def _return_results(data: Any) -> int:
    """Return the case-judgement results of every learner who shared both sittings; say what was done."""
    from .classroom.judgement_class import return_results

    found = data.judgement
    if found is None or not found.available:
        return _say_error("class-summary", "this copy of the course has no scorable case-judgement forms to return")
    done, problems = return_results(data.read.exchange, found)
    for problem in problems:
        print(f"not returned: {problem}", file=sys.stderr)
    waiting = f"; {found.one_sitting} learner(s) shared one sitting only" if found.one_sitting else ""
    print(f"Returned the case-judgement results of {len(done)} learner(s) who shared both sittings{waiting}.")
    return 2 if problems else 0


def run_item_analysis(exchange: str | None, out: str | Path) -> int:
    """The item analysis of the class's shared first attempts, as a CSV for the instructor's own tools."""
    import csv

    from .classroom.item_analysis import CSV_COLUMNS, csv_rows

    data = _class_or_none("item-analysis", exchange)
    if data is None:
        return 2
    path = Path(out)
    try:
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS)
            writer.writeheader()
            writer.writerows(csv_rows(data.items))
    except OSError as exc:
        return _say_error("item-analysis", f"cannot write {path} ({exc.strerror or exc})")
    for bad in data.read.bad:
        print(f"skipped: {bad.reason}", file=sys.stderr)
    flagged = sum(r.flagged for r in data.items)
    print(
        f"Wrote {path}: {len(data.items)} exercises from {data.shared} learners' first attempts; "
        f"{flagged} flagged for a second look at the key (flagged rows first)."
    )
    return 2 if data.read.bad else 0


def _class_summary(args: argparse.Namespace) -> int:
    if args.exchange:
        if args.exports:
            return _say_error("class-summary", "give either export files or --exchange, not both")
        return run_class_summary_exchange(args.exchange, args.out, args.return_results)
    if args.return_results:
        return _say_error("class-summary", "--return-results works with --exchange DIR (the seminar hub's exchange)")
    if not args.exports:
        return _say_error("class-summary", "give export files or folders, or --exchange DIR")
    return run_class_summary(args.exports, args.out)


def run_submit(*, include_reflections: bool = False, show: bool = False, withdraw: bool = False) -> int:
    """Share the learner's answers with the seminar, show what is shared, or withdraw it."""
    from .classroom import seminar

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
    print(
        f"Shared with the seminar, under your pseudonym. {done.sentence()} "
        "Run `course submit` again to replace it, or `course submit --withdraw` to take it back."
    )
    return 0


def _hub_setup(args: argparse.Namespace) -> int:
    folder = _exchange_folder(args.exchange) or Path(DEFAULT_EXCHANGE)
    try:
        for line in hub_setup(folder, args.instructors, args.learners, demo=args.demo):
            print(line)
    except ExchangeError as exc:
        print(
            f"course hub-setup: {folder} is not as it must be, so nothing was changed:\n  {exc}\n"
            "Fix it by hand (see docs/deployment.md, 'The seminar exchange'), or choose another folder "
            "with --exchange.",
            file=sys.stderr,
        )
        return 2
    except OSError as exc:
        return _say_error("hub-setup", f"cannot set up {folder} ({exc.strerror or exc})")
    return 0


def _hub_add(role: str, name: str) -> int:
    from .delivery.hub.accounts import AccountError, add_account, added_text
    from .delivery.hub.launch import HubSettings

    try:
        added = add_account(name, role)
    except (AccountError, ExchangeError) as exc:
        return _say_error(f"hub-add-{role}", exc)
    print(added_text(added, HubSettings.from_env().url))
    return 0


def _key_file(path: Path) -> bytes:
    try:
        data, _ = read_capped(path, 1024, what="a seminar key")
    except (OSError, BadFile) as exc:
        raise ExchangeError(f"cannot read the seminar key {path} ({exc})") from None
    return data.strip()


def run_gradebook(
    fmt: str, roster: str, exchange: str | None, out: str | None, key: str | None, measure: str = "answered"
) -> int:
    """Write the participation CSV for Canvas or Moodle; non-zero when a submission was skipped."""
    from .classroom.class_view import read_exchange
    from .classroom.gradebook import build_gradebook, read_roster

    folder = _exchange_folder(exchange)
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
    book = build_gradebook(read, rows, secret, fmt, measure=measure)
    target = Path(out or f"gradebook-{fmt}.csv")
    try:
        target.write_text(book.text, encoding="utf-8")
    except OSError as exc:
        return _say_error("gradebook", f"cannot write {target} ({exc.strerror or exc})")
    for bad in read.bad:
        print(f"skipped: {bad.reason}", file=sys.stderr)
    for note in book.ignored:
        print(f"ignored: {note}", file=sys.stderr)
    unmatched = f" {book.unmatched} submission(s) belong to nobody on the roster." if book.unmatched else ""
    skipped = f" {len(read.bad)} submission(s) skipped (listed above)." if read.bad else ""
    print(
        f"Wrote {target} for {fmt}: {len(rows)} learners on the roster, {book.matched} with a shared "
        f"submission, {len(book.missing)} without (left blank); % {measure}, scored again from the shared "
        f"answers; never reflection text.{unmatched}{skipped}"
    )
    return 2 if read.bad else 0


def _app(args: argparse.Namespace) -> int:
    from .delivery.voila.app import DEFAULT_PORT, server_command, stage

    port = args.port if args.port is not None else DEFAULT_PORT
    try:
        root = stage()
    except (OSError, ValueError) as exc:
        print(f"Could not prepare the app: {exc}", file=sys.stderr)
        return 2
    if args.stage_only:
        print(f"Wrote {root}")
        return 0
    print(f"Starting the course app at http://127.0.0.1:{port}/ (stop it with Ctrl+C).", flush=True)
    try:
        return subprocess.call(server_command(root, port, open_browser=not args.no_browser))
    except KeyboardInterrupt:
        return 0


def _site(args: argparse.Namespace) -> int:
    try:
        import nbclient  # noqa: F401
    except ImportError:
        print("nbclient is not installed: pip install -e '.[site]' (make site does it).", file=sys.stderr)
        return 2
    from .delivery.site.build import SiteError
    from .delivery.site.build import build_site as build_static_site

    try:
        report = build_static_site(
            args.out,
            notebooks=args.notebooks,
            data=args.data,
            zip_path=args.zip,
            make_zip=not args.no_zip,
            jobs=args.jobs,
        )
    except (SiteError, OSError) as exc:
        print(f"course site: {exc}", file=sys.stderr)
        return 2
    print(report.summary())
    return 0


def _at_least_one(text: str) -> int:
    """An option's whole number of 1 or more (``argparse`` names the option when it is not)."""
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more")
    return number


def _lite(args: argparse.Namespace) -> int:
    try:
        import jupyterlite_core  # noqa: F401
    except ImportError:
        print("JupyterLite is not installed: pip install -e '.[lite]' (make lite does it).", file=sys.stderr)
        return 2
    from .delivery.lite.build import build_site as build_lite

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
    p.add_argument(
        "--release",
        action="store_true",
        help="also list the feedback that says which answer is accepted (plain text in the student release)",
    )
    p.set_defaults(func=_validate)

    p = sub.add_parser("lab", help="open your own copy of the course in JupyterLab on 127.0.0.1")
    p.add_argument("--port", type=int, default=8888)
    p.add_argument("--no-browser", action="store_true", help="do not open a browser window")
    p.add_argument(
        "--instructor",
        action="store_true",
        help="serve the whole course folder instead: the full notebooks with instructor notes, data/ and docs/",
    )
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

    p = sub.add_parser("recover", help="read back what a damaged progress file still holds (the kept *.corrupt-* file)")
    p.add_argument("file", help="the damaged progress file, as kept beside your progress file")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--into", help="the progress file to add the rows to (default: your progress file)")
    where.add_argument("--export", help="write them to this export file instead of a progress file")
    p.set_defaults(func=lambda a: run_recover(a.file, into=a.into, export=a.export))

    p = sub.add_parser("class-summary", help="summarise learners' exports, or the seminar exchange, for a seminar")
    p.add_argument("exports", nargs="*", help="export files, or folders holding them")
    p.add_argument("--exchange", help="read the seminar exchange folder instead (the class view as a page)")
    p.add_argument("-o", "--out", default="class-summary", help="output folder (default: class-summary)")
    p.add_argument(
        "--return-results",
        action="store_true",
        help="with --exchange: give each learner who shared both sittings of the case-judgement test their "
        "results, item by item (only that learner can read them)",
    )
    p.set_defaults(func=_class_summary)

    p = sub.add_parser("item-analysis", help="difficulty, discrimination and suspect keys of every exercise, as a CSV")
    p.add_argument("--exchange", help="the exchange folder (default: $COURSE_EXCHANGE)")
    p.add_argument("-o", "--out", default="item-analysis.csv", help="file to write (default: item-analysis.csv)")
    p.set_defaults(func=lambda a: run_item_analysis(a.exchange, a.out))

    p = sub.add_parser("submit", help="share your answers with your seminar (on the seminar hub)")
    p.add_argument(
        "--include-reflections", action="store_true", help="also share your written reflections, this time only"
    )
    p.add_argument("--show", action="store_true", help="show what you have shared")
    p.add_argument("--withdraw", action="store_true", help="take back what you shared")
    p.set_defaults(
        func=lambda a: run_submit(include_reflections=a.include_reflections, show=a.show, withdraw=a.withdraw)
    )

    p = sub.add_parser("hub-setup", help="as root: make the seminar exchange and its groups, or check them")
    p.add_argument("--exchange", help=f"the exchange folder (default: $COURSE_EXCHANGE or {DEFAULT_EXCHANGE})")
    p.add_argument("--instructors", default=DEFAULT_INSTRUCTORS, help="the instructors' group")
    p.add_argument("--learners", default=DEFAULT_LEARNERS, help="the learners' group")
    p.add_argument("--demo", action="store_true", help="one account owns everything (no isolation; for trying out)")
    p.set_defaults(func=_hub_setup)

    for role in ("learner", "instructor"):
        p = sub.add_parser(
            f"hub-add-{role}",
            help=f"as root: make a hub account in the {role}s' group, private home, first password to change",
        )
        p.add_argument("name", help="the user name (lowercase letters, digits, - and _)")
        p.set_defaults(func=lambda a, role=role: _hub_add(role, a.name))

    p = sub.add_parser("gradebook", help="write a participation CSV for Canvas or Moodle from the seminar exchange")
    p.add_argument("--format", required=True, choices=GRADEBOOK_FORMATS, dest="fmt")
    p.add_argument("--roster", required=True, help="CSV of the LMS's columns plus hub_user (see the README)")
    p.add_argument("--exchange", help="the exchange folder (default: $COURSE_EXCHANGE)")
    p.add_argument("--key", help="the seminar key file (default: the one in the exchange)")
    p.add_argument(
        "--measure",
        choices=GRADEBOOK_MEASURES,
        default="answered",
        help="what counts: answered (default: attempted at least once, or a reflection saved) or correct "
        "(full marks or an accepted alternative)",
    )
    p.add_argument("-o", "--out", help="file to write (default: gradebook-<format>.csv)")
    p.set_defaults(func=lambda a: run_gradebook(a.fmt, a.roster, a.exchange, a.out, a.key, a.measure))

    p = sub.add_parser("app", help="the course as a self-study web app (Voila on 127.0.0.1, no code shown)")
    p.add_argument("--port", type=int, default=None, help="port on 127.0.0.1 (default: the course app's port)")
    p.add_argument("--no-browser", action="store_true", help="do not open a browser window")
    p.add_argument("--stage-only", action="store_true", help="write build/app/ and stop")
    p.set_defaults(func=_app)

    p = sub.add_parser("site", help="the course as a static website in build/site/ (works offline; also the handouts)")
    p.add_argument("--out", type=Path, default=None, help="site folder (default: build/site/)")
    p.add_argument("--notebooks", type=Path, default=None, help="notebook folder (default: notebooks/)")
    p.add_argument("--data", type=Path, default=None, help="content folder (default: data/)")
    p.add_argument("--zip", type=Path, default=None, help="zip file (default: build/course-site.zip)")
    p.add_argument("--no-zip", action="store_true", help="do not write the zip file")
    p.add_argument(
        "--jobs",
        type=_at_least_one,
        default=None,
        help=f"notebooks run at once, each in its own kernel (default: one per core, at most {SITE_MAX_JOBS})",
    )
    p.set_defaults(func=_site)

    p = sub.add_parser("anki", help="write the reviewable exercises as an Anki deck (.apkg)")
    p.add_argument("--out", default="jane-susan-review.apkg", help="the deck file (default: %(default)s)")
    p.set_defaults(func=lambda a: run_anki(a.out))

    p = sub.add_parser("review-schedule", help="one simulated learner's review schedule, day by day (FSRS)")
    p.add_argument("--simulate", type=int, metavar="DAYS", required=True, help="how many days to simulate")
    p.add_argument("--seed", type=int, default=2017, help="the random seed (default: %(default)s)")
    p.add_argument("--start", help="the first day, YYYY-MM-DD (default: 2026-01-05)")
    p.add_argument("--json", action="store_true", help="print the reviews as JSON (for replaying elsewhere)")
    p.set_defaults(func=lambda a: run_review_schedule(a.simulate, a.seed, a.start, a.json))

    p = sub.add_parser("lite", help="a JupyterLite site in build/lite/ (learners need a connection)")
    p.add_argument("--out", type=Path, default=None, help="output folder (default: build/lite/)")
    p.set_defaults(func=_lite)
    return parser


def run_anki(out: str | Path) -> int:
    """Write the reviewable exercises as an Anki deck (.apkg)."""
    from .review.anki import write_deck

    try:
        path, notes = write_deck(out)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return _say_error("anki", f"the course content has problems; run {VALIDATE_HINT}")
    except OSError as exc:
        return _say_error("anki", f"cannot write {out} ({exc.strerror or exc})")
    print(f"Wrote {path}: {notes} notes, one per reviewable exercise. In Anki: File > Import.")
    return 0


def run_review_schedule(days: int, seed: int, start: str | None, as_json: bool) -> int:
    """Print one simulated learner's reviews over ``days`` days (date, exercise, rating, next due)."""
    from datetime import date

    from .review.queue import reviewable
    from .review.simulate import START, simulate

    if days < 1 or days > 3650:
        return _say_error("review-schedule", f"--simulate takes a number of days from 1 to 3650, not {days}")
    try:
        first = date.fromisoformat(start) if start else START
    except ValueError:
        return _say_error("review-schedule", f"--start is {start!r}; write a date as YYYY-MM-DD")
    log = simulate(reviewable(), days, seed=seed, start=first)
    try:
        _print_schedule(log, days, seed, first, as_json)
    except BrokenPipeError:  # `| head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def _print_schedule(log: list[Any], days: int, seed: int, first: Any, as_json: bool) -> None:
    import json

    from .review.rating import RATINGS
    from .review.schedule import iso

    if as_json:
        rows = [
            {"exercise_id": r.exercise_id, "rating": r.rating, "reviewed_at": iso(r.when), "card": r.card} for r in log
        ]
        print(json.dumps({"seed": seed, "start": first.isoformat(), "days": days, "reviews": rows}, indent=1))
        return
    print(f"One simulated learner, {days} days from {first.isoformat()} (seed {seed}); times in UTC.")
    print(f"{'reviewed':<17} {'exercise':<34} {'rating':<6} next due")
    for r in log:
        gap = r.next_due - r.when
        after = f"{gap.days} d" if gap.days else f"{round(gap.total_seconds() / 60)} min"
        print(
            f"{r.when:%Y-%m-%d %H:%M}  {r.exercise_id:<34} {RATINGS[r.rating]:<6} {r.next_due:%Y-%m-%d %H:%M} (+{after})"
        )
    recalled = sum(1 for r in log if r.rating != 1)
    print(f"{len(log)} reviews, {recalled} recalled ({round(100 * recalled / len(log)) if log else 0}%).")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
