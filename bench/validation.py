"""#5: ``course validate`` on the shipped data, in process, against ``yaml.safe_load`` of the same files.

The files are the YAML files ``validate_all()`` itself opens (seen with an audit hook during the
warm-up run), each loaded once by the floor. Before every run of ``validate_all()`` the course's
caches are cleared, so each run reads and checks everything again, as the command does.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from .report import Measure
from .stats import alternate, timed

ROUNDS = 9
_seen: list[set[str]] = []  # audit hooks cannot be removed: this one records only while a set is here


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _seen and event == "open" and isinstance(args[0], (str, Path)) and str(args[0]).endswith((".yaml", ".yml")):
        _seen[-1].add(str(args[0]))


def clear_course_caches() -> None:
    """Forget everything the course memoises (functools caches in course modules, the exercise index)."""
    for name, module in list(sys.modules.items()):
        if name != "course" and not name.startswith("course."):
            continue
        for obj in list(vars(module).values()):
            if callable(getattr(obj, "cache_clear", None)) and str(getattr(obj, "__module__", "")).startswith("course"):
                obj.cache_clear()
    registry = sys.modules.get("course.exercises.registry")
    if registry is not None and hasattr(registry, "clear_cache"):
        registry.clear_cache()


def files_read_by_validate() -> tuple[list[Path], int]:
    """The YAML files one ``validate_all()`` opens, and how many problems it reported."""
    from course.authoring.validate import validate_all

    sys.addaudithook(_audit)
    _seen.append(set())
    try:
        clear_course_caches()
        problems = validate_all()
    finally:
        files = _seen.pop()
    return sorted(Path(f) for f in files), len(problems)


def measure(rounds: int = ROUNDS) -> Measure:
    import yaml

    from course.authoring.validate import validate_all

    m = Measure(
        5,
        "course validate (validate_all(), caches cleared, in process)",
        "ms",
        "yaml.safe_load of the same files",
        max_ratio=3.0,
    )
    files, problems = files_read_by_validate()  # also the warm-up
    texts = {path: path.read_text(encoding="utf-8") for path in files}

    def validate() -> float:
        clear_course_caches()
        return timed(validate_all)

    def floor() -> float:
        return timed(lambda: [yaml.safe_load(path.read_text(encoding="utf-8")) for path in files])

    m.samples, m.floor_samples = alternate(validate, floor, rounds=rounds)
    m.notes = {
        "yaml_files": len(files),
        "yaml_bytes": sum(len(t.encode()) for t in texts.values()),
        "problems_reported": problems,
        "rounds": rounds,
    }
    return m
