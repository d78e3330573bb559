"""A pure-Python wheel of the course with its content inside (``course/_data/``), for JupyterLite.

Written directly with ``zipfile`` (no build backend, no network): the ``course`` package's source
files, a copy of ``data/`` as package data, and the ``.dist-info`` metadata. Dependencies are the
course's runtime dependencies less those that cannot exist in a browser (JupyterLab itself, and
nbformat, which only the authoring tools use) or serve only a terminal command (genanki, ``course anki``). Timestamps are fixed, so the same tree gives the
same wheel.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from ... import __version__
from ...paths import data_dir, repo_root
from ..fixed_zip import write_fixed_zip

DIST = "jane-susan-course"
NOT_IN_BROWSER = {"jupyterlab", "nbformat", "genanki"}  # genanki: `course anki` only, a terminal command
_SKIP_PARTS = {"__pycache__", ".ipynb_checkpoints", "_data"}


def browser_requirements() -> list[str]:
    """Runtime requirements of the installed course, without the extras and the desktop-only ones."""
    from importlib import metadata

    try:
        requires = metadata.requires(DIST) or []
    except metadata.PackageNotFoundError:
        raise RuntimeError(f"{DIST} is not installed in this environment; run: pip install -e .") from None
    out = []
    for req in requires:
        if "extra ==" in req:
            continue
        name = req.split(";")[0].strip()
        base = name.split("[")[0]
        for sep in "<>=!~ ":
            base = base.split(sep)[0]
        if base.lower().replace("_", "-") not in NOT_IN_BROWSER:
            out.append(name)
    return out


def _files(package: Path, data: Path) -> list[tuple[str, Path]]:
    """(name in the wheel, file on disk): package sources, then the content as ``course/_data``."""
    found = [
        (f"course/{p.relative_to(package).as_posix()}", p)
        for p in sorted(package.rglob("*"))
        if p.is_file()
        and not _SKIP_PARTS.intersection(p.relative_to(package).parts)
        and p.suffix not in {".pyc", ".pyo"}
    ]
    found += [
        (f"course/_data/{p.relative_to(data).as_posix()}", p)
        for p in sorted(data.rglob("*"))
        if p.is_file() and not _SKIP_PARTS.intersection(p.relative_to(data).parts)
    ]
    return found


def _record_line(name: str, payload: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(payload).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(payload)}"


def build_wheel(out_dir: Path, version: str | None = None, data: Path | None = None) -> Path:
    """Write ``jane_susan_course-<version>-py3-none-any.whl`` into ``out_dir``; returns its path."""
    version = version or __version__
    stem = f"{DIST.replace('-', '_')}-{version}"
    info = f"{stem}.dist-info"
    metadata = (
        "\n".join(
            [
                "Metadata-Version: 2.1",
                f"Name: {DIST}",
                f"Version: {version}",
                "Requires-Python: >=3.10",
                "Summary: Boundaries, transference and rupture repair, taught through one fictional case.",
            ]
            + [f"Requires-Dist: {req}" for req in browser_requirements()]
        )
        + "\n"
    )
    wheel = "Wheel-Version: 1.0\nGenerator: course.wheel\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    entries = [
        (name, path.read_bytes())
        for name, path in _files(repo_root() / "course", Path(data) if data is not None else data_dir())
    ]
    entries += [
        (f"{info}/METADATA", metadata.encode()),
        (f"{info}/WHEEL", wheel.encode()),
        (f"{info}/top_level.txt", b"course\n"),
    ]
    record = "\n".join([_record_line(n, b) for n, b in entries] + [f"{info}/RECORD,,"]) + "\n"
    return write_fixed_zip(out_dir / f"{stem}-py3-none-any.whl", entries + [(f"{info}/RECORD", record.encode())])
