"""Find an exercise by id across data/exercises/ and check it strictly before it is shown."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content import load_content
from ..content.yaml_reader import load_yaml
from ..paths import data_dir
from ..problems import VALIDATE_ALSO, VALIDATE_COMMAND, ContentError, Problem
from ..safe_html import esc
from .checks import check_file, exercise_files
from .types import AnySpec

_index_cache: dict[tuple[Any, ...], dict[str, list[Path]]] = {}
_spec_cache: dict[tuple[Any, ...], tuple[AnySpec | None, list[Problem]]] = {}


@dataclass
class Loaded:
    """A spec ready to show (``spec``), or the problems that stop it from being shown."""

    exercise_id: str
    spec: AnySpec | None = None
    path: Path | None = None
    problems: list[Problem] = field(default_factory=list)


def _signature(files: list[Path]) -> tuple[Any, ...]:
    out = []
    for path in files:
        try:
            out.append((str(path), path.stat().st_mtime_ns))
        except OSError:
            out.append((str(path), None))
    return tuple(out)


def index(exercises_dir: Path) -> dict[str, list[Path]]:
    """Exercise id -> files that declare it. Cached; re-read when a file is added, removed or edited."""
    files = exercise_files(exercises_dir)
    key = (str(exercises_dir), _signature(files))
    if key not in _index_cache:
        found: dict[str, list[Path]] = {}
        for path in files:
            data = load_yaml(path).data
            ex_id = data.get("id") if isinstance(data, dict) else None
            found.setdefault(str(ex_id) if ex_id is not None else path.stem, []).append(path)
        _index_cache.clear()
        _index_cache[key] = found
    return _index_cache[key]


def clear_cache() -> None:
    """Forget cached exercise lookups and checked specs (the content cache is separate)."""
    _index_cache.clear()
    _spec_cache.clear()


def load(exercise_id: str, root: Path | None = None) -> Loaded:
    """Find, validate, cross-check and self-test one exercise. Never raises for bad content."""
    exercise_id = str(exercise_id)
    root = Path(root) if root is not None else data_dir()
    exercises_dir = root / "exercises"
    loaded = Loaded(exercise_id)
    files = index(exercises_dir).get(exercise_id, [])
    if not files:
        known = sorted(index(exercises_dir))
        close = difflib.get_close_matches(exercise_id, known, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else "; check the id in the exercise's YAML file"
        loaded.problems.append(Problem(str(exercises_dir), None, "id", f"no exercise has the id '{exercise_id}'{hint}"))
        return loaded
    if len(files) > 1:
        names = ", ".join(str(p) for p in files)
        loaded.problems.append(
            Problem(
                str(files[1]),
                None,
                "id",
                f"'{exercise_id}' is the id of more than one exercise ({names}); ids must be unique",
            )
        )
        return loaded
    content, content_problems = _content(root)
    if content is None:
        loaded.problems += content_problems
        return loaded
    path = files[0]
    key = (_signature([path]), id(content))
    if key not in _spec_cache:
        folder = path.parent.relative_to(exercises_dir).as_posix()
        _, spec, problems = check_file(path, content, folder=folder)
        _spec_cache[key] = (spec, problems)
    spec, problems = _spec_cache[key]
    loaded.path, loaded.problems = path, list(problems)
    loaded.spec = spec if not problems else None
    return loaded


def _content(root: Path) -> tuple[Any, list[Problem]]:
    try:
        return load_content(root), []
    except ContentError as exc:
        return None, exc.problems


def problems_widget(exercise_id: str, problems: list[Problem]) -> Any:
    """An HTML widget listing what stops the exercise from being shown (no traceback)."""
    import ipywidgets as w

    rows = "".join(f"<li><code>{esc(p)}</code></li>" for p in problems)
    return w.HTML(
        value=(
            f'<div class="cx-feedback cx-wrong" role="alert"><p><strong>The exercise '
            f"'{esc(exercise_id)}' cannot be shown.</strong> What is wrong, and where:</p><ul>{rows}</ul>"
            f"<p>After fixing it, check every course file: run <code>{VALIDATE_COMMAND}</code> in a terminal in the "
            f"course folder, or <code>{VALIDATE_ALSO}</code> in a JupyterLab terminal.</p></div>"
        )
    )
