"""``course release OUT``: write the student version of the course into a folder.

The source must validate first. Then every shipped file (see ``release_files``) is copied, except that
notebooks lose their ``instructor`` and ``solution`` cells, exercise specs get salted hashes instead
of answers (see ``release_specs``), and the case-judgement test's forms lose their keys and reasons
altogether (``course.judgement.released``: that test is scored on the instructor's side only). The
result is checked like the course itself (``course validate``
on its data, generated notebook cells in step). Same sources and salt give byte-identical files: paths
are walked in sorted order and nothing carries a date. The default salt is derived from the course
version; ``--salt`` overrides it.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ... import __version__
from ...authoring.notebook_sync import sync_all
from ...authoring.validate import validate, validate_all
from ...content import load_content
from ...content.yaml_reader import load_yaml
from ...exercises.checks import check_file, exercise_files
from ...exercises.released import is_released
from ...judgement.released import released_yaml as released_form_yaml
from ...paths import repo_root
from ...problems import VALIDATE_HINT, Problem
from .files import learner_markdown, learner_notebook, shipped_files, without_verify_notes
from .specs import released_yaml

KEEP_ON_FORCE = frozenset({".git"})
ALLOWED_INSIDE = ("build", "dist")


@dataclass
class ReleaseReport:
    """What ``build_release`` wrote, or the problems that stopped it."""

    out: Path
    salt: str
    files: int = 0
    notebooks: int = 0
    cells_removed: int = 0
    specs: int = 0
    problems: list[Problem] = field(default_factory=list)
    accepted_in_text: int = 0  # texts that say which answer is accepted (``course validate --release``)

    def summary(self) -> str:
        """A few lines for the terminal."""
        return (
            f"Student release written to {self.out} (salt {self.salt}):\n"
            f"  {self.files} files; {self.notebooks} notebooks, {self.cells_removed} instructor or solution "
            "cell(s) removed;\n"
            f"  {self.specs} exercise specs, answers only as salted hashes (no fixtures, no model answers).\n"
            "Checked on the release: the content validates and the notebooks are in step with data/."
            + (
                f"\n{self.accepted_in_text} feedback text(s) say in plain words which answer is accepted; "
                "course validate --release lists them."
                if self.accepted_in_text
                else ""
            )
        )


def default_salt() -> str:
    """The salt used when none is given: derived from the course version, so it is stable."""
    return hashlib.sha256(f"jane-susan-course release {__version__}".encode()).hexdigest()[:16]


def build_release(
    out: Path, salt: str | None = None, *, force: bool = False, root: Path | None = None
) -> ReleaseReport:
    """Write the student release of the course at ``root`` (default: this repository) into ``out``."""
    root = Path(root).resolve() if root is not None else repo_root()
    report = ReleaseReport(Path(out), salt if salt is not None else default_salt())
    if not report.salt.strip():
        report.problems.append(
            Problem(
                "--salt", None, "", "is empty; give a salt with some characters, or leave it out to use the default"
            )
        )
        return report
    report.problems += _out_problems(Path(out), root, force) or _source_problems(root, report)
    if report.problems:
        return report
    try:
        _prepare(Path(out))
        _write_all(root, Path(out), report)
    except OSError as exc:
        where = exc.filename or out
        report.problems.append(
            Problem(
                str(where),
                None,
                "",
                f"could not be written ({exc.strerror or exc}); check the folder's permissions and free space",
            )
        )
        return report
    report.problems += check_release(Path(out))
    return report


def check_release(out: Path) -> list[Problem]:
    """``course validate`` on the release's data, and its notebooks' generated cells in step."""
    problems = validate_all(out / "data")
    if problems:
        return problems
    stale = sync_all(check_only=True, folder=out / "notebooks", content=load_content(out / "data"))
    return [
        Problem(
            str(out / "notebooks" / name),
            None,
            "",
            "is out of step with data/ in the release; "
            "run course sync-notebooks in the instructor's copy, then release again",
        )
        for name in stale
    ]


def _out_problems(out: Path, root: Path, force: bool) -> list[Problem]:
    where = out.resolve()

    def problem(message: str) -> list[Problem]:
        return [Problem(str(out), None, "", message)]

    if where == root or root.is_relative_to(where):
        return problem("is the course repository or holds it; write the release to a new folder")
    if where.is_relative_to(root) and not any(where.is_relative_to(root / d) for d in ALLOWED_INSIDE):
        return problem("is inside the course repository; write the release outside it, or under build/")
    if where.exists() and not where.is_dir():
        return problem("is a file; give the path of a new or empty folder")
    if where.is_dir() and any(where.iterdir()) and not force:
        return problem(
            "is not empty; choose a new folder, or pass --force to replace its contents (a .git folder in it is kept)"
        )
    return []


def _source_problems(root: Path, report: ReleaseReport | None = None) -> list[Problem]:
    found = validate(root / "data")
    problems = found.problems
    if report is not None:
        report.accepted_in_text = len(found.texts_in_release)
    if problems:
        return problems + [
            Problem(
                str(root / "data"),
                None,
                "",
                f"has problems (listed above); fix them and run {VALIDATE_HINT} before building a release",
            )
        ]
    problems = [
        Problem(
            str(p),
            None,
            "release",
            "this spec is already a student release; build the release from the instructor's copy of the course",
        )
        for p in exercise_files(root / "data" / "exercises")
        if is_released(load_yaml(p).data)
    ]
    stale = sync_all(check_only=True, folder=root / "notebooks", content=load_content(root / "data"))
    return problems + [
        Problem(
            str(root / "notebooks" / name),
            None,
            "",
            "is out of step with data/; run course sync-notebooks before building a release",
        )
        for name in stale
    ]


def _prepare(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for entry in sorted(out.iterdir()):
        if entry.name in KEEP_ON_FORCE:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def _write_all(root: Path, out: Path, report: ReleaseReport) -> None:
    files = shipped_files(root)
    shipped = frozenset(files)
    content = load_content(root / "data")
    for rel in files:
        source, target = root / rel, out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if rel.startswith("notebooks/") and rel.endswith(".ipynb"):
            text, removed = learner_notebook(source, rel, shipped)
            _write(target, text)
            report.notebooks += 1
            report.cells_removed += removed
        elif rel.startswith("data/exercises/") and rel.endswith((".yaml", ".yml")):
            _write(target, _released_spec(root, source, content, report.salt))
            report.specs += 1
        elif rel.startswith("data/judgement/") and rel.endswith((".yaml", ".yml")):
            _write(target, released_form_yaml(source.read_text(encoding="utf-8")))  # no keys, reasons or notes
        elif rel.startswith("data/") and rel.endswith((".yaml", ".yml")):
            _write(target, without_verify_notes(source.read_text(encoding="utf-8")))
        elif rel.endswith(".md"):
            _write(target, learner_markdown(source, rel, shipped))
        else:
            shutil.copyfile(source, target)
        shutil.copymode(source, target)
        report.files += 1


def _released_spec(root: Path, source: Path, content: Any, salt: str) -> str:
    folder = source.parent.relative_to(root / "data" / "exercises").as_posix()
    doc, spec, _ = check_file(source, content, folder=folder)  # the source validated above
    return released_yaml(doc.data, spec, salt)


def _write(target: Path, text: str) -> None:
    target.write_bytes(text.encode("utf-8"))
