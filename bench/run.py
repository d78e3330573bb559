"""Run the performance bench: ``make bench`` or ``python bench/run.py [--only 2,3]``.

Prints a table (Markdown) of every figure against its floor, measured in this same run, and writes
bench/results.json with the machine, the raw samples and their summaries. Exits 0 even when a
target is missed (the table says so); 1 only when a measurement itself could not be taken.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: import the `bench` package from the repository
    sys.path[0] = str(Path(__file__).resolve().parents[1])

from bench import class_view, explorer, figure, imports, machine, notebooks, share_burst, store, validation  # noqa: E402
from bench.report import Measure, say, table, write_json  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results.json"
NAMES = {
    1: "Execute every notebook",
    2: "import course",
    3: "Timeline figure to PNG",
    4: "Browser: Check to feedback",
    5: "course validate",
    6: "Progress-store writes",
    7: "Site: first paint of the largest page",
    8: "Event explorer built",
    9: "Browser: explorer step",
    10: "Class view over 30 submissions",
    11: "Class view over 300 submissions",
    12: "Class view over 3,000 submissions",
    13: "30 learners share at the same moment",
    14: "Site build, notebooks run at once",
    15: "Browser tests: Chromium CPU for 10 new pages",
}


def one_line(exc: BaseException, limit: int = 300) -> str:
    text = " ".join(f"{type(exc).__name__}: {exc}".split())
    return text if len(text) <= limit else text[:limit] + " ..."


def browser_click(clicks: int) -> Measure:
    from bench import click  # needs Playwright and the browser tests' helpers: only when asked for

    with tempfile.TemporaryDirectory(prefix="bench-lab-") as tmp:
        return click.measure(Path(tmp), clicks)


def site_first_paint() -> Measure:
    from bench import site  # needs Playwright, Chromium and the site's build: only when asked for

    return site.measure()


def site_build() -> Measure:
    from bench import site  # needs the site's build (nbclient): only when asked for

    return site.measure_build()


def browser_pages() -> Measure:
    from bench import browser_pages  # needs Playwright and Chromium: only when asked for

    return browser_pages.measure()


def browser_explorer_step(steps: int) -> Measure:
    from bench import explorer_step  # needs Playwright and the browser tests' helpers: only when asked for

    with tempfile.TemporaryDirectory(prefix="bench-lab-") as tmp:
        return explorer_step.measure(Path(tmp), steps)


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--only", default="1,2,3,4,5,6,7,8,9,10,11,12,13,14,15", help="comma-separated figure numbers (default: all)"
    )
    parser.add_argument("--rounds", type=int, default=5, help="rounds of #1, all notebooks each (default 5)")
    parser.add_argument("--clicks", type=int, default=30, help="timed clicks of #4, each side (default 30)")
    parser.add_argument("--steps", type=int, default=30, help="timed explorer steps of #9, each side (default 30)")
    parser.add_argument("--notebooks", type=Path, default=REPO / "notebooks", help="folder of notebooks for #1")
    parser.add_argument("--json", type=Path, default=RESULTS, help=f"where to write results (default {RESULTS})")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    steps: dict[int, Callable[[], Measure]] = {
        1: lambda: notebooks.measure(args.notebooks, args.rounds),
        2: imports.measure,
        3: figure.measure,
        4: lambda: browser_click(args.clicks),
        5: validation.measure,
        6: store.measure,
        7: site_first_paint,
        8: explorer.measure,
        9: lambda: browser_explorer_step(args.steps),
        10: class_view.measure,
        11: lambda: class_view.measure(rounds=10, learners=300, number=11),
        12: lambda: class_view.measure(rounds=3, learners=3000, number=12),
        13: share_burst.measure,
        14: site_build,
        15: browser_pages,
    }
    wanted = [int(n) for n in args.only.split(",") if n.strip()]
    unknown = [n for n in wanted if n not in steps]
    if unknown:
        print(f"--only: no figure {unknown}; choose from {sorted(steps)}", file=sys.stderr)
        return 2
    host = machine.describe()
    print(f"Bench on {machine.one_line(host)}", file=sys.stderr)
    started = time.perf_counter()
    measures: list[Measure] = []
    for number in wanted:
        say(f"#{number} {NAMES[number]} ...")
        begin = time.perf_counter()
        try:
            measures.append(steps[number]())
        except Exception as exc:  # one broken measurement must not hide the others
            traceback.print_exc()
            measures.append(Measure(number, NAMES[number], "s", "", error=one_line(exc)))
        say(f"#{number} took {time.perf_counter() - begin:.0f} s")
    seconds = time.perf_counter() - started
    args.json.parent.mkdir(parents=True, exist_ok=True)
    write_json(args.json, host, measures, seconds)
    print(f"\nMachine: {machine.one_line(host)}\n")
    print(table(measures))
    for m in measures:
        for name, cells in m.notes.get("notebooks_with_error_cells", {}).items():
            print(f"\nwarning: {name} has error outputs in cells {cells}; its time covers a broken run")
    missed = [f"#{m.number}" for m in measures if m.met is False]
    print(f"\nTargets missed: {', '.join(missed)}" if missed else "\nEvery target met.")
    print(f"Bench took {seconds:.0f} s; details in {args.json}")
    return 1 if any(m.error for m in measures) else 0


if __name__ == "__main__":
    sys.exit(main())
