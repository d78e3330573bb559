"""A description of the machine the bench ran on, stored with its figures."""

from __future__ import annotations

import os
import platform
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any

PACKAGES = (
    "jupyterlab",
    "ipykernel",
    "ipywidgets",
    "nbclient",
    "matplotlib",
    "numpy",
    "pydantic",
    "PyYAML",
    "playwright",
    "jane-susan-course",
)


def _first(path: str, key: str) -> str | None:
    """Value of the first ``key: value`` (or ``key=value``) line of a system file, if readable."""
    try:
        for line in Path(path).read_text().splitlines():
            name, sep, value = line.partition(":" if ":" in line else "=")
            if sep and name.strip() == key:
                return value.strip().strip('"')
    except OSError:
        pass
    return None


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def describe() -> dict[str, Any]:
    """CPU, cores, memory, OS, Python, package versions, load and date (Chromium's is with #4)."""
    mem_kb = _first("/proc/meminfo", "MemTotal")
    return {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "cpu": _first("/proc/cpuinfo", "model name") or platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "memory_gib": round(int(mem_kb.split()[0]) / 1024**2, 1) if mem_kb else None,
        "os": _first("/etc/os-release", "PRETTY_NAME") or platform.platform(),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None,
        "packages": {name: _version(name) for name in PACKAGES},
    }


def one_line(machine: dict[str, Any]) -> str:
    """The machine in one line, for the top of the printed report."""
    return (
        f"{machine['cpu']}, {machine['cores']} cores, {machine['memory_gib']} GiB, {machine['os']}, "
        f"Python {machine['python']}, {machine['date']}"
    )
